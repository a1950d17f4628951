"""The Spanish twins of the content pages, as built: their words, the editing guide's generated parts in Spanish, and links that work."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tests.support import ROOT

TWINS = ("index", "privacy", "editing", "html-policy")


def article(page: str) -> str:
    start = page.index("<article")
    return page[start : page.index("</article>", start)]


def words(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def page_path(site: Path, name: str) -> Path:
    return site / "es" / ("index.html" if name == "index" else f"{name}/index.html")


def test_every_content_page_of_the_sample_has_a_spanish_twin() -> None:
    pages = sorted(p.stem for p in (ROOT / "docs").glob("*.md"))
    assert set(TWINS) <= set(pages)
    assert [name for name in pages if not (ROOT / "docs" / "es" / f"{name}.md").exists()] == []
    defaults = ROOT / "generator/policy_library/site/defaults"
    assert [p.name for p in defaults.glob("*.md") if not (defaults / "es" / p.name).exists()] == []


@pytest.mark.parametrize("name", TWINS)
def test_a_twin_asks_for_the_same_generated_parts(name: str) -> None:
    english = ROOT / "docs" / f"{name}.md"
    spanish = ROOT / "docs" / "es" / f"{name}.md"
    # The generated parts are asked for in both, with the same markers.
    markers = re.compile(r"<!--\s*library:[a-z-]+\s*-->")
    assert markers.findall(spanish.read_text(encoding="utf-8")) == markers.findall(english.read_text(encoding="utf-8"))


def test_the_spanish_editing_guide_is_generated_in_spanish(sample_site: Path) -> None:
    page = page_path(sample_site, "editing").read_text(encoding="utf-8")
    text = words(article(page))
    assert "Editar la biblioteca" in text and "Referencia de campos" in text
    # The field table: Spanish headings, help and forms; values as records write them, with their Spanish labels.
    assert "Campo Obligatorio Forma Qué escribir Ejemplo" in text
    assert "Una o más áreas de política . Un solo valor no necesita corchetes." in text
    assert "Immigration Inmigración" in text and "Executive Order Orden ejecutiva" in text and "County Condado" in text
    assert "NM Nuevo México" in text and "NC Carolina del Norte" in text
    assert "es Español" in text and "en Inglés" in text
    # The record template to paste explains each field in Spanish.
    assert "# Uno de: Model Legislation, Ordinance," in text and "# Campos opcionales:" in text
    for english in ("What to write", "Document types", "States and territories", "Shown as", "One or more of", "Optional fields"):
        assert english not in text, english
    # Every link inside the page (the help's links to the value lists, the prose's to its sections) finds its heading.
    ids = set(re.findall(r'\sid="([^"]+)"', page))
    targets = set(re.findall(r'href="#([^"]+)"', article(page)))
    assert {"tipos-de-documento", "areas-de-politica", "niveles-de-gobierno", "estados-y-territorios", "idiomas", "referencia-de-campos"} <= targets
    assert targets <= ids
    # The form to propose a record is the Spanish one, beside this page.
    assert 'href="../suggest/"' in article(page) and (sample_site / "es" / "suggest" / "index.html").is_file()


def test_the_english_editing_guide_stays_english(sample_site: Path) -> None:
    text = words(article((sample_site / "editing" / "index.html").read_text(encoding="utf-8")))
    assert "Field Required Form What to write Example" in text and "Immigration" in text
    assert "Inmigración" not in text and "Qué escribir" not in text and "Nuevo México" not in text


def test_the_spanish_pages_say_what_the_english_ones_say(sample_site: Path) -> None:
    privacy = words(article(page_path(sample_site, "privacy").read_text(encoding="utf-8")))
    assert "Sus búsquedas nunca salen de su dispositivo." in privacy and "GitHub Pages" in privacy
    policy = words(article(page_path(sample_site, "html-policy").read_text(encoding="utf-8")))
    assert "Lo que siempre se quita" in policy and 'target="_blank"' in policy


def test_the_spanish_open_data_page_links_the_shared_data_files() -> None:
    default = ROOT / "generator/policy_library/site/defaults"
    spanish = (default / "es" / "open-data.md").read_text(encoding="utf-8")
    english = (default / "open-data.md").read_text(encoding="utf-8")
    # Same files, one folder up (the page is es/open-data.md); same template.
    assert [f"../{link}" for link in re.findall(r"\]\(([^)]+)\)", english)] == re.findall(r"\]\(([^)]+)\)", spanish)
    assert "template: open-data.html" in spanish and "title: Datos abiertos" in spanish


def test_the_spanish_help_names_the_words_the_spanish_pages_show(sample_site: Path) -> None:
    from policy_library.model.fields import DEFAULT_FIELDS

    shown = {path.read_text(encoding="utf-8") for path in sorted((sample_site / "es" / "records").glob("*/index.html"))}
    help_text = next(f for f in DEFAULT_FIELDS if f.name == "source_url").help_in("es")
    publisher = re.search(r'se muestra como "([^"]+)"', help_text)
    assert publisher is not None and any(publisher.group(1) in page for page in shown)
