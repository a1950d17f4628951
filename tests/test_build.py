"""Real `mkdocs build --strict` runs: the sample library, and libraries with bad records."""

from __future__ import annotations

import re
from pathlib import Path

from policy_library.model.library import load_library
from policy_library.model.taxonomy import Taxonomy

from tests.support import ROOT, build_site, make_project, run_mkdocs_build

GOOD = """---
title: "{title}"
summary: A summary.
document_type: Ordinance
policy_areas: [Immigration]
{extra}
---
Body text.
"""


def record(title: str = "A record", extra: str = "") -> str:
    return GOOD.format(title=title, extra=extra)


def test_sample_library_builds_every_record(sample_site: Path, taxonomy: Taxonomy) -> None:
    library = load_library(ROOT / "docs" / "records", taxonomy)
    assert [p for p in library.problems if p.is_error] == []
    assert len(library) >= 60
    for rec in library:
        page = sample_site / "records" / rec.id / "index.html"
        assert page.is_file(), rec.id
    assert (sample_site / "privacy" / "index.html").is_file()


def test_sample_record_pages_say_where_their_link_leads(sample_site: Path, taxonomy: Taxonomy) -> None:
    library = load_library(ROOT / "docs" / "records", taxonomy)
    labels = {}
    for rec in library:
        if rec.source_url:
            html = (sample_site / "records" / rec.id / "index.html").read_text(encoding="utf-8")
            labels[rec.id] = next((label for label in ("Publisher's website", "Read the original document") if label in html), None)
    homes = {rid for rid, label in labels.items() if label == "Publisher's website"}
    assert None not in labels.values()
    assert homes == {r.id for r in library if r.source_is_home_page} and 0 < len(homes) < len(labels)


def test_sample_site_uses_no_other_origin(sample_site: Path) -> None:
    """No <link>, <script>, <img>, @import or url() that points at another origin."""
    fetching_tag = r"""<(?:link|script|img|iframe|source|video|audio|embed)\b[^>]*?\b(?:src|href)\s*=\s*["']?"""
    css_import = r"""@import\s+["']?|url\(\s*["']?"""
    pattern = re.compile(rf"(?:{fetching_tag}|{css_import})(?:https?:)?//", re.I)
    offenders = []
    for path in sample_site.rglob("*"):
        if path.suffix in {".html", ".css", ".js"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            for match in pattern.finditer(text):
                offenders.append(f"{path.relative_to(sample_site)}: {text[match.start() : match.end() + 40]}")
    assert offenders == []


def test_pages_carry_no_referrer_and_outbound_links_are_noreferrer(sample_site: Path) -> None:
    for path in [sample_site / "index.html", *sorted((sample_site / "records").glob("*/index.html"))[:10]]:
        html = path.read_text(encoding="utf-8")
        assert '<meta name="referrer" content="no-referrer">' in html
        for tag in re.findall(r"<a\b[^>]*href=\"https?://[^\"]*\"[^>]*>", html):
            if "squidfunk.github.io" in tag:  # the theme's own footer credit
                continue
            assert "noreferrer" in tag, (path, tag)


def test_record_page_shows_fields_and_links_both_ways(tmp_path: Path) -> None:
    project = make_project(
        tmp_path,
        {
            "old-ordinance.md": record(
                "Old ordinance",
                "date: 2013-07\nstates: [WA, Oregon]\nlevel: County\norganization: King County Council\nsource_url: https://www.kingcounty.gov/",
            ),
            "new-ordinance.md": record("New ordinance", "amends: [old-ordinance]\nrelated: [old-ordinance]\nsource_url: https://www.kingcounty.gov/doc"),
        },
    )
    site = tmp_path / "site"
    build_site(project, site)
    old = (site / "records" / "old-ordinance" / "index.html").read_text(encoding="utf-8")
    assert "July 2013" in old and "Washington" in old and "Oregon" in old
    assert "Amended by" in old and 'href="../new-ordinance/"' in old
    assert 'href="../../browse/policy-areas/immigration/"' in old
    new = (site / "records" / "new-ordinance" / "index.html").read_text(encoding="utf-8")
    assert "Read the original document" in new and "(kingcounty.gov)" in new and "Publisher's website" not in new
    # An address that is only the publisher's home page does not promise the document.
    assert 'Publisher\'s website <span class="library-domain">(kingcounty.gov)</span>' in old and "Read the original document" not in old
    assert re.search(r"<h2[^>]*>Amends</h2>", new) and 'href="../old-ordinance/"' in new
    assert re.search(r"<h2[^>]*>Related records</h2>", old)


def test_html_in_record_text_is_escaped_everywhere(tmp_path: Path) -> None:
    payload = '<img src=x onerror=alert(1)>"</title><script>alert(2)</script>'
    project = make_project(tmp_path, {"hostile.md": record(payload.replace('"', '\\"'), "tags: ['<b>bold</b>']")})
    site = tmp_path / "site"
    build_site(project, site)
    html = (site / "records" / "hostile" / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in html and "<script>alert(2)" not in html and "<b>bold</b>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in home


def test_bad_library_fails_and_lists_every_problem(tmp_path: Path) -> None:
    project = make_project(
        tmp_path,
        {
            "good.md": record(),
            "bad-type.md": record().replace("Ordinance", "Ordnance"),
            "bad-date.md": record(extra="date: 2017-02-30"),
            "bad-ref.md": record(extra="related: [nowhere]"),
            "Bad_Name.md": record(),
            "broken-yaml.md": '---\ntitle: "unclosed\nsummary: x\n---\n',
        },
    )
    site = tmp_path / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode != 0
    out = result.stderr
    assert "docs/records/bad-type.md:4: document_type: 'Ordnance' is not an allowed value" in out
    assert "docs/records/bad-date.md:6: date:" in out
    assert "docs/records/bad-ref.md:6: related: there is no record 'nowhere'" in out
    assert "docs/records/Bad_Name.md:1: id:" in out
    assert "docs/records/broken-yaml.md:" in out and "YAML" in out
    assert "5 problems in 5 files" in out
    assert not (site / "index.html").exists()  # nothing published


def test_unknown_keys_warn_but_do_not_fail_strict_build(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"extra.md": record(extra="sponsor: Council member")})
    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "docs/records/extra.md:6: sponsor: is not a field the library knows" in result.stderr


def test_a_library_overrides_the_plugins_templates_which_override_materials(sample_site: Path) -> None:
    page = (sample_site / "privacy" / "index.html").read_text(encoding="utf-8")
    # The sample's own overrides/partials/copyright.html, in place of mkdocs-material's.
    assert "A sample library: records summarise public documents" in page
    assert "Made with" not in page
    # The plugin's partials/header.html (the library's search field), in place of mkdocs-material's.
    assert 'class="library-header-search"' in page
    # The open data page is the plugin's own: the sample's docs/ has no open-data.md.
    assert not (ROOT / "docs" / "open-data.md").exists()
    assert "records.csv" in (sample_site / "open-data" / "index.html").read_text(encoding="utf-8")
