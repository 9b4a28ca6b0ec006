import datetime as dt

import pytest
from hypothesis import given, strategies as st

from docgen.pairing.dates import (PartialDate, SchoolYear, format_date, parse_date, parse_school_year,
                          school_year_of, semester_of, term_end)


@pytest.mark.parametrize("text, expected", [
    ("2025-09-01", PartialDate(2025, 9, 1)),
    ("2025-09", PartialDate(2025, 9)),
    ("2025", PartialDate(2025)),
    (2025, PartialDate(2025)),
    ("2025年9月1日", PartialDate(2025, 9, 1)),
    ("2025年9月1号", PartialDate(2025, 9, 1)),
    ("2025年9月", PartialDate(2025, 9)),
    ("2025年", PartialDate(2025)),
    ("2025/9/1", PartialDate(2025, 9, 1)),
    ("2025.9", PartialDate(2025, 9)),
    ("2025.10", PartialDate(2025, 10)),
    ("2025.9.1", PartialDate(2025, 9, 1)),
    ("20250901", PartialDate(2025, 9, 1)),
    ("２０２５年９月", PartialDate(2025, 9)),
    (" 2025 年 9 月 1 日 ", PartialDate(2025, 9, 1)),
    ("二〇二五年九月一日", PartialDate(2025, 9, 1)),
    ("二〇二五年十二月三十一日", PartialDate(2025, 12, 31)),
    (dt.date(2025, 9, 1), PartialDate(2025, 9, 1)),
    (dt.datetime(2025, 9, 1, 8, 30), PartialDate(2025, 9, 1)),
])
def test_parse_date_accepts_the_forms_users_type(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2025-13", "2025-02-30", "2025-00", "9月1日", "明年",
                                  "", "2025-9-1-1", "12345", True, 2025.9, None, "2023-02-29"])
def test_parse_date_rejects_what_is_not_a_date(text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_leap_day_is_a_date():
    assert parse_date("2024-02-29") == PartialDate(2024, 2, 29)


@pytest.mark.parametrize("date, precision, expected", [
    (PartialDate(2025, 9, 1), "day", "2025年9月1日"),
    (PartialDate(2025, 9), "day", "2025年9月____日"),
    (PartialDate(2025), "day", "2025年____月____日"),
    (PartialDate(), "day", "____年____月____日"),
    (PartialDate(2025, 9, 1), "month", "2025年9月"),
    (PartialDate(2025), "month", "2025年____月"),
    (PartialDate(), "month", "____年____月"),
    (PartialDate(2025, 9), "year", "2025年"),
])
def test_format_date_shows_only_missing_parts_as_blanks(date, precision, expected):
    assert format_date(date, precision) == expected


@pytest.mark.parametrize("date, expected", [
    (PartialDate(2025, 9, 1), "二〇二五年九月一日"),
    (PartialDate(2000, 10, 10), "二〇〇〇年十月十日"),
    (PartialDate(2007, 12, 12), "二〇〇七年十二月十二日"),
    (PartialDate(2030, 1, 31), "二〇三〇年一月三十一日"),
    (PartialDate(2025), "二〇二五年____月____日"),
])
def test_chinese_style_writes_zero_as_ling_circle(date, expected):
    text = format_date(date, "day", "chinese")
    assert text == expected
    assert "零" not in text


def test_custom_blank_string():
    assert format_date(PartialDate(2025), "month", blank="＿＿") == "2025年＿＿月"


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31)))
def test_every_date_survives_format_and_parse_in_both_styles(date):
    partial = PartialDate(date.year, date.month, date.day)
    for style in ("arabic", "chinese"):
        assert parse_date(format_date(partial, "day", style)) == partial
    assert parse_date(partial.isoformat()) == partial


@pytest.mark.parametrize("start, years, end", [
    (PartialDate(2025, 9), 3, PartialDate(2028, 8)),
    (PartialDate(2025, 9, 1), 3, PartialDate(2028, 8)),
    (PartialDate(2025, 1), 1, PartialDate(2025, 12)),
    (PartialDate(2008), 3, PartialDate(2011)),
    (PartialDate(), 3, PartialDate()),
])
def test_term_end_is_derived(start, years, end):
    assert term_end(start, years) == end


@pytest.mark.parametrize("text", ["2025-2026", "2025—2026学年", "2025-26", "2025", 2025,
                                  "2025－2026学年度", "2025~2026"])
def test_school_year_parses_and_prints_with_em_dash(text):
    year = parse_school_year(text)
    assert year == SchoolYear(2025)
    assert str(year) == "2025—2026学年"


@pytest.mark.parametrize("text", ["2025-2027", "学年", "2025-2024", "abcd"])
def test_school_year_rejects_bad_spans(text):
    with pytest.raises(ValueError):
        parse_school_year(text)


@pytest.mark.parametrize("month, semester, start", [
    (9, "第一学期", 2025), (12, "第一学期", 2025), (1, "第一学期", 2025),
    (2, "第二学期", 2025), (7, "第二学期", 2025)])
def test_semester_and_school_year_of_a_month(month, semester, start):
    year = 2025 if month >= 9 else 2026
    date = PartialDate(year, month)
    assert semester_of(date) == semester
    assert school_year_of(date) == SchoolYear(start)
    assert SchoolYear(start).contains(date)


def test_school_year_of_unknown_month_is_none():
    assert school_year_of(PartialDate(2025)) is None
    assert semester_of(PartialDate(2025)) is None
