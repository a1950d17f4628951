"""`library new`: a record file to fill in, with every field explained in place.

Required fields the editor has not given are left empty, so that `check`
names them; optional fields are present as comments saying what they hold.
The file is created exclusively: an existing record is never overwritten.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from policy_library.cli.project import Project
from policy_library.model.dates import ACCEPTED_FORMS
from policy_library.model.fields import Field
from policy_library.model.problems import Problem
from policy_library.model.records import ID_PATTERN, parse_bytes, short_id, suggest_id
from policy_library.model.tabular import QUOTED_FIELDS, yaml_scalar
from policy_library.model.taxonomy import LANGUAGES, Taxonomy, Vocabulary, closest_states, resolve_state

_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class Draft:
    """What the editor has said about the new record so far."""

    title: str = ""
    summary: str = ""
    document_type: str = ""
    policy_areas: list[str] = field(default_factory=list)
    level: str = ""
    states: list[str] = field(default_factory=list)
    jurisdiction: str = ""
    date: str = ""
    organization: str = ""
    source_url: str = ""
    # Any other field of the registry (a library's own, or tags, language, ...), by name.
    other: dict[str, str | list[str]] = field(default_factory=dict)

    def given(self) -> set[str]:
        return {name for name, value in vars(self).items() if value and name != "other"} | {name for name, value in self.other.items() if value}

    def value(self, name: str) -> str | list[str]:
        if name != "other" and name in vars(self):
            return getattr(self, name)  # type: ignore[no-any-return]
        return self.other.get(name, "")


def split_values(raw: list[str], vocabulary: Vocabulary | None = None) -> list[str]:
    """Values from repeated options or one option with `;` or `,` between values."""
    result: list[str] = []
    for text in raw:
        parts = [text] if vocabulary is not None and vocabulary.resolve(text.strip()) else re.split(r"[;,]", text)
        result.extend(p.strip() for p in parts if p.strip())
    return result


# --- the file -----------------------------------------------------------------


def _line(name: str, value: str | list[str], *, quoted: bool = False) -> str:
    if name == "date" and isinstance(value, str) and _ISO.match(value):
        return f"date: {value}"  # YAML reads it as a date, which records accept
    if isinstance(value, list):
        return f"{name}: [{', '.join(yaml_scalar(v, quoted=False) for v in value)}]"
    return f"{name}: {yaml_scalar(value, quoted=quoted)}"


def _plain(help_text: str) -> str:
    """A field's help without Markdown: links keep their words, code its text."""
    return re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", help_text).replace("`", "")


# The template's own words per language (the editing guide shows the template in the page's language).
TEMPLATE_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "one of": "One of: {values}.",
        "one or more of": "One or more of: {values}.",
        "optional": 'Optional fields: to use one, delete the "# " at the start of its line and change the example.',
    },
    "es": {
        "one of": "Uno de: {values}.",
        "one or more of": "Uno o más de: {values}.",
        "optional": 'Campos opcionales: para usar uno, borre el "# " al principio de su línea y cambie el ejemplo.',
    },
}


def explanation(spec: Field, taxonomy: Taxonomy, language: str = "en") -> str:
    """What to write in a field, in one comment line: its help, and a choice field's values."""
    words = TEMPLATE_WORDS.get(language, TEMPLATE_WORDS["en"])
    if spec.kind == "choice" and spec.name in taxonomy.vocabularies:
        # The values say it all; the guide's help only points at them.
        return words["one or more of" if spec.multiple else "one of"].format(values=", ".join(taxonomy[spec.name].values))
    text = _plain(spec.help_in(language))
    if spec.kind == "language":
        text += " " + words["one of"].format(values=", ".join(LANGUAGES))
    return text


def template(draft: Draft, taxonomy: Taxonomy, note: str, language: str = "en") -> str:
    """The record file, made from the registry; `note` is its first comment, saying what to do next.

    Required fields come first, empty where the editor has not said (so that
    `library check` names them); every optional field follows as a comment
    with its explanation and an example.
    """
    fields = list(taxonomy.fields.values())
    lines = ["---", f"# {note}"]
    for spec in (f for f in fields if f.required):
        value = draft.value(spec.name)
        if spec.name != "title":
            lines.append(f"# {explanation(spec, taxonomy, language)}")
        if value or spec.multiple:
            lines.append(_line(spec.name, value, quoted=spec.name in QUOTED_FIELDS))
        else:
            lines.append(f"{spec.name}:")
    lines += ["#", f"# {TEMPLATE_WORDS.get(language, TEMPLATE_WORDS['en'])['optional']}"]
    for spec in (f for f in fields if not f.required):
        value = draft.value(spec.name)
        lines.append(f"# {explanation(spec, taxonomy, language)}")
        lines.append(_line(spec.name, value) if value else f"# {spec.name}: {spec.example}")
    lines += ["---", "", ""]
    return "\n".join(lines)


def option_problems(draft: Draft, taxonomy: Taxonomy) -> list[Problem]:
    """Errors in what the editor gave (not in what is still to be filled in)."""
    text = template(draft, taxonomy, "")
    _, problems = parse_bytes(text.encode("utf-8"), "new-record", taxonomy, path="new record")
    return [p for p in problems if p.is_error and p.field in draft.given()]


def choose_id(title: str, records_dir: Path) -> str:
    base = short_id(suggest_id(title))
    rid, n = base, 1
    while (records_dir / f"{rid}.md").exists():
        n += 1
        rid = f"{base}-{n}"
    return rid


def write(project: Project, draft: Draft, rid: str | None = None) -> Path:
    """Create the record file; FileExistsError if `rid` is taken (an explicit id is never changed)."""
    records_dir = project.records_dir
    records_dir.mkdir(parents=True, exist_ok=True)
    explicit = rid is not None
    while True:
        chosen = rid if explicit else choose_id(draft.title, records_dir)
        assert chosen is not None
        path = records_dir / f"{chosen}.md"
        text = template(draft, project.taxonomy, f"Fill in the empty fields, then run: library check {project.display(path)}")
        try:
            # Exclusive creation: even a file that appeared a moment ago is never overwritten.
            with path.open("x", encoding="utf-8", newline="\n") as out:
                out.write(text)
            return path
        except FileExistsError:
            if explicit:
                raise


def valid_id(rid: str) -> bool:
    return bool(ID_PATTERN.match(rid))


# --- asking in a terminal -----------------------------------------------------


Ask = Callable[[str], str]


def interview(draft: Draft, taxonomy: Taxonomy, ask: Ask, say: Callable[[str], None]) -> Draft:
    """Ask for each field in turn; Enter leaves a field for later, a wrong value is asked again."""
    say("A new record. Press Enter to leave a field empty and fill it in later in the file.")
    while not draft.title:
        draft.title = " ".join(ask("Title: ").split())
        if not draft.title:
            say("  A record needs a title, for example: King County Ordinance 17886")
    draft.summary = draft.summary or " ".join(ask("Summary (one to three sentences): ").split())
    if not draft.document_type:
        draft.document_type = _first(_ask_choice(taxonomy.document_types, "Document type", ask, say, many=False))
    if not draft.policy_areas:
        draft.policy_areas = _ask_choice(taxonomy.policy_areas, "Policy areas (several: separate with commas)", ask, say, many=True)
    if not draft.states:
        draft.states = _ask_states(ask, say)
    if not draft.date:
        draft.date = _ask_date(ask, say)
    for spec in taxonomy.custom:
        if draft.other.get(spec.name):
            continue
        if spec.kind == "choice":
            label = spec.label_in() + (" (several: separate with commas)" if spec.multiple else "")
            chosen = _ask_choice(taxonomy[spec.name], label, ask, say, many=spec.multiple)
            draft.other[spec.name] = chosen if spec.multiple else _first(chosen)
        else:
            answer = " ".join(ask(f"{spec.label_in()}: ").split())
            draft.other[spec.name] = split_values([answer]) if spec.multiple and answer else answer
    return draft


def _first(values: list[str]) -> str:
    return values[0] if values else ""


def _ask_choice(vocabulary: Vocabulary, label: str, ask: Ask, say: Callable[[str], None], *, many: bool) -> list[str]:
    values = vocabulary.values
    say(f"{label}:")
    for number, value in enumerate(values, start=1):
        say(f"  {number:2d}. {value}")
    while True:
        answer = ask("Number or name: " if not many else "Numbers or names: ").strip()
        if not answer:
            return []
        chosen, wrong = [], []
        for part in re.split(r"[;,]", answer) if many else [answer]:
            part = part.strip()
            if part.isdigit() and 1 <= int(part) <= len(values):
                chosen.append(values[int(part) - 1])
            elif value := vocabulary.resolve(part):
                chosen.append(value)
            elif part:
                wrong.append(part)
        if not wrong and chosen:
            return chosen
        for part in wrong:
            near = vocabulary.closest(part)
            say(f"  {part!r} is not in the list" + (f"; did you mean {', '.join(near)}?" if near else "; type its number"))


def _ask_states(ask: Ask, say: Callable[[str], None]) -> list[str]:
    while True:
        answer = ask("States (postal codes or names, separated by commas; Enter for a national document): ").strip()
        codes, wrong = [], []
        for part in (p.strip() for p in re.split(r"[;,]", answer) if p.strip()):
            code = resolve_state(part)
            if code:
                codes.append(code)
            else:
                wrong.append(part)
        if not wrong:
            return codes
        for part in wrong:
            near = closest_states(part)
            say(f"  {part!r} is not a US state, DC or territory" + (f"; did you mean {', '.join(near)}?" if near else ""))


def _ask_date(ask: Ask, say: Callable[[str], None]) -> str:
    from policy_library.model.dates import PartialDate

    while True:
        answer = ask("Date (YYYY, YYYY-MM or YYYY-MM-DD): ").strip()
        if not answer:
            return ""
        try:
            return PartialDate.parse(answer).iso()
        except ValueError as error:
            say(f"  {error}; {ACCEPTED_FORMS}")
