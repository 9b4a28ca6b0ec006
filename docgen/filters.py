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

from .blanks import Blank
from .context import DateValue
from .dates import PartialDate, parse_date, parse_school_year, school_year_of, semester_of
from .numerals import chinese_count
from .text import normalize_doc_number


def _as_date_value(value: Any) -> DateValue | Blank:
    if isinstance(value, DateValue):
        return value
    if isinstance(value, Blank):
        return value
    if isinstance(value, PartialDate):
        return DateValue(value, "?")
    try:
        return DateValue(parse_date(value), "?")
    except ValueError:
        raise ValueError(f"不是日期：{value!r}") from None


def _date_filter(precision: str) -> Callable[..., str]:
    def apply(value: Any, style: str = "arabic") -> str:
        value = _as_date_value(value)
        if isinstance(value, Blank):
            return value
        return value.format(precision, "chinese" if style in ("chinese", "cn", "中文") else "arabic")
    return apply


def cn(value: Any) -> str:
    """An integer as a Chinese count: 4 → 四."""
    if isinstance(value, Blank):
        return value
    return chinese_count(int(value))


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
    n = int(value)
    return _CIRCLED[n - 1] if 1 <= n <= len(_CIRCLED) else f"({n})"


FILTERS: dict[str, Callable[..., Any]] = {
    "circled": circled,
    "date": _date_filter("day"),
    "ym": _date_filter("month"),
    "year": _date_filter("year"),
    "cn_date": lambda value: _date_filter("day")(value, "chinese"),
    "cn_ym": lambda value: _date_filter("month")(value, "chinese"),
    "cn": cn,
    "school_year": school_year,
    "semester": semester,
    "doc_number": doc_number,
}
