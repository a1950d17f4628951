"""What is wrong with an editor's input, said so that an editor can fix it.

Every problem names the file, the line, the field and the fix, in the form
`path:line: field: message (hint)` that editors and GitHub annotations read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    # Shown to editors as something to improve when they can; it never fails a check or a build.
    INFO = "info"


# The GitHub Actions command of each level: an info problem is a notice on the pull request.
_GITHUB_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        return problem_line(f"{self.path}:{self.line}", self.field, self.message, self.hint, severity=self.severity)

    def github(self) -> str:
        """The problem as a GitHub Actions workflow command (an annotation)."""
        kind = _GITHUB_COMMAND[self.severity]
        message = problem_line("", self.field, self.message, self.hint)
        path, field = printable(self.path), printable(self.field)
        return f"::{kind} file={_escape_property(path)},line={self.line},title={_escape_property(field)}::{_escape_data(message)}"


def problem_line(where: str, field: str, message: str, hint: str = "", *, severity: Severity = Severity.ERROR) -> str:
    """`where: field: message (hint)`, the one way a problem is shown, with control characters escaped.

    A warning ends in ` [warning]`, an info problem in ` [info]`; an error has no mark.
    """
    text = ": ".join(part for part in (where, field, message) if part)
    if hint:
        text += f" ({hint})"
    if severity is not Severity.ERROR:
        text += f" [{severity.value}]"
    return printable(text)


# What would act on the terminal or the page instead of being read: C0 and C1 controls
# (ESC starts colour, cursor and hyperlink sequences), DEL, the line and paragraph
# separators, and the bidirectional marks and overrides that reorder the rest of a line.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text safe to show an editor: every control character written as a visible escape such as `\\x1b`."""
    return _UNSAFE.sub(_escape_one, text)


def _escape_one(match: re.Match[str]) -> str:
    code = ord(match.group())
    return {9: "\\t", 10: "\\n", 13: "\\r"}.get(code) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.WARNING]


def notes(problems: Iterable[Problem]) -> list[Problem]:
    """Information for editors: shown, never counted against the records."""
    return [p for p in problems if p.severity is Severity.INFO]


def report(problems: Iterable[Problem]) -> str:
    """All problems, sorted by file and line, one a line."""
    return "\n".join(str(p) for p in sorted(problems))


class InvalidLibrary(Exception):
    """Raised when records or other files of the docs folder have errors; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        count = len(errors(self.problems))
        files = len({p.path for p in errors(self.problems)})
        noun = "problem" if count == 1 else "problems"
        fnoun = "file" if files == 1 else "files"  # records, or other files of the docs folder
        super().__init__(f"{count} {noun} in {files} {fnoun}; nothing was published:\n{report(errors(self.problems))}")
