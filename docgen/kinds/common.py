"""The context every kind of document starts from, and what the kinds share.

The context is plain data a Word template reads with ``{{ … }}``: strings, numbers, lists,
dicts, :class:`DateValue` for dates and :class:`ImageRef` for pictures. A missing value
becomes a :class:`Blank`, which prints as the blank string and is reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Callable, Mapping

from ..pairing.dates import DateValue, PartialDate, SchoolYear, term_end
from ..pairing.model import Common, School, other_side, side_name, side_role
from ..pairing.numerals import chinese_count
from ..pairing.schema import date, school_year, text, texts
from ..pairing.values import Blank, compose

# Context names computed from input fields rather than typed in: name → input fields.
DERIVED_FIELDS = {
    "term.end": ("term.start", "term.years"),
    "term.years_cn": ("term.years",),
    "supported_schools": tuple(f"supported.{f.name}" for f in fields(School)),
    "supported.party": ("supported.name",),     # 乙方, or 乙方一 when there are several
}
CONTEXT_ROOTS = ("id", "authority", "basis", "supporter", "supported", "supported_schools",
                 "term", "blank")


@dataclass(frozen=True)
class Kind:
    """A built-in document: its name on the command line, title, template, and the part of
    the context it builds (``build(pairing, common_context, blank)`` → top-level names)."""

    name: str
    title: str
    template: str
    description: str
    build: Callable[[Any, dict[str, Any], str], dict[str, Any]]
    derived: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    roots: tuple[str, ...] = ()    # the top-level context names ``build`` adds
    # (key path, message) of what looks wrong but does not stop the document.
    warnings: Callable[[Any], list[tuple[str, str]]] = lambda pairing: []

    @property
    def default_output(self) -> str:
        return f"{self.title}.docx"


# Fields every document's own section has.

def title_field() -> Any:
    """The document's title (a default is composed from the schools and the period)."""
    return text("标题", "标题")


def dated_field() -> Any:
    """The date under the signature (成文日期)."""
    return date("落款日期", "日期", "落款日期")


def school_year_field() -> Any:
    """The school year a plan or summary covers."""
    return school_year("学年", "学年", help="如 2025-2026")


@dataclass(frozen=True)
class Measure:
    """One area of work (学校管理指导 …) with its description and concrete actions."""

    area: str | None = text("工作领域", "领域", "项目", "名称", "标题")
    intro: list[str] = texts("说明", "说明", "简介", "内容")
    actions: list[str] = texts("具体措施", "具体措施", "措施")


def common_context(pairing: Common, blank: str) -> dict[str, Any]:
    """The schools, the authority, the basis and the term, blanks where missing.

    ``supported`` is the first (or only) 乙方; ``supported_schools`` lists every 乙方, each
    with its ``party``: 乙方 when there is one, 乙方一、乙方二… when there are several (a
    missing value of item 2 is the blank of supported[2].name)."""

    def value(text_value: str | None, path: str) -> str:
        return text_value if text_value else Blank(path, blank)

    def school(s: School, side: str, path: str, party: str) -> dict[str, Any]:
        return {
            "name": value(s.name, f"{path}.name"),
            "category": value(s.category, f"{path}.category"),
            "representative": value(s.representative, f"{path}.representative"),
            "contact": value(s.contact, f"{path}.contact"),
            "phone": value(s.phone, f"{path}.phone"),
            "side": side_name(side),
            "party": party,
        }

    many = len(pairing.supported_schools) > 1
    supported = [school(s, "supported", f"supported[{i}]" if many else "supported",
                        side_name("supported") + (chinese_count(i) if many else ""))
                 for i, s in enumerate(pairing.supported_schools, 1)]
    start = pairing.term.start
    return {
        "id": value(pairing.id, "id"),
        "authority": value(pairing.authority, "authority"),
        "basis": {
            "title": value(pairing.basis.title, "basis.title"),
            "number": value(pairing.basis.number, "basis.number"),
        },
        "supporter": school(pairing.supporter, "supporter", "supporter", side_name("supporter")),
        "supported": supported[0],
        "supported_schools": supported,
        "term": {
            "start": DateValue(start, "term.start", blank),
            "end": DateValue(term_end(start, pairing.term.years), "term.start", blank),
            "years": pairing.term.years,
            "years_cn": chinese_count(pairing.term.years),
        },
        "blank": blank,
    }


# --------------------------------------------------------------------------- shared helpers

def author_and_partner(author: str, context: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(author, partner) school dicts, each with its role: 我校 is the author."""
    partner = other_side(author)
    return ({**context[author], "key": author, "role": side_role(author)},
            {**context[partner], "key": partner, "role": side_role(partner)})


def composed(values: list[str] | tuple[str, ...], **names: object) -> list[str]:
    """Default paragraphs with the school names (and other values) put in."""
    return [compose(v, **names) for v in values]


def numbered(items: list[str] | None, field_path: str, blank: str) -> list[str] | Blank:
    """A list of items, or one Blank standing for the whole list when none were given."""
    return list(items) if items else Blank(field_path, blank)


def school_year_text(year: SchoolYear | None, field_path: str, blank: str) -> str:
    return str(year) if year else Blank(field_path, f"{blank}—{blank}学年")


def measures_context(measures: list[Measure], path: str, blank: str) -> list[dict[str, Any]]:
    return [{"area": m.area or Blank(f"{path}[{i}].area", blank),
             "intro": list(m.intro or []), "actions": list(m.actions or [])}
            for i, m in enumerate(measures, 1)]


def month_text(date: PartialDate, field_path: str, blank: str) -> str:
    return DateValue(date, field_path, blank).format("month")

