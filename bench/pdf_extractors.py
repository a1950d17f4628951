"""pypdf against pdfminer.six on PDFs made here: extraction time and text quality.

    python -m bench.pdf_extractors

The PDFs are the sample library's own texts laid out three ways: fpdf2 with a
core font (WinAnsi encoding, one column, justified, page footers), fpdf2 with
an embedded subset TrueType font in two justified columns (Identity-H glyphs
mapped back through a ToUnicode table), and Chromium printing an HTML page
(Skia's PDF: subset fonts, CSS columns, a table); plus a picture-only "scan".

Quality compares the extracted words (text.words: folded, as the index reads
them) with the source's: recall is the share of the source's words found
(as a multiset), junk the share of extracted words that are not in the
source (split or glued words, footers), order the similarity of the two word
sequences (difflib). Time is the best of `--repeat` runs, in milliseconds of CPU time (process_time: other
work on a shared machine does not count).
"""

from __future__ import annotations

import argparse
import html
import io
import itertools
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from policy_library.search.text import words

from tests.pdfs import scanned_pdf, text_pdf
from tests.support import chromium_path

SOURCES = Path(__file__).resolve().parent.parent / "tests" / "data" / "attachments"


def with_pypdf(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def with_pdfminer(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


EXTRACTORS: dict[str, Callable[[bytes], str]] = {"pypdf": with_pypdf, "pdfminer.six": with_pdfminer}


def _chromium_pdf(text: str, out: Path, work: Path) -> Path | None:
    browser = chromium_path()
    if browser is None:
        return None
    paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n")]
    rows = "".join(f"<tr><td>{i}</td><td>{html.escape(p[:60])}</td></tr>" for i, p in enumerate(paragraphs[1:6], 1))
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs[1:])
    page = (
        "<!doctype html><meta charset=utf-8><style>body{font:11pt serif;columns:2;text-align:justify}"
        "h1{column-span:all}table{border-collapse:collapse}td{border:1px solid #999}</style>"
        f"<h1>{html.escape(paragraphs[0])}</h1>{body}<table>{rows}</table>"
    )
    source = work / f"{out.stem}.html"
    source.write_text(page, encoding="utf-8")
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", f"--print-to-pdf={out}", source.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return out


def corpus(work: Path, repeat_text: int) -> list[tuple[str, Path, str]]:
    """(name, pdf, source text) for each test PDF."""
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(SOURCES.glob("*.txt"))}
    english = texts["ice-detainers-fact-sheet"] + "\n\n" + texts["guide-287g-agreements"]
    spanish = texts["resumen-conozca-sus-derechos"]
    # Longer documents, as real reports are: the texts again, as further chapters.
    long_english = "\n\n".join([english] * repeat_text)
    long_spanish = "\n\n".join([spanish] * repeat_text)
    out = [
        ("fpdf2 core font, 1 column", text_pdf(long_english, work / "core.pdf", footer="Page"), long_english),
        ("fpdf2 TrueType, 2 columns (es)", text_pdf(long_spanish, work / "ttf.pdf", unicode_font=True, columns=2), long_spanish),
    ]
    printed = _chromium_pdf(long_english, work / "chromium.pdf", work)
    if printed is not None:
        out.append(("Chromium print, CSS columns", printed, long_english))
    out.append(("scan (image only)", scanned_pdf(english, work / "scan.pdf", pages=3), ""))
    return out


def quality(source: str, extracted: str) -> tuple[float, float, float]:
    truth, got = words(source), words(extracted)
    if not truth:
        return (1.0 if not got else 0.0), 0.0, 1.0
    found = sum((Counter(truth) & Counter(got)).values())
    vocabulary = set(truth)
    junk = sum(1 for w in got if w not in vocabulary) / len(got) if got else 0.0
    pairs = Counter(itertools.pairwise(truth))
    kept = sum((pairs & Counter(itertools.pairwise(got))).values())
    return found / len(truth), junk, kept / max(1, pairs.total())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per file; the best time counts")
    parser.add_argument("--chapters", type=int, default=4, help="copies of the texts in each PDF (document length)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        files = corpus(work, args.chapters)
        print(f"{'PDF':32} {'pages':>5} {'KB':>5} {'extractor':13} {'ms':>8} {'recall':>7} {'junk':>6} {'order':>6}")
        totals: dict[str, float] = dict.fromkeys(EXTRACTORS, 0.0)
        for name, pdf, source in files:
            data = pdf.read_bytes()
            from pypdf import PdfReader

            pages = len(PdfReader(io.BytesIO(data)).pages)
            for extractor, extract in EXTRACTORS.items():
                best = float("inf")
                text = ""
                for _ in range(args.repeat):
                    start = time.process_time()
                    text = extract(data)
                    best = min(best, time.process_time() - start)
                totals[extractor] += best
                recall, junk, order = quality(source, text)
                print(f"{name:32} {pages:5} {len(data) // 1024:5} {extractor:13} {best * 1000:8.1f} {recall:7.4f} {junk:6.4f} {order:6.4f}")
        print("total ms: " + ", ".join(f"{k} {v * 1000:.0f}" for k, v in totals.items()))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
