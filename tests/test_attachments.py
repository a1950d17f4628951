"""Attached documents' text: extracted from PDFs made here, searched as the lowest-weighted field, cached by content."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from policy_library.model.attachments import AttachmentTexts, extract, tidy
from policy_library.model.library import load_library
from policy_library.model.records import Record
from policy_library.model.taxonomy import Taxonomy
from policy_library.search.lunr_index import INDEXED_FIELDS, field_texts, ref_of
from policy_library.search.text import words

from tests.pdfs import scanned_pdf, text_pdf, truetype_font
from tests.reference.lunr_build import build_index
from tests.reference.query import search
from tests.support import ROOT, make_project

SOURCES = ROOT / "tests" / "data" / "attachments"
LIBRARY = Path(sys.executable).parent / "library"
FACT_SHEET = SOURCES / "ice-detainers-fact-sheet.txt"
SPANISH = SOURCES / "resumen-conozca-sus-derechos.txt"


def _record(title: str, extra: str = "", body: str = "") -> str:
    return f"---\ntitle: {title}\nsummary: A record for the attachment tests.\ndocument_type: Report\npolicy_areas: [Immigration]\n{extra}---\n{body}\n"


def _without_lines(text: str, prefix: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith(prefix))


@pytest.mark.parametrize("unicode_font", [False, True], ids=["core font", "embedded TrueType"])
def test_a_pdfs_text_is_its_sources_words_in_order(tmp_path: Path, unicode_font: bool) -> None:
    if unicode_font and truetype_font() is None:
        pytest.skip("no TrueType font on this machine to embed (apt-get install fonts-dejavu-core)")
    source = SPANISH.read_text(encoding="utf-8")  # accents and ¿ ¡ in WinAnsi and in a subset font
    pdf = text_pdf(source, tmp_path / "a.pdf", unicode_font=unicode_font, footer="Página")
    found = extract(pdf.read_bytes(), "pdf", "docs/files/a.pdf")
    assert not found.message
    assert words(_without_lines(found.text, "Página")) == words(source)


def test_two_columns_lose_no_word(tmp_path: Path) -> None:
    if truetype_font() is None:
        pytest.skip("no TrueType font on this machine to embed (apt-get install fonts-dejavu-core)")
    source = FACT_SHEET.read_text(encoding="utf-8")
    found = extract(text_pdf(source, tmp_path / "a.pdf", unicode_font=True, columns=2).read_bytes(), "pdf", "a.pdf")
    assert sorted(words(found.text)) == sorted(words(source))


def test_the_sample_pdf_is_its_committed_source() -> None:
    """docs/files/ice-detainers-fact-sheet.pdf was made by `python -m tests.pdfs` from the text beside the tests."""
    found = extract((ROOT / "docs/files/ice-detainers-fact-sheet.pdf").read_bytes(), "pdf", "x")
    assert words(_without_lines(found.text, "Policy Library fact sheet, page")) == words(FACT_SHEET.read_text(encoding="utf-8"))


def test_words_broken_at_a_line_end_are_joined_only_when_the_document_has_them_whole() -> None:
    text = "Immigration enforce-\nment and enforcement.\nA plain-\nlanguage summary;\tmany   spaces\r\n\r\n\nend"
    assert tidy(text) == "Immigration enforcement and enforcement.\nA plain-language summary; many spaces\nend"


def test_unreadable_files_are_warnings_that_name_the_file_and_the_fix(tmp_path: Path) -> None:
    scan = extract(scanned_pdf(FACT_SHEET.read_text(encoding="utf-8"), tmp_path / "s.pdf").read_bytes(), "pdf", "docs/files/s.pdf")
    assert (scan.text, scan.message) == ("", "docs/files/s.pdf has no text that search can read (a scanned image?)")
    assert "OCR" in scan.hint
    broken = extract(b"%PDF-1.4\nthis is not a PDF body", "pdf", "docs/files/b.pdf")
    assert broken.text == "" and broken.message.startswith("docs/files/b.pdf: its text cannot be read (")
    latin1 = extract("Política de la cárcel".encode("latin-1"), "text", "docs/files/l.txt")
    assert latin1.message == "docs/files/l.txt is not UTF-8 text (byte 0xed); its text is not searchable" and latin1.hint == "save it with UTF-8 encoding"
    bom = extract("\ufeffAsesoría legal\r\n".encode(), "text", "docs/files/b.txt")
    assert (bom.text, bom.message) == ("Asesoría legal", "")


def test_extraction_is_kept_by_content_across_builds(tmp_path: Path) -> None:
    first = text_pdf(FACT_SHEET.read_text(encoding="utf-8"), tmp_path / "one.pdf")
    texts = AttachmentTexts()
    texts.start()
    text = texts.of(first, "one.pdf")
    texts.finish()
    assert texts.extracted == 1 and text is not None
    # The next build: the same bytes under another name are not extracted again.
    (tmp_path / "renamed.pdf").write_bytes(first.read_bytes())
    texts.start()
    assert texts.of(tmp_path / "renamed.pdf", "renamed.pdf") == text
    texts.finish()
    assert (texts.extracted, texts.reused) == (0, 1)
    # An edited file is.
    text_pdf(SPANISH.read_text(encoding="utf-8"), tmp_path / "renamed.pdf")
    texts.start()
    edited = texts.of(tmp_path / "renamed.pdf", "renamed.pdf")
    texts.finish()
    assert texts.extracted == 1 and edited is not None and "derechos" in edited.text
    assert texts.of(tmp_path / "x.docx", "x.docx") is None  # not a kind whose text is searched


def test_a_markdown_attachment_is_read_as_text_without_its_link_targets(taxonomy: Taxonomy) -> None:
    found = extract(b"# Heading\n\nSee [the quokkas](https://example.org/wombat) here.\n", "text", "notes.md")
    record = Record(id="r", path="r.md", title="R", summary="S", document_type="Report", policy_areas=("Immigration",), attachment=found.text)
    assert words(field_texts(record)["attachment"]) == ["heading", "see", "the", "quokkas", "here"]


def _attachment_project(tmp_path: Path) -> Path:
    files = {
        "files/report.pdf": text_pdf(FACT_SHEET.read_text(encoding="utf-8"), tmp_path / "report.pdf").read_bytes(),
        "files/scan.pdf": scanned_pdf("A scanned page", tmp_path / "scan.pdf").read_bytes(),
        "files/notes.txt": b"Quarterly zanzibarite notes.\n",
    }
    return make_project(
        tmp_path,
        {
            "pdf.md": _record("With a PDF", "date: 2020\nfile: files/report.pdf\n"),
            "scan.md": _record("With a scan", "date: 2019\nfile: files/scan.pdf\n"),
            "text.md": _record("With text", "date: 2018\nfile: files/notes.txt\n"),
            "plain.md": _record("Without a file", "date: 2016\n", "Clackamas is named in this body."),
        },
        files=files,
    )


def test_a_query_matching_only_the_attachment_finds_the_record(tmp_path: Path, taxonomy: Taxonomy) -> None:
    project = _attachment_project(tmp_path)
    library = load_library(project / "docs/records", taxonomy, root=project, docs_dir=project / "docs")
    scan_warning = [str(p) for p in library.problems if p.field == "file"]
    assert scan_warning == [
        "docs/records/scan.md:7: file: docs/files/scan.pdf has no text that search can read (a scanned image?) "
        "(run it through OCR (for example ocrmypdf) or attach a text copy) [warning]"
    ]
    order = library.newest_first()
    index = build_index(order)

    def found(q: str) -> list[str]:
        return [order[int(hit.ref, 36)].id for hit in search(index, q)]

    assert found("I-247A") == ["pdf"]  # only in the PDF's text
    assert found("zanzibarite") == ["text"]
    # Where a word is both in a body and an attached text, the body ranks first: the attachment weighs least.
    assert found("Clackamas") == ["plain", "pdf"]
    matched = index.search("247a")[0]["match_data"].metadata["247a"]
    assert set(matched) == {"attachment"} and dict(INDEXED_FIELDS)["attachment"] < dict(INDEXED_FIELDS)["body"]


def test_the_build_ships_the_attachment_field_its_kind_and_its_text_once(sample_site: Path) -> None:
    search_dir = sample_site / "assets/library/search"
    manifest = json.loads(next(search_dir.glob("index.*/terms.json")).read_text(encoding="utf-8"))
    assert manifest["fields"][-1] == "attachment"
    library = load_library(ROOT / "docs/records", Taxonomy.from_config(), root=ROOT, docs_dir=ROOT / "docs")
    order = library.newest_first()
    text_dir = next(search_dir.glob("text.*"))
    shipped = {path: path.read_bytes() for path in search_dir.rglob("*") if path.is_file()}
    kinds = {}
    for n, record in enumerate(order):
        passage_path = text_dir / f"{ref_of(n)}.passage.json"
        passage = json.loads(shipped[passage_path])
        assert ("attachment" in passage) == bool(record.attachment)
        if not record.attachment:
            continue
        kinds[record.id] = passage["kind"]
        # The page's excerpts are cut from the passage: the document's words, all of them at this size.
        assert words(passage["attachment"]) == words(record.attachment)
        # And it is the one file of the search that holds the document's text: a run of its words is nowhere else.
        said = passage["attachment"].split()
        run = " ".join(said[len(said) // 2 : len(said) // 2 + 8])
        needle = json.dumps(run, ensure_ascii=False)[1:-1].encode("utf-8")
        assert [path for path, content in shipped.items() if needle in content] == [passage_path], run
    assert kinds == {
        "policy-library-ice-detainers-fact-sheet": "pdf",
        "policy-library-resumen-conozca-sus-derechos": "text",
        "policy-library-guide-287g-agreements": "text",
    }
    assert [path.name for path in search_dir.iterdir() if path.name.startswith("attached")] == []
    assert (sample_site / "files/ice-detainers-fact-sheet.pdf").read_bytes() == (ROOT / "docs/files/ice-detainers-fact-sheet.pdf").read_bytes()


def test_library_check_warns_of_a_scan_and_still_passes(tmp_path: Path) -> None:
    project = _attachment_project(tmp_path)
    result = subprocess.run([str(LIBRARY), "check"], cwd=project, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "docs/records/scan.md:7: file: docs/files/scan.pdf has no text that search can read (a scanned image?)" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_mkdocs_serve_extracts_only_changed_attachments_between_rebuilds(tmp_path: Path) -> None:
    project = _attachment_project(tmp_path)

    def config() -> MkDocsConfig:
        return load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "served"))

    first = config()
    first.plugins.on_startup(command="serve", dirty=False)
    plugin = first.plugins["library"]
    build(first, serve_url="http://127.0.0.1:8000/")
    assert plugin.attachments.extracted == 3  # the PDF, the scan and the text
    (project / "docs/files/notes.txt").write_text("Quarterly notes, edited.\n", encoding="utf-8")
    again = config()
    assert again.plugins["library"] is plugin
    build(again, serve_url="http://127.0.0.1:8000/")
    assert (plugin.attachments.extracted, plugin.attachments.reused) == (1, 2)
    assert "edited" in plugin.lib["text"].attachment
