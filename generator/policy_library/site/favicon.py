"""The site's icon written into the search page itself, as a data: address.

A browser asks for a page's icon as soon as the page has loaded, on a slow
link while the first results are still on their way. The search page is where
most visits start, so it carries a small icon in its own HTML (a couple of KB,
about what the request would have cost) and saves that request; every other
page links the file, which the browser then keeps.
"""

from __future__ import annotations

import base64
import mimetypes

# Larger icons stay a file of their own: every visit to the search page would download them again.
MAX_INLINE_BYTES = 4096


def data_address(path: str, content: bytes) -> str | None:
    """`content` as a data: address typed by `path`'s extension, or None when it is too big or of no image type."""
    kind = mimetypes.guess_type(path)[0]
    if not kind or not kind.startswith("image/") or len(content) > MAX_INLINE_BYTES:
        return None
    return f"data:{kind};base64,{base64.b64encode(content).decode('ascii')}"
