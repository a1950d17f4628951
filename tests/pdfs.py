"""PDFs made on the spot with fpdf2, for tests and the extractor benchmark: nothing is downloaded.

`text_pdf` lays out a plain-text document (first line the title, short lines
without a final full stop as headings, the rest as justified paragraphs) the way
an office suite would print it; `scanned_pdf` makes a PDF that is only a picture
of text, as a scanner makes, with nothing to extract.

Run as a script to make the sample library's PDF from its text source:
    python -m tests.pdfs tests/data/attachments/ice-detainers-fact-sheet.txt docs/files/ice-detainers-fact-sheet.pdf
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align

# A TrueType font to embed (any with Latin accents will do): Debian's DejaVu, or the Liberation fonts Chromium brings.
FONTS = (
    (Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")),
    (Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"), Path("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf")),
)


def truetype_font() -> tuple[Path, Path] | None:
    """A regular and a bold TrueType font file of this machine, or None."""
    return next(((regular, bold) for regular, bold in FONTS if regular.exists() and bold.exists()), None)


FIXED_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def _blocks(text: str) -> tuple[str, list[tuple[bool, str]]]:
    """The title, then (is_heading, text) blocks: one per paragraph (blank-line separated)."""
    paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n") if p.strip()]
    title, rest = paragraphs[0], paragraphs[1:]
    return title, [(len(p) < 70 and not p.endswith((".", ":", "?")), p) for p in rest]


def _document(unicode_font: bool) -> tuple[FPDF, str]:
    pdf = FPDF(format="letter")
    pdf.set_creation_date(FIXED_DATE)  # the same bytes from the same text
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(True, margin=20)
    family = "Helvetica"
    if unicode_font:
        font = truetype_font()
        if font is None:
            raise FileNotFoundError("no TrueType font to embed: apt-get install fonts-dejavu-core")
        family = "Embedded"
        pdf.add_font(family, "", font[0])
        pdf.add_font(family, "B", font[1])
    return pdf, family


def text_pdf(text: str, path: Path, *, unicode_font: bool = False, columns: int = 1, footer: str = "") -> Path:
    """Write `text` as a multi-page PDF at `path`. Core fonts carry Latin-1 only; `unicode_font` embeds a TrueType font."""
    title, blocks = _blocks(text)
    pdf, family = _document(unicode_font)
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font(family, "B", 18)
    pdf.multi_cell(0, 9, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    if columns > 1:
        with pdf.text_columns(ncols=columns, gutter=8, text_align=Align.J, l_margin=22, r_margin=22) as cols:
            for heading, block in blocks:
                pdf.set_font(family, "B" if heading else "", 11 if heading else 10)
                cols.write(block + "\n\n")
    else:
        for heading, block in blocks:
            pdf.set_font(family, "B" if heading else "", 12 if heading else 10.5)
            pdf.multi_cell(0, 6 if heading else 5.4, block, align="L" if heading else "J", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2.5)
    if footer:
        for page in range(1, pdf.page + 1):
            pdf.page = page
            pdf.set_y(-14)
            pdf.set_font(family, "", 8)
            pdf.cell(0, 5, f"{footer} {page}", align="C")
    path.write_bytes(bytes(pdf.output()))
    return path


def scanned_pdf(text: str, path: Path, pages: int = 2) -> Path:
    """A PDF whose pages are pictures of `text`: what a scanner without OCR makes."""
    from PIL import Image, ImageDraw

    pdf = FPDF(format="letter")
    pdf.set_creation_date(FIXED_DATE)
    lines = [line[:90] for line in text.splitlines() if line.strip()]
    for n in range(pages):
        image = Image.new("L", (850, 1100), 255)
        draw = ImageDraw.Draw(image)
        for i, line in enumerate(lines[n * 40 : (n + 1) * 40]):
            draw.text((40, 40 + i * 25), line, fill=0)
        pdf.add_page()
        pdf.image(image, x=0, y=0, w=pdf.w, h=pdf.h)
    path.write_bytes(bytes(pdf.output()))
    return path


if __name__ == "__main__":
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    text_pdf(source.read_text(encoding="utf-8"), target, footer="Policy Library fact sheet, page")
    print(f"wrote {target}")
