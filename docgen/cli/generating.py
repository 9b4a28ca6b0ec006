"""Commands that generate documents: render, batch, and what helps with them (kinds,
init, templates, serve)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import click

from ..api import (DEFAULT_KINDS, DEFAULT_NAME, NAME_FIELDS, TABLE_KINDS_TEXT, RosterCheck,
                   builtin_template,
                   check_blank, check_roster,
                   convert_to_pdf, copy_template, init_samples, kind_fields, kinds,
                   render as render_document, roster_headers, run_batch, template_listing)
from .group import (blank_option, echo_blanks, force_option, main, make_script, path_option,
                    script_options_decorator)

KIND_HELP = "、".join(f"{k.name} {k.title}" for k in kinds())
TEMPLATES_DIR_HELP = "修改过的内置模板所在文件夹（见 docgen templates copy）；也可在 docgen.yaml 中设 templates_dir。"


@main.command()
@click.argument("kind", metavar="类型或模板")
@path_option("-i", "--input", "input_path", metavar="数据文件", required=True,
             help="结对数据文件（.yaml / .yml / .json）。")
@path_option("-o", "--output", "output_path", metavar="输出文件",
             help="输出的 .docx 文件；默认为当前文件夹下的“协议书.docx”等。")
@click.option("--strict", is_flag=True, help="严格模式：有任何数据缺失即报错，列出全部缺失项，不生成文件。")
@blank_option()
@force_option()
@path_option("--activities", "activities_path", metavar="活动记录表",
             help="活动记录表（.xlsx、.xls 或 .csv，每行一次活动），代替数据文件中的 summary.activities。")
@path_option("--templates-dir", "templates_dir_path", metavar="文件夹", help=TEMPLATES_DIR_HELP)
@click.option("--pdf", "pdf", is_flag=True, help="同时用 LibreOffice 生成 PDF（需已安装 LibreOffice）。")
@script_options_decorator
def render(kind: str, input_path: Path, output_path: Path | None, strict: bool, blank: str,
           force: bool, activities_path: Path | None, templates_dir_path: Path | None, pdf: bool,
           script: str, keep_file: Path | None, dict_file: Path | None,
           font_map: str | None) -> None:
    """生成一份文书。

    类型或模板：内置类型（见 docgen kinds），或一个 Word 模板（.docx）的路径。

    \b
    示例：
      docgen render agreement -i pairing.yaml -o 协议书.docx
      docgen render summary -i pairing.yaml --activities 活动记录.xlsx -o 工作总结.docx
      docgen render agreement -i pairing.yaml --strict
    """
    result = render_document(kind, input_path, output_path, strict=strict, blank=blank,
                             force=force, activities=activities_path,
                             script=make_script(script, keep_file, dict_file, font_map),
                             templates=templates_dir_path)
    for warning in result.warnings:
        click.echo(f"注意：{warning}", err=True)
    click.echo(f"已生成：{result.output}")
    echo_blanks(result)
    if pdf:
        for path in convert_to_pdf([result.output], force=True):
            click.echo(f"已生成 PDF：{path}")


def _kinds_option(value: str) -> tuple[str, ...]:
    return tuple(k.strip() for k in re.split(r"[,，、\s]+", value) if k.strip())


BATCH_HELP = f"""按名单批量生成：每个结对的协议书、工作计划、工作总结。

名单：{TABLE_KINDS_TEXT}（UTF-8 或 GBK）或 YAML 列表。工作簿中读“结对名单”表，没有时读表头最像名单的表；
可有“默认值”“活动记录”表。表头用中文（{'、'.join(roster_headers()[:12])}……），也认得
支援学校、受援学校、校长、联系电话、结对时间、帮扶年限等常用写法。表头上方的标题、下方的
注、填表人等说明行，序号、备注等不认识的列，都会跳过并列出；合并单元格按每行都有值处理。
先加 --check 看看每列是怎样理解的（不写文件）；docgen init 写出的“名单模板.xlsx”可发给各校填写。

某一行有错时，报告行号和列名并跳过，其余照常生成；有失败时退出码为 1。
已存在的文件不会被覆盖（除非加 --force），中断后重新运行即可补齐。

\b
示例：
  docgen batch 名单.xlsx --check
  docgen batch 名单.xlsx -o 输出 --zip 结对文书.zip
  docgen batch 名单.csv -o 输出 --kinds agreement --defaults 公共.yaml -j 2
"""


@main.command(help=BATCH_HELP)
@click.argument("roster", metavar="名单", type=click.Path(path_type=Path))
@path_option("-o", "--output", "outdir", metavar="输出文件夹",
             help="输出文件夹；每个结对一个子文件夹（加 --check 时不需要）。")
@click.option("--group", "group", is_flag=True,
              help="甲方相同的几行合成一份一对多协议书（乙方一、乙方二……）；工作计划、总结仍每行一份。")
@click.option("--check", "check_only", is_flag=True,
              help="只检查：列出各列的对应、跳过的行和每个问题（行号、列名），不写任何文件。")
@click.option("--kinds", "kind_list", default=",".join(DEFAULT_KINDS), show_default=True,
              metavar="类型", help=f"要生成的文书，逗号分隔：{KIND_HELP}。")
@path_option("--activities", "activities_path", metavar="活动记录表",
             help="活动记录表（.xlsx、.xls 或 .csv），用“编号”列对应到各结对；名单工作簿中的“活动记录”表也会自动读取。")
@path_option("--defaults", "defaults_path", metavar="默认值文件",
             help="各结对相同的数据（主管部门、依据文件、期限等），YAML 格式；名单每行可覆盖。")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 64), metavar="N",
              help="同时工作的进程数。")
@path_option("--zip", "zip_path", metavar="ZIP文件",
             help="另外打包成一个 zip（含清单），Windows 资源管理器可正常显示中文文件名。")
@click.option("--merge", is_flag=True, help="每种文书另外合并成一个文件以便打印，每个结对从新的一页开始。")
@click.option("--strict", is_flag=True, help="严格模式：有数据缺失的文书不生成，记为失败。")
@force_option("覆盖已存在的文件（默认跳过已存在的文件）。")
@click.option("--name", "name_pattern", default=DEFAULT_NAME, show_default=True, metavar="模式",
              help=f"输出文件的路径模式；可用 {' '.join('{' + f + '}' for f in NAME_FIELDS)}。")
@click.option("--encoding", metavar="编码", help="CSV 名单的编码（如 gbk、utf-8）；默认自动识别。")
@blank_option()
@path_option("--templates-dir", "templates_dir_path", metavar="文件夹", help=TEMPLATES_DIR_HELP)
@click.option("--pdf", "pdf", is_flag=True,
              help="同时为每份文书生成 PDF（一个 LibreOffice 进程转换全部文件）。")
@script_options_decorator
def batch(roster: Path, outdir: Path | None, group: bool, check_only: bool, kind_list: str,
          activities_path: Path | None,
          defaults_path: Path | None, jobs: int, zip_path: Path | None, merge: bool, strict: bool,
          force: bool, name_pattern: str, encoding: str | None, blank: str,
          templates_dir_path: Path | None, pdf: bool, script: str, keep_file: Path | None,
          dict_file: Path | None, font_map: str | None) -> None:
    check_blank(blank)
    if check_only:
        _print_check(check_roster(roster, activities=activities_path, defaults=defaults_path,
                                  encoding=encoding, kinds=_kinds_option(kind_list)))
        return
    if outdir is None:
        raise click.UsageError("缺少输出文件夹：请加 -o 输出文件夹（只检查名单时加 --check）")
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
        result = run_batch(roster, outdir, kinds=_kinds_option(kind_list),
                           activities=activities_path, defaults=defaults_path, jobs=jobs,
                           zip_path=zip_path, merge=merge, strict=strict, force=force,
                           name=name_pattern, blank=blank, encoding=encoding, progress=progress,
                           script=make_script(script, keep_file, dict_file, font_map),
                           templates=templates_dir_path, group=group)
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


def _print_check(report: RosterCheck) -> None:
    """The --check report: 列对应, skipped rows, problems and notices; exit 1 on problems."""
    rows = "、".join(map(str, report.header_rows))
    click.echo(f"名单：{report.where}" + (f"（表头在第{rows}行）" if rows else ""))
    if report.columns:
        click.echo("列对应：")
        for column in report.columns:
            click.echo(f"  {column.letter:>2} {column.header} → {column.meaning}")
    for notice in report.notices:
        click.echo(f"说明：{notice.message}")
    for problem in report.problems:
        click.echo(f"问题：{problem}", err=True)
    for warning in report.warnings:
        click.echo(f"注意：{warning}", err=True)
    good = report.pairs - report.pairs_with_problems
    click.echo(f"共 {report.pairs} 个结对：{good} 个可以生成，{report.pairs_with_problems} 个有问题"
               f"（只做了检查，没有写出任何文件）")
    if report.exit_code:
        sys.exit(report.exit_code)


@main.group(invoke_without_command=True, options_metavar="[选项]",
            subcommand_metavar="[copy 类型 文件夹]")
@click.pass_context
def templates(ctx: click.Context) -> None:
    """列出内置模板；docgen templates copy 类型 文件夹 复制一份出来，在 Word 中修改。

    修改后用 --templates-dir 文件夹（或在当前文件夹的 docgen.yaml 中写 templates_dir: 文件夹）
    让 render 和 batch 优先使用修改过的模板。改模板时只改文字和格式，{{ }} 和 {% %} 标签保留；
    改完可用 docgen check 检查。
    """
    if ctx.invoked_subcommand is not None:
        return
    for entry in template_listing():
        mark = f"（使用修改版：{entry.edited}）" if entry.edited else ""
        click.echo(f"{entry.kind.name:<10} {entry.kind.title:<6} {entry.path}{mark}")


@templates.command("copy")
@click.argument("kind", metavar="类型")
@click.argument("directory", metavar="文件夹", type=click.Path(file_okay=False, path_type=Path))
@force_option("文件已存在时覆盖。")
def templates_copy(kind: str, directory: Path, force: bool) -> None:
    """把一个内置模板复制到文件夹中，供修改。"""
    target = copy_template(kind, directory, force=force)
    click.echo(f"已复制：{target}")
    click.echo(f"修改后使用：docgen render {kind} -i 数据.yaml --templates-dir {directory}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, metavar="地址",
              help="监听地址；默认只有本机可以访问。")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), metavar="端口",
              help="端口。")
def serve(host: str, port: int) -> None:
    """启动本机网页：在浏览器中填写表格生成文书、上传名单批量生成、填写已有文档、清理文字。

    启动后在浏览器打开 http://127.0.0.1:8000/ 。按 Ctrl+C 停止。
    """
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"注意：监听 {host}，同一网络中的其他电脑也能访问此网页。", err=True)
    click.echo(f"请在浏览器中打开 http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/")
    # The page is the other front end: run it as its own program rather than import it.
    try:
        code = subprocess.call([sys.executable, "-m", "docgen.web", "--host", host,
                                "--port", str(port)])
    except KeyboardInterrupt:
        code = 0
    sys.exit(code)


@main.command(name="kinds")
def kinds_command() -> None:
    """列出内置文书类型及其用到的字段。"""
    for kind in kinds():
        click.echo(f"{kind.name}  {kind.title} —— {kind.description}")
        click.echo(f"  模板：{builtin_template(kind.name)}")
        click.echo("  用到的数据：")
        fields = kind_fields(kind.name)
        width = max(len(path) for path, _ in fields)
        for path, label in fields:
            click.echo(f"    {path.ljust(width)}  {label}")
        click.echo("")


@main.command()
@click.argument("directory", required=False, default=".", metavar="[文件夹]",
                type=click.Path(file_okay=False, path_type=Path))
@force_option("文件已存在时覆盖。")
def init(directory: Path, force: bool) -> None:
    """写出带注释的示例数据文件，照着修改即可。

    写出 pairing.yaml（完整示例，含工作计划和工作总结）、pairing-partial.yaml（数据不全的示例）、
    community.yaml（共同体实施方案示例）、activities.xlsx / activities.csv（活动记录表示例）、
    两枚示意公章图片，以及“名单模板.xlsx”：发给各校填写的名单（电话、日期列已设为文本，
    年限、活动类型有下拉列表，附填表说明）。
    """
    for path in init_samples(directory, force=force):
        click.echo(f"已写出：{path}")
    click.echo(f"下一步：docgen render agreement -i {directory / 'pairing.yaml'} -o 协议书.docx")

