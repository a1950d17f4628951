"""The Atom feed, records.json, records.csv, the Open data page and sharing meta, against the records of real builds."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
from html import unescape
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from policy_library.model.library import Library, load_library
from policy_library.model.taxonomy import Taxonomy
from policy_library.site.opendata import COLUMNS

from tests.support import ROOT, build_site, make_project, run_mkdocs_build

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")


@pytest.fixture(scope="module")
def sample(taxonomy: Taxonomy) -> Library:
    return load_library(ROOT / "docs" / "records", taxonomy)


def read_csv(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "a byte-order mark, so spreadsheets read UTF-8"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def check_atom(root: ET.Element) -> None:
    """RFC 4287 §4.1.1 and §4.1.2: the elements a feed and each entry must have."""
    assert root.tag == f"{A}feed"
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{A}{name}")) == 1, name
    assert RFC3339.match(root.findtext(f"{A}updated") or "")
    feed_has_author = root.find(f"{A}author/{A}name") is not None
    assert root.find(f"{A}link[@rel='self']") is not None
    ids = set()
    for entry in root.findall(f"{A}entry"):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{A}{name}")) == 1, name
        assert RFC3339.match(entry.findtext(f"{A}updated") or "")
        assert feed_has_author or entry.find(f"{A}author/{A}name") is not None
        links = entry.findall(f"{A}link[@rel='alternate']")
        assert len(links) == 1
        ident = entry.findtext(f"{A}id") or ""
        assert re.match(r"^[a-z][a-z0-9+.-]*:", ident), "an absolute IRI"
        assert ident not in ids
        ids.add(ident)


def test_feed_holds_the_fifty_newest_records_and_is_valid_atom(sample_site: Path, sample: Library) -> None:
    root = ET.parse(sample_site / "feed.xml").getroot()
    check_atom(root)
    entries = root.findall(f"{A}entry")
    assert len(entries) == min(50, len(sample))
    dated = sorted((r for r in sample if r.date), key=lambda r: r.date.sort_key(), reverse=True)  # type: ignore[union-attr]
    by_title = {r.title: r for r in sample}
    shown = [by_title[e.findtext(f"{A}title") or ""] for e in entries]
    # Newest first by date: every dated record newer than the last one shown is in the feed.
    keys = [r.date.sort_key() if r.date else 0 for r in shown]
    assert keys == sorted(keys, reverse=True)
    assert {r.id for r in dated if r.date.sort_key() > keys[-1]} <= {r.id for r in shown}  # type: ignore[union-attr]
    for entry, record in zip(entries, shown, strict=True):
        href = entry.find(f"{A}link[@rel='alternate']").get("href")  # type: ignore[union-attr]
        assert href == f"records/{record.id}/"
        assert (sample_site / href / "index.html").is_file()
        assert entry.findtext(f"{A}summary") == record.summary


def test_every_page_links_the_feed_and_has_description_and_sharing_cards(sample_site: Path, sample: Library) -> None:
    pages = sorted(sample_site.rglob("index.html"))
    assert len(pages) > len(sample)
    for path in pages:
        html = path.read_text(encoding="utf-8")
        head = html[: html.index("</head>")]
        depth = len(path.relative_to(sample_site).parts) - 1
        feed = "feed.xml" if depth == 0 else "../" * depth + "feed.xml"
        title = "registros más recientes" if path.relative_to(sample_site).parts[0] == "es" else "newest records"
        assert f'<link rel="alternate" type="application/atom+xml" title="Policy Library: {title}" href="{feed}">' in head, path
        for name in ('name="description"', 'property="og:title"', 'property="og:description"', 'name="twitter:card" content="summary"'):
            assert re.search(rf'<meta {name}[^>]*content="[^"]+"', head) or f"<meta {name}>" in head, (path, name)
        assert not re.search(r"(og|twitter):image", head)
        # Twitter's card takes its title and description from Open Graph's: not written twice.
        assert not re.search(r"twitter:(title|description)", head)
    record = sample.newest_first()[0]
    head = (sample_site / "records" / record.id / "index.html").read_text(encoding="utf-8")
    head = head[: head.index("</head>")]
    description = re.search(r'<meta property="og:description" content="([^"]*)">', head)
    assert description and unescape(description.group(1)) == record.summary
    assert '<meta property="og:type" content="article">' in head


def test_records_json_and_csv_hold_every_record_with_every_column(sample_site: Path, sample: Library) -> None:
    rows = json.loads((sample_site / "records.json").read_text(encoding="utf-8"))
    assert [row["id"] for row in rows] == [r.id for r in sample.newest_first()]
    for row in rows:
        assert list(row) == [c.name for c in COLUMNS]
        record = sample[row["id"]]
        assert row["title"] == record.title and row["summary"] == record.summary
        assert row["policy_areas"] == list(record.policy_areas) and row["states"] == list(record.states)
        assert row["date"] == (record.date.iso() if record.date else None)
        assert row["organization"] == record.organization and row["source_url"] == record.source_url
        assert row["url"] == f"records/{record.id}/" and (sample_site / row["url"] / "index.html").is_file()
    table = read_csv(sample_site / "records.csv")
    assert len(table) == len(rows)
    for line, row in zip(table, rows, strict=True):
        assert list(line) == [c.name for c in COLUMNS]
        for column in COLUMNS:
            value = row[column.name]
            expected = "; ".join(value) if isinstance(value, list) else ("" if value is None else str(value))
            if expected[:1] in ("=", "+", "-", "@"):
                expected = "'" + expected
            assert line[column.name] == expected, (row["id"], column.name)


def test_open_data_page_documents_every_column(sample_site: Path) -> None:
    html = (sample_site / "open-data" / "index.html").read_text(encoding="utf-8")
    documented = re.findall(r'<tr data-column="([a-z_]+)"><th scope="row"><code>[a-z_]+</code></th><td>(?:text|list)</td><td>[^<]{10,}</td></tr>', html)
    assert documented == [c.name for c in COLUMNS]
    assert 'href="../records.json"' in html and 'href="../records.csv"' in html


FORMULA = """---
title: "=HYPERLINK(\\"http://evil.example\\",\\"click\\")"
summary: "+1 dangerous summary"
document_type: Ordinance
policy_areas: [Immigration]
organization: "@org"
tags: ["-2+3", "fine"]
date: {date}
---
"""


def git(project: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


def test_csv_neutralises_formulas_and_feed_breaks_date_ties_by_git_add_time(tmp_path: Path) -> None:
    project = make_project(
        tmp_path,
        {
            "older-file.md": FORMULA.format(date="2020-05"),
            "newer-file.md": FORMULA.format(date="2020-05").replace("=HYPERLINK", "=SUM"),
            "undated.md": FORMULA.format(date="null").replace("=HYPERLINK", "Undated"),
        },
    )
    git(project, "init", "-q")
    git(project, "add", "docs/records/older-file.md", "docs/records/undated.md", when="2024-01-01T00:00:00Z")
    git(project, "commit", "-q", "-m", "first", when="2024-01-01T00:00:00Z")
    git(project, "add", "-A", when="2025-01-01T00:00:00Z")
    git(project, "commit", "-q", "-m", "second", when="2025-01-01T00:00:00Z")
    site = tmp_path / "site"
    build_site(project, site)

    table = {row["id"]: row for row in read_csv(site / "records.csv")}
    assert table["older-file"]["title"] == '\'=HYPERLINK("http://evil.example","click")'
    assert table["older-file"]["summary"] == "'+1 dangerous summary"
    assert table["older-file"]["organization"] == "'@org"
    assert table["older-file"]["tags"] == "'-2+3; fine"
    rows = {row["id"]: row for row in json.loads((site / "records.json").read_text(encoding="utf-8"))}
    assert rows["older-file"]["title"].startswith("=HYPERLINK"), "JSON keeps the text as written"

    root = ET.parse(site / "feed.xml").getroot()
    check_atom(root)
    links = [e.find(f"{A}link").get("href") for e in root.findall(f"{A}entry")]  # type: ignore[union-attr]
    assert links == ["records/newer-file/", "records/older-file/", "records/undated/"]
    updated = [e.findtext(f"{A}updated") for e in root.findall(f"{A}entry")]
    assert updated == ["2025-01-01T00:00:00Z", "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z"]
    assert root.findtext(f"{A}updated") == "2025-01-01T00:00:00Z"

    # Without git history the order falls back to the id, and two builds write the same files.
    (project / ".git").rename(project / "git-moved")
    again = [tmp_path / "again1", tmp_path / "again2"]
    for target in again:
        assert run_mkdocs_build(project, target).returncode == 0
    root = ET.parse(again[0] / "feed.xml").getroot()
    links = [e.find(f"{A}link").get("href") for e in root.findall(f"{A}entry")]  # type: ignore[union-attr]
    assert links == ["records/newer-file/", "records/older-file/", "records/undated/"]
    for name in ("feed.xml", "records.json", "records.csv", "browse/states/index.html"):
        assert (again[0] / name).read_bytes() == (again[1] / name).read_bytes(), name
