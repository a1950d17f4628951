"""The suggest form's rules and `library check` give the same answer on the same values.

Generated values, valid and invalid, of every kind of field the form offers (the
library's own fields from mkdocs.yml too) go to the page's rules module in Chromium
and, written into a record file as `library import` writes it, to the checker. Both
must accept the same values, with the same stored value, and refuse the same ones.
Whole records the form accepts must be files the checker accepts, written exactly
as import writes that record.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from playwright.sync_api import Browser, Page
from policy_library.model.records import parse_bytes, short_id, suggest_id
from policy_library.model.tabular import record_row, record_text
from policy_library.model.taxonomy import STATE_NAMES, STATES, Taxonomy

from tests.browser.suggest_support import SuggestSite, check_in_page, open_form, record_in_page, suggest_site  # noqa: F401

OWN_ID = "agreement-test-record"
BASE = {
    "title": "Agreement Test Record",
    "summary": "A record that every generated value is tried in.",
    "document_type": "Ordinance",
    "policy_areas": ["Immigration"],
}
SEPARATOR = re.compile(r"[;,]")

# Characters that matter to the rules: spaces of every kind, controls, bidirectional
# marks, combining accents, case that folds oddly, YAML's punctuation, digits.
TRICKY = (
    " \t\n\r\x0b\x0c\x1c\x85\xa0\u1680\u2003\u2028\u3000\ufeff\x00\x07\x1b\x7f\x9f\u200b\u202e\u2066"
    "\u0301\u0308\u0327\u0903ßẞς\u017f\u0130\u0131\ufb00\u212a"
    ":#,[]{}&*!|>'\"%@`-?~=<.;/\\+_"
    "0123456789éñü"
)
text_values = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(TRICKY), max_size=24)
yaml_words = st.sampled_from(
    ["yes", "No", "null", "~", "true", "OFF", "1.5", "0x1F", "1_000", "2017-01-25", "12:30", ".inf", "<<", "=", "!x", "&a", "*b", "- x", "a: b", "#c"]
)


def cased(word: str) -> st.SearchStrategy[str]:
    """The word in several cases, with accents and surrounding spaces."""
    return st.sampled_from([word, word.lower(), word.upper(), f"  {word} ", word.replace("e", "é"), word.replace("a", "a\u0301"), word[:-1], word + "s"])


def vocabulary_value(values: list[str], labels: list[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(values).flatmap(cased) | st.sampled_from(labels).flatmap(cased) | text_values


def dates() -> st.SearchStrategy[str]:
    parts = st.tuples(
        st.integers(0, 3500).map(lambda y: f"{y:04d}") | st.sampled_from(["999", "20170", "\uff12\uff10\uff11\uff17", "\u0662\u0660\u0661\u0667"]),
        st.sampled_from(["", "-"]) | st.just("-"),
        st.integers(0, 13).map(str) | st.integers(0, 13).map(lambda m: f"{m:02d}"),
        st.sampled_from(["", "-"]),
        st.integers(0, 32).map(str) | st.integers(0, 32).map(lambda d: f"{d:02d}"),
    )
    composed = parts.map(lambda p: p[0] + (p[1] + p[2] + (p[3] + p[4] if p[3] else "") if p[1] else ""))
    return composed | st.sampled_from(["2016-02-29", "2017-02-29", "2000-02-29", "1900-02-29", " 2017 ", "2017-1-5", "2017/01/05"]) | text_values


def addresses() -> st.SearchStrategy[str]:
    scheme = st.sampled_from(["http", "https", "HTTPS", "ftp", "javascript", "mailto", "", "h-t.tp", "1http"])
    between = st.sampled_from(["://", ":", ":/", "//", ""])
    user = st.sampled_from(["", "user@", "user:pw@", "@"])
    host = st.sampled_from(
        [
            "example.org",
            "www.Example.ORG",
            "",
            ":80",
            "exa mple.org",
            "[::1]",
            "[::1",
            "::1]",
            "[fe80::1%25eth0]",
            "[v1.x]",
            "[1.2.3.4]",
            "ex\u2100ample.org",
            "bücher.de",
            "a.b:8080",
        ]
    )
    path = st.sampled_from(["", "/", "/index.html", "/Home.ASPX", "/doc.pdf", "/doc?x=1", "?q=1", "#top", "/a b", "/ümlaut"])
    composed = st.tuples(scheme, between, user, host, path).map("".join)
    return composed | text_values


def ids() -> st.SearchStrategy[str]:
    return (
        st.sampled_from(
            ["alpha-ordinance", "beta-bill", OWN_ID, "records/beta-bill.md", "/gamma-policy/", "Beta Bill", "beta--bill", "beta_bill", "index", "x.md"]
        )
        | text_values
    )


def states() -> st.SearchStrategy[str]:
    names = [name for names in STATE_NAMES.values() for name in names.values()]
    one = (
        st.sampled_from(list(STATES)).flatmap(cased)
        | st.sampled_from(names).flatmap(cased)
        | st.sampled_from(["Washingon", "D.C.", "Maßachusetts", "PUERTO RICO", "us"])
    )
    return st.tuples(st.lists(one | text_values, max_size=3), st.sampled_from([", ", ";", ","])).map(lambda p: p[1].join(p[0]))


def value_for(name: str, taxonomy: Taxonomy) -> st.SearchStrategy[Any]:
    spec = taxonomy.fields[name]
    if spec.kind == "choice":
        vocabulary = taxonomy[name]
        one = vocabulary_value(vocabulary.values, [vocabulary.label(v, "es") for v in vocabulary.values])
        # A group of checkboxes gives a list; one select, a single value.
        return st.lists(one, max_size=3) if spec.multiple else one
    if spec.kind == "state":
        return states()
    if spec.kind == "language":
        return st.sampled_from(["en", "ES", "Es", " es ", "fr", "english", ""]) | text_values
    if spec.kind == "date":
        return dates()
    if spec.kind == "url":
        return addresses()
    if spec.kind == "record":
        return st.lists(ids(), max_size=3).map(", ".join)
    if spec.multiple:
        # Some keywords long enough to be warned about.
        return st.lists(text_values | yaml_words | st.text(min_size=55, max_size=70), max_size=3).map(", ".join)
    if name == "summary":
        sentences = st.lists(st.sampled_from(["One.", "Two!", "three?", "Four.", "¿Cinco?", "A b.", "x", "E.g. this", "\u00a0Six."]), max_size=6).map(" ".join)
        return sentences | text_values | yaml_words
    return text_values | yaml_words


# The checker's warnings the form gives too (not the mixed-script one: see the notes).
WARNINGS = ("is long for a keyword", "is longer than three sentences")


def python_verdict(taxonomy: Taxonomy, name: str, value: Any) -> tuple[bool, Any, bool]:
    """The checker's answer about one field's value, in a record file written as `library import` writes it."""
    spec = taxonomy.fields[name]
    row: dict[str, Any] = dict(BASE)
    if spec.multiple:
        # As the form splits a box of several values (a group of checkboxes gives them apart).
        row[name] = value if isinstance(value, list) else [p.strip() for p in SEPARATOR.split(value) if p.strip()]
    else:
        row[name] = value
    text = record_text(row, taxonomy)
    record, problems = parse_bytes(text.encode("utf-8"), OWN_ID, taxonomy, path="agreement.md")
    broken = [p for p in problems if p.is_error]
    # A file YAML cannot read is the checker's refusal of the value that made it so.
    assert all(p.field in (name, "frontmatter") for p in broken), (text, [str(p) for p in broken])
    if broken or record is None:
        return False, None, False
    values = record.values(name)
    warned = any(p.field == name and any(w in p.message for w in WARNINGS) for p in problems)
    return True, list(values) if spec.multiple else (values[0] if values else ""), warned


@pytest.fixture(scope="module")
def form_page(browser: Browser, suggest_site: SuggestSite) -> Any:  # noqa: F811
    context = browser.new_context()
    page = context.new_page()
    open_form(page, suggest_site)
    yield page
    context.close()


def test_page_and_checker_agree_on_generated_values(form_page: Page, suggest_site: SuggestSite) -> None:  # noqa: F811
    taxonomy = suggest_site.taxonomy
    names = [f.name for f in taxonomy.fields.values() if f.kind != "file"]
    assert {"status", "adopted", "minutes", "sponsor"} <= set(names), "the library's own fields are in the form"
    seen: Counter[tuple[str, bool]] = Counter()
    warnings: Counter[bool] = Counter()
    disagreements: list[str] = []

    @settings(max_examples=700, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.sampled_from(names).flatmap(lambda name: st.tuples(st.just(name), value_for(name, taxonomy))))
    # Besides the generated values, every time: the checker's two warnings, and the values that found its bugs.
    @example(("summary", "One. Two. Three. ¿Four?"))
    @example(("tags", "short, " + "a keyword that has grown into a whole sentence about the document"))
    @example(("source_url", "http://[::1/x"))
    @example(("minutes", "https://exa\u2100mple.org/"))
    @example(("date", "\uff12\uff10\uff11\uff17"))
    @example(("states", "Maßachusetts, Nuevo México"))
    @example(("policy_areas", ["inmigración", "LABOR"]))
    @example(("title", "a\x7fb"))
    @example(("amends", "beta-bill, records/beta-bill.md"))
    @example(("date", "2240-00-00"))
    @example(("date", "2019-05-00"))
    @example(("adopted", "1940-0-00"))
    def check(case: tuple[str, Any]) -> None:
        name, value = case
        ok, stored, warned = python_verdict(taxonomy, name, value)
        answer = check_in_page(form_page, name, value, OWN_ID)
        page_ok = not answer["problems"]
        if taxonomy.fields[name].default and answer["value"] == "":
            answer["value"] = taxonomy.fields[name].default  # left empty, a field has its default
        seen[(name, ok)] += 1
        warnings[warned] += 1
        if page_ok != ok or (ok and answer["value"] != stored) or bool(answer["warnings"]) != warned:
            disagreements.append(f"{name}={value!r}: checker {'accepts ' + repr(stored) if ok else 'refuses'}, page {answer}")

    check()
    assert disagreements == [], "\n".join(disagreements[:20])
    total = sum(seen.values())
    valid = sum(n for (_, ok), n in seen.items() if ok)
    print(f"{total} values: {valid} valid ({warnings[True]} with a warning), {total - valid} invalid, over {len({name for name, _ in seen})} fields")
    assert warnings[True] >= 2
    assert total >= 500 and valid >= 100 and total - valid >= 100, seen


# Text as people type it (no controls), with the characters YAML and the page care about.
printable = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from(TRICKY[-60:]), max_size=90)


@st.composite
def drafts(draw: st.DrawFn, taxonomy: Taxonomy) -> dict[str, Any]:
    """What an editor fills in: mostly good values, in the form's controls."""
    inputs: dict[str, Any] = {
        "title": draw(printable.filter(str.strip) | st.sampled_from(["Index", "Ordinance: 2017", "¿Qué?", "«Ley» de ß"])),
        "summary": draw(printable.filter(str.strip)),
        "document_type": draw(st.sampled_from(taxonomy["document_type"].values)),
        "policy_areas": draw(st.lists(st.sampled_from(taxonomy["policy_areas"].values), min_size=1, max_size=3, unique=True)),
        "level": draw(st.sampled_from(["", *taxonomy["level"].values])),
        "states": ", ".join(draw(st.lists(st.sampled_from([*STATES, *STATES.values()]), max_size=3))),
        "jurisdiction": draw(printable | yaml_words),
        "date": draw(st.sampled_from(["", "2017", "2017-01", "2017-01-25", "2017-1-5", "1999-12-31"])),
        "organization": draw(printable | yaml_words),
        "source_url": draw(st.sampled_from(["", "https://example.org/", "https://example.org/doc.pdf?x=1#p", "http://www.example.org/index.html"])),
        "tags": ", ".join(draw(st.lists(printable | yaml_words, max_size=3))),
        "language": draw(st.sampled_from(["en", "es"])),
        "related": draw(st.sampled_from(["", "alpha-ordinance", "beta-bill, gamma-policy"])),
        "amends": draw(st.sampled_from(["", "delta-ordinance"])),
        "status": draw(st.sampled_from(["", "Proposed", "Enacted", "Repealed"])),
        "adopted": draw(st.sampled_from(["", "2021", "2021-05-03"])),
        "minutes": draw(st.sampled_from(["", "https://example.org/minutes"])),
        "sponsor": draw(text_values | yaml_words),
        "body": draw(st.text(max_size=80)),
    }
    return inputs


def test_accepted_records_are_files_the_checker_accepts_as_import_writes_them(form_page: Page, suggest_site: SuggestSite) -> None:  # noqa: F811
    taxonomy = suggest_site.taxonomy
    accepted = 0

    @settings(max_examples=150, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(drafts(taxonomy))
    @example({**BASE, "body": "\x85"})
    @example({**BASE, "body": "\u202a"})
    @example({**BASE, "body": "Cafe\u0301 \u2067x\u2069\n\u202e"})
    def check(inputs: dict[str, Any]) -> None:
        nonlocal accepted
        answer = record_in_page(form_page, inputs)
        if not answer["ok"]:
            return
        accepted += 1
        text = answer["markdown"]
        record, problems = parse_bytes(text.encode("utf-8"), answer["id"], taxonomy, path=f"{answer['id']}.md")
        assert record is not None and not [p for p in problems if p.is_error], (text, [str(p) for p in problems])
        assert answer["id"] == short_id(suggest_id(record.title))
        assert record_text(record_row(record, taxonomy), taxonomy) == text

    check()
    assert accepted >= 100
