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

from conftest import DATA, invoke

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


# --------------------------------------------------------------------------- 名单模板.xlsx

def _form(tmp_path):
    from docgen.api import init_samples
    paths = init_samples(tmp_path / "init")
    form = tmp_path / "init" / "名单模板.xlsx"
    assert form in paths
    return form


def test_the_roster_form_reads_back_with_every_column_understood(tmp_path):
    form = _form(tmp_path)
    roster = Roster(form)
    assert roster.notices() == []  # header on row 1, no unused column, nothing skipped
    (row,) = list(roster.rows())
    pairing = validate_pairing(row.data, file=row.file, locate=row.locate)
    assert pairing.supporter.phone == "0519-86600000" and pairing.term.start.isoformat() == "2025-09"
    assert pairing.basis.number == "常教发〔2007〕23号"
    activities = load_activities(pairing.__class__(**{**pairing.__dict__, "id": "CZ-2025-001"}), form)
    assert [a.host for a in activities.summary.activities] == ["supporter"] * 3


def test_the_roster_form_keeps_phones_as_text_and_offers_lists(tmp_path):
    import openpyxl
    book = openpyxl.load_workbook(_form(tmp_path))
    assert book.sheetnames == ["结对名单", "活动记录", "填表说明"]
    roster = book["结对名单"]
    headers = [c.value for c in roster[1]]
    phone = headers.index("甲方电话") + 1
    assert roster.cell(50, phone).number_format == "@"
    lists = {str(v.sqref).split(":")[0][:-1]: v.formula1 for v in roster.data_validations.dataValidation}
    years_letter = openpyxl.utils.get_column_letter(headers.index("年限") + 1)
    assert lists[years_letter] == '"1,2,3,4,5,6,7,8,9,10"'
    log = book["活动记录"]
    types = [v.formula1 for v in log.data_validations.dataValidation]
    assert any("送教示范课" in t and "学生手拉手" in t for t in types)
    notes = "\n".join(str(c.value) for row in book["填表说明"].iter_rows() for c in row if c.value)
    assert "甲方电话" in notes and "--check" in notes


def test_the_roster_form_survives_a_libreoffice_round_trip(tmp_path):
    """What a school does with the form: open it in LibreOffice (or WPS), type a row, save."""
    import subprocess

    from conftest import require_client
    require_client("soffice")
    form = _form(tmp_path)
    out = tmp_path / "lo"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out),
                    str(form)], check=True, capture_output=True, timeout=240)
    roster = Roster(out / form.name)
    (row,) = list(roster.rows())
    pairing = validate_pairing(row.data)
    assert pairing.supporter.phone == "0519-86600000" and pairing.supported.name == "武进区礼嘉中心小学"


# --------------------------------------------------------------------------- batch --check

def test_check_shows_how_each_column_is_understood_and_writes_nothing(tmp_path):
    result = invoke("batch", TABLES / "county-excel.xlsx", "--check")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "列对应：" in out and "B 支援学校 → 甲方学校名称" in out and "C 校长 → 甲方代表" in out
    assert "G 受援学校校长 → 乙方代表" in out and "I 结对时间 → 开始年月" in out
    assert "H 校长身份证号 → 未使用：不认识，不使用（隐藏列）" in out
    assert "已跳过说明行（第13–14行）" in out and "共 8 个结对：8 个可以生成" in out
    assert "已补为 055166719256" in result.stderr and "第11行 「结对时间」" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_check_names_each_problem_with_row_and_column_and_exits_1(tmp_path):
    roster = tmp_path / "名单.csv"
    roster.write_text("序号,支援学校,受援学校,结对时间,帮扶年限\n1,城一,乡一,2026.9,3年\n"
                      "2,城二,乡二,明年,三年\n3,城三,乡三,2026-9,十二年\n", encoding="gbk")
    result = invoke("batch", roster, "--check")
    assert result.exit_code == 1
    assert "第3行 「结对时间」: 无法识别的日期" in result.stderr
    assert "第4行 「帮扶年限」: 年限应在 1 到 10 之间，实际为 12" in result.stderr
    assert "共 3 个结对：1 个可以生成，2 个有问题" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["名单.csv"]


def test_batch_without_output_folder_asks_for_one_in_chinese():
    result = invoke("batch", TABLES / "county-excel.xlsx")
    assert result.exit_code == 2 and "请加 -o 输出文件夹" in result.output


def test_two_columns_for_one_field_are_named(tmp_path):
    roster = tmp_path / "名单.csv"
    roster.write_text("编号,支援学校,甲方学校,受援学校\nA-1,城一,城一,乡一\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        Roster(roster)
    assert "列「甲方学校」与「支援学校」（B列）指同一项" in str(info.value)


def test_a_school_field_before_any_school_column_is_set_aside_with_the_reason(tmp_path):
    roster = tmp_path / "名单.csv"
    roster.write_text("联系人,支援学校,受援学校\n张三,城一,乡一\n", encoding="utf-8")
    table = Roster(roster)
    notices = "\n".join(str(n) for n in table.notices())
    assert "联系人（看不出是哪一方的，请写成「甲方联系人」或「乙方联系人」）" in notices


def test_a_typo_close_to_a_real_header_is_refused_not_ignored(tmp_path):
    roster = tmp_path / "名单.csv"
    roster.write_text("编号,甲方学校,乙方学较\nA-1,城一,乡一\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        Roster(roster)
    assert "未知的列名「乙方学较」，是否应为「乙方学校」？" in str(info.value)


@pytest.mark.parametrize("name, data, message", [
    ("名单.et", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "无法读取这个 .xls 文件"),
    ("名单.et", b"garbage", "WPS 表格文件（.et）"),
    ("名单.xlsx", b"garbage", "不是有效的 Excel（.xlsx）文件"),
    ("名单.csv", (TABLES / "county-excel.xlsx").read_bytes(), "请把扩展名改为 .xlsx"),
])
def test_files_that_are_not_what_their_name_says_get_a_chinese_message(name, data, message):
    from docgen.pipeline.load import Source
    with pytest.raises(InputError) as info:
        Roster(Source(name, data=data))
    assert message in str(info.value)


def test_a_renamed_xls_is_read_as_what_it_is():
    from docgen.pipeline.load import Source
    roster = Roster(Source("名单.xlsx", data=(TABLES / "county-excel.xls").read_bytes()))
    assert len(list(roster.rows())) == len(EXPECTED["county-excel.xls"]["pairs"])


# --------------------------------------------------------------------------- --group

def test_group_makes_one_agreement_per_supporter_from_merged_rows(tmp_path):
    """Rows 4–6 of the county roster share 青山县实验小学 (merged cells): one agreement
    naming 乙方一、乙方二、乙方三; plans and summaries stay one per row."""
    result = run_batch(TABLES / "county-excel.xlsx", tmp_path / "out", group=True,
                       kinds=["agreement", "plan"])
    assert result.failed == 0
    agreements = [r for r in result.rows if r.kind == "agreement"]
    assert len(agreements) == 6  # 8 rows, three of them one agreement
    grouped = document_text(tmp_path / "out" / agreements[0].path)
    assert "乙方一：青山县东湖乡中心小学" in grouped and "乙方三：青山县高岭镇中心小学" in grouped
    assert agreements[0].path.split("/")[0].endswith("青山县东湖乡中心小学等3校")
    assert len([r for r in result.rows if r.kind == "plan"]) == 8


def test_group_refuses_rows_that_differ_in_more_than_the_supported_school(tmp_path):
    roster = tmp_path / "名单.csv"
    roster.write_text("支援学校,受援学校,结对时间\n城一,乡一,2026年9月\n城一,乡二,2026.9\n"
                      "城一,乡三,2027.3\n", encoding="utf-8")
    result = run_batch(roster, tmp_path / "out", group=True, kinds=["agreement"])
    (row,) = result.rows
    assert row.status == "error" and "「帮扶期限」各行不同（第2、3、4行）" in row.message


def test_a_date_cell_formatted_as_a_month_means_the_month(tmp_path):
    import datetime as dt
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["甲方学校", "乙方学校", "开始年月", "签订日期"])
    sheet.append(["城一", "乡一", dt.datetime(2026, 9, 1), dt.datetime(2026, 9, 1)])
    sheet["C2"].number_format = 'yyyy"年"m"月"'
    sheet["D2"].number_format = "yyyy/m/d"
    book.save(tmp_path / "r.xlsx")
    (row,) = list(Roster(tmp_path / "r.xlsx").rows())
    pairing = validate_pairing(row.data)
    assert pairing.term.start.isoformat() == "2026-09" and pairing.signed_on.isoformat() == "2026-09-01"
