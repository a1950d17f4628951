"""A test library with a field declared only in its mkdocs.yml: `status`, a filter with three values."""

from __future__ import annotations

from pathlib import Path

from tests.support import make_project

STATUS_CONFIG = """  - library:
      fields:
        status:
          label: {en: Status, es: Estado}
          values: [Proposed, Enacted, Repealed]
          multiple: false
          facet: true
        adopted: {label: Adopted, type: date}
        minutes: {label: {en: Minutes, es: Actas}, type: url, help: Where the meeting's minutes are published.}
        sponsor: {label: Sponsor, weight: 3}
"""

RECORD = """---
title: "{title}"
summary: {summary}
document_type: {kind}
policy_areas: [Immigration]
date: {date}
{status}---
{body}
"""

# id: (title, document type, date, status or None)
RECORDS: dict[str, tuple[str, str, str, str | None]] = {
    "alpha-ordinance": ("Alpha County Detainer Ordinance", "Ordinance", "2021-05-01", "Enacted"),
    "beta-bill": ("Beta State Courthouse Arrest Bill", "Bill", "2022-02-01", "Proposed"),
    "gamma-policy": ("Gamma Sheriff Hold Request Policy", "Policy", "2019-07-15", "Repealed"),
    "delta-ordinance": ("Delta City Sanctuary Ordinance", "Ordinance", "2020-03-10", "Enacted"),
    "epsilon-report": ("Epsilon Report on Detainers", "Report", "2018-01-01", None),
    "zeta-resolution": ("Zeta City Welcoming Resolution", "Resolution", "2023-09-09", "Enacted"),
}

# The records with each status, newest first.
BY_STATUS: dict[str, list[str]] = {
    status: [rid for rid, r in sorted(RECORDS.items(), key=lambda item: item[1][2], reverse=True) if r[3] == status]
    for status in ("Proposed", "Enacted", "Repealed")
}


# Fields of other kinds, declared in the same configuration, given in one record.
OTHER_KINDS = "adopted: 2021-05-03\nminutes: https://example.org/minutes/alpha\n"
# A text field searched with its own weight: its one record holds this word nowhere else, and no other record holds it.
SPONSORED = "beta-bill"
SPONSOR = "Senator Ada Quillfeather"
SPONSOR_WORD = "Quillfeather"


def record_text(rid: str) -> str:
    title, kind, date, status = RECORDS[rid]
    return RECORD.format(
        title=title,
        summary=f"What {title} does.",
        kind=kind,
        date=date,
        status=(f"status: {status}\n" if status else "")
        + (OTHER_KINDS if rid == "alpha-ordinance" else "")
        + (f"sponsor: {SPONSOR}\n" if rid == SPONSORED else ""),
        body=f"The {title.lower()} and its history.",
    )


def with_fields(project: Path, config: str = STATUS_CONFIG) -> Path:
    """The project's mkdocs.yml with `config` as its library plugin entry."""
    path = project / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    assert "  - library\n" in text
    path.write_text(text.replace("  - library\n", config, 1), encoding="utf-8")
    return project


def status_project(tmp: Path) -> Path:
    """A library whose `status` field exists only in its configuration."""
    return with_fields(make_project(tmp, {f"{rid}.md": record_text(rid) for rid in RECORDS}))
