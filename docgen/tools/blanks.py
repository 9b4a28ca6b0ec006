"""``docgen blanks``: every blank of a user's own document, numbered and labelled.

For a .docx, every paragraph is read as XML in reading order — body (tables included),
then headers, footers, footnotes and endnotes — with the shapes of :mod:`.shapes`, plus
two only Word has: a run of spaces underlined to write on, and an empty table cell beside
a label. Word content controls (w:sdt: plain and rich text, date, drop-down, check box)
are listed by their tag or title. A .txt is read line by line. ``docgen fill``
(:mod:`.fill`) numbers blanks with the same functions, so a number means one blank.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any, Iterator

from ..errors import InputError, Location
from ..ooxml.package import Entry, read_package
from ..ooxml.xml import Element, own_texts, parse_part, qn, text_of
from .shapes import FoundBlank, find_blanks

FALLBACK = qn("mc:Fallback")

_PART_ORDER = [("word/document.xml", "正文"), (r"word/header\d*\.xml", "页眉"),
               (r"word/footer\d*\.xml", "页脚"), ("word/footnotes.xml", "脚注"),
               ("word/endnotes.xml", "尾注")]


def w(tag: str) -> str:
    return qn(f"w:{tag}")


@dataclass
class FormBlank:
    """One blank of a user's document, as ``docgen blanks`` lists it."""

    number: int
    where: str
    before: str
    after: str
    label: str
    shape: str
    text: str
    short: list[str] = field(default_factory=list)  # shorter names it may be given by


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
    blanks: list[FormBlank] = field(default_factory=list)
    controls: list[Control] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"blanks": [asdict(b) for b in self.blanks],
                "controls": [asdict(c) for c in self.controls]}


# --------------------------------------------------------------------------- paragraphs

@dataclass
class Paragraph:
    """A paragraph's w:t elements and text, with where it is."""

    texts: list[Element]
    where: str
    p: Element
    cell_label: str | None = None   # set for an empty cell beside a label
    label_run: Element | None = None  # the label's first run: the value takes its formatting

    @property
    def text(self) -> str:
        return text_of(self.texts)


_FILLER = re.compile(r"^[ \u3000\u00a0\t_＿]*$")  # what an empty cell may hold: a line to write on


def paragraphs(root: Element, part_label: str) -> Iterator[Paragraph]:
    """The paragraphs of a part in reading order. A text box's paragraphs are read once:
    Word stores a box twice (mc:Choice and its mc:Fallback copy); fill writes both."""
    body_count = 0
    table_count = 0
    tables: dict[Element, int] = {}
    for p in root.iter(w("p")):
        if next(p.iterancestors(FALLBACK), None) is not None:
            continue
        cell = next(p.iterancestors(w("tc")), None)
        if cell is None:
            body_count += 1
            yield Paragraph(own_texts(p), f"{part_label}第{body_count}段", p)
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
        texts = own_texts(p)
        label, label_cell = None, None
        if _FILLER.match(text_of(cell.iter(w("t")))) and cell.findall(w("p"))[0] is p:
            label, label_cell = _cell_label(rows, row, cells, cell)
        label_run = next(label_cell.iter(w("r")), None) if label_cell is not None else None
        yield Paragraph(texts, where, p, label, label_run)


def _cell_label(rows: list[Element], row: Element, cells: list[Element],
                cell: Element) -> tuple[str | None, Element | None]:
    """The label of an empty cell. Under a header row (a first row filled in every cell: a
    grid) the header above; in a form of label | value cells, the cell to its left."""
    index = cells.index(cell)
    left = [cells[index - 1]] if index > 0 else []
    header = rows[0].findall(w("tc"))
    above = [header[index]] if rows.index(row) > 0 and index < len(header) else []
    is_grid = all(not _FILLER.match(text_of(c.iter(w("t")))) for c in header)
    candidates = above + left if is_grid else left + above
    for candidate in candidates:
        text = text_of(candidate.iter(w("t"))).strip()
        if text and len(text) <= 12 and not text[-1].isdigit() and not _FILLER.match(text):
            return text.rstrip(":：").strip(), candidate
    return None, None


def _underlined_space_spans(para: Paragraph) -> list[tuple[int, int]]:
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


def blanks_of(para: Paragraph) -> list[FoundBlank]:
    """The blanks of one paragraph, left to right; overlapping shapes are one blank."""
    text = para.text
    if para.cell_label is not None:  # an empty cell (or one holding a line): one blank
        return [FoundBlank(0, len(text), "empty_cell", para.cell_label, text)]
    found = find_blanks(text)
    for start, end in _underlined_space_spans(para):
        # 甲方（盖章）：followed by underlined spaces is one blank: the line, with the label's name.
        colon = next((b for b in found if b.shape == "colon" and b.start == b.end
                      and b.start <= start and not text[b.start:start].strip()), None)
        if colon is not None:
            found.remove(colon)
            found.append(FoundBlank(start, end, "underlined_space", colon.label, text[start:end]))
        elif not any(b.start < end and start < b.end for b in found):
            label = find_blanks(text[:start] + "____" + text[end:])
            guess = next((b.label for b in label if b.start == start), "空白")
            found.append(FoundBlank(start, end, "underlined_space", guess, text[start:end]))
    return sorted(found, key=lambda b: (b.start, b.end))


# --------------------------------------------------------------------------- reading

def text_parts(entries: list[Entry]) -> list[tuple[Entry, str]]:
    """The parts that hold a reader's text, in reading order, with their Chinese names."""
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


def root_of(entry: Entry) -> Element:
    return parse_part(entry.content(), entry.name)


def _listed(number: int, where: str, text: str, b: FoundBlank) -> FormBlank:
    return FormBlank(number, where, text[max(0, b.start - 15):b.start], text[b.end:b.end + 15],
                     b.label, b.shape, b.text, list(b.short))


def scan_docx(data: bytes) -> Scan:
    """Every blank and content control of a .docx."""
    scan = Scan()
    for entry, label in text_parts(read_package(data)):
        root = root_of(entry)
        for para in paragraphs(root, label):
            for b in blanks_of(para):
                scan.blanks.append(_listed(len(scan.blanks) + 1, para.where, para.text, b))
        scan.controls.extend(_controls(root))
    return scan


def text_lines(text: str) -> list[tuple[str, str]]:
    """(line, its line break) of a plain text: the one split scan and fill number by, so
    that a form feed or U+2028 ends a line for both."""
    lines = []
    for piece in text.splitlines(keepends=True):
        body = piece.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        lines.append((body, piece[len(body):]))
    return lines


def scan_text(text: str) -> Scan:
    """Every blank of a plain text, line by line."""
    scan = Scan()
    for number, (line, _) in enumerate(text_lines(text), 1):
        for b in find_blanks(line):
            scan.blanks.append(_listed(len(scan.blanks) + 1, f"第{number}行", line, b))
    return scan


def control_kind(pr: Element) -> str:
    if pr.find(w("date")) is not None:
        return "date"
    if pr.find(w("dropDownList")) is not None or pr.find(w("comboBox")) is not None:
        return "dropdown"
    if pr.find(qn("w14:checkbox")) is not None:
        return "checkbox"
    if pr.find(w("text")) is not None:
        return "text"
    return "richtext"


def _controls(root: Element) -> Iterator[Control]:
    for sdt in root.iter(w("sdt")):
        pr = sdt.find(w("sdtPr"))
        if pr is None:
            continue
        tag = pr.find(w("tag"))
        alias = pr.find(w("alias"))
        kind = control_kind(pr)
        choices = [item.get(w("displayText")) or item.get(w("value")) or ""
                   for item in pr.iter(w("listItem"))]
        content = sdt.find(w("sdtContent"))
        text = text_of(content.iter(w("t"))) if content is not None else ""
        yield Control(tag.get(w("val"), "") if tag is not None else "",
                      alias.get(w("val"), "") if alias is not None else "", kind, text, choices)
