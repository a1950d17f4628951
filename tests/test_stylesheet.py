"""The joined stylesheet (site/stylesheet.py): mkdocs-material's own files, found in its base template, and the library's."""

from __future__ import annotations

from pathlib import Path

import material
from policy_library.site.stylesheet import joined, theme_sheets

THEME = Path(material.__file__).parent / "templates"


def test_the_theme_s_stylesheets_are_found_in_its_base_template_and_exist() -> None:
    base = (THEME / "base.html").read_text(encoding="utf-8")
    main, palette = theme_sheets(base, palette=True)
    assert (THEME / main).is_file() and (THEME / palette).is_file()
    assert theme_sheets(base, palette=False) == [main]


def test_a_base_template_that_links_other_stylesheets_is_left_to_link_them() -> None:
    assert theme_sheets('<link rel="stylesheet" href="assets/stylesheets/theme.css">', palette=False) == []
    # A palette the site asks for but the template does not link: nothing is joined rather than a page without it.
    assert theme_sheets("{{ 'assets/stylesheets/main.0123abcd.min.css' | url }}", palette=True) == []


def test_the_joined_file_keeps_the_order_and_drops_source_maps_it_is_not() -> None:
    path, content = joined([b'@charset "UTF-8";a{color:red}\n/*# sourceMappingURL=main.css.map */\n', b"b{color:blue}"])
    assert content == b'@charset "UTF-8";a{color:red}\nb{color:blue}\n'
    assert path.startswith("assets/stylesheets/library.") and path.endswith(".css")
    assert joined([b"b{color:blue}", b"a{color:red}"])[0] != path
