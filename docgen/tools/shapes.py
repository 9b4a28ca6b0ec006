"""Blank shapes in plain text: where people leave room for data, and what goes there.

The shapes come from the source texts (shared/seeds) and the forms schools circulate: two or
more underscores (also full-width ＿), ** / *** / xx / xxxx / xx-x / ×××× placeholders (an
11-x phone, X年X月X日), 某某 / 某某某, brackets holding only spaces or underscores
（　　）人 (the value goes inside), □/☐ boxes labelled by the words beside them (ticked
with ☑; a group already ticked has no blank left), 20xx / 20__ / 20** years,
年 月 日 with spaces where the numbers go, and a label with a colon and nothing after it
(甲方: / 代表: / 组长:). Each blank gets a label guessed from its context, so values can be
given by label (年, 月, 日, 甲方, 代表, 人数, 节数 …) instead of by number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Labels that announce a value to be written after them (a form's fields).
FIELD_LABELS = ("甲方", "乙方", "代表", "组长", "副组长", "成员", "组员", "校长", "联系人", "联系电话",
                "电话", "地址", "日期", "时间", "签字", "盖章", "姓名", "单位", "负责人", "主任", "副主任",
                "编号", "学校", "年级", "班级", "学科", "职务", "签订日期", "主管部门", "签名", "签章",
                "填表人", "审核人", "经办人")
_LABEL = "|".join(sorted(FIELD_LABELS, key=len, reverse=True))
_SPACE = "[ \u3000\u00a0]"

_SHAPES = re.compile(
    rf"(?P<year>20(?:[xX×]{{2}}|[_＿]{{2,}}|\*{{2}}))"
    rf"|(?<=[（(])(?P<paren>[ \u3000\u00a0_＿]{{2,}})(?=[）)])"
    rf"|(?P<underline>[_＿]{{2,}})"
    rf"|(?P<stars>\*{{2,}})"
    rf"|(?P<xx>(?<![A-Za-z0-9])(?:[xX×]{{2,}}(?:-[xX×]{{1,2}})?|[xX×](?=[年月日号]))(?![A-Za-z0-9]))"
    rf"|(?P<mou>(?<!某)某{{2,3}}(?!某))"
    rf"|(?P<box>[□☐](?={_SPACE}?[^\s□☐]))"
    rf"|(?P<date_space>(?<=[年月]){_SPACE}+(?=[月日])|(?:(?<=^)|(?<=[\s:：]))(?:{_SPACE}{{2,}})(?=年))"
    rf"|(?P<colon>(?:(?<=^)|(?<=[\s，,；;。]))(?P<label>(?:{_LABEL})(?:（[^）]{{1,6}}）|\([^)]{{1,6}}\))?)"
    rf"[:：](?P<gap>{_SPACE}*)(?=$|{_SPACE}*(?:{_LABEL})(?:（[^）]{{1,6}}）|\([^)]{{1,6}}\))?[:：]"
    rf"|{_SPACE}*[（(]|{_SPACE}+\d{{4}}年))"
)

# Each shape's name as ``docgen blanks`` shows it.
SHAPE_NAMES = {"underline": "下划线", "stars": "星号", "xx": "xx", "year": "年份",
               "paren": "括号空", "mou": "某某", "box": "方框",
               "date_space": "日期空格", "colon": "冒号后空", "underlined_space": "下划线空格",
               "empty_cell": "空单元格"}

_AFTER_UNITS = [("年", "年"), ("月", "月"), ("日", "日"), ("号", "日"), ("號", "日"), ("位", "人数"),
                ("名", "人数"), ("人", "人数"), ("节", "节数"), ("節", "节数"), ("册", "册数"),
                ("冊", "册数"), ("本", "册数"), ("台", "台数"), ("臺", "台数"), ("元", "金额"),
                ("万元", "金额"), ("萬元", "金额"), ("次", "次数"), ("场", "场数"), ("場", "场数"),
                ("所", "学校数"), ("班", "班级"), ("级", "年级"), ("級", "年级")]
# The words a place or a school name ends with (××县, XX学校).
PLACE_WORDS = ("省", "市", "县", "区", "镇", "乡", "村")
SCHOOL_WORDS = ("学校", "小学", "中学", "初级中学", "中心学校", "中心小学", "幼儿园")


@dataclass(frozen=True)
class FoundBlank:
    """A blank in one paragraph: the span it covers ([start, end), may be empty), its shape
    and guessed label."""

    start: int
    end: int
    shape: str
    label: str
    text: str
    short: tuple[str, ...] = ()   # shorter names of the label: 支援学校（甲方） → 支援学校, 甲方


# A box ticked: a group of boxes with one of these is answered, its other boxes are not blanks.
TICKED = "☑☒■√✓✔"
_BOX_LABEL = re.compile(rf"{_SPACE}?([^\s□☐{TICKED}，,。；;：:、（）()]{{1,12}})")
_YES = {"是", "√", "☑", "☒", "✓", "✔", "1", "true", "yes", "y", "对", "选", "勾"}


def box_mark(value: str) -> str | None:
    """☑ for a value that ticks a box (是, √, true …); None for one that leaves it empty."""
    return "☑" if value.strip().lower() in _YES else None


def find_blanks(text: str) -> list[FoundBlank]:
    """Every blank of one paragraph's text, left to right."""
    found = []
    answered = any(mark in text for mark in TICKED)
    for m in _SHAPES.finditer(text):
        if m.group("box") is not None:
            if not answered:  # □同意 □不同意: each box is labelled by the words beside it
                label = _BOX_LABEL.match(text, m.end())
                found.append(FoundBlank(m.start(), m.end(), "box", label.group(1) if label else "空白",
                                        m.group(0)))
            continue
        shape = m.lastgroup if m.lastgroup not in ("label", "gap") else "colon"
        for name in ("year", "paren", "underline", "stars", "xx", "mou", "box", "date_space",
                     "colon"):
            if m.group(name) is not None:
                shape = name
                break
        if shape == "colon":
            # An insertion point right after the colon: the spaces that follow stay, to
            # keep the value apart from the next label.
            start = end = m.start("gap")
            label = re.sub(r"（[^）]*）|\([^)]*\)", "", m.group("label"))
        else:
            start, end = m.start(), m.end()
            label = _guess_label(text, start, end, shape)
        printed = _printed_label(text, start) if shape != "colon" else None
        if printed and label not in ("年", "月", "日") and printed != label:
            found.append(FoundBlank(start, end, shape, printed, text[start:end],
                                    _short_forms(printed, label)))
        else:
            found.append(FoundBlank(start, end, shape, label, text[start:end]))
    return found


_PRINTED = re.compile(r"([^\s，,；;。：:、_＿*]{1,16})[:：]\s*$")


def _printed_label(text: str, start: int) -> str | None:
    """The words printed before a blank and its colon (支援学校（甲方）：____), if any."""
    m = _PRINTED.search(text[max(0, start - 20):start])
    return m.group(1) if m else None


def _short_forms(printed: str, guessed: str) -> tuple[str, ...]:
    """支援学校（甲方） → 支援学校, 甲方, and the field name guessed from it (学校)."""
    bare = re.sub(r"（[^）]*）|\([^)]*\)", "", printed).strip()
    inside = re.findall(r"[（(]([^）)]{1,8})[）)]", printed)
    forms = [bare, *inside, guessed]
    return tuple(dict.fromkeys(f for f in forms if f and f != printed and f != "空白"))


def _guess_label(text: str, start: int, end: int, shape: str) -> str:
    if shape == "year":
        return "年"
    if shape == "paren":  # （　　）人: the words around the brackets
        start, end = start - 1, end + 1
    after = text[end:end + 6].lstrip(" \u3000")
    before = text[max(0, start - 12):start].rstrip(" \u3000")
    if shape == "date_space":
        return {"月": "月", "日": "日", "年": "年"}.get(after[:1], "日期")
    for unit, label in sorted(_AFTER_UNITS, key=lambda u: -len(u[0])):
        if after.startswith(unit):
            return label
    for school in SCHOOL_WORDS:
        if after.startswith(school):
            return "学校"
    if after[:1] in PLACE_WORDS:
        return after[:1]
    m = re.search(rf"({_LABEL})(?:（[^）]*）|\([^)]*\))?[:：]?$", before)
    return m.group(1) if m else "空白"
