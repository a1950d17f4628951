"""`library links`: whether every record's source address still leads somewhere.

Addresses are checked concurrently, never more than `concurrency` at once and
never more than `per_host` at once on one server, so that a library with many
documents from one publisher does not hammer it. Each address is asked with
HEAD (no body is sent back); a server that refuses HEAD, or answers it with an
error, is asked again with GET, whose answer is the one reported. Redirects are
followed hop by hop (each hop counts against its own server's limit), and a
redirect to a live page is fine, reported with its final address.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from policy_library.cli.project import Project
from policy_library.model.library import build_library, record_paths
from policy_library.model.problems import errors, printable, problem_line
from policy_library.model.records import Record

REDIRECTS = {301, 302, 303, 307, 308}
MAX_REDIRECTS = 10
USER_AGENT = "Mozilla/5.0 (compatible; policy-library link check; +https://github.com/)"

# What to do about each kind of broken link, for the editor who reads the report.
HINT_MOVED = "the document moved or was removed: find its new address (or a copy on web.archive.org) and put it in source_url"
HINT_REFUSED = "the server may need a login or refuse robots: open the address in a browser; if it works there, keep it"
HINT_SERVER = "the publisher's server failed: try again later; if it keeps failing, look for another copy of the document"
HINT_SLOW = "the server did not answer in time: try again with a longer --timeout; if it still hangs, look for another copy"
HINT_DOWN = "nothing answers at that address: check the host name's spelling, or find where the publisher moved the document"
HINT_ADDRESS = "write the full address starting with https://"


@dataclass(frozen=True)
class Settings:
    timeout: float = 10.0
    concurrency: int = 16
    per_host: int = 2


@dataclass(frozen=True)
class Link:
    """A record's source address, where it is written."""

    id: str
    file: str
    line: int
    url: str


@dataclass(frozen=True)
class Answer:
    """The last answer for an address: the status (None when no server answered) and where it ended."""

    status: int | None
    final_url: str
    method: str
    note: str
    hint: str = ""
    failure: str = ""  # why no server answered: see _FAILURES

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


@dataclass(frozen=True)
class LinkResult:
    id: str
    file: str
    line: int
    url: str
    ok: bool
    status: int | None
    final_url: str
    redirected: bool
    method: str
    note: str
    hint: str
    seconds: float

    def problem(self) -> str:
        """The broken link as `file:line: source_url: what happened (what to do)`."""
        return problem_line(f"{self.file}:{self.line}", "source_url", f"{self.note}: {self.url}", self.hint)


def links_of(records: Iterable[Record]) -> list[Link]:
    return [Link(r.id, r.path, r.line_of("source_url"), r.source_url) for r in sorted(records, key=lambda r: r.path) if r.source_url]


def project_links(project: Project, targets: Iterable[Path] = ()) -> tuple[list[Link], int]:
    """The source addresses of the named record files and folders (default: every record), and
    how many of those records could not be read (`library check` says why)."""
    paths: list[Path] = []
    for target in list(targets) or [project.records_dir]:
        paths += record_paths(target.absolute()) if target.is_dir() else [target.absolute()]
    library = build_library(paths, project.records_dir, project.taxonomy, root=Path.cwd())
    unread = len({p.path for p in errors(library.problems)} - {r.path for r in library})
    return links_of(library), unread


# Where to connect instead of an address's own host: "host:port" -> (host, port). The
# connection is then plain HTTP whatever the scheme, with the address's own Host header,
# so tests and the benchmark can stand a local server in for the publishers' sites.
Resolve = Mapping[str, tuple[str, int]]


def check_links(links: Iterable[Link], settings: Settings = Settings(), *, resolve: Resolve | None = None) -> list[LinkResult]:
    """Check every link (each address once, however many records give it); results in the links' order."""
    work = _check_all(list(links), settings, resolve or {})
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(work)
    # Called from code that already runs an event loop (a notebook, a browser session driven
    # through Playwright's synchronous API): the check gets a loop of its own on another thread.
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, work).result()


async def _check_all(links: list[Link], settings: Settings, resolve: Resolve) -> list[LinkResult]:
    overall = asyncio.Semaphore(settings.concurrency)
    hosts: dict[str, asyncio.Semaphore] = {}
    loop = asyncio.get_running_loop()
    opener = _opener(resolve)

    with ThreadPoolExecutor(max_workers=settings.concurrency, thread_name_prefix="links") as pool:

        async def ask(method: str, url: str) -> _Hop:
            # The server's own limit first, so that addresses waiting for a busy server do not hold overall places.
            key = _host_key(url)
            if key not in hosts:
                hosts[key] = asyncio.Semaphore(settings.per_host)
            async with hosts[key], overall:
                return await loop.run_in_executor(pool, _ask, opener, method, url, settings.timeout)

        async def follow(method: str, url: str) -> Answer:
            current = url
            for _ in range(MAX_REDIRECTS + 1):
                hop = await ask(method, current)
                if hop.status in REDIRECTS and hop.location:
                    current = urljoin(current, hop.location)
                    if not _web_address(current):
                        return Answer(hop.status, current, method, "redirected to something that is not a web page", HINT_MOVED)
                    continue
                return _answer(hop, current, method, settings.timeout)
            return Answer(
                None,
                current,
                method,
                f"more than {MAX_REDIRECTS} redirects",
                "the address redirects in a loop: open it in a browser and use the address it ends at",
            )

        async def check(url: str) -> tuple[Answer, float]:
            start = time.perf_counter()
            if not _web_address(url):
                return Answer(None, url, "", "not a web address", HINT_ADDRESS), 0.0
            answer = await follow("HEAD", url)
            if _ask_again_with_get(answer):
                answer = await follow("GET", url)
            return answer, time.perf_counter() - start

        unique = list(dict.fromkeys(link.url for link in links))
        answers = dict(zip(unique, await asyncio.gather(*(check(url) for url in unique)), strict=True))
    return [_result(link, *answers[link.url]) for link in links]


def _web_address(url: str) -> bool:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (a port that is not a number raises here)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def _result(link: Link, answer: Answer, seconds: float) -> LinkResult:
    redirected = answer.final_url != link.url
    note = answer.note
    if redirected:
        note = f"redirected to {answer.final_url}" if answer.ok else f"{note} after a redirect to {answer.final_url}"
    return LinkResult(
        link.id,
        link.file,
        link.line,
        link.url,
        answer.ok,
        answer.status,
        answer.final_url,
        redirected,
        answer.method,
        note,
        "" if answer.ok else answer.hint,
        round(seconds, 3),
    )


@dataclass(frozen=True)
class _Hop:
    status: int | None
    location: str | None = None
    failure: str = ""  # why no status: "refused", "timeout", "no-host", "broken-answer", "tls", "other: ..."


def _ask_again_with_get(answer: Answer) -> bool:
    """HEAD is often refused (405, 501) or mishandled (403, 400, a dropped connection) where GET works."""
    if answer.method != "HEAD":
        return False
    if answer.status is None:
        return answer.failure == "broken-answer"
    return answer.status >= 400 and answer.status not in (404, 410)


def _answer(hop: _Hop, url: str, method: str, timeout: float) -> Answer:
    status = hop.status
    if status is None:
        note, hint = _FAILURES.get(hop.failure, (hop.failure.removeprefix("other: "), HINT_DOWN))
        if hop.failure == "timeout":
            note = f"no answer within {timeout:g} s"
        return Answer(None, url, method, note, hint, hop.failure)
    if 200 <= status < 300:
        return Answer(status, url, method, "live")
    if status in (404, 410):
        return Answer(status, url, method, "not found" if status == 404 else "gone", HINT_MOVED)
    if status in (401, 403, 407, 451):
        return Answer(status, url, method, "access refused", HINT_REFUSED)
    if status == 429:
        return Answer(status, url, method, "too many requests", "the server asks to slow down: try again later")
    if status >= 500:
        return Answer(status, url, method, "server error", HINT_SERVER)
    if status in REDIRECTS:
        return Answer(status, url, method, "redirect without a new address", HINT_MOVED)
    return Answer(status, url, method, "unexpected answer", HINT_MOVED)


_FAILURES = {
    "refused": ("connection refused", HINT_DOWN),
    "no-host": ("host not found", HINT_DOWN),
    "timeout": ("no answer in time", HINT_SLOW),
    "broken-answer": ("the server closed the connection without answering", HINT_SERVER),
    "tls": (
        "the server's answer could not be trusted (certificate or TLS error)",
        "the site's certificate is invalid: check the address starts with the right host",
    ),
}


def _ask(opener: urllib.request.OpenerDirector, method: str, url: str, timeout: float) -> _Hop:
    """One request, no redirect followed: its status and Location, or why there was none."""
    try:
        request = urllib.request.Request(_requestable(url), method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        with opener.open(request, timeout=timeout) as response:
            return _Hop(response.status, response.headers.get("Location"))
    except urllib.error.HTTPError as error:
        with error:
            return _Hop(error.code, error.headers.get("Location"))
    except urllib.error.URLError as error:
        return _Hop(None, failure=_failure(error.reason))
    except (TimeoutError, OSError, http.client.HTTPException, ValueError) as error:
        return _Hop(None, failure=_failure(error))
    except Exception as error:  # one server's odd answer must not stop the check of all the others
        return _Hop(None, failure=f"other: no usable answer ({type(error).__name__}: {error})")


def _requestable(url: str) -> str:
    """The address as browsers send it: a non-ASCII host in IDNA, other non-ASCII characters percent-encoded."""
    if url.isascii():
        return url
    parts = urlsplit(url)
    netloc = (parts.hostname or "").encode("idna").decode("ascii") + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, quote(parts.path, safe=_SAFE), quote(parts.query, safe=_SAFE + "?"), ""))


# Characters an address keeps as they are: reserved ones, and escapes already made.
_SAFE = "/%:@!$&'()*+,;=~"


def _failure(reason: object) -> str:
    if isinstance(reason, TimeoutError | socket.timeout):
        return "timeout"
    if isinstance(reason, ConnectionRefusedError):
        return "refused"
    if isinstance(reason, socket.gaierror):
        return "no-host"
    if isinstance(reason, ssl.SSLError | ssl.CertificateError):
        return "tls"
    if isinstance(reason, http.client.RemoteDisconnected | http.client.BadStatusLine | ConnectionResetError):
        return "broken-answer"
    if isinstance(reason, ValueError):
        return "other: not a valid address"
    return f"other: connection failed ({reason})"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects are followed by the checker itself, hop by hop, each under its server's limit."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _opener(resolve: Resolve) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = [_NoRedirects()]
    if resolve:
        handlers += [_Resolved(resolve), urllib.request.ProxyHandler({})]
    return urllib.request.build_opener(*handlers)


class _Resolved(urllib.request.AbstractHTTPHandler):
    """Connects to a stand-in server for the hosts in `resolve`, for http and https addresses alike;
    other hosts are left to the usual handlers (returning None passes the request on)."""

    handler_order = 100  # before the usual http and https handlers

    def __init__(self, resolve: Resolve) -> None:
        super().__init__()
        self.resolve = resolve

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse | None:
        target = self.resolve.get(_host_key(req.full_url))
        if target is None:
            return None

        def connection(host: str, **kwargs: Any) -> http.client.HTTPConnection:
            return http.client.HTTPConnection(*target, **kwargs)

        return self.do_open(connection, req)  # type: ignore[arg-type]

    https_open = http_open


def _host_key(url: str) -> str:
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    return f"{(parts.hostname or '').lower()}:{port}"


def summary(results: list[LinkResult], seconds: float) -> str:
    broken = sum(not r.ok for r in results)
    redirected = sum(r.ok and r.redirected for r in results)
    live = len(results) - broken - redirected
    addresses = _plural(len({r.url for r in results}), "address", "addresses")
    text = f"Checked {addresses} of {_plural(len(results), 'record')} in {seconds:.1f} s: {live:,} live, {redirected:,} redirected, {broken:,} broken."
    if broken:
        text += " Fix the broken ones listed above."
    return text


def _plural(count: int, noun: str, nouns: str = "") -> str:
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


def table(results: list[LinkResult]) -> list[str]:
    """The results as aligned columns: record file and line, address, status, note."""
    rows = [("record", "address", "status", "note")]
    rows += [(f"{r.file}:{r.line}", r.url, str(r.status) if r.status is not None else "-", r.note) for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return [printable("  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)) + "  " + row[3]).rstrip() for row in rows]


def render(results: list[LinkResult], style: str, seconds: float) -> str:
    if style == "json":
        return json.dumps([_json(r) for r in results], indent=1, ensure_ascii=False)
    lines = table(results)
    broken = [r for r in results if not r.ok]
    if broken:
        lines += ["", "Broken links:", *(r.problem() for r in broken)]
    return "\n".join([*lines, "", summary(results, seconds)])


def _json(result: LinkResult) -> dict[str, Any]:
    data = asdict(result)
    return {key: data[key] for key in ("id", "url", "ok", "status", "final_url", "redirected", "note", "hint", "file", "line", "method", "seconds")}
