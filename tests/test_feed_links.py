"""Every browse value page links its own Atom feed, visibly and for feed readers, and the feed is there."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree as ET

A = "{http://www.w3.org/2005/Atom}"
ALTERNATE = re.compile(r'<link rel="alternate" type="application/atom\+xml" title="[^"]*" href="([^"]+)">')
VISIBLE = re.compile(r'<a href="([^"]+)" data-feed>')


def test_every_browse_value_page_links_its_feed(sample_site: Path) -> None:
    pages = list(sample_site.glob("browse/*/*/index.html"))
    assert len(pages) > 50
    for page in pages:
        html = page.read_text(encoding="utf-8")
        [visible] = VISIBLE.findall(html)
        # Its own feed beside the library's (feed.xml), which every page names.
        own = [href for href in ALTERNATE.findall(html) if not href.endswith("/feed.xml")]
        assert own == [visible], page
        head = visible
        feed = (page.parent / head).resolve()
        assert feed.parent == sample_site.resolve() and feed.name.startswith("feed."), (page, head)
        root = ET.parse(feed).getroot()
        # The feed holds the value's records (the page lists them all: the sample's groups are small).
        listed = re.findall(r'data-record-id="([^"]+)"', html)
        entries = [
            e.get("href", "").rstrip("/").rsplit("/", 1)[-1] for e in root.iter(f"{A}link") if e.get("rel") == "alternate" and "records/" in e.get("href", "")
        ]
        assert len(entries) == min(len(listed), 50) and set(entries) <= set(listed), page
