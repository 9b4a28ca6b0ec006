"""Blanks of forms as schools make them (issue 15, first part): bracket gaps, ×× and 某某
placeholders, a line after a label's colon found once, cells holding a line, cells under a
header, text boxes stored twice, and values that already end with the placeholder's word."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt

from docgen.ooxml.package import read_part
from docgen.ooxml.text import plain_text
from docgen.tools.blanks import scan_docx
from docgen.tools.fill import fill_docx
from docgen.tools.shapes import find_blanks


@pytest.mark.parametrize("text, expected", [
    ("参加人数（　　）人", [("paren", "人数", "\u3000\u3000")]),
    ("共（      ）人", [("paren", "人数", "      ")]),
    ("（＿＿＿）所学校", [("paren", "学校数", "＿＿＿")]),
    ("××××年××月", [("xx", "年", "××××"), ("xx", "月", "××")]),
    ("X年X月X日", [("xx", "年", "X"), ("xx", "月", "X"), ("xx", "日", "X")]),
    ("联系电话：xxxxxxxxxxx", [("xx", "联系电话", "xxxxxxxxxxx")]),
    ("××县实验小学", [("xx", "县", "××")]),
    ("某某学校", [("mou", "学校", "某某")]),
    ("20××学年", [("year", "年", "20××")]),
    ("Xbox 与 X光", []),
    ("意见：□同意 □不同意", [("box", "同意", "□"), ("box", "不同意", "□")]),
    ("学段：☐ 小学　☐ 初中", [("box", "小学", "☐"), ("box", "初中", "☐")]),
    ("☑同意 □不同意", []),  # answered: the other box is no blank
    ("（注：本表一式两份）", []),
])
def test_circulating_shapes(text, expected):
    assert [(b.shape, b.label, b.text) for b in find_blanks(text)] == expected


def _save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def registration_form() -> bytes:
    document = Document()
    p = document.add_paragraph()
    p.add_run("甲方（盖章）：")
    line = p.add_run("\u3000" * 8)
    line.underline = True
    document.add_paragraph("XX学校教师（　　）人参加，时间××××年××月。")
    table = document.add_table(rows=3, cols=4)
    for column, header in enumerate(("姓名", "学科", "教龄", "联系电话")):
        run = table.rows[0].cells[column].paragraphs[0].add_run(header)
        run.bold = True
        run.font.size = Pt(14)
    table.rows[1].cells[0].paragraphs[0].add_run("干志明")
    underlined = table.rows[1].cells[3].paragraphs[0].add_run("      ")
    underlined.underline = True
    return _save(document)


def test_a_form_lists_each_blank_once_with_the_label_printed_beside_it():
    listed = [(b.shape, b.label) for b in scan_docx(registration_form()).blanks]
    assert listed[0] == ("underlined_space", "甲方")  # not also 冒号后空
    assert ("paren", "人数") in listed and ("mou", "学校") not in listed
    assert ("xx", "学校") in listed and ("xx", "年") in listed and ("xx", "月") in listed
    # Cells under a header row: 学科、教龄、联系电话 of row 2 (the one holding a line too),
    # and every cell of row 3.
    cells = [label for shape, label in listed if shape == "empty_cell"]
    assert cells == ["学科", "教龄", "联系电话", "姓名", "学科", "教龄", "联系电话"]


def test_filling_the_form_by_printed_labels():
    values = {"甲方": "淮西县实验小学", "学校": "淮西县实验小学", "人数": "12", "年": "2026",
              "月": "9", "联系电话": ["13800000000"], "学科": ["语文"]}
    result = fill_docx(registration_form(), values)
    text = plain_text(result.data)
    assert "甲方（盖章）：淮西县实验小学" in text and "淮西县实验小学淮西县实验小学" not in text
    assert "淮西县实验小学教师（12）人参加，时间2026年9月。" in text  # XX学校: the name once
    assert "13800000000" in text and "语文" in text
    document_xml = read_part(result.data, "word/document.xml").decode()
    # The value in a cell is formatted like the header it belongs to (bold, 14 pt).
    cell = document_xml[document_xml.index("语文") - 300:document_xml.index("语文")]
    assert "<w:b/>" in cell and 'w:sz w:val="28"' in cell
    assert [b.label for b in result.remaining].count("联系电话") == 1  # row 3 still empty


def text_box_form() -> bytes:
    document = Document()
    document.add_paragraph("封面")
    box_paragraph = '<w:p><w:r><w:t xml:space="preserve">编号：____</w:t></w:r></w:p>'
    xml = (
        f'<w:p {nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:r><mc:AlternateContent>'
        '<mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
        f'{box_paragraph}</w:txbxContent></wps:txbx></w:drawing></mc:Choice>'
        '<mc:Fallback><w:pict><v:textbox><w:txbxContent>'
        f'{box_paragraph}</w:txbxContent></v:textbox></w:pict></mc:Fallback>'
        '</mc:AlternateContent></w:r></w:p>')
    document.element.body.insert(1, parse_xml(xml))
    return _save(document)


def test_a_text_box_is_one_blank_filled_in_both_copies():
    blanks = scan_docx(text_box_form()).blanks
    assert [(b.label, b.shape) for b in blanks] == [("编号", "underline")]
    result = fill_docx(text_box_form(), {"1": "HX-001"})
    xml = read_part(result.data, "word/document.xml").decode()
    assert xml.count("编号：HX-001") == 2 and "____" not in xml
    assert result.remaining == []


@pytest.mark.client
def test_the_form_saved_again_by_libreoffice_reads_the_same(tmp_path):
    import subprocess

    from conftest import require_client
    require_client("soffice")
    source = tmp_path / "form.docx"
    source.write_bytes(registration_form())
    out = tmp_path / "out"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--norestore", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out),
                    str(source)], check=True, capture_output=True, timeout=180)
    again = (out / "form.docx").read_bytes()
    listed = [(b.shape, b.label) for b in scan_docx(again).blanks]
    assert listed == [(b.shape, b.label) for b in scan_docx(registration_form()).blanks]
    filled = plain_text(fill_docx(again, {"甲方": "淮西县实验小学", "学校": "淮西县实验小学"}).data)
    assert "甲方（盖章）：淮西县实验小学" in filled and "淮西县实验小学教师" in filled


def survey() -> bytes:
    document = Document()
    p = document.add_paragraph("1．是否同意结对：")
    box = p.add_run("□")
    box.font.size = Pt(16)
    p.add_run("同意　")
    p.add_run("□").font.size = Pt(16)
    p.add_run("不同意")
    document.add_paragraph("2．学段：☐小学 ☐初中 ☐高中")
    document.add_paragraph("3．参加培训的教师共（　　）人。")
    return _save(document)


def test_a_survey_with_boxes_and_bracket_gaps():
    listed = [(b.shape, b.label) for b in scan_docx(survey()).blanks]
    assert listed == [("box", "同意"), ("box", "不同意"), ("box", "小学"), ("box", "初中"),
                      ("box", "高中"), ("paren", "人数")]
    result = fill_docx(survey(), {"同意": "√", "不同意": "否", "小学": True, "初中": "是", "人数": 25})
    text = plain_text(result.data)
    assert "☑同意　□不同意" in text and "☑小学 ☑初中 ☐高中" in text and "（25）人" in text
    assert result.filled == 4 and result.remaining == [] and result.unmatched == []
    xml = read_part(result.data, "word/document.xml").decode()
    assert 'w:sz w:val="32"/></w:rPr><w:t xml:space="preserve">☑' in xml  # the box keeps its size


def test_labels_are_what_is_printed_and_short_forms_reach_them():
    document = Document()
    document.add_paragraph("支援学校（甲方）：________")
    document.add_paragraph("受援学校（乙方）：________")
    document.add_paragraph("甲方代表：______　乙方代表：______")
    data = _save(document)
    blanks = scan_docx(data).blanks
    assert [b.label for b in blanks] == ["支援学校（甲方）", "受援学校（乙方）", "甲方代表", "乙方代表"]
    assert blanks[0].short == ["支援学校", "甲方", "学校"]
    filled = plain_text(fill_docx(data, {"甲方": "淮西县实验小学", "受援学校": "淮西县河口小学",
                                         "代表": ["王一", "李二"]}).data)
    assert "支援学校（甲方）：淮西县实验小学" in filled and "受援学校（乙方）：淮西县河口小学" in filled
    assert "甲方代表：王一　乙方代表：李二" in filled
