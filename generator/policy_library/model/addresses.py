"""What a record's source address says: whether it is only a publisher's home page, and
the form two addresses of the same document share.

The record page, `library check` and the duplicate check all ask here, so a home page
is recognised the same way everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit

from policy_library.model.problems import Problem, Severity

if TYPE_CHECKING:
    from policy_library.model.records import Record

# A site's front page under the names web servers give it: /index.html, /default.aspx, /home.
_FRONT_PAGE = re.compile(r"(?:index|default|home)(?:\.(?:html?|php|aspx?|jsp|cfm|shtml))?", re.IGNORECASE)
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Query parameters that say how a visitor arrived, not which document they asked for.
_TRACKING = re.compile(r"^(?:utm_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|_gl|igshid)$", re.IGNORECASE)


def is_home_page(url: str | None) -> bool:
    """True when the address leads only to a publisher's home page, not to a document:
    no path (or `/`, or a front page such as `/index.html`) and no query."""
    if not url:
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    if not parts.hostname or parts.query:
        return False
    path = parts.path.strip("/")
    return not path or _FRONT_PAGE.fullmatch(path) is not None


def same_document_key(url: str | None) -> str | None:
    """The address in a form shared by every way of writing the same document's address,
    or None when it names no document of its own (empty, not a web address, a home page).

    Case of the scheme and host, `www.`, a default port, a trailing slash, the fragment,
    tracking parameters and the order of the query are ignored; `http` and `https` count
    as the same address. The path keeps its case: servers may tell `/A` from `/a`.
    """
    if not url or is_home_page(url):
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").removeprefix("www.")
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k))
    path = parts.path.rstrip("/")
    if not query and (not path or _FRONT_PAGE.fullmatch(path.lstrip("/"))):
        return None  # a home page reached through a tracking link
    return f"//{host}{path}" + (f"?{urlencode(query)}" if query else "")


HOME_PAGE_NOTE = "is the publisher's home page, not the document"
HOME_PAGE_HINT = "replace it with the document's own address when you can"


def home_page_notes(records: Iterable[Record]) -> list[Problem]:
    """An info problem for each record whose source address is only a home page."""
    return [Problem(r.path, r.line_of("source_url"), "source_url", HOME_PAGE_NOTE, HOME_PAGE_HINT, Severity.INFO) for r in records if r.source_is_home_page]
