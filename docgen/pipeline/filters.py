"""Jinja filters available in every template (built-in and the user's own).

``{{ signed_on | date }}``           2025年9月1日 (____年____月____日 when unknown)
``{{ signed_on | date('chinese') }}`` 二〇二五年九月一日; ``cn_date`` is the same
``{{ term.start | ym }}``            2025年9月
``{{ term.start | year }}``          2025年
``{{ copies | cn }}``                四
``{{ '2025-2026' | school_year }}``  2025—2026学年
``{{ some_date | semester }}``       第一学期
``{{ basis.number | doc_number }}``  常教发〔2007〕23号
``{{ loop.index | circled }}``       ①
"""

from __future__ import annotations

from typing import Any, Callable

from ..errors import TemplateError
from ..pairing.dates import (DateValue, PartialDate, SchoolYear, parse_date, parse_school_year,
                             school_year_of, semester_of)
from ..pairing.numerals import chinese_count
from ..pairing.text import normalize_doc_number
from ..pairing.values import Blank


def _date(value: Any) -> DateValue:
    """A date filter's value: a context date, a PartialDate, or a date written as text."""
    if isinstance(value, DateValue):
        return value
    if isinstance(value, PartialDate):
        return DateValue(value, "?")
    return DateValue(parse_date(value), "?")


def _whole(value: Any) -> int:
    """A non-negative whole number, from a number or its digits."""
    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(value)
        value = int(value)
    number = int(value)  # an int, or a string of digits; anything else raises
    if number < 0:
        raise ValueError(value)
    return number


def _school_year(value: Any) -> SchoolYear | Blank:
    """The school year a date falls in (a blank when its month is unknown), or one written."""
    if isinstance(value, (DateValue, PartialDate)):
        year = school_year_of(value.date if isinstance(value, DateValue) else value)
        return year or Blank(getattr(value, "field", "?"))
    return parse_school_year(value)


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _circled(n: int) -> str:
    """1 → ①, as the seeds number 具体措施; beyond 20, (21)."""
    return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else f"({n})"


def _style(style: str) -> str:
    return "chinese" if style in ("chinese", "cn", "中文") else "arabic"


def _filter(name: str, expects: str, read: Callable[[Any], Any],
            apply: Callable[..., Any]) -> Callable[..., Any]:
    """A filter: ``read`` takes the template's value as the filter needs it, and a value
    it cannot take is the template's error, in Chinese, naming the filter (the render stage
    adds the paragraph); ``apply`` is docgen's own work, whose failures are docgen's. A
    blank passes through, still a blank."""

    def run(value: Any, *args: Any) -> Any:
        if isinstance(value, Blank):
            return value
        try:
            argument = read(value)
        except (ValueError, TypeError, OverflowError):
            raise TemplateError(f"过滤器 {name} 需要{expects}，实际为「{str(value)[:40]}」") from None
        return apply(argument, *args)

    run.__name__ = name
    return run


_DATE = "日期（如 2025-09-01、2025年9月）"
FILTERS: dict[str, Callable[..., Any]] = {f.__name__: f for f in (
    _filter("date", _DATE, _date, lambda d, style="arabic": d.format("day", _style(style))),
    _filter("ym", _DATE, _date, lambda d, style="arabic": d.format("month", _style(style))),
    _filter("year", _DATE, _date, lambda d, style="arabic": d.format("year", _style(style))),
    _filter("cn_date", _DATE, _date, lambda d: d.format("day", "chinese")),
    _filter("cn_ym", _DATE, _date, lambda d: d.format("month", "chinese")),
    _filter("semester", _DATE, _date, lambda d: semester_of(d.date) or Blank(d.field, d.blank)),
    _filter("school_year", "学年（如 2025-2026）或日期", _school_year,
            lambda year: year if isinstance(year, Blank) else str(year)),
    _filter("cn", "整数", _whole, chinese_count),
    _filter("circled", "整数", _whole, _circled),
    _filter("doc_number", "文号", lambda value: value,
            lambda value: normalize_doc_number(str(value)) if value else value),
)}
