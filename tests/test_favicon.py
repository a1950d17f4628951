"""The site's icon inside the search page (site/favicon.py): small images only, typed by their name."""

from __future__ import annotations

import base64

from policy_library.site.favicon import MAX_INLINE_BYTES, data_address


def test_a_small_icon_becomes_a_data_address_of_its_own_type_and_bytes() -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"/>'
    address = data_address("images/logo.svg", svg)
    assert address and address.startswith("data:image/svg+xml;base64,")
    assert base64.b64decode(address.split(",", 1)[1]) == svg
    assert (data_address("favicon.ico", b"\0\0\1\0") or "").startswith(("data:image/vnd.microsoft.icon;", "data:image/x-icon;"))


def test_a_big_icon_or_a_file_of_no_image_type_stays_a_link() -> None:
    assert data_address("favicon.png", b"x" * (MAX_INLINE_BYTES + 1)) is None
    assert data_address("favicon.png", b"x" * MAX_INLINE_BYTES)
    assert data_address("favicon.txt", b"x") is None
    assert data_address("favicon", b"x") is None
