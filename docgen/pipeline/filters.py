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

import functools
from typing import Any, Callable

from ..errors import TemplateError
from ..pairing.dates import (DateValue, PartialDate, parse_date, parse_school_year,
                             school_year_of, semester_of)
from ..pairing.numerals import chinese_count
from ..pairing.text import normalize_doc_number
from ..pairing.values import Blank


def _as_date_value(value: Any) -> DateValue | Blank:
    if isinstance(value, DateValue):
        return value
    if isinstance(value, Blank):
        return value
    if isinstance(value, PartialDate):
        return DateValue(value, "?")
    return DateValue(parse_date(value), "?")


def _date_filter(precision: str) -> Callable[..., str]:
    def apply(value: Any, style: str = "arabic") -> str:
        value = _as_date_value(value)
        if isinstance(value, Blank):
            return value
        return value.format(precision, "chinese" if style in ("chinese", "cn", "中文") else "arabic")
    return apply


def cn(value: Any) -> str:
    """A whole number as a Chinese count: 4 → 四."""
    if isinstance(value, Blank):
        return value
    return chinese_count(_whole(value))


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


def school_year(value: Any) -> str:
    if isinstance(value, Blank):
        return value
    if isinstance(value, (DateValue, PartialDate)):
        date = value.date if isinstance(value, DateValue) else value
        year = school_year_of(date)
        return str(year) if year else Blank(getattr(value, "field", "?"))
    return str(parse_school_year(value))


def semester(value: Any) -> str:
    value = _as_date_value(value)
    if isinstance(value, Blank):
        return value
    return semester_of(value.date) or Blank(value.field, value.blank)


def doc_number(value: Any) -> str:
    if isinstance(value, Blank) or not value:
        return value
    return normalize_doc_number(str(value))


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def circled(value: Any) -> str:
    """1 → ①, as the seeds number 具体措施; beyond 20, (21)."""
    n = _whole(value)
    return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else f"({n})"


def _checked(name: str, expects: str, apply: Callable[..., Any]) -> Callable[..., Any]:
    """The filter ``apply``, failing on a value it cannot take with a Chinese message that
    names the filter and the value (the render stage adds the paragraph)."""

    @functools.wraps(apply)
    def checked(value: Any, *args: Any) -> Any:
        try:
            return apply(value, *args)
        except (ValueError, TypeError, OverflowError):
            shown = str(value)[:40]
            raise TemplateError(f"过滤器 {name} 需要{expects}，实际为「{shown}」") from None

    return checked


_DATE = "日期（如 2025-09-01、2025年9月）"
FILTERS: dict[str, Callable[..., Any]] = {
    name: _checked(name, expects, apply) for name, expects, apply in (
        ("circled", "正整数", circled),
        ("date", _DATE, _date_filter("day")),
        ("ym", _DATE, _date_filter("month")),
        ("year", _DATE, _date_filter("year")),
        ("cn_date", _DATE, lambda value: _date_filter("day")(value, "chinese")),
        ("cn_ym", _DATE, lambda value: _date_filter("month")(value, "chinese")),
        ("cn", "整数", cn),
        ("school_year", "学年（如 2025-2026）", school_year),
        ("semester", _DATE, semester),
        ("doc_number", "文号", doc_number),
    )}
