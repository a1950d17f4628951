"""The suggest page's rules and GitHub address, and the checker's fixes they brought to light."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from policy_library.model.form_rules import _verbose, form_rules, yaml_words
from policy_library.model.records import parse_bytes
from policy_library.model.tabular import UNREADABLE, yaml_scalar
from policy_library.model.taxonomy import Taxonomy
from policy_library.site.suggest import ADDRESS_LIMIT, github_target, page_data

RECORD = '---\ntitle: "T"\nsummary: "S."\ndocument_type: Report\npolicy_areas: [Immigration]\n{line}\n---\n'


@pytest.mark.parametrize(
    ("repo_url", "edit_uri", "expected"),
    [
        ("https://github.com/org/lib", "edit/main/docs/", {"new": "https://github.com/org/lib/new/main", "folder": "docs/"}),
        ("https://github.com/org/lib.git/", "edit/master/docs/", {"new": "https://github.com/org/lib/new/master", "folder": "docs/"}),
        ("https://github.com/org/lib", "blob/gh-pages/site/content/", {"new": "https://github.com/org/lib/new/gh-pages", "folder": "site/content/"}),
        ("https://github.com/org/lib", "", {"new": "https://github.com/org/lib/new/main", "folder": "docs/"}),
        ("https://gitlab.com/org/lib", "edit/main/docs/", None),
        ("http://github.com/org/lib", "edit/main/docs/", None),
        ("https://github.com/org", "edit/main/docs/", None),
        (None, None, None),
    ],
)
def test_github_new_file_address_follows_the_sites_edit_links(repo_url: str | None, edit_uri: str | None, expected: dict[str, str] | None) -> None:
    assert github_target(repo_url, edit_uri) == expected


def test_page_data_has_every_field_the_form_offers_and_the_limit(taxonomy: Taxonomy) -> None:
    data = page_data(taxonomy, records_dir="records", repo_url=None, edit_uri=None, docs_dir="docs")
    assert [f["name"] for f in data["fields"]] == [f.name for f in taxonomy.fields.values() if f.kind != "file"]
    assert data["github"] is None and data["address_limit"] == ADDRESS_LIMIT
    kinds = {f["name"]: f for f in data["fields"]}
    assert [v["value"] for v in kinds["document_type"]["values"]] == taxonomy["document_type"].values
    assert kinds["title"]["required"] and not kinds["level"]["required"]


def test_yaml_words_read_as_pyyaml_reads_them() -> None:
    """The layout-free patterns the page gets decide as PyYAML's own do."""
    rules = [(w["tag"], re.compile(w["pattern"]), set(w["first"])) for w in yaml_words()]
    for word in [
        "yes",
        "NO",
        "~",
        "",
        "null",
        "1.5",
        "-.inf",
        "0x1f",
        "0o7",
        "017",
        "1_000",
        "12:30:00",
        "2017-01-25",
        "2017-1-5",
        "2017-01-25 10:00:00",
        "<<",
        "=",
        "text",
    ]:
        tag = next((tag for tag, pattern, first in rules if (word[:1] in first or "*" in first) and pattern.match(word)), "str")
        expected = yaml.resolver.Resolver().resolve(yaml.ScalarNode, word, (True, False)).rsplit(":", 1)[-1]
        assert tag == expected, word
    assert _verbose("^(?: a | b [ \\t] )$") == "^(?:a|b[ \\t])$"


@given(st.text(max_size=30))
def test_import_writes_text_that_yaml_reads_back_or_refuses_as_a_whole(typed: str) -> None:
    """Plain or quoted, a value (on one line, as import writes it) reads back as written, unless it holds a
    character YAML refuses in a file (DEL or a C1 control, which the checker then names); a control
    character never hides in plain text."""
    text = " ".join(typed.split())
    for quoted in (True, False):
        written = yaml_scalar(text, quoted=quoted)
        if UNREADABLE.search(written):
            assert re.search("[\x7f-\x84\x86-\x9f\ufffe\uffff]", text) and written.startswith('"')
            continue
        assert yaml.load("k: " + written, Loader=yaml.SafeLoader)["k"] == text


@pytest.mark.parametrize("address", ["http://[::1/x", "https://exa\u2100mple.org/", "https://[not-an-address]/"])
def test_addresses_urlsplit_refuses_are_reported_not_raised(taxonomy: Taxonomy, address: str) -> None:
    record, problems = parse_bytes(RECORD.format(line=f"source_url: {yaml_scalar(address, quoted=True)}").encode(), "r", taxonomy, path="r.md")
    assert record is None
    assert [(p.field, p.message) for p in problems] == [("source_url", f"{address!r} is not a complete web address")]


def test_dates_are_written_in_ascii_digits(taxonomy: Taxonomy) -> None:
    record, problems = parse_bytes(RECORD.format(line='date: "\uff12\uff10\uff11\uff17"').encode(), "r", taxonomy, path="r.md")
    assert record is None and problems[0].field == "date"
    assert form_rules(taxonomy)["date"]["pattern"] == "^([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?$"
