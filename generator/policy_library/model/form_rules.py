"""The rules a record's values follow, as data a browser can read: the suggest form checks with them.

`library check` reads records with the declarations of model/: the field registry,
the id pattern, the date form, the URL rule, the vocabularies and the state
names, how text is cleaned, how an id is made from a title, and how import writes
a value in YAML. `form_rules` hands those same declarations to the page as JSON
(patterns as regular-expression source both languages read), so the form's
checks cannot drift from the checker's; tests/browser/test_suggest_agreement.py
runs both on the same generated values.

A few of Python's built-in rules are written out here as data because a browser
has no equivalent: which characters are whitespace to `str.split()`, which are
combining marks to `unicodedata.combining`, and PyYAML's rules for which plain
words read as something other than text (`yes`, `1.5`, `2017-01-25`, `~`).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import cache
from typing import Any
from urllib.parse import scheme_chars

import yaml

from policy_library.model import addresses, dates, records, tabular, unicode_text
from policy_library.model.fields import Field
from policy_library.model.records import ID_PATTERN, RESERVED_IDS
from policy_library.model.taxonomy import LANGUAGES, STATE_NAMES, Taxonomy

# Several values typed in one box are separated by semicolons or commas, as `library new` reads them.
LIST_SEPARATOR = "[;,]"
# Kinds the form offers; an archived copy (`file`) must be committed with the record, which a form cannot do.
FORM_KINDS = frozenset({"text", "choice", "state", "language", "date", "url", "record"})
WELL_KNOWN_SCHEMES = ("http", "https")


def _class(predicate: Any) -> str:
    """A regular-expression character class of every code point for which `predicate` holds, as ranges."""
    ranges: list[tuple[int, int]] = []
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF or not predicate(chr(code)):
            continue
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))

    def escape(code: int) -> str:
        return f"\\u{{{code:x}}}"

    return "[" + "".join(escape(a) if a == b else f"{escape(a)}-{escape(b)}" for a, b in ranges) + "]"


@cache
def whitespace_class() -> str:
    """What `str.split()` splits on."""
    return _class(str.isspace)


@cache
def casefold_exceptions() -> dict[str, str]:
    """The characters `str.casefold` changes otherwise than `str.lower` (and a browser's toLowerCase): such as ß to ss"""
    found = {}
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if not 0xD800 <= code <= 0xDFFF and char.casefold() != char.lower():
            found[char] = char.casefold()
    return found


@cache
def combining_class() -> str:
    """What `taxonomy.comparable` drops after NFKD: characters with a combining class."""
    return _class(lambda c: unicodedata.combining(c) != 0)


def _verbose(pattern: str) -> str:
    """A re.VERBOSE pattern without its layout whitespace (kept inside [...]), as plain regex source."""
    out, in_class, escaped = [], False, False
    for char in pattern:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif char == "[":
            in_class = True
            out.append(char)
        elif char == "]":
            in_class = False
            out.append(char)
        elif char.isspace() and not in_class:
            continue
        else:
            out.append(char)
    return "".join(out)


def yaml_words() -> list[dict[str, Any]]:
    """PyYAML's rules for plain words that read as something other than text, with the first characters each applies to."""
    rules: dict[tuple[str, str], list[str]] = {}
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items():
        for tag, regexp in resolvers:
            pattern = _verbose(regexp.pattern) if regexp.flags & re.VERBOSE else regexp.pattern
            rules.setdefault((tag, pattern), []).append(first if first is not None else "*")
    return [{"tag": tag.rsplit(":", 1)[-1], "pattern": pattern, "first": sorted(firsts)} for (tag, pattern), firsts in rules.items()]


def _unicode_source(pattern: str) -> str:
    r"""A Python pattern's `\s` as the explicit class Python means by it, for a browser's `u`-flag regex."""
    body = whitespace_class()[1:-1]
    # Inside a class `\s` joins the class; outside, it is one.
    text = pattern.replace("[^\\s", "[^" + body).replace("(?<!\\s)", "(?<!" + whitespace_class() + ")")
    # `\"` and `\-` outside the needed places are identity escapes, which the `u` flag refuses.
    return text.replace('\\"', '"')


def _label(spec: Field) -> dict[str, str]:
    return {language: spec.label_in(language) for language in LANGUAGES}


def _plural(spec: Field) -> dict[str, str]:
    return {language: spec.plural_in(language) for language in LANGUAGES}


def _plain_help(text: str) -> str:
    """A field's help without Markdown: links keep their words, code its text."""
    return re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text).replace("`", "")


def field_rules(spec: Field, taxonomy: Taxonomy) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "name": spec.name,
        "kind": spec.kind,
        "label": _label(spec),
        "plural": _plural(spec),
        "required": spec.required,
        "multiple": spec.multiple,
        "default": spec.default,
        "help": {language: _plain_help(spec.help_in(language)) for language in LANGUAGES},
        "example": spec.example,
        "builtin": spec.builtin,
    }
    if spec.kind == "choice":
        vocabulary = taxonomy[spec.name]
        rule["values"] = [{"value": value, "label": {language: vocabulary.label(value, language) for language in LANGUAGES}} for value in vocabulary.values]
    if spec.kind == "text" and spec.multiple:
        rule["long_item"] = records.LONG_ITEM
    if spec.name == "summary":
        rule["sentences"] = {"break": records.SENTENCE_BREAK.pattern, "most": records.MAX_SENTENCES}
    return rule


def form_rules(taxonomy: Taxonomy, *, records_dir: str = "records") -> dict[str, Any]:
    """Everything the suggest form needs to check a record and write its file, from the checker's own declarations."""
    return {
        "fields": [field_rules(spec, taxonomy) for spec in taxonomy.fields.values() if spec.kind in FORM_KINDS],
        "id": {
            "pattern": ID_PATTERN.pattern,
            "length": records.ID_LENGTH,
            "reserved": sorted(RESERVED_IDS),
            "reserved_suffix": records.RESERVED_SUFFIX,
            "fallback": records.FALLBACK_ID,
            "records_dir": records_dir.strip("/"),
        },
        "text": {
            "controls": records._CONTROL.pattern,
            "bidi": unicode_text._BIDI_CONTROLS.pattern,
            "whitespace": whitespace_class(),
            "combining": combining_class(),
            "casefold": casefold_exceptions(),
        },
        "list_separator": LIST_SEPARATOR,
        "date": {"pattern": dates._FORM.pattern, "first_year": dates.FIRST_YEAR, "last_year": dates.LAST_YEAR},
        "url": {"schemes": list(WELL_KNOWN_SCHEMES), "scheme_chars": scheme_chars, "home_page": addresses._FRONT_PAGE.pattern},
        "states": {language: dict(names) for language, names in STATE_NAMES.items()},
        "languages": dict(LANGUAGES),
        "yaml": {
            "plain": _unicode_source(tabular._PLAIN.pattern),
            "unreadable": tabular.UNREADABLE.pattern,
            "words": yaml_words(),
            "quoted": sorted(tabular.QUOTED_FIELDS),
        },
    }
