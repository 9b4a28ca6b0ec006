"""名单模板.xlsx: the roster a bureau sends to its schools, made from the schema.

Its columns are the roster's headers (:func:`~.roster.preferred_headers`), its example row
is the sample pairing's values, and it is laid out so that what offices type survives
Excel: phone, 编号 and date columns are text (a leading 0 and 2026.10 stay as typed),
年限 and 份数 are drop-down lists, and the activity sheet's 类型 and 承办方 are lists of
the accepted words. A 填表说明 sheet, after the roster, explains each column.
"""

from __future__ import annotations

import io
from typing import Any

from ..kinds import PAIRING_SPEC
from ..kinds.activities import ACTIVITY_TYPES
from ..pairing.model import SIDES, side_name
from ..pairing.schema import Spec
from .activity_sheet import ACTIVITY_SHEET
from .keys import canonical_keys
from .load import as_source, load_mapping
from .roster import ROSTER_SHEET, preferred_headers

FORM_NAME = "名单模板.xlsx"
FORM_ROWS = 300          # rows prepared with formats and drop-down lists
_TEXT_KINDS = ("text", "doc_number", "phone", "date", "school_year")
_ACTIVITY_COLUMNS = ("date", "type", "title", "host", "teachers", "lessons", "participants",
                     "subjects", "donation.books", "donation.computers", "donation.funds", "note")


def _spec_at(spec: Spec, path: str) -> Spec:
    for key in path.split("."):
        spec = spec.child(key)
    return spec


def _value_at(data: Any, path: str) -> Any:
    for key in path.split("."):
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _example(sample: Any, path: str, spec: Spec) -> Any:
    value = _value_at(sample, path)
    if isinstance(value, list):
        return "、".join(map(str, value)) if spec.kind == "names" else "\n".join(map(str, value))
    return value


def roster_form(sample_pairing: Any, sample_activities: list[dict[str, Any]]) -> bytes:
    """The workbook's bytes. ``sample_pairing`` (a pairing mapping) gives the example row;
    ``sample_activities`` the example rows of the activity sheet."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    sample = canonical_keys(sample_pairing, PAIRING_SPEC)
    book = openpyxl.Workbook()
    roster = book.active
    roster.title = ROSTER_SHEET
    columns = [(path, header, _spec_at(PAIRING_SPEC, path)) for path, header in preferred_headers()]
    columns = [c for c in columns if c[2].kind != "image"]  # picture files stay on one computer
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for index, (path, header, spec) in enumerate(columns, 1):
        letter = get_column_letter(index)
        cell = roster.cell(1, index, header)
        cell.font, cell.fill = bold, fill
        example = _example(sample, path, spec)
        roster.cell(2, index, None if example is None else str(example))
        roster.column_dimensions[letter].width = max(10, min(30, len(header) * 2 + 4))
        if spec.kind in _TEXT_KINDS:
            for row in range(2, FORM_ROWS + 2):
                roster.cell(row, index).number_format = "@"
        if spec.kind == "int":
            choices = ",".join(str(n) for n in range(int(spec.minimum or 1),
                                                       int(min(spec.maximum or 10, 10)) + 1))
            _add_list(roster, DataValidation, letter, choices, header)
    roster.freeze_panes = "A2"

    log = book.create_sheet(ACTIVITY_SHEET)
    spec = PAIRING_SPEC.child("summary").child("activities")
    log_columns = [("id", PAIRING_SPEC.child("id"))] + [(p, _spec_at(spec, p)) for p in _ACTIVITY_COLUMNS]
    for index, (path, field) in enumerate(log_columns, 1):
        letter = get_column_letter(index)
        header = field.label if "." not in path else field.names[1]
        header = f"{header}（{field.unit}）" if field.unit and field.unit not in header else header
        cell = log.cell(1, index, header)
        cell.font, cell.fill = bold, fill
        log.column_dimensions[letter].width = max(10, len(header) * 2 + 4)
        for row, activity in enumerate(sample_activities, 2):
            value = sample.get("id") if path == "id" else _example(activity, path, field)
            if field.kind == "side" and value in SIDES:
                value = side_name(value)
            if value is not None:
                log.cell(row, index, str(value) if field.kind in _TEXT_KINDS else value)
        if field.kind in _TEXT_KINDS:
            for row in range(2, FORM_ROWS + 2):
                log.cell(row, index).number_format = "@"
        if path == "type":
            _add_list(log, DataValidation, letter, ",".join(ACTIVITY_TYPES), header)
        if path == "host":
            _add_list(log, DataValidation, letter, ",".join(words[0] for words in SIDES.values()),
                      header, strict=False)
    log.freeze_panes = "A2"

    notes = book.create_sheet("填表说明")
    notes.column_dimensions["A"].width = 18
    notes.column_dimensions["B"].width = 80
    notes.append(["填表说明"])
    notes["A1"].font = Font(bold=True, size=14)
    for line in _GENERAL_NOTES:
        notes.append(["", line])
    notes.append([])
    notes.append(["列名", "填写要求"])
    for cell in notes[notes.max_row]:
        cell.font = bold
    for _, header, spec in columns:
        notes.append([header, _column_note(spec)])
    for row in notes.iter_rows(min_row=2):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


_GENERAL_NOTES = (
    f"1. 「{ROSTER_SHEET}」表每行一个结对；第2行是示例，填写时改成本校的内容或删去。",
    "2. 同一所城区学校与几所农村学校结对时，每所农村学校占一行，城区学校的信息每行都写（合并单元格也可以）。",
    "3. 电话、编号、日期各列已设为“文本”格式，座机号开头的 0 和 2026.10 这样的写法不会丢失；请不要改回“常规”。",
    "4. 日期写 2026-09、2026年9月 或 2026.9 均可；年限、份数请从下拉列表中选择。",
    f"5. 「{ACTIVITY_SHEET}」表每行一次活动，用“编号”列对应到结对；活动类型请从下拉列表中选择。",
    "6. 不用的列可以删去，也可以加“序号”“备注”等列，docgen 会跳过不认识的列并列出它们。",
    "7. 填好后可先运行 docgen batch 名单.xlsx --check 检查，再生成文书。",
)


def _column_note(spec: Spec) -> str:
    parts = [spec.label]
    if spec.kind == "date":
        parts.append("日期，如 2026-09 或 2026年9月")
    elif spec.kind == "int":
        parts.append(f"{spec.minimum}–{spec.maximum} 的整数" +
                     (f"，不填为 {spec.default}" if spec.default is not None else ""))
    elif spec.kind == "phone":
        parts.append("座机请带区号")
    if spec.help and spec.help not in parts:
        parts.append(spec.help)
    return "；".join(parts)


def _add_list(sheet: Any, validation_class: Any, letter: str, choices: str, header: str,
              strict: bool = True) -> None:
    check = validation_class(type="list", formula1=f'"{choices}"', allow_blank=True,
                             showErrorMessage=strict, errorTitle=header,
                             error=f"请从下拉列表中选择{header}")
    check.add(f"{letter}2:{letter}{FORM_ROWS + 1}")
    sheet.add_data_validation(check)


def sample_roster_form(pairing_file: Any, activities_file: Any | None = None) -> bytes:
    """名单模板.xlsx with the example row of a sample pairing file (and its activities)."""
    sample = load_mapping(as_source(pairing_file))
    canonical = canonical_keys(sample, PAIRING_SPEC)
    activities = _value_at(canonical, "summary.activities") or []
    return roster_form(sample, [a for a in activities if isinstance(a, dict)][:3])
