"""Blanks in a user's own document: list them, and fill them keeping the formatting.

For a .docx, every paragraph is read as XML in reading order — body (tables included),
then headers, footers, footnotes and endnotes — with the shapes of :mod:`blankscan`, plus
two only Word has: a run of spaces underlined to write on, and an empty table cell beside
a label. Word content controls (w:sdt: plain and rich text, date, drop-down, check box)
are listed and filled by their tag or title. A .txt is read line by line.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterator, Mapping

from lxml import etree

from .blankscan import FoundBlank, find_blanks
from .errors import InputError, Location, Problem
from .package import Entry, deflated, read_entries, write_zip

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
_PART_ORDER = [("word/document.xml", "正文"), (r"word/header\d*\.xml", "页眉"),
               (r"word/footer\d*\.xml", "页脚"), ("word/footnotes.xml", "脚注"),
               ("word/endnotes.xml", "尾注")]
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass
class Blank:
    """One blank of a document, as ``docgen blanks`` lists it."""

    number: int
    where: str
    before: str
    after: str
    label: str
    shape: str
    text: str


@dataclass
class Control:
    """One content control: its tag, title, type, current text and choices."""

    tag: str
    title: str
    kind: str
    text: str
    choices: list[str] = field(default_factory=list)


@dataclass
class Scan:
    blanks: list[Blank] = field(default_factory=list)
    controls: list[Control] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"blanks": [asdict(b) for b in self.blanks],
                "controls": [asdict(c) for c in self.controls]}


# --------------------------------------------------------------------------- paragraphs

@dataclass
class _Paragraph:
    """A paragraph's w:t elements and text, with where it is."""

    texts: list[etree._Element]
    where: str
    p: etree._Element
    cell_label: str | None = None   # set for an empty cell beside a label

    @property
    def text(self) -> str:
        return "".join(t.text or "" for t in self.texts)


def _owned_texts(p: etree._Element) -> list[etree._Element]:
    return [t for t in p.iter(w("t")) if next(t.iterancestors(w("p"))) is p]


def _paragraphs(root: etree._Element, part_label: str) -> Iterator[_Paragraph]:
    body_count = 0
    table_count = 0
    tables: dict[etree._Element, int] = {}
    for p in root.iter(w("p")):
        cell = next(p.iterancestors(w("tc")), None)
        if cell is None:
            body_count += 1
            yield _Paragraph(_owned_texts(p), f"{part_label}第{body_count}段", p)
            continue
        row = cell.getparent()
        table = row.getparent()
        if table not in tables:
            table_count += 1
            tables[table] = table_count
        rows = table.findall(w("tr"))
        cells = row.findall(w("tc"))
        where = (f"{part_label}表格{tables[table]}第{rows.index(row) + 1}行"
                 f"第{cells.index(cell) + 1}列")
        texts = _owned_texts(p)
        label = None
        if not "".join(t.text or "" for t in texts).strip() and cell.findall(w("p"))[0] is p:
            index = cells.index(cell)
            if index > 0 and not "".join(t.text or "" for t in cell.iter(w("t"))).strip():
                left = "".join(t.text or "" for t in cells[index - 1].iter(w("t"))).strip()
                if left and len(left) <= 12 and not left[-1].isdigit():
                    label = left.rstrip(":：")
        yield _Paragraph(texts, where, p, label)


def _underlined_space_spans(para: _Paragraph) -> list[tuple[int, int]]:
    """Spans of runs that are only spaces and underlined: a line to write on."""
    spans, offset = [], 0
    for t in para.texts:
        text = t.text or ""
        run = t.getparent()
        rpr = run.find(w("rPr")) if run is not None else None
        underline = rpr.find(w("u")) if rpr is not None else None
        if (text and not text.strip(" \u3000\u00a0") and underline is not None
                and underline.get(w("val"), "single") != "none"):
            if spans and spans[-1][1] == offset:
                spans[-1] = (spans[-1][0], offset + len(text))
            else:
                spans.append((offset, offset + len(text)))
        offset += len(text)
    return spans


def _blanks_of(para: _Paragraph) -> list[FoundBlank]:
    text = para.text
    found = find_blanks(text)
    taken = [(b.start, b.end) for b in found]
    for start, end in _underlined_space_spans(para):
        if not any(s < end and start < e for s, e in taken):
            label = find_blanks(text[:start] + "____" + text[end:])
            guess = next((b.label for b in label if b.start == start), "空白")
            found.append(FoundBlank(start, end, "underlined_space", guess, text[start:end]))
    if para.cell_label is not None:
        found.append(FoundBlank(0, 0, "empty_cell", para.cell_label, ""))
    return sorted(found, key=lambda b: (b.start, b.end))


# --------------------------------------------------------------------------- reading

def _parts(data: bytes) -> list[tuple[Entry, str]]:
    try:
        entries = read_entries(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError("不是有效的 Word（.docx）文件（已损坏、加了密码，或实为其他格式）",
                         Location()) from None
    names = {e.name for e in entries}
    if "word/document.xml" not in names:
        raise InputError("不是 Word 文档：缺少 word/document.xml（加了密码的文档也是这样）",
                         Location())
    ordered = []
    for pattern, label in _PART_ORDER:
        for entry in entries:
            if re.fullmatch(pattern, entry.name):
                ordered.append((entry, label))
    return ordered


def _root(entry: Entry) -> etree._Element:
    raw = zlib.decompress(entry.raw, -15) if entry.method == zipfile.ZIP_DEFLATED else entry.raw
    try:
        return etree.fromstring(raw, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"文档部件 {entry.name} 已损坏：{exc}", Location()) from None


def scan_docx(data: bytes) -> Scan:
    """Every blank and content control of a .docx."""
    scan = Scan()
    for entry, label in _parts(data):
        root = _root(entry)
        for para in _paragraphs(root, label):
            text = para.text
            for b in _blanks_of(para):
                scan.blanks.append(Blank(len(scan.blanks) + 1, para.where, text[max(0, b.start - 15):b.start],
                                         text[b.end:b.end + 15], b.label, b.shape, b.text))
        scan.controls.extend(_controls(root))
    return scan


def scan_text(text: str) -> Scan:
    """Every blank of a plain text, line by line."""
    scan = Scan()
    for number, line in enumerate(text.splitlines(), 1):
        for b in find_blanks(line):
            scan.blanks.append(Blank(len(scan.blanks) + 1, f"第{number}行", line[max(0, b.start - 15):b.start],
                                     line[b.end:b.end + 15], b.label, b.shape, b.text))
    return scan


def _control_kind(pr: etree._Element) -> str:
    if pr.find(w("date")) is not None:
        return "date"
    if pr.find(w("dropDownList")) is not None or pr.find(w("comboBox")) is not None:
        return "dropdown"
    if pr.find(f"{{{W14}}}checkbox") is not None:
        return "checkbox"
    if pr.find(w("text")) is not None:
        return "text"
    return "richtext"


def _controls(root: etree._Element) -> Iterator[Control]:
    for sdt in root.iter(w("sdt")):
        pr = sdt.find(w("sdtPr"))
        if pr is None:
            continue
        tag = pr.find(w("tag"))
        alias = pr.find(w("alias"))
        kind = _control_kind(pr)
        choices = [item.get(w("displayText")) or item.get(w("value")) or ""
                   for item in pr.iter(w("listItem"))]
        content = sdt.find(w("sdtContent"))
        text = "".join(t.text or "" for t in content.iter(w("t"))) if content is not None else ""
        yield Control(tag.get(w("val"), "") if tag is not None else "",
                      alias.get(w("val"), "") if alias is not None else "", kind, text, choices)


# --------------------------------------------------------------------------- filling

@dataclass
class FillResult:
    data: bytes
    filled: int
    remaining: list[Blank]
    unmatched: list[str]
    problems: list[Problem] = field(default_factory=list)


def _assign(values: Mapping[str, Any], blanks: list[Blank],
            controls: list[Control]) -> tuple[dict[int, str], dict[str, Any], list[str]]:
    """Which value goes into which blank (by number, then by label) and control."""
    by_number: dict[int, str] = {}
    control_values: dict[str, Any] = {}
    unmatched = []
    control_names = {c.tag for c in controls if c.tag} | {c.title for c in controls if c.title}
    labels: dict[str, list[Blank]] = {}
    for b in blanks:
        labels.setdefault(b.label, []).append(b)
    for key, value in values.items():
        name = str(key).strip()
        if name.isdigit():
            number = int(name)
            if not 1 <= number <= len(blanks):
                unmatched.append(name)
                continue
            by_number[number] = _text(value)
        elif name in control_names:
            control_values[name] = value
        elif name in labels:
            targets = labels[name]
            if isinstance(value, list):
                for blank, item in zip(targets, value):
                    by_number.setdefault(blank.number, _text(item))
            else:
                for blank in targets:
                    by_number.setdefault(blank.number, _text(value))
        else:
            unmatched.append(name)
    return by_number, control_values, unmatched


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def fill_docx(data: bytes, values: Mapping[str, Any], *, underline: bool = False) -> FillResult:
    """The document with its blanks and content controls filled from ``values``."""
    scan = scan_docx(data)
    by_number, control_values, unmatched = _assign(values, scan.blanks, scan.controls)
    problems: list[Problem] = []
    entries = read_entries(io.BytesIO(data))
    ordered = _parts(data)
    touched: dict[str, bytes] = {}
    number = 0
    for entry, label in ordered:
        root = _root(entry)
        changed = False
        for para in _paragraphs(root, label):
            found = _blanks_of(para)
            jobs = []
            for b in found:
                number += 1
                if number in by_number:
                    jobs.append((b, by_number[number]))
            for b, value in reversed(jobs):  # right to left: offsets stay valid
                if b.shape == "empty_cell":
                    _append_run(para.p, value, underline)
                else:
                    _replace_span(para.texts, b.start, b.end, value, underline)
                    para.texts = _owned_texts(para.p)
                changed = True
        for name, value in control_values.items():
            changed |= _fill_controls(root, name, value, problems)
        if changed:
            touched[entry.name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                 standalone=True)
    out = [deflated(e.name, touched[e.name], e) if e.name in touched else e for e in entries]
    result = write_zip(out)
    remaining = [b for b in scan_docx(result).blanks]
    return FillResult(result, len(by_number), remaining, unmatched, problems)


def _replace_span(texts: list[etree._Element], start: int, end: int, value: str,
                  underline: bool) -> None:
    """Put ``value`` where [start, end) was, in the run where the span starts; the runs the
    span covers give up their part. With ``underline`` the value gets its own underlined
    run with the same formatting as the run it replaces text in."""
    spans, offset = [], 0
    for t in texts:
        spans.append((t, offset, offset + len(t.text or "")))
        offset += len(t.text or "")
    if not spans:
        return
    if start == end:  # an insertion point (after a label's colon): the run that ends there
        target = next(((t, start - a) for t, a, b in spans if a < start <= b),
                      (spans[0][0], 0))
    else:
        target = next(((t, start - a) for t, a, b in spans if a <= start < b), None)
        if target is None:
            return
    for t, a, b in spans:
        lo, hi = max(start, a), min(end, b)
        if lo < hi:
            text = t.text or ""
            t.text = text[: lo - a] + text[hi - a:]
    t, position = target
    text = t.text or ""
    if not underline:
        t.text = text[:position] + value + text[position:]
        t.set(_XML_SPACE, "preserve")
        return
    run = t.getparent()
    before, after = text[:position], text[position:]
    t.text = before
    t.set(_XML_SPACE, "preserve")
    value_run = copy.deepcopy(run)
    for child in list(value_run):
        if child.tag != w("rPr"):
            value_run.remove(child)
    rpr = value_run.find(w("rPr"))
    if rpr is None:
        rpr = etree.SubElement(value_run, w("rPr"))
        value_run.remove(rpr)
        value_run.insert(0, rpr)
    for old in rpr.findall(w("u")):
        rpr.remove(old)
    etree.SubElement(rpr, w("u")).set(w("val"), "single")
    new_t = etree.SubElement(value_run, w("t"))
    new_t.text = value
    new_t.set(_XML_SPACE, "preserve")
    run.addnext(value_run)
    if after:
        tail_run = copy.deepcopy(run)
        for child in list(tail_run):
            if child.tag not in (w("rPr"), w("t")):
                tail_run.remove(child)
        tail_t = tail_run.find(w("t"))
        tail_t.text = after
        value_run.addnext(tail_run)


def _append_run(p: etree._Element, value: str, underline: bool) -> None:
    run = etree.SubElement(p, w("r"))
    if underline:
        etree.SubElement(etree.SubElement(run, w("rPr")), w("u")).set(w("val"), "single")
    t = etree.SubElement(run, w("t"))
    t.text = value
    t.set(_XML_SPACE, "preserve")


def _fill_controls(root: etree._Element, name: str, value: Any, problems: list[Problem]) -> bool:
    changed = False
    for sdt in root.iter(w("sdt")):
        pr = sdt.find(w("sdtPr"))
        if pr is None:
            continue
        names = {el.get(w("val")) for el in (pr.find(w("tag")), pr.find(w("alias"))) if el is not None}
        if name not in names:
            continue
        kind = _control_kind(pr)
        content = sdt.find(w("sdtContent"))
        if content is None:
            continue
        if kind == "checkbox":
            checked = value is True or str(value).strip() in ("是", "1", "true", "True", "√", "☑", "☒", "yes")
            box = pr.find(f"{{{W14}}}checkbox")
            state = box.find(f"{{{W14}}}checked")
            if state is None:
                state = etree.SubElement(box, f"{{{W14}}}checked")
            state.set(f"{{{W14}}}val", "1" if checked else "0")
            symbol = "☒" if checked else "☐"
            texts = list(content.iter(w("t")))
            if texts:
                texts[0].text = symbol
                for t in texts[1:]:
                    t.text = ""
            changed = True
            continue
        text = _text(value)
        if kind == "dropdown":
            items = {(item.get(w("displayText")) or "", item.get(w("value")) or "")
                     for item in pr.iter(w("listItem"))}
            allowed = {d for d, _ in items} | {v for _, v in items}
            if pr.find(w("dropDownList")) is not None and text not in allowed:
                problems.append(Problem(f"「{text}」不是下拉列表的选项（可选：{'、'.join(sorted(d for d, _ in items if d))}）",
                                        Location(key_path=name)))
                continue
        if kind == "date":
            date = pr.find(w("date"))
            iso = _iso_date(text)
            if iso and date is not None:
                date.set(w("fullDate"), iso + "T00:00:00Z")
        placeholder = pr.find(w("showingPlcHdr"))
        if placeholder is not None:
            pr.remove(placeholder)
        texts = list(content.iter(w("t")))
        if texts:
            texts[0].text = text
            texts[0].set(_XML_SPACE, "preserve")
            for t in texts[1:]:
                t.text = ""
            # The placeholder's style (grey text) is not the value's.
            run = texts[0].getparent()
            rpr = run.find(w("rPr"))
            if rpr is not None:
                for style in rpr.findall(w("rStyle")):
                    if "Placeholder" in (style.get(w("val")) or ""):
                        rpr.remove(style)
        else:
            target = content.find(f".//{w('p')}")
            run = etree.SubElement(target if target is not None else content, w("r"))
            t = etree.SubElement(run, w("t"))
            t.text = text
        changed = True
    return changed


def _iso_date(text: str) -> str | None:
    from .dates import parse_date

    try:
        date = parse_date(text)
    except ValueError:
        return None
    return date.isoformat() if date.is_complete else None


def fill_text(text: str, values: Mapping[str, Any]) -> FillResult:
    """A plain text with its blanks filled (line by line, as :func:`scan_text` numbers)."""
    scan = scan_text(text)
    by_number, _, unmatched = _assign(values, scan.blanks, [])
    lines = text.split("\n")
    number = 0
    for index, line in enumerate(lines):
        jobs = []
        for b in find_blanks(line.rstrip("\r")):
            number += 1
            if number in by_number:
                jobs.append((b, by_number[number]))
        for b, value in reversed(jobs):
            line = line[:b.start] + value + line[b.end:]
        lines[index] = line
    result = "\n".join(lines)
    return FillResult(result.encode("utf-8"), len(by_number), scan_text(result).blanks, unmatched)

