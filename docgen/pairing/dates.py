"""Dates as the pairing documents use them: often partial, written the Chinese way.

A :class:`PartialDate` keeps whatever the user gave (a year, a year and month, or a full
date). Formatting writes the missing parts as blanks (2025年____月), so a form keeps the
place for a hand-written value. Arabic numerals without zero padding are the default, as
GB/T 9704-2012 asks; the older Chinese-numeral style writes years with 〇.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass

from .numerals import chinese_count, chinese_digits, parse_chinese_number
from .values import DEFAULT_BLANK, Blank


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date of which only the leading parts may be known: year, year-month or full."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("day without month")
        if self.month is not None and self.year is None:
            raise ValueError("month without year")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month}")
        if self.year is not None and not 1900 <= self.year <= 2999:
            raise ValueError(f"year {self.year}")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1]  # type: ignore[arg-type]
            if not 1 <= self.day <= last:
                raise ValueError(f"day {self.day}")

    @property
    def is_complete(self) -> bool:
        return self.day is not None

    @property
    def is_empty(self) -> bool:
        return self.year is None

    def add_months(self, months: int) -> "PartialDate":
        """Shift a year-month by whole months; the day is dropped."""
        if self.year is None or self.month is None:
            raise ValueError("add_months needs a year and a month")
        index = self.year * 12 + (self.month - 1) + months
        return PartialDate(index // 12, index % 12 + 1)

    def isoformat(self) -> str:
        parts = [f"{self.year:04d}"] if self.year is not None else []
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)


_SEPARATED = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")
_CHINESE = re.compile(r"^(\S+?)年(?:(\S+?)月(?:(\S+?)[日号])?)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_date(value: object) -> PartialDate:
    """Read a date in any of the forms users type.

    2025-09-01, 2025-09, 2025, 2025/9/1, 2025.9, 20250901, 2025年9月1日, 2025年9月,
    二〇二五年九月一日, and :class:`datetime.date` objects. Raises ValueError otherwise.
    """
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, _dt.datetime):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, _dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"not a date: {value!r}")
    text = unicodedata.normalize("NFKC", str(value)).strip().replace(" ", "")
    for pattern in (_SEPARATED, _COMPACT):
        m = pattern.match(text)
        if m:
            return _build(*(int(g) if g else None for g in m.groups()))
    m = _CHINESE.match(text)
    if m:
        numbers = []
        for group in m.groups():
            if group is None:
                numbers.append(None)
                continue
            n = int(group) if group.isdigit() else parse_chinese_number(group)
            if n is None:
                raise ValueError(f"not a date: {value!r}")
            numbers.append(n)
        return _build(*numbers)
    raise ValueError(f"not a date: {value!r}")


def _build(year: int | None, month: int | None, day: int | None) -> PartialDate:
    return PartialDate(year, month, day)


def format_date(date: PartialDate, precision: str = "day", style: str = "arabic",
                blank: str = DEFAULT_BLANK) -> str:
    """Write a date as 2025年9月1日; missing parts become ``blank``.

    ``precision`` is "year", "month" or "day"; ``style`` "arabic" or "chinese"
    (二〇二五年九月一日).
    """
    if precision not in ("year", "month", "day"):
        raise ValueError(f"precision {precision!r}")
    if style not in ("arabic", "chinese"):
        raise ValueError(f"style {style!r}")

    def part(n: int | None, is_year: bool) -> str:
        if n is None:
            return blank
        if style == "arabic":
            return str(n)
        return chinese_digits(n) if is_year else chinese_count(n)

    text = part(date.year, True) + "年"
    if precision in ("month", "day"):
        text += part(date.month, False) + "月"
    if precision == "day":
        text += part(date.day, False) + "日"
    return text


def term_end(start: PartialDate, years: int) -> PartialDate:
    """The last month of a term of ``years`` starting at ``start``.

    2025-09 + 3 years ends 2028-08. With only a year known, only the end year is known
    (the seed's 自2008年 月至2011年 月); with nothing known, nothing is.
    """
    if start.year is None:
        return PartialDate()
    if start.month is None:
        return PartialDate(start.year + years)
    return start.add_months(years * 12 - 1)


def is_complete_for(date: PartialDate, precision: str) -> bool:
    """Whether every part the precision shows is known."""
    needed = {"year": date.year, "month": date.month, "day": date.day}
    order = ["year", "month", "day"]
    return all(needed[p] is not None for p in order[: order.index(precision) + 1])


@dataclass(frozen=True)
class SchoolYear:
    """A school year, September to August: 2025—2026学年."""

    start: int

    @property
    def end(self) -> int:
        return self.start + 1

    def __str__(self) -> str:
        return f"{self.start}—{self.end}学年"

    def contains(self, date: PartialDate) -> bool:
        """Whether a (possibly partial) date can lie within the school year."""
        if date.year is None:
            return True
        if date.month is None:
            return date.year in (self.start, self.end)
        return school_year_of(date) == self

    @property
    def first_day(self) -> PartialDate:
        return PartialDate(self.start, 9, 1)

    @property
    def last_day(self) -> PartialDate:
        return PartialDate(self.end, 8, 31)


_SCHOOL_YEAR = re.compile(r"^(\d{4})(?:\s*[-—–~～至到/]\s*(\d{2}|\d{4}))?(?:学年(?:度)?)?$")


def parse_school_year(value: object) -> SchoolYear:
    """2025-2026, 2025—2026学年, 2025-26, 2025 (the starting year). ValueError otherwise."""
    if isinstance(value, SchoolYear):
        return value
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"not a school year: {value!r}")
    text = unicodedata.normalize("NFKC", str(value)).strip()
    text = text.replace("—", "-")
    m = _SCHOOL_YEAR.match(text)
    if not m:
        raise ValueError(f"not a school year: {value!r}")
    start = int(m.group(1))
    if m.group(2):
        end = int(m.group(2))
        if end < 100:
            end += start // 100 * 100
        if end != start + 1:
            raise ValueError(f"school year must span one year: {value!r}")
    if not 1900 <= start <= 2998:
        raise ValueError(f"year {start}")
    return SchoolYear(start)


def school_year_of(date: PartialDate) -> SchoolYear | None:
    """The school year a dated month falls in; None when the month is unknown."""
    if date.year is None or date.month is None:
        return None
    return SchoolYear(date.year if date.month >= 9 else date.year - 1)


def semester_of(date: PartialDate) -> str | None:
    """第一学期 for September to January, 第二学期 for February to August."""
    if date.month is None:
        return None
    return "第一学期" if date.month >= 9 or date.month == 1 else "第二学期"


@dataclass(frozen=True)
class DateValue:
    """A (possibly partial) date bound to its field, for the date filters.

    Printed as is it reads 2025年9月1日, with blanks for the unknown parts.
    """

    date: PartialDate
    field: str
    blank: str = DEFAULT_BLANK

    def format(self, precision: str = "day", style: str = "arabic") -> str:
        text = format_date(self.date, precision, style, self.blank)
        if is_complete_for(self.date, precision):
            return text
        return Blank(self.field, text)

    def __bool__(self) -> bool:
        return not self.date.is_empty

    def __str__(self) -> str:
        return self.format()

    @property
    def year(self) -> int | None:
        return self.date.year

    @property
    def month(self) -> int | None:
        return self.date.month

    @property
    def day(self) -> int | None:
        return self.date.day
