"""A stand-in for publishers' web servers on 127.0.0.1, for `library links`' tests and benchmark.

The path says how to answer: /missing… 404, /error… 500, /moved… a 301 to /live,
/loop… a redirect to itself, /no-head… 405 to HEAD but 200 to GET, /hang… never
answers, /slow… answers after a moment; any other path is a live page. It counts
the requests being answered at once, per Host header and overall, so a test can
see the checker's limits respected.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Counts:
    lock: threading.Lock = field(default_factory=threading.Lock)
    active: Counter[str] = field(default_factory=Counter)
    most: Counter[str] = field(default_factory=Counter)
    active_overall: int = 0
    most_overall: int = 0
    requests: list[tuple[str, str, str]] = field(default_factory=list)  # (host, method, path)

    def start(self, host: str, method: str, path: str) -> None:
        with self.lock:
            self.requests.append((host, method, path))
            self.active[host] += 1
            self.most[host] = max(self.most[host], self.active[host])
            self.active_overall += 1
            self.most_overall = max(self.most_overall, self.active_overall)

    def end(self, host: str) -> None:
        with self.lock:
            self.active[host] -= 1
            self.active_overall -= 1


@dataclass
class LinkServer:
    base: str  # http://127.0.0.1:<port>
    address: tuple[str, int]
    counts: Counts
    refused: str  # an address on 127.0.0.1 where nothing listens


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    counts: Counts
    stop: threading.Event
    delay: float


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def do_GET(self) -> None:
        self._answer(body=True)

    def _answer(self, *, body: bool) -> None:
        host = self.headers.get("Host", "")
        counts = self.server.counts
        counts.start(host, self.command, self.path)
        try:
            if self.path.startswith("/hang"):
                self.server.stop.wait()
                return
            time.sleep(self.server.delay + (0.3 if self.path.startswith("/slow") else 0))
            status, location = 200, None
            if self.path.startswith("/missing"):
                status = 404
            elif self.path.startswith("/error"):
                status = 500
            elif self.path.startswith("/moved"):
                status, location = 301, "/live"
            elif self.path.startswith("/loop"):
                status, location = 302, self.path
            elif self.path.startswith("/no-head") and not body:
                status = 405
            text = f"{status} {self.path}\n".encode()
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(text)))
            self.end_headers()
            if body:
                self.wfile.write(text)
        finally:
            counts.end(host)


@contextlib.contextmanager
def link_server(delay: float = 0.0) -> Iterator[LinkServer]:
    """Serve on a free port of 127.0.0.1; every answer waits `delay` seconds first (a publisher's latency)."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.counts, server.stop, server.delay = Counts(), threading.Event(), delay
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    # A port bound but not listening refuses connections, and no other program can take it meanwhile.
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    host, port = server.server_address[:2]
    try:
        yield LinkServer(f"http://{host}:{port}", (str(host), int(port)), server.counts, f"http://127.0.0.1:{closed.getsockname()[1]}/live")
    finally:
        server.stop.set()
        server.shutdown()
        server.server_close()
        closed.close()
