"""Records as spreadsheet rows, and rows as record files.

One row a record, one column a field, lists separated by `;`. `record_row`
and `record_text` are inverses: the text written for a record's row parses
back to an equal record, which is what makes export then import lossless.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import yaml

from policy_library.model.dates import PartialDate
from policy_library.model.records import FIELDS, Record

BODY = "body"
COLUMNS: tuple[str, ...] = ("id", *FIELDS, BODY)
LIST_FIELDS = frozenset({"policy_areas", "states", "tags", "related", "amends"})
LIST_SEPARATOR = ";"
# Always written in double quotes: editors add colons to titles and summaries later.
QUOTED_FIELDS = frozenset({"title", "summary"})
DEFAULT_LANGUAGE = "en"

Cell = str | list[str]


def record_row(record: Record) -> dict[str, Any]:
    """A record as import reads it: text cells as strings ("" when empty), lists as lists.

    Extra fields an editor added by hand follow the known columns, as text.
    """
    row: dict[str, Any] = {
        "id": record.id,
        "title": record.title,
        "summary": record.summary,
        "document_type": record.document_type,
        "policy_areas": list(record.policy_areas),
        "level": record.level or "",
        "states": list(record.states),
        "jurisdiction": record.jurisdiction or "",
        "date": record.date.iso() if record.date else "",
        "organization": record.organization or "",
        "source_url": record.source_url or "",
        "tags": list(record.tags),
        "language": record.language,
        "related": list(record.related),
        "amends": list(record.amends),
        "file": record.file or "",
        BODY: record.body,
    }
    for key, value in record.extra.items():
        row[key] = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return row


def split_list(value: Cell | None) -> list[str]:
    """A list cell: `a; b` or a JSON list; empty items dropped."""
    if value is None:
        return []
    items = value if isinstance(value, list) else str(value).split(LIST_SEPARATOR)
    return [text for item in items if (text := " ".join(str(item).split()))]


def join_list(items: list[str]) -> str:
    return f"{LIST_SEPARATOR} ".join(items)


def record_text(row: Mapping[str, Any]) -> str:
    """The record file for a row: frontmatter in the library's field order, extras, then the body.

    Required fields are always written, empty if the row has nothing, so that
    validation names them; empty optional fields are left out.
    """
    lines = ["---"]
    for name in (*FIELDS, *(k for k in row if k not in FIELDS and k not in ("id", BODY))):
        value = row.get(name)
        if name in LIST_FIELDS:
            items = split_list(value)
            if items or name == "policy_areas":
                lines.append(f"{name}: [{', '.join(_flow_item(i) for i in items)}]")
            continue
        text = "" if value is None else " ".join(str(value).split())
        if name == "language" and text.lower() == DEFAULT_LANGUAGE:
            continue
        if not text and name not in ("title", "summary", "document_type"):
            continue
        if name == "date" and _is_date(text):
            lines.append(f"date: {text}")  # as editors write it; YAML's date reads back the same
            continue
        lines.append(f"{name}: {yaml_scalar(text, quoted=name in QUOTED_FIELDS or not text)}")
    lines.append("---")
    body = str(row.get(BODY) or "").replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    text = "\n".join(lines) + "\n"
    if body:
        text += "\n" + body + "\n"
    return text


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


def _is_plain(text: str) -> bool:
    """True when the text reads back as the same string without quotes, in block and flow context."""
    return bool(_PLAIN.match(text)) and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR_TAG


def yaml_scalar(text: str, *, quoted: bool) -> str:
    # A JSON string is a valid YAML double-quoted scalar with the same escapes.
    return text if not quoted and _is_plain(text) else json.dumps(text, ensure_ascii=False)


def _flow_item(text: str) -> str:
    return yaml_scalar(text, quoted=False)
