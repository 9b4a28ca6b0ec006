"""click's messages in Chinese from docgen's gettext catalog, only inside chinese_messages().

The commands here are plain click commands, not docgen's: they show the mechanism, and
that other click programs in the same process keep English.
"""

from __future__ import annotations

import gettext
import importlib
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import click
import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "docgen" / "cli" / "i18n.py"
TOOL = ROOT / "tools" / "build_catalog.py"
CLICK_MODULES = ("core", "exceptions", "types", "parser", "decorators", "formatting",
                 "termui", "utils", "shell_completion")


def load_by_path(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_i18n() -> ModuleType:
    """docgen.cli.i18n once docgen.cli is a package; by path while docgen/cli.py still exists."""
    if (ROOT / "docgen" / "cli" / "__init__.py").is_file():
        try:
            module = importlib.import_module("docgen.cli.i18n")
        except ImportError:
            pass
        else:
            if Path(module.__file__).resolve() == I18N:
                return module
    return load_by_path("docgen_cli_i18n_under_test", I18N)


i18n = load_i18n()
tool = load_by_path("build_catalog_under_test", TOOL)


@pytest.fixture(autouse=True)
def clean_gettext_state(monkeypatch):
    """Each test starts from click as shipped and leaves gettext's global state as it found it."""
    patched = [name for name in CLICK_MODULES
               if getattr(importlib.import_module(f"click.{name}"), "_", gettext.gettext)
               is not gettext.gettext
               or getattr(importlib.import_module(f"click.{name}"), "ngettext",
                          gettext.ngettext) is not gettext.ngettext]
    if patched:
        pytest.fail(f"click.{', click.'.join(patched)} had _/ngettext replaced in this process "
                    "(the old docgen/cli.py _install_chinese_click_messages?): that is the leak "
                    "chinese_messages() replaces")
    bound, domain = gettext.bindtextdomain("messages"), gettext.textdomain()
    monkeypatch.delenv("LANGUAGE", raising=False)
    yield
    gettext.bindtextdomain("messages", bound)
    gettext.textdomain(domain)


def make_cli() -> click.Group:
    """A fresh plain click program (fresh, since click caches the built help option)."""

    @click.group()
    def cli() -> None:
        """A plain click program."""

    @cli.command()
    @click.option("--size", type=click.IntRange(1, 64), default=8, show_default=True)
    @click.option("--name", required=True)
    def convert(size: int, name: str) -> None:
        click.echo(f"{name} {size}")

    return cli


def run(*args: str) -> str:
    return CliRunner().invoke(make_cli(), list(args)).output


def assert_english() -> None:
    out = run("--help")
    assert "Usage:" in out and "Options" in out and "Show this message and exit." in out
    assert "用法" not in out
    assert "is not in the range 1<=x<=64" in run("convert", "--name", "a", "--size", "999")


# --------------------------------------------------------------------------- the catalog

def test_catalog_covers_installed_click_and_mo_is_compiled():
    assert tool.problems() == []


def test_check_mode_passes(tmp_path):
    done = subprocess.run([sys.executable, str(TOOL), "--check"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_extraction_finds_singular_plural_and_indirect_msgids():
    wanted = tool.extract(tool.click_dir())
    assert wanted["Usage:"] is None
    assert wanted["Did you mean {possibility}?"] == "(Did you mean one of: {possibilities}?)"
    assert wanted["{value} is not in the range {range}."] is None
    assert "required" in wanted  # core.py: _(extra["required"])


def test_committed_mo_is_the_compiled_po():
    assert tool.MO.read_bytes() == tool.compile_mo(tool.read_po(tool.PO))


def test_check_reports_missing_empty_and_stale(tmp_path, monkeypatch):
    po, mo = tmp_path / "messages.po", tmp_path / "messages.mo"
    text = tool.PO.read_text(encoding="utf-8")
    text = text.replace('msgstr "用法："', 'msgstr ""')
    text = text.replace('msgid "Options"\nmsgstr "选项"\n', "")
    po.write_text(text, encoding="utf-8")
    mo.write_bytes(tool.MO.read_bytes())
    monkeypatch.setattr(tool, "PO", po)
    monkeypatch.setattr(tool, "MO", mo)
    monkeypatch.setattr(tool, "ROOT", tmp_path)
    found = "\n".join(tool.problems())
    assert "missing msgid: 'Options'" in found
    assert "empty translation: 'Usage:'" in found
    assert "not what compiling the .po gives" in found


def test_update_adds_keeps_and_prunes(tmp_path, monkeypatch, capsys):
    po, mo = tmp_path / "messages.po", tmp_path / "messages.mo"
    text = tool.PO.read_text(encoding="utf-8")
    text = text.replace('msgid "Options"\nmsgstr "选项"\n', "")
    text += '\nmsgid "Gone from click"\nmsgstr "已删除"\n'
    po.write_text(text, encoding="utf-8")
    monkeypatch.setattr(tool, "PO", po)
    monkeypatch.setattr(tool, "MO", mo)
    assert tool.main([]) == 0
    out = capsys.readouterr().out
    assert "added, to translate: 'Options'" in out
    assert "kept, not in this click: 'Gone from click'" in out  # another click may use it
    assert tool.read_po(po)["Gone from click"][1] == ["已删除"]
    assert tool.main(["--prune"]) == 0
    assert "dropped, not in this click: 'Gone from click'" in capsys.readouterr().out
    catalog = tool.read_po(po)
    assert catalog["Options"][1] == [""] and "Gone from click" not in catalog
    assert catalog["Usage:"][1] == ["用法："]
    first = po.read_text(encoding="utf-8")
    assert tool.main([]) == 0 and po.read_text(encoding="utf-8") == first
    assert mo.read_bytes() == tool.compile_mo(catalog)


PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([^)]*\)[a-z]")


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def test_translations_keep_placeholders():
    catalog = tool.read_po(tool.PO)
    assert len(catalog) > 60
    for msgid, (plural, strs) in catalog.items():
        if not msgid:
            continue
        assert len(strs) == 1, msgid  # Chinese: nplurals=1
        # One Chinese form serves both English forms: it may use either one's fields
        # (click formats a plural message with the fields of both).
        allowed = [placeholders(msgid)] + ([placeholders(plural)] if plural else [])
        assert placeholders(strs[0]) in allowed, (msgid, strs[0])


def test_header_declares_utf8_and_one_plural_form():
    header = tool.read_po(tool.PO)[""][1][0]
    assert "charset=UTF-8" in header
    assert "Plural-Forms: nplurals=1; plural=0;" in header
    with tool.MO.open("rb") as handle:
        info = gettext.GNUTranslations(handle).info()
    assert info["plural-forms"] == "nplurals=1; plural=0;"


# --------------------------------------------------------------------------- inside the block

@pytest.fixture(params=["unset", "C", "en_US.UTF-8"])
def user_locale(request, monkeypatch):
    """The user's locale environment: none at all (as on Windows), LANG=C, English."""
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    if request.param != "unset":
        monkeypatch.setenv("LANG", request.param)
        monkeypatch.setenv("LC_ALL", request.param)
    return request.param


def test_help_in_chinese(user_locale):
    with i18n.chinese_messages():
        out = run("--help")
    assert "用法：" in out and "选项" in out and "命令" in out and "显示此帮助并退出。" in out
    assert "Usage:" not in out and "Show this message" not in out


def test_range_error_in_chinese(user_locale):
    with i18n.chinese_messages():
        out = run("convert", "--name", "a", "--size", "999")
    assert "999 不在范围 1<=x<=64 内。" in out
    assert "错误：" in out and "is not in the range" not in out and "Error:" not in out


def test_close_match_in_chinese(user_locale):
    with i18n.chinese_messages():
        out = run("conver")
    assert "没有这个命令：'conver'。" in out and "是否应为 'convert'？" in out
    assert "Did you mean" not in out


def test_missing_required_option_in_chinese(user_locale):
    with i18n.chinese_messages():
        out = run("convert")
    assert "缺少选项 '--name'" in out and "Missing option" not in out


def test_help_extras_in_chinese(user_locale):
    with i18n.chinese_messages():
        out = run("convert", "--help")
    assert "默认：8" in out and "必填" in out


# --------------------------------------------------------------------------- outside the block

@pytest.mark.parametrize("language", [None, "fr_FR:de", "zh_CN"])
@pytest.mark.parametrize("lang", [None, "C"])
def test_outside_the_block_click_is_english_and_state_restored(monkeypatch, tmp_path,
                                                              language, lang):
    if language is not None:
        monkeypatch.setenv("LANGUAGE", language)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    if lang is not None:
        monkeypatch.setenv("LANG", lang)
    gettext.bindtextdomain("messages", str(tmp_path))  # some program's own binding
    before = (os.environ.get("LANGUAGE"), gettext.bindtextdomain("messages"))

    assert_english()
    with i18n.chinese_messages():
        assert "用法：" in run("--help")
    assert (os.environ.get("LANGUAGE"), gettext.bindtextdomain("messages")) == before
    assert ("LANGUAGE" in os.environ) == (language is not None)
    assert_english()


def test_default_binding_restored():
    before = gettext.bindtextdomain("messages")
    with i18n.chinese_messages():
        assert gettext.bindtextdomain("messages") == str(i18n.catalog_dir())
    assert gettext.bindtextdomain("messages") == before
    assert "LANGUAGE" not in os.environ
    assert_english()


def test_nesting_is_harmless():
    with i18n.chinese_messages():
        with i18n.chinese_messages():
            assert "用法：" in run("--help")
        assert "用法：" in run("--help")
    assert "LANGUAGE" not in os.environ
    assert_english()


def test_restored_after_an_exception():
    with pytest.raises(RuntimeError):
        with i18n.chinese_messages():
            raise RuntimeError("boom")
    assert "LANGUAGE" not in os.environ
    assert_english()


def test_works_when_a_program_changed_the_default_domain():
    gettext.textdomain("someapp")
    with i18n.chinese_messages():
        assert "用法：" in run("--help")
    assert gettext.textdomain() == "someapp"


def test_catalog_dir_holds_the_compiled_catalog():
    folder = i18n.catalog_dir()
    assert folder.is_absolute()
    assert (folder / "zh_CN" / "LC_MESSAGES" / "messages.mo").is_file()
    assert gettext.find("messages", str(folder), languages=["zh_CN"]) is not None
