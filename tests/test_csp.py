"""Every page carries a Content-Security-Policy that allows only the site's own scripts."""

from __future__ import annotations

import html
import re
from pathlib import Path

from policy_library.site.csp import complete, inline_scripts, sha256

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_carries_one_policy_before_any_script(sample_site: Path) -> None:
    found = pages(sample_site)
    assert len(found) > 100
    for path in found:
        text = path.read_text(encoding="utf-8")
        metas = META.findall(text)
        assert len(metas) == 1, path
        head = text[: text.index("</head>")]
        assert head.index("Content-Security-Policy") < head.index("<script"), path


def test_policy_allows_only_the_site_and_its_own_inline_scripts(sample_site: Path) -> None:
    for path in pages(sample_site):
        text = path.read_text(encoding="utf-8")
        policy = directives(html.unescape(META.search(text).group(1)))  # type: ignore[union-attr]
        assert policy["default-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
        assert policy["img-src"] == ["'self'", "data:"]
        assert policy["connect-src"] == ["'self'"] and policy["worker-src"] == ["'self'"]
        scripts = policy["script-src"]
        assert scripts[0] == "'self'"
        # Nothing else: no 'unsafe-inline', no 'unsafe-eval', no other host; one hash per inline script.
        assert sorted(scripts[1:]) == sorted({sha256(s) for s in inline_scripts(text)}), path
        assert not any("unsafe-inline" in v or "unsafe-eval" in v for values in policy.values() for v in values)


def test_no_page_has_inline_event_handlers(sample_site: Path) -> None:
    handler = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
    for path in pages(sample_site):
        text = re.sub(r"<script\b.*?</script>", "", path.read_text(encoding="utf-8"), flags=re.S)
        assert not handler.search(text), (path, handler.search(text))


def test_preview_allows_the_live_reload_script_and_builds_never_do(sample_site: Path) -> None:
    page = (sample_site / "privacy" / "index.html").read_text(encoding="utf-8")
    served = page.replace("</body>", "<script>var livereload = function () {};</script></body>")
    assert "'unsafe-inline'" not in complete(served, frozenset())
    preview = directives(html.unescape(META.search(complete(served, frozenset(), preview=True)).group(1)))  # type: ignore[union-attr]
    assert preview["script-src"] == ["'self'", "'unsafe-inline'"]
    assert preview["object-src"] == ["'none'"]
