"""``docgen check``: what is wrong with a user's Word template, and repairs for the
mistakes an input method or Word's formatting makes.

Findings: jinja syntax errors (with the part and paragraph), tags that Word split over
several formatting runs, tags typed with full-width braces or percent signs (｛｛ ％) or
with curly quotes inside, and the variables the template needs in every part, with a YAML
skeleton of the data. ``fix_template`` rewrites the runs so each tag is whole and in ASCII.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, TemplateError
from ..ooxml.package import read_package, rewrite
from ..ooxml.xml import XML_SPACE, Element, own_texts, parse_part, qn, serialize_part
from ..pipeline.inspect import template_data

_P = qn("w:p")
_TAG_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes)\.xml$")
_PART_NAMES = {"document": "正文", "header": "页眉", "footer": "页脚", "footnotes": "脚注"}

# What an input method types instead of { } % inside a tag.
_WIDE = {"｛": "{", "｝": "}", "％": "%"}
_CURLY = {"“": '"', "”": '"', "‘": "'", "’": "'"}
_TAG = re.compile(r"[{｛][{｛%％].*?[%％}｝][}｝]", re.S)
_WIDE_TAG = re.compile(r"[{｛][{｛%％]|[%％}｝][}｝]")


@dataclass
class Finding:
    """One problem in a template: what, where, how bad (error or warning)."""

    level: str          # "error" or "warning"
    message: str
    part: str
    paragraph: int | None = None
    excerpt: str = ""
    fixable: bool = False

    def __str__(self) -> str:
        where = _PART_NAMES.get(re.sub(r"\d+$", "", self.part), self.part)
        if self.paragraph is not None:
            where += f"第{self.paragraph}段"
        text = f"{where}：{self.message}"
        return text + (f"（{self.excerpt}）" if self.excerpt else "")


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)
    variables: list[str] = field(default_factory=list)
    skeleton: dict[str, Any] = field(default_factory=dict)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level == "error"]


def _part_label(name: str) -> str:
    return name.rsplit("/", 1)[-1].removesuffix(".xml")


def _paragraphs(root: Element) -> list[tuple[int, list[Element]]]:
    """(paragraph number, its w:t) for every paragraph of a part, numbered in order."""
    return [(number, own_texts(p)) for number, p in enumerate(root.iter(_P), 1)]


def _template_parts(path: Path) -> list:
    """The template's entries; an unreadable file is the template's problem."""
    try:
        return read_package(path, str(path))
    except InputError as exc:
        raise TemplateError(exc.message, exc.where) from None


def check_template(path: Path) -> CheckReport:
    """Every finding for a template, and the data it needs."""
    report = CheckReport()
    for entry in _template_parts(path):
        if _TAG_PARTS.match(entry.name):
            root = parse_part(entry.content(), entry.name, str(path))
            _check_runs(root, _part_label(entry.name), report)
    if any(f.level == "error" for f in report.findings):
        return report  # typing mistakes first: the syntax check would only repeat them
    data = template_data(path)
    for problem in data.problems:
        report.findings.append(Finding("error", problem.message, _part_label(problem.part),
                                       problem.paragraph, _excerpt(problem.line)))
    report.variables = data.variables
    report.skeleton = data.skeleton
    return report


def _excerpt(xml_line: str) -> str:
    text = re.sub(r"<[^>]+>", "", xml_line).strip()
    return text[:60] + ("…" if len(text) > 60 else "")


def _check_runs(root: Element, part: str, report: CheckReport) -> None:
    for number, texts in _paragraphs(root):
        joined = "".join(t.text or "" for t in texts)
        if not re.search(r"[{｛][{｛%％]", joined):
            continue
        bounds, total = [], 0
        for t in texts:
            bounds.append((total, total + len(t.text or "")))
            total += len(t.text or "")
        for m in _TAG.finditer(joined):
            tag = m.group(0)
            if any(c in tag for c in _WIDE):
                report.findings.append(Finding(
                    "error", "标签用了全角符号（｛ ｝ ％），Word 模板中应为半角 { } %", part, number,
                    tag[:60], fixable=True))
            elif any(c in tag[2:-2] for c in _CURLY):
                report.findings.append(Finding(
                    "warning", "标签中有中文引号“ ”，应为英文引号 \" '", part, number, tag[:60],
                    fixable=True))
            inside = [i for i, (a, b) in enumerate(bounds) if a < m.end() and b > m.start()]
            if len(inside) > 1:
                report.findings.append(Finding(
                    "warning", f"标签被格式拆成了 {len(inside)} 段（仍可生成，但不便在 Word 中修改）",
                    part, number, tag[:60], fixable=True))


def fix_template(path: Path) -> tuple[bytes, int]:
    """The template with every tag whole in one run and written in ASCII; and how many
    tags were repaired. Formatting of the text around the tags is kept."""
    entries = _template_parts(path)
    changed: dict[str, bytes] = {}
    repaired = 0
    for entry in entries:
        if not _TAG_PARTS.match(entry.name):
            continue
        root = parse_part(entry.content(), entry.name, str(path))
        count = sum(_fix_paragraph(texts) for _, texts in _paragraphs(root))
        if count:
            repaired += count
            changed[entry.name] = serialize_part(root)
    return rewrite(entries, changed), repaired


def _fix_paragraph(texts: list[Element]) -> int:
    joined = "".join(t.text or "" for t in texts)
    if not re.search(r"[{｛][{｛%％]", joined):
        return 0
    bounds, total = [], 0
    for t in texts:
        bounds.append([total, total + len(t.text or "")])
        total += len(t.text or "")
    new = [list(t.text or "") for t in texts]
    repaired = 0
    for m in _TAG.finditer(joined):
        tag = m.group(0)
        clean = tag[:2].translate(str.maketrans(_WIDE)) + \
            tag[2:-2].translate(str.maketrans({**_WIDE, **_CURLY})) + \
            tag[-2:].translate(str.maketrans(_WIDE))
        inside = [i for i, (a, b) in enumerate(bounds) if a < m.end() and b > m.start()]
        if clean == tag and len(inside) <= 1:
            continue
        repaired += 1
        # The whole tag goes into the run where it starts; the others give up their part.
        for i in inside:
            a, b = bounds[i]
            lo, hi = max(m.start(), a) - a, min(m.end(), b) - a
            for k in range(lo, hi):
                new[i][k] = ""
        first = inside[0]
        offset = m.start() - bounds[first][0]
        new[first][offset] = clean
    for t, chars in zip(texts, new):
        text = "".join(chars)
        if text != (t.text or ""):
            t.text = text
            t.set(XML_SPACE, "preserve")
    return repaired
