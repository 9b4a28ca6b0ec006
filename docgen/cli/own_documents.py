"""Commands for users' own documents: convert, blanks, fill, clean, ingest, check."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..api import (SHAPE_NAMES, check_template_file, clean_source, convert_document,
                   fill_document, fix_template_file, ingest_file, list_blanks, script_choices,
                   scripts, skeleton_yaml, write_cleaned, write_text)
from .group import force_option, keep_dict_options, main, path_option


@main.command()
@click.argument("source_path", metavar="输入文件", type=click.Path(path_type=Path))
@path_option("-o", "--output", "output_path", metavar="输出文件", required=True,
             help="输出文件（与输入同类型）。")
@click.option("--to", "to", metavar="文字", help=f"目标文字：{script_choices()}。")
@click.option("--from", "source", metavar="文字", help="原文字；不写则自动识别。")
@click.option("--config", metavar="配置", help="直接指定 OpenCC 配置（如 s2hkp、jp2t），代替 --from/--to。")
@keep_dict_options
@click.option("--names", "names_file", metavar="名字表", type=click.Path(path_type=Path),
              help="按人名、地名转换的名字（UTF-8，每行一个，或「原文=写法」）；"
                   "代表、联系人、校长、组长、成员之后和姓名、校名列中的名字会自动识别。")
@click.option("--font-map", "font_map", metavar="字体", help="字体对应：gbk、tw、hk、none 或「原字体=新字体,…」。")
@force_option()
def convert(source_path: Path, output_path: Path, to: str | None, source: str | None,
            config: str | None, keep_file: Path | None, dict_file: Path | None,
            names_file: Path | None, font_map: str | None, force: bool) -> None:
    """简繁转换：.docx、.txt 或 .md 文件。

    Word 文档中按整段转换再放回原来的各个格式片段，词语不会被格式拆散（头|发 → 頭髮），
    字体、字号、加粗、页眉页脚、脚注、批注、文本框都保留。

    \b
    示例：
      docgen convert 协议书.docx -o 協議書.docx --to hant
      docgen convert 總結.docx -o 总结.docx --to hans
      docgen convert 说明.txt -o 說明.txt --to twp --keep 保留词.txt
      docgen convert 登记表.docx -o 登記表.docx --to tw --names 名字.txt
    """
    result = convert_document(source_path, output_path, to=to, source=source, config=config,
                              keep_file=keep_file, dict_file=dict_file, font_map=font_map,
                              force=force, names_file=names_file)
    script_names = {s.key: s.name for s in scripts()}
    what = (f"按 OpenCC 配置 {result.source}" if config else
            f"{script_names[result.source]} → {script_names[result.target]}")
    click.echo(f"已转换（{what}）：{result.output}")
    for label, names in (("人名", result.names.people), ("学校、地名", result.names.places)):
        if names:
            click.echo(f"按{label}转换：{'、'.join(names[:12])}{'等' if len(names) > 12 else ''}")


def _blank_line(b) -> str:
    short = f"（也可写 {'、'.join(b.short)}）" if b.short else ""
    return f"{b.number:>4}  {b.where}  〔{b.label}〕{short}  …{b.before}【{b.text or ' '}】{b.after}…"


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
        click.echo(json.dumps(scan.as_json(), ensure_ascii=False, indent=2))
        return
    if not scan.blanks and not scan.controls:
        click.echo("没有找到空白。")
        return
    for b in scan.blanks:
        click.echo(f"{_blank_line(b)}  ({SHAPE_NAMES.get(b.shape, b.shape)})")
    for c in scan.controls:
        choices = f"  可选：{'、'.join(c.choices)}" if c.choices else ""
        click.echo(f"控件  {c.tag or c.title}  ({c.kind})  当前：{c.text}{choices}")
    click.echo(f"共 {len(scan.blanks)} 处空白，{len(scan.controls)} 个内容控件。")


@main.command()
@click.argument("document", metavar="文档", type=click.Path(path_type=Path))
@path_option("-i", "--input", "values_path", metavar="值文件", required=True,
             help="YAML / JSON：空白编号或标签（或控件的标记、标题）→ 内容。")
@path_option("-o", "--output", "output_path", metavar="输出文件", required=True, help="填好的文档。")
@click.option("--underline", is_flag=True, help="填入的内容加下划线（按填表习惯）。")
@force_option()
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
            click.echo(_blank_line(b))
    else:
        click.echo("没有剩余的空白。")


@main.command()
@click.argument("source", metavar="来源", required=False, default="-")
@path_option("-o", "--output", "output_path", metavar="输出", required=True,
             help="输出文件；含多篇文档时给一个文件夹（不带扩展名），每篇一个文件。")
@click.option("--to", "to", type=click.Choice(["hans", "hant"]), help="同时转为简体（hans）或繁体（hant）。")
@force_option()
def clean(source: str, output_path: Path, to: str | None, force: bool) -> None:
    """清理从文库网站复制来的文字（.txt / .html，或用 - 从标准输入粘贴）。

    去掉拼音注音 城鄉(xiāng)、HTML 标签、页码、“已阅读…”“下载本文档”、版权说明、温馨提示、评论框、
    表格残留的 |；修复 GBK 错位造成的乱码（无法恢复的字标为 □ 并报告位置）；恢复被连在一起的段落；
    一个文件中有多篇（篇一…、第一篇:、工作总结(二)…）时分开保存。
    """
    if source == "-":  # bytes, decoded as files are (a pasted GBK text stays readable)
        with click.open_file("-", "rb") as stdin:
            result = clean_source(stdin.read(), to=to, name="标准输入")
    else:
        result = clean_source(source, to=to)
    for path in write_cleaned(result, output_path, force=force):
        click.echo(f"已写出：{path}")
    click.echo("清理报告：")
    for what, count in result.report.named_counts():
        click.echo(f"  {what}：{count}")
    for note in result.report.flagged:
        click.echo(f"  注意：{note}")


@main.command()
@click.argument("source", metavar="来源", type=click.Path(path_type=Path))
@path_option("-o", "--output", "output_path", metavar="模板", required=True,
             help="生成的 Word 模板（.docx）。")
@path_option("--fields", "fields_path", metavar="字段文件", help="字段骨架（YAML）；默认与模板同名的 .yaml。")
@click.option("--to", "to", type=click.Choice(["hans", "hant"]), help="同时转为简体或繁体。")
@click.option("--document", "document", default=1, show_default=True, type=int, metavar="N",
              help="来源含多篇时，取第几篇。")
@force_option()
def ingest(source: Path, output_path: Path, fields_path: Path | None, to: str | None,
           document: int, force: bool) -> None:
    """把清理后的文字（或 .docx）做成可编辑的 Word 模板：标题按编号排版，空白变成字段。

    “一、”设为一级标题（黑体），“（一）”设为二级标题（楷体），正文仿宋、首行缩进两字；
    每处空白成为一个字段（year_1、month_1、甲方……），并写出字段文件，填好后：
    docgen render 模板.docx -i 字段文件.yaml -o 输出.docx
    """
    result, template, fields = ingest_file(source, output_path, fields_path, to=to,
                                           document=document, force=force)
    headings = result.headings
    click.echo(f"已生成模板：{template}（标题 {headings['Title']}，一级标题 {headings['Heading 1']}，"
               f"二级标题 {headings['Heading 2']}，正文 {headings['Normal']} 段）")
    click.echo(f"字段 {len(result.fields)} 个：{fields}")


@main.command()
@click.argument("template", metavar="模板", type=click.Path(path_type=Path))
@click.option("--fix", is_flag=True, help="修正：全角符号改为半角，被格式拆开的标签合并，另存为新文件。")
@path_option("-o", "--output", "output_path", metavar="输出文件",
             help="--fix 的输出文件；默认为“原名（已修正）.docx”。")
@path_option("--skeleton", "skeleton_path", metavar="YAML文件",
             help="把数据骨架写入此文件，照着填写后即可 docgen render 模板 -i 此文件。")
@force_option()
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
        skeleton = skeleton_yaml(report)
        if skeleton_path:
            write_text(skeleton_path, skeleton, force=force)
            click.echo(f"数据骨架已写入：{skeleton_path}")
        else:
            click.echo("数据骨架（YAML）：")
            click.echo(skeleton.rstrip())
    if not report.findings:
        click.echo("没有发现问题。")
    if report.errors and not fix:
        sys.exit(2)
