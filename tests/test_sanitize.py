"""The body HTML policy (docs/html-policy.md): what survives in a record's body, and what never does."""

from __future__ import annotations

import pytest
from policy_library.site.sanitize import clean_body_html

# What editors use: it comes through as written.
KEPT = [
    "<p>Text with <strong>bold</strong>, <em>italics</em>, <code>code</code> and <mark>marks</mark>.</p>",
    '<p><abbr title="Immigration and Customs Enforcement">ICE</abbr></p>',
    '<table><thead><tr><th scope="col">Year</th></tr></thead><tbody><tr><td colspan="2">2017</td></tr></tbody></table>',
    '<table><tbody><tr><td style="text-align:right">12</td></tr></tbody></table>',
    '<ul><li>one</li></ul><ol start="3"><li>three</li></ol><dl><dt>Term</dt><dd>Meaning</dd></dl>',
    "<blockquote><p>Quoted <q>words</q>, <cite>a source</cite></p></blockquote>",
    "<details><summary>More</summary><p>Hidden</p></details>",
    '<h2 id="background">Background</h2><h3>Details</h3>',
    '<p><a href="https://www.kingcounty.gov/ordinance" rel="noopener noreferrer">the ordinance</a></p>',
    '<p><a href="mailto:clerk@example.org" rel="noopener noreferrer">the clerk</a></p>',
    '<p><a href="../other-record/" rel="noopener noreferrer">another record</a></p>',
    '<p><img src="../../files/chart.png" alt="A chart"></p>',
    '<p><time datetime="2017-01-25">January 25, 2017</time> <del>old</del> <ins>new</ins> H<sub>2</sub>O x<sup>2</sup></p>',
    '<p lang="es" dir="ltr">Asesoría</p>',
]


@pytest.mark.parametrize("html", KEPT)
def test_allowed_html_is_kept(html: str) -> None:
    assert clean_body_html(html) == html


# Hostile or unwanted HTML -> (what must be gone, what is left)
REMOVED = {
    "script": ("<p>a</p><script>alert(1)</script>", "<script", "<p>a</p>"),
    "script in upper case": ("<SCRIPT SRC=//evil.example/x.js></SCRIPT>", "evil", ""),
    "style element": ("<style>body{display:none}</style><p>a</p>", "display", "<p>a</p>"),
    "event handler": ('<p onclick="alert(1)" onmouseover="alert(2)">a</p>', "alert", "<p>a</p>"),
    "img onerror": ('<img src="files/x.png" onerror="alert(1)">', "onerror", '<img src="files/x.png">'),
    "javascript: link": ('<a href="javascript:alert(1)">a</a>', "javascript", '<a rel="noopener noreferrer">a</a>'),
    "javascript: link with entities": ('<a href="&#106;ava&#x09;script:alert(1)">a</a>', "alert", '<a rel="noopener noreferrer">a</a>'),
    "vbscript: link": ('<a href="vbscript:msgbox(1)">a</a>', "vbscript", '<a rel="noopener noreferrer">a</a>'),
    "data: link": ('<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">a</a>', "data:", '<a rel="noopener noreferrer">a</a>'),
    "iframe": ('<iframe src="https://evil.example/"></iframe><p>a</p>', "iframe", "<p>a</p>"),
    "object and embed": ('<object data="x.swf"></object><embed src="x.swf">', "x.swf", ""),
    "form": ('<form action="https://evil.example/"><input name="q"><button>Go</button></form>', "evil", "Go"),
    "meta refresh": ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "refresh", ""),
    "base": ('<base href="https://evil.example/">', "base", ""),
    "link stylesheet": ('<link rel="stylesheet" href="https://evil.example/x.css">', "evil", ""),
    "svg with onload": ('<svg onload="alert(1)"><circle r="1"/></svg>', "svg", ""),
    "math with xlink": ('<math><mi xlink:href="javascript:alert(1)">x</mi></math>', "javascript", ""),
    "style attribute": ('<p style="background:url(https://evil.example/x)">a</p>', "evil", "<p>a</p>"),
    "style in a table cell beyond alignment": (
        '<table><tr><td style="text-align:left;background:url(//evil.example/x)">1</td></tr></table>',
        "evil",
        '<table><tbody><tr><td style="text-align:left">1</td></tr></tbody></table>',
    ),
    "image from another origin": ('<img src="https://tracker.example/pixel.gif" alt="pixel">', "tracker", '<img alt="pixel">'),
    "image, protocol-relative": ('<img src="//tracker.example/pixel.gif">', "tracker", "<img>"),
    "image, backslashes": ('<img src="\\\\tracker.example/pixel.gif">', "tracker", "<img>"),
    "image, slash and backslash": ('<img src="/\\tracker.example/pixel.gif">', "tracker", "<img>"),
    "image, tab inside the slashes": ('<img src="/&#9;/tracker.example/pixel.gif">', "tracker", "<img>"),
    "image outside files/": ('<img src="x" alt="x">', "src", '<img alt="x">'),
    "image climbing out of files/": ('<img src="../../files/../mkdocs.yml">', "src", "<img>"),
    "image, data: URL": ('<img src="data:image/svg+xml,&lt;svg onload=alert(1)&gt;">', "data:", "<img>"),
    "image srcset": ('<img src="../../files/a.png" srcset="https://tracker.example/a.png 2x">', "tracker", '<img src="../../files/a.png">'),
    "video poster": ('<video poster="https://tracker.example/a.png"></video>', "tracker", ""),
    "comment": ("<!-- <script>alert(1)</script> --><p>a</p>", "alert", "<p>a</p>"),
    "noscript breakout": ('<noscript><p title="</noscript><img src=x onerror=alert(1)>">', "onerror", None),
    "target=_blank": ('<a href="https://example.org/" target="_blank">a</a>', "target", '<a href="https://example.org/" rel="noopener noreferrer">a</a>'),
    "the theme's classes and ids": ('<div class="md-header library-record note" id="__drawer">a</div>', "md-header", '<div class="note">a</div>'),
    "the page's own heading ids": ('<h2 id="library-results">a</h2>', "library-results", "<h2>a</h2>"),
    "h1 (the page has one)": ("<h1>Second title</h1>", "<h1", "Second title"),
}


@pytest.mark.parametrize("name", list(REMOVED))
def test_hostile_html_is_removed(name: str) -> None:
    html, gone, left = REMOVED[name]
    cleaned = clean_body_html(html)
    assert gone not in cleaned, cleaned
    if left is not None:
        assert cleaned == left


def test_links_never_send_a_referrer() -> None:
    cleaned = clean_body_html('<a href="https://example.org/" rel="opener">a</a>')
    assert cleaned == '<a href="https://example.org/" rel="noopener noreferrer">a</a>'
