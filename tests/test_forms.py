"""Blanks in any document: the seeds' shapes, labels, filling with formatting kept,
content controls, and the bad input of users' own files."""

import io
import json
import os

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt

from docgen.tools.shapes import find_blanks
from docgen.ooxml.text import document_text
from docgen.tools.blanks import scan_docx, scan_text
from docgen.tools.fill import fill_docx

from conftest import DATA, SEEDS, from_shared, needs_shared, invoke

GOLDEN = DATA / "golden" / "blanks"
SEED_FILES = sorted(SEEDS.glob("0*.txt"))
SEED_PARAMS = from_shared(SEED_FILES)
# Counted by hand once against the seeds (see tests/data/golden/blanks/*.jsonl for each).
SEED_COUNTS = {"000": 15, "001": 108, "002": 11, "003": 22, "004": 10}


@pytest.mark.parametrize("seed", SEED_PARAMS, ids=lambda p: p.name[:3])
def test_seed_blanks_match_golden(seed):
    scan = scan_text(seed.read_text(encoding="utf-8"))
    got = [[b.where, b.shape, b.label, b.text] for b in scan.blanks]
    path = GOLDEN / f"{seed.name[:3]}.jsonl"   # one blank a line: where, shape, label, text
    if os.environ.get("DOCGEN_UPDATE_GOLDEN"):
        path.write_text("".join(json.dumps(b, ensure_ascii=False) + "\n" for b in got), "utf-8")
    expected = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert got == expected
    assert len(got) == SEED_COUNTS[seed.name[:3]]


def seed_as_docx(seed) -> bytes:
    doc = Document()
    for line in seed.read_text(encoding="utf-8").splitlines():
        doc.add_paragraph(line)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("seed", SEED_PARAMS, ids=lambda p: p.name[:3])
def test_seed_blanks_are_the_same_in_a_docx(seed):
    text_scan = scan_text(seed.read_text(encoding="utf-8"))
    docx_scan = scan_docx(seed_as_docx(seed))
    assert [(b.label, b.shape, b.text) for b in docx_scan.blanks] == \
        [(b.label, b.shape, b.text) for b in text_scan.blanks]
    assert all(b.where.startswith("正文第") for b in docx_scan.blanks)


@needs_shared
def test_seed_001_has_108_underscore_blanks():
    seed = next(p for p in SEED_FILES if p.name.startswith("001"))
    scan = scan_text(seed.read_text(encoding="utf-8"))
    assert sum(1 for b in scan.blanks if b.shape == "underline") == 108


@pytest.mark.parametrize("text, expected", [
    ("____年____月", [("underline", "年"), ("underline", "月")]),
    ("＿＿＿位教师", [("underline", "人数")]),
    ("上了____节示范课", [("underline", "节数")]),
    ("____多册图书", [("underline", "空白")]),
    ("**市八一小学", [("stars", "市")]),
    ("***校长", [("stars", "空白")]),
    ("xx-x班", [("xx", "班级")]),
    ("20xx-20__学年", [("year", "年"), ("year", "年")]),
    ("20**年秋季", [("year", "年")]),
    ("2008年 月 日", [("date_space", "月"), ("date_space", "日")]),
    ("甲方: 乙方: 代表: 代表:", [("colon", "甲方"), ("colon", "乙方"), ("colon", "代表"), ("colon", "代表")]),
    ("组长：", [("colon", "组长")]),
    ("具体措施：", []),
    ("Max 2xx", []),
    ("正常的句子，没有空白。", []),
])
def test_blank_shapes_and_labels(text, expected):
    assert [(b.shape, b.label) for b in find_blanks(text)] == expected


# --------------------------------------------------------------------------- docx specifics

def form_document():
    doc = Document()
    p = doc.add_paragraph()
    label = p.add_run("甲方：")
    label.bold = True
    blank = p.add_run("______")
    blank.font.size = Pt(14)
    blank.font.name = "仿宋"
    p.add_run("（城市学校）")
    doc.add_paragraph("自2025年 月至2028年 月，共上示范课____节。")
    p = doc.add_paragraph("签名：")
    line = p.add_run("\u3000\u3000\u3000\u3000")
    line.underline = True
    table = doc.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "姓名"
    doc.sections[0].header.paragraphs[0].text = "编号：____"
    body = doc.element.body
    w14 = 'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
    controls = [
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="学校名称"/><w:tag w:val="school"/>'
        f'<w:showingPlcHdr/><w:text/></w:sdtPr><w:sdtContent><w:p><w:r><w:rPr><w:rStyle w:val="PlaceholderText"/>'
        f'</w:rPr><w:t>单击此处输入文字</w:t></w:r></w:p></w:sdtContent></w:sdt>',
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:tag w:val="note"/></w:sdtPr><w:sdtContent><w:p><w:r>'
        f'<w:t>富文本</w:t></w:r></w:p></w:sdtContent></w:sdt>',
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:tag w:val="signed"/><w:date w:fullDate="2000-01-01T00:00:00Z">'
        f'<w:dateFormat w:val="yyyy年M月d日"/></w:date></w:sdtPr><w:sdtContent><w:p><w:r><w:t>选择日期</w:t>'
        f'</w:r></w:p></w:sdtContent></w:sdt>',
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:tag w:val="category"/><w:dropDownList>'
        f'<w:listItem w:displayText="城市学校" w:value="city"/><w:listItem w:displayText="农村学校" w:value="rural"/>'
        f'</w:dropDownList></w:sdtPr><w:sdtContent><w:p><w:r><w:t>选择一项</w:t></w:r></w:p></w:sdtContent></w:sdt>',
        f'<w:sdt {nsdecls("w")} {w14}><w:sdtPr><w:tag w:val="agree"/><w14:checkbox><w14:checked w14:val="0"/>'
        f'</w14:checkbox></w:sdtPr><w:sdtContent><w:p><w:r><w:t>☐</w:t></w:r></w:p></w:sdtContent></w:sdt>',
    ]
    for i, xml in enumerate(controls):
        body.insert(i, parse_xml(xml))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def test_docx_blanks_with_places_and_word_only_shapes():
    scan = scan_docx(form_document())
    listed = [(b.where, b.shape, b.label) for b in scan.blanks]
    assert ("正文第6段", "underline", "甲方") in listed
    assert ("正文第7段", "date_space", "月") in listed
    assert ("正文第7段", "underline", "节数") in listed
    assert ("正文第8段", "underlined_space", "签名") in listed
    assert ("正文表格1第1行第2列", "empty_cell", "姓名") in listed
    assert any(b.where.startswith("页眉") and b.label == "编号" for b in scan.blanks)
    assert [(c.tag, c.kind) for c in scan.controls] == [
        ("school", "text"), ("note", "richtext"), ("signed", "date"), ("category", "dropdown"),
        ("agree", "checkbox")]
    assert scan.controls[3].choices == ["城市学校", "农村学校"]


def test_fill_by_label_and_number_keeps_formatting():
    data = form_document()
    scan = scan_docx(data)
    number = next(b.number for b in scan.blanks if b.label == "节数")
    values = {"甲方": "常州市实验小学", "月": [9, 8], str(number): 12, "姓名": "李敏", "签名": "王强",
              "编号": "CZ-1"}
    result = fill_docx(data, values)
    text = document_text(result.data)
    assert "甲方：常州市实验小学（城市学校）" in text
    assert "自2025年9月至2028年8月，共上示范课12节。" in text
    assert "姓名 | 李敏" in text
    assert not result.unmatched
    doc = Document(io.BytesIO(result.data))
    runs = doc.paragraphs[0].runs  # python-docx does not count the controls' paragraphs
    filled = next(r for r in runs if "常州市实验小学" in r.text)
    assert filled.font.size == Pt(14) and filled.font.name == "仿宋"   # the blank's run
    assert runs[0].bold and runs[0].text == "甲方："
    assert "签名：王强" in doc.paragraphs[2].text
    assert [b.label for b in result.remaining] == []


def test_fill_underline_puts_the_value_in_its_own_underlined_run():
    result = fill_docx(form_document(), {"甲方": "常州市实验小学"}, underline=True)
    doc = Document(io.BytesIO(result.data))
    runs = doc.paragraphs[0].runs
    value = next(r for r in runs if r.text == "常州市实验小学")
    assert value.underline and value.font.size == Pt(14)
    assert doc.paragraphs[0].text == "甲方：常州市实验小学（城市学校）"


def test_fill_content_controls_of_each_type():
    result = fill_docx(form_document(), {"学校名称": "常州市实验小学", "note": "备注文字",
                                          "signed": "2025-09-01", "category": "农村学校", "agree": "是"})
    assert not result.problems and not result.unmatched
    body = Document(io.BytesIO(result.data)).element.body.xml
    text = document_text(result.data)
    for value in ("常州市实验小学", "备注文字", "2025-09-01", "农村学校", "☒"):
        assert value in text
    assert "单击此处输入文字" not in text and "showingPlcHdr" not in body
    assert 'w:fullDate="2025-09-01T00:00:00Z"' in body
    assert 'w14:val="1"' in body


def test_dropdown_value_must_be_a_choice():
    result = fill_docx(form_document(), {"category": "郊区学校"})
    assert result.problems and "不是下拉列表的选项" in str(result.problems[0])


def test_cli_blanks_and_fill(tmp_path):
    doc = tmp_path / "表.docx"
    doc.write_bytes(form_document())
    listed = invoke("blanks", doc)
    assert listed.exit_code == 0 and "〔甲方〕" in listed.output and "控件  school" in listed.output
    as_json = json.loads(invoke("blanks", doc, "--json").output)
    assert as_json["blanks"][0]["number"] == 1 and as_json["controls"][0]["tag"] == "school"
    (tmp_path / "v.yaml").write_text("甲方: 常州市实验小学\n月: [9, 8]\n不存在的标签: x\n", "utf-8")
    result = invoke("fill", doc, "-i", tmp_path / "v.yaml", "-o", tmp_path / "out.docx")
    assert result.exit_code == 0
    assert "已填写 3 处" in result.output and "还剩" in result.output
    assert "「不存在的标签」没有对应的空白" in result.stderr


def test_cli_fill_txt(tmp_path):
    (tmp_path / "a.txt").write_text("甲方:\n2008年 月 日\n", "utf-8")
    (tmp_path / "v.yaml").write_text("甲方: 甲校\n月: 9\n日: 1\n", "utf-8")
    result = invoke("fill", tmp_path / "a.txt", "-i", tmp_path / "v.yaml", "-o", tmp_path / "b.txt")
    assert result.exit_code == 0
    assert (tmp_path / "b.txt").read_text("utf-8") == "甲方:甲校\n2008年9月1日\n"


@pytest.mark.parametrize("encoding", ["gbk", "utf-16"])
def test_text_in_gbk_or_utf16_is_detected(tmp_path, encoding):
    (tmp_path / "a.txt").write_bytes("____年____月，甲方:\n".encode(encoding))
    result = invoke("blanks", tmp_path / "a.txt")
    assert result.exit_code == 0 and "共 3 处空白" in result.output


@pytest.mark.parametrize("name, content, message", [
    ("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "另存为"),
    ("a.docx", b"not a zip at all", "不是有效的 Word"),
    ("a.pdf", b"%PDF-1.4", "只能查找"),
])
def test_blanks_bad_files(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    result = invoke("blanks", tmp_path / name)
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.output


def test_password_protected_docx_is_refused(tmp_path):
    # An encrypted Word file is an OLE container, not a zip.
    (tmp_path / "a.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    result = invoke("blanks", tmp_path / "a.docx")
    assert result.exit_code == 2 and "加了密码" in result.stderr


def test_values_file_must_be_a_mapping(tmp_path):
    doc = tmp_path / "表.docx"
    doc.write_bytes(form_document())
    (tmp_path / "v.yaml").write_text("- a\n- b\n", "utf-8")
    result = invoke("fill", doc, "-i", tmp_path / "v.yaml", "-o", tmp_path / "out.docx")
    assert result.exit_code == 2 and "键值表" in result.stderr
    assert not (tmp_path / "out.docx").exists()


# --------------------------------------------------------------------------- one numbering

@pytest.mark.parametrize("line_end", ["\f", "\u2028", "\v", "\x1c", "\x85", "\r", "\r\n"])
def test_blanks_and_fill_number_alike_whatever_ends_a_line(tmp_path, line_end):
    """Every character that ends a line for `docgen blanks` ends it for `docgen fill`: a
    number means the same blank to both, and what fill reports filled is filled."""
    source = tmp_path / "表.txt"
    source.write_text(f"甲方：{line_end}乙方：____\n联系人：\n", encoding="utf-8", newline="")
    listed = json.loads(invoke("blanks", source, "--json").output)["blanks"]
    assert [(b["number"], b["label"]) for b in listed] == [(1, "甲方"), (2, "乙方"), (3, "联系人")]
    values = tmp_path / "值.yaml"
    values.write_text("1: 常州市实验小学\n2: 礼嘉中心小学\n", encoding="utf-8")
    result = invoke("fill", source, "-i", values, "-o", tmp_path / "填好.txt")
    assert result.exit_code == 0 and "已填写 2 处" in result.output
    text = (tmp_path / "填好.txt").read_bytes().decode("utf-8")
    assert text == f"甲方：常州市实验小学{line_end}乙方：礼嘉中心小学\n联系人：\n"
    assert "还剩 1 处空白" in result.output
