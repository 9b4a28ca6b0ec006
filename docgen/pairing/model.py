"""What every document of a pairing draws on: the two schools, the authority, the term.

One 甲方 may be paired with several 乙方 in one agreement (一对多): ``supported`` is then
written as a list; :attr:`Common.supported` is the first (乙方一, the one every
one-to-one document names) and :attr:`Common.supported_schools` all of them.

Each field is declared once here (see :mod:`docgen.pairing.schema`). The document kinds
add their own fields (:mod:`docgen.kinds`); the whole input model is
:class:`docgen.kinds.Pairing`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from .dates import PartialDate
from .schema import date, doc_number, group, integer, names, pair_of, phone, text

T = TypeVar("T")

# The two sides of a pairing and the words users write for each; the first is its name.
SIDES: dict[str, tuple[str, ...]] = {
    "supporter": ("甲方", "支援学校", "城区学校"),
    "supported": ("乙方", "受援学校", "受助学校", "农村学校"),
}
DEFAULT_TERM_YEARS = 3


def side_name(side: str) -> str:
    """甲方 / 乙方."""
    return SIDES[side][0]


def side_role(side: str) -> str:
    """支援学校 / 受援学校."""
    return SIDES[side][1]


def side_of(word: str) -> str | None:
    """supporter / supported for any word naming a side (甲方, 受援学校, supported …)."""
    for key, words in SIDES.items():
        if word == key or word in words:
            return key
    return None


def other_side(side: str) -> str:
    return "supported" if side == "supporter" else "supporter"


@dataclass(frozen=True)
class BySide(Generic[T]):
    """A value for each side: 甲方 (supporter) and 乙方 (supported)."""

    supporter: T = None  # type: ignore[assignment]
    supported: T = None  # type: ignore[assignment]


def by_side(of: Any, label: str, *aliases: str, column: bool = False) -> Any:
    """A field holding one ``of`` value for each side (甲方盖章, 乙方盖章)."""
    return pair_of(BySide, label, *aliases, sides=SIDES, of=of, column=column)


@dataclass(frozen=True)
class School:
    # The first alias after a side's name is how a roster's header writes it: 甲方学校.
    name: str | None = text("{}学校名称", "学校", "名称", "学校名称", "校名", headline=True,
                            proper="place")
    category: str | None = text("{}学校类别", "类别", "类型", "学校类别")
    representative: str | None = text("{}代表", "代表", "法定代表人", "校长", proper="person")
    contact: str | None = text("{}联系人", "联系人", proper="person")
    phone: str | None = phone("{}联系电话", "电话", "联系电话", "手机", "联系方式", "电话号码",
                              help="座机请带区号")


def _basis_from_text(value: str) -> dict[str, Any]:
    """``basis: 《标题》（文号）`` written as one string, a common way to write it."""
    body = value.strip().strip("《》")
    m = re.match(r"^《?(?P<title>.+?)》?\s*[（(](?P<number>[^（）()]*\d+\s*号)[）)]$", body)
    return {"title": m.group("title").strip("《》 ") if m else body,
            "number": m.group("number") if m else None}


@dataclass(frozen=True)
class Basis:
    title: str | None = text("依据文件标题", "标题", "名称", "文件", "文件名")
    number: str | None = doc_number("文号", "文号", help="如 常教发〔2007〕23号")


@dataclass(frozen=True)
class Term:
    start: PartialDate = date("开始年月", "开始", "开始年月", "起始", "开始时间", "结对时间",
                              "结对日期", help="如 2025-09")
    years: int = integer("年限", "年限", "帮扶年限", "结对年限", minimum=1, maximum=10,
                         default=DEFAULT_TERM_YEARS, unit="年", help="默认 3 年；结束年月自动推算")


@dataclass(frozen=True)
class Common:
    """The data every kind of document of a pairing uses."""

    id: str | None = text("编号", "编号", "结对编号", column=True)
    authority: str | None = text("主管部门", "主管部门", "教育局", column=True, proper="place",
                                 help="如 常州市教育局")
    basis: Basis = group(Basis, "依据文件", "依据", "依据文件", column=True,
                         from_text=_basis_from_text)
    supporter: School = group(School, side_name("supporter"), *SIDES["supporter"], column=True,
                              defaults={"category": "城市学校"})
    supported: School = group(School, side_name("supported"), *SIDES["supported"], column=True,
                              defaults={"category": "农村学校"}, more="more_supported",
                              help="一对多时写成学校的列表（乙方一、乙方二……）")
    term: Term = group(Term, "帮扶期限", "期限", "帮扶期限", column=True)
    keep: list[str] = names("不转换的词", "不转换", "保留词",
                            help="输出繁体时保持原样的词；其中的人名只保持姓氏")
    proper_names: list[str] = names("人名地名", "names", "人名地名", "人名", "地名", "专名",
                                    help="转换文字时按人名、地名规则写的名字，"
                                         "或写成「原文=写法」")
    # 乙方二、乙方三… when ``supported`` is written as a list (read with it, not declared).
    more_supported: tuple[School, ...] = ()

    @property
    def supported_schools(self) -> tuple[School, ...]:
        """Every 乙方 in order: ``supported`` (乙方一) and the others."""
        return (self.supported, *self.more_supported)
