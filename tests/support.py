"""Shared helpers for tests: building real sites and serving them over HTTP."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
SUBPATH = "policy-library"


def run_mkdocs_build(project: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """A real `mkdocs build --strict` of the project at `project` into `site_dir`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "--site-dir", str(site_dir), *extra],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def build_site(project: Path, site_dir: Path, *extra: str) -> None:
    """`run_mkdocs_build` for tests that need a built site: a failed build fails the test with MkDocs' own output."""
    result = run_mkdocs_build(project, site_dir, *extra)
    assert result.returncode == 0, result.stderr


def make_project(tmp: Path, records: dict[str, str], *, files: dict[str, bytes] | None = None) -> Path:
    """A copy of this project's site configuration with the given records instead of the sample."""
    project = tmp / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    docs = project / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("records", "files"))
    (docs / "records").mkdir()
    (docs / "files").mkdir()
    for name, text in records.items():
        (docs / "records" / name).write_text(text, encoding="utf-8")
    for name, data in (files or {}).items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_bytes(data)
    return project


# The paths each test server was asked for, by its host and port: what reached it, not what a browser's cache answered.
_ASKED: dict[str, list[str]] = {}


def asked_of(url: str) -> list[str]:
    """Every path the test server at `url`'s host and port has been asked for, in order (a live list)."""
    return _ASKED.setdefault(urlsplit(url).netloc, [])


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def send_head(self):  # type: ignore[no-untyped-def]
        asked_of(f"http://127.0.0.1:{self.server.server_address[1]}/").append(self.path)
        return super().send_head()

    def end_headers(self) -> None:
        # As GitHub Pages serves every file: a browser may keep it ten minutes.
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(site_dir: Path, tmp: Path, subpath: str = SUBPATH) -> Iterator[str]:
    """Serve `site_dir` at http://127.0.0.1:<port>/<subpath>/, as GitHub Pages serves a project site."""
    root = tmp / "webroot"
    root.mkdir(exist_ok=True)
    link = root / subpath
    if not link.exists():
        link.symlink_to(site_dir, target_is_directory=True)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{subpath}/"
    finally:
        server.shutdown()
        server.server_close()


def chromium_path() -> str:
    """The system's Chromium; the tests never download a browser."""
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium", shutil.which("google-chrome")):
        if candidate and Path(candidate).exists():
            return candidate
    raise RuntimeError("No Chromium found: install Debian's package (apt-get install -y chromium) or set CHROMIUM=/path/to/chrome")


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
