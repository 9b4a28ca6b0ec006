"""Build-context stage: a validated :class:`Pairing` → the template context.

The context is plain data a Word template reads with ``{{ … }}``: strings, numbers,
lists, dicts, :class:`DateValue` for dates and :class:`ImageRef` for seal and signature
images. Defaults from the standard form fill what the input may omit (the duties clauses,
three years, four copies); everything else that is missing becomes a :class:`Blank`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .blanks import DEFAULT_BLANK, Blank
from .dates import PartialDate, format_date, is_complete_for, term_end
from .model import BySide, Pairing, School
from .numerals import chinese_count

# The standard clauses of the agreement form (seed 004), written afresh.
DEFAULT_SUPPORTER_DUTIES = (
    "协议签订后一个月内，与乙方充分协商，制订本年度结对帮扶工作计划；此后每年2月底前制订当年度帮扶计划。",
    "每学年选派校长或副校长到乙方学校协助工作，时间连续不少于两周。",
    "每年选派1至2名教师到乙方学校任教，每人任教时间不少于两周。",
    "每学期与乙方联合举办教学研讨活动不少于两次，活动地点由双方轮流承担。",
    "为乙方选派来校挂职锻炼的干部、教师提供食宿便利；每年暑期组织乙方教师参加业务培训。",
    "倡导并组织本校学生与乙方家庭困难学生开展“手拉手”活动。",
    "协助乙方制订学校发展规划。",
    "确定一名副校级领导担任结对帮扶工作联系人。",
)
DEFAULT_SUPPORTED_DUTIES = (
    "积极主动配合甲方做好结对帮扶各项工作。",
    "每年选派1至2名干部、教师到甲方学校挂职锻炼，每人挂职时间不少于四周。",
    "为甲方选派来校任教的教师提供食宿便利。",
    "配合甲方举办教研活动，共同开展学生“手拉手”活动。",
    "制订本校发展规划，并认真组织实施。",
    "确定一名副校级领导担任结对帮扶工作联系人。",
)

SIDE_NAMES = {"supporter": "甲方", "supported": "乙方"}


@dataclass(frozen=True)
class DateValue:
    """A (possibly partial) date bound to its field, for the date filters.

    Printed as is it reads 2025年9月1日, with blanks for the unknown parts.
    """

    date: PartialDate
    field: str
    blank: str = DEFAULT_BLANK

    def format(self, precision: str = "day", style: str = "arabic") -> str:
        text = format_date(self.date, precision, style, self.blank)
        if is_complete_for(self.date, precision):
            return text
        return Blank(self.field, text)

    def __bool__(self) -> bool:
        return not self.date.is_empty

    def __str__(self) -> str:
        return self.format()

    @property
    def year(self) -> int | None:
        return self.date.year

    @property
    def month(self) -> int | None:
        return self.date.month

    @property
    def day(self) -> int | None:
        return self.date.day


@dataclass(frozen=True)
class ImageRef:
    """An image to place in the document; the render stage turns it into a picture."""

    path: Path
    width_mm: float | None = None
    height_mm: float | None = None


SEAL_WIDTH_MM = 40.0       # an official round seal is 40–42 mm across
SIGNATURE_HEIGHT_MM = 12.0


def build_context(pairing: Pairing, *, blank: str = DEFAULT_BLANK) -> dict[str, Any]:
    """The template context of one pairing. Missing values become :class:`Blank`."""

    def text(value: str | None, path: str) -> str:
        return value if value else Blank(path, blank)

    def school(s: School, side: str) -> dict[str, Any]:
        return {
            "name": text(s.name, f"{side}.name"),
            "category": text(s.category, f"{side}.category"),
            "representative": text(s.representative, f"{side}.representative"),
            "contact": text(s.contact, f"{side}.contact"),
            "phone": text(s.phone, f"{side}.phone"),
            "side": SIDE_NAMES[side],
        }

    def images(refs: BySide[Path | None], **size: float) -> dict[str, Any]:
        return {side: ImageRef(path, **size) if path else ""
                for side, path in (("supporter", refs.supporter), ("supported", refs.supported))}

    term_start = pairing.term.start
    end = term_end(term_start, pairing.term.years)
    return {
        "id": text(pairing.id, "id"),
        "authority": text(pairing.authority, "authority"),
        "basis": {
            "title": text(pairing.basis.title, "basis.title"),
            "number": text(pairing.basis.number, "basis.number"),
        },
        "supporter": school(pairing.supporter, "supporter"),
        "supported": school(pairing.supported, "supported"),
        "term": {
            "start": DateValue(term_start, "term.start", blank),
            "end": DateValue(end, "term.start", blank),
            "years": pairing.term.years,
            "years_cn": chinese_count(pairing.term.years),
        },
        "signed_on": DateValue(pairing.signed_on, "signed_on", blank),
        "copies": pairing.copies,
        "copies_cn": chinese_count(pairing.copies),
        "duties": {
            "supporter": list(pairing.duties.supporter or DEFAULT_SUPPORTER_DUTIES),
            "supported": list(pairing.duties.supported or DEFAULT_SUPPORTED_DUTIES),
        },
        # None means "not given": the form keeps a line to write on; [] means "none".
        "other_terms": (list(pairing.other_terms) if pairing.other_terms is not None
                        else Blank("other_terms", blank)),
        "seal": images(pairing.seal, width_mm=SEAL_WIDTH_MM),
        "signature": images(pairing.signature, height_mm=SIGNATURE_HEIGHT_MM),
        "blank": blank,
    }
