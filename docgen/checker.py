"""``docgen check``: what is wrong with a user's Word template, and repairs for the
mistakes an input method or Word's formatting makes.

Findings: jinja syntax errors (with the part and paragraph), tags that Word split over
several formatting runs, tags typed with full-width braces or percent signs (｛｛ ％) or
with curly quotes inside, and the variables the template needs in every part, with a YAML
skeleton of the data. ``fix_template`` rewrites the runs so each tag is whole and in ASCII.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import TemplateSyntaxError, meta, nodes
from lxml import etree

from .errors import Location, TemplateError
from .package import Entry, deflated, read_entries, write_zip
from .render import parse_template_source, template_sources

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P, _T = f"{{{W}}}p", f"{{{W}}}t"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
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


def _paragraphs(root: etree._Element) -> list[tuple[int, list[etree._Element]]]:
    """(paragraph number, its w:t) for every paragraph of a part, numbered in order."""
    result = []
    for number, p in enumerate(root.iter(_P), 1):
        result.append((number, [t for t in p.iter(_T) if next(t.iterancestors(_P)) is p]))
    return result


def check_template(path: Path) -> CheckReport:
    """Every finding for a template, and the data it needs."""
    report = CheckReport()
    try:
        entries = read_entries(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise TemplateError(f"不是有效的 Word（.docx）文件：{exc}", Location(file=str(path))) from None
    for entry in entries:
        if _TAG_PARTS.match(entry.name):
            root = etree.fromstring(_data(entry), _PARSER)
            _check_runs(root, _part_label(entry.name), report)
    if any(f.level == "error" for f in report.findings):
        return report  # typing mistakes first: the syntax check would only repeat them
    variables: dict[str, None] = {}
    skeleton: dict[str, Any] = {}
    for part, source in template_sources(path):
        try:
            ast = parse_template_source(source)
        except TemplateSyntaxError as exc:
            paragraph = max((exc.lineno or 1) - 1, 1)
            excerpt = _excerpt(source.splitlines()[exc.lineno - 1] if exc.lineno else "")
            report.findings.append(Finding("error", _syntax_message(exc.message or ""),
                                           _part_label(part), paragraph, excerpt))
            continue
        for name in sorted(meta.find_undeclared_variables(ast)):
            variables.setdefault(name, None)
        _skeleton(ast, skeleton)
    report.variables = list(variables)
    report.skeleton = {k: skeleton.get(k) for k in report.variables}
    _scalar_lists(report.skeleton)
    return report


def _data(entry: Entry) -> bytes:
    return zlib.decompress(entry.raw, -15) if entry.method == zipfile.ZIP_DEFLATED else entry.raw


def _excerpt(xml_line: str) -> str:
    text = re.sub(r"<[^>]+>", "", xml_line).strip()
    return text[:60] + ("…" if len(text) > 60 else "")


def _syntax_message(message: str) -> str:
    known = [
        (r"Encountered unknown tag '(end\w+)'", "多余的 {{% {0} %}}（前面没有与之配对的开始标签）"),
        (r"Unexpected end of template\. Jinja was looking for the following tags: '(\w+)'",
         "缺少 {{% {0} %}}（开始的标签没有结束）"),
        (r"Encountered unknown tag '(\w+)'", "不认识的标签 {{% {0} %}}"),
        (r"unexpected '(.+)'", "标签中有意外的「{0}」"),
        (r"expected token '(.+)', got '(.+)'", "标签写法有误：这里应为「{0}」，实际为「{1}」"),
    ]
    for pattern, chinese in known:
        m = re.search(pattern, message)
        if m:
            return f"模板语法错误：{chinese.format(*m.groups())}（{message}）"
    return f"模板语法错误：{message}"


def _check_runs(root: etree._Element, part: str, report: CheckReport) -> None:
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


def _skeleton(ast: nodes.Template, skeleton: dict[str, Any]) -> None:
    """Grow a YAML skeleton from attribute paths and loops of one part."""
    loops: dict[str, dict[str, Any]] = {}
    items: list[tuple[dict[str, Any], str]] = []
    for loop in ast.find_all(nodes.For):  # outer loops come first
        path = _dotted(loop.iter)
        if path and isinstance(loop.target, nodes.Name):
            item: dict[str, Any] = {}
            head, _, rest = path.partition(".")
            if head in loops and rest:
                _insert(loops[head], rest, [item])
            else:
                _insert(skeleton, path, [item])
            loops[loop.target.name] = item
    for node in ast.find_all(nodes.Getattr):
        path = _dotted(node)
        if not path:
            continue
        head, _, rest = path.partition(".")
        if head in loops and rest:
            _insert(loops[head], rest, None)
        elif head not in loops:
            _insert(skeleton, path, None)
    _scalar_lists(skeleton)


def _scalar_lists(tree: dict[str, Any]) -> None:
    """A loop whose variable is printed directly is a list of values, not of mappings."""
    for key, value in tree.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            if value[0]:
                _scalar_lists(value[0])
            else:
                tree[key] = [None]
        elif isinstance(value, dict):
            _scalar_lists(value)


def _dotted(node: nodes.Node) -> str | None:
    parts: list[str] = []
    while isinstance(node, nodes.Getattr):
        parts.append(node.attr)
        node = node.node
    if isinstance(node, nodes.Name):
        parts.append(node.name)
        return ".".join(reversed(parts))
    return None


def _insert(tree: dict[str, Any], path: str, leaf: Any) -> None:
    *parents, last = path.split(".")
    for key in parents:
        value = tree.get(key)
        if isinstance(value, list) and value and isinstance(value[0], dict):
            tree = value[0]
        elif isinstance(value, dict):
            tree = value
        else:
            tree[key] = {}
            tree = tree[key]
    if last not in tree or tree[last] is None:
        tree[last] = leaf


def fix_template(path: Path) -> tuple[bytes, int]:
    """The template with every tag whole in one run and written in ASCII; and how many
    tags were repaired. Formatting of the text around the tags is kept."""
    entries = read_entries(path)
    out: list[Entry] = []
    repaired = 0
    for entry in entries:
        if not _TAG_PARTS.match(entry.name):
            out.append(entry)
            continue
        root = etree.fromstring(_data(entry), _PARSER)
        count = 0
        for _, texts in _paragraphs(root):
            count += _fix_paragraph(texts)
        if count:
            repaired += count
            xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            out.append(deflated(entry.name, xml, entry))
        else:
            out.append(entry)
    return write_zip(out), repaired


def _fix_paragraph(texts: list[etree._Element]) -> int:
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
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return repaired
