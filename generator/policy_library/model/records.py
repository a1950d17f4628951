"""A record: one document of the library, read from `docs/records/<id>.md`.

Parsing never raises for anything an editor can write: it returns the record
(or None) and the list of problems, each with the file, line and field.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import frontmatter
import yaml

from policy_library.model import archive
from policy_library.model.addresses import is_home_page
from policy_library.model.dates import ACCEPTED_FORMS, PartialDate
from policy_library.model.fields import DEFAULT_FIELDS, Field
from policy_library.model.limits import body_problem, value_problem
from policy_library.model.problems import Problem, Severity
from policy_library.model.taxonomy import LANGUAGES, STATES, Taxonomy, Vocabulary, closest_states, resolve_state
from policy_library.model.unicode_text import mixed_script_word, normalize

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Ids of pages the site itself makes where record pages go: docs/records/index.md
# would become the records folder's own page (records/), while every link to the
# record points to records/index/.
RESERVED_IDS = frozenset({"index"})
RESERVED_SUFFIX = "-record"  # added to a reserved id made from a title
FALLBACK_ID = "record"  # the id of a title without a letter or digit
# An id made from a title is at most this long, cut at a hyphen (`library new`, import, the suggest form).
ID_LENGTH = 80
# A keyword longer than this is warned about.
LONG_ITEM = 60
# The built-in fields (a library's own come from its registry: Taxonomy.fields).
RECORD_FIELDS = tuple(f.name for f in DEFAULT_FIELDS)
REQUIRED = tuple(f.name for f in DEFAULT_FIELDS if f.required)
FRONTMATTER_EXAMPLE = 'start the file with a line "---", the fields, then another "---"'


@dataclass(frozen=True)
class Record:
    id: str
    path: str
    title: str
    summary: str
    document_type: str
    policy_areas: tuple[str, ...]
    level: str | None = None
    states: tuple[str, ...] = ()
    jurisdiction: str | None = None
    date: PartialDate | None = None
    organization: str | None = None
    source_url: str | None = None
    tags: tuple[str, ...] = ()
    language: str = "en"
    related: tuple[str, ...] = ()
    amends: tuple[str, ...] = ()
    file: str | None = None
    body: str = ""
    # Values of the fields the library declared itself (mkdocs.yml), by name.
    custom: Mapping[str, Any] = field(default_factory=dict)
    # Keys no field of the registry knows: kept as written, and warned about.
    extra: Mapping[str, Any] = field(default_factory=dict)
    attachment: str = field(default="", repr=False)  # the text of `file`, once read (model/attachments.py)
    lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)

    @property
    def url(self) -> str:
        """The record page's URL, relative to the site root."""
        return f"records/{self.id}/"

    @property
    def state_names(self) -> tuple[str, ...]:
        return tuple(STATES[code] for code in self.states)

    @property
    def source_domain(self) -> str | None:
        if not self.source_url:
            return None
        host = urlsplit(self.source_url).hostname or ""
        return host.removeprefix("www.")

    @property
    def source_is_home_page(self) -> bool:
        """The source address leads only to the publisher's home page, not to the document."""
        return is_home_page(self.source_url)

    def line_of(self, name: str) -> int:
        return self.lines.get(name, 1)

    def value(self, name: str) -> Any:
        """Any registry field's value: text, a tuple of values, a date, or None."""
        if name in _BUILTIN:
            return getattr(self, name)
        return self.custom.get(name)

    def values(self, name: str) -> tuple[str, ...]:
        """A field's values as a tuple of text, empty when the record has none."""
        # value(name), inline: the search data and the pages call this for every field of every record.
        value = getattr(self, name) if name in _BUILTIN else self.custom.get(name)
        if type(value) is tuple:
            return value
        if value is None or value == "":
            return ()
        if isinstance(value, tuple):
            return value
        return (value.iso() if isinstance(value, PartialDate) else str(value),)


_BUILTIN = frozenset(RECORD_FIELDS)


# --- reading the file ---------------------------------------------------------


def record_id(path: Path) -> str:
    return path.stem


def suggest_id(text: str) -> str:
    from policy_library.model.taxonomy import comparable

    slug = re.sub(r"[^a-z0-9]+", "-", comparable(text)).strip("-")
    if slug in RESERVED_IDS:
        return f"{slug}{RESERVED_SUFFIX}"
    return slug or FALLBACK_ID


def short_id(slug: str) -> str:
    """An id of at most ID_LENGTH characters, cut at a hyphen."""
    if len(slug) <= ID_LENGTH:
        return slug
    return slug[:ID_LENGTH].rsplit("-", 1)[0]


def parse_file(path: Path, taxonomy: Taxonomy, *, display_path: str | None = None, docs_dir: Path | None = None) -> tuple[Record | None, list[Problem]]:
    """Read and validate one record file."""
    shown = display_path or str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, [Problem(shown, 1, "file", f"cannot be read: {error.strerror}", "check that the file exists and is readable")]
    return parse_bytes(data, record_id(path), taxonomy, path=shown, docs_dir=docs_dir)


def parse_bytes(data: bytes, rid: str, taxonomy: Taxonomy, *, path: str, docs_dir: Path | None = None) -> tuple[Record | None, list[Problem]]:
    problems: list[Problem] = []
    if not ID_PATTERN.match(rid):
        problems.append(
            Problem(
                path,
                1,
                "id",
                f"the file name {rid!r} is not a valid record id",
                f"use lowercase letters, digits and hyphens only, for example rename it to {suggest_id(rid)}.md",
            )
        )
    elif rid in RESERVED_IDS:
        problems.append(
            Problem(
                path,
                1,
                "id",
                f"the id {rid!r} is the name of the site's own page of the records folder (records/), so the record's page would never be reached",
                "rename the file to say what the document is, for example king-county-ordinance-17886.md",
            )
        )
    text = _decode(data, path, problems)
    if text is None:
        return None, problems
    split = _split(text, path, problems)
    if split is None:
        return None, problems
    fm_text, fm_first_line, body = split
    if nested := body_problem(body):
        offset, message, hint = nested
        body_line = text.count("\n", 0, len(text.rstrip("\n")) - len(body)) + 1
        problems.append(Problem(path, body_line + offset, "body", message, hint))
    mapping = _load_yaml(fm_text, fm_first_line, path, problems, known=taxonomy.fields)
    if mapping is None:
        return None, problems
    values, lines = mapping
    record = _validate(values, lines, rid, body, taxonomy, path, problems, docs_dir)
    if any(p.is_error for p in problems):
        return None, problems
    return record, problems


def _decode(data: bytes, path: str, problems: list[Problem]) -> str | None:
    if not data.strip():
        problems.append(
            Problem(path, 1, "file", "the file is empty", f"a record needs at least title, summary, document_type and policy_areas; {FRONTMATTER_EXAMPLE}")
        )
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        problems.append(
            Problem(
                path,
                line,
                "file",
                f"the file is not UTF-8 text (byte 0x{data[error.start]:02x} at line {line})",
                "save the file with UTF-8 encoding; in most editors: Save As, Encoding: UTF-8",
            )
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _split(text: str, path: str, problems: list[Problem]) -> tuple[str, int, str] | None:
    handler = frontmatter.YAMLHandler()
    if not handler.detect(text):
        hint = "remove the blank lines or spaces before the first ---" if handler.detect(text.lstrip()) else FRONTMATTER_EXAMPLE
        problems.append(Problem(path, 1, "frontmatter", "the file does not start with frontmatter", hint))
        return None
    try:
        fm_text, body = handler.split(text)
    except ValueError:
        problems.append(Problem(path, 1, "frontmatter", "the frontmatter is never closed", 'add a line with only "---" after the last field'))
        return None
    # Line numbers in YAML marks count from the start of the frontmatter text.
    first_line = text.count("\n", 0, max(text.find(fm_text), 0)) + 1
    return fm_text, first_line, body.strip("\n")


# libyaml's loader reads the same YAML with the same marks, about ten times faster:
# it is what keeps `library check` of 10,000 records within a few seconds.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml(
    fm_text: str, first_line: int, path: str, problems: list[Problem], *, known: Collection[str] = _BUILTIN
) -> tuple[dict[str, Any], dict[str, int]] | None:
    """The frontmatter's values and lines; `known`: the fields the library declares (the others are held to tighter limits)."""
    loader: yaml.SafeLoader | None = None
    try:
        # The reader checks the characters as soon as it is made: keep it inside the try.
        loader = _Loader(fm_text)
        node = loader.get_single_node()
        if node is None:
            problems.append(Problem(path, first_line, "frontmatter", "the frontmatter is empty", "add title, summary, document_type and policy_areas"))
            return None
        if not isinstance(node, yaml.MappingNode):
            problems.append(
                Problem(path, first_line + node.start_mark.line, "frontmatter", "the frontmatter is not a list of fields", 'write one "field: value" a line')
            )
            return None
        values: dict[str, Any] = {}
        lines: dict[str, int] = {}
        seen: set[int] = set()
        for key_node, value_node in node.value:
            line = first_line + key_node.start_mark.line
            if not isinstance(key_node, yaml.ScalarNode):
                # A list or group as a field name; str() of an aliased one could be huge.
                problems.append(Problem(path, line, "frontmatter", "a field name must be a word, not a list or group", 'write one "field: value" a line'))
                continue
            key = str(loader.construct_object(key_node, deep=True))
            if key in values:
                problems.append(Problem(path, line, key, f"the field is given twice (first at line {lines[key]})", "keep one of the two"))
                continue
            lines[key] = line
            # Before the value is built: an alias bomb is refused without ever being expanded.
            if refused := value_problem(value_node, seen, known=key in known):
                problems.append(Problem(path, line, key, *refused))
                continue
            try:
                values[key] = loader.construct_object(value_node, deep=True)
            except (ValueError, OverflowError) as error:
                # PyYAML reads an unquoted 2017-02-30 as a date and fails on it.
                hint = ACCEPTED_FORMS if key == "date" else "put the value in double quotes"
                shown = value_node.value if isinstance(value_node, yaml.ScalarNode) else "the value"
                problems.append(Problem(path, line, key, f"{shown!r} cannot be read: {error}", hint))
        return values, lines
    except yaml.constructor.ConstructorError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        if "tag:yaml.org,2002:merge" in (error.problem or ""):
            problems.append(Problem(path, line, "frontmatter", "the YAML merge key << is not allowed in records", "write each field out in full"))
            return None
        if "constructor for the tag" not in (error.problem or ""):
            problems.append(
                Problem(
                    path,
                    line,
                    "frontmatter",
                    f"the frontmatter cannot be read: {error.problem}",
                    "write plain fields and simple lists such as tags: [first, second]",
                )
            )
            return None
        problems.append(
            Problem(
                path,
                line,
                "frontmatter",
                f"YAML tags such as {_tag_of(error)} are not allowed in records",
                "remove the word starting with ! before the value; records hold plain text, lists and dates",
            )
        )
        return None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        what = error.problem or "the frontmatter is not valid YAML"
        problems.append(
            Problem(
                path,
                line,
                "frontmatter",
                f"YAML syntax error: {what}",
                'check quotes and colons on this line; put text that contains ": " or starts with a special character in double quotes',
            )
        )
        return None
    except yaml.reader.ReaderError as error:
        line = first_line + fm_text.count("\n", 0, max(error.position, 0))
        problems.append(
            Problem(
                path,
                line,
                "frontmatter",
                f"the frontmatter contains an invisible control character (#x{error.character:04x})",
                "retype the line; such characters often come with text pasted from PDFs",
            )
        )
        return None
    except yaml.YAMLError as error:
        problems.append(Problem(path, first_line, "frontmatter", f"YAML error: {error}", "check the frontmatter's syntax"))
        return None
    except RecursionError:
        problems.append(
            Problem(
                path, first_line, "frontmatter", "the frontmatter is nested too deeply", "write plain fields and simple lists such as tags: [first, second]"
            )
        )
        return None
    finally:
        if loader is not None:
            loader.dispose()


def _tag_of(error: yaml.MarkedYAMLError) -> str:
    match = re.search(r"tag '([^']*)'", error.problem or "")
    tag = match.group(1) if match else "!"
    return "!" + tag.removeprefix("tag:yaml.org,2002:") if not tag.startswith("!") else tag


# --- validating the fields ----------------------------------------------------


class _Fields:
    """Reads one record's fields, collecting problems rather than raising."""

    def __init__(self, values: dict[str, Any], lines: dict[str, int], path: str, problems: list[Problem], taxonomy: Taxonomy | None = None) -> None:
        self.values = values
        self.lines = lines
        self.path = path
        self.problems = problems
        self.taxonomy = taxonomy
        self.mixed_warned: set[str] = set()

    def required_hint(self, name: str) -> str:
        if name in _REQUIRED_HINTS:
            return _REQUIRED_HINTS[name]
        spec = self.taxonomy.fields.get(name) if self.taxonomy else None
        return f"add a line such as: {name}: {spec.example}" if spec and spec.example else f"add a line such as: {name}: ..."

    def error(self, name: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.path, self.lines.get(name, 1), name, message, hint))

    def warn(self, name: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.path, self.lines.get(name, 1), name, message, hint, Severity.WARNING))

    def present(self, name: str) -> bool:
        value = self.values.get(name)
        return value is not None and value != "" and value != []

    def text(self, name: str, *, required: bool = False) -> str | None:
        if not self.present(name):
            if required:
                self.error(name, "is missing" if name not in self.values else "is empty", self.required_hint(name))
            return None
        value = self.values[name]
        if not _is_plain(value):
            self.error(name, f"must be a piece of text, not {_describe(value)}", 'write it on one line after the colon, in double quotes if it contains ": "')
            return None
        text = self._clean(name, value)
        if text is None:
            return None
        if not text:
            if required:
                self.error(name, "is empty", self.required_hint(name))
            return None
        return text

    def items(self, name: str) -> list[str]:
        """A list of text items; a single value becomes a one-item list."""
        if not self.present(name):
            return []
        value = self.values[name]
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            value = [value]
        if isinstance(value, set):
            value = sorted(value, key=str)  # a YAML !!set; sorted, as set order varies between runs
        if not isinstance(value, list):
            self.error(name, f"must be a list, not {_describe(value)}", f"write {name}: [first, second]")
            return []
        result: list[str] = []
        seen: set[str] = set()
        for item in value:
            if not _is_plain(item):
                # Once per field: an aliased list can repeat the same mistake thousands of times.
                self.error(name, f"contains {_describe(item)}, which is not a value", f"write {name}: [first, second] with plain values")
                break
            text = self._clean(name, item)
            if text is None:
                break
            if text and text not in seen:
                seen.add(text)
                result.append(text)
        return result

    def _clean(self, name: str, value: object) -> str | None:
        """The value as one line of text; None (and an error) if it cannot be shown."""
        text = str(value)
        if _SURROGATE.search(text):
            self.error(name, "contains an escape such as \\ud800 that is not a character", "retype the text without backslash escapes")
            return None
        text = " ".join(_CONTROL.sub("", normalize(text)).split())
        if name not in self.mixed_warned and (mixed := mixed_script_word(text)):
            self.mixed_warned.add(name)  # once per field: a list may repeat the word
            word, scripts = mixed
            self.warn(
                name,
                f"the word {word!r} mixes {' and '.join(scripts)} letters",
                "retype the word: a letter that looks Latin may be Cyrillic or Greek (such as a Cyrillic A, U+0410, in ACLU), which makes it another value",
            )
        return text

    def choice(self, name: str, vocabulary: Vocabulary, raw: str) -> str | None:
        value = vocabulary.resolve(raw)
        if value is None:
            near = vocabulary.closest(raw)
            allowed = f"allowed values: {_quote_list(vocabulary.values)}"
            hint = f"did you mean {_quote_list(near)}?" if near else allowed
            if near and len(vocabulary.values) <= 8:
                hint += f"; {allowed}"
            self.error(name, f"{raw!r} is not an allowed value", hint)
        return value


_REQUIRED_HINTS = {
    "title": 'add a line such as: title: "Culver City Police Policy on ICE Detainer Requests"',
    "summary": "add one to three plain sentences: summary: What the document does, for whom.",
    "document_type": "add one value such as: document_type: Ordinance",
    "policy_areas": "add one or more values such as: policy_areas: [Immigration, Policing]",
}


# Unpaired surrogates come only from YAML escapes ("\ud800") and cannot be written as UTF-8.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Control characters (from "\x07" escapes) are invisible; whitespace ones are kept for split().
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _is_plain(value: object) -> bool:
    """Text, a number or a date: something that reads as one value."""
    return value is not None and not isinstance(value, (bool, list, tuple, set, dict, bytes))


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, (list, tuple, set)):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, bytes):
        return "binary data"
    if value is None:
        return "nothing"
    if isinstance(value, (int, float)):
        return "a number"
    return "text"


def _quote_list(values: list[str]) -> str:
    return ", ".join(f'"{v}"' for v in values)


def _validate(
    values: dict[str, Any],
    lines: dict[str, int],
    rid: str,
    body: str,
    taxonomy: Taxonomy,
    path: str,
    problems: list[Problem],
    docs_dir: Path | None,
) -> Record | None:
    f = _Fields(values, lines, path, problems, taxonomy)
    read = {spec.name: _read(f, spec, taxonomy, rid, docs_dir) for spec in taxonomy.fields.values()}

    for key in values:
        if key not in taxonomy.fields:
            near = _closest_field(key, taxonomy)
            hint = f"did you mean {near}?" if near else "it is kept but not shown; remove it if it is a mistake"
            f.warn(key, "is not a field the library knows", hint)

    if not all(read[name] for name in taxonomy.required):
        return None
    return Record(
        id=rid,
        path=path,
        body=normalize(body),
        custom={name: read[name] for name, spec in taxonomy.fields.items() if not spec.builtin and name in values},
        extra={k: v for k, v in values.items() if k not in taxonomy.fields},
        lines=dict(lines),
        **{name: read[name] for name in RECORD_FIELDS if name in read},
    )


def _read(f: _Fields, spec: Field, taxonomy: Taxonomy, rid: str, docs_dir: Path | None) -> Any:
    """One field's value as the registry declares it: text, a tuple, a date or None; problems go to `f`."""
    name = spec.name
    if spec.kind == "record":
        # Once each, however written (beta-bill, records/beta-bill.md).
        return tuple(dict.fromkeys(_ids(f, name, rid)))
    if spec.kind == "date":
        if not f.present(name):
            if spec.required:
                f.error(name, "is missing" if name not in f.values else "is empty", f.required_hint(name))
            return None
        try:
            return PartialDate.parse(f.values[name])
        except ValueError as error:
            f.error(name, str(error), ACCEPTED_FORMS)
            return None
    if spec.multiple:
        found = [v for raw in f.items(name) if (v := _one(f, spec, taxonomy, raw, docs_dir)) is not None]
        if spec.required and not f.present(name):
            f.error(name, "is missing" if name not in f.values else "is empty", f.required_hint(name))
        if spec.kind == "text":
            for item in found:
                if len(item) > LONG_ITEM:
                    f.warn(
                        name,
                        f"the {spec.label_in().lower()} {item[:30]!r}... is long for a keyword",
                        "keep it to a few words; put sentences in the summary or body",
                    )
                    break
        return tuple(dict.fromkeys(found))
    raw = f.text(name, required=spec.required)
    if not raw:
        return spec.default or None
    value = _one(f, spec, taxonomy, raw, docs_dir)
    if name == "summary" and value and _sentences(value) > MAX_SENTENCES:
        f.warn(name, "is longer than three sentences", "keep the summary to one to three sentences; put the rest in the body")
    return value if value is not None else (spec.default or None)


def _one(f: _Fields, spec: Field, taxonomy: Taxonomy, raw: str, docs_dir: Path | None) -> str | None:
    """One value of a field, checked for its kind; None (and a problem) if it is not allowed."""
    name = spec.name
    if spec.kind == "choice":
        return f.choice(name, taxonomy[name], raw)
    if spec.kind == "state":
        code = resolve_state(raw)
        if code is None:
            near = closest_states(raw)
            hint = f"did you mean {', '.join(near)}?" if near else "use two-letter postal codes such as WA or full names such as Washington"
            f.error(name, f"{raw!r} is not a US state, DC or territory", hint)
        return code
    if spec.kind == "language":
        if raw.lower() in LANGUAGES:
            return raw.lower()
        f.error(name, f"{raw!r} is not a language the library knows", f"use one of: {', '.join(LANGUAGES)} (en is the default)")
        return None
    if spec.kind == "url":
        return _check_url(f, name, raw)
    if spec.kind == "file":
        return _check_file(f, name, raw, docs_dir)
    return raw


# Where one sentence ends and the next begins (the suggest form's browser reads the same pattern).
SENTENCE_BREAK = re.compile(r"(?<=[.!?]) +(?=[A-Z¿¡])")
MAX_SENTENCES = 3


def _sentences(text: str) -> int:
    # The text is on one line, its spaces single (_Fields._clean).
    return len([s for s in SENTENCE_BREAK.split(text) if s.strip()])


def _check_url(f: _Fields, name: str, url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        # An unclosed [ ] around the host, or letters that a browser would read as / or @ there.
        f.error(name, f"{url!r} is not a complete web address", "paste the full address starting with https://")
        return None
    if parts.scheme.lower() not in ("http", "https"):
        scheme = f"{parts.scheme}:" if parts.scheme else "no scheme"
        f.error(name, f"only http and https links are allowed, this one has {scheme}", "paste the full address starting with https://")
        return None
    if not parts.hostname or " " in url:
        f.error(name, f"{url!r} is not a complete web address", "paste the full address starting with https://")
        return None
    return url


def _ids(f: _Fields, name: str, own_id: str) -> list[str]:
    result = []
    for raw in f.items(name):
        rid = raw.removesuffix(".md").strip("/").rsplit("/", 1)[-1]
        if not ID_PATTERN.match(rid):
            f.error(name, f"{raw!r} is not a record id", "use the file name of the other record without .md, for example king-county-ordinance-17886")
        elif rid == own_id:
            f.error(name, "a record cannot refer to itself", f"remove {rid} from {name}")
        else:
            result.append(rid)
    return result


def _check_file(f: _Fields, name: str, raw: str, docs_dir: Path | None) -> str | None:
    relative = raw.lstrip("/").removeprefix("docs/")
    if not relative.startswith("files/") or ".." in Path(relative).parts:
        f.error(name, f"{raw!r} is not under docs/files/", "put the copy in docs/files/ and write file: files/<name>.pdf")
        return None
    if not archive.is_safe(relative):
        f.error(name, archive.why_unsafe(relative), archive.FIX)
        return None
    if docs_dir is not None and not (docs_dir / relative).is_file():
        f.error(name, f"there is no file docs/{relative}", "add the file to docs/files/ or correct the name")
        return None
    if docs_dir is not None and not _inside((docs_dir / relative).resolve(), (docs_dir / "files").resolve()):
        # A link committed to the repository could publish any file of the build machine.
        f.error(name, f"docs/{relative} is a link to a file outside docs/files/", "put a copy of the document itself in docs/files/")
        return None
    return relative


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _closest_field(key: str, taxonomy: Taxonomy) -> str | None:
    import difflib

    matches = difflib.get_close_matches(key.lower(), list(taxonomy.fields), n=1, cutoff=0.6)
    return matches[0] if matches else None


def named_references(data: bytes, rid: str) -> dict[str, tuple[tuple[str, ...], int]]:
    """The ids a record file's `related` and `amends` name, with their lines, read even when the
    record has other errors: `library check` then reports a missing one in the same run."""
    ignored: list[Problem] = []
    text = _decode(data, "", ignored)
    split = _split(text, "", ignored) if text is not None else None
    mapping = _load_yaml(split[0], split[1], "", ignored) if split is not None else None
    if mapping is None:
        return {}
    values, lines = mapping
    fields = _Fields(values, lines, "", ignored)
    return {name: (tuple(_ids(fields, name, rid)), lines[name]) for name in ("related", "amends") if name in values}
