"""Whatever text a spreadsheet cell holds, the record file import writes for it reads back as that text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from policy_library.model.records import parse_bytes
from policy_library.model.tabular import record_row, record_text
from policy_library.model.taxonomy import Taxonomy
from policy_library.model.unicode_text import normalize

TAXONOMY = Taxonomy.from_config()
# What a YAML file may hold: no control characters, surrogates or non-characters.
cell_text = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Cn")), min_size=1, max_size=40).filter(lambda s: bool(s.split()))


def words(text: str) -> str:
    """A cell's text as a record holds it: read as NFC without bidi controls, white space collapsed."""
    return " ".join(normalize(text).split())


@settings(max_examples=300, deadline=None)
@given(title=cell_text, jurisdiction=cell_text, organization=cell_text, tags=st.lists(cell_text.filter(lambda s: ";" not in s), max_size=4))
def test_any_cell_text_reads_back(title: str, jurisdiction: str, organization: str, tags: list[str]) -> None:
    row = {
        "title": title,
        "summary": "A summary.",
        "document_type": "Report",
        "policy_areas": "Immigration",
        "jurisdiction": jurisdiction,
        "organization": organization,
        "tags": "; ".join(tags),
    }
    text = record_text(row)
    record, problems = parse_bytes(text.encode("utf-8"), "a-record", TAXONOMY, path="a-record.md")
    assert record is not None, (text, problems)
    assert (record.title, record.jurisdiction, record.organization) == (words(title), words(jurisdiction), words(organization))
    expected_tags = []
    for tag in tags:
        if words(tag) and words(tag) not in expected_tags:
            expected_tags.append(words(tag))
    assert record.tags == tuple(expected_tags)
    # Export then import: the record's row gives back an equal record.
    again, _ = parse_bytes(record_text(record_row(record)).encode("utf-8"), "a-record", TAXONOMY, path="a-record.md")
    assert again == record
