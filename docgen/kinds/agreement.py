"""The pairing agreement (协议书): its fields, its standard clauses and its context.

The agreement's fields sit at the top level of a pairing's data (签订日期, 份数, 责任 …),
as rosters carry them in their columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..pairing.dates import DateValue, PartialDate
from ..pairing.model import BySide, by_side
from ..pairing.numerals import chinese_count
from ..pairing.schema import date, image, integer, texts
from ..pairing.values import Blank, ImageRef
from .common import Kind

DEFAULT_COPIES = 4
SEAL_WIDTH_MM = 40.0       # an official round seal is 40–42 mm across
SIGNATURE_HEIGHT_MM = 12.0

# The standard clauses of the agreement form (seed 004), written afresh.
DEFAULT_DUTIES = {
    "supporter": (
        "协议签订后一个月内，与乙方充分协商，制订本年度结对帮扶工作计划；此后每年2月底前制订当年度帮扶计划。",
        "每学年选派校长或副校长到乙方学校协助工作，时间连续不少于两周。",
        "每年选派1至2名教师到乙方学校任教，每人任教时间不少于两周。",
        "每学期与乙方联合举办教学研讨活动不少于两次，活动地点由双方轮流承担。",
        "为乙方选派来校挂职锻炼的干部、教师提供食宿便利；每年暑期组织乙方教师参加业务培训。",
        "倡导并组织本校学生与乙方家庭困难学生开展“手拉手”活动。",
        "协助乙方制订学校发展规划。",
        "确定一名副校级领导担任结对帮扶工作联系人。",
    ),
    "supported": (
        "积极主动配合甲方做好结对帮扶各项工作。",
        "每年选派1至2名干部、教师到甲方学校挂职锻炼，每人挂职时间不少于四周。",
        "为甲方选派来校任教的教师提供食宿便利。",
        "配合甲方举办教研活动，共同开展学生“手拉手”活动。",
        "制订本校发展规划，并认真组织实施。",
        "确定一名副校级领导担任结对帮扶工作联系人。",
    ),
}


@dataclass(frozen=True)
class AgreementFields:
    """The agreement's own fields (top level of a pairing's data)."""

    signed_on: PartialDate = date("签订日期", "签订日期", "签订时间", "签订", column=True,
                                  help="未签订可不填")
    copies: int = integer("份数", "份数", minimum=1, maximum=20, default=DEFAULT_COPIES,
                          column=True, help="默认一式四份")
    duties: BySide[list[str] | None] = by_side(texts, "责任", "责任")
    other_terms: list[str] | None = texts("其它条款", "其它条款", "其他条款", column=True,
                                          help="写 [] 表示“无”")
    seal: BySide[Path | None] = by_side(image, "盖章", "盖章", "公章", "印章", column=True)
    signature: BySide[Path | None] = by_side(image, "签字", "签字", "签名", column=True)


def context(pairing: AgreementFields, common: dict[str, Any], blank: str) -> dict[str, Any]:
    """Signing date, copies, duties (the standard clauses unless given), other terms, and
    the seal and signature pictures."""

    def images(refs: BySide[Path | None], **size: float) -> dict[str, Any]:
        return {side: ImageRef(path, **size) if path else ""
                for side, path in (("supporter", refs.supporter), ("supported", refs.supported))}

    return {
        "signed_on": DateValue(pairing.signed_on, "signed_on", blank),
        "copies": pairing.copies,
        "copies_cn": chinese_count(pairing.copies),
        "duties": {side: list(getattr(pairing.duties, side) or DEFAULT_DUTIES[side])
                   for side in DEFAULT_DUTIES},
        # None means "not given": the form keeps a line to write on; [] means "none".
        "other_terms": (list(pairing.other_terms) if pairing.other_terms is not None
                        else Blank("other_terms", blank)),
        "seal": images(pairing.seal, width_mm=SEAL_WIDTH_MM),
        "signature": images(pairing.signature, height_mm=SIGNATURE_HEIGHT_MM),
    }


def warnings(pairing: Any) -> list[tuple[str, str]]:
    """With several 乙方 (一对多), fewer originals than signing schools."""
    schools = 1 + len(pairing.supported_schools)
    if len(pairing.supported_schools) > 1 and pairing.copies < schools:
        return [("copies", f"协议一式{chinese_count(pairing.copies)}份，少于签约学校数（{schools}所），"
                           "每所学校至少应执一份")]
    return []


KIND = Kind("agreement", "协议书", "agreement.docx",
            "城乡学校结对帮扶协议书（甲乙双方、帮扶期限、双方责任、签章；可一对多）", context,
            derived={"copies_cn": ("copies",)},
            roots=("signed_on", "copies", "copies_cn", "duties", "other_terms", "seal", "signature"),
            warnings=warnings)
