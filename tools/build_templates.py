"""Build docgen's built-in Word templates (templates/*.docx).

Run from the project root:  python tools/build_templates.py

The templates are generated rather than hand-edited so that their layout follows
GB/T 9704-2012 exactly and every tag sits whole in one run (easy to edit in Word).
Once written, a bureau may edit them in Word like any document; this script is the
reference for what the shipped ones contain.

Layout (GB/T 9704-2012): A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm;
title 方正小标宋简体 二号 (22 pt) centred; body 仿宋_GB2312 三号 (16 pt), fixed line
spacing of 22 lines a page; 一级标题 黑体, 二级标题 楷体_GB2312, both 三号; page number
宋体 四号 as "— 1 —" at the foot. East Asian fonts are set through w:eastAsia (the
theme attributes removed, since Word lets a theme font win over a named one) and the
document language is zh-CN (python-docx's default declares ja-JP / en-US).
"""

from __future__ import annotations

import copy
import datetime as dt
import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"

LATIN_FONT = "Times New Roman"
BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"

SIZE_2 = Pt(22)   # 二号
SIZE_3 = Pt(16)   # 三号
SIZE_4 = Pt(14)   # 四号
LINE = Pt(29)     # 225 mm of text area / 22 lines ≈ 28.95 pt
KEEP_STYLES = {"Normal", "Title", "Heading1", "Heading2", "DefaultParagraphFont",
               "TableNormal", "NoList", "Footer", "Header", "TableGrid"}


# --------------------------------------------------------------------------- document setup

def _set_fonts(rpr, east_asian: str, latin: str = LATIN_FONT) -> None:
    """Name the fonts explicitly for every script, dropping theme font references."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:cs"), latin)


def _set_lang(rpr) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")


def _style(doc, name: str, east_asian: str, size, *, bold: bool = False, align=None,
           first_line_chars: int | None = 200, space_before: int = 0, space_after: int = 0,
           keep_next: bool = False):
    style = doc.styles[name]
    rpr = style.element.get_or_add_rPr()
    for child in list(rpr):
        rpr.remove(child)
    _set_fonts(rpr, east_asian)
    style.font.size = size
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    pf = style.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = LINE
    pf.space_before = Pt(space_before)
    pf.space_after = Pt(space_after)
    pf.keep_with_next = keep_next
    if align is not None:
        pf.alignment = align
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:ind")):
        ppr.remove(old)
    for old in ppr.findall(qn("w:pBdr")):
        ppr.remove(old)
    if first_line_chars:
        ind = OxmlElement("w:ind")
        ind.set(qn("w:firstLineChars"), str(first_line_chars))
        ind.set(qn("w:firstLine"), str(int(size.pt * 20 * first_line_chars / 100)))
        ppr.append(ind)
    return style


def new_document(title: str, subject: str):
    """An empty A4 document with the GB/T 9704 page, styles, language and page numbers."""
    doc = Document()

    styles_root = doc.styles.element
    for style in list(styles_root.findall(qn("w:style"))):
        if style.get(qn("w:styleId")) not in KEEP_STYLES:
            styles_root.remove(style)
    latent = styles_root.find(qn("w:latentStyles"))
    if latent is not None:
        styles_root.remove(latent)

    defaults = styles_root.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr_default, BODY_FONT)
    _set_lang(rpr_default)
    ppr_default = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr_default.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), str(int(LINE.pt * 20)))
    spacing.set(qn("w:lineRule"), "exact")

    settings = doc.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    theme_lang.set(qn("w:val"), "en-US")
    theme_lang.set(qn("w:eastAsia"), "zh-CN")

    normal = _style(doc, "Normal", BODY_FONT, SIZE_3, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _set_lang(normal.element.get_or_add_rPr())
    _style(doc, "Title", TITLE_FONT, SIZE_2, align=WD_ALIGN_PARAGRAPH.CENTER,
           first_line_chars=None, space_before=0, space_after=29)
    _style(doc, "Heading 1", HEADING1_FONT, SIZE_3, keep_next=True)
    _style(doc, "Heading 2", HEADING2_FONT, SIZE_3, keep_next=True)
    _style(doc, "Footer", PAGE_NUMBER_FONT, SIZE_4, align=WD_ALIGN_PARAGRAPH.CENTER,
           first_line_chars=None)
    # Title's default style draws a rule under itself and uses a theme colour: gone above.

    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(25)
    _page_number_footer(section)

    props = doc.core_properties
    props.title = title
    props.subject = subject
    props.author = "docgen"
    props.last_modified_by = "docgen"
    props.language = "zh-CN"
    props.keywords = "城乡学校结对帮扶"
    props.comments = ""
    props.revision = 1
    fixed = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
    props.created = fixed
    props.modified = fixed

    _drop_parts(doc)

    body = doc.element.body
    for p in list(body.findall(qn("w:p"))):
        body.remove(p)
    return doc


def _drop_parts(doc) -> None:
    """Remove parts of python-docx's default package that a template does not need.

    stylesWithEffects.xml (430 KB of Word 2010 styles, ignored when styles.xml exists) and
    the thumbnail (a picture of python-docx's own sample, wrong for every document).
    """
    unwanted = ("stylesWithEffects", "thumbnail")
    for rels in (doc.part.rels, doc.part.package.rels):
        for r_id, rel in list(rels.items()):
            if not rel.is_external and any(u in rel.reltype for u in unwanted):
                del rels[r_id]


def _page_number_footer(section) -> None:
    """"— 1 —" centred at the foot, as GB/T 9704 writes page numbers."""
    footer = section.footer
    footer.is_linked_to_previous = False
    para = footer.paragraphs[0]
    para.style = "Footer"
    para.add_run("— ")
    run = para.add_run()
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), " PAGE ")
    inner = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    inner.append(text)
    fld.append(inner)
    run._r.addnext(fld)
    para.add_run(" —")


# --------------------------------------------------------------------------- paragraphs

def para(doc_or_cell, text: str = "", style: str | None = None, *, indent: bool = True,
         align=None, keep_next: bool = False):
    """One paragraph whose text sits in a single run (so every tag stays whole)."""
    p = doc_or_cell.add_paragraph(style=style)
    if text:
        p.add_run(text)
    if not indent:
        p.paragraph_format.first_line_indent = Pt(0)
        ind = p._p.get_or_add_pPr().find(qn("w:ind"))
        ind.set(qn("w:firstLineChars"), "0")
    if align is not None:
        p.paragraph_format.alignment = align
    if keep_next:
        p.paragraph_format.keep_with_next = True
    return p


def control(doc, tag: str):
    """A docxtpl paragraph tag ({%p … %}); the paragraph vanishes when rendered."""
    return para(doc, f"{{%p {tag} %}}", indent=False)


def borderless_table(doc, rows: int, cols: int = 2):
    table = doc.add_table(rows=rows, cols=cols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)
    width = Mm(156) // cols
    for row in table.rows:
        for cell in row.cells:
            cell.width = width
            # python-docx gives each new cell one empty paragraph; we add our own.
            for p in list(cell._tc.findall(qn("w:p"))):
                cell._tc.remove(p)
    return table


def cell_para(cell, text: str, *, keep_next: bool = False):
    return para(cell, text, indent=False, keep_next=keep_next)


def new_row(table):
    """Append a row whose cells are empty (no paragraph yet), like borderless_table's."""
    row = table.add_row()
    for cell in row.cells:
        for p in list(cell._tc.findall(qn("w:p"))):
            cell._tc.remove(p)
    return row.cells


def row_tag(table, tag: str):
    """A docxtpl row tag ({%tr … %}) in its own row; the row vanishes when rendered."""
    for i, cell in enumerate(new_row(table)):
        cell_para(cell, f"{{%tr {tag} %}}" if i == 0 else "")


# --------------------------------------------------------------------------- agreement

SEVERAL = "supported_schools | length > 1"     # one 甲方 with several 乙方 (一对多)
BOTH_OR_ALL = f"{{% if {SEVERAL} %}}各{{% else %}}两{{% endif %}}"   # 两校 / 各校


def build_agreement() -> "Document":
    doc = new_document("城乡学校结对帮扶协议书", "城乡学校结对帮扶")
    para(doc, "城乡学校结对帮扶协议书", "Title")
    control(doc, "if id")
    para(doc, "编号：{{ id }}", indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    control(doc, "endif")
    para(doc, "甲方：{{ supporter.name }}（{{ supporter.category }}）", indent=False)
    # 乙方, or 乙方一、乙方二… when one 甲方 signs with several (一对多).
    control(doc, "for s in supported_schools")
    para(doc, "{{ s.party }}：{{ s.name }}（{{ s.category }}）", indent=False)
    control(doc, "endfor")
    para(doc, "根据{{ authority }}《{{ basis.title }}》（{{ basis.number }}）精神，为促进城乡教育"
              "均衡发展，甲、乙双方学校自愿建立结对帮扶关系。经双方友好协商，达成如下协议：")

    para(doc, "一、帮扶期限", "Heading 1")
    para(doc, "结对帮扶期限为{{ term.years_cn }}年，自{{ term.start | ym }}至{{ term.end | ym }}。")

    para(doc, "二、合作方式", "Heading 1")
    para(doc, "双方通过学校管理优势互补、教师定期交流培训、联合举办教学研讨活动、互通教育教学信息、"
              f"开展学生“手拉手”活动等方式，充分开发、利用和共享{BOTH_OR_ALL}校教育资源，"
              f"推动{BOTH_OR_ALL}校共同发展。")

    for number, side, label in (("三", "supporter", "甲方"), ("四", "supported", "乙方")):
        para(doc, f"{number}、{label}责任", "Heading 1")
        if side == "supported":
            control(doc, f"if {SEVERAL}")
            para(doc, "乙方各校分别履行以下责任：")
            control(doc, "endif")
        control(doc, f"for item in duties.{side}")
        para(doc, "{{ loop.index }}．{{ item }}")
        control(doc, "endfor")

    para(doc, "五、其它条款", "Heading 1")
    control(doc, "if other_terms is string")
    para(doc, "{{ other_terms }}")
    control(doc, "elif other_terms")
    control(doc, "for item in other_terms")
    para(doc, "{{ loop.index }}．{{ item }}")
    control(doc, "endfor")
    control(doc, "else")
    para(doc, "无。")
    control(doc, "endif")

    para(doc, "六、协议生效", "Heading 1")
    para(doc, f"本协议自{{% if {SEVERAL} %}}各方{{% else %}}双方{{% endif %}}盖章、代表签字之日起生效，"
              "至帮扶期满时终止。本协议一式{{ copies_cn }}份，"
              f"{{% if {SEVERAL} and copies == supported_schools | length + 2 %}}"
              "甲方、乙方各校及主管部门各执一份"
              f"{{% elif {SEVERAL} %}}由甲方、乙方各校及有关部门分别存执"
              "{% elif copies == 4 %}甲、乙双方及双方主管部门各执一份"
              "{% elif copies == 3 %}甲、乙双方及主管部门各执一份"
              "{% elif copies == 2 %}甲、乙双方各执一份"
              "{% else %}由甲、乙双方及有关部门分别存执{% endif %}。"
              f"未尽事宜，由{{% if {SEVERAL} %}}各方{{% else %}}双方{{% endif %}}另行协商解决。")
    para(doc, "")

    # Each block's lines keep with the next (its last, the date, ends it), so that a
    # block is never split over two pages.
    table = borderless_table(doc, rows=1)
    cells = table.rows[0].cells
    cell_para(cells[0], "甲方（盖章）：{{ supporter.name }}", keep_next=True)
    cell_para(cells[1], "{{ supported.party }}（盖章）：{{ supported.name }}", keep_next=True)
    row_tag(table, "if seal.supporter or seal.supported")
    row = new_row(table)
    for cell, side in zip(row, ("supporter", "supported")):
        # An exact line height would clip the picture to one line.
        cell_para(cell, f"{{{{ seal.{side} }}}}", keep_next=True).paragraph_format.line_spacing_rule = \
            WD_LINE_SPACING.SINGLE
    row_tag(table, "endif")
    for label, field in (("代表（签字）：", "representative"), ("联系人：", "contact"),
                         ("联系电话：", "phone")):
        row = new_row(table)
        for cell, side in zip(row, ("supporter", "supported")):
            text = f"{label}{{{{ {side}.{field} }}}}"
            if field == "representative":
                text += f"{{{{ signature.{side} }}}}"
            cell_para(cell, text, keep_next=True)
    row = new_row(table)
    cell_para(row[0], "{{ signed_on | date }}")
    cell_para(row[1], "{{ signed_on | date }}")
    # 乙方二、乙方三… each with a signature column of its own, two to a row, below the first
    # row (甲方 | 乙方一) after an empty line: a third column would not fit the page.
    row_tag(table, "for row in supported_schools[1:] | batch(2)")
    for cell in new_row(table):
        cell_para(cell, "", keep_next=True)
    lines = ("{{ @.party }}（盖章）：{{ @.name }}", "代表（签字）：{{ @.representative }}",
             "联系人：{{ @.contact }}", "联系电话：{{ @.phone }}", "{{ signed_on | date }}")
    for i, text in enumerate(lines, 1):
        row = new_row(table)
        last = i == len(lines)
        cell_para(row[0], text.replace("@", "row[0]"), keep_next=not last)
        cell_para(row[1], "{% if row[1] %}" + text.replace("@", "row[1]") + "{% endif %}",
                  keep_next=not last)
    row_tag(table, "endfor")
    for row in table.rows:  # a name wrapped over two lines stays on one page
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    set_widths(table, [78, 78])
    return doc


# --------------------------------------------------------------------------- plan, summary, scheme

def loop(doc, over: str, text: str, style: str | None = None, *, indent: bool = True):
    """{%p for … %} one paragraph per item {%p endfor %}."""
    control(doc, f"for {over}")
    para(doc, text, style, indent=indent)
    control(doc, "endfor")


def numbered_or_blank(doc, value: str):
    """A list numbered 1．2．…, or the blank standing for it when none was given."""
    control(doc, f"if {value} is string")
    para(doc, f"{{{{ {value} }}}}")
    control(doc, "else")
    loop(doc, f"item in {value}", "{{ loop.index }}．{{ item }}")
    control(doc, "endif")


def grid_table(doc, headers: list[str], widths_mm: list[int], loop_over: str, cells: list[str]):
    """A bordered table: a bold header row, then one row per item of ``loop_over``."""
    table = borderless_table(doc, rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    tbl_pr = table._tbl.tblPr
    tbl_pr.remove(tbl_pr.find(qn("w:tblBorders")))
    for cell, header in zip(table.rows[0].cells, headers):
        p = cell_para(cell, header)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.runs[0].bold = True
    row_tag(table, f"for {loop_over}")
    for cell, text in zip(new_row(table), cells):
        cell_para(cell, text)
    row_tag(table, "endfor")
    set_widths(table, widths_mm)
    return table


def set_widths(table, widths_mm: list[float]) -> None:
    """Column widths in the grid and in every cell: LibreOffice reads the grid, Word the cells."""
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm):
            cell.width = Mm(width)


def signature(doc, *lines: str):
    """Right-aligned closing lines: the author school and the date."""
    para(doc, "")
    for text in lines:
        para(doc, text, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)


def build_plan():
    doc = new_document("城乡学校结对帮扶工作计划", "城乡学校结对帮扶")
    para(doc, "{{ plan.title }}", "Title")
    para(doc, "根据{{ authority }}《{{ basis.title }}》（{{ basis.number }}）精神，{{ supporter.name }}"
              "（以下简称甲方）与{{ supported.name }}（以下简称乙方）结为城乡学校结对帮扶对象，帮扶期限"
              "自{{ term.start | ym }}至{{ term.end | ym }}，共{{ term.years_cn }}年。为扎实做好结对帮扶"
              "工作，本着资源共享、共同提高的原则，结合我校实际，特制订{{ plan.school_year }}工作计划。")
    para(doc, "一、指导思想", "Heading 1")
    loop(doc, "text in plan.guiding_idea", "{{ text }}")
    para(doc, "二、组织机构", "Heading 1")
    para(doc, "为确保各项工作落到实处，成立结对帮扶工作领导小组。")
    para(doc, "组　长：{{ plan.leading_group.leader }}")
    para(doc, "副组长：{{ plan.leading_group.deputies }}")
    para(doc, "成　员：{{ plan.leading_group.members }}")
    para(doc, "三、{{ plan.measures_heading }}", "Heading 1")
    control(doc, "for m in plan.measures")
    para(doc, "（{{ loop.index | cn }}）{{ m.area }}", "Heading 2")
    loop(doc, "text in m.intro", "{{ text }}")
    control(doc, "if m.actions")
    para(doc, "具体措施：")
    loop(doc, "action in m.actions", "{{ loop.index | circled }}{{ action }}")
    control(doc, "endif")
    control(doc, "endfor")
    para(doc, "四、{{ plan.school_year }}工作安排", "Heading 1")
    grid_table(doc, ["月份", "工作安排"], [36, 120], "s in plan.schedule",
               ["{{ s.month }}", "{{ s.item }}"])
    para(doc, "五、工作保障", "Heading 1")
    loop(doc, "item in plan.safeguards", "{{ loop.index }}．{{ item }}")
    signature(doc, "{{ plan.author.name }}", "{{ plan.date | date }}")
    return doc


def build_summary():
    doc = new_document("城乡学校结对帮扶工作总结", "城乡学校结对帮扶")
    para(doc, "{{ summary.title }}", "Title")
    para(doc, "{{ summary.opening }}")
    para(doc, "一、高度重视，制定工作计划和实施方案", "Heading 1")
    loop(doc, "text in summary.emphasis", "{{ text }}")
    para(doc, "二、开展各项活动，促进共同发展", "Heading 1")
    loop(doc, "text in summary.activities_intro", "{{ text }}")
    para(doc, "{{ summary.totals_sentence }}")
    control(doc, "for group in summary.groups")
    para(doc, "{{ group.heading }}")
    loop(doc, "entry in group.entries", "{{ entry }}")
    control(doc, "endfor")
    para(doc, "三、加强学习，不断进步", "Heading 1")
    loop(doc, "text in summary.progress", "{{ text }}")
    para(doc, "四、感受与启发", "Heading 1")
    loop(doc, "text in summary.feelings", "{{ text }}")
    para(doc, "五、工作中的不足和今后的设想", "Heading 1")
    para(doc, "（一）工作中的不足", "Heading 2")
    numbered_or_blank(doc, "summary.shortcomings")
    para(doc, "（二）今后工作的设想", "Heading 2")
    numbered_or_blank(doc, "summary.plans")
    signature(doc, "{{ summary.author.name }}", "{{ summary.date | date }}")
    return doc


def build_scheme():
    doc = new_document("城乡学校共同体实施方案", "城乡学校结对帮扶")
    para(doc, "{{ community.school_names }}", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, "{{ scheme.title }}", "Title")
    para(doc, "根据{{ authority }}《{{ basis.title }}》（{{ basis.number }}）要求，{{ community.core.name }}"
              "与{{ community.member_names }}结成城乡学校共同体（{{ community.core.name }}为核心学校，"
              "{{ community.member_names }}为成员学校{% if community.radiating %}，"
              "{{ community.radiating_names }}为辐射学校{% endif %}），统筹推进学校管理、教育教学、"
              "文化建设等方面的工作，探索共同体合作发展的有效模式。帮扶期限自{{ term.start | ym }}"
              "至{{ term.end | ym }}。现共同制定如下实施方案：")
    para(doc, "一、指导思想", "Heading 1")
    loop(doc, "text in scheme.guiding_idea", "{{ text }}")
    para(doc, "二、组织领导", "Heading 1")
    para(doc, "成立共同体建设领导小组，负责共同体工作的统筹规划、组织协调和督促检查。")
    grid_table(doc, ["姓名", "组内职务", "所在学校及职务"], [30, 30, 96], "m in scheme.leading_group",
               ["{{ m.name }}", "{{ m.role }}", "{{ m.school }}"])
    para(doc, "三、发展目标", "Heading 1")
    para(doc, "（一）终期发展目标", "Heading 2")
    loop(doc, "goal in scheme.goals_final", "{{ loop.index }}．{{ goal }}")
    para(doc, "（二）年度发展目标", "Heading 2")
    control(doc, "for y in scheme.goals_yearly")
    para(doc, "{{ loop.index }}．{{ y.year }}")
    loop(doc, "point in y.points", "{{ point }}")
    control(doc, "endfor")
    para(doc, "四、工作内容及措施", "Heading 1")
    control(doc, "for m in scheme.measures")
    para(doc, "（{{ loop.index | cn }}）{{ m.area }}", "Heading 2")
    loop(doc, "text in m.intro", "{{ text }}")
    loop(doc, "action in m.actions", "{{ loop.index }}．{{ action }}")
    control(doc, "endfor")
    para(doc, "五、实施步骤", "Heading 1")
    control(doc, "for s in scheme.steps")
    para(doc, "（{{ loop.index | cn }}）{{ s.phase }}（{{ s.start }}—{{ s.end }}）", "Heading 2")
    loop(doc, "point in s.points", "{{ loop.index }}．{{ point }}")
    control(doc, "endfor")
    para(doc, "")
    table = borderless_table(doc, rows=0)
    row_tag(table, "for row in scheme.signature_rows")
    cells = new_row(table)
    cell_para(cells[0], "{{ row[0].name }}").alignment = WD_ALIGN_PARAGRAPH.CENTER
    cell_para(cells[1], "{{ row[1].name }}").alignment = WD_ALIGN_PARAGRAPH.CENTER
    row_tag(table, "endfor")
    set_widths(table, [78, 78])
    para(doc, "{{ scheme.date | date }}", indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    return doc


BUILDERS = {
    "agreement.docx": build_agreement,
    "plan.docx": build_plan,
    "summary.docx": build_summary,
    "scheme.docx": build_scheme,
}


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else TEMPLATES
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, build in BUILDERS.items():
        build().save(out_dir / name)
        print(f"wrote {out_dir / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
