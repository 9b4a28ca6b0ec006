"""The activity log (活动记录): its fields, and the summary's figures computed from it.

Figures are computed, never typed. Each total is the sum over the activities of one
number; a number an activity does not give counts as 0 here (the activity's own sentence
shows the blank instead):

========================  ==========================================================
本学年共开展结对活动N次     the number of activities
送教示范课N节              lessons of 送教示范课 activities
派出教师N人次              teachers of every activity except 教师跟岗
接待跟岗教师N人次          teachers of 教师跟岗 activities
专题讲座N场                the number of 专题讲座 activities
捐赠图书N册、电脑N台、资金N元  donation books / computers / funds of every activity
参与师生N人次              participants of every activity
========================  ==========================================================

Every teacher person-time is counted once: as sent (送教, 讲座, 教研 …) or as received
for shadowing (跟岗).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..pairing.dates import PartialDate
from ..pairing.schema import amount, choice, count, date, group, names, side, text

ACTIVITY_TYPES = ("领导互访", "教师跟岗", "送教示范课", "教研活动", "专题讲座", "学生手拉手",
                  "捐赠", "网络教研", "其他")
# The short names schools write in their own sheets, each read as one type (with a notice).
ACTIVITY_TYPE_WORDS = {"互访": "领导互访", "跟岗": "教师跟岗", "跟岗学习": "教师跟岗",
                       "送教": "送教示范课", "示范课": "送教示范课", "送教下乡": "送教示范课",
                       "教研": "教研活动", "讲座": "专题讲座", "手拉手": "学生手拉手",
                       "捐助": "捐赠", "网络教研活动": "网络教研", "线上教研": "网络教研"}


@dataclass(frozen=True)
class Donation:
    books: int | None = count("图书", "图书", "图书册数", unit="册")
    computers: int | None = count("电脑", "电脑", "电脑台数", unit="台")
    funds: int | float | None = amount("资金", "资金", "金额", "资金元", unit="元")


@dataclass(frozen=True)
class Activity:
    """One entry of the activity log; the summary's figures come from these."""

    date: PartialDate = date("日期", "日期", "时间", "活动日期", "活动时间")
    type: str = choice("活动类型", ACTIVITY_TYPES, "类型", "活动类型", required=True,
                       words=ACTIVITY_TYPE_WORDS)
    title: str | None = text("名称", "名称", "活动名称", "标题", "主题", "活动内容", "内容")
    host: str | None = side("承办方", "承办方", "主办方", "承办", "承办学校", "承办单位",
                            help="甲方、乙方，或承办学校的名称")
    place: str | None = text("地点", "地点", proper="place")
    teachers: int | None = count("教师人次", "教师人次", "教师", "人次", "参与教师",
                                 unit="人次")
    lessons: int | None = count("课时", "课时", "节数", "节", unit="节")
    participants: int | None = count("参与人数", "参与人数", "人数", unit="人")
    subjects: list[str] = names("学科", "学科")
    donation: Donation = group(Donation, "捐赠", "捐赠", "捐赠物资")
    note: str | None = text("备注", "备注", "说明")

# The account of section 二 groups activities as seed 001 does, in this order.
ACTIVITY_GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("leaders", "领导互访，更新办学理念", ("领导互访",)),
    ("teachers", "教师互访，取长补短", ("教师跟岗", "教研活动", "专题讲座")),
    ("teaching", "教学展示，提高能力", ("送教示范课",)),
    ("students", "学生交流，携手成长", ("学生手拉手",)),
    ("donations", "爱心捐赠，改善条件", ("捐赠",)),
    ("online", "网络交流，资源共享", ("网络教研",)),
    ("other", "其他活动", ("其他",)),
)


@dataclass(frozen=True)
class Totals:
    """The summary's figures over one activity log."""

    activities: int = 0
    demo_lessons: int = 0
    teachers_sent: int = 0
    teachers_hosted: int = 0
    lectures: int = 0
    books: int = 0
    computers: int = 0
    funds: int | float = 0
    participants: int = 0


def compute_totals(activities: Iterable[Activity]) -> Totals:
    """Sum the log into the summary's figures (see the module docstring for each)."""
    items = list(activities)

    def total(values: Iterable[int | float | None]) -> int | float:
        return sum(v for v in values if v is not None)

    return Totals(
        activities=len(items),
        demo_lessons=int(total(a.lessons for a in items if a.type == "送教示范课")),
        teachers_sent=int(total(a.teachers for a in items if a.type != "教师跟岗")),
        teachers_hosted=int(total(a.teachers for a in items if a.type == "教师跟岗")),
        lectures=sum(1 for a in items if a.type == "专题讲座"),
        books=int(total(a.donation.books for a in items)),
        computers=int(total(a.donation.computers for a in items)),
        funds=total(a.donation.funds for a in items),
        participants=int(total(a.participants for a in items)),
    )


def group_activities(activities: Iterable[Activity]) -> list[tuple[str, str, list[Activity]]]:
    """(key, heading, activities by date) for each group that has any activity."""
    items = list(activities)
    groups = []
    for key, heading, types in ACTIVITY_GROUPS:
        members = [a for a in items if a.type in types]
        if members:
            members.sort(key=lambda a: (a.date.year or 9999, a.date.month or 99, a.date.day or 99))
            groups.append((key, heading, members))
    return groups


def format_amount(value: int | float) -> str:
    """Yuan without a trailing .0: 8000 → 8000, 1234.5 → 1234.5."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
