"""The text of records' attached documents (`file:`), for search: PDF, plain text and Markdown.

PDF text comes from pypdf (pure Python; bench/pdf_extractors.py compares it
with pdfminer.six). Extraction is the slow step of a build with many PDFs, so
`AttachmentTexts` keeps each file's text under a hash of its bytes: a rebuild
under `mkdocs serve` extracts again only the files whose content changed.

A PDF that yields no words (a scanned image without a text layer) still
builds: its record gets a warning naming the file, so an editor learns why a
search of its text finds nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from policy_library.model.problems import Problem, Severity
from policy_library.model.records import Record

# Suffix -> kind: the kind is what a result says a match was in ("the attached PDF").
KINDS = {".pdf": "pdf", ".txt": "text", ".md": "text", ".markdown": "text"}
# Beyond this much text a document is a book; the rest is left out of the index.
MAX_CHARACTERS = 2_000_000

_SPACES = re.compile(r"[ \t\f\v\u00a0]+")
_BROKEN = re.compile(r"(\w+)-\n(\w+)")  # a word a typesetter may have broken across two lines
_BLANK_LINES = re.compile(r"\n{2,}")


@dataclass(frozen=True)
class Extracted:
    kind: str  # "pdf" or "text"
    text: str
    message: str = ""  # what is wrong, when the text could not be read in full: a warning for the record
    hint: str = ""


def tidy(text: str) -> str:
    """One space between words, one newline between lines, words broken at a line end joined again."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    joined = _BLANK_LINES.sub("\n", "\n".join(lines)).strip()
    if "-\n" not in joined:
        return joined
    # "enforce-/ment" is one word, "plain-/language" two: join the halves only where the
    # document also has the whole word, unbroken, somewhere else.
    known = set(re.findall(r"\w+", joined.casefold()))
    return _BROKEN.sub(lambda m: m[1] + m[2] if (m[1] + m[2]).casefold() in known else f"{m[1]}-{m[2]}", joined)


def pdf_text(data: bytes) -> str:
    """Every page's text, in page order; raises on a file pypdf cannot read."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        reader.decrypt("")  # many "protected" PDFs only forbid printing or copying, with an empty open password
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def extract(data: bytes, kind: str, name: str) -> Extracted:
    """The searchable text of an attachment's bytes; `name` is how warnings call the file."""
    if kind == "pdf":
        pypdf_log = logging.getLogger("pypdf")
        level = pypdf_log.level
        pypdf_log.setLevel(logging.ERROR)  # its notes on malformed objects are not the editor's business
        try:
            text = tidy(pdf_text(data))
        except Exception as error:  # pypdf raises many kinds on a damaged or unusual file
            reason = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
            return Extracted(kind, "", f"{name}: its text cannot be read ({reason})", "open it and save it again as PDF, or attach a text copy")
        finally:
            pypdf_log.setLevel(level)
        if not any(c.isalnum() for c in text):
            hint = "run it through OCR (for example ocrmypdf) or attach a text copy"
            return Extracted(kind, "", f"{name} has no text that search can read (a scanned image?)", hint)
    else:
        try:
            text = tidy(data.decode("utf-8-sig"))
        except UnicodeDecodeError as error:
            return Extracted(kind, "", f"{name} is not UTF-8 text (byte 0x{data[error.start]:02x}); its text is not searchable", "save it with UTF-8 encoding")
    if len(text) > MAX_CHARACTERS:
        note = f"{name} has more than {MAX_CHARACTERS:,} characters of text; search reads the first {MAX_CHARACTERS:,}"
        return Extracted(kind, text[:MAX_CHARACTERS], note, "attach the part that matters, or split the document")
    return Extracted(kind, text)


def kind_of(relative: str) -> str | None:
    """The kind of a `file:` path whose text is searched, or None."""
    return KINDS.get(Path(relative).suffix.lower())


class AttachmentTexts:
    """Extracted texts kept between builds, keyed by a hash of the file's bytes; only the last build's are kept."""

    def __init__(self) -> None:
        self._kept: dict[bytes, Extracted] = {}
        self._fresh: dict[bytes, Extracted] = {}
        self.extracted = 0
        self.reused = 0

    def start(self) -> None:
        """Begin a build: what the last build used stays available, the rest is let go."""
        self._kept, self._fresh = {**self._kept, **self._fresh}, {}
        self.extracted = self.reused = 0

    def of(self, path: Path, name: str) -> Extracted | None:
        kind = kind_of(path.name)
        if kind is None:
            return None
        data = path.read_bytes()
        key = hashlib.blake2b(data, digest_size=16, person=kind.encode()).digest()
        found = self._fresh.get(key) or self._kept.get(key)
        if found is None:
            found = extract(data, kind, name)
            self.extracted += 1
        else:
            self.reused += 1
        self._fresh[key] = found
        return found

    def finish(self) -> None:
        self._kept, self._fresh = self._fresh, {}


def attach_texts(records: dict[str, Record], problems: list[Problem], docs_dir: Path, texts: AttachmentTexts | None = None) -> None:
    """Give each record with a searchable `file:` its text (Record.attachment), and warn of files without any."""
    texts = texts if texts is not None else AttachmentTexts()
    texts.start()
    for rid, record in list(records.items()):
        if not record.file:
            continue
        try:
            found = texts.of(docs_dir / record.file, f"docs/{record.file}")
        except OSError as error:
            message = f"docs/{record.file} cannot be read: {error.strerror}"
            problems.append(Problem(record.path, record.line_of("file"), "file", message, "check that the file is readable", Severity.WARNING))
            continue
        if found is None:
            continue
        if found.message:
            problems.append(Problem(record.path, record.line_of("file"), "file", found.message, found.hint, Severity.WARNING))
        if found.text:
            records[rid] = dataclasses.replace(record, attachment=found.text)
    texts.finish()
