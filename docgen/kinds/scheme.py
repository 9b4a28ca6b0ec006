"""The community scheme (共同体实施方案): its fields, default wording and context.

A community has one core school, member schools and radiating schools. Without a
``community`` block the pair itself is the community, the supporting school at its core.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..pairing.dates import DateValue, PartialDate, term_end
from ..pairing.schema import date, group, integer, records, text, texts
from ..pairing.values import Blank, compose
from .common import Kind, Measure, dated_field, measures_context, title_field


@dataclass(frozen=True)
class CommunitySchool:
    name: str | None = text("{}名称", "名称", "学校", "学校名称", proper="place")
    head: str | None = text("{}校长", "校长", "负责人", proper="person")


@dataclass(frozen=True)
class Community:
    """A school community (共同体): one core school, member and radiating schools."""

    name: str | None = text("共同体名称", "名称")
    core: CommunitySchool = group(CommunitySchool, "核心学校", "核心学校")
    members: list[CommunitySchool] = records(CommunitySchool, "成员学校", "成员学校", default=list)
    radiating: list[CommunitySchool] = records(CommunitySchool, "辐射学校", "辐射学校",
                                               default=list)


@dataclass(frozen=True)
class GroupMember:
    name: str | None = text("姓名", "姓名", proper="person")
    role: str | None = text("组内职务", "组内职务", "职务", "角色")
    school: str | None = text("所在学校", "学校", "所在学校", "单位", proper="place")
    post: str | None = text("行政职务", "行政职务", "校内职务")


@dataclass(frozen=True)
class YearGoal:
    year: int | None = integer("年度", "年度", "年份", "年", minimum=1900, maximum=2999)
    items: list[str] | None = texts("目标", "目标", "内容")


@dataclass(frozen=True)
class Goals:
    final: list[str] | None = texts("终期发展目标", "终期目标", "终期")
    yearly: list[YearGoal] | None = records(YearGoal, "年度发展目标", "年度目标", "年度")


@dataclass(frozen=True)
class Phase:
    phase: str | None = text("阶段", "阶段", "名称")
    start: PartialDate = date("开始年月", "开始", "开始年月")
    end: PartialDate = date("结束年月", "结束", "结束年月")
    items: list[str] | None = texts("工作内容", "内容", "工作", "工作内容")


@dataclass(frozen=True)
class Scheme:
    """An implementation scheme (实施方案) for a community."""

    title: str | None = title_field()
    guiding_idea: list[str] | None = texts("指导思想", "指导思想")
    leading_group: list[GroupMember] | None = records(GroupMember, "领导小组", "领导小组")
    goals: Goals = group(Goals, "发展目标", "发展目标", "目标")
    measures: list[Measure] | None = records(Measure, "工作内容及措施", "工作内容及措施", "措施")
    steps: list[Phase] | None = records(Phase, "实施步骤", "实施步骤", "步骤")
    date: PartialDate = dated_field()


# --------------------------------------------------------------------------- wording

GUIDING_IDEA = (
    "以促进城乡义务教育优质均衡发展为目标，充分发挥核心学校优质教育资源的示范辐射作用，实现"
    "理念共享、资源共享、方法共享、成果共享，推动共同体内各校相互促进、共同发展，办好人民"
    "满意的教育。",
)

GOALS_FINAL = (
    "共同体学校共同发展、共同进步，各校办学水平和教育教学质量明显提升，成员学校的社会认可度和"
    "群众满意度显著提高。",
    "共同体学校教师通过交流互动，更新教育理念，提高业务素质，形成一支能够适应不同学生需求的"
    "教师队伍。",
    "通过校际联合组织教育教学活动，拓展学生发展的空间和舞台，让每一名学生健康快乐成长。",
)

# Goals for the first, second and third (and later) year of the term.
GOALS_YEARLY = (
    "制定发展方案，建立工作制度；共享网络资源，统一工作平台；统一课程设置，共同组织活动；选派"
    "首批交流人员。",
    "深化学校管理、课程建设、教育教学和评价等方面的合作，依托网络开展远程教研，建立共享资源库。",
    "总结共同体在学校管理、课程建设、教师队伍和学生发展等方面的经验，形成工作报告，表彰优秀"
    "交流教师。",
)

MEASURES = (
    ("制度管理一体化",
     "建立共同体每月例会制度，定期研究共同体建设中的问题；各校把共同体建设纳入学校发展规划，"
     "在统一基本要求的前提下促进各校特色发展。"),
    ("教学研究常态化",
     "共同备课、共同上课、共同检测：每月组织一次集体备课，每学期组织一次课堂教学交流和一次"
     "学情检测，统一进度、统一标准，共同进行质量分析。"),
    ("教师交流制度化",
     "建立干部、教师交流制度，核心学校选派骨干教师到成员学校任教，成员学校选派教师到核心学校"
     "跟岗学习；开展教师“一对一”结对带教。"),
    ("德育工作互助化",
     "每学期开展一次主题班会观摩、一次城乡体验、一次学生联谊、一次结对互助和一次综合素质展示。"),
    ("考核评价捆绑化",
     "建立共同体学校捆绑式考核评价机制，统一制定教师和学生评价方案，促进教师专业成长和学生"
     "个性发展。"),
)

# (phase, items); month ranges are derived from the term.
STEPS = (
    ("准备阶段", ("各校召开领导班子会议，学习文件精神，研究制定实施方案。",
                 "成立领导小组和工作项目组，制定项目行动方案。")),
    ("实施阶段", ("按照实施方案和年度目标开展各项工作，定期召开例会，及时研究解决问题。",)),
    ("总结评估阶段", ("各校撰写自查报告，收集整理过程性材料，总结经验，表彰先进。",)),
)


# --------------------------------------------------------------------------- context

def context(pairing: Any, common: dict[str, Any], blank: str) -> dict[str, Any]:
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
    if scheme.goals.yearly:
        yearly = [{"year": f"{g.year}年" if g.year else Blank(f"scheme.goals.yearly[{i}].year", f"{blank}年"),
                   "points": list(g.items or []) or [Blank(f"scheme.goals.yearly[{i}].items", blank)]}
                  for i, g in enumerate(scheme.goals.yearly, 1)]
    else:
        yearly = []
        for n in range(years):
            year = (f"{start.year + n}年" if start.year is not None
                    else Blank("term.start", f"{blank}年"))
            text = GOALS_YEARLY[min(n, len(GOALS_YEARLY) - 1)]
            yearly.append({"year": year, "points": [text]})

    if scheme.measures:
        measures = measures_context(scheme.measures, "scheme.measures", blank)
    else:
        measures = [{"area": area, "intro": [text], "actions": []} for area, text in MEASURES]

    if scheme.steps:
        steps = [{"phase": p.phase or Blank(f"scheme.steps[{i}].phase", blank),
                  "start": DateValue(p.start, f"scheme.steps[{i}].start", blank).format("month"),
                  "end": DateValue(p.end, f"scheme.steps[{i}].end", blank).format("month"),
                  "points": list(p.items or [])} for i, p in enumerate(scheme.steps, 1)]
    else:
        steps = [{"phase": phase, "start": DateValue(s, "term.start", blank).format("month"),
                  "end": DateValue(e, "term.start", blank).format("month"), "points": list(items)}
                 for (phase, items), (s, e) in zip(STEPS, _phase_months(start, years))]

    rows = [all_schools[i:i + 2] for i in range(0, len(all_schools), 2)]
    rows = [[*row, {"name": ""}][:2] for row in rows]
    scheme_ctx = {
        "title": scheme.title or "城乡学校共同体建设实施方案",
        "guiding_idea": list(scheme.guiding_idea or GUIDING_IDEA),
        "leading_group": group,
        "goals_final": list(scheme.goals.final or GOALS_FINAL),
        "goals_yearly": yearly,
        "measures": measures,
        "steps": steps,
        "signature_rows": rows,
        "date": DateValue(scheme.date, "scheme.date", blank),
    }
    return {"community": community_ctx, "scheme": scheme_ctx}


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


KIND = Kind("scheme", "实施方案", "scheme.docx",
            "城乡学校共同体实施方案（核心、成员、辐射学校；组织领导、目标、措施、步骤）", context,
            derived={"community.school_names": ("community.core", "community.members",
                                                "community.radiating"),
                     "community.member_names": ("community.members",),
                     "community.radiating_names": ("community.radiating",),
                     "scheme.goals_final": ("scheme.goals.final",),
                     "scheme.goals_yearly": ("scheme.goals.yearly",),
                     "scheme.signature_rows": ("community.core", "community.members",
                                               "community.radiating")},
            roots=("community", "scheme"))
