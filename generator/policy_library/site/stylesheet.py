"""One stylesheet a page: mkdocs-material's own (its main and palette files) and the library's, joined at build time.

Each stylesheet holds back the page's first paint until it arrives, and on a slow
link each is a request's worth of waiting: one file instead of three. The joined
file sits beside material's own, so the relative addresses in their rules still
resolve, and is named by a hash of its content, so a browser keeps it until it changes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

FOLDER = "assets/stylesheets"

# How mkdocs-material's base.html links its stylesheets, in its styles block.
_THEME_SHEET = re.compile(r"""['"](assets/stylesheets/(main|palette)\.[0-9a-f]+\.min\.css)['"]""")
# A source map names the file it maps, which the joined file is not.
_SOURCE_MAP = re.compile(rb"/\*# sourceMappingURL=[^*]*\*/\s*$")


def theme_sheets(base_template: str, palette: bool) -> list[str]:
    """The stylesheets the theme's base template links, in order (main, then palette when the site has a palette);
    none when it does not link them as expected, and the page then links the theme's own."""
    found = {kind: path for path, kind in _THEME_SHEET.findall(base_template)}
    if "main" not in found or (palette and "palette" not in found):
        return []
    return [found["main"], *([found["palette"]] if palette else [])]


def joined(parts: Sequence[bytes]) -> tuple[str, bytes]:
    """The joined stylesheet's path (relative to the site's root) and content, in the order of `parts`."""
    content = b"\n".join(_SOURCE_MAP.sub(b"", part).rstrip() for part in parts) + b"\n"
    return f"{FOLDER}/library.{hashlib.sha256(content).hexdigest()[:12]}.css", content
