"""``docgen ingest``: a cleaned text (or a .docx) → an editable Word template and the
skeleton of its data.

Headings are recognised by their numbering (一、 → 一级 黑体; （一） → 二级 楷体; the first
short line → title) and laid out after GB/T 9704 with the built-in templates' styles. Every
blank (the shapes of ``docgen blanks``) becomes a named field — year_1, month_1, 甲方, 代表_2
… — and fields.yaml lists each with its context. Rendering the template with that file
unchanged gives the original blanks back; filling it in gives the finished document.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..kinds import builtin_template
from ..ooxml.build import document_from_paragraphs
from .shapes import find_blanks

_NAMES = {"年": "year", "月": "month", "日": "day", "人数": "people", "节数": "lessons",
          "册数": "books", "台数": "computers", "金额": "amount", "次数": "times", "场数": "events",
          "空白": "blank", "日期": "date", "学校数": "schools"}
_LEVEL1 = re.compile(r"^[一二三四五六七八九十]{1,3}、")
_LEVEL2 = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]")


@dataclass
class Field:
    name: str
    label: str
    paragraph: int
    context: str
    default: str


@dataclass
class Ingested:
    data: bytes
    fields: list[Field] = field(default_factory=list)
    headings: Counter = field(default_factory=Counter)

    def fields_yaml(self) -> str:
        """fields.yaml: each field with its context as a comment; the default is the
        original blank, so that an unfilled render looks like the source."""
        lines = ["# docgen ingest 生成：填写后运行  docgen render 模板.docx -i 本文件 -o 输出.docx",
                 "# 不填的项保持原来的空白。", ""]
        for f in self.fields:
            lines.append(f"# 第{f.paragraph}段 〔{f.label}〕 {f.context}")
            lines.append(f"{f.name}: {_yaml_string(f.default)}")
        if not self.fields:
            lines.append("{}  # 文中没有空白")
        return "\n".join(lines) + "\n"


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _kind_of(text: str, index: int) -> str:
    if index == 0 and len(text) <= 40 and not re.search(r"[。；;，,]", text):
        return "Title"
    if _LEVEL1.match(text):
        return "Heading 1"
    if _LEVEL2.match(text):
        return "Heading 2"
    return "Normal"


def ingest_paragraphs(paragraphs: list[str], title: str | None = None) -> Ingested:
    """Build the template from paragraph texts."""
    found = [(i, text, find_blanks(text)) for i, text in enumerate(paragraphs)]
    totals = Counter(_NAMES.get(b.label, b.label) for _, _, blanks in found for b in blanks)
    used: Counter = Counter()
    result = Ingested(b"")
    body: list[tuple[str, str]] = []
    for index, text, blanks in found:
        pieces, last = [], 0
        for blank in blanks:
            base = _NAMES.get(blank.label, blank.label)
            base = re.sub(r"\W", "_", base) or "blank"
            used[base] += 1
            name = f"{base}_{used[base]}" if totals[base] > 1 or base in _NAMES.values() else base
            context = f"…{text[max(0, blank.start - 12):blank.start]}【{blank.text or ' '}】" \
                      f"{text[blank.end:blank.end + 12]}…"
            default = blank.text if blank.shape != "colon" else ""
            result.fields.append(Field(name, blank.label, index + 1, context, default))
            pieces.append(_escape(text[last:blank.start]))
            pieces.append("{{ " + name + " }}")
            last = blank.end
        pieces.append(_escape(text[last:]))
        style = _kind_of(text, index)
        result.headings[style] += 1
        body.append((style, "".join(pieces)))
    # The GB/T 9704 page and styles of the built-in agreement template.
    result.data = document_from_paragraphs(
        builtin_template("agreement"), body,
        title=title or (paragraphs[0][:40] if paragraphs else ""), subject="docgen ingest")
    return result


def _escape(text: str) -> str:
    """Literal text that looks like a tag must stay literal in the template."""
    return (text.replace("{{", "{{ '{{' }}").replace("{%", "{{ '{%' }}")
            .replace("{#", "{{ '{#' }}"))
