"""Pages are written without the templates' indentation, and read the same."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from policy_library.site.compact_html import compact


class _Text(HTMLParser):
    """The text a reader sees, white space collapsed as HTML does outside <pre>, and <pre>/<textarea>/<script> text exactly."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.exact = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.exact += tag in ("pre", "textarea", "script", "style")
        self.parts.append(f"<{tag} {sorted((k, ' '.join((v or '').split())) for k, v in attrs)}>")

    def handle_endtag(self, tag: str) -> None:
        self.exact -= tag in ("pre", "textarea", "script", "style")
        self.parts.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.parts.append(data if self.exact else " ".join(data.split()) and f" {' '.join(data.split())} ")


def seen(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return re.sub(r"\s+(?=<)|(?<=>)\s+", "", "".join(parser.parts))


PAGE = """<!doctype html>
<html>
  <head>
    <script>var a = 1;
        var b = 2;</script>
  </head>
  <body>
    <p>
      Some   <em>text</em>
      and more
    </p>
    <pre>  kept
        as it is</pre>
    <textarea>
  typed
    </textarea>
  </body>
</html>
"""


def test_line_breaks_and_indentation_collapse_outside_pre_textarea_and_scripts() -> None:
    out = compact(PAGE)
    assert "\n  " not in out.split("<pre>")[0].split("</script>")[1], "indentation outside kept elements is gone"
    assert "<pre>  kept\n        as it is</pre>" in out
    assert "<textarea>\n  typed\n    </textarea>" in out
    assert "<script>var a = 1;\n        var b = 2;</script>" in out
    assert seen(out) == seen(PAGE)
    assert compact(out) == out
    # A run between two words is never removed, only shortened: they stay two words.
    assert compact("<em>a</em>\n   <em>b</em> c \n d") == "<em>a</em>\n<em>b</em> c\nd"


def test_built_pages_are_compact_and_read_as_their_text(sample_site: Path) -> None:
    pages = [sample_site / "index.html", *sorted(sample_site.glob("records/*/index.html"))[:20], *sorted(sample_site.glob("browse/*/index.html"))[:5]]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert compact(text) == text, page
        assert not re.search(r"\n[ \t]+<", _outside_kept(text)), page


def _outside_kept(page: str) -> str:
    return re.sub(r"<(pre|textarea|script|style)\b.*?</\1\s*>", "", page, flags=re.S | re.I)


def test_runs_of_white_space_are_squeezed_exactly_as_the_rule_says() -> None:
    # The rule: a run [ \t\r\f]*\n\s* becomes one line break (\s: any white space, non-breaking spaces too),
    # and nothing else changes: the end of the text, and white space before a break that is not a plain space.
    rule = re.compile(r"[ \t\r\f]*\n\s*")
    texts = ["a \t\n  \n b", "\xa0\n", "x \n\xa0 y", "x  ", "a\r\n", "a\n\xa0\n b", "a\xa0 \nb", " \n", "\n", "", "a\u2028 \n b", "a \x0b\n", "a\x0b \n"]
    texts.append("\n\n  x  \n  <em>y</em> \f\n\tz\r")
    for text in texts:
        assert compact(f"<p>{text}</p>") == f"<p>{rule.sub(chr(10), text)}</p>", repr(text)
