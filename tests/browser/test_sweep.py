"""Every page type in a real Chromium, on a library whose records carry injected payloads.

On each page: no request to any origin but the site's own, no console error
(a Content-Security-Policy violation is one), no uncaught exception, no dialog,
and no effect from any payload (they all try to set `window.__pwned`).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Watch
from tests.support import build_site, make_project, serve


def effect(name: str) -> str:
    return f"window.__pwned='{name}';alert('{name}')"


def yaml_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


HOSTILE = f"""---
title: {yaml_text(f'<img src=x onerror="{effect("title")}">Sanctuary detainer ordinance')}
summary: {yaml_text(f"<script>{effect('summary')}</script> Ends ICE detainer holds in the county.")}
document_type: Ordinance
policy_areas: [Immigration, Policing]
level: County
states: [WA]
jurisdiction: {yaml_text(f'<svg onload="{effect("jurisdiction")}"></svg>King County')}
organization: {yaml_text(f'"><img src=x onerror="{effect("organization")}">County Council')}
date: 2014-12-01
source_url: {yaml_text(f'https://example.org/?a="><script>{effect("url")}</script>')}
tags: [{yaml_text(f"<b onmouseover={effect('tag')}>detainers</b>")}, "javascript:alert(1)", "{{{{ 7*7 }}}}"]
related: [plain-record]
---
Body paragraph about detainers.

<script>{effect("body-script")}</script>
<img src="x" onerror="{effect("body-img")}">
<img src="https://tracker.example/pixel.gif" alt="tracker">
<iframe src="https://evil.example/"></iframe>
<a href="javascript:{effect("body-link")}">a link</a>
<form action="https://evil.example/"><input name="q"><button>Go</button></form>
<p style="background:url(https://tracker.example/bg.png)">styled</p>
<svg onload="{effect("body-svg")}"></svg>
<table><tr><th>Kept</th><td><abbr title="Immigration and Customs Enforcement">ICE</abbr></td></tr></table>
"""

LUNR_SYNTAX = """---
title: "ICE ~ ^ * + - : detainer: policy"
summary: A record whose title is full of Lunr query syntax.
document_type: Policy
policy_areas: Immigration
states: CA
date: 2017
---
"""

PLAIN = """---
title: Plain record on courthouse arrests
summary: A well-behaved record.
document_type: Report
policy_areas: [Criminal Justice]
states: [OR]
organization: Public Defender
date: 2018-05
language: es
---
Asesoría legal.
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("sweep")
    project = make_project(tmp, {"hostile-payloads.md": HOSTILE, "lunr-syntax.md": LUNR_SYNTAX, "plain-record.md": PLAIN})
    site = tmp / "site"
    build_site(project, site)
    return site


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve(hostile_site, tmp_path_factory.mktemp("sweep-web")) as url:
        yield url


@contextlib.contextmanager
def pages_host(site: Path, prefix: str) -> Iterator[str]:
    """Like GitHub Pages: the site under `prefix`, and its 404.html (status 404) for any missing address there."""

    class Pages(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            inside = path.split("?", 1)[0].removeprefix(prefix.rstrip("/"))
            return super().translate_path(inside if path.startswith(prefix) else "/no-such-file")

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            if code != 404:
                return super().send_error(code, message, explain)
            body = (site / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Pages, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def content_pages(site: Path) -> list[str]:
    """Every top-level page (privacy, browse, open data, HTML policy, the editing guide once it exists...),
    one browse page of each kind, and every record."""
    paths = sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.glob("*/index.html"))
    browse = site / "browse"
    kinds = sorted({p.parent.parent.relative_to(site).as_posix() for p in browse.glob("*/*/index.html")}) if browse.is_dir() else []
    for kind in kinds:
        paths.append(sorted(p.parent.relative_to(site).as_posix() + "/" for p in (site / kind).glob("*/index.html"))[0])
    paths += sorted(p.parent.relative_to(site).as_posix() + "/" for p in (site / "records").glob("*/index.html"))
    return paths


def assert_clean(page: Page, watch: Watch, where: str, *, idle: bool = True) -> None:
    if idle:
        page.wait_for_load_state("networkidle")
    assert watch.foreign_requests() == [], where
    assert watch.console_errors == [], where
    assert watch.page_errors == [], where
    assert watch.dialogs == [], where
    assert page.evaluate("window.__pwned") is None, where
    # The theme's inline scripts ran (allowed by hash) and its bundle started.
    assert page.evaluate("typeof __md_get === 'function' && typeof document$ === 'object'"), where


def test_every_page_is_clean(watched: tuple[Page, Watch], hostile_site: Path, hostile_url: str) -> None:
    page, watch = watched
    paths = content_pages(hostile_site)
    assert {"privacy/", "html-policy/", "records/hostile-payloads/", "records/plain-record/"} <= set(paths)
    for path in paths:
        page.goto(hostile_url + path)
        assert_clean(page, watch, path)
    hostile = hostile_url + "records/hostile-payloads/"
    page.goto(hostile)
    expect(page.locator("article h1")).to_have_text("<img src=x onerror=\"window.__pwned='title';alert('title')\">Sanctuary detainer ordinance")
    page.hover("article")  # any mouseover payload would fire now
    page.locator("article a", has_text="a link").click()  # its javascript: href is gone
    assert_clean(page, watch, "after hover and click")


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?q=detainer&states=WA",
        "?q=detainer&document_type=Ordinance&policy_areas=Immigration&sort=title",
        "?q=" + quote('<img src=x onerror="window.__pwned=1">'),
        "?q=" + quote("ICE ~ ^ * + - : detainer:"),
        "?q=asesoria&language=es",
        "?states=" + quote("<script>") + "&year_from=x&page=-1",
    ],
)
def test_search_page_is_clean(watched: tuple[Page, Watch], hostile_url: str, query: str) -> None:
    page, watch = watched
    page.goto(hostile_url + query)
    expect(page.locator(".library-results")).to_have_attribute("data-search-state", "ready")
    assert_clean(page, watch, query)
    ids = page.locator(".library-results [data-record-id]").evaluate_all("els => els.map(e => e.dataset.recordId)")
    assert set(ids) <= {"hostile-payloads", "lunr-syntax", "plain-record"}


def test_search_results_show_payloads_as_text(watched: tuple[Page, Watch], hostile_url: str) -> None:
    page, watch = watched
    page.goto(hostile_url + "?q=sanctuary")
    result = page.locator('.library-results [data-record-id="hostile-payloads"]')
    expect(result).to_contain_text("<img src=x onerror=")
    expect(result).to_contain_text("<script>")
    assert result.locator("img, script, svg[onload]").count() == 0
    page.locator('input[name="q"]').fill('"><img src=x onerror=alert(1)>')
    expect(page.locator(".library-results")).to_have_attribute("data-search-state", "ready")
    assert_clean(page, watch, "typed payload")


@pytest.mark.parametrize("prefix", ["/policy-library/", "/"])
@pytest.mark.parametrize("missing", ["records/removed-record/", "browse/states/zz/", "assets/nothing.css"])
def test_not_found_page_is_clean_at_any_depth(watched: tuple[Page, Watch], hostile_site: Path, prefix: str, missing: str) -> None:
    """The 404 page for a missing address, as GitHub Pages serves it under a project's sub-path or at a domain's root."""
    page, watch = watched
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    with pages_host(hostile_site, prefix) as url:
        response = page.goto(url + missing)
        assert response is not None and response.status == 404
        # The site's own 404 page: its heading and a search box to find the way again.
        expect(page.locator("h1")).to_be_visible()
        expect(page.locator('main input[name="q"]')).to_be_visible()
        page.wait_for_load_state("networkidle")
        # The one failed load Chromium reports is the missing page itself, as on GitHub Pages.
        assert failed == [url + missing]
        assert watch.console_errors == ["Failed to load resource: the server responded with a status of 404 (Not Found)"]
        watch.console_errors.clear()
        assert_clean(page, watch, f"404 at {prefix}{missing}")
        # Styled by the site's own stylesheet, and its links lead into the site.
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        page.locator(".md-header__button.md-logo").click()
        expect(page.locator(".library-results")).to_have_attribute("data-search-state", "ready")
        assert page.url == url


def test_policy_blocks_injected_script(watched: tuple[Page, Watch], hostile_url: str) -> None:
    """The CSP itself, not only the escaping: markup injected at run time cannot run code."""
    page, watch = watched
    page.goto(hostile_url + "records/plain-record/")
    page.wait_for_load_state("networkidle")
    page.evaluate(
        """() => {
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));
        document.body.insertAdjacentHTML('beforeend', '<img src="data:," onerror="window.__pwned=1"><div onclick="window.__pwned=2" id="x">x</div>');
        const s = document.createElement('script'); s.textContent = 'window.__pwned = 3'; document.body.append(s);
        setTimeout('window.__pwned = 4');  // a string is eval: 'unsafe-eval' is not allowed
        document.getElementById('x').click();
    }"""
    )
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    violations = page.evaluate("window.__violations")
    assert violations and all(v.startswith("script-src") for v in violations), violations
    assert watch.dialogs == [] and watch.foreign_requests() == []


def test_theme_navigation_works_under_the_policy(watched: tuple[Page, Watch], sample_url: str) -> None:
    """mkdocs-material's own script runs under the CSP: its back-to-top button appears and works."""
    page, watch = watched
    page.set_viewport_size({"width": 1280, "height": 500})
    page.goto(sample_url)
    expect(page.locator(".library-results")).to_have_attribute("data-search-state", "ready")
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -400)
    top = page.locator(".md-top")
    expect(top).to_be_visible()
    top.click()
    page.wait_for_function("window.scrollY === 0")
    assert_clean(page, watch, "back to top")


def test_editors_preview_works_under_the_policy(watched: tuple[Page, Watch], tmp_path: Path) -> None:
    """`mkdocs serve` injects a live-reload script the build cannot hash: the preview allows it, and still runs no payload."""
    project = make_project(tmp_path, {"hostile-payloads.md": HOSTILE, "plain-record.md": PLAIN})
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(url, timeout=2).close()
                break
            except OSError:
                time.sleep(0.3)
        page, watch = watched
        page.goto(url + "records/hostile-payloads/")
        page.wait_for_timeout(1000)  # live reload polls for ever: the network is never idle
        assert page.evaluate("typeof window.livereload") == "function"
        assert any("/livereload/" in u for u in watch.requests)
        assert_clean(page, watch, "mkdocs serve", idle=False)
    finally:
        server.terminate()
        server.wait(timeout=30)
