"""Build-context stage: a validated :class:`Pairing` → the template context.

The context is plain data a Word template reads with ``{{ … }}``: strings, numbers,
lists, dicts, :class:`DateValue` for dates and :class:`ImageRef` for seal and signature
images. Defaults from the standard form fill what the input may omit (the duties clauses,
three years, four copies); everything else that is missing becomes a :class:`Blank`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from .activities import Totals, compute_totals, format_amount, group_activities
from .blanks import DEFAULT_BLANK, Blank, compose
from .dates import PartialDate, SchoolYear, format_date, is_complete_for, term_end
from .model import Activity, BySide, Community, CommunitySchool, Measure, Pairing, School
from .numerals import chinese_count
from .prose import (PLAN_GUIDING_IDEA, PLAN_MEASURES, PLAN_MEASURES_HEADING, PLAN_SAFEGUARDS,
                    PLAN_SCHEDULE, SCHEME_GOALS_FINAL, SCHEME_GOALS_YEARLY, SCHEME_GUIDING_IDEA,
                    SCHEME_MEASURES, SCHEME_STEPS, SUMMARY_EMPHASIS, SUMMARY_FEELINGS,
                    SUMMARY_OPENING, SUMMARY_PROGRESS)

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


DOCUMENT_SECTIONS = ("plan", "summary", "scheme")
# The top-level names of every pairing context (what a template for pairing data reads).
CONTEXT_ROOTS = frozenset({"id", "authority", "basis", "supporter", "supported", "term",
                           "signed_on", "copies", "copies_cn", "duties", "other_terms", "seal",
                           "signature", "blank", "plan", "summary", "community", "scheme"})


def build_context(pairing: Pairing, *, blank: str = DEFAULT_BLANK,
                  sections: Iterable[str] | None = None) -> dict[str, Any]:
    """The template context of one pairing. Missing values become :class:`Blank`.

    ``sections`` limits the document-specific parts built (plan, summary, scheme); the
    default builds all, as a user's template may read any of them.
    """
    wanted = set(DOCUMENT_SECTIONS if sections is None else sections)

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
    context: dict[str, Any] = {
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
    if "plan" in wanted:
        context["plan"] = _plan_context(pairing, context, blank)
    if "summary" in wanted:
        context["summary"] = _summary_context(pairing, context, blank)
    if "scheme" in wanted:
        context["community"], context["scheme"] = _scheme_context(pairing, context, blank)
    return context


# --------------------------------------------------------------------------- shared helpers

def _sides(author: str, context: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(author, partner) school dicts, each with its role: 我校 is the author."""
    other = "supported" if author == "supporter" else "supporter"
    roles = {"supporter": "支援学校", "supported": "受援学校"}
    return ({**context[author], "key": author, "role": roles[author]},
            {**context[other], "key": other, "role": roles[other]})


def _texts(values: list[str] | tuple[str, ...], **names: object) -> list[str]:
    return [compose(v, **names) for v in values]


def _numbered(items: list[str] | None, field_path: str, blank: str) -> list[str] | Blank:
    """A list of items, or one Blank standing for the whole list when none were given."""
    return list(items) if items else Blank(field_path, blank)


def _school_year_text(year: SchoolYear | None, field_path: str, blank: str) -> str:
    return str(year) if year else Blank(field_path, f"{blank}—{blank}学年")


def _measures_context(measures: list[Measure], path: str, blank: str) -> list[dict[str, Any]]:
    return [{"area": m.area or Blank(f"{path}[{i}].area", blank),
             "intro": list(m.intro), "actions": list(m.actions)} for i, m in enumerate(measures, 1)]


def _month_text(date: PartialDate, field_path: str, blank: str) -> str:
    return DateValue(date, field_path, blank).format("month")


# --------------------------------------------------------------------------- plan

def _plan_context(pairing: Pairing, context: dict[str, Any], blank: str) -> dict[str, Any]:
    plan = pairing.plan
    author, partner = _sides(plan.author, context)
    names = {"partner": partner["name"]}
    school_year = _school_year_text(plan.school_year, "plan.school_year", blank)
    title = plan.title or compose("{school}{year}城乡学校结对帮扶工作计划",
                                  school=author["name"], year=school_year)
    group = plan.leading_group
    if plan.measures:
        measures = _measures_context(plan.measures, "plan.measures", blank)
    else:
        measures = [{"area": area, "intro": [compose(intro, **names)], "actions": _texts(actions, **names)}
                    for area, intro, actions in PLAN_MEASURES[plan.author]]
    if plan.schedule:
        schedule = [{"month": _month_text(item.month, f"plan.schedule[{i}].month", blank),
                     "item": item.item or Blank(f"plan.schedule[{i}].item", blank)}
                    for i, item in enumerate(plan.schedule, 1)]
    else:
        schedule = [{"month": _default_month(plan.school_year, month, blank),
                     "item": compose(item, supporter=context["supporter"]["name"],
                                     supported=context["supported"]["name"])}
                    for month, item in PLAN_SCHEDULE]
    return {
        "title": title,
        "school_year": school_year,
        "author": author,
        "partner": partner,
        "guiding_idea": list(plan.guiding_idea) if plan.guiding_idea
        else _texts(PLAN_GUIDING_IDEA[plan.author], **names),
        "leading_group": {
            "leader": group.leader or Blank("plan.leading_group.leader", blank),
            "deputies": "、".join(group.deputies) or Blank("plan.leading_group.deputies", blank),
            "members": "、".join(group.members) or Blank("plan.leading_group.members", blank),
        },
        "measures_heading": PLAN_MEASURES_HEADING[plan.author],
        "measures": measures,
        "schedule": schedule,
        "safeguards": list(plan.safeguards or PLAN_SAFEGUARDS),
        "date": DateValue(plan.date, "plan.date", blank),
    }


def _default_month(year: SchoolYear | None, month: int, blank: str) -> str:
    if year is None:
        return Blank("plan.school_year", f"{blank}年{month}月")
    return format_date(PartialDate(year.start if month >= 9 else year.end, month), "month")


# --------------------------------------------------------------------------- summary

def _summary_context(pairing: Pairing, context: dict[str, Any], blank: str) -> dict[str, Any]:
    summary = pairing.summary
    author, partner = _sides(summary.author, context)
    names = {"partner": partner["name"], "authority": context["authority"]}
    if summary.school_year:
        period, period_word = str(summary.school_year), "本学年"
    elif summary.year:
        period, period_word = f"{summary.year}年度", "本年度"
    else:
        period, period_word = Blank("summary.school_year", f"{blank}—{blank}学年"), "本学年"
    title = summary.title or compose("{school}{period}城乡学校结对帮扶工作总结",
                                     school=author["name"], period=period)

    activities = summary.activities
    if activities is None:
        missing = Blank("summary.activities", blank)
        figures: dict[str, Any] = {k: missing for k in Totals.__dataclass_fields__}
    else:
        totals = compute_totals(activities)
        figures = {k: getattr(totals, k) for k in Totals.__dataclass_fields__}
        figures["funds"] = format_amount(totals.funds)
    totals_sentence = compose(
        "{period_word}共开展结对活动{activities}次，送教示范课{demo_lessons}节，派出教师"
        "{teachers_sent}人次，接待跟岗教师{teachers_hosted}人次，专题讲座{lectures}场，捐赠图书"
        "{books}册、电脑{computers}台、资金{funds}元。", period_word=period_word, **figures)

    groups = []
    if activities:
        index = {id(a): i for i, a in enumerate(activities, 1)}
        for number, (_, heading, members) in enumerate(group_activities(activities), 1):
            groups.append({"heading": f"{number}．{heading}",
                           "entries": [_activity_sentence(a, index[id(a)], summary.author, context, blank)
                                     for a in members]})

    sections = summary.sections

    def section(key: str, default: tuple[str, ...]) -> list[str]:
        if key in sections:
            return list(sections[key])
        return _texts(default, activities=figures["activities"], **names)

    return {
        "title": title,
        "period": period,
        "period_word": period_word,
        "author": author,
        "partner": partner,
        "opening": compose(SUMMARY_OPENING[summary.author], **names),
        "emphasis": section("emphasis", SUMMARY_EMPHASIS[summary.author]),
        "activities_intro": list(sections.get("activities", [])),
        "totals": figures,
        "totals_sentence": totals_sentence,
        "groups": groups,
        "progress": section("progress", SUMMARY_PROGRESS[summary.author]),
        "feelings": section("feelings", SUMMARY_FEELINGS[summary.author]),
        "shortcomings": _numbered(summary.shortcomings, "summary.shortcomings", blank),
        "plans": _numbered(summary.plans, "summary.plans", blank),
        "date": DateValue(summary.date, "summary.date", blank),
    }


_DEFAULT_HOST = {"教师跟岗": "supporter", "送教示范课": "supporter", "专题讲座": "supporter",
                 "捐赠": "supporter"}


def _activity_sentence(activity: Activity, index: int, author: str, context: dict[str, Any],
                       blank: str) -> str:
    """One sentence telling what an activity was, from the author's point of view."""
    path = f"summary.activities[{index}]"
    host_key = activity.host or _DEFAULT_HOST.get(activity.type)
    other_key = {"supporter": "supported", "supported": "supporter"}.get(host_key or "")

    def school(key: str | None) -> str:
        if key is None:
            return "两校"
        return "我校" if key == author else context[key]["name"]

    def number(value: int | None, name: str) -> str:
        return str(value) if value is not None else Blank(f"{path}.{name}", blank)

    values: dict[str, object] = {
        "date": DateValue(activity.date, f"{path}.date", blank).format(),
        "host": school(host_key),
        "other": school(other_key),
        "title": f"，主题为“{activity.title}”" if activity.title else "",
        "subjects": "、".join(activity.subjects),
        "participants": f"，参与师生{activity.participants}人" if activity.participants else "",
        "teachers": number(activity.teachers, "teachers"),
        "lessons": number(activity.lessons, "lessons"),
        "place": activity.place or school(other_key),
    }
    patterns = {
        "领导互访": "{date}，{host}领导到{other}互访交流{title}{participants}。",
        "教师跟岗": "{date}，{other}选派教师{teachers}人次到{host}跟岗学习{title}{participants}。",
        "送教示范课": "{date}，{host}派出教师{teachers}人次到{other}送教{title}，上{subjects}示范课"
                     "{lessons}节{participants}。",
        "教研活动": "{date}，两校联合开展教研活动{title}{participants}。",
        "专题讲座": "{date}，{host}在{place}举办专题讲座{title}{participants}。",
        "学生手拉手": "{date}，两校学生开展“手拉手”活动{title}{participants}。",
        "网络教研": "{date}，两校通过网络平台开展教研交流{title}{participants}。",
        "其他": "{date}，{activity}{participants}。",
    }
    if activity.type == "捐赠":
        return compose("{date}，{host}向{other}捐赠{gifts}{title}。",
                       gifts=_donation_text(activity, path, blank), **values)
    values["activity"] = f"开展“{activity.title}”活动" if activity.title else "开展结对活动"
    values["title"] = values["title"] if activity.type != "其他" else ""
    if activity.type == "送教示范课" and not activity.subjects:
        values["subjects"] = ""
    sentence = compose(patterns[activity.type], **values)
    gifts = _donation_text(activity, path, blank, required=False)
    if gifts:
        sentence = compose("{s}{host}并捐赠{gifts}。", s=sentence[:-1] + "，", host="", gifts=gifts)
    if activity.note:
        sentence = compose("{s}{note}", s=sentence, note=activity.note)
    return sentence


def _donation_text(activity: Activity, path: str, blank: str, required: bool = True) -> str:
    d = activity.donation
    parts = []
    if d.books is not None:
        parts.append(f"图书{d.books}册")
    if d.computers is not None:
        parts.append(f"电脑{d.computers}台")
    if d.funds is not None:
        parts.append(f"资金{format_amount(d.funds)}元")
    if parts:
        return "、".join(parts)
    return Blank(f"{path}.donation", f"物资{blank}") if required else ""


# --------------------------------------------------------------------------- community scheme

def _scheme_context(pairing: Pairing, context: dict[str, Any],
                    blank: str) -> tuple[dict[str, Any], dict[str, Any]]:
    community, scheme = pairing.community, pairing.scheme
    if community == Community():
        # No community block: the pair itself, the supporter leading (a one-to-one scheme).
        community = Community(
            core=CommunitySchool(pairing.supporter.name, pairing.supporter.representative),
            members=[CommunitySchool(pairing.supported.name, pairing.supported.representative)])
        paths = {"community.core.name": "supporter.name", "community.core.head": "supporter.representative",
                 "community.members[1].name": "supported.name",
                 "community.members[1].head": "supported.representative"}
    else:
        paths = {}

    def school(s: CommunitySchool, path: str) -> dict[str, Any]:
        return {"name": s.name or Blank(paths.get(f"{path}.name", f"{path}.name"), blank),
                "head": s.head or Blank(paths.get(f"{path}.head", f"{path}.head"), blank)}

    core = school(community.core, "community.core")
    members = [school(s, f"community.members[{i}]") for i, s in enumerate(community.members, 1)]
    radiating = [school(s, f"community.radiating[{i}]")
                 for i, s in enumerate(community.radiating, 1)]
    if not members:
        members = [{"name": Blank("community.members", blank), "head": Blank("community.members", blank)}]
    member_names = _join_names([m["name"] for m in members])
    radiating_names = _join_names([r["name"] for r in radiating]) if radiating else ""
    all_schools = [core, *members, *radiating]
    community_ctx = {
        "name": community.name or compose("{core}城乡学校共同体", core=core["name"]),
        "core": core,
        "members": members,
        "radiating": radiating,
        "member_names": member_names,
        "radiating_names": radiating_names,
        "school_names": _join_names([s["name"] for s in all_schools]),
        "schools": all_schools,
    }

    if scheme.leading_group:
        group = [{"name": m.name or Blank(f"scheme.leading_group[{i}].name", blank),
                  "role": m.role or Blank(f"scheme.leading_group[{i}].role", blank),
                  "school": _school_and_post(m.school, m.post, f"scheme.leading_group[{i}]", blank)}
                 for i, m in enumerate(scheme.leading_group, 1)]
    else:
        group = [{"name": core["head"], "role": "组长",
                  "school": compose("{school}校长", school=core["name"])}]
        group += [{"name": m["head"], "role": "副组长", "school": compose("{school}校长", school=m["name"])}
                  for m in members]
        group += [{"name": r["head"], "role": "成员", "school": compose("{school}校长", school=r["name"])}
                  for r in radiating]

    start = pairing.term.start
    years = pairing.term.years
    if scheme.goals_yearly:
        yearly = [{"year": f"{g.year}年" if g.year else Blank(f"scheme.goals.yearly[{i}].year", f"{blank}年"),
                   "points": list(g.items) or [Blank(f"scheme.goals.yearly[{i}].items", blank)]}
                  for i, g in enumerate(scheme.goals_yearly, 1)]
    else:
        yearly = []
        for n in range(years):
            year = (f"{start.year + n}年" if start.year is not None
                    else Blank("term.start", f"{blank}年"))
            text = SCHEME_GOALS_YEARLY[min(n, len(SCHEME_GOALS_YEARLY) - 1)]
            yearly.append({"year": year, "points": [text]})

    if scheme.measures:
        measures = _measures_context(scheme.measures, "scheme.measures", blank)
    else:
        measures = [{"area": area, "intro": [text], "actions": []} for area, text in SCHEME_MEASURES]

    if scheme.steps:
        steps = [{"phase": p.phase or Blank(f"scheme.steps[{i}].phase", blank),
                  "start": DateValue(p.start, f"scheme.steps[{i}].start", blank).format("month"),
                  "end": DateValue(p.end, f"scheme.steps[{i}].end", blank).format("month"),
                  "points": list(p.items)} for i, p in enumerate(scheme.steps, 1)]
    else:
        steps = [{"phase": phase, "start": DateValue(s, "term.start", blank).format("month"),
                  "end": DateValue(e, "term.start", blank).format("month"), "points": list(items)}
                 for (phase, items), (s, e) in zip(SCHEME_STEPS, _phase_months(start, years))]

    rows = [all_schools[i:i + 2] for i in range(0, len(all_schools), 2)]
    rows = [[*row, {"name": ""}][:2] for row in rows]
    scheme_ctx = {
        "title": scheme.title or "城乡学校共同体建设实施方案",
        "guiding_idea": list(scheme.guiding_idea or SCHEME_GUIDING_IDEA),
        "leading_group": group,
        "goals_final": list(scheme.goals_final or SCHEME_GOALS_FINAL),
        "goals_yearly": yearly,
        "measures": measures,
        "steps": steps,
        "signature_rows": rows,
        "date": DateValue(scheme.date, "scheme.date", blank),
    }
    return community_ctx, scheme_ctx


def _join_names(names: list[str]) -> str:
    return compose("、".join("{n%d}" % i for i in range(len(names))),
                   **{f"n{i}": n for i, n in enumerate(names)})


def _school_and_post(school: str | None, post: str | None, path: str, blank: str) -> str:
    if school and post:
        return f"{school}{post}"
    return school or post or Blank(f"{path}.school", blank)


def _phase_months(start: PartialDate, years: int) -> list[tuple[PartialDate, PartialDate]]:
    """Month ranges of the preparation, implementation and evaluation phases of a term."""
    if start.year is None or start.month is None:
        year_only = PartialDate(start.year) if start.year is not None else PartialDate()
        end_year = PartialDate(start.year + years) if start.year is not None else PartialDate()
        return [(year_only, year_only), (year_only, end_year), (end_year, end_year)]
    first = PartialDate(start.year, start.month)
    last = term_end(first, years)
    return [(first, first.add_months(1)), (first.add_months(2), last.add_months(-3)),
            (last.add_months(-2), last)]
