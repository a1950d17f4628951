"""A static file server on 127.0.0.1 that compresses like GitHub Pages and counts bytes sent.

GitHub Pages gzips text responses when the browser accepts it and lets them be
cached for ten minutes; binary files (images, Pagefind's pre-compressed
chunks) go out as they are. Every byte written to a socket is counted, so the
benchmark can read "bytes on the wire" around one navigation.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import mimetypes
import posixpath
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml", "application/wasm")
EXTRA_TYPES = {".js": "application/javascript", ".mjs": "application/javascript", ".json": "application/json", ".wasm": "application/wasm"}


class ByteCounter:
    """Bytes and requests so far, each with the wall-clock time (time.time()) it was sent or received at."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.bytes = 0
        self.requests = 0
        self._sent: list[tuple[float, int]] = []
        self._asked: list[float] = []

    def add(self, n: int, asked_at: float) -> None:
        """`n` bytes of the response to a request that arrived at `asked_at`."""
        with self._lock:
            self.bytes += n
            self._sent.append((asked_at, n))

    def request(self) -> float:
        """Count a request; returns the time it arrived."""
        now = time.time()
        with self._lock:
            self.requests += 1
            self._asked.append(now)
        return now

    def snapshot(self) -> tuple[int, int]:
        with self._lock:
            return self.bytes, self.requests

    def between(self, start: float, end: float) -> tuple[int, int]:
        """Bytes sent for requests received from `start` to `end` (time.time() seconds), and those requests.

        A page that fetches more once its first result is shown (filter counts, the
        rest of the term list) is then not charged for it: what is asked for after
        the first result was not needed for it. A response is stamped with its
        request's arrival, not with when its last byte left, which a throttled
        link may hold back.
        """
        with self._lock:
            return sum(n for t, n in self._sent if start <= t <= end), sum(1 for t in self._asked if start <= t <= end)


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # http.server writes the headers and the body in two writes; with Nagle's algorithm on,
    # the body of a small response then waits for the browser's delayed ACK of the headers
    # (up to 40 ms on Linux) on a kept-alive connection, a stall no real static host has.
    disable_nagle_algorithm = True
    root: Path
    counter: ByteCounter
    cache: dict[tuple[str, bool], tuple[bytes, str]]
    isolate: bool
    asked_at: float = 0.0

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self._serve(head_only=False)

    def do_HEAD(self) -> None:
        self._serve(head_only=True)

    def _serve(self, *, head_only: bool) -> None:
        self.asked_at = self.counter.request()
        path = posixpath.normpath(unquote(urlsplit(self.path).path))
        if path.startswith(".."):
            return self._send(404, b"not found", "text/plain", head_only)
        target = self.root / path.lstrip("/")
        if target.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                location = urlsplit(self.path)._replace(path=urlsplit(self.path).path + "/").geturl()
                return self._send(301, b"", "text/plain", head_only, {"Location": location})
            target = target / "index.html"
        if not target.is_file():
            return self._send(404, b"not found", "text/plain", head_only)
        ctype = EXTRA_TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "") and ctype.startswith(COMPRESSED_TYPES)
        key = (str(target), gzip_ok)
        cached = self.cache.get(key)
        if cached is None:
            data = target.read_bytes()
            cached = (gzip.compress(data, compresslevel=6, mtime=0) if gzip_ok else data, "gzip" if gzip_ok else "")
            self.cache[key] = cached
        body, encoding = cached
        headers = {"Cache-Control": "max-age=600", "Vary": "Accept-Encoding"}
        if self.isolate:
            # Cross-origin isolation lets the page measure its memory, Web Workers included.
            headers |= {"Cross-Origin-Opener-Policy": "same-origin", "Cross-Origin-Embedder-Policy": "require-corp"}
        if encoding:
            headers["Content-Encoding"] = encoding
        self._send(200, body, ctype, head_only, headers)

    def _send(self, status: int, body: bytes, ctype: str, head_only: bool, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if not head_only:
            self.wfile.write(body)

    def end_headers(self) -> None:
        # The status line and headers are on the wire too.
        self.counter.add(sum(len(line) for line in self._headers_buffer) + 2, self.asked_at)
        super().end_headers()

    def send_response(self, code: int, message: str | None = None) -> None:
        self.send_response_only(code, message)


class _CountingHandler(_Handler):
    def _send(self, status: int, body: bytes, ctype: str, head_only: bool, headers: dict[str, str] | None = None) -> None:
        super()._send(status, body, ctype, head_only, headers)
        if not head_only:
            self.counter.add(len(body), self.asked_at)


@contextlib.contextmanager
def serve(root: Path, *, isolate: bool = False) -> Iterator[tuple[str, ByteCounter]]:
    """Serve `root` at http://127.0.0.1:<port>/ and count the bytes sent; `isolate` adds COOP/COEP headers."""
    counter = ByteCounter()
    handler = type("Handler", (_CountingHandler,), {"root": root, "counter": counter, "cache": {}, "isolate": isolate})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", counter
    finally:
        server.shutdown()
        server.server_close()
