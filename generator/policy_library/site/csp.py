"""The Content-Security-Policy every page carries, as a `<meta>` tag (GitHub Pages sets no headers).

Scripts run only from the site itself: no inline event handlers, no
`javascript:` URLs, no eval. mkdocs-material writes a few small inline scripts
of its own into every page (the storage helpers, whose text depends on the
page's depth, and the colour palette restore); each is allowed by the SHA-256
of its exact text, computed from the finished page. Inline `style` attributes
written by the templates (the state map's colours, table-cell alignment) are
allowed the same way, by hash ('unsafe-hashes'), so that no other inline style
applies. A `<meta>` policy cannot set `frame-ancestors`, `report-uri` or
`sandbox`; those need HTTP headers.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re

# The policy in the template, before hashes; every page's copy is completed by `complete()`.
BASE: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "frame-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}

_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_STYLE_ELEMENT = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.S | re.I)
_STYLE_ATTRIBUTE = re.compile(r"""\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.I)


def render(policy: dict[str, list[str]]) -> str:
    return "; ".join(f"{name} {' '.join(values)}" for name, values in policy.items())


def base_policy() -> str:
    """The policy the template writes; it already forbids every inline script and style."""
    return render(BASE)


def meta_tag(policy: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy, quote=False)}">'


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def inline_scripts(page: str) -> list[str]:
    scripts = []
    for match in _SCRIPT.finditer(page):
        attributes, body = match.group(1), match.group(2)
        if re.search(r"\bsrc\s*=", attributes, re.I):
            continue
        kind = _TYPE.search(attributes)
        if (kind.group(1).lower() if kind else "") in EXECUTABLE_TYPES:
            scripts.append(body)
    return scripts


def policy_for(page: str) -> dict[str, list[str]]:
    """The policy for one finished page: the base, plus hashes of its own inline scripts and styles."""
    policy = {name: list(values) for name, values in BASE.items()}
    policy["script-src"] += _unique(sha256(body) for body in inline_scripts(page))
    elements = [sha256(m.group(1)) for m in _STYLE_ELEMENT.finditer(page)]
    attributes = [sha256(html.unescape(m.group(1) if m.group(1) is not None else m.group(2))) for m in _STYLE_ATTRIBUTE.finditer(page)]
    policy["style-src"] += _unique(elements)
    if attributes:
        policy["style-src"] += ["'unsafe-hashes'", *_unique(attributes)]
    return policy


def complete(page: str, *, preview: bool = False) -> str:
    """The page with its CSP `<meta>` completed; pages without one are returned unchanged.

    `mkdocs serve` (the editors' preview) adds an inline live-reload script with a
    new text on every request, which no hash computed here can match: the preview
    allows inline scripts instead. Built sites never do.
    """
    if not _META.search(page):
        return page
    policy = policy_for(page)
    if preview:
        policy["script-src"] = ["'self'", "'unsafe-inline'"]
    return _META.sub(lambda _: meta_tag(render(policy)), page, count=1)


def _unique(values: object) -> list[str]:
    return list(dict.fromkeys(values))  # type: ignore[call-overload]
