"""Every word the registry gives the Spanish pages: vocabulary labels, state names, field labels and help.

The canonical values (what records, addresses and the data files hold) stay English; only what a
visitor reads changes with the page's language.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from markdown import Markdown
from policy_library.model.fields import DEFAULT_FIELDS, FieldConfigError, parse_fields
from policy_library.model.taxonomy import STATES, STATES_ES, Taxonomy, resolve_state, state_name
from policy_library.site.config import Vocabularies

SPANISH = "es"


def missing_spanish(taxonomy: Taxonomy) -> list[str]:
    """Every vocabulary value, state and field of the registry that has no Spanish words, as `field: value`."""
    missing = [f"{name}: {value}" for name, vocabulary in taxonomy.vocabularies.items() for value in vocabulary.untranslated(SPANISH)]
    missing += [f"states: {code}" for code in STATES if not STATES_ES.get(code, "").strip()]
    for spec in taxonomy.fields.values():
        if not spec.label.get(SPANISH, "").strip():
            missing.append(f"{spec.name}: label")
        if spec.plural and not spec.plural.get(SPANISH, "").strip():
            missing.append(f"{spec.name}: plural")
        if not spec.help_l10n.get(SPANISH, "").strip() or not spec.help.strip():
            missing.append(f"{spec.name}: help")
        if not spec.meaning_l10n.get(SPANISH, "").strip() or not spec.meaning.strip():
            missing.append(f"{spec.name}: meaning")
    return missing


def test_every_default_vocabulary_value_state_and_field_has_spanish_words() -> None:
    assert missing_spanish(Taxonomy.from_config()) == []
    assert set(STATES_ES) == set(STATES)


def test_the_check_fails_when_one_spanish_label_is_missing() -> None:
    areas = next(f for f in DEFAULT_FIELDS if f.name == "policy_areas")
    values = tuple({"Housing": {"en": "Housing"}} if "Housing" in v else v for v in areas.values)
    fields = tuple(replace(f, values=values) if f.name == "policy_areas" else f for f in DEFAULT_FIELDS)
    assert missing_spanish(Taxonomy.from_config(fields=fields)) == ["policy_areas: Housing"]
    # A plain value (no labels at all) has no Spanish label either.
    assert missing_spanish(Taxonomy.from_config({"level": ["Federal", {"State": {"en": "State", "es": "Estatal"}}]})) == ["level: Federal"]
    untranslated_help = tuple(replace(f, help_l10n={}) if f.name == "date" else f for f in DEFAULT_FIELDS)
    assert missing_spanish(Taxonomy.from_config(fields=untranslated_help)) == ["date: help"]


def test_labels_change_with_the_language_and_values_stay_english() -> None:
    taxonomy = Taxonomy.from_config()
    assert taxonomy.policy_areas.values[0] == "Immigration"
    assert taxonomy.value_label("policy_areas", "Immigration") == "Immigration"
    assert taxonomy.value_label("policy_areas", "Immigration", SPANISH) == "Inmigración"
    assert taxonomy.value_label("document_type", "Executive Order", SPANISH) == "Orden ejecutiva"
    assert taxonomy.value_label("level", "County", SPANISH) == "Condado"
    assert taxonomy.value_label("states", "NM", SPANISH) == "Nuevo México"
    assert taxonomy.value_label("states", "NC", SPANISH) == "Carolina del Norte"
    assert taxonomy.value_label("states", "NC") == "North Carolina"
    # A language without labels of its own reads English.
    assert taxonomy.value_label("level", "County", "fr") == "County"
    assert state_name("NY", "fr") == "New York"
    # The English label of a value declared with labels per language is its English label, not the mapping.
    assert all(label == value for value, label in taxonomy.document_types.labels.items())


def test_spanish_names_and_labels_are_read_as_their_value() -> None:
    taxonomy = Taxonomy.from_config()
    assert taxonomy.policy_areas.resolve("inmigracion") == "Immigration"
    assert taxonomy.document_types.resolve("Hoja informativa") == "Fact Sheet"
    assert resolve_state("Nueva York") == "NY"
    assert resolve_state("nuevo mexico") == "NM"
    assert resolve_state("New Mexico") == "NM"


def test_states_are_ordered_by_their_name_in_the_language() -> None:
    taxonomy = Taxonomy.from_config()
    english = taxonomy.value_order("states")
    spanish = taxonomy.value_order("states", SPANISH)
    assert english == [code for code, _ in sorted(STATES.items(), key=lambda item: item[1])]
    # "Pensilvania" comes before "Puerto Rico" and after "Oregón"; "Nueva York" among the N's, not after "New Mexico".
    assert spanish.index("OR") < spanish.index("PA") < spanish.index("PR")
    assert spanish.index("NJ") < spanish.index("NY") < spanish.index("OH")
    assert english.index("NY") < english.index("NC")
    assert spanish.index("NC") < spanish.index("NY")


def test_a_library_declares_labels_per_language_in_its_configuration() -> None:
    registry = parse_fields(
        {
            "status": {"label": {"en": "Status", "es": "Estado"}, "values": [{"Enacted": {"en": "Enacted", "es": "Aprobado"}}, "Repealed"], "facet": True},
            "level": {"help": {"en": "Where it comes from.", "es": "De dónde proviene."}},
        }
    )
    taxonomy = Taxonomy.from_config(fields=registry)
    assert taxonomy["status"].values == ["Enacted", "Repealed"]
    assert taxonomy.value_label("status", "Enacted", SPANISH) == "Aprobado"
    assert taxonomy.value_label("status", "Repealed", SPANISH) == "Repealed"
    assert taxonomy["status"].untranslated(SPANISH) == ["Repealed"]
    assert taxonomy.field("level").help_in() == "Where it comes from."
    assert taxonomy.field("level").help_in(SPANISH) == "De dónde proviene."
    # A built-in field whose help is changed in English only loses its Spanish help (it would say something else).
    only_english = Taxonomy.from_config(fields=parse_fields({"level": {"help": "Where it comes from."}}))
    assert only_english.field("level").help_in(SPANISH) == "Where it comes from."
    # The example of a field of the library's own is the value, never the mapping.
    assert taxonomy.field("status").example == "Enacted"
    # The `vocabularies` option takes the same form.
    assert Vocabularies().run_validation({"level": [{"County": {"en": "County", "es": "Condado"}}]})


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ([{"Enacted": {"en": "Enacted", "fr": "Adopté"}}], "fields: status: values: Enacted: 'fr' is not a language of the site; use en and es"),
        ([{"Enacted": {"es": ""}}], "fields: status: values: Enacted: each language's label must be text, for example Enacted: {en: Enacted, es: ...}"),
    ],
)
def test_a_wrong_label_per_language_is_one_line_with_its_fix(values: list[object], message: str) -> None:
    with pytest.raises(FieldConfigError) as raised:
        parse_fields({"status": {"values": values}})
    assert str(raised.value) == message


def _anchors(markdown_text: str) -> set[str]:
    md = Markdown(extensions=["toc", "tables"])
    md.convert(markdown_text)
    return {token["id"] for token in _walk(md.toc_tokens)}  # type: ignore[attr-defined]


def _walk(tokens: list[dict[str, object]]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for token in tokens:
        out.append(token)
        out += _walk(token["children"])  # type: ignore[arg-type]
    return out


@pytest.mark.parametrize("language", ["en", SPANISH])
def test_the_help_links_to_headings_the_editing_guide_has_in_its_language(language: str) -> None:
    from policy_library.site.guide import field_reference

    taxonomy = Taxonomy.from_config()
    anchors = _anchors(field_reference(taxonomy, language))
    links = {link for spec in taxonomy.fields.values() for link in re.findall(r"\]\(#([^)]+)\)", spec.help_in(language))}
    assert links, "the help links to the value lists"
    assert links <= anchors


def test_every_open_data_column_has_its_meaning_in_spanish() -> None:
    from policy_library.site.opendata import columns

    described = columns(Taxonomy.from_config())
    assert [c.name for c in described if not c.meaning_l10n.get(SPANISH, "").strip()] == []
    assert next(c for c in described if c.name == "states").meaning_in(SPANISH).startswith("Códigos USPS")
    assert next(c for c in described if c.name == "id").meaning_in().startswith("The record's identifier")
