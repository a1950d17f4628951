"""The 404 page, for any address under any sub-path.

GitHub Pages answers every missing address of a project site, however deep
(`/<repo>/records/old-id/`), with the site's `404.html`. Without a `site_url`
MkDocs writes that page with addresses from the host's root (`/assets/...`),
which on a project site are another site's, so the page shows unstyled and its
links lead away. Here its addresses are made relative to the site root, and a
small script (allowed by its hash, like the theme's) adds a `<base>` for the
root, always on the page's own origin: the part of the missing address before the first of the site's own
top-level folders (`records`, `browse`, `assets`...); failing that, the
repository's folder on `*.github.io`, else the host's root.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

_ROOT_RELATIVE = re.compile(r'(\s(?:href|src|action)=")/(?!/)([^"]*)"')
_CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')

# Anyone can write the missing address, so the base is built as a URL, never as
# HTML (document.write would decode `&sol;` into a slash), from the page's own
# origin, with empty segments dropped (`//host/`, and `/\\host/` or a tab-split
# `/\t/host/` that the browser reads as it, would otherwise start a new host),
# and checked against the origin before it is used.
_BASE_SCRIPT = (
    "(function(){var s=location.pathname.split('/'),k=%s,i=1,h,b;"
    "while(i<s.length-1&&k.indexOf(s[i])<0)i++;"
    "if(i>=s.length-1)i=/\\.github\\.io$/.test(location.hostname)&&s.length>2?2:1;"
    "h=location.origin+'/'+s.slice(1,i).filter(function(x){return x}).map(function(x){return x+'/'}).join('');"
    "if(!/^https?:$/.test(location.protocol)||new URL(h).origin!==location.origin)return;"
    "b=document.createElement('base');b.href=h;document.head.appendChild(b)})()"
)


def top_level_names(dest_uris: Iterable[str]) -> list[str]:
    """The site's own top-level folders, from the addresses of the files it publishes."""
    return sorted({uri.split("/", 1)[0] for uri in dest_uris if "/" in uri} - {"", "."})


def base_script(names: Iterable[str]) -> str:
    """The script's text, known before any page is rendered: the policy allows it by its hash."""
    # A folder name cannot close the script element.
    return _BASE_SCRIPT % json.dumps(sorted(names)).replace("<", "\\u003c")


def relocatable(page: str, script: str) -> str:
    """The 404 page with root-relative addresses made relative to a `<base>` found at run time by `script`."""
    script = "<script>" + script + "</script>"

    def relative(match: re.Match[str]) -> str:
        rest = match.group(2)
        return f'{match.group(1)}{rest if rest not in ("", ".") else "./"}"'

    page = _ROOT_RELATIVE.sub(relative, page)
    meta = _CSP_META.search(page)
    if meta:
        return page[: meta.end()] + script + page[meta.end() :]
    return page.replace("<head>", "<head>" + script, 1)
