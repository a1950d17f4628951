"""What is wrong with an editor's input, said so that an editor can fix it.

Every problem names the file, the line, the field and the fix, in the form
`path:line: field: message (hint)` that editors and GitHub annotations read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


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
        text = f"{self.path}:{self.line}: {self.field}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        if not self.is_error:
            text = f"{text} [warning]"
        return text

    def github(self) -> str:
        """The problem as a GitHub Actions workflow command (an annotation)."""
        kind = "error" if self.is_error else "warning"
        message = f"{self.field}: {self.message}"
        if self.hint:
            message += f" ({self.hint})"
        return f"::{kind} file={_escape_property(self.path)},line={self.line},title={_escape_property(self.field)}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if not p.is_error]


def report(problems: Iterable[Problem]) -> str:
    """All problems, sorted by file and line, one a line."""
    return "\n".join(str(p) for p in sorted(problems))


class InvalidLibrary(Exception):
    """Raised when records have errors; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        count = len(errors(self.problems))
        files = len({p.path for p in errors(self.problems)})
        noun = "problem" if count == 1 else "problems"
        fnoun = "record" if files == 1 else "records"
        super().__init__(f"{count} {noun} in {files} {fnoun}; nothing was published:\n{report(errors(self.problems))}")
