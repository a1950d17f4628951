"""The Content-Security-Policy every page carries, as a `<meta>` tag (GitHub Pages sets no headers).

Scripts run only from the site itself: no inline event handlers, no
`javascript:` URLs, no eval. mkdocs-material writes a few small inline scripts
of its own into every page (the storage helpers, whose text depends on the
page's depth, and the colour palette restore), and the plugin one into the 404
page; each is allowed by the SHA-256 of its exact text. Which texts may be
allowed is settled before any record is rendered, from the templates' own
source (`template_scripts`): a page's policy lists the hashes of those of its
inline scripts that are in that set, so a script that reached a page any other
way (a record's text that escaped escaping) is never allowed. Inline `style` attributes
written by the templates (the state map's colours, table-cell alignment) are
allowed the same way, by hash ('unsafe-hashes'), so that no other inline style
applies. A `<meta>` policy cannot set `frame-ancestors`, `report-uri` or
`sandbox`; those need HTTP headers.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import jinja2

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


def template_scripts(env: jinja2.Environment, template_dirs: Iterable[str | Path], contexts: Iterable[Mapping[str, Any]]) -> set[str]:
    """Every inline script the templates write, as each of `contexts` renders it.

    Read from the templates' source, never from a rendered page. A script whose
    text depends on anything but the given context (the page's `base_url` and the
    site's `config`) cannot be rendered here and is left out: it would be blocked,
    which shows at once, rather than allowed with a record's text in it.
    """
    contexts = list(contexts)
    texts: set[str] = set()
    for source in _template_sources(template_dirs):
        for body in inline_scripts(source):
            try:
                snippet = env.from_string(body)
                texts.update(snippet.render(**context) for context in contexts)
            except jinja2.TemplateError:
                continue
    return texts


def _template_sources(template_dirs: Iterable[str | Path]) -> Iterator[str]:
    for folder in template_dirs:
        for parent, dirs, names in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))  # the theme's thousands of icons
            for name in sorted(names):
                if name.endswith(".html"):
                    yield Path(parent, name).read_text(encoding="utf-8")


def policy_for(page: str, allowed: Collection[str]) -> dict[str, list[str]]:
    """The policy for one finished page: the base, plus hashes of its inline scripts that are `allowed`
    (hashes from `sha256`), and of its inline styles."""
    policy = {name: list(values) for name, values in BASE.items()}
    policy["script-src"] += _unique(h for body in inline_scripts(page) if (h := sha256(body)) in allowed)
    elements = [sha256(m.group(1)) for m in _STYLE_ELEMENT.finditer(page)]
    attributes = [sha256(html.unescape(m.group(1) if m.group(1) is not None else m.group(2))) for m in _STYLE_ATTRIBUTE.finditer(page)]
    policy["style-src"] += _unique(elements)
    if attributes:
        policy["style-src"] += ["'unsafe-hashes'", *_unique(attributes)]
    return policy


def complete(page: str, allowed: Collection[str], *, preview: bool = False) -> str:
    """The page with its CSP `<meta>` completed; pages without one are returned unchanged.

    `allowed` holds the hashes of the inline scripts the site itself wrote,
    settled before the page was rendered (see `template_scripts`).

    `mkdocs serve` (the editors' preview) adds an inline live-reload script with a
    new text on every request, which no hash computed here can match: the preview
    allows inline scripts instead. Built sites never do.
    """
    if not _META.search(page):
        return page
    policy = policy_for(page, allowed)
    if preview:
        policy["script-src"] = ["'self'", "'unsafe-inline'"]
    return _META.sub(lambda _: meta_tag(render(policy)), page, count=1)


def _unique(values: object) -> list[str]:
    return list(dict.fromkeys(values))  # type: ignore[call-overload]
