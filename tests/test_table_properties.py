"""Property tests of table reading: whatever a sheet puts around the table (titles above,
notes below, columns docgen does not know, empty rows), the header is found, each known
column fills its field and each pair keeps its values; numbers show as the sheet shows them."""

from __future__ import annotations

import io
import string

import openpyxl
from hypothesis import HealthCheck, given, settings, strategies as st

from docgen.pipeline.grid import shown_number
from docgen.pipeline.load import Source
from docgen.pipeline.roster import Roster, preferred_headers

# Roster columns holding text, and headers offices add that no field claims.
TEXT_COLUMNS = [(path, header) for path, header in preferred_headers()
                if path in ("id", "authority", "supporter.name", "supporter.representative",
                            "supporter.contact", "supported.name", "supported.representative",
                            "supported.contact")]
EXTRA_COLUMNS = ["序号", "备注", "校长身份证号", "学籍号", "所在乡镇", "是否为薄弱校"]
TITLES = ["2026年××县城乡学校结对帮扶名单", "填报单位（盖章）：××县教育局", "附件2"]
NOTES = ["注：本表由各校填写", "填表人：王芳", "审核人：李强　　填表日期：2026年9月1日"]

names = st.text(alphabet="城乡实验中心小学初级镇村第一二三", min_size=2, max_size=10)


@st.composite
def rosters(draw):
    known = draw(st.lists(st.sampled_from(TEXT_COLUMNS), min_size=2, max_size=len(TEXT_COLUMNS),
                         unique=True))
    extra = draw(st.lists(st.sampled_from(EXTRA_COLUMNS), max_size=3, unique=True))
    columns = draw(st.permutations([("known", c) for c in known] + [("extra", c) for c in extra]))
    titles = draw(st.lists(st.sampled_from(TITLES), max_size=2, unique=True))
    notes = draw(st.lists(st.sampled_from(NOTES), max_size=2, unique=True))
    pairs = draw(st.lists(st.lists(names, min_size=len(columns), max_size=len(columns)),
                          min_size=1, max_size=6))
    empty_after = draw(st.sets(st.integers(0, len(pairs) - 1), max_size=2))
    return columns, titles, notes, pairs, empty_after


def _workbook(columns, titles, notes, pairs, empty_after) -> tuple[bytes, list[int]]:
    book = openpyxl.Workbook()
    sheet = book.active
    width = len(columns)
    row = 1
    for title in titles:
        sheet.cell(row, 1, title)
        if width > 1:
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        row += 1
    for index, (kind, column) in enumerate(columns, 1):
        sheet.cell(row, index, column[1] if kind == "known" else column)
    row += 1
    data_rows = []
    for i, values in enumerate(pairs):
        for index, value in enumerate(values, 1):
            sheet.cell(row, index, value)
        data_rows.append(row)
        row += 1 + (i in empty_after)
    for note in notes:
        sheet.cell(row, 1, note)
        if width > 1:
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        row += 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), data_rows


def _value_at(data, path):
    for key in path.split("."):
        data = data.get(key, {}) if isinstance(data, dict) else {}
    return data or None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rosters())
def test_the_table_is_found_whatever_surrounds_it(layout):
    columns, titles, notes, pairs, empty_after = layout
    data, data_rows = _workbook(columns, titles, notes, pairs, empty_after)
    roster = Roster(Source("名单.xlsx", data=data))
    assert roster.table.header_rows == (len(titles) + 1,)
    rows = list(roster.rows())
    assert [r.number for r in rows] == data_rows
    for row, values in zip(rows, pairs):
        for (kind, column), value in zip(columns, values):
            if kind == "known":
                assert _value_at(row.data, column[0]) == value
    unused = {c.header for c in roster.table.unused}
    assert unused == {column for kind, column in columns if kind == "extra"}


@given(st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False))
def test_a_general_number_shows_as_the_number_itself(value):
    """As Excel shows it: the number to 15 significant digits (all Excel keeps of what is typed)."""
    cell = shown_number(value, "General")
    assert float(cell.shown) == float(f"{value:.15g}") and cell.general


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False),
       st.integers(0, 4))
def test_a_fixed_format_shows_its_decimal_places(value, places):
    fmt = "0" + ("." + "0" * places if places else "")
    cell = shown_number(value, fmt)
    assert cell.shown == f"{value:.{places}f}" and not cell.general


def test_a_number_typed_as_a_date_shows_as_typed():
    assert shown_number(2026.9, "General").shown == "2026.9"
    assert shown_number(2026.1, "0.00").shown == "2026.10"
    assert shown_number(2026.1, "0.0#").shown == "2026.1"
    assert shown_number(55166719256, "General").shown == "55166719256"
    assert shown_number(55166719256.0, "0").shown == "55166719256"
    assert set(string.digits) >= set(shown_number(1234567.0, "#,##0").shown)
