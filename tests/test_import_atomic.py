"""`library import` writes every record or none: a failed write, a kill or a link leaves the records as they were."""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from policy_library.model.tabular import record_text

from tests.support import make_project
from tests.test_cli import GOOD, LIBRARY, OTHER, library, no_traceback, write_csv

COLUMNS = ["id", "title", "summary", "document_type", "policy_areas", "body"]


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry below the folder: a file's bytes, a link's target, a folder."""
    found = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[name] = "link -> " + os.readlink(path)
        elif path.is_dir():
            found[name] = "dir"
        else:
            found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def staging_left(project: Path) -> list[str]:
    return sorted(p.name for p in (project / "docs").iterdir() if p.name.startswith("."))


def rows(count: int, *, prefix: str = "row", title: str = "Imported") -> list[list[str]]:
    return [COLUMNS] + [[f"{prefix}-{n:05d}", f"{title} {n}", "A summary.", "Report", "Immigration", f"Body {n}. " * 20] for n in range(count)]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path, {"king-county-ordinance-17886.md": GOOD, "other-record.md": OTHER})


@contextlib.contextmanager
def immutable(path: Path) -> Iterator[None]:
    """A file nobody may replace, not even root (who ignores permission bits)."""
    if os.geteuid() != 0:
        path.parent.chmod(0o555)
        try:
            yield
        finally:
            path.parent.chmod(0o755)
        return
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"cannot make a file immutable here (chattr: {made.stderr.strip()}); the folder-in-the-way test covers a failed write")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_a_write_failing_part_way_leaves_nothing(project: Path) -> None:
    """Five records are written before the sixth fails (a folder stands where its file would go)."""
    records = project / "docs/records"
    (records / "row-00005.md").mkdir()
    before = snapshot(records)
    write_csv(project / "six.csv", rows(6))
    result = library(project, "import", "six.csv")
    no_traceback(result)
    assert result.returncode == 1
    assert "library import: cannot write docs/records/row-00005.md" in result.stderr
    assert "Nothing of the import was written; the records are as they were." in result.stderr
    assert snapshot(records) == before
    assert staging_left(project) == []


def test_a_failed_update_puts_back_the_records_it_replaced(project: Path) -> None:
    records = project / "docs/records"
    write_csv(project / "first.csv", rows(4))
    assert library(project, "import", "first.csv").returncode == 0
    before = snapshot(records)
    write_csv(project / "second.csv", rows(4, title="Corrected"))
    with immutable(records / "row-00003.md"):
        result = library(project, "import", "second.csv", "--update")
    no_traceback(result)
    assert result.returncode == 1
    assert "cannot write docs/records/row-00003.md" in result.stderr and "Nothing of the import was written" in result.stderr
    assert snapshot(records) == before
    assert staging_left(project) == []


def start_import(project: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([str(LIBRARY), "import", *args], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def state(folder: Path) -> dict[str, int]:
    # Names and inode numbers come with the folder listing, without a stat per file: cheap enough to
    # poll while the import runs. Import replaces a record by renaming a new file over it.
    return {e.name: e.inode() for e in os.scandir(folder)}


def kill_when_records_change(process: subprocess.Popen[str], records: Path, sig: signal.Signals) -> tuple[dict[str, int], str]:
    """Send the signal the moment the first record file is added or changed: the files' sizes at that moment, and what the import said."""
    before = state(records)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        if state(records) != before:
            process.send_signal(sig)
            sizes = {p.name: p.stat().st_size for p in records.iterdir()}
            _, said = process.communicate(timeout=60)
            return sizes, said
    raise AssertionError(f"the import ended before it changed a record: {process.communicate()}")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_an_update_killed_while_writing_is_undone(project: Path, sig: signal.Signals) -> None:
    records = project / "docs/records"
    count = 1500
    for rid, *cells in rows(count)[1:]:
        (records / f"{rid}.md").write_text(record_text(dict(zip(COLUMNS[1:], cells, strict=True))), encoding="utf-8")
    before = snapshot(records)
    write_csv(project / "second.csv", rows(count, title="Corrected"))
    process = start_import(project, "second.csv", "--update")
    sizes, said = kill_when_records_change(process, records, sig)
    assert process.returncode != 0
    # Never a half-written record, even at the moment of the kill.
    assert all(size > 0 for size in sizes.values())
    assert all(p.stat().st_size > 0 for p in records.iterdir())
    if sig == signal.SIGTERM:
        assert "Stopped: nothing of the import was written; the records are as they were." in said
        assert snapshot(records) == before and staging_left(project) == []
    # The next command of any kind finishes the cleaning up of a killed import.
    checked = library(project, "check")
    no_traceback(checked)
    assert snapshot(records) == before
    assert staging_left(project) == []
    if sig == signal.SIGKILL:
        assert "an import that was stopped part-way was undone" in checked.stderr


def test_an_import_killed_while_reading_leaves_nothing(project: Path) -> None:
    records = project / "docs/records"
    before = snapshot(records)
    # Reading and checking 15,000 rows takes about 4 s on a fast 2-core machine before anything is written
    # (3,000 rows were all read, checked and written in 1.5 s there).
    write_csv(project / "big.csv", rows(15000))
    process = start_import(project, "big.csv")
    time.sleep(1.5)
    assert process.poll() is None, "the import ended too soon to be killed in the middle"
    assert staging_left(project) == [], "the import had started writing: it was not killed while reading"
    process.kill()
    process.communicate(timeout=60)
    assert library(project, "check").returncode == 0
    assert snapshot(records) == before
    assert staging_left(project) == []


# --- links ----------------------------------------------------------------------


def test_import_refuses_to_write_through_a_link(project: Path, tmp_path: Path) -> None:
    records = project / "docs/records"
    outside = tmp_path / "outside.txt"
    outside.write_text("not a record; must never be overwritten\n", encoding="utf-8")
    (records / "linked-out.md").symlink_to(outside)
    (records / "dangling.md").symlink_to(tmp_path / "nowhere" / "created.md")
    before = snapshot(records)
    write_csv(
        project / "links.csv",
        [COLUMNS, ["linked-out", "Linked", "S.", "Report", "Immigration", "Body."], ["dangling", "Dangling", "S.", "Report", "Immigration", "Body."]],
    )
    result = library(project, "import", "links.csv", "--update")
    no_traceback(result)
    assert result.returncode == 1
    assert "links.csv: row 2: id: docs/records/linked-out.md is a link to a file elsewhere; import never writes through a link" in result.stdout
    assert "links.csv: row 3: id: docs/records/dangling.md is a link to a file elsewhere; import never writes through a link" in result.stdout
    assert "(replace the link with the record file itself, or delete it)" in result.stdout
    assert outside.read_text(encoding="utf-8") == "not a record; must never be overwritten\n"
    assert not (tmp_path / "nowhere").exists()
    assert snapshot(records) == before
