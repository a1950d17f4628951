"""The body HTML policy: what a record's Markdown body may contain as HTML.

Bodies are written by many hands and pasted from PDFs, so the HTML that
Markdown produces is cleaned with nh3 (the Rust `ammonia` sanitiser):
formatting, lists, tables, `<abbr>` and links stay; scripts, styles, iframes,
forms, event-handler attributes and `javascript:`/`data:` links go. Links
may point to the site itself or to http(s) and mailto addresses. Images may
show only the site's own archived files (`files/`): images from other origins
would leak visitors' addresses, and any other address is a broken image.
Class names and ids that belong to the theme or to the library's own page
(`md-*`, `library-*`, `__*`) are dropped too, so that a body cannot dress
itself up as the site's controls or take over their ids. The policy is
documented for editors in docs/html-policy.md.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol",
    "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "lang", "title", "dir"},
    "a": {"href", "hreflang"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "headers", "style"},
    "th": {"colspan", "rowspan", "headers", "scope", "style"},
    "ol": {"start"},
    "time": {"datetime"},
}
LINK_SCHEMES = {"http", "https", "mailto"}
# Markdown tables align columns with style="text-align: ..."; no other style is kept.
STYLE_PROPERTIES = {"text-align"}
RESERVED_NAME = re.compile(r"^(md-|library-|__)")
_C0_AND_SPACE = "".join(map(chr, range(0x21)))


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    if tag == "img" and name == "src" and (_is_other_origin(value) or not _is_archived_file(value)):
        return None
    if name == "class":
        kept = [c for c in value.split() if not RESERVED_NAME.match(c)]
        return " ".join(kept) or None
    if name == "id" and RESERVED_NAME.match(value):
        return None
    return value


def _is_other_origin(url: str) -> bool:
    # Read the address as a browser does: it drops tabs and newlines and takes
    # a backslash for a slash, so `\\host/x` and `/\host/x` load from `host`.
    cleaned = re.sub(r"[\t\n\r]", "", url).strip(_C0_AND_SPACE).replace("\\", "/")
    parts = urlsplit(cleaned)
    return bool(parts.scheme or parts.netloc or cleaned.startswith("//"))


def _is_archived_file(url: str) -> bool:
    """A relative address into the site's files/ folder, such as ../../files/chart.png."""
    parts = [p for p in urlsplit(url.strip().replace("\\", "/")).path.split("/") if p not in ("", ".")]
    while parts and parts[0] == "..":
        parts.pop(0)
    return len(parts) >= 2 and parts[0] == "files" and ".." not in parts


def clean_body_html(html: str) -> str:
    """The body's HTML with everything outside the policy removed."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=LINK_SCHEMES,
        link_rel="noopener noreferrer",
        attribute_filter=_keep_attribute,
        strip_comments=True,
        filter_style_properties=STYLE_PROPERTIES,
    )


# A relative address in an attribute: not a web address, not from the host's root, not a fragment.
_RELATIVE = re.compile(r'(\s(?:href|src)=")(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#|")')


def rebase(html: str, up: str) -> str:
    """HTML written for one page, for a page `up` ("../") folders deeper: each relative address gets `up` in front."""
    return _RELATIVE.sub(lambda m: m.group(1) + up, html) if up else html
