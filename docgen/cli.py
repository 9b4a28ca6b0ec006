"""The ``docgen`` command line: a thin click layer over :mod:`docgen.api`.

All user-facing text is Chinese. Errors are turned into messages and exit codes in one
place (:class:`DocgenGroup`): 2 for bad input, 1 when a document could not be produced.
This is the only module that imports click.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import traceback
from pathlib import Path

import click

from . import __version__
from .api import (RenderResult, check_blank, check_template_file, clean_source,
                  convert_document, fill_document, fix_template_file, ingest_source, list_blanks,
                  render as render_document, script_options)
from .clean import REPORT_NAMES
from .loaders import dump_yaml
from .output import write_atomic
from .batch import run_batch
from .blanks import DEFAULT_BLANK
from .errors import DocgenError, InputError, Location
from .kinds import (DERIVED_FIELDS, KINDS, input_fields, samples_dir, templates_dir,
                    user_templates_dir)
from .model import field_labels
from .names import DEFAULT_NAME, safe_component
from .pdf import convert_to_pdf
from .postprocess import ScriptOptions
from .script import SCRIPT_NAMES
from .render import template_fields

# --------------------------------------------------------------------------- Chinese click

_CLICK_ZH = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Show this message and exit.": "显示此帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "%(prog)s, version %(version)s": "%(prog)s 版本 %(version)s",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行 '{command} {option}' 查看帮助。",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing command.": "缺少命令。",
    "No such command {name!r}.": "没有这个命令：{name!r}。",
    "No such option {name!r}.": "没有这个选项：{name!r}。",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不接受值。",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 不可读。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "integer": "整数",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "Aborted!": "已中止！",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
}


def _zh(message: str) -> str:
    return _CLICK_ZH.get(message, message)


def _zh_plural(singular: str, plural: str, n: int) -> str:
    return _zh(singular if n == 1 else plural)


def _install_chinese_click_messages() -> None:
    """click's own texts (Usage:, Options, Error: …) go through gettext; answer in Chinese."""
    import importlib

    for name in ("core", "exceptions", "decorators", "types", "formatting", "parser",
                 "_parser", "termui"):
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:
            continue
        if hasattr(module, "_"):
            module._ = _zh
        if hasattr(module, "ngettext"):
            module.ngettext = _zh_plural


_install_chinese_click_messages()


# --------------------------------------------------------------------------- errors

class DocgenClickError(click.ClickException):
    """A :class:`DocgenError` as click shows it: message on stderr, the error's exit code."""

    def __init__(self, error: DocgenError) -> None:
        super().__init__(str(error))
        self.exit_code = error.exit_code

    def show(self, file=None) -> None:  # noqa: D102 - click's signature
        click.echo(f"错误：{self.format_message()}", err=True)


class DocgenGroup(click.Group):
    """Runs every command with docgen's one error policy."""

    def invoke(self, ctx: click.Context):
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
            click.echo(f"内部错误：{type(exc).__name__}: {exc}\n"
                       "这是 docgen 的问题，不是您的数据的问题。设置环境变量 DOCGEN_DEBUG=1 "
                       "可显示详细信息，请连同输入文件一并反馈。", err=True)
            ctx.exit(1)


CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class DocgenCommand(click.Command):
    """A command whose usage line reads 选项 rather than OPTIONS."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)


DocgenGroup.command_class = DocgenCommand


@click.group(cls=DocgenGroup, context_settings=CONTEXT, options_metavar="[选项]",
             subcommand_metavar="命令 [参数]...")
@click.version_option(__version__, "-V", "--version", prog_name="docgen")
def main() -> None:
    """docgen —— 城乡学校结对帮扶文书生成工具。

    由 YAML / JSON 数据生成结对帮扶协议书等 Word 文书；缺少的数据在文中留空（____），
    生成后列出留空项目。

    \b
    快速开始：
      docgen init 我的结对           写出示例数据
      docgen render agreement -i 我的结对/pairing.yaml -o 协议书.docx
    """


# --------------------------------------------------------------------------- script options

SCRIPT_CHOICES = "hans 简体、hant 繁体、tw 台湾、twp 台湾（含词汇）、hk 香港"


def script_options_decorator(command):
    """--script, --keep, --dict and --font-map, shared by render and batch."""
    options = [
        click.option("--script", "script", default="hans", show_default=True, metavar="文字",
                     help=f"输出文字：{SCRIPT_CHOICES}。"),
        click.option("--keep", "keep_file", metavar="词表", type=click.Path(path_type=Path),
                     help="不转换的词（UTF-8 文本文件，每行一个）。"),
        click.option("--dict", "dict_file", metavar="词对表", type=click.Path(path_type=Path),
                     help="自定义转换词对（UTF-8，每行「原词<Tab>目标词」）。"),
        click.option("--font-map", "font_map", metavar="字体", help="繁体输出的字体对应：tw、hk 或 "
                     "「仿宋_GB2312=標楷體,…」；默认把只含 GB2312 字符的字体换成仿宋、楷体、宋体。"),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _script(script: str, keep_file: Path | None, dict_file: Path | None,
            font_map: str | None) -> ScriptOptions:
    return script_options(script, keep_file=keep_file, dict_file=dict_file, font_map=font_map)


# --------------------------------------------------------------------------- render

@main.command()
@click.argument("kind", metavar="类型或模板")
@click.option("-i", "--input", "input_path", required=True, metavar="数据文件",
              type=click.Path(path_type=Path), help="结对数据文件（.yaml / .yml / .json）。")
@click.option("-o", "--output", "output_path", metavar="输出文件", type=click.Path(path_type=Path),
              help="输出的 .docx 文件；默认为当前文件夹下的“协议书.docx”等。")
@click.option("--strict", is_flag=True, help="严格模式：有任何数据缺失即报错，列出全部缺失项，不生成文件。")
@click.option("--blank", default=DEFAULT_BLANK, show_default=True, metavar="占位符",
              help="缺失数据在文中显示的占位符。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖。")
@click.option("--activities", "activities_path", metavar="活动记录表", type=click.Path(path_type=Path),
              help="活动记录（.xlsx / .csv，每行一次活动），代替数据文件中的 summary.activities。")
@click.option("--templates-dir", "templates_dir_path", metavar="文件夹", type=click.Path(path_type=Path),
              help="修改过的内置模板所在文件夹（见 docgen templates copy）；也可在 docgen.yaml 中设 templates_dir。")
@click.option("--pdf", "pdf", is_flag=True, help="同时用 LibreOffice 生成 PDF（需已安装 LibreOffice）。")
@script_options_decorator
def render(kind: str, input_path: Path, output_path: Path | None, strict: bool, blank: str,
           force: bool, activities_path: Path | None, templates_dir_path: Path | None, pdf: bool,
           script: str, keep_file: Path | None, dict_file: Path | None,
           font_map: str | None) -> None:
    """生成一份文书。

    类型或模板：内置类型（见 docgen kinds：agreement 协议书、plan 工作计划、summary 工作总结、
    scheme 共同体实施方案），或一个 Word 模板（.docx）的路径。

    \b
    示例：
      docgen render agreement -i pairing.yaml -o 协议书.docx
      docgen render summary -i pairing.yaml --activities 活动记录.xlsx -o 工作总结.docx
      docgen render agreement -i pairing.yaml --strict
    """
    result = render_document(kind, input_path, output_path, strict=strict, blank=blank,
                             force=force, activities=activities_path,
                             script=_script(script, keep_file, dict_file, font_map),
                             templates=templates_dir_path)
    for warning in result.warnings:
        click.echo(f"注意：{warning}", err=True)
    click.echo(f"已生成：{result.output}")
    _echo_blanks(result)
    if pdf:
        for path in convert_to_pdf([result.output], force=True):
            click.echo(f"已生成 PDF：{path}")


def _echo_blanks(result: RenderResult) -> None:
    if not result.blanks:
        click.echo("没有留空项。")
        return
    labels = _labels()
    items = result.blanks.items()
    click.echo(f"留空 {result.blanks.total} 处，共 {len(items)} 项"
               "（可打印后手工填写，或补充数据后重新生成）：")
    width = max(len(field) for field, _ in items)
    for field, count in items:
        label = labels.get(field) or labels.get(re.sub(r"\[\d+\]", "[]", field), "")
        click.echo(f"  {field.ljust(width)}  {label}  {count} 处")


def _labels() -> dict[str, str]:
    labels = field_labels()
    for derived, sources in DERIVED_FIELDS.items():
        labels.setdefault(derived, labels.get(sources[0], sources[0]))
    return labels


# --------------------------------------------------------------------------- batch

def _kinds_option(value: str) -> tuple[str, ...]:
    return tuple(k.strip() for k in re.split(r"[,，、\s]+", value) if k.strip())


@main.command()
@click.argument("roster", metavar="名单", type=click.Path(path_type=Path))
@click.option("-o", "--output", "outdir", required=True, metavar="输出文件夹",
              type=click.Path(path_type=Path), help="输出文件夹；每个结对一个子文件夹。")
@click.option("--kinds", default="agreement,plan,summary", show_default=True, metavar="类型",
              help="要生成的文书，逗号分隔：agreement 协议书、plan 工作计划、summary 工作总结、scheme 实施方案。")
@click.option("--activities", "activities_path", metavar="活动记录表", type=click.Path(path_type=Path),
              help="活动记录（.xlsx / .csv），用“编号”列对应到各结对；名单工作簿中的“活动记录”表也会自动读取。")
@click.option("--defaults", "defaults_path", metavar="默认值文件", type=click.Path(path_type=Path),
              help="各结对相同的数据（主管部门、依据文件、期限等），YAML 格式；名单每行可覆盖。")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 64), metavar="N",
              help="同时工作的进程数。")
@click.option("--zip", "zip_path", metavar="ZIP文件", type=click.Path(path_type=Path),
              help="另外打包成一个 zip（含清单），Windows 资源管理器可正常显示中文文件名。")
@click.option("--merge", is_flag=True, help="每种文书另外合并成一个文件以便打印，每个结对从新的一页开始。")
@click.option("--strict", is_flag=True, help="严格模式：有数据缺失的文书不生成，记为失败。")
@click.option("--force", is_flag=True, help="覆盖已存在的文件（默认跳过已存在的文件）。")
@click.option("--name", "name_pattern", default=DEFAULT_NAME, show_default=True, metavar="模式",
              help="输出文件的路径模式；可用 {id} {supporter} {supported} {title} {kind} {row}。")
@click.option("--encoding", metavar="编码", help="CSV 名单的编码（如 gbk、utf-8）；默认自动识别。")
@click.option("--blank", default=DEFAULT_BLANK, show_default=True, metavar="占位符",
              help="缺失数据在文中显示的占位符。")
@click.option("--templates-dir", "templates_dir_path", metavar="文件夹", type=click.Path(path_type=Path),
              help="修改过的内置模板所在文件夹（见 docgen templates copy）。")
@click.option("--pdf", "pdf", is_flag=True,
              help="同时为每份文书生成 PDF（一个 LibreOffice 进程转换全部文件）。")
@script_options_decorator
def batch(roster: Path, outdir: Path, kinds: str, activities_path: Path | None,
          defaults_path: Path | None, jobs: int, zip_path: Path | None, merge: bool, strict: bool,
          force: bool, name_pattern: str, encoding: str | None, blank: str,
          templates_dir_path: Path | None, pdf: bool, script: str, keep_file: Path | None,
          dict_file: Path | None, font_map: str | None) -> None:
    """按名单批量生成：每个结对的协议书、工作计划、工作总结。

    名单：.xlsx（第一个工作表或“结对名单”表；可有“默认值”“活动记录”表）、.csv（UTF-8 或 GBK）
    或 YAML 列表。表头用中文（编号、甲方学校、甲方代表、乙方学校、乙方代表、开始年月、年限、
    签订日期、文号、主管部门……）。

    某一行有错时，报告行号和列名并跳过，其余照常生成；有失败时退出码为 1。
    已存在的文件不会被覆盖（除非加 --force），中断后重新运行即可补齐。

    \b
    示例：
      docgen batch 名单.xlsx -o 输出 --zip 结对文书.zip
      docgen batch 名单.csv -o 输出 --kinds agreement --defaults 公共.yaml -j 2
    """
    check_blank(blank)
    bar = None
    show_bar = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if not show_bar:
            return
        if bar is None:
            bar = click.progressbar(length=total, label="生成中", file=sys.stderr)
            bar.__enter__()
        bar.update(1)

    try:
        result = run_batch(roster, outdir, kinds=_kinds_option(kinds), activities=activities_path,
                           defaults=defaults_path, jobs=jobs, zip_path=zip_path, merge=merge,
                           strict=strict, force=force, name=name_pattern, blank=blank,
                           encoding=encoding, progress=progress,
                           script=_script(script, keep_file, dict_file, font_map),
                           templates=templates_dir_path)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    for row in result.rows:
        if row.status == "error":
            click.echo(f"失败：{row.pair} {row.kind}：{row.message}", err=True)
    for note in result.notes:
        click.echo(f"注意：{note}", err=True)
    if pdf:
        documents = [result.outdir / r.path for r in result.rows
                     if r.status in ("ok", "blanks", "skipped")]
        written = convert_to_pdf([d for d in documents if d.is_file()], force=force)
        click.echo(f"已生成 PDF {len(written)} 份")
    click.echo(f"清单：{result.manifest}")
    if result.zip_path:
        click.echo(f"压缩包：{result.zip_path}")
    for path in result.merged:
        click.echo(f"合并文件：{path}")
    click.echo(f"写出 {result.written} 份（其中有留空 {result.count('blanks')} 份），"
               f"失败 {result.failed} 份，跳过已存在 {result.count('skipped')} 份，"
               f"用时 {result.elapsed:.1f} 秒")
    if result.exit_code:
        sys.exit(result.exit_code)


# --------------------------------------------------------------------------- convert

@main.command()
@click.argument("source_path", metavar="输入文件", type=click.Path(path_type=Path))
@click.option("-o", "--output", "output_path", required=True, metavar="输出文件",
              type=click.Path(path_type=Path), help="输出文件（与输入同类型）。")
@click.option("--to", "to", metavar="文字", help=f"目标文字：{SCRIPT_CHOICES}。")
@click.option("--from", "source", metavar="文字", help="原文字；不写则自动识别。")
@click.option("--config", metavar="配置", help="直接指定 OpenCC 配置（如 s2hkp、jp2t），代替 --from/--to。")
@click.option("--keep", "keep_file", metavar="词表", type=click.Path(path_type=Path),
              help="不转换的词（UTF-8 文本文件，每行一个）。")
@click.option("--dict", "dict_file", metavar="词对表", type=click.Path(path_type=Path),
              help="自定义转换词对（UTF-8，每行「原词<Tab>目标词」）。")
@click.option("--font-map", "font_map", metavar="字体", help="字体对应：tw、hk、none 或「原字体=新字体,…」。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖。")
def convert(source_path: Path, output_path: Path, to: str | None, source: str | None,
            config: str | None, keep_file: Path | None, dict_file: Path | None,
            font_map: str | None, force: bool) -> None:
    """简繁转换：.docx、.txt 或 .md 文件。

    Word 文档中按整段转换再放回原来的各个格式片段，词语不会被格式拆散（头|发 → 頭髮），
    字体、字号、加粗、页眉页脚、脚注、批注、文本框都保留。

    \b
    示例：
      docgen convert 协议书.docx -o 協議書.docx --to hant
      docgen convert 總結.docx -o 总结.docx --to hans
      docgen convert 说明.txt -o 說明.txt --to twp --keep 保留词.txt
    """
    result = convert_document(source_path, output_path, to=to, source=source, config=config,
                              keep_file=keep_file, dict_file=dict_file, font_map=font_map,
                              force=force)
    what = (f"按 OpenCC 配置 {result.source}" if config else
            f"{SCRIPT_NAMES[result.source]} → {SCRIPT_NAMES[result.target]}")
    click.echo(f"已转换（{what}）：{result.output}")


# --------------------------------------------------------------------------- blanks, fill

_SHAPES_ZH = {"underline": "下划线", "stars": "星号", "xx": "xx", "year": "年份", "date_space": "日期空格",
              "colon": "冒号后空", "underlined_space": "下划线空格", "empty_cell": "空单元格"}


@main.command()
@click.argument("document", metavar="文档", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（便于其他程序读取）。")
def blanks(document: Path, as_json: bool) -> None:
    """列出文档（.docx 或 .txt）中所有待填的空白和内容控件。

    空白的样子：____、＿＿、** / *** / xx / xxxx、20xx / 20__、“2008年 月 日”中的空格、
    “甲方:”这样冒号后什么也没有、加了下划线的空格、标签旁边的空单元格。
    每处给出编号、位置、前后文字和猜测的标签（年、月、日、甲方、代表、人数、节数……），
    填写时按编号或标签给值：docgen fill 文档 -i 值.yaml -o 输出。
    """
    scan = list_blanks(document)
    if as_json:
        import json

        click.echo(json.dumps(scan.as_json(), ensure_ascii=False, indent=2))
        return
    if not scan.blanks and not scan.controls:
        click.echo("没有找到空白。")
        return
    for b in scan.blanks:
        click.echo(f"{b.number:>4}  {b.where}  〔{b.label}〕  …{b.before}【{b.text or ' '}】{b.after}…"
                   f"  ({_SHAPES_ZH.get(b.shape, b.shape)})")
    for c in scan.controls:
        name = c.tag or c.title
        choices = f"  可选：{'、'.join(c.choices)}" if c.choices else ""
        click.echo(f"控件  {name}  ({c.kind})  当前：{c.text}{choices}")
    click.echo(f"共 {len(scan.blanks)} 处空白，{len(scan.controls)} 个内容控件。")


@main.command()
@click.argument("document", metavar="文档", type=click.Path(path_type=Path))
@click.option("-i", "--input", "values_path", required=True, metavar="值文件",
              type=click.Path(path_type=Path), help="YAML / JSON：空白编号或标签（或控件的标记、标题）→ 内容。")
@click.option("-o", "--output", "output_path", required=True, metavar="输出文件",
              type=click.Path(path_type=Path), help="填好的文档。")
@click.option("--underline", is_flag=True, help="填入的内容加下划线（按填表习惯）。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖。")
def fill(document: Path, values_path: Path, output_path: Path, underline: bool, force: bool) -> None:
    """按编号或标签填写文档中的空白，保留原有格式。

    \b
    值文件示例（YAML）：
      3: 常州市实验小学      # 第 3 处空白
      年: 2025              # 所有标签为“年”的空白
      月: [9, 8]            # 标签为“月”的空白，依次填入
      甲方: 常州市实验小学
    """
    result = fill_document(document, values_path, output_path, underline=underline, force=force)
    click.echo(f"已填写 {result.filled} 处：{output_path}")
    for key in result.unmatched:
        click.echo(f"注意：「{key}」没有对应的空白或控件，未使用", err=True)
    if result.remaining:
        click.echo(f"还剩 {len(result.remaining)} 处空白：")
        for b in result.remaining:
            click.echo(f"{b.number:>4}  {b.where}  〔{b.label}〕  …{b.before}【{b.text or ' '}】{b.after}…")
    else:
        click.echo("没有剩余的空白。")


# --------------------------------------------------------------------------- clean, ingest

@main.command()
@click.argument("source", metavar="来源", required=False, default="-")
@click.option("-o", "--output", "output_path", required=True, metavar="输出",
              type=click.Path(path_type=Path),
              help="输出文件；含多篇文档时给一个文件夹（不带扩展名），每篇一个文件。")
@click.option("--to", "to", type=click.Choice(["hans", "hant"]), help="同时转为简体（hans）或繁体（hant）。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖。")
def clean(source: str, output_path: Path, to: str | None, force: bool) -> None:
    """清理从文库网站复制来的文字（.txt / .html，或用 - 从标准输入粘贴）。

    去掉拼音注音 城鄉(xiāng)、HTML 标签、页码、“已阅读…”“下载本文档”、版权说明、温馨提示、评论框、
    表格残留的 |；修复 GBK 错位造成的乱码（无法恢复的字标为 □ 并报告位置）；恢复被连在一起的段落；
    一个文件中有多篇（篇一…、第一篇:、工作总结(二)…）时分开保存。
    """
    if source == "-":
        result = clean_source(None, text=click.get_text_stream("stdin").read(), to=to)
    else:
        result = clean_source(source, to=to)
    documents = result.documents
    if len(documents) > 1 and not output_path.suffix:
        for number, document in enumerate(documents, 1):
            name = safe_component(f"{number:02d}_{document.title[:30]}") + ".txt"
            write_atomic(output_path / name, document.text.encode("utf-8"), force=force)
            click.echo(f"已写出：{output_path / name}")
    else:
        target = output_path if output_path.suffix else output_path.with_suffix(".txt")
        write_atomic(target, result.text.encode("utf-8"), force=force)
        click.echo(f"已写出：{target}")
    click.echo("清理报告：")
    for key, count in result.report.counts.items():
        click.echo(f"  {REPORT_NAMES.get(key, key)}：{count}")
    for note in result.report.flagged:
        click.echo(f"  注意：{note}")


@main.command()
@click.argument("source", metavar="来源", type=click.Path(path_type=Path))
@click.option("-o", "--output", "output_path", required=True, metavar="模板",
              type=click.Path(path_type=Path), help="生成的 Word 模板（.docx）。")
@click.option("--fields", "fields_path", metavar="字段文件", type=click.Path(path_type=Path),
              help="字段骨架（YAML）；默认与模板同名的 .yaml。")
@click.option("--to", "to", type=click.Choice(["hans", "hant"]), help="同时转为简体或繁体。")
@click.option("--document", "document", default=1, show_default=True, type=int, metavar="N",
              help="来源含多篇时，取第几篇。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖。")
def ingest(source: Path, output_path: Path, fields_path: Path | None, to: str | None,
           document: int, force: bool) -> None:
    """把清理后的文字（或 .docx）做成可编辑的 Word 模板：标题按编号排版，空白变成字段。

    “一、”设为一级标题（黑体），“（一）”设为二级标题（楷体），正文仿宋、首行缩进两字；
    每处空白成为一个字段（year_1、month_1、甲方……），并写出字段文件，填好后：
    docgen render 模板.docx -i 字段文件.yaml -o 输出.docx
    """
    if output_path.suffix.lower() != ".docx":
        raise InputError("模板文件应为 .docx", Location(file=str(output_path)))
    fields = fields_path or output_path.with_suffix(".yaml")
    result = ingest_source(source, to=to, document=document)
    write_atomic(output_path, result.data, force=force)
    write_atomic(fields, result.fields_yaml().encode("utf-8"), force=force)
    click.echo(f"已生成模板：{output_path}（标题 {result.headings['Title']}，一级标题 "
               f"{result.headings['Heading 1']}，二级标题 {result.headings['Heading 2']}，正文 "
               f"{result.headings['Normal']} 段）")
    click.echo(f"字段 {len(result.fields)} 个：{fields}")


# --------------------------------------------------------------------------- check

@main.command()
@click.argument("template", metavar="模板", type=click.Path(path_type=Path))
@click.option("--fix", is_flag=True, help="修正：全角符号改为半角，被格式拆开的标签合并，另存为新文件。")
@click.option("-o", "--output", "output_path", metavar="输出文件", type=click.Path(path_type=Path),
              help="--fix 的输出文件；默认为“原名（已修正）.docx”。")
@click.option("--skeleton", "skeleton_path", metavar="YAML文件", type=click.Path(path_type=Path),
              help="把数据骨架写入此文件，照着填写后即可 docgen render 模板 -i 此文件。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖。")
def check(template: Path, fix: bool, output_path: Path | None, skeleton_path: Path | None,
          force: bool) -> None:
    """检查自己的 Word 模板：语法错误、被格式拆开的标签、全角符号、需要的数据。

    \b
    示例：
      docgen check 我的模板.docx
      docgen check 我的模板.docx --fix
      docgen check 我的模板.docx --skeleton 数据.yaml
    """
    report = check_template_file(template)
    for finding in report.findings:
        prefix = "错误" if finding.level == "error" else "提醒"
        click.echo(f"{prefix}：{finding}", err=finding.level == "error")
    if fix:
        target = output_path or template.with_name(f"{template.stem}（已修正）.docx")
        count = fix_template_file(template, target, force=force)
        click.echo(f"已修正 {count} 个标签：{target}")
    if report.variables:
        click.echo(f"需要的数据（{len(report.variables)} 项）：{'、'.join(report.variables)}")
        skeleton = dump_yaml(report.skeleton)
        if skeleton_path:
            write_atomic(skeleton_path, skeleton.encode("utf-8"), force=force)
            click.echo(f"数据骨架已写入：{skeleton_path}")
        else:
            click.echo("数据骨架（YAML）：")
            click.echo(skeleton.rstrip())
    if not report.findings:
        click.echo("没有发现问题。")
    if report.errors and not fix:
        sys.exit(2)


# --------------------------------------------------------------------------- templates

@main.group(invoke_without_command=True)
@click.pass_context
def templates(ctx: click.Context) -> None:
    """列出内置模板；docgen templates copy 类型 文件夹 复制一份出来，在 Word 中修改。

    修改后用 --templates-dir 文件夹（或在当前文件夹的 docgen.yaml 中写 templates_dir: 文件夹）
    让 render 和 batch 优先使用修改过的模板。改模板时只改文字和格式，{{ }} 和 {% %} 标签保留；
    改完可用 docgen check 检查。
    """
    if ctx.invoked_subcommand is not None:
        return
    edited = user_templates_dir()
    for kind in KINDS.values():
        path = templates_dir() / kind.template
        mark = ""
        if edited is not None and (edited / kind.template).is_file():
            mark = f"（使用修改版：{edited / kind.template}）"
        click.echo(f"{kind.name:<10} {kind.title:<6} {path}{mark}")


@templates.command("copy")
@click.argument("kind", metavar="类型")
@click.argument("directory", metavar="文件夹", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="文件已存在时覆盖。")
def templates_copy(kind: str, directory: Path, force: bool) -> None:
    """把一个内置模板复制到文件夹中，供修改。"""
    if kind not in KINDS:
        raise InputError(f"未知的文书类型「{kind}」（可用：{'、'.join(KINDS)}）", Location())
    source = templates_dir() / KINDS[kind].template
    target = directory / KINDS[kind].template
    write_atomic(target, source.read_bytes(), force=force)
    click.echo(f"已复制：{target}")
    click.echo(f"修改后使用：docgen render {kind} -i 数据.yaml --templates-dir {directory}")


# --------------------------------------------------------------------------- serve

@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, metavar="地址",
              help="监听地址；默认只有本机可以访问。")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), metavar="端口",
              help="端口。")
def serve(host: str, port: int) -> None:
    """启动本机网页：在浏览器中填写表格生成文书、上传名单批量生成、填写已有文档、清理文字。

    启动后在浏览器打开 http://127.0.0.1:8000/ 。按 Ctrl+C 停止。
    """
    from .web import serve as run_server

    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"注意：监听 {host}，同一网络中的其他电脑也能访问此网页。", err=True)
    click.echo(f"请在浏览器中打开 http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/")
    run_server(host, port)


# --------------------------------------------------------------------------- kinds

@main.command()
def kinds() -> None:
    """列出内置文书类型及其用到的字段。"""
    for kind in KINDS.values():
        template = templates_dir() / kind.template
        click.echo(f"{kind.name}  {kind.title} —— {kind.description}")
        click.echo(f"  模板：{template}")
        click.echo("  用到的数据：")
        known = field_labels()
        fields = input_fields(template_fields(template), set(known))
        width = max(len(f) for f in fields)
        for field in fields:
            click.echo(f"    {field.ljust(width)}  {known[field]}")
        click.echo("")


# --------------------------------------------------------------------------- init

@main.command()
@click.argument("directory", required=False, default=".", metavar="[文件夹]",
                type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="文件已存在时覆盖。")
def init(directory: Path, force: bool) -> None:
    """写出带注释的示例数据文件，照着修改即可。

    写出 pairing.yaml（完整示例，含工作计划和工作总结）、pairing-partial.yaml（数据不全的示例）、
    community.yaml（共同体实施方案示例）、activities.xlsx / activities.csv（活动记录表示例）
    和两枚示意公章图片。
    """
    source = samples_dir()
    names = ["pairing.yaml", "pairing-partial.yaml", "community.yaml", "activities.xlsx",
             "activities.csv", "seal_a.png", "seal_b.png"]
    existing = [n for n in names if (directory / n).exists()]
    if existing and not force:
        raise InputError(f"文件已存在：{'、'.join(existing)}；如需覆盖请加 --force",
                         Location(file=str(directory)))
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for name in names:
            shutil.copyfile(source / name, directory / name)
    except OSError as exc:
        raise InputError(f"无法写入：{exc.strerror or exc}", Location(file=str(directory))) from None
    for name in names:
        click.echo(f"已写出：{directory / name}")
    click.echo(f"下一步：docgen render agreement -i {directory / 'pairing.yaml'} -o 协议书.docx")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
