"""Properties of record parsing: any bytes give a record or listed problems, never an exception."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from policy_library.model.problems import Problem
from policy_library.model.records import RECORD_FIELDS, Record, parse_bytes
from policy_library.model.taxonomy import Taxonomy

TAXONOMY = Taxonomy.from_config()
PATH = "docs/records/a-record.md"
PROPERTY = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of YAML that editors (and attackers) write, to reach past the YAML parser into validation.
YAML_SCALARS = st.one_of(
    st.sampled_from(
        [
            "Immigration",
            "Ordinance",
            "County",
            "WA",
            "Washington",
            "2017",
            "2017-02-30",
            "2017-13",
            '"2019-02-29"',
            "yes",
            "~",
            "''",
            "1e309",
            ".inf",
            "-1",
            "javascript:alert(1)",
            "https://example.org/",
            "//evil.example",
            "!!binary aGVsbG8=",
            "!!python/object/apply:os.system [x]",
            "&a x",
            "*a",
            "[a, [b]]",
            "{a: b}",
            '"\\ud800"',
            '"\\x00"',
            "<script>alert(1)</script>",
            "files/../../x",
            "es",
            "EN",
        ]
    ),
    st.text(max_size=20),
    st.integers(),
)
LINE = st.one_of(
    st.tuples(st.sampled_from([*RECORD_FIELDS, "extra", "<<", "? x", "- item", "  nested"]), st.sampled_from([": ", ":", " : ", ": - "]), YAML_SCALARS).map(
        lambda t: f"{t[0]}{t[1]}{t[2]}"
    ),
    st.text(max_size=30),
)
FRONTMATTER = st.tuples(
    st.sampled_from(["---\n", "---\r\n", "\ufeff---\n", "--- \n", "", "\n---\n"]),
    st.lists(LINE, max_size=12),
    st.sampled_from(["\n---\n", "\r\n---\r\n", "\n...\n", "", "\n--- x\n"]),
    st.text(max_size=200),
).map(lambda t: t[0] + "\n".join(t[1]) + t[2] + t[3])
ENCODED = FRONTMATTER.flatmap(lambda text: st.sampled_from(["utf-8", "utf-16", "latin-1", "utf-8-sig"]).map(lambda enc: text.encode(enc, errors="replace")))


def check(data: bytes, rid: str = "a-record") -> None:
    record, problems = parse_bytes(data, rid, TAXONOMY, path=PATH)
    assert all(isinstance(p, Problem) for p in problems)
    for problem in problems:
        assert problem.path == PATH and problem.line >= 1 and problem.field and problem.message, problem
        str(problem)  # every problem can be shown
        problem.github()
    errors = [p for p in problems if p.is_error]
    if record is None:
        assert errors, "a rejected record must say why"
    else:
        assert errors == []
        assert isinstance(record, Record) and record.title and record.summary and record.policy_areas
        # Whatever the page shows can be written out as UTF-8.
        for text in (record.title, record.summary, record.jurisdiction or "", record.organization or "", *record.tags, record.body):
            text.encode("utf-8")


@PROPERTY
@given(st.binary(max_size=3000))
def test_any_bytes_give_a_record_or_problems(data: bytes) -> None:
    check(data)


@PROPERTY
@given(ENCODED)
def test_any_frontmatter_gives_a_record_or_problems(data: bytes) -> None:
    check(data)


@PROPERTY
@given(st.text(max_size=40), st.binary(max_size=200))
def test_any_file_name_gives_a_record_or_problems(rid: str, data: bytes) -> None:
    check(b"---\ntitle: T\nsummary: S.\ndocument_type: Ordinance\npolicy_areas: [Immigration]\n---\n" + data, rid)
