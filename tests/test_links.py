"""`library links` against a local stand-in for publishers' servers: no network."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from policy_library.cli.links import Link, LinkResult, Resolve, Settings, check_links
from policy_library.cli.main import main

from tests.link_server import LinkServer, link_server
from tests.support import make_project

LIBRARY = Path(sys.executable).parent / "library"


@pytest.fixture(scope="module")
def server() -> Iterator[LinkServer]:
    with link_server() as running:
        yield running


QUICK = Settings(timeout=1.0)


def check(*urls: str, settings: Settings = QUICK, resolve: Resolve | None = None) -> dict[str, LinkResult]:
    links = [Link(f"r{i}", f"docs/records/r{i}.md", 6, url) for i, url in enumerate(urls)]
    return {r.url: r for r in check_links(links, settings, resolve=resolve)}


def test_each_kind_of_address(server: LinkServer) -> None:
    base = server.base
    start = time.perf_counter()
    results = check(
        f"{base}/live",
        f"{base}/moved",
        f"{base}/missing",
        f"{base}/error",
        server.refused,
        f"{base}/hang",
        f"{base}/loop",
        "ftp://example.org/x",
        f"{base}/live/café?année=2017",
    )
    took = time.perf_counter() - start
    live = results[f"{base}/live"]
    assert (live.ok, live.status, live.redirected, live.note, live.method) == (True, 200, False, "live", "HEAD")

    moved = results[f"{base}/moved"]
    assert (moved.ok, moved.status, moved.redirected, moved.final_url) == (True, 200, True, f"{base}/live")
    assert moved.note == f"redirected to {base}/live"

    missing = results[f"{base}/missing"]
    assert (missing.ok, missing.status, missing.note) == (False, 404, "not found")
    assert "find its new address" in missing.hint

    error = results[f"{base}/error"]
    assert (error.ok, error.status, error.note) == (False, 500, "server error")
    assert "try again later" in error.hint

    refused = results[server.refused]
    assert (refused.ok, refused.status, refused.note) == (False, None, "connection refused")

    hang = results[f"{base}/hang"]
    assert (hang.ok, hang.status, hang.note) == (False, None, "no answer within 1 s")
    assert "--timeout" in hang.hint
    assert 0.9 <= hang.seconds < 5

    loop = results[f"{base}/loop"]
    assert (loop.ok, loop.note) == (False, "more than 10 redirects")

    assert results["ftp://example.org/x"].note == "not a web address"
    # An address with accents is sent as a browser sends it.
    assert results[f"{base}/live/café?année=2017"].status == 200
    assert ("HEAD", "/live/caf%C3%A9?ann%C3%A9e=2017") in {(method, path) for _, method, path in server.counts.requests}
    # Everything was asked at once: the whole check took about one timeout, not the sum of them.
    assert took < 5


def test_head_first_then_get_when_head_is_refused(server: LinkServer) -> None:
    results = check(f"{server.base}/no-head/a", f"{server.base}/live/b", f"{server.base}/missing/c")
    assert results[f"{server.base}/no-head/a"].ok
    assert results[f"{server.base}/no-head/a"].method == "GET"
    asked = [(method, path) for _, method, path in server.counts.requests if path.endswith(("/a", "/b", "/c"))]
    # A live page and a missing one are settled by HEAD alone.
    assert sorted(asked) == [("GET", "/no-head/a"), ("HEAD", "/live/b"), ("HEAD", "/missing/c"), ("HEAD", "/no-head/a")]
    # GET comes only after HEAD was refused.
    assert asked.index(("HEAD", "/no-head/a")) < asked.index(("GET", "/no-head/a"))


def test_an_address_given_twice_is_asked_once(server: LinkServer) -> None:
    url = f"{server.base}/live/twice"
    links = [Link("a", "docs/records/a.md", 6, url), Link("b", "docs/records/b.md", 7, url)]
    results = check_links(links, QUICK)
    assert [(r.id, r.line, r.ok) for r in results] == [("a", 6, True), ("b", 7, True)]
    assert [path for _, _, path in server.counts.requests].count("/live/twice") == 1


def test_never_more_than_the_limit_per_server() -> None:
    with link_server() as local:
        results = check(*(f"{local.base}/slow/{i}" for i in range(8)), settings=Settings(timeout=5, concurrency=8, per_host=2))
        assert all(r.ok for r in results.values())
        host = f"127.0.0.1:{local.address[1]}"
        # Two at a time on this server, never three, although eight could be asked at once overall.
        assert local.counts.most[host] == 2


def test_never_more_than_the_limit_overall_and_servers_in_parallel() -> None:
    with link_server() as local:
        # Three publishers' hosts, all answered by the local server (each keeps its own Host header).
        hosts = ["city.example", "county.example:8080", "state.example"]
        resolve = {(h if ":" in h else f"{h}:443"): local.address for h in hosts}
        urls = [f"https://{h}/slow/{i}" if ":" not in h else f"http://{h}/slow/{i}" for h in hosts for i in range(4)]
        results = check(*urls, settings=Settings(timeout=5, concurrency=3, per_host=2), resolve=resolve)
        assert all(r.ok for r in results.values()), results
        assert set(local.counts.most) == {"city.example", "county.example:8080", "state.example"}
        assert max(local.counts.most.values()) <= 2
        # Three at once overall: more than one server at a time, never more than the limit.
        assert local.counts.most_overall == 3


def record(title: str, url: str) -> str:
    return f'---\ntitle: "{title}"\nsummary: A summary.\ndocument_type: Ordinance\npolicy_areas: [Immigration]\nsource_url: {url}\n---\nBody.\n'


def library(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LIBRARY), *args], cwd=project, capture_output=True, text=True, timeout=120)


def test_library_links_names_each_broken_link_with_its_line_and_fix(tmp_path: Path, server: LinkServer) -> None:
    project = make_project(
        tmp_path,
        {
            "live.md": record("Live", f"{server.base}/live/cli"),
            "moved.md": record("Moved", f"{server.base}/moved/cli"),
            "missing.md": record("Missing", f"{server.base}/missing/cli"),
            "down.md": record("Down", server.refused),
        },
    )
    result = library(project, "links", "--timeout", "2")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    header = lines[0].split()
    assert header == ["record", "address", "status", "note"]
    rows = {line.split()[0]: line.split(maxsplit=3)[1:] for line in lines[1:5]}
    assert rows["docs/records/live.md:6"] == [f"{server.base}/live/cli", "200", "live"]
    assert rows["docs/records/moved.md:6"] == [f"{server.base}/moved/cli", "200", f"redirected to {server.base}/live"]
    assert rows["docs/records/missing.md:6"] == [f"{server.base}/missing/cli", "404", "not found"]
    assert rows["docs/records/down.md:6"] == [server.refused, "-", "connection refused"]
    broken = lines[lines.index("Broken links:") + 1 :]
    assert broken[0].startswith(f"docs/records/down.md:6: source_url: connection refused: {server.refused} (nothing answers at that address")
    assert broken[1].startswith(f"docs/records/missing.md:6: source_url: not found: {server.base}/missing/cli (the document moved or was removed")
    assert broken[-1].startswith("Checked 4 addresses of 4 records in ")
    assert broken[-1].endswith(": 1 live, 1 redirected, 2 broken. Fix the broken ones listed above.")

    as_json = library(project, "links", "--format", "json", "--timeout", "2")
    assert as_json.returncode == 1
    data = {item["id"]: item for item in json.loads(as_json.stdout)}
    assert set(data) == {"live", "moved", "missing", "down"}
    assert {k: data["moved"][k] for k in ("url", "ok", "status", "redirected", "final_url")} == {
        "url": f"{server.base}/moved/cli",
        "ok": True,
        "status": 200,
        "redirected": True,
        "final_url": f"{server.base}/live",
    }
    assert (data["missing"]["ok"], data["missing"]["status"], data["missing"]["file"], data["missing"]["line"]) == (False, 404, "docs/records/missing.md", 6)
    assert data["down"]["status"] is None and data["down"]["hint"]

    # Once the broken records are fixed, the check passes; one file can be checked alone.
    (project / "docs/records/missing.md").write_text(record("Missing", f"{server.base}/live/found"))
    (project / "docs/records/down.md").unlink()
    status, out, _ = run_in(project, "links")
    assert status == 0, out
    assert out.splitlines()[-1].endswith(": 2 live, 1 redirected, 0 broken.")
    status, out, _ = run_in(project, "links", "docs/records/live.md")
    assert status == 0 and out.splitlines()[-1].startswith("Checked 1 address of 1 record in ")


def run_in(project: Path, *args: str) -> tuple[int, str, str]:
    """`library` in this process (what the subprocess runs, without its start-up time): exit status, output, errors."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(project), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(list(args))
        except SystemExit as stop:
            status = int(stop.code or 0)
    return status, out.getvalue(), err.getvalue()


def test_library_links_refuses_bad_options_and_paths_plainly(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"a.md": record("A", "https://example.org/a")})
    for args, said in [(["--timeout", "0"], "'0' is not a number above 0"), (["--per-host", "x"], "'x' is not a number above 0"), (["nope.md"], "nope.md")]:
        status, out, err = run_in(project, "links", *args)
        assert status != 0 and out == ""
        assert said in err and "Traceback" not in err
