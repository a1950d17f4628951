"""Record text in one Unicode form, without the controls that reorder a page.

The same name typed on two keyboards can arrive as different code points:
"é" as one character (NFC) or as "e" and a combining accent (NFD). Normalised
to NFC when a record is read, both become one filter value and one browse page.
Bidirectional embedding, override and isolate controls (U+202A-U+202E,
U+2066-U+2069) would turn the text around them, and the page around a title,
right to left; they are removed (pages also isolate record text with dir="auto").

A word that mixes Latin letters with Cyrillic or Greek ones (ACLU spelt with a
Cyrillic A, U+0410) looks like the Latin word but is another value: it is reported, not
changed, since only the editor knows which letters were meant.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_WORD = re.compile(r"[^\W\d_]+")
_CONFUSABLE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


def normalize(text: str) -> str:
    """`text` in NFC without bidirectional controls."""
    if text.isascii():
        return text  # most fields of most records: nothing to do, and read 10,000 times in a check
    return unicodedata.normalize("NFC", _BIDI_CONTROLS.sub("", text))


@functools.cache
def _script(letter: str) -> str | None:
    script = unicodedata.name(letter, "").split(" ", 1)[0]
    return script if script in _CONFUSABLE_SCRIPTS else None


def mixed_script_word(text: str) -> tuple[str, list[str]] | None:
    """The first word of `text` that mixes Latin letters with Cyrillic or Greek ones, and its scripts (capitalised)."""
    if text.isascii():
        return None
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        scripts = {script for letter in word if (script := _script(letter))}
        if "LATIN" in scripts and len(scripts) > 1:
            return word, sorted(s.capitalize() for s in scripts)
    return None
