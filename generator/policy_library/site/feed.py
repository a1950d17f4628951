"""The Atom feed (RFC 4287) of the newest records.

Order: by the record's `date`, newest first; records with the same date (or
none) by the time their file was added to the repository, newest first, when
git history is available; then by id. Undated records come last.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path
from xml.etree import ElementTree as ET

from policy_library.model.dates import PartialDate
from policy_library.model.library import Library
from policy_library.model.records import Record

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "feed.xml"
SIZE = 50
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def git_added_times(repo: Path, records_dir: Path) -> dict[str, dt.datetime]:
    """When each record file was first added, from one `git log` call; {} without git history."""
    try:
        result = subprocess.run(
            ["git", "log", "--diff-filter=A", "--no-renames", "--format=%x00%ct", "--name-only", "--", str(records_dir)],
            cwd=repo,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if result.returncode != 0:
        return {}
    added: dict[str, dt.datetime] = {}
    # Newest commit first: the last time a file appears is its first addition.
    for chunk in result.stdout.split("\x00")[1:]:
        lines = [line for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        when = dt.datetime.fromtimestamp(int(lines[0]), tz=dt.UTC)
        for name in lines[1:]:
            if name.endswith(".md"):
                added[Path(name).stem] = when
    return added


def _instant(date: PartialDate) -> dt.datetime:
    return dt.datetime(date.year, date.month or 1, date.day or 1, tzinfo=dt.UTC)


def newest(records: Iterable[Record], added: Mapping[str, dt.datetime], size: int = SIZE) -> list[Record]:
    def key(r: Record) -> tuple[int, int, float, str]:
        when = added.get(r.id)
        return (0 if r.date else 1, -(r.date.sort_key() if r.date else 0), -(when.timestamp() if when else 0.0), r.id)

    return sorted(records, key=key)[:size]


def updated_of(record: Record, added: Mapping[str, dt.datetime]) -> dt.datetime:
    """When the entry last changed for the library: its addition, else its date, else a fixed instant."""
    if record.id in added:
        return added[record.id]
    if record.date:
        return _instant(record.date)
    return EPOCH


def _stamp(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _iri(site_url: str | None, path: str, name: str) -> str:
    """A permanent id: the page's address when the site's address is known, else a name-based UUID."""
    if site_url:
        return site_url.rstrip("/") + "/" + path
    return uuid.uuid5(uuid.NAMESPACE_URL, f"policy-library:{name}:{path}").urn


def atom_feed(
    library: Library,
    added: Mapping[str, dt.datetime],
    *,
    title: str,
    site_url: str | None,
    author: str,
    records: Iterable[Record] | None = None,
    path: str = FEED_PATH,
    subtitle: str = "",
) -> bytes:
    """The feed of `records` (default: the whole library) as UTF-8 XML, to be served at `path`.

    Without the site's address, links are relative to the feed's own folder.
    """
    ET.register_namespace("", ATOM)
    entries = newest(library if records is None else records, added)
    up = "../" * path.count("/")

    def el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            node.text = text
        return node

    def href(target: str) -> str:
        return site_url.rstrip("/") + "/" + target if site_url else up + target

    page = path.rsplit("/", 1)[0] + "/" if "/" in path else "./"
    feed = ET.Element(f"{{{ATOM}}}feed")
    el(feed, "id", _iri(site_url, path, title))
    el(feed, "title", title)
    el(feed, "subtitle", subtitle or f"The {len(entries)} newest records of the library")
    updated = max((updated_of(r, added) for r in entries), default=EPOCH)
    el(feed, "updated", _stamp(updated))
    el(el(feed, "author"), "name", author)
    el(feed, "link", rel="self", type="application/atom+xml", href=href(path) if site_url else path.rsplit("/", 1)[-1])
    el(feed, "link", rel="alternate", type="text/html", href=href(page) if site_url else "./")
    el(feed, "generator", "Policy Library")
    tax = library.taxonomy
    categories = [f for f in tax.fields.values() if f.kind == "choice"]
    for record in entries:
        entry = el(feed, "entry")
        el(entry, "id", _iri(site_url, record.url, title))
        el(entry, "title", record.title)
        el(entry, "updated", _stamp(updated_of(record, added)))
        if record.date:
            el(entry, "published", _stamp(_instant(record.date)))
        if record.organization:
            el(el(entry, "author"), "name", record.organization)
        el(entry, "link", rel="alternate", type="text/html", href=href(record.url))
        el(entry, "summary", record.summary)
        # The values of the library's vocabularies are the entry's categories.
        for spec in categories:
            for value in record.values(spec.name):
                el(entry, "category", term=value, label=tax.value_label(spec.name, value))
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
