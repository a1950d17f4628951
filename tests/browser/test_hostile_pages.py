"""Hostile records against the built site in real Chromium: nothing a record carries runs.

Two levels are tested apart. Record text never reaches a page as markup (an
unknown frontmatter key such as `author`, written by hand or by `library
import`, is not printed raw by the theme). And when escaping fails somewhere
anyway (simulated by a hook that prints a record's title raw into its page),
the Content-Security-Policy still blocks the script: it allows only the inline
scripts the theme and the plugin wrote, never one found in a finished page.
"""

from __future__ import annotations

import contextlib
import csv
import html
import http.server
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Playwright
from policy_library.site.csp import inline_scripts, sha256

from tests.support import CHROMIUM_ARGS, chromium_path, make_project, run_mkdocs_build, serve

LIBRARY = Path(sys.executable).parent / "library"
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')

RECORD = """---
title: {title}
summary: A summary.
document_type: Ordinance
policy_areas: [Immigration]
{extra}---
Body.
"""


def payload(marker: str) -> str:
    """Closes an attribute, runs a script that leaves its mark, and reopens a tag to hide the seam."""
    return f'"><script>window.__pwned=(window.__pwned||[]).concat("{marker}")</script><meta x="'


# Prints a record's title raw into its page, in the body and in the <head>'s
# description, as a template or a plugin step that forgot to escape would.
UNESCAPED_HOOK = """
from markupsafe import Markup
from mkdocs.plugins import event_priority


@event_priority(-50)
def on_page_content(html, page, config, files):
    if page.file.src_uri.startswith("records/") and page.meta.get("title"):
        raw = Markup(page.meta["title"]).unescape()
        page.meta["description"] = Markup(raw)
        return html + "<p>" + raw + "</p>"
    return html
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile-pages")
    project = make_project(
        tmp,
        {
            "author-field.md": RECORD.format(title="Author field", extra=f"author: '{payload('author')}'\n"),
            "raw-title.md": RECORD.format(title="'" + payload("title").replace("'", "''") + "'", extra=""),
        },
    )
    # The same key arriving through a spreadsheet column.
    with (project / "sheet.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "title", "summary", "document_type", "policy_areas", "author"])
        writer.writerow(["imported-author", "Imported author", "A summary.", "Report", "Immigration", payload("import")])
    imported = subprocess.run([str(LIBRARY), "import", "sheet.csv"], cwd=project, capture_output=True, text=True, timeout=120, env=dict(os.environ))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert (project / "docs" / "records" / "imported-author.md").exists()
    (project / "unescaped.py").write_text(UNESCAPED_HOOK, encoding="utf-8")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\nhooks:\n  - unescaped.py\n")
    site = tmp / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site


def page_of(site: Path, rid: str) -> str:
    return (site / "records" / rid / "index.html").read_text(encoding="utf-8")


def allowed_hashes(page: str) -> list[str]:
    policy = html.unescape(META.search(page).group(1))  # type: ignore[union-attr]
    script_src = next(part for part in policy.split(";") if part.split()[0] == "script-src")
    return script_src.split()[1:]


@pytest.mark.parametrize("rid", ["author-field", "imported-author"])
def test_unknown_keys_never_reach_the_page_as_markup(hostile_site: Path, rid: str) -> None:
    page = page_of(hostile_site, rid)
    assert not [s for s in inline_scripts(page) if "__pwned" in s], "the unknown key's script is in the page"
    assert "<meta x=" not in page


def test_a_script_that_escaped_escaping_is_not_allowed_by_the_policy(hostile_site: Path) -> None:
    page = page_of(hostile_site, "raw-title")
    injected = [s for s in inline_scripts(page) if "__pwned" in s]
    assert injected, "the hook did not print the title raw: the test would prove nothing"
    allowed = allowed_hashes(page)
    assert sha256(injected[0]) not in allowed
    # A policy in a <meta> covers only what comes after it: nothing the page's data fills in may come first.
    head = page[: page.index("</head>")]
    assert "__pwned" in head, "the hook did not print the description raw: the test would prove nothing"
    assert head.index("Content-Security-Policy") < head.index("__pwned")
    # The theme's own scripts are still allowed: the policy did not just block everything.
    own = [s for s in inline_scripts(page) if "__pwned" not in s]
    assert own and all(sha256(s) in allowed for s in own)


@pytest.mark.parametrize("rid", ["author-field", "imported-author", "raw-title"])
def test_no_record_script_runs_in_chromium(hostile_site: Path, browser: Browser, tmp_path: Path, rid: str) -> None:
    with serve(hostile_site, tmp_path) as url:
        context = browser.new_context()
        page = context.new_page()
        violations: list[str] = []
        page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto(f"{url}records/{rid}/")
        page.wait_for_load_state("load")
        ran = page.evaluate("window.__pwned || []")
        theme_ran = page.evaluate("typeof __md_get === 'function'")
        context.close()
    assert ran == [], f"record script ran: {ran}"
    assert theme_ran, "the theme's own inline script must still run"
    if rid == "raw-title":
        assert violations, "the browser should report the blocked script"


# The 404 page: GitHub Pages answers every missing address with it, so its `<base>`
# script reads an address anyone can write. Each of these once gave `<base href="//evil.example/">`.
HOSTILE_PATHS = [
    "/&sol;evil.example/records/x/",
    "/&sol;evil.example/x",
    "//evil.example/records/x/",
    "//evil.example/x",
    "/\\evil.example/records/x/",
    "/&bsol;evil.example/records/x/",
    "/\t/evil.example/records/x/",
    "/\n/evil.example/records/x/",
    "/&Tab;/evil.example/records/x/",
    "/&NewLine;/evil.example/records/x/",
    "/&sol;&sol;evil.example/records/x/",
    "/%5Cevil.example/records/x/",
    "/policy-library/&sol;/evil.example/records/x/",
]
# The page's own base, where the address is an ordinary missing page: [host, path, expected base path].
ORDINARY = [
    ("127.0.0.1", "/policy-library/records/removed/", "/policy-library/"),
    ("127.0.0.1", "/nothing-here", "/"),
    ("owner.github.io", "/repo/no/such/page", "/repo/"),
    ("owner.github.io", "/repo/browse/states/zz/", "/repo/"),
]


@contextlib.contextmanager
def not_found_host(site: Path) -> Iterator[int]:
    """Answers every address with the built 404.html and status 404, as GitHub Pages does for a missing one."""
    body = (site / "404.html").read_bytes()

    class NotFound(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), NotFound)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def pages_browser(playwright: Playwright) -> Iterator[Browser]:
    """Chromium that reaches the local server under a *.github.io name too: the script treats that host apart."""
    browser = playwright.chromium.launch(executable_path=chromium_path(), args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP owner.github.io 127.0.0.1"])
    yield browser
    browser.close()


BASE_OF_PAGE = """() => {
  const bases = [...document.querySelectorAll('base')];
  return {count: bases.length, href: bases.length ? new URL(bases[0].getAttribute('href'), location.href).href : null,
          origin: location.origin, baseURI: document.baseURI};
}"""


def base_of(browser: Browser, url: str) -> dict[str, object]:
    context = browser.new_context()
    try:
        page = context.new_page()
        response = page.goto(url)
        assert response is not None and response.status == 404
        return page.evaluate(BASE_OF_PAGE)  # type: ignore[no-any-return]
    finally:
        context.close()


@pytest.mark.parametrize("host", ["127.0.0.1", "owner.github.io"])
@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_not_found_base_never_leaves_the_origin(sample_site: Path, pages_browser: Browser, host: str, path: str) -> None:
    with not_found_host(sample_site) as port:
        found = base_of(pages_browser, f"http://{host}:{port}{path}")
    assert found["count"] <= 1
    if found["href"] is not None:
        assert urlsplit(str(found["href"])).netloc == f"{host}:{port}", found
    assert urlsplit(str(found["baseURI"])).netloc == f"{host}:{port}", found


@pytest.mark.parametrize(("host", "path", "expected"), ORDINARY)
def test_not_found_base_is_the_site_root(sample_site: Path, pages_browser: Browser, host: str, path: str, expected: str) -> None:
    with not_found_host(sample_site) as port:
        found = base_of(pages_browser, f"http://{host}:{port}{path}")
    assert found["count"] == 1 and found["href"] == f"http://{host}:{port}{expected}", found
