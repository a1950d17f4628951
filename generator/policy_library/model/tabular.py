"""Records as spreadsheet rows, and rows as record files.

One row a record, one column a field, lists separated by `;`. `record_row`
and `record_text` are inverses: the text written for a record's row parses
back to an equal record, which is what makes export then import lossless.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any

import yaml

from policy_library.model.dates import PartialDate
from policy_library.model.records import Record
from policy_library.model.taxonomy import Taxonomy

BODY = "body"
LIST_SEPARATOR = ";"
# Always written in double quotes: editors add colons to titles and summaries later.
QUOTED_FIELDS = frozenset({"title", "summary"})

Cell = str | list[str]


def columns(taxonomy: Taxonomy | None = None) -> tuple[str, ...]:
    """The spreadsheet's columns: the id, every field of the registry in its order, the body."""
    registry = taxonomy or _DEFAULT
    return ("id", *registry.fields, BODY)


def list_fields(taxonomy: Taxonomy | None = None) -> frozenset[str]:
    """The fields whose cell holds several values, separated by `;`."""
    registry = taxonomy or _DEFAULT
    return frozenset(f.name for f in registry.fields.values() if f.multiple)


_DEFAULT = Taxonomy.from_config()
COLUMNS = columns()
LIST_FIELDS = list_fields()


def record_row(record: Record, taxonomy: Taxonomy | None = None) -> dict[str, Any]:
    """A record as import reads it: text cells as strings ("" when empty), lists as lists.

    Extra fields an editor added by hand follow the known columns, as text
    (JSON for anything that is not text).
    """
    registry = taxonomy or _DEFAULT
    row: dict[str, Any] = {"id": record.id}
    for spec in registry.fields.values():
        values = record.values(spec.name)
        row[spec.name] = list(values) if spec.multiple else (values[0] if values else "")
    row[BODY] = record.body
    for key, value in record.extra.items():
        row[key] = extra_cell(value)
    return row


def extra_cell(value: Any) -> str:
    """An unknown field's value in one cell: text as it is, anything else as JSON (which YAML reads back)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False, default=str)


def split_list(value: Cell | None) -> list[str]:
    """A list cell: `a; b` or a JSON list; empty items dropped."""
    if value is None:
        return []
    items = value if isinstance(value, list) else str(value).split(LIST_SEPARATOR)
    return [text for item in items if (text := " ".join(str(item).split()))]


def join_list(items: list[str]) -> str:
    return f"{LIST_SEPARATOR} ".join(items)


def record_text(row: Mapping[str, Any], taxonomy: Taxonomy | None = None, typed: Mapping[str, Any] | None = None) -> str:
    """The record file for a row: frontmatter in the registry's field order, extras, then the body.

    Required fields are always written, empty if the row has nothing, so that
    validation names them; empty optional fields are left out. `typed`: values of
    extra fields to write as they were read (lists, numbers) rather than as text.
    """
    registry = taxonomy or _DEFAULT
    fields = registry.fields
    lines = ["---"]
    for name in (*fields, *(k for k in row if k not in fields and k not in ("id", BODY))):
        value = row.get(name)
        spec = fields.get(name)
        if typed and name in typed:
            lines.append(f"{name}: {_typed(typed[name])}")
            continue
        if spec is not None and spec.multiple:
            items = split_list(value)
            if items or spec.required:
                lines.append(f"{name}: [{', '.join(_flow_item(i) for i in items)}]")
            continue
        text = "" if value is None else " ".join(str(value).split())
        if spec is not None and spec.default and text.lower() == spec.default:
            continue
        if not text and not (spec is not None and spec.required):
            continue
        if spec is not None and spec.kind == "date" and _is_date(text):
            lines.append(f"{name}: {text}")  # as editors write it; YAML's date reads back the same
            continue
        lines.append(f"{name}: {yaml_scalar(text, quoted=name in QUOTED_FIELDS or not text)}")
    lines.append("---")
    body = str(row.get(BODY) or "").replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    text = "\n".join(lines) + "\n"
    if body:
        text += "\n" + body + "\n"
    return text


def _typed(value: Any) -> str:
    """A value that is not text, in YAML: JSON's lists, mappings, numbers and true/false read back the same."""
    if isinstance(value, str):
        return yaml_scalar(value, quoted=False)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False, default=str)


def _is_date(text: str) -> bool:
    """A well-formed, possible date, which can go unquoted."""
    if not _ISO_DATE.match(text):
        return False
    try:
        PartialDate.parse(text)
    except ValueError:
        return False
    return True


_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^:#,\[\]{}\"]*(?<!\s)$")


# What YAML's reader refuses in a file: in plain text too (JSON's escapes cover C0 controls in quotes).
UNREADABLE = yaml.reader.Reader.NON_PRINTABLE


def _is_plain(text: str) -> bool:
    """True when the text reads back as the same string without quotes, in block and flow context."""
    return bool(_PLAIN.match(text)) and not UNREADABLE.search(text) and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR_TAG


def yaml_scalar(text: str, *, quoted: bool) -> str:
    # A JSON string is a valid YAML double-quoted scalar with the same escapes.
    return text if not quoted and _is_plain(text) else json.dumps(text, ensure_ascii=False)


def _flow_item(text: str) -> str:
    return yaml_scalar(text, quoted=False)


def patch_text(old_text: str, old_lines: Mapping[str, int], old_row: Mapping[str, Any], new_row: Mapping[str, Any], tidy: str) -> str | None:
    """The old record file with only the changed fields' lines replaced by `tidy`'s (record_text's) lines.

    Unchanged fields keep their lines as the editor wrote them (quotes, block lists,
    comments after them); removed fields lose theirs; new fields go at the end of the
    frontmatter. None when the old file's layout cannot be followed; the caller then
    checks the answer reads back as the new record anyway.
    """
    lines = old_text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if close is None:
        return None
    tidy_lines = tidy.split("\n")
    tidy_close = tidy_lines.index("---", 1)
    written = {line.split(":", 1)[0]: line for line in tidy_lines[1:tidy_close]}
    starts = sorted((line - 1, key) for key, line in old_lines.items() if 0 < line - 1 < close)
    if not starts:
        return None
    head = lines[1 : starts[0][0]]
    out = ["---", *head]
    changed = {k for k in {*old_row, *new_row} if k != BODY and old_row.get(k) != new_row.get(k)}
    for index, (start, key) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else close
        if key not in changed:
            out += lines[start:end]
        elif key in written:
            out.append(written[key])
    out += [written[key] for key in written if key not in old_lines and key in changed]
    out.append(lines[close])
    if old_row.get(BODY) == new_row.get(BODY):
        body = lines[close + 1 :]
        return "\n".join(out + body)
    body_text = tidy.split("\n", tidy_close + 1)[-1]
    return "\n".join(out) + "\n" + body_text
