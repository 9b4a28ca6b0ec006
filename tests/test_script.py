"""Simplified ↔ traditional: OpenCC's own suite as text and inside split runs, every text
part of a package, formatting kept, words kept, names right, bad input."""

import io
import json
import re
import zipfile
from collections import defaultdict

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt

from docgen import load_pairing, render_pairing
from docgen.api import script_options
from docgen.ooxml.text import document_text
from docgen.pipeline.finish import ScriptOptions
from docgen.script.text import ScriptConverter, detect_script, language_of_config
from docgen.script.docx import convert_docx

from conftest import CASES, SAMPLES, from_shared, needs_shared, invoke

CASES_FILE = CASES / "opencc" / "testcases.json"


def opencc_cases():
    if not CASES_FILE.is_file():
        return {}
    text = CASES_FILE.read_text(encoding="utf-8")
    cases = json.loads(re.sub(r",(\s*[}\]])", r"\1", text))["cases"]
    by_config = defaultdict(list)
    for case in cases:
        for config, expected in case["expected"].items():
            by_config[config].append((case["input"], expected))
    return dict(sorted(by_config.items()))


OPENCC = opencc_cases()


@needs_shared
def test_the_suite_is_all_there():
    assert sum(len(v) for v in OPENCC.values()) == 543
    assert len(OPENCC) == 16


# --------------------------------------------------------------------------- OpenCC's suite

@pytest.mark.parametrize("config", from_shared(list(OPENCC)))
def test_opencc_suite_as_plain_text_through_docgen_convert(tmp_path, config):
    items = OPENCC[config]
    source = tmp_path / "in.txt"
    source.write_text("\n".join(i for i, _ in items), encoding="utf-8")
    result = invoke("convert", source, "-o", tmp_path / "out.txt", "--config", config)
    assert result.exit_code == 0, result.output
    got = (tmp_path / "out.txt").read_text(encoding="utf-8").split("\n")
    assert got == [e for _, e in items]


def split_runs_document(texts):
    """One paragraph per text, one run per character, formatting alternating."""
    doc = Document()
    for text in texts:
        p = doc.add_paragraph()
        for i, char in enumerate(text):
            run = p.add_run(char)
            run.bold = i % 2 == 0
            run.italic = i % 3 == 0
            run.font.size = None if i % 2 else Pt(10)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("config", from_shared(list(OPENCC)))
def test_opencc_suite_inside_runs_split_at_every_character(config):
    items = OPENCC[config]
    data = split_runs_document([i for i, _ in items])
    converter = ScriptConverter((config,), language=language_of_config(config))
    out = Document(io.BytesIO(convert_docx(data, converter)))
    for (source, expected), paragraph in zip(items, out.paragraphs):
        assert paragraph.text == expected
        runs = paragraph.runs
        assert len(runs) == len(source)
        for i, run in enumerate(runs):
            assert run.bold == (i % 2 == 0) and run.italic == (i % 3 == 0)
            assert run.font.size == (None if i % 2 else Pt(10))


# --------------------------------------------------------------------------- runs

def runs_of(data, index=0):
    return [r.text for r in Document(io.BytesIO(data)).paragraphs[index].runs]


def two_run_document(*parts):
    doc = Document()
    p = doc.add_paragraph()
    for i, part in enumerate(parts):
        run = p.add_run(part)
        run.bold = i % 2 == 1
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def test_a_phrase_split_across_runs_converts_as_the_phrase():
    data = two_run_document("理", "头", "发")
    out = convert_docx(data, ScriptConverter.between("hans", "hant"))
    assert runs_of(out) == ["理", "頭", "髮"]  # run by run would give 頭發


def test_a_longer_phrase_lands_in_the_run_where_it_starts():
    out = convert_docx(two_run_document("打开内", "存和信", "息吧"), ScriptConverter.between("hans", "twp"))
    assert runs_of(out) == ["開啟記憶體", "和資訊", "吧"]
    out = convert_docx(two_run_document("内存", "信息"), ScriptConverter.between("hans", "twp"))
    assert runs_of(out) == ["記憶體", "資訊"]


def test_reverse_length_change():
    out = convert_docx(two_run_document("記憶", "體"), ScriptConverter.between("twp", "hans"))
    assert "".join(runs_of(out)) == "内存" and runs_of(out)[1] == ""


# --------------------------------------------------------------------------- every part

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def rich_document(tmp_path):
    """A document with the places text hides in, built from python-docx plus raw XML."""
    doc = Document()
    doc.core_properties.title = "城乡学校结对帮扶协议书"
    doc.core_properties.subject = "头发与发展"
    doc.add_paragraph("正文：头发")
    table = doc.add_table(rows=1, cols=1)
    inner = table.rows[0].cells[0].add_table(rows=1, cols=1)
    inner.rows[0].cells[0].paragraphs[0].add_run("嵌套表格里的头发")
    doc.sections[0].header.paragraphs[0].add_run("页眉：学校")
    doc.sections[0].footer.paragraphs[0].add_run("页脚：学校")
    body = doc.element.body
    extra = f"""
    <w:root {nsdecls('w', 'r', 'wp', 'a')}
        xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
        xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
        xmlns:v="urn:schemas-microsoft-com:vml">
      <w:p><w:hyperlink r:id="rIdX"><w:r><w:t>超链接里的头发</w:t></w:r></w:hyperlink></w:p>
      <w:p><w:ins w:id="1" w:author="甲" w:date="2025-01-01T00:00:00Z"><w:r><w:t>插入的头发</w:t></w:r></w:ins>
           <w:del w:id="2" w:author="甲" w:date="2025-01-01T00:00:00Z"><w:r><w:delText>删除的头发</w:delText></w:r></w:del></w:p>
      <w:sdt><w:sdtPr><w:tag w:val="x"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>内容控件里的头发</w:t></w:r></w:p></w:sdtContent></w:sdt>
      <w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "头发" </w:instrText></w:r>
           <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>域结果头发</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
      <w:p><w:r><w:t>制表</w:t></w:r><w:r><w:tab/><w:t>之后</w:t></w:r><w:r><w:br/><w:t>换行后</w:t></w:r></w:p>
      <w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:inline><wp:extent cx="1" cy="1"/><wp:docPr id="9" name="t"/>
        <a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent>
        <w:p><w:r><w:t>文本框里的头发</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice>
        <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框里的头发</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
        </mc:AlternateContent><w:t>框外的头发</w:t></w:r></w:p>
      <w:p><w:r><w:rPr><w:rFonts w:ascii="宋体" w:eastAsia="宋体"/><w:lang w:eastAsia="zh-CN"/></w:rPr><w:t>宋体字的头发</w:t></w:r></w:p>
    </w:root>"""
    for child in parse_xml(extra):
        body.insert(len(body) - 1, child)
    path = tmp_path / "rich.docx"
    doc.save(path)
    # footnotes and comments parts, added at the zip level
    footnotes = (f'<w:footnotes {nsdecls("w")}><w:footnote w:id="1"><w:p><w:r><w:t>脚注里的头发</w:t></w:r>'
                 f'</w:p></w:footnote></w:footnotes>')
    comments = (f'<w:comments {nsdecls("w")}><w:comment w:id="0" w:author="甲"><w:p><w:r>'
                f'<w:t>批注里的头发</w:t></w:r></w:p></w:comment></w:comments>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buffer, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("word/footnotes.xml", footnotes)
        dst.writestr("word/comments.xml", comments)
    return buffer.getvalue()


def part(data, name):
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode("utf-8")


def test_every_text_part_is_converted_and_what_must_stay_stays(tmp_path):
    out = convert_docx(rich_document(tmp_path), ScriptConverter.between("hans", "hant"),
                       {"仿宋_GB2312": "仿宋"})
    body = part(out, "word/document.xml")
    for text in ("正文：頭髮", "嵌套表格裏的頭髮", "超鏈接裏的頭髮", "插入的頭髮", "內容控件裏的頭髮",
                 "域結果頭髮", "文本框裏的頭髮", "框外的頭髮", "宋體字的頭髮", "換行後"):
        assert text in body, text
    assert body.count("文本框裏的頭髮") == 2          # mc:Choice and mc:Fallback
    assert "<w:delText>删除的头发</w:delText>" in body  # deleted text untouched
    assert 'HYPERLINK "头发"' in body                 # field code untouched
    assert 'w:ascii="宋体"' in body and 'w:eastAsia="宋体"' in body  # font names untouched
    assert "<w:tab/>" in body and "<w:br/>" in body
    assert 'w:eastAsia="zh-TW"' in body and 'w:eastAsia="zh-CN"' not in body
    assert "頁眉：學校" in part(out, "word/header1.xml") or any(
        "頁眉：學校" in part(out, n) for n in zipfile.ZipFile(io.BytesIO(out)).namelist()
        if n.startswith("word/header"))
    assert any("頁腳：學校" in part(out, n) for n in zipfile.ZipFile(io.BytesIO(out)).namelist()
               if n.startswith("word/footer"))
    assert "腳註裏的頭髮" in part(out, "word/footnotes.xml")
    assert "批註裏的頭髮" in part(out, "word/comments.xml")
    core = part(out, "docProps/core.xml")
    assert "城鄉學校結對幫扶協議書" in core and "頭髮與發展" in core
    settings = part(out, "word/settings.xml")
    assert re.search(r'<w:themeFontLang [^>]*w:eastAsia="zh-TW"', settings)
    Document(io.BytesIO(out))  # still a valid package


def test_language_follows_the_target_in_styles_and_defaults():
    data = render_pairing("agreement", load_pairing(SAMPLES / "pairing-partial.yaml")).data
    for target, language in (("hk", "zh-HK"), ("tw", "zh-TW")):
        out = convert_docx(data, ScriptConverter.between("hans", target), {})
        styles = part(out, "word/styles.xml")
        assert f'w:eastAsia="{language}"' in styles and 'w:eastAsia="zh-CN"' not in styles
        back = convert_docx(out, ScriptConverter.between(target, "hans"), {})
        assert 'w:eastAsia="zh-CN"' in part(back, "word/styles.xml")


# --------------------------------------------------------------------------- rendering in a script

def test_render_in_traditional_converts_template_and_values_and_maps_fonts(tmp_path):
    pairing = load_pairing(SAMPLES / "pairing.yaml")
    result = render_pairing("agreement", pairing, script=ScriptOptions("hant"))
    text = document_text(result.data)
    assert "城鄉學校結對幫扶協議書" in text and "常州市實驗小學" in text and "武進區禮嘉中心小學" in text
    assert "协议" not in text and "学校" not in text
    styles = part(result.data, "word/styles.xml")
    assert "仿宋_GB2312" not in styles and 'w:eastAsia="仿宋"' in styles
    assert "方正小标宋简体" not in styles


def test_font_map_presets_and_pairs():
    pairing = load_pairing(SAMPLES / "pairing-partial.yaml")
    tw = render_pairing("agreement", pairing, script=ScriptOptions("tw", font_map="tw")).data
    assert 'w:eastAsia="標楷體"' in part(tw, "word/styles.xml")
    own = render_pairing("agreement", pairing,
                         script=ScriptOptions("hk", font_map="仿宋_GB2312=华文仿宋,黑体=微软雅黑")).data
    styles = part(own, "word/styles.xml")
    assert 'w:eastAsia="华文仿宋"' in styles and 'w:eastAsia="微软雅黑"' in styles


def test_people_names_keep_their_surnames():
    data = {"supporter": {"name": "城区一校", "representative": "余秋雨", "contact": "范老师"},
            "supported": {"name": "乡村一校", "representative": "于丹"}}
    text = document_text(render_pairing("agreement", data, script=ScriptOptions("hant")).data)
    assert "代表（簽字）：余秋雨" in text and "聯繫人：范老師" in text and "代表（簽字）：于丹" in text
    assert "餘秋雨" not in text and "範老師" not in text


def test_keep_words_from_the_pairing_file_and_a_keep_file(tmp_path):
    data = {"supporter": {"name": "后宅实验小学"}, "keep": ["后宅"]}
    text = document_text(render_pairing("agreement", data, script=ScriptOptions("hant")).data)
    assert "後宅" not in text and "后宅實驗小學" in text
    keep = tmp_path / "keep.txt"
    keep.write_text("# 注释\n后宅\n", encoding="utf-8")
    options = script_options("hant", keep_file=keep)
    text = document_text(render_pairing("agreement", {"supporter": {"name": "后宅小学"}},
                                        script=options).data)
    assert "后宅小學" in text


def test_dict_file_adds_phrase_pairs(tmp_path):
    pairs = tmp_path / "dict.txt"
    pairs.write_text("手拉手\t手牽手\n", encoding="utf-8")
    options = script_options("hant", dict_file=pairs)
    text = document_text(render_pairing("agreement", {}, script=options).data)
    assert "「手牽手」" in text and "手拉手" not in text


@pytest.mark.parametrize("kind, sample", [("agreement", "pairing.yaml"), ("plan", "pairing.yaml"),
                                          ("summary", "pairing.yaml"), ("scheme", "community.yaml")])
def test_built_in_templates_round_trip(kind, sample):
    original = render_pairing(kind, load_pairing(SAMPLES / sample)).data
    there = convert_docx(original, ScriptConverter.between("hans", "hant"), {})
    back = convert_docx(there, ScriptConverter.between("hant", "hans"), {})
    assert document_text(there) != document_text(original)
    assert document_text(back) == document_text(original)


# --------------------------------------------------------------------------- the CLI

def test_cli_render_and_batch_with_script(tmp_path):
    out = tmp_path / "協議書.docx"
    result = invoke("render", "agreement", "-i", SAMPLES / "pairing.yaml", "-o", out, "--script", "tw")
    assert result.exit_code == 0, result.output
    assert "常州市實驗小學" in document_text(out)
    result = invoke("batch", SAMPLES / "roster-gbk.csv", "-o", tmp_path / "b", "--kinds", "agreement",
                    "--script", "hk")
    assert result.exit_code == 0, result.output
    assert "協議書" in document_text(next((tmp_path / "b").glob("*/协议书.docx")))


def test_cli_convert_docx_detects_the_source(tmp_path):
    source = tmp_path / "a.docx"
    source.write_bytes(render_pairing("agreement", load_pairing(SAMPLES / "pairing.yaml")).data)
    assert invoke("convert", source, "-o", tmp_path / "b.docx", "--to", "hk").exit_code == 0
    result = invoke("convert", tmp_path / "b.docx", "-o", tmp_path / "c.docx", "--to", "hans")
    assert result.exit_code == 0 and "香港 → 简体" in result.output
    assert document_text(tmp_path / "c.docx") == document_text(source)


def test_detect_script():
    assert detect_script("城乡学校") == "hans"
    assert detect_script("城鄉學校") == "hant"
    assert detect_script("ABC 123") == "hans"


@pytest.mark.parametrize("name, content, args, message", [
    ("a.doc", b"\xd0\xcf\x11\xe0", ["--to", "hant"], "另存为"),
    ("a.pdf", b"%PDF-1.4", ["--to", "hant"], "只能转换"),
    ("a.docx", b"not a zip", ["--to", "hant"], "不是有效的 Word"),
    ("a.txt", "头发".encode(), ["--to", "klingon"], "未知的文字「klingon」"),
    ("a.txt", "头发".encode(), ["--config", "x2y"], "未知的 OpenCC 配置"),
])
def test_cli_convert_bad_input(tmp_path, name, content, args, message):
    source = tmp_path / name
    source.write_bytes(content)
    target = tmp_path / ("out" + source.suffix)
    result = invoke("convert", source, "-o", target, *args)
    assert result.exit_code == 2 and message in result.stderr
    assert not target.exists()


def test_cli_keep_file_in_gbk_is_refused(tmp_path):
    (tmp_path / "a.txt").write_text("后宅", encoding="utf-8")
    keep = tmp_path / "keep.txt"
    keep.write_bytes("后宅\n城乡学校\n".encode("gbk"))
    result = invoke("convert", tmp_path / "a.txt", "-o", tmp_path / "b.txt", "--to", "hant",
                    "--keep", keep)
    assert result.exit_code == 2 and "UTF-8" in result.stderr
    assert not (tmp_path / "b.txt").exists()


def test_cli_convert_txt_with_keep(tmp_path):
    (tmp_path / "a.txt").write_text("后宅的头发\n第二行", encoding="utf-8")
    keep = tmp_path / "keep.txt"
    keep.write_text("后宅\n", encoding="utf-8")
    result = invoke("convert", tmp_path / "a.txt", "-o", tmp_path / "b.txt", "--to", "hant",
                    "--keep", keep)
    assert result.exit_code == 0
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == "后宅的頭髮\n第二行"
