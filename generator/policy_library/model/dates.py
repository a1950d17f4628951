"""Dates as editors write them: a year, a month or a day."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

# ASCII digits: the suggest form's browser reads the same pattern (model/form_rules.py).
_FORM = re.compile(r"^([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?$")
FIRST_YEAR = 1000
LAST_YEAR = 2999
ACCEPTED_FORMS = "write YYYY, YYYY-MM or YYYY-MM-DD, for example 2017, 2017-01 or 2017-01-25"


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int = 0
    day: int = 0

    @classmethod
    def parse(cls, value: object) -> PartialDate:
        """A date from what YAML gave: an int year, a date, or a string. ValueError if impossible."""
        if isinstance(value, bool):
            raise ValueError("is not a date")
        if isinstance(value, dt.datetime):
            return cls(value.year, value.month, value.day)
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int):
            return cls._checked(value, 0, 0)
        if isinstance(value, str):
            match = _FORM.match(value.strip())
            if not match:
                raise ValueError(f"{value!r} is not a date in a form the library reads")
            year, month, day = (int(g) if g else 0 for g in match.groups())
            return cls._checked(year, month, day)
        raise ValueError("is not a date")

    @classmethod
    def _checked(cls, year: int, month: int, day: int) -> PartialDate:
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(f"year {year} is out of range")
        if month and not 1 <= month <= 12:
            raise ValueError(f"month {month} does not exist")
        if day and not 1 <= day <= calendar.monthrange(year, month)[1]:
            raise ValueError(f"{calendar.month_name[month]} {year} has no day {day}")
        return cls(year, month, day)

    def iso(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
        return text

    def human(self) -> str:
        """For people: "2017", "January 2017" or "January 25, 2017"."""
        if not self.month:
            return str(self.year)
        month = calendar.month_name[self.month]
        if not self.day:
            return f"{month} {self.year}"
        return f"{month} {self.day}, {self.year}"

    def sort_key(self) -> int:
        """A number that orders dates; a bare year sorts at its start."""
        return self.year * 10000 + self.month * 100 + self.day
