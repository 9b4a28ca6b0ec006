"""Users' own templates: docxtpl's own test templates render as docxtpl renders them,
docgen check finds what is wrong, --fix repairs it, edited built-in templates are used."""

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docxtpl import DocxTemplate

from docgen.tools.check import check_template, fix_template
from docgen.cli import main
from docgen.ooxml.text import document_text
from docgen.pipeline.render import render_docx

from conftest import CASES as SHARED_CASES, SAMPLES, from_shared, needs_shared, invoke

CASES = SHARED_CASES / "docxtpl"
WITH_CONTEXT = from_shared(sorted(p.with_suffix(".docx") for p in CASES.glob("*.json")))


def package_text(data: bytes) -> str:
    """All the text a reader sees: body, headers, footers, footnotes, comments, title."""
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in sorted(archive.namelist()):
            if re.match(r"word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$", name) \
                    or name == "docProps/core.xml":
                xml = archive.read(name).decode("utf-8")
                out.append(name + ":" + "|".join(re.findall(r"<(?:w:t|dc:title|dc:subject)(?: [^>]*)?>([^<]*)<", xml)))
    return "\n".join(out)


@pytest.mark.parametrize("template", WITH_CONTEXT, ids=lambda p: p.stem)
def test_docxtpl_cases_render_as_docxtpl_renders_them(tmp_path, template):
    context = json.loads(template.with_suffix(".json").read_text(encoding="utf-8"))
    reference = DocxTemplate(str(template))
    reference.render(context, autoescape=True)
    buffer = io.BytesIO()
    reference.save(buffer)
    out = tmp_path / "out.docx"
    result = invoke("render", template, "-i", template.with_suffix(".json"), "-o", out)
    assert result.exit_code == 0, result.output
    assert document_text(out.read_bytes()) == document_text(buffer.getvalue())
    assert package_text(out.read_bytes()) == package_text(buffer.getvalue())


@needs_shared
def test_check_lists_the_twelve_variables_in_every_part():
    report = check_template(CASES / "get_undeclared_variables.docx")
    assert sorted(report.variables) == ["age", "author", "company_name", "degree_field", "email",
                                        "generation_date", "has_degree", "is_student", "name",
                                        "page_number", "projects", "skills"]
    assert report.skeleton["projects"] == [{"name": None, "year": None, "description": None}]
    assert not report.errors


@needs_shared
def test_check_reports_the_stray_endif_with_its_place(tmp_path):
    result = invoke("check", CASES / "template_error_tpl.docx")
    assert result.exit_code == 2
    assert "正文第5段" in result.stderr and "多余的 {% endif %}" in result.stderr
    assert "Traceback" not in result.output


@needs_shared
def test_check_cli_prints_the_skeleton_and_writes_it(tmp_path):
    result = invoke("check", CASES / "get_undeclared_variables.docx", "--skeleton", tmp_path / "data.yaml")
    assert result.exit_code == 0
    assert "需要的数据（12 项）" in result.output
    text = (tmp_path / "data.yaml").read_text(encoding="utf-8")
    assert "projects:\n- name:\n  year:\n  description:\n" in text


def make(tmp_path, *paragraph_runs, name="t.docx"):
    doc = Document()
    for runs in paragraph_runs:
        p = doc.add_paragraph()
        for i, text in enumerate(runs):
            p.add_run(text).bold = i % 2 == 1
    path = tmp_path / name
    doc.save(path)
    return path


def test_full_width_and_curly_quotes_are_found_and_fixed(tmp_path):
    template = make(tmp_path, ["甲方：｛｛ supporter.name ｝｝"], ["{% if x == “a” %}是{% endif %}"],
                    ["｛％ if y ％｝有｛％ endif ％｝"])
    report = check_template(template)
    messages = [str(f) for f in report.findings]
    assert any("全角" in m and "第1段" in m for m in messages)
    assert any("中文引号" in m for m in messages)
    assert report.errors
    data, count = fix_template(template)
    assert count == 4
    fixed = tmp_path / "fixed.docx"
    fixed.write_bytes(data)
    assert not check_template(fixed).findings
    text = document_text(render_docx(fixed, {"supporter": {"name": "甲校"}, "x": "a", "y": True},
                                     show_missing=False).data)
    assert text == "甲方：甲校\n是\n有\n"


def test_split_tags_are_found_and_fixed_keeping_the_text_around(tmp_path):
    template = make(tmp_path, ["前文", "{{ sup", "porter.na", "me }}", "后文"])
    report = check_template(template)
    assert any("拆成了 3 段" in str(f) for f in report.findings)
    data, count = fix_template(template)
    assert count == 1
    doc = Document(io.BytesIO(data))
    runs = [r.text for r in doc.paragraphs[0].runs]
    assert runs[0] == "前文" and "{{ supporter.name }}" in runs and runs[-1] == "后文"
    assert [r.bold for r in doc.paragraphs[0].runs][-1] == (4 % 2 == 1)


def test_check_fix_cli(tmp_path):
    template = make(tmp_path, ["｛｛ name ｝｝"])
    result = invoke("check", template, "--fix")
    assert result.exit_code == 0 and "已修正 1 个标签" in result.output
    assert (tmp_path / "t（已修正）.docx").is_file()


@pytest.mark.parametrize("name, content, message", [
    ("a.doc", b"\xd0\xcf\x11\xe0", "另存为"),
    ("a.docx", b"garbage", "不是有效的 Word"),
])
def test_check_bad_files(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    result = invoke("check", tmp_path / name)
    assert result.exit_code == 2 and message in result.stderr


# --------------------------------------------------------------------------- templates

def test_templates_list_and_copy(tmp_path):
    listed = invoke("templates")
    assert listed.exit_code == 0
    for kind in ("agreement", "plan", "summary", "scheme"):
        assert kind in listed.output
    copied = invoke("templates", "copy", "agreement", tmp_path / "mine")
    assert copied.exit_code == 0 and (tmp_path / "mine/agreement.docx").is_file()
    again = invoke("templates", "copy", "agreement", tmp_path / "mine")
    assert again.exit_code == 2 and "--force" in again.stderr


def edited_agreement(folder: Path) -> None:
    """A bureau's edit of the agreement template: a line added under the title."""
    invoke("templates", "copy", "agreement", folder)
    doc = Document(str(folder / "agreement.docx"))
    doc.paragraphs[0].insert_paragraph_before("常州市教育局监制")
    doc.save(str(folder / "agreement.docx"))


def test_templates_dir_option_and_config_file(tmp_path, monkeypatch):
    edited_agreement(tmp_path / "mine")
    out = tmp_path / "a.docx"
    result = invoke("render", "agreement", "-i", SAMPLES / "pairing.yaml", "-o", out,
                    "--templates-dir", tmp_path / "mine")
    assert result.exit_code == 0, result.output
    assert document_text(out).startswith("常州市教育局监制\n")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docgen.yaml").write_text("templates_dir: mine\n", "utf-8")
    result = invoke("render", "plan", "-i", SAMPLES / "pairing.yaml", "-o", tmp_path / "p.docx")
    assert result.exit_code == 0  # no edited plan: the built-in one
    result = invoke("render", "agreement", "-i", SAMPLES / "pairing.yaml", "-o", tmp_path / "b.docx")
    assert document_text(tmp_path / "b.docx").startswith("常州市教育局监制\n")
    batch = invoke("batch", SAMPLES / "roster-gbk.csv", "-o", tmp_path / "out", "--kinds", "agreement")
    assert batch.exit_code == 0
    first = next((tmp_path / "out").glob("*/协议书.docx"))
    assert document_text(first).startswith("常州市教育局监制\n")


# --------------------------------------------------------------------------- failures while rendering

def render_own(tmp_path, paragraph: str, data: str):
    template = make(tmp_path, ["标题"], [paragraph])
    values = tmp_path / "数据.yaml"
    values.write_text(data, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(template), "-i", str(values), "-o",
                                       str(tmp_path / "出.docx")])
    return result, tmp_path / "出.docx"


@pytest.mark.parametrize("paragraph, data, says", [
    ("份数：{{ n | cn }}", "n: 三份\n", "过滤器 cn 需要整数，实际为「三份」"),
    ("{{ when | cn_date }}", "when: 下学期\n", "过滤器 cn_date 需要日期"),
    ("{{ year | school_year }}", "year: 今年\n", "过滤器 school_year 需要学年"),
    ("{{ n | circled }}", "n: -2\n", "过滤器 circled 需要整数"),
    ("{{ name + 1 }}", "name: 张三\n", "模板中的表达式出错"),
    ("{{ 1 / n }}", "n: 0\n", "模板中的表达式出错"),
])
def test_a_template_failing_on_its_data_says_so_in_chinese_with_its_paragraph(
        tmp_path, paragraph, data, says):
    result, output = render_own(tmp_path, paragraph, data)
    assert result.exit_code == 1, result.output
    assert says in result.stderr and "第2段" in result.stderr
    assert "invalid literal" not in result.stderr and "内部错误" not in result.stderr
    assert not output.exists()


def test_a_bug_in_docgen_while_rendering_is_reported_as_docgen_s(tmp_path, monkeypatch):
    """A failure raised inside docgen's own code is not disguised as the template's or the
    data's error: the user is told it is docgen's problem."""
    import docgen.pairing.dates

    monkeypatch.setattr(docgen.pairing.dates, "chinese_digits", None)  # a broken helper
    result, output = render_own(tmp_path, "{{ when | cn_date }}", "when: 2025-09-01\n")
    assert result.exit_code == 1
    assert "内部错误" in result.stderr and "不是您的数据的问题" in result.stderr
    assert "过滤器" not in result.stderr and "模板" not in result.stderr
    assert not output.exists()


def test_a_bug_in_docgen_fails_one_document_of_a_batch_and_says_whose_it_is(tmp_path, monkeypatch):
    import docgen.pairing.dates
    from docgen.pipeline.batch import run_batch

    monkeypatch.setattr(docgen.pairing.dates, "format_date", None)
    roster = tmp_path / "名单.csv"
    roster.write_text("编号,甲方学校,乙方学校\nB-1,甲校,乙校\n", encoding="utf-8")
    result = run_batch(roster, tmp_path / "out", kinds=["agreement"])
    (row,) = result.rows
    assert row.status == "error" and "内部错误" in row.message and "docgen 的问题" in row.message
    assert result.exit_code == 1
