"""`mkdocs serve` while an editor works: an edit shows up, a broken record is reported
in the terminal while the server goes on previewing the rest, and fixing it recovers."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support import MKDOCS, make_project

RECORD = """---
title: {title}
summary: A record being edited.
document_type: {document_type}
policy_areas: [Immigration]
---
"""
NEIGHBOUR = """---
title: Neighbour Record
summary: Stays good throughout.
document_type: Report
policy_areas: [Policing]
---
"""
TIMEOUT = 90


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, TimeoutError, ConnectionError):
        return 0, ""


def wait_for(what: str, condition: Callable[[], bool], log: Path) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    pytest.fail(f"mkdocs serve: {what} within {TIMEOUT} s. Its output:\n{log.read_text(errors='replace')[-3000:]}")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str, Path, subprocess.Popen[bytes]]]:
    project = make_project(tmp_path, {"edited-record.md": RECORD.format(title="First Title", document_type="Report"), "neighbour-record.md": NEIGHBOUR})
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    try:
        yield project, f"http://127.0.0.1:{port}/", log, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_serve_reloads_reports_a_broken_record_and_recovers(served: tuple[Path, str, Path, subprocess.Popen[bytes]]) -> None:
    project, base, log, process = served
    page = base + "records/edited-record/"
    record = project / "docs/records/edited-record.md"
    wait_for("the record page is served", lambda: "First Title" in fetch(page)[1], log)
    # The page is wired for live reload: the browser reloads it when a build finishes.
    assert "livereload" in fetch(page)[1]

    record.write_text(RECORD.format(title="Second Title", document_type="Report"), encoding="utf-8")
    wait_for("the edit is served", lambda: "Second Title" in fetch(page)[1], log)

    record.write_text(RECORD.format(title="Second Title", document_type="Reprot"), encoding="utf-8")
    message = "docs/records/edited-record.md:4: document_type: 'Reprot' is not an allowed value"
    wait_for("the broken record's problem is logged", lambda: message in log.read_text(errors="replace"), log)
    wait_for("the broken record leaves the preview", lambda: fetch(page)[0] == 404, log)
    assert process.poll() is None, "the server stopped"
    status, html = fetch(base + "records/neighbour-record/")
    assert status == 200 and "Neighbour Record" in html  # the rest of the library is still previewed

    record.write_text(RECORD.format(title="Fixed Title", document_type="Report"), encoding="utf-8")
    wait_for("the fixed record is served again", lambda: "Fixed Title" in fetch(page)[1], log)
    assert process.poll() is None
    assert "Traceback" not in log.read_text(errors="replace")
