"""The school year's work plan (工作计划): its fields, default wording and context.

The author of the plan is 我校; the partner school is named through ``{partner}``. Each
default has a version for each side: the supported school (乙方, 受援) and the supporting
school (甲方, 支援). Anything here is used only where the input leaves a section empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..pairing.dates import DateValue, PartialDate, SchoolYear, format_date
from ..pairing.schema import date, group, names, records, side, text, texts
from ..pairing.values import Blank, compose
from .common import (Kind, Measure, author_and_partner, composed, dated_field, measures_context,
                     month_text, school_year_field, school_year_text, title_field)


@dataclass(frozen=True)
class LeadingGroup:
    leader: str | None = text("组长", "组长", proper="person")
    deputies: list[str] = names("副组长", "副组长", proper="person")
    members: list[str] = names("成员", "成员", proper="person")


@dataclass(frozen=True)
class ScheduleItem:
    month: PartialDate = date("月份", "月份", "时间", "日期")
    item: str | None = text("工作内容", "内容", "工作", "安排", "工作安排")


@dataclass(frozen=True)
class Plan:
    """A school year's work plan, written by one side (我校 = author)."""

    school_year: SchoolYear | None = school_year_field()
    author: str = side("制订方", "制订方", "作者", default="supported",
                       help="甲方（支援学校）或乙方（受援学校），默认乙方")
    title: str | None = title_field()
    guiding_idea: list[str] | None = texts("指导思想", "指导思想")
    leading_group: LeadingGroup = group(LeadingGroup, "领导小组", "领导小组")
    measures: list[Measure] | None = records(Measure, "主要措施", "主要措施", "措施")
    schedule: list[ScheduleItem] | None = records(ScheduleItem, "工作安排", "工作安排", "安排")
    safeguards: list[str] | None = texts("工作保障", "工作保障", "保障")
    date: PartialDate = dated_field()


# --------------------------------------------------------------------------- wording

GUIDING_IDEA = {
    "supported": (
        "作为本轮城乡结对帮扶的乙方，我校将充分借助{partner}在人才、信息、管理和教育教学等方面的"
        "资源优势，虚心学习，主动对接，在提高领导班子管理水平、培训教师队伍、改进教育教学方法、"
        "促进学生全面发展等方面寻求帮助和指导。",
        "通过学校管理优势互补、教师定期交流培训、联合开展教学研讨、互通教育教学信息和组织学生"
        "“手拉手”等活动，充分开发、利用和共享两校教育资源，推动两校共同发展，全面提高教育质量和"
        "办学效益。",
    ),
    "supporter": (
        "作为本轮城乡结对帮扶的甲方，我校将发挥在人才、信息、管理和教育教学等方面的优势，从"
        "{partner}的实际需要出发，在学校管理、教师培养、课堂教学和学生发展等方面给予真诚的帮助和"
        "具体的指导。",
        "通过学校管理优势互补、教师定期交流培训、联合开展教学研讨、互通教育教学信息和组织学生"
        "“手拉手”等活动，充分开发、利用和共享两校教育资源，在帮扶中相互学习，推动两校共同发展。",
    ),
}

MEASURES_HEADING = {"supported": "受扶工作规划及主要措施", "supporter": "帮扶工作规划及主要措施"}

# (area, intro, actions) for each side.
MEASURES = {
    "supported": (
        ("学校管理指导",
         "加强学校管理经验的交流，学习借鉴{partner}先进的办学思想、管理方法和规章制度，完善我校"
         "发展规划、管理标准和管理制度。",
         ("在与{partner}协商安排下，两校每学期召开1次联席会议，共同研究学校管理、发展和教育教学中"
          "的问题。",
          "每学期选派1名副校长带着课题到{partner}挂职学习，选派1至2名中层干部到{partner}蹲点交流。")),
        ("校本教研指导",
         "校本教研是我校工作中的薄弱环节，希望在{partner}的帮助下打开教研工作的新局面。",
         ("每学期与{partner}联合组织不少于1次“同研一节课”网络研讨活动。",
          "结对期间与{partner}共同承担1项市级以上课题研究。",
          "每学期每学科开展2至4次集备课、上课、说课和教学反思于一体的教研活动。")),
        ("教学交流指导",
         "课堂教学是学校工作的中心，我们期待在这一方面有长足的发展，教师的教学水平有明显的提高。",
         ("每学期每学科选派骨干教师不少于2次到{partner}参加集体备课、教学研讨和教学观摩。",
          "配合{partner}优秀教师来校上好公开课、示范课，举办培训讲座。",
          "邀请{partner}教师参与我校“师徒结对”“同课异构”的现场指导或网上研讨。")),
        ("教师培养指导",
         "教师的素质直接关系到学校的教学质量，希望通过结对交流使全体教师的整体素质得到提升。",
         ("把{partner}作为我校教师的培训基地，分批选派教师到{partner}跟岗学习。",
          "我校学科带头人、骨干教师与{partner}的学科带头人、骨干教师组成教研合作小组，共同培养"
          "学科骨干。")),
        ("学生发展指导",
         "学生健康全面发展是学校教育的目标，也是结对帮扶成果的集中体现。",
         ("每学期与{partner}联合组织不少于2次以养成教育、感恩教育、安全教育等为主题的德育活动。",
          "每学期组织学生与{partner}学生开展1次“手拉手”活动，互赠图书、互写书信、结交朋友。")),
    ),
    "supporter": (
        ("学校管理指导",
         "发挥我校管理经验的示范作用，协助{partner}完善发展规划、管理标准和管理制度。",
         ("两校每学期召开1次联席会议，共同研究学校管理、发展和教育教学中的问题。",
          "接待{partner}副校长、中层干部来校挂职学习，每学年选派校级领导到{partner}协助工作"
          "不少于两周。")),
        ("校本教研指导",
         "帮助{partner}建立和完善校本教研制度，提高教研活动的针对性和实效性。",
         ("每学期与{partner}联合组织不少于1次“同研一节课”网络研讨活动。",
          "结对期间与{partner}共同承担1项市级以上课题研究。")),
        ("教学交流指导",
         "以课堂教学为重点，通过示范、研讨和指导，帮助{partner}提高课堂教学质量。",
         ("每学年选派3至5名骨干教师到{partner}上示范课5至10节。",
          "每学期到{partner}开展不少于2次教学专题讲座或教学诊断。")),
        ("教师培养指导",
         "把{partner}教师的专业成长作为帮扶的核心任务。",
         ("接待{partner}教师来校跟岗学习，安排指导教师一对一带教。",
          "我校骨干教师与{partner}1至2名教师结成师徒，做到活动有计划、有指导、有小结。")),
        ("学生发展指导",
         "组织两校学生交流互动，促进城乡学生共同成长。",
         ("每学期组织学生与{partner}学生开展1次“手拉手”活动。",
          "倡导我校学生为{partner}困难家庭学生捐赠图书和学习用品。")),
    ),
}

# (month of the school year, item); 甲方 / 乙方 are named through {supporter} / {supported}.
SCHEDULE = (
    (9, "两校对接交流，商定本学年结对帮扶工作计划。"),
    (10, "{supporter}骨干教师到{supported}开展送教示范课活动。"),
    (11, "两校联合开展学科教研活动。"),
    (12, "{supported}选派教师到{supporter}跟岗学习。"),
    (1, "总结本学期结对帮扶工作。"),
    (3, "两校学生开展“手拉手”活动。"),
    (4, "{supporter}到{supported}举办教育教学专题讲座。"),
    (5, "两校开展网络教研活动。"),
    (6, "两校领导互访，交流办学经验。"),
    (7, "总结本学年结对帮扶工作，商定下一学年工作重点。"),
)

SAFEGUARDS = (
    "成立结对帮扶工作领导小组，制订具体的实施计划和年度安排，明确专人负责。",
    "建立健全考评制度，将结对帮扶工作纳入学校年度考核、绩效考评和评先评优。",
    "落实经费保障，安排专项经费，保证各项活动顺利开展。",
)


# --------------------------------------------------------------------------- context

def context(pairing: Any, common: dict[str, Any], blank: str) -> dict[str, Any]:
    plan: Plan = pairing.plan
    author, partner = author_and_partner(plan.author, common)
    fill = {"partner": partner["name"]}
    year = school_year_text(plan.school_year, "plan.school_year", blank)
    title = plan.title or compose("{school}{year}城乡学校结对帮扶工作计划",
                                  school=author["name"], year=year)
    leaders = plan.leading_group
    if plan.measures:
        measures = measures_context(plan.measures, "plan.measures", blank)
    else:
        measures = [{"area": area, "intro": [compose(intro, **fill)],
                     "actions": composed(actions, **fill)}
                    for area, intro, actions in MEASURES[plan.author]]
    if plan.schedule:
        items = sorted(plan.schedule, key=lambda s: (s.month.year or 0, s.month.month or 0,
                                                     s.month.day or 0))
        schedule = [{"month": month_text(item.month, f"plan.schedule[{i}].month", blank),
                     "item": item.item or Blank(f"plan.schedule[{i}].item", blank)}
                    for i, item in enumerate(items, 1)]
    else:
        schedule = [{"month": _default_month(plan.school_year, month, blank),
                     "item": compose(item, supporter=common["supporter"]["name"],
                                     supported=common["supported"]["name"])}
                    for month, item in SCHEDULE]
    return {"plan": {
        "title": title,
        "school_year": year,
        "author": author,
        "partner": partner,
        "guiding_idea": list(plan.guiding_idea) if plan.guiding_idea
        else composed(GUIDING_IDEA[plan.author], **fill),
        "leading_group": {
            "leader": leaders.leader or Blank("plan.leading_group.leader", blank),
            "deputies": "、".join(leaders.deputies) or Blank("plan.leading_group.deputies", blank),
            "members": "、".join(leaders.members) or Blank("plan.leading_group.members", blank),
        },
        "measures_heading": MEASURES_HEADING[plan.author],
        "measures": measures,
        "schedule": schedule,
        "safeguards": list(plan.safeguards or SAFEGUARDS),
        "date": DateValue(plan.date, "plan.date", blank),
    }}


def _default_month(year: SchoolYear | None, month: int, blank: str) -> str:
    if year is None:
        return Blank("plan.school_year", f"{blank}年{month}月")
    return format_date(PartialDate(year.start if month >= 9 else year.end, month), "month")


def warnings(pairing: Any) -> list[tuple[str, str]]:
    """Months of the schedule outside the plan's school year."""
    plan: Plan = pairing.plan
    if not plan.school_year:
        return []
    return [(f"plan.schedule[{i}].month",
             f"月份 {format_date(item.month, 'month', blank='?')} 不在 {plan.school_year} 内")
            for i, item in enumerate(plan.schedule or [], 1)
            if not plan.school_year.contains(item.month)]


KIND = Kind("plan", "工作计划", "plan.docx",
            "学年度结对帮扶工作计划（指导思想、组织机构、主要措施、月度安排、工作保障）", context,
            derived={"plan.author.name": ("plan.author", "supporter.name", "supported.name"),
                     "plan.measures_heading": ("plan.author",)},
            roots=("plan",), warnings=warnings)
