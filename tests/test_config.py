"""The plugin's options: a bad value or an unknown option stops the build, and the `library`
commands, with the same one line that names the option and the fix, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT, run_mkdocs_build

RECORD = (ROOT / "generator" / "policy_library" / "cli" / "starter" / "example-record.md").read_text(encoding="utf-8")

# (the plugin's options as written in mkdocs.yml, what the one line must say)
BAD = [
    ("home_record: 5", ["'home_record'", "did you mean 'home_records'?"]),
    ("home_records: twenty", ["'home_records'", "expected a whole number of at least 0, not 'twenty'", "for example 20"]),
    ("browse_page_size: 0", ["'browse_page_size'", "at least 1"]),
    ("home_records: true", ["'home_records'", "not True"]),
    ("records_dir: ../elsewhere", ["'records_dir'", "leaves docs/"]),
    ("vocabularies: {level: 5}", ["'vocabularies'", "level: expected a list of values, not 5", "vocabularies: {level: [Federal, State, County]}"]),
    ("vocabularies: {colour: [Red]}", ["'vocabularies'", "'colour' has no vocabulary", "the known ones are"]),
    ("vocabularies: {level: [[City]]}", ["'vocabularies'", "neither a value nor a `value: label` pair"]),
    ("vocabularies: [level]", ["'vocabularies'", "expected each field with its list of values"]),
]


def _project(tmp_path: Path, options: str) -> Path:
    (tmp_path / "docs" / "records").mkdir(parents=True)
    (tmp_path / "docs" / "records" / "example.md").write_text(RECORD, encoding="utf-8")
    config = "site_name: Options\ntheme: {name: material}\nplugins:\n  - library:\n"
    (tmp_path / "mkdocs.yml").write_text(config + "".join(f"      {line}\n" for line in options.splitlines()), encoding="utf-8")
    return tmp_path


def _library_check(project: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "policy_library.cli", "check"]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(("options", "said"), BAD, ids=[options for options, _ in BAD])
def test_a_bad_option_stops_the_build_and_the_commands_with_one_line(tmp_path: Path, options: str, said: list[str]) -> None:
    project = _project(tmp_path, options)
    built = run_mkdocs_build(project, tmp_path / "site")
    assert built.returncode == 1 and "Traceback" not in built.stderr
    errors = [line for line in built.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1, built.stderr
    assert all(words in errors[0] for words in said), errors[0]
    assert not (tmp_path / "site").exists()
    # The editors' command reads the section with the same class, so it says the same.
    checked = _library_check(project)
    assert checked.returncode == 1 and "Traceback" not in checked.stderr
    (line,) = checked.stderr.splitlines()
    option = said[0].strip("'")
    assert line.startswith(f"library check: mkdocs.yml: plugins: library: {option}: ")
    assert all(words in line for words in said[1:]), line


def test_good_options_reach_the_build_and_the_commands_alike(tmp_path: Path) -> None:
    project = _project(tmp_path, "records_dir: entries/\nhome_records: 0\nvocabularies: {level: [Municipal, County]}")
    (project / "docs" / "records").rename(project / "docs" / "entries")
    built = run_mkdocs_build(project, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "The 0 newest of 1 record." in home, "home_records: 0 lists none of the newest records"
    assert (tmp_path / "site" / "entries" / "example" / "index.html").is_file()
    checked = _library_check(project)
    assert checked.returncode == 0 and "Checked 1 record: no problems." in checked.stdout
    # A value the configured vocabulary does not have is an error in both.
    (project / "docs" / "entries" / "example.md").write_text(RECORD.replace("level: Municipal", "level: State"), encoding="utf-8")
    assert "level: 'State' is not an allowed value" in _library_check(project).stdout
    assert "level: 'State' is not an allowed value" in run_mkdocs_build(project, tmp_path / "site").stderr
