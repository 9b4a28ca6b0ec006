"""Rosters and activity sheets as offices make them (tests/data/tables, see its README).

Every file there was made the way Excel, WPS or LibreOffice save them — openpyxl styled as
Excel, LibreOffice round trips to .xlsx and .xls, CSV as Excel and WPS export — and
expected.json holds what a right document must show for each row.
"""

from __future__ import annotations

import json

import pytest

from docgen.api import load_activities, run_batch
from docgen.errors import InputError
from docgen.ooxml.text import document_text
from docgen.pipeline.roster import Roster
from docgen.pipeline.validate import validate_pairing

from conftest import DATA

TABLES = DATA / "tables"
EXPECTED = json.loads((TABLES / "expected.json").read_text("utf-8"))["files"]
ROSTERS = [name for name, x in EXPECTED.items() if x["kind"] == "roster" and not name.endswith(".ods")]
ACTIVITIES = [name for name, x in EXPECTED.items() if x["kind"] == "activities"]


def _value(item):
    return item["value"] if isinstance(item, dict) else item


def _pairings(name):
    roster = Roster(TABLES / name)
    return roster, [(row, validate_pairing(row.data, file=row.file, locate=row.locate))
                    for row in roster.rows()]


@pytest.mark.parametrize("name", ROSTERS)
def test_every_pair_of_a_real_roster_is_read_right(name):
    expected = EXPECTED[name]
    _, pairs = _pairings(name)
    assert [row.number for row, _ in pairs] == [p["row"] for p in expected["pairs"]]
    for (row, pairing), truth in zip(pairs, expected["pairs"]):
        supporter, supported = truth["supporter"], truth["supported"]
        got = (pairing.supporter.name, pairing.supporter.representative, pairing.supporter.contact,
               pairing.supporter.phone, pairing.supported.name, pairing.supported.representative,
               pairing.term.start.isoformat()[:7], pairing.term.years)
        want = (supporter["name"].strip(), supporter["representative"], supporter.get("contact"),
                _value(supporter.get("phone")), supported["name"], supported["representative"],
                _value(truth["start"]), truth["years"])
        assert got == want, f"row {row.number}"
        if "phone" in supported:
            assert pairing.supported.phone == _value(supported["phone"])
        warnings = "\n".join(str(w) for w in pairing.warnings)
        for side in (supporter, supported):
            phone = side.get("phone")
            if isinstance(phone, dict) and phone.get("restored"):
                assert f"已补为 {phone['value']}" in warnings
        if isinstance(truth["start"], dict) and truth["start"].get("ambiguous"):
            assert "Excel 存成数字时去掉了末尾的 0" in warnings


@pytest.mark.parametrize("name", ROSTERS)
def test_titles_notes_and_unused_columns_are_skipped_and_named(name):
    expected = EXPECTED[name]
    roster = Roster(TABLES / name)
    assert roster.table.header_rows == tuple(expected["header_rows"])
    notices = "\n".join(str(n) for n in roster.notices())
    for column in expected["ignored_columns"]:
        assert column in notices.split("未使用的列：")[1].split("\n")[0]
    skipped = {number for number, _ in roster.table.skipped}
    for item in expected["skipped"]:
        if item["reason"] == "note":
            assert item["row"] in skipped, item
    if expected.get("hidden_columns") and not name.endswith(".csv"):
        assert "校长身份证号（隐藏列）" in notices


def test_a_county_roster_gives_every_agreement_without_hand_editing(tmp_path):
    result = run_batch(TABLES / "county-excel.xlsx", tmp_path / "out", kinds=["agreement"])
    assert result.failed == 0 and result.written == len(EXPECTED["county-excel.xlsx"]["pairs"])
    texts = [document_text(tmp_path / "out" / r.path) for r in result.rows]
    assert all("____（学校名）" not in t for t in texts)
    assert "青山县实验小学" in texts[0] and "青山县东湖乡中心小学" in texts[0]
    assert "055166719256" in texts[0] and "55166719256" not in texts[0].replace("055166719256", "")
    notes = "\n".join(result.notes)
    assert "表头在第3行" in notes and "未使用的列：序号、校长身份证号（隐藏列）、备注" in notes
    restored = [r for r in result.rows if "已补为 055166719256" in r.message]
    assert restored, "the restored phone is named in the manifest"


@pytest.mark.parametrize("name, message", [
    ("county-excel.ods", "OpenDocument"),
    ("broken.xlsx", "不是有效的 Excel"),
    ("protected.xlsx", "设置了打开密码"),
    ("protected.xls", "设置了打开密码"),
    ("not-a-roster.xlsx", "找不到表头"),
])
def test_files_that_cannot_be_read_get_a_chinese_message_and_nothing_is_written(tmp_path, name,
                                                                              message):
    with pytest.raises(InputError) as info:
        run_batch(TABLES / name, tmp_path / "out")
    assert message in str(info.value)
    assert not (tmp_path / "out").exists()


def test_a_sheet_without_a_header_shows_its_first_rows_and_what_was_expected(tmp_path):
    with pytest.raises(InputError) as info:
        Roster(TABLES / "not-a-roster.xlsx")
    text = str(info.value)
    assert "第1行：" in text and "姓名" in text and "表头应有这些列名中的几个：编号" in text


@pytest.mark.parametrize("name", ACTIVITIES)
def test_a_schools_own_activity_sheet_is_read_right(name):
    expected = EXPECTED[name]
    pairs = expected.get("pairs") or {None: expected["pair"]}
    for pair_id, schools in pairs.items():
        pairing = validate_pairing({"id": pair_id, "supporter": {"name": schools["supporter"]},
                                    "supported": {"name": schools["supported"]}})
        pairing = load_activities(pairing, TABLES / name)
        want = [a for a in expected["activities"] if pair_id is None or a["id"] == pair_id]
        got = [(a.type, a.date.isoformat(), a.host, a.teachers, a.lessons, a.participants,
                a.donation.books) for a in pairing.summary.activities]
        assert got == [(a["type"], a["date"], a["host_side"], a["teachers"], a["lessons"],
                        a["participants"], a["books"]) for a in want]
        warnings = "\n".join(str(w) for w in pairing.warnings)
        for a in want:
            if a["type_written"] != a["type"]:
                assert f"「{a['type_written']}」按「{a['type']}」处理" in warnings
        assert "表头在第2行" in warnings
