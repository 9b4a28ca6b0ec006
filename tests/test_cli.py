"""The command line through click's CliRunner: messages, exit codes, files written."""


import pytest
from click.testing import CliRunner

from docgen.ooxml.text import document_text

from conftest import SAMPLES


def test_render_the_complete_sample(run, tmp_path):
    out = tmp_path / "协议书.docx"
    result = run("render", "agreement", "-i", SAMPLES / "pairing.yaml", "-o", out)
    assert result.exit_code == 0, result.output
    assert f"已生成：{out}" in result.output
    assert "没有留空项" in result.output
    text = document_text(out)
    assert "常州市实验小学" in text and "武进区礼嘉中心小学" in text


def test_default_output_name_is_the_chinese_title(run, tmp_path):
    result = run("render", "agreement", "-i", SAMPLES / "pairing.yaml")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "协议书.docx").is_file()


def test_partial_sample_lists_the_blanks_left(run, tmp_path):
    result = run("render", "agreement", "-i", SAMPLES / "pairing-partial.yaml", "-o", "a.docx")
    assert result.exit_code == 0, result.output
    assert "留空 10 处，共 8 项" in result.output
    assert "signed_on" in result.output and "签订日期" in result.output and "2 处" in result.output
    assert "supported.representative" in result.output and "乙方代表" in result.output


def test_strict_lists_all_missing_writes_nothing(run, tmp_path):
    result = run("render", "agreement", "-i", SAMPLES / "pairing-partial.yaml", "-o", "a.docx",
                 "--strict")
    assert result.exit_code == 2
    assert "严格模式" in result.stderr and "共" not in result.stdout
    for label in ("签订日期", "乙方代表", "甲方联系人", "开始年月"):
        assert label in result.stderr
    assert not (tmp_path / "a.docx").exists()
    assert list(tmp_path.iterdir()) == []


def test_blank_option(run, tmp_path):
    result = run("render", "agreement", "-i", SAMPLES / "pairing-partial.yaml", "-o", "a.docx",
                 "--blank", "（待填）")
    assert result.exit_code == 0
    assert "2025年9月（待填）日" in document_text(tmp_path / "a.docx")


@pytest.mark.parametrize("blank", ["", "a\nb", "x" * 41])
def test_bad_blank_option(run, tmp_path, blank):
    result = run("render", "agreement", "-i", SAMPLES / "pairing.yaml", "-o", "a.docx",
                 "--blank", blank)
    assert result.exit_code == 2 and "占位符" in result.stderr
    assert not (tmp_path / "a.docx").exists()


def test_existing_output_needs_force(run, tmp_path):
    (tmp_path / "a.docx").write_bytes(b"old")
    result = run("render", "agreement", "-i", SAMPLES / "pairing.yaml", "-o", "a.docx")
    assert result.exit_code == 2 and "--force" in result.stderr
    assert (tmp_path / "a.docx").read_bytes() == b"old"
    result = run("render", "agreement", "-i", SAMPLES / "pairing.yaml", "-o", "a.docx", "--force")
    assert result.exit_code == 0
    assert "常州市实验小学" in document_text(tmp_path / "a.docx")


def test_output_into_a_new_folder(run, tmp_path):
    result = run("render", "agreement", "-i", SAMPLES / "pairing.yaml", "-o", "out/sub/a.docx")
    assert result.exit_code == 0
    assert (tmp_path / "out/sub/a.docx").is_file()


BAD_INPUTS = {
    "missing file": (None, "找不到输入文件"),
    "yaml syntax": ("supporter:\n  name: 甲\n   x: 1\n", "YAML 格式错误"),
    "wrong type": ("supporter: 甲校\n", "supporter: 应为键值表"),
    "bad month": ("term: {start: 2025-13}\n", 'term.start: 无法识别的日期 "2025-13"'),
    "typo": ("supported: {nmae: 乙校}\n", "是否应为「name」"),
    "missing seal": ("seal: {supporter: nope.png}\n", "seal.supporter: 找不到图片文件"),
    "not an image": ("seal: {supporter: pair.yaml}\n", "seal.supporter: 不是可用的图片文件"),
    "list at top": ("- a\n- b\n", "顶层应为键值表"),
}


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_exits_2_with_a_chinese_message_and_no_file(run, tmp_path, case):
    text, message = BAD_INPUTS[case]
    if text is not None:
        (tmp_path / "pair.yaml").write_text(text, encoding="utf-8")
    result = run("render", "agreement", "-i", "pair.yaml", "-o", "a.docx")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("错误：")
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "a.docx").exists()


def test_special_characters_and_emoji_render(run, tmp_path):
    (tmp_path / "pair.yaml").write_text(
        "supporter: {name: \"A & B <实验> '小学' 😀 𠀀\"}\n"
        "other_terms: ['{{ 7*7 }} 与 {% if x %} 原样保留', '" + "长" * 2000 + "']\n",
        encoding="utf-8")
    result = run("render", "agreement", "-i", "pair.yaml", "-o", "a.docx")
    assert result.exit_code == 0, result.output
    text = document_text(tmp_path / "a.docx")
    assert "甲方：A & B <实验> '小学' 😀 𠀀（城市学校）" in text
    assert "1．{{ 7*7 }} 与 {% if x %} 原样保留" in text
    assert "2．" + "长" * 2000 in text


def test_unknown_kind(run):
    result = run("render", "contract", "-i", SAMPLES / "pairing.yaml")
    assert result.exit_code == 2 and "未知的文书类型「contract」" in result.stderr


def test_user_template_path(run, tmp_path):
    from docx import Document
    doc = Document()
    doc.add_paragraph("{{ supporter.name }}与{{ supported.name }}：{{ signed_on | cn_date }}")
    doc.save(tmp_path / "mine.docx")
    result = run("render", "mine.docx", "-i", SAMPLES / "pairing.yaml", "-o", "out.docx")
    assert result.exit_code == 0, result.output
    assert "常州市实验小学与武进区礼嘉中心小学：二〇二五年九月一日" in document_text(
        tmp_path / "out.docx")


def test_broken_user_template_exits_1(run, tmp_path):
    (tmp_path / "bad.docx").write_text("not a zip")
    result = run("render", "bad.docx", "-i", SAMPLES / "pairing.yaml", "-o", "out.docx")
    assert result.exit_code == 1 and "不是有效的 Word" in result.stderr
    assert not (tmp_path / "out.docx").exists()


def test_kinds_lists_agreement_and_its_fields(run):
    result = run("kinds")
    assert result.exit_code == 0
    assert "agreement" in result.output and "协议书" in result.output
    for field, label in (("supporter.name", "甲方学校名称"), ("signed_on", "签订日期"),
                         ("term.start", "开始年月"), ("duties.supporter", "甲方责任")):
        assert field in result.output and label in result.output


def test_init_writes_inputs_that_render(run, tmp_path):
    result = run("init", "work")
    assert result.exit_code == 0, result.output
    for name in ("pairing.yaml", "pairing-partial.yaml", "community.yaml", "activities.xlsx",
                 "activities.csv", "seal_a.png", "seal_b.png"):
        assert (tmp_path / "work" / name).is_file()
    assert "#" in (tmp_path / "work/pairing.yaml").read_text("utf-8")  # commented
    result = run("render", "agreement", "-i", "work/pairing.yaml", "-o", "a.docx")
    assert result.exit_code == 0, result.output
    again = run("init", "work")
    assert again.exit_code == 2 and "--force" in again.stderr
    assert run("init", "work", "--force").exit_code == 0


def test_help_is_chinese(run):
    for args in ([], ["render"], ["kinds"], ["init"]):
        result = run(*args, "--help")
        assert result.exit_code == 0
        assert "用法：" in result.output and "选项" in result.output
        assert "Usage" not in result.output and "Show this message" not in result.output


def test_missing_option_message_is_chinese(run):
    result = run("render", "agreement")
    assert result.exit_code == 2
    assert "缺少选项" in result.stderr


def test_internal_errors_are_reported_without_traceback(run, monkeypatch):
    import docgen.cli.generating

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(docgen.cli.generating, "render_document", boom)
    result = run("render", "agreement", "-i", SAMPLES / "pairing.yaml")
    assert result.exit_code == 1
    assert "内部错误" in result.stderr and "Traceback" not in result.stderr


# --------------------------------------------------------------------------- click's own messages

@pytest.mark.parametrize("args, chinese, english", [
    (["batch", "名单.csv", "-o", "out", "-j", "999"], "999 不在范围 1<=x<=64 内", "is not in the range"),
    (["conver"], "是否应为 'convert'", "Did you mean"),
    (["render", "agreement"], "缺少选项 '-i'", "Missing option"),
    (["render", "agreement", "-i", "a.yaml", "--nope"], "没有这个选项", "No such option"),
    (["--help"], "用法：", "Usage:"),
    (["blanks", "--help"], "显示此帮助并退出。", "Show this message"),
    (["--version"], "docgen 版本", "version"),
])
def test_click_speaks_chinese_in_docgen(run, args, chinese, english):
    result = run(*args)
    text = result.output + (result.stderr if result.exit_code else "")
    assert chinese in text, text
    assert english not in text


def test_other_click_programs_in_the_same_process_are_untouched(run):
    """docgen's catalog is used only while a docgen command runs: importing docgen and
    running it leaves another program's click in English, and click's modules unpatched."""
    import gettext

    import click

    @click.command()
    @click.option("--size", type=click.IntRange(1, 64))
    def other(size):
        """Another program."""

    run("conver")  # docgen ran in this process
    assert click.core._ is gettext.gettext and click.exceptions.ngettext is gettext.ngettext
    result = CliRunner().invoke(other, ["--size", "999"])
    assert "999 is not in the range 1<=x<=64" in result.output
    assert "Usage:" in CliRunner().invoke(other, ["--help"]).output
