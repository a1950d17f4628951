"""The glossary (docs/glossary.yml): its problems at their lines, its expansion in Python, and the groups the build ships."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from policy_library.search.glossary import load_glossary, parse_glossary
from policy_library.search.text import words

from tests.reference.expansion import Expander
from tests.support import ROOT, make_project, run_mkdocs_build

LIBRARY = Path(sys.executable).parent / "library"
BAD = """\
- [ICE, Immigration and Customs Enforcement]
- [DACA]
- DACA
- [sanctuary, santuario, '', ice]
- [yes, sí, YES]
- [287(g), 287g, [a]]
- ["!!", x]
- [a, ~]
"""


def test_every_problem_is_reported_at_its_line_with_a_fix() -> None:
    glossary, problems = parse_glossary(BAD, "docs/glossary.yml")
    assert [str(p) for p in problems] == [
        "docs/glossary.yml:2: glossary: the group [DACA] has one member: there is nothing it means the same as (add its equivalents, or remove the line)",
        "docs/glossary.yml:3: glossary: the group 'DACA' is not a list "
        "(write the words that mean the same in brackets, like - [DACA, Deferred Action for Childhood Arrivals])",
        "docs/glossary.yml:4: glossary: a member is empty (remove the extra comma, or write the word or phrase)",
        "docs/glossary.yml:4: glossary: 'ice' is also in the group on line 1 (as 'ICE'; search ignores case, accents, punctuation and word endings) "
        "(a word or phrase belongs to one group: merge the two groups or remove one of them)",
        "docs/glossary.yml:5: glossary: 'YES' is in this group twice (search ignores case, accents, punctuation and word endings) (remove one) [warning]",
        "docs/glossary.yml:6: glossary: a member is a list or mapping, not a word or phrase (write each member as plain text between the commas)",
        "docs/glossary.yml:7: glossary: '!!' has no letters or digits to search for (remove it, or write the word it stands for)",
        "docs/glossary.yml:8: glossary: a member is empty (remove the extra comma, or write the word or phrase)",
    ]
    # What is valid is kept (a preview searches with it); YAML's types are ignored: `yes` stays a word.
    assert glossary.shipped() == [["ICE", "Immigration and Customs Enforcement"], ["sanctuary", "santuario"], ["yes", "sí"], ["287(g)", "287g"]]
    assert [[m.words for m in g.members] for g in glossary.groups][3] == [("287", "g"), ("287g",)]


def test_a_file_that_is_not_a_list_of_groups_says_how_to_write_one() -> None:
    assert [str(p) for p in parse_glossary("ICE: Immigration and Customs Enforcement\n", "g.yml")[1]] == [
        "g.yml:1: glossary: the glossary must be a list of groups (write one group a line, like - [DACA, Deferred Action for Childhood Arrivals])"
    ]
    assert [str(p) for p in parse_glossary("- [a, b]\n- [c, , d]\n", "g.yml")[1]] == [
        "g.yml:2: glossary: a member is empty (two commas in a row) (remove the extra comma, or write the word or phrase)"
    ]
    broken = parse_glossary("- [a, b\n- [c, d]\n", "g.yml")[1]
    assert len(broken) == 1 and broken[0].message.startswith("is not valid YAML: ")
    assert parse_glossary("", "g.yml") == parse_glossary("# only comments\n", "g.yml") == (parse_glossary("", "g.yml")[0], [])


def test_members_that_search_cannot_tell_apart_are_one_member() -> None:
    problems = parse_glossary("- [immigration, inmigración]\n- [immigrant, inmigrante]\n", "g.yml")[1]
    assert [p.message for p in problems] == [
        "'immigrant' is also in the group on line 1 (as 'immigration'; search ignores case, accents, punctuation and word endings)"
    ]


def test_a_word_expands_to_the_other_members_of_its_group() -> None:
    glossary, _ = parse_glossary(
        "- [ICE, Immigration and Customs Enforcement]\n- [S-Comm, Secure Communities]\n- [sanctuary, santuario]\n- [287(g), 287g]\n- [U visa, visa U]\n", "g"
    )
    expander = Expander(glossary)
    assert [m.text for m in expander.alternatives("sanctuaries")] == ["santuario"]  # by the stem
    assert [m.text for m in expander.alternatives("santuarios")] == ["sanctuary"]
    assert [m.text for m in expander.alternatives("ice")] == ["Immigration and Customs Enforcement"]
    assert expander.alternatives("police") == []
    found = [(m.start, m.end, m.member.text, [a.text for a in m.alternatives]) for m in expander.matches(words("secure community ICE policy"))]
    assert found == [(0, 2, "Secure Communities", ["S-Comm"]), (2, 3, "ICE", ["Immigration and Customs Enforcement"])]
    assert [(m.member.text, [a.text for a in m.alternatives]) for m in expander.matches(words("287(g) and s-comm"))] == [
        ("287(g)", ["287g"]),
        ("S-Comm", ["Secure Communities"]),
    ]
    assert [m.member.text for m in expander.matches(words("u visa"))] == ["U visa"]
    assert expander.matches(words("secure borders")) == []  # half a phrase is not the phrase


def test_the_sample_glossary_is_valid_and_covers_the_librarys_acronyms_and_spanish() -> None:
    glossary, problems = load_glossary(ROOT / "docs/glossary.yml", "docs/glossary.yml")
    assert problems == []
    expander = Expander(glossary)
    for typed in ["ICE", "CAP", "PEP", "S-Comm", "Secure Communities", "DACA", "TPS", "287(g)", "U visa", "sanctuary", "conozca sus derechos"]:
        assert expander.matches(words(typed)), f"{typed!r} is in no group"
    # Each group's members find each other: any member typed alone brings back every other one.
    for group in glossary.groups:
        for member in group.members:
            full = [m for m in expander.matches(member.words) if (m.start, m.end) == (0, len(member.words))]
            assert any({*m.alternatives, m.member} >= set(group.members) for m in full), member.text


def test_check_and_build_refuse_a_bad_glossary_and_name_its_lines(tmp_path: Path) -> None:
    record = "---\ntitle: A record\nsummary: One record.\ndocument_type: Report\npolicy_areas: [Immigration]\n---\n"
    project = make_project(tmp_path, {"a.md": record})
    (project / "docs/glossary.yml").write_text("- [ICE, Immigration and Customs Enforcement]\n- [DACA]\n- [ice, hielo]\n", encoding="utf-8")
    checked = subprocess.run([str(LIBRARY), "check"], cwd=project, capture_output=True, text=True, timeout=120)
    assert checked.returncode == 1
    assert "docs/glossary.yml:2: glossary: the group [DACA] has one member" in checked.stdout
    assert "docs/glossary.yml:3: glossary: 'ice' is also in the group on line 1 (as 'ICE';" in checked.stdout
    named = subprocess.run([str(LIBRARY), "check", "docs/glossary.yml"], cwd=project, capture_output=True, text=True, timeout=120)
    assert named.returncode == 1 and "docs/glossary.yml:2:" in named.stdout
    built = run_mkdocs_build(project, tmp_path / "site")
    assert built.returncode != 0 and "docs/glossary.yml:2: glossary: the group [DACA] has one member" in built.stderr
    assert not (tmp_path / "site").exists()  # nothing published
    assert "Traceback" not in checked.stdout + checked.stderr + built.stderr


def test_the_build_ships_the_glossary_in_the_index_manifest_and_not_as_a_file(sample_site: Path) -> None:
    manifest = json.loads(next((sample_site / "assets/library/search").glob("index.*/terms.json")).read_text(encoding="utf-8"))
    glossary, _ = load_glossary(ROOT / "docs/glossary.yml", "docs/glossary.yml")
    assert manifest["glossary"] == glossary.shipped() and len(manifest["glossary"]) >= 40
    assert ["S-Comm", "Secure Communities", "Comunidades Seguras"] in manifest["glossary"]
    assert not (sample_site / "glossary.yml").exists()
