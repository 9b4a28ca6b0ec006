"""``docgen fill``: the blanks of a user's document filled, keeping the formatting.

Values are given by blank number or label (as ``docgen blanks`` lists them, numbered by
the same functions) and content controls by tag or title. A value goes into the run where
its blank starts, with that run's formatting; ``underline`` puts it in an underlined run
of its own, as forms are filled by hand.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Mapping

from ..errors import Location, Problem
from ..ooxml.package import read_package, rewrite
from ..ooxml.xml import XML_SPACE, Element, own_texts, qn, serialize_part, sub_element
from ..pairing.dates import parse_date
from .blanks import (Control, FormBlank, blanks_of, control_kind, paragraphs, root_of, scan_docx,
                     scan_text, text_lines, text_parts, w)
from .shapes import PLACE_WORDS, SCHOOL_WORDS, FoundBlank, box_mark, find_blanks

@dataclass
class FillResult:
    data: bytes
    filled: int                   # blanks and controls that received a value
    remaining: list[FormBlank]
    unmatched: list[str]
    problems: list[Problem] = field(default_factory=list)


def _assign(values: Mapping[str, Any], blanks: list[FormBlank],
            controls: list[Control]) -> tuple[dict[int, str], dict[str, Any], list[str]]:
    """Which value goes into which blank (by number, then by label) and control."""
    by_number: dict[int, str] = {}
    control_values: dict[str, Any] = {}
    unmatched = []
    control_names = {c.tag for c in controls if c.tag} | {c.title for c in controls if c.title}
    labels: dict[str, list[FormBlank]] = {}
    for b in blanks:
        labels.setdefault(b.label, []).append(b)
    # A short name (甲方 for 甲方（盖章）) reaches the blanks no label names in full.
    for b in blanks:
        for short in b.short:
            if short not in {x.label for x in blanks}:
                labels.setdefault(short, []).append(b)
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
    entries = read_package(data)
    touched: dict[str, bytes] = {}
    number = filled = 0
    for entry, label in text_parts(entries):
        root = root_of(entry)
        changed = False
        for para in paragraphs(root, label):
            jobs = []
            for b in blanks_of(para):
                number += 1
                if number in by_number:
                    jobs.append((b, by_number[number]))
            jobs = _ticks(jobs)
            for b, value in reversed(jobs):  # right to left: offsets stay valid
                if b.shape == "empty_cell":
                    _fill_cell(para, value, underline)
                else:
                    end = b.end + _repeated_suffix(value, para.text[b.end:])
                    if not _replace_span(para.texts, b.start, end, value, underline):
                        continue
                para.texts = own_texts(para.p)
                _mirror_text_box(para.p)
                filled += 1
                changed = True
        for name, value in control_values.items():
            count = _fill_controls(root, name, value, problems)
            filled += count
            changed |= bool(count)
        if changed:
            touched[entry.name] = serialize_part(root)
    result = rewrite(entries, touched)
    return FillResult(result, filled, scan_docx(result).blanks, unmatched, problems)


def _replace_span(texts: list[Element], start: int, end: int, value: str,
                  underline: bool) -> bool:
    """Put ``value`` where [start, end) was, in the run where the span starts; the runs the
    span covers give up their part. With ``underline`` the value gets its own underlined
    run with the same formatting as the run it replaces text in."""
    spans, offset = [], 0
    for t in texts:
        spans.append((t, offset, offset + len(t.text or "")))
        offset += len(t.text or "")
    if not spans:
        return False
    if start == end:  # an insertion point (after a label's colon): the run that ends there
        target = next(((t, start - a) for t, a, b in spans if a < start <= b),
                      (spans[0][0], 0))
    else:
        target = next(((t, start - a) for t, a, b in spans if a <= start < b), None)
        if target is None:
            return False
    for t, a, b in spans:
        lo, hi = max(start, a), min(end, b)
        if lo < hi:
            text = t.text or ""
            t.text = text[: lo - a] + text[hi - a:]
    t, position = target
    text = t.text or ""
    if not underline:
        t.text = text[:position] + value + text[position:]
        t.set(XML_SPACE, "preserve")
        return True
    run = t.getparent()
    before, after = text[:position], text[position:]
    t.text = before
    t.set(XML_SPACE, "preserve")
    value_run = copy.deepcopy(run)
    for child in list(value_run):
        if child.tag != w("rPr"):
            value_run.remove(child)
    rpr = value_run.find(w("rPr"))
    if rpr is None:
        rpr = sub_element(value_run, "w:rPr")
        value_run.remove(rpr)
        value_run.insert(0, rpr)
    for old in rpr.findall(w("u")):
        rpr.remove(old)
    sub_element(rpr, "w:u", {"w:val": "single"})
    new_t = sub_element(value_run, "w:t", {"xml:space": "preserve"})
    new_t.text = value
    run.addnext(value_run)
    if after:
        tail_run = copy.deepcopy(run)
        for child in list(tail_run):
            if child.tag not in (w("rPr"), w("t")):
                tail_run.remove(child)
        tail_t = tail_run.find(w("t"))
        tail_t.text = after
        value_run.addnext(tail_run)
    return True


def _ticks(jobs: list[tuple[FoundBlank, str]]) -> list[tuple[FoundBlank, str]]:
    """A box's value says whether to tick it (是, √, true → ☑); a box not ticked stays."""
    result = []
    for blank, value in jobs:
        if blank.shape == "box":
            mark = box_mark(value)
            if mark is None:
                continue
            value = mark
        result.append((blank, value))
    return result


def _repeated_suffix(value: str, after: str) -> int:
    """How many characters after a blank the value already says (0 when none): XX学校 +
    淮西县实验小学 is the name once, not 淮西县实验小学学校; ××县 + 淮西县 is 淮西县."""
    for words in (tuple(sorted(SCHOOL_WORDS, key=len, reverse=True)), PLACE_WORDS):
        word = next((w for w in words if after.startswith(w)), None)
        if word and value.endswith(words):
            return len(word)
    return 0


def _fill_cell(para: Any, value: str, underline: bool) -> None:
    """An empty cell (or one holding only a line to write on) gets ``value`` in place of
    what it held, formatted like its label (font, size, East Asian font, bold)."""
    p = para.p
    for run in [r for r in p.iter(w("r")) if r.find(w("t")) is not None]:
        run.getparent().remove(run)
    run = sub_element(p, "w:r")
    label_format = para.label_run.find(w("rPr")) if para.label_run is not None else None
    rpr = copy.deepcopy(label_format) if label_format is not None else None
    if rpr is not None:
        run.append(rpr)
    if underline:
        if rpr is None:
            rpr = sub_element(run, "w:rPr")
        for old in rpr.findall(w("u")):
            rpr.remove(old)
        sub_element(rpr, "w:u", {"w:val": "single"})
    sub_element(run, "w:t", {"xml:space": "preserve"}).text = value


def _mirror_text_box(p: Element) -> None:
    """A paragraph of a text box's mc:Choice copy, written into its mc:Fallback copy too,
    so that every Word and every other reader shows the value."""
    choice = next(p.iterancestors(qn("mc:Choice")), None)
    if choice is None:
        return
    fallback = choice.getnext()
    if fallback is None or fallback.tag != qn("mc:Fallback"):
        return
    shown = [x for x in choice.iter(w("p"))]
    stored = [x for x in fallback.iter(w("p"))]
    if len(shown) == len(stored):
        index = shown.index(p)
        stored[index].getparent().replace(stored[index], copy.deepcopy(p))


def _fill_controls(root: Element, name: str, value: Any, problems: list[Problem]) -> int:
    """Fill every control tagged or titled ``name``; how many were filled."""
    filled = 0
    for sdt in root.iter(w("sdt")):
        pr = sdt.find(w("sdtPr"))
        if pr is None:
            continue
        names = {el.get(w("val")) for el in (pr.find(w("tag")), pr.find(w("alias"))) if el is not None}
        if name not in names:
            continue
        kind = control_kind(pr)
        content = sdt.find(w("sdtContent"))
        if content is None:
            continue
        if kind == "checkbox":
            checked = value is True or str(value).strip() in ("是", "1", "true", "True", "√", "☑", "☒", "yes")
            box = pr.find(qn("w14:checkbox"))
            state = box.find(qn("w14:checked"))
            if state is None:
                state = sub_element(box, "w14:checked")
            state.set(qn("w14:val"), "1" if checked else "0")
            symbol = "☒" if checked else "☐"
            texts = list(content.iter(w("t")))
            if texts:
                texts[0].text = symbol
                for t in texts[1:]:
                    t.text = ""
            filled += 1
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
            texts[0].set(XML_SPACE, "preserve")
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
            run = sub_element(target if target is not None else content, "w:r")
            sub_element(run, "w:t").text = text
        filled += 1
    return filled


def _iso_date(text: str) -> str | None:
    try:
        date = parse_date(text)
    except ValueError:
        return None
    return date.isoformat() if date.is_complete else None


def fill_text(text: str, values: Mapping[str, Any]) -> FillResult:
    """A plain text with its blanks filled (line by line, as :func:`scan_text` numbers)."""
    scan = scan_text(text)
    by_number, _, unmatched = _assign(values, scan.blanks, [])
    out = []
    number = filled = 0
    for line, end in text_lines(text):
        jobs = []
        for b in find_blanks(line):
            number += 1
            if number in by_number:
                jobs.append((b, by_number[number]))
        jobs = _ticks(jobs)
        for b, value in reversed(jobs):
            line = line[:b.start] + value + line[b.end:]
            filled += 1
        out.append(line + end)
    result = "".join(out)
    return FillResult(result.encode("utf-8"), filled, scan_text(result).blanks, unmatched)

