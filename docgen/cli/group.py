"""The ``docgen`` group: error policy, Chinese messages, and the options commands share."""

from __future__ import annotations

import re

import os
import sys
import traceback
from pathlib import Path
from typing import Any, Callable

import click

from ..api import (DEFAULT_BLANK, VERSION, RenderResult, ScriptOptions, field_label,
                   script_choices, script_options)
from ..errors import DocgenError, internal_error
from .i18n import chinese_messages


class DocgenClickError(click.ClickException):
    """A :class:`DocgenError` as click shows it: message on stderr, the error's exit code."""

    def __init__(self, error: DocgenError) -> None:
        super().__init__(str(error))
        self.exit_code = error.exit_code

    def show(self, file: Any = None) -> None:  # noqa: D102 - click's signature
        click.echo(f"错误：{self.format_message()}", err=True)


class ChineseHelpFormatter(click.HelpFormatter):
    """Help laid out with Chinese punctuation: 用法：…, 选项：."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix if prefix is not None else "用法：")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        # click joins a paragraph's lines with a space, which Chinese does not put between
        # characters: join them without one (\b blocks keep their lines).
        paragraphs = re.split(r"(\n\s*\n)", text)
        joined = [p if p.lstrip().startswith("\b") else
                  re.sub(r"(?<=[^\x00-\x7f])\n[ \t]*(?=[^\x00-\x7f])", "", p) for p in paragraphs]
        super().write_text("".join(joined))


class DocgenContext(click.Context):
    formatter_class = ChineseHelpFormatter


class DocgenCommand(click.Command):
    """A command whose usage line reads 选项 rather than OPTIONS."""

    context_class = DocgenContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)


class DocgenGroup(click.Group):
    """Runs every command with docgen's one error policy, speaking Chinese."""

    command_class = DocgenCommand
    group_class = type  # subgroups (docgen templates) are DocgenGroups too
    context_class = DocgenContext

    def main(self, *args: Any, **kwargs: Any) -> Any:
        # click's own texts ("Usage:", "Error: …") in Chinese for this run only.
        with chinese_messages():
            return super().main(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DocgenError as error:
            raise DocgenClickError(error) from None
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            raise click.Abort() from None
        except BrokenPipeError:  # output piped into `head`: not an error of ours
            sys.stderr.close()
            ctx.exit(1)
        except Exception as exc:  # a bug in docgen, not the user's doing
            if os.environ.get("DOCGEN_DEBUG"):
                traceback.print_exc()
            click.echo(f"{internal_error(exc)}\n设置环境变量 DOCGEN_DEBUG=1 可显示详细信息。",
                       err=True)
            ctx.exit(1)


CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=DocgenGroup, context_settings=CONTEXT, options_metavar="[选项]",
             subcommand_metavar="命令 [参数]...")
@click.version_option(VERSION, "-V", "--version", prog_name="docgen",
                      message="%(prog)s 版本 %(version)s", help="显示版本并退出。")
def main() -> None:
    """docgen —— 城乡学校结对帮扶文书生成工具。

    由 YAML / JSON 数据生成结对帮扶协议书等 Word 文书；缺少的数据在文中留空（____），
    生成后列出留空项目。

    \b
    快速开始：
      docgen init 我的结对           写出示例数据
      docgen render agreement -i 我的结对/pairing.yaml -o 协议书.docx
    """


# --------------------------------------------------------------------------- shared options

def path_option(*names: str, metavar: str, help: str, required: bool = False) -> Callable:
    """An option naming a file or folder (as a Path; docgen checks it and says why)."""
    return click.option(*names, required=required, metavar=metavar,
                        type=click.Path(path_type=Path), help=help)


def force_option(help: str = "输出文件已存在时覆盖。") -> Callable:
    return click.option("--force", is_flag=True, help=help)


def blank_option() -> Callable:
    return click.option("--blank", default=DEFAULT_BLANK, show_default=True, metavar="占位符",
                        help="缺失数据在文中显示的占位符。")


def keep_dict_options(command: Callable) -> Callable:
    """--keep and --dict: words kept as they are, and phrase pairs, for conversion."""
    command = click.option("--dict", "dict_file", metavar="词对表", type=click.Path(path_type=Path),
                           help="自定义转换词对（UTF-8，每行「原词<Tab>目标词」）。")(command)
    return click.option("--keep", "keep_file", metavar="词表", type=click.Path(path_type=Path),
                        help="不转换的词（UTF-8 文本文件，每行一个）。")(command)


def script_options_decorator(command: Callable) -> Callable:
    """--script, --keep, --dict and --font-map, shared by render and batch."""
    command = click.option(
        "--font-map", "font_map", metavar="字体", help="繁体输出的字体对应：tw、hk 或 "
        "「仿宋_GB2312=標楷體,…」；默认把只含 GB2312 字符的字体换成仿宋、楷体、宋体。")(command)
    command = keep_dict_options(command)
    return click.option("--script", "script", default="hans", show_default=True, metavar="文字",
                        help=f"输出文字：{script_choices()}。")(command)


def make_script(script: str, keep_file: Path | None, dict_file: Path | None,
                font_map: str | None) -> ScriptOptions:
    return script_options(script, keep_file=keep_file, dict_file=dict_file, font_map=font_map)


def echo_blanks(result: RenderResult) -> None:
    """The blanks left in a document: each field, its label, how many places."""
    if not result.blanks:
        click.echo("没有留空项。")
        return
    items = result.blanks.items()
    click.echo(f"留空 {result.blanks.total} 处，共 {len(items)} 项"
               "（可打印后手工填写，或补充数据后重新生成）：")
    width = max(len(path) for path, _ in items)
    for path, count in items:
        click.echo(f"  {path.ljust(width)}  {field_label(path)}  {count} 处")
