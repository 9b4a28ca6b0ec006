"""The render stage and the built-in agreement template, without the CLI."""

import io
import re
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from docgen import render_pairing
from docgen.pairing.values import Blank
from docgen.ooxml.text import document_text
from docgen.errors import MissingValuesError, TemplateError
from docgen.kinds import templates_dir
from docgen.pipeline.inspect import template_fields
from docgen.pipeline.render import render_docx

from conftest import SAMPLES

AGREEMENT = templates_dir() / "agreement.docx"
FULL = {
    "id": "CZ-1", "authority": "常州市教育局",
    "basis": {"title": "关于做好城乡学校结对工作的意见", "number": "常教发[2007]023号"},
    "supporter": {"name": "常州市实验小学", "representative": "王强", "contact": "李敏",
                  "phone": "0519-86600000"},
    "supported": {"name": "武进区礼嘉中心小学", "representative": "陈刚", "contact": "周丽",
                  "phone": "0519-86210000"},
    "term": {"start": "2025-09", "years": 3}, "signed_on": "2025-09-01", "copies": 4,
    "other_terms": [],
}


def text_of(result) -> str:
    return document_text(result.data)


def with_(**changes):
    data = {k: (dict(v) if isinstance(v, dict) else v) for k, v in FULL.items()}
    for path, value in changes.items():
        *parents, last = path.split("__")
        target = data
        for p in parents:
            target = target.setdefault(p, {})
        target[last] = value
    return data


def test_full_pairing_has_no_blanks():
    result = render_pairing("agreement", FULL)
    assert not result.blanks
    text = text_of(result)
    assert "____" not in text
    for expected in ["甲方：常州市实验小学（城市学校）", "乙方：武进区礼嘉中心小学（农村学校）",
                     "（常教发〔2007〕23号）", "结对帮扶期限为三年，自2025年9月至2028年8月。",
                     "三、甲方责任", "四、乙方责任", "8．确定一名副校级领导", "一式四份",
                     "2025年9月1日 | 2025年9月1日", "代表（签字）：王强 | 代表（签字）：陈刚"]:
        assert expected in text


def test_missing_values_render_as_blanks_and_are_counted():
    data = with_(supported__representative=None, signed_on=None, term__start="2025")
    result = render_pairing("agreement", data)
    text = text_of(result)
    assert "代表（签字）：____" in text
    assert "____年____月____日 | ____年____月____日" in text
    assert "自2025年____月至2028年____月" in text
    assert "None" not in text
    assert result.blanks.as_dict() == {"term.start": 2, "supported.representative": 1,
                                       "signed_on": 2}


def test_blank_string_is_configurable():
    result = render_pairing("agreement", with_(signed_on="2025-09"), blank="＿＿＿")
    assert "2025年9月＿＿＿日" in text_of(result)


def test_strict_refuses_and_lists_every_missing_value():
    with pytest.raises(MissingValuesError) as info:
        render_pairing("agreement", with_(supported__representative=None, signed_on=None),
                       strict=True)
    assert info.value.exit_code == 2
    assert info.value.fields == {"supported.representative": 1, "signed_on": 2}
    assert "乙方代表" in str(info.value) and "签订日期" in str(info.value)


def test_strict_passes_a_complete_pairing():
    assert not render_pairing("agreement", FULL, strict=True).blanks


@pytest.mark.parametrize("name", [
    "A & B <x>", "常州\"实验\"小学 & 'x'", "学校😀", "𠀀𠀁学校", "{{ 7*7 }}学校",
    "{% for x in range(3) %}x{% endfor %}", "]]><![CDATA[", "&amp;", "\u202e反向\u202c"])
def test_values_are_data_never_markup_or_code(name):
    result = render_pairing("agreement", with_(supporter__name=name))
    text = text_of(result)
    assert f"甲方：{name}（城市学校）" in text
    assert f"甲方（盖章）：{name}" in text
    assert "49学校" not in text


def test_a_paragraph_holding_xml_specials_is_not_dropped():
    clause = "A & B <x> 条款"
    text = text_of(render_pairing("agreement", with_(other_terms=[clause, "第二条"])))
    assert f"1．{clause}" in text and "2．第二条" in text


def test_long_clause_is_written_whole():
    clause = "甲" * 2000
    text = text_of(render_pairing("agreement", with_(other_terms=[clause])))
    assert f"1．{clause}\n" in text


def test_custom_duties_replace_the_defaults():
    text = text_of(render_pairing("agreement", with_(duties={"supporter": ["只有一条"]})))
    assert "三、甲方责任\n1．只有一条\n四、乙方责任\n1．积极主动配合甲方" in text


def test_other_terms_states():
    assert "五、其它条款\n无。\n" in text_of(render_pairing("agreement", with_(other_terms=[])))
    result = render_pairing("agreement", with_(other_terms=None))
    assert "五、其它条款\n____\n" in text_of(result)
    assert result.blanks.as_dict() == {"other_terms": 1}


@pytest.mark.parametrize("copies, clause", [
    (4, "一式四份，甲、乙双方及双方主管部门各执一份"),
    (2, "一式二份，甲、乙双方各执一份"),
    (3, "一式三份，甲、乙双方及主管部门各执一份"),
    (6, "一式六份，由甲、乙双方及有关部门分别存执")])
def test_copies_in_chinese_numerals(copies, clause):
    assert clause in text_of(render_pairing("agreement", with_(copies=copies)))


def test_id_line_only_when_there_is_an_id():
    assert "编号：CZ-1" in text_of(render_pairing("agreement", FULL))
    result = render_pairing("agreement", with_(id=None))
    assert "编号" not in text_of(result) and "id" not in result.blanks.as_dict()


def test_seal_images_are_placed_in_the_signature_block():
    data = with_(seal={"supporter": "seal_a.png", "supported": "seal_b.png"})
    result = render_pairing("agreement", data, base_dir=SAMPLES)
    names = zipfile.ZipFile(io.BytesIO(result.data)).namelist()
    assert len([n for n in names if n.startswith("word/media/")]) == 2
    doc = Document(io.BytesIO(result.data))
    table = doc.tables[0]
    pics = table._tbl.xpath(".//pic:pic")
    assert len(pics) == 2
    extents = table._tbl.xpath(".//wp:extent")
    assert all(abs(int(e.get("cx")) - Mm(40)) < 1000 for e in extents)


def test_no_seal_row_without_seals():
    doc = Document(io.BytesIO(render_pairing("agreement", FULL).data))
    assert not doc.tables[0]._tbl.xpath(".//pic:pic")
    assert len(doc.tables[0].rows) == 5


# --------------------------------------------------------------------------- the template

def test_template_tags_are_whole_in_one_run():
    xml = zipfile.ZipFile(AGREEMENT).read("word/document.xml").decode("utf-8")
    runs = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)
    tags = [t for t in runs if "{" in t or "}" in t]
    assert tags, "the template has tags"
    for text in tags:
        assert text.count("{{") == text.count("}}")
        assert text.count("{%") == text.count("%}")


def test_template_reads_only_known_fields():
    from docgen.kinds import DERIVED_FIELDS, PAIRING_SPEC
    from docgen.pairing.schema import field_labels
    known = set(field_labels(PAIRING_SPEC)) | set(DERIVED_FIELDS)
    fields = template_fields(AGREEMENT)
    assert set(fields) <= known, set(fields) - known
    assert {"supporter.name", "supported.name", "term.start", "signed_on"} <= set(fields)


def test_template_layout_follows_gbt_9704():
    doc = Document(AGREEMENT)
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin,
                                  section.left_margin, section.right_margin)] == [37, 35, 28, 26]
    expected = {"Normal": ("仿宋_GB2312", 16), "Title": ("方正小标宋简体", 22),
                "Heading 1": ("黑体", 16), "Heading 2": ("楷体_GB2312", 16)}
    for name, (font, size) in expected.items():
        style = doc.styles[name]
        fonts = style.element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == font, name
        assert not any("Theme" in k for k in fonts.attrib), name
        assert style.font.size == Pt(size), name
    assert doc.styles["Title"].paragraph_format.alignment == 1  # centred
    assert doc.paragraphs[0].style.name == "Title"


def test_template_language_is_chinese_not_japanese():
    package = zipfile.ZipFile(AGREEMENT)
    styles = package.read("word/styles.xml").decode("utf-8")
    settings = package.read("word/settings.xml").decode("utf-8")
    assert 'w:eastAsia="zh-CN"' in styles
    assert "ja-JP" not in styles and "ja-JP" not in settings
    assert re.search(r'<w:themeFontLang [^>]*w:eastAsia="zh-CN"', settings)


def test_rendered_document_declares_the_page_number_field():
    package = zipfile.ZipFile(io.BytesIO(render_pairing("agreement", FULL).data))
    footers = [n for n in package.namelist() if n.startswith("word/footer")]
    assert any("PAGE" in package.read(n).decode("utf-8") for n in footers)


# --------------------------------------------------------------------------- user templates

def make_template(tmp_path, *paragraphs):
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    path = tmp_path / "t.docx"
    doc.save(path)
    return path


def test_sandbox_refuses_to_reach_python_internals(tmp_path):
    template = make_template(tmp_path, "{{ ''.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(TemplateError) as info:
        render_docx(template, {})
    assert "不允许" in str(info.value) and "__class__" in str(info.value)
    assert info.value.where.paragraph == 1


def test_template_syntax_error_names_the_paragraph(tmp_path):
    template = make_template(tmp_path, "第一段", "第二段 {% endif %}")
    with pytest.raises(TemplateError) as info:
        render_docx(template, {})
    assert info.value.where.paragraph == 2
    assert "模板语法错误" in str(info.value)


def test_undefined_names_render_as_blanks(tmp_path):
    template = make_template(tmp_path, "校长：{{ principal.name }}；{{ nothing }}")
    result = render_docx(template, {})
    assert "校长：____；____" in document_text(result.data)
    assert result.blanks.as_dict() == {"principal": 1, "nothing": 1}


def test_not_a_docx(tmp_path):
    path = tmp_path / "t.docx"
    path.write_text("hello")
    with pytest.raises(TemplateError) as info:
        render_docx(path, {})
    assert "不是有效的 Word" in str(info.value)


def test_old_doc_format(tmp_path):
    path = tmp_path / "t.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(TemplateError) as info:
        render_docx(path, {})
    assert "另存为" in str(info.value)


def test_blank_marker_is_falsy_text():
    blank = Blank("supporter.name")
    assert blank == "____" and not blank and blank.field == "supporter.name"


def test_signature_image_goes_beside_the_representative():
    data = with_(signature={"supported": "seal_b.png"})
    doc = Document(io.BytesIO(render_pairing("agreement", data, base_dir=SAMPLES).data))
    rows = [row for row in doc.tables[0].rows if "代表（签字）" in row.cells[1].text]
    (row,) = rows
    assert row.cells[1]._tc.xpath(".//pic:pic") and not row.cells[0]._tc.xpath(".//pic:pic")
    extent = row.cells[1]._tc.xpath(".//wp:extent")[0]
    assert abs(int(extent.get("cy")) - Mm(12)) < 1000
