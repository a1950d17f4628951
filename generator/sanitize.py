"""The body HTML policy: what a record's Markdown body may contain as HTML.

Bodies are written by many hands and pasted from PDFs, so the HTML that
Markdown produces is cleaned with nh3 (the Rust `ammonia` sanitiser):
formatting, lists, tables, `<abbr>` and links stay; scripts, styles, iframes,
forms, event-handler attributes and `javascript:`/`data:` links go. Images
and links may point only to the site itself or, for links, to http(s) and
mailto addresses; images from other origins would leak visitors' addresses,
so they are dropped.
"""

from __future__ import annotations

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
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope"},
    "ol": {"start"},
    "time": {"datetime"},
}
LINK_SCHEMES = {"http", "https", "mailto"}


def _keep_attribute(tag: str, name: str, value: str) -> str | None:
    if tag == "img" and name == "src" and _is_other_origin(value):
        return None
    return value


def _is_other_origin(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.scheme or parts.netloc)


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
    )
