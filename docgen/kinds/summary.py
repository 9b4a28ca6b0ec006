"""The five-section year summary (工作总结): its fields, default wording and context.

Section 二's figures and account come from the activity log (:mod:`.activities`). The
author is 我校; the partner is named through ``{partner}``. Each default has a version for
each side; anything here is used only where the input leaves a section empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..pairing.dates import DateValue, PartialDate, SchoolYear, format_date
from ..pairing.model import other_side
from ..pairing.schema import group, integer, records, side, texts
from ..pairing.values import Blank, compose
from .activities import Activity, Totals, compute_totals, format_amount, group_activities
from .common import (Kind, author_and_partner, composed, dated_field, numbered, school_year_field,
                     title_field)


@dataclass(frozen=True)
class Sections:
    """The user's own text for sections 一 to 四 (the default wording otherwise)."""

    emphasis: list[str] | None = texts("一、高度重视", "重视", "一")
    activities: list[str] | None = texts("二、开展各项活动", "活动", "二")
    progress: list[str] | None = texts("三、加强学习", "学习", "进步", "三")
    feelings: list[str] | None = texts("四、感受与启发", "感受", "启发", "四")


@dataclass(frozen=True)
class Summary:
    """The five-section year summary."""

    school_year: SchoolYear | None = school_year_field()
    year: int | None = integer("年度", "年度", "年份", minimum=1900, maximum=2999,
                               help="按自然年总结时填写，如 2025")
    author: str = side("总结方", "总结方", "作者", default="supported",
                       help="甲方（支援学校）或乙方（受援学校），默认乙方")
    title: str | None = title_field()
    activities: list[Activity] | None = records(Activity, "活动记录", "活动记录", "活动")
    sections: Sections = group(Sections, "各部分文字", "各部分", "段落")
    shortcomings: list[str] | None = texts("工作中的不足", "不足")
    plans: list[str] | None = texts("今后的设想", "设想", "今后设想")
    date: PartialDate = dated_field()


# --------------------------------------------------------------------------- wording

OPENING = {
    "supported": (
        "按照{authority}关于城乡学校结对帮扶工作的部署，我校与{partner}结为城乡结对帮扶学校，"
        "我校是受援学校。本学年，我们从学校和教师的实际需要出发，以改进课堂教学、提高管理水平为"
        "核心，虚心学习，精心组织，扎实开展结对帮扶工作，取得了一定的成效。现将本学年工作总结"
        "如下："
    ),
    "supporter": (
        "按照{authority}关于城乡学校结对帮扶工作的部署，我校与{partner}结为城乡结对帮扶学校，"
        "我校是支援学校。本学年，我们从{partner}的实际需要出发，发挥示范辐射作用，精心组织，"
        "扎实开展结对帮扶工作，取得了一定的成效。现将本学年工作总结如下："
    ),
}

EMPHASIS = {
    "supported": (
        "结对帮扶有利于发挥支援学校的示范辐射作用，实现优质教育资源共享，缩小城乡教育差距。学校"
        "领导十分重视结对帮扶工作，把它作为向优质学校学习的难得机会。两校领导召开结对帮扶工作"
        "会议，成立领导小组，制定了工作计划和实施方案，明确了工作职责，使各项活动有序、有效开展。",
    ),
    "supporter": (
        "结对帮扶是促进城乡教育均衡发展的重要举措，也是我校应尽的责任。学校领导十分重视结对帮扶"
        "工作，两校领导召开结对帮扶工作会议，成立领导小组，制定了工作计划和实施方案，明确了工作"
        "职责，使各项活动有序、有效开展。",
    ),
}

PROGRESS = {
    "supported": (
        "结对帮扶是一项实实在在的好举措。本学年两校共开展结对活动{activities}次，{partner}的领导和"
        "老师们多次来校指导，我校领导有了新的办学理念，办学目标更加明确，教师的业务素质明显提升，"
        "为学校的进一步发展赢得了更广阔的空间。",
        "{partner}领导和老师们的付出令我校全体师生深受感动，在此表示诚挚的感谢。我们收获的是爱心，"
        "是知识，是经验，也是友谊。",
    ),
    "supporter": (
        "帮扶既是给予，也是共同成长。本学年两校共开展结对活动{activities}次，我校教师在送教、讲座"
        "和教研中梳理、提炼了自己的教学经验，也从{partner}师生的朴实和坚韧中受到教育，教师队伍的"
        "责任感和凝聚力进一步增强。",
    ),
}

FEELINGS = {
    "supported": (
        "结对帮扶开展的时间虽然不长，但带给我们的感受和启发很多。我们深刻认识到，城乡结对帮扶必须"
        "真抓实干，与学校教育教学工作紧密结合；交流宜实不宜虚，要真正为教师和学生的发展服务，"
        "真正解决教育教学中遇到的问题，把好的经验做法落到实处。",
        "今后，我们将继续从实际出发，注重实效，与{partner}相互促进、共同提高，为实现城乡基础教育"
        "均衡发展作出应有的贡献。",
    ),
    "supporter": (
        "一年来的帮扶工作让我们体会到，帮扶必须从受援学校的实际需要出发，重在“造血”而不在"
        "“输血”；交流宜实不宜虚，要真正帮助教师成长、帮助学生发展，真正解决教育教学中遇到的问题。",
        "今后，我们将继续与{partner}携手并进，相互学习、共同提高，为实现城乡基础教育均衡发展作出"
        "应有的贡献。",
    ),
}


# --------------------------------------------------------------------------- context

def context(pairing: Any, common: dict[str, Any], blank: str) -> dict[str, Any]:
    summary = pairing.summary
    author, partner = author_and_partner(summary.author, common)
    fill = {"partner": partner["name"], "authority": common["authority"]}
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
                           "entries": [_activity_sentence(a, index[id(a)], summary.author,
                                                          common, blank) for a in members]})

    sections = summary.sections

    def section(key: str, default: tuple[str, ...]) -> list[str]:
        given = getattr(sections, key)
        if given:
            return list(given)
        return composed(default, activities=figures["activities"], **fill)

    return {"summary": {
        "title": title,
        "period": period,
        "period_word": period_word,
        "author": author,
        "partner": partner,
        "opening": compose(OPENING[summary.author], **fill),
        "emphasis": section("emphasis", EMPHASIS[summary.author]),
        "activities_intro": list(sections.activities or []),
        "totals": figures,
        "totals_sentence": totals_sentence,
        "groups": groups,
        "progress": section("progress", PROGRESS[summary.author]),
        "feelings": section("feelings", FEELINGS[summary.author]),
        "shortcomings": numbered(summary.shortcomings, "summary.shortcomings", blank),
        "plans": numbered(summary.plans, "summary.plans", blank),
        "date": DateValue(summary.date, "summary.date", blank),
    }}


_DEFAULT_HOST = {"教师跟岗": "supporter", "送教示范课": "supporter", "专题讲座": "supporter",
                 "捐赠": "supporter"}


def _activity_sentence(activity: Activity, index: int, author: str, common: dict[str, Any],
                       blank: str) -> str:
    """One sentence telling what an activity was, from the author's point of view."""
    path = f"summary.activities[{index}]"
    host_key = activity.host or _DEFAULT_HOST.get(activity.type)
    other_key = other_side(host_key) if host_key else None

    def school(key: str | None) -> str:
        if key is None:
            return "两校"
        return "我校" if key == author else common[key]["name"]

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


def warnings(pairing: Any) -> list[tuple[str, str]]:
    """Activities dated outside the summary's school year (or year)."""
    summary: Summary = pairing.summary
    found = []
    for i, activity in enumerate(summary.activities or [], 1):
        date, path = activity.date, f"summary.activities[{i}].date"
        if summary.school_year and not summary.school_year.contains(date):
            found.append((path, f"活动日期 {format_date(date, blank='?')} 不在 {summary.school_year} 内"))
        elif summary.year and not summary.school_year and date.year not in (None, summary.year):
            found.append((path, f"活动日期 {format_date(date, blank='?')} 不在 {summary.year}年度 内"))
    return found


KIND = Kind("summary", "工作总结", "summary.docx",
            "学年度结对帮扶工作总结（五部分；活动数字由活动记录计算）", context,
            derived={"summary.author.name": ("summary.author", "supporter.name", "supported.name"),
                     "summary.opening": ("summary.author", "authority"),
                     "summary.emphasis": ("summary.sections.emphasis",),
                     "summary.activities_intro": ("summary.sections.activities",),
                     "summary.totals_sentence": ("summary.school_year", "summary.year",
                                                 "summary.activities"),
                     "summary.groups": ("summary.activities",),
                     "summary.progress": ("summary.sections.progress",),
                     "summary.feelings": ("summary.sections.feelings",)},
            roots=("summary",), warnings=warnings)
