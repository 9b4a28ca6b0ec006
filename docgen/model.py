"""The pairing (结对帮扶) model and its validation.

Input arrives as a plain mapping (from YAML, JSON or a roster row) with canonical English
keys or their Chinese aliases. :func:`validate_pairing` reads it against a declarative
schema, collects *every* problem with its key path, and returns a typed :class:`Pairing`.
Missing values are not errors: they stay ``None`` and later render as blanks.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Generic, Iterable, Mapping, TypeVar

from .dates import PartialDate, SchoolYear, format_date, parse_date, parse_school_year
from .errors import Location, Problem, ValidationError
from .text import normalize_doc_number, strip_item_number, strip_xml_forbidden

T = TypeVar("T")


# --------------------------------------------------------------------------- schema

@dataclass(frozen=True)
class Spec:
    """One key of the input: its canonical name, Chinese label, aliases and kind.

    kind is one of: text, int, amount (non-negative number), date, school_year, side
    (甲方/乙方), choice (one of ``choices``), texts (list of text), names (list of
    names, also 、-separated), image (file path), group (a mapping with ``children``),
    records (a list of mappings, each with ``children``).
    """

    key: str
    label: str
    kind: str
    aliases: tuple[str, ...] = ()
    children: tuple["Spec", ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()

    def child(self, key: str) -> "Spec":
        for c in self.children:
            if c.key == key:
                return c
        raise KeyError(key)


def _school(key: str, label: str, aliases: tuple[str, ...]) -> Spec:
    return Spec(key, label, "group", aliases, (
        Spec("name", f"{label}学校名称", "text", ("名称", "学校", "学校名称", "校名")),
        Spec("category", f"{label}学校类别", "text", ("类别", "类型", "学校类别")),
        Spec("representative", f"{label}代表", "text", ("代表", "法定代表人", "校长")),
        Spec("contact", f"{label}联系人", "text", ("联系人",)),
        Spec("phone", f"{label}联系电话", "text", ("电话", "联系电话", "手机")),
    ))


def _by_side(key: str, label: str, aliases: tuple[str, ...], kind: str) -> Spec:
    return Spec(key, label, "group", aliases, (
        Spec("supporter", f"甲方{label}", kind, ("甲方", "支援学校")),
        Spec("supported", f"乙方{label}", kind, ("乙方", "受援学校")),
    ))


ACTIVITY_TYPES = ("领导互访", "教师跟岗", "送教示范课", "教研活动", "专题讲座", "学生手拉手",
                  "捐赠", "网络教研", "其他")
SIDE_ALIASES = {"supporter": "supporter", "甲方": "supporter", "支援学校": "supporter",
                "城区学校": "supporter", "supported": "supported", "乙方": "supported",
                "受援学校": "supported", "受助学校": "supported", "农村学校": "supported"}


def _count(key: str, label: str, aliases: tuple[str, ...]) -> Spec:
    return Spec(key, label, "int", aliases, minimum=0, maximum=1_000_000)


_MEASURE = (
    Spec("area", "工作领域", "text", ("领域", "项目", "名称", "标题")),
    Spec("intro", "说明", "texts", ("说明", "简介", "内容")),
    Spec("actions", "具体措施", "texts", ("具体措施", "措施")),
)

ACTIVITY_SPEC = Spec("activities", "活动记录", "records", ("活动记录", "活动"), (
    Spec("date", "日期", "date", ("日期", "时间")),
    Spec("type", "活动类型", "choice", ("类型", "活动类型"), choices=ACTIVITY_TYPES),
    Spec("title", "名称", "text", ("名称", "活动名称", "标题", "主题")),
    Spec("host", "承办方", "side", ("承办方", "主办方", "承办")),
    Spec("place", "地点", "text", ("地点",)),
    _count("teachers", "教师人次", ("教师人次", "教师", "人次")),
    _count("lessons", "课时", ("课时", "节数", "节")),
    _count("participants", "参与人数", ("参与人数", "人数")),
    Spec("subjects", "学科", "names", ("学科",)),
    Spec("donation", "捐赠", "group", ("捐赠", "捐赠物资"), (
        _count("books", "图书", ("图书", "图书册数")),
        _count("computers", "电脑", ("电脑", "电脑台数")),
        Spec("funds", "资金", "amount", ("资金", "金额", "资金元")),
    )),
    Spec("note", "备注", "text", ("备注", "说明")),
))

PLAN_SPEC = Spec("plan", "工作计划", "group", ("工作计划", "计划"), (
    Spec("school_year", "学年", "school_year", ("学年",)),
    Spec("author", "制订方", "side", ("制订方", "作者")),
    Spec("title", "标题", "text", ("标题",)),
    Spec("guiding_idea", "指导思想", "texts", ("指导思想",)),
    Spec("leading_group", "领导小组", "group", ("领导小组",), (
        Spec("leader", "组长", "text", ("组长",)),
        Spec("deputies", "副组长", "names", ("副组长",)),
        Spec("members", "成员", "names", ("成员",)),
    )),
    Spec("measures", "主要措施", "records", ("主要措施", "措施"), _MEASURE),
    Spec("schedule", "工作安排", "records", ("工作安排", "安排"), (
        Spec("month", "月份", "date", ("月份", "时间", "日期")),
        Spec("item", "工作内容", "text", ("内容", "工作", "安排", "工作安排")),
    )),
    Spec("safeguards", "工作保障", "texts", ("工作保障", "保障")),
    Spec("date", "落款日期", "date", ("日期", "落款日期")),
))

SUMMARY_SPEC = Spec("summary", "工作总结", "group", ("工作总结", "总结"), (
    Spec("school_year", "学年", "school_year", ("学年",)),
    Spec("year", "年度", "int", ("年度", "年份"), minimum=1900, maximum=2999),
    Spec("author", "总结方", "side", ("总结方", "作者")),
    Spec("title", "标题", "text", ("标题",)),
    ACTIVITY_SPEC,
    Spec("sections", "各部分文字", "group", ("各部分", "段落"), (
        Spec("emphasis", "一、高度重视", "texts", ("重视", "一")),
        Spec("activities", "二、开展各项活动", "texts", ("活动", "二")),
        Spec("progress", "三、加强学习", "texts", ("学习", "进步", "三")),
        Spec("feelings", "四、感受与启发", "texts", ("感受", "启发", "四")),
    )),
    Spec("shortcomings", "工作中的不足", "texts", ("不足",)),
    Spec("plans", "今后的设想", "texts", ("设想", "今后设想")),
    Spec("date", "落款日期", "date", ("日期", "落款日期")),
))

def _brief_school(label: str) -> tuple[Spec, ...]:
    return (Spec("name", f"{label}名称", "text", ("名称", "学校", "学校名称")),
            Spec("head", f"{label}校长", "text", ("校长", "负责人")))


COMMUNITY_SPEC = Spec("community", "共同体", "group", ("共同体",), (
    Spec("name", "共同体名称", "text", ("名称",)),
    Spec("core", "核心学校", "group", ("核心学校",), _brief_school("核心学校")),
    Spec("members", "成员学校", "records", ("成员学校",), _brief_school("成员学校")),
    Spec("radiating", "辐射学校", "records", ("辐射学校",), _brief_school("辐射学校")),
))

SCHEME_SPEC = Spec("scheme", "实施方案", "group", ("实施方案", "方案"), (
    Spec("title", "标题", "text", ("标题",)),
    Spec("guiding_idea", "指导思想", "texts", ("指导思想",)),
    Spec("leading_group", "领导小组", "records", ("领导小组",), (
        Spec("name", "姓名", "text", ("姓名",)),
        Spec("role", "组内职务", "text", ("组内职务", "职务", "角色")),
        Spec("school", "所在学校", "text", ("学校", "所在学校", "单位")),
        Spec("post", "行政职务", "text", ("行政职务", "校内职务")),
    )),
    Spec("goals", "发展目标", "group", ("发展目标", "目标"), (
        Spec("final", "终期发展目标", "texts", ("终期目标", "终期")),
        Spec("yearly", "年度发展目标", "records", ("年度目标", "年度"), (
            Spec("year", "年度", "int", ("年度", "年份", "年"), minimum=1900, maximum=2999),
            Spec("items", "目标", "texts", ("目标", "内容")),
        )),
    )),
    Spec("measures", "工作内容及措施", "records", ("工作内容及措施", "措施"), _MEASURE),
    Spec("steps", "实施步骤", "records", ("实施步骤", "步骤"), (
        Spec("phase", "阶段", "text", ("阶段", "名称")),
        Spec("start", "开始年月", "date", ("开始", "开始年月")),
        Spec("end", "结束年月", "date", ("结束", "结束年月")),
        Spec("items", "工作内容", "texts", ("内容", "工作", "工作内容")),
    )),
    Spec("date", "落款日期", "date", ("日期", "落款日期")),
))

PAIRING_SPEC = Spec("", "结对帮扶", "group", (), (
    Spec("id", "编号", "text", ("编号",)),
    Spec("authority", "主管部门", "text", ("主管部门", "教育局")),
    Spec("basis", "依据文件", "group", ("依据", "依据文件"), (
        Spec("title", "依据文件标题", "text", ("标题", "名称", "文件", "文件名")),
        Spec("number", "文号", "text", ("文号",)),
    )),
    _school("supporter", "甲方", ("甲方", "支援学校", "城区学校")),
    _school("supported", "乙方", ("乙方", "受援学校", "受助学校", "农村学校")),
    Spec("term", "帮扶期限", "group", ("期限", "帮扶期限"), (
        Spec("start", "开始年月", "date", ("开始", "开始年月", "起始")),
        Spec("years", "年限", "int", ("年限",), minimum=1, maximum=10),
    )),
    Spec("signed_on", "签订日期", "date", ("签订日期", "签订时间", "签订")),
    Spec("copies", "份数", "int", ("份数",), minimum=1, maximum=20),
    _by_side("duties", "责任", ("责任",), "texts"),
    Spec("other_terms", "其它条款", "texts", ("其它条款", "其他条款")),
    Spec("keep", "不转换的词", "names", ("不转换", "保留词")),
    _by_side("seal", "盖章", ("盖章", "公章", "印章"), "image"),
    _by_side("signature", "签字", ("签字", "签名"), "image"),
    PLAN_SPEC,
    SUMMARY_SPEC,
    COMMUNITY_SPEC,
    SCHEME_SPEC,
))

DEFAULT_TERM_YEARS = 3
DEFAULT_COPIES = 4
DEFAULT_CATEGORY = {"supporter": "城市学校", "supported": "农村学校"}


def field_labels(spec: Spec = PAIRING_SPEC, prefix: str = "") -> dict[str, str]:
    """Every leaf key path with its Chinese label: {'supporter.name': '甲方学校名称', …}."""
    labels: dict[str, str] = {}
    for c in spec.children:
        path = f"{prefix}{c.key}"
        if c.kind == "group":
            labels.update(field_labels(c, path + "."))
        else:
            labels[path] = c.label
            if c.kind == "records":
                labels.update(field_labels(c, path + "[]."))
    return labels


# --------------------------------------------------------------------------- model

@dataclass(frozen=True)
class BySide(Generic[T]):
    """A value for each side: 甲方 (supporter) and 乙方 (supported)."""

    supporter: T
    supported: T


@dataclass(frozen=True)
class School:
    name: str | None = None
    category: str | None = None
    representative: str | None = None
    contact: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Basis:
    title: str | None = None
    number: str | None = None


@dataclass(frozen=True)
class Term:
    start: PartialDate = PartialDate()
    years: int = DEFAULT_TERM_YEARS


@dataclass(frozen=True)
class LeadingGroup:
    leader: str | None = None
    deputies: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Measure:
    """One area of work (学校管理指导 …) with its description and concrete actions."""

    area: str | None = None
    intro: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ScheduleItem:
    month: PartialDate = PartialDate()
    item: str | None = None


@dataclass(frozen=True)
class Plan:
    """A school year's work plan (工作计划), written by one side (我校 = author)."""

    school_year: SchoolYear | None = None
    author: str = "supported"
    title: str | None = None
    guiding_idea: list[str] | None = None
    leading_group: LeadingGroup = LeadingGroup()
    measures: list[Measure] | None = None
    schedule: list[ScheduleItem] | None = None
    safeguards: list[str] | None = None
    date: PartialDate = PartialDate()


@dataclass(frozen=True)
class Donation:
    books: int | None = None
    computers: int | None = None
    funds: int | float | None = None


@dataclass(frozen=True)
class Activity:
    """One entry of the activity log (活动记录); the summary's figures come from these."""

    date: PartialDate = PartialDate()
    type: str = "其他"
    title: str | None = None
    host: str | None = None
    place: str | None = None
    teachers: int | None = None
    lessons: int | None = None
    participants: int | None = None
    subjects: list[str] = field(default_factory=list)
    donation: Donation = Donation()
    note: str | None = None


@dataclass(frozen=True)
class Summary:
    """The five-section year summary (工作总结)."""

    school_year: SchoolYear | None = None
    year: int | None = None
    author: str = "supported"
    title: str | None = None
    activities: list[Activity] | None = None
    sections: dict[str, list[str]] = field(default_factory=dict)
    shortcomings: list[str] | None = None
    plans: list[str] | None = None
    date: PartialDate = PartialDate()


@dataclass(frozen=True)
class CommunitySchool:
    name: str | None = None
    head: str | None = None


@dataclass(frozen=True)
class Community:
    """A school community (共同体): one core school, member and radiating schools."""

    name: str | None = None
    core: CommunitySchool = CommunitySchool()
    members: list[CommunitySchool] = field(default_factory=list)
    radiating: list[CommunitySchool] = field(default_factory=list)


@dataclass(frozen=True)
class GroupMember:
    name: str | None = None
    role: str | None = None
    school: str | None = None
    post: str | None = None


@dataclass(frozen=True)
class YearGoal:
    year: int | None = None
    items: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Phase:
    phase: str | None = None
    start: PartialDate = PartialDate()
    end: PartialDate = PartialDate()
    items: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Scheme:
    """An implementation scheme (实施方案) for a community."""

    title: str | None = None
    guiding_idea: list[str] | None = None
    leading_group: list[GroupMember] | None = None
    goals_final: list[str] | None = None
    goals_yearly: list[YearGoal] | None = None
    measures: list[Measure] | None = None
    steps: list[Phase] | None = None
    date: PartialDate = PartialDate()


@dataclass(frozen=True)
class Pairing:
    """One pairing of a supporting and a supported school, as validated input."""

    id: str | None = None
    authority: str | None = None
    basis: Basis = Basis()
    supporter: School = School()
    supported: School = School()
    term: Term = Term()
    signed_on: PartialDate = PartialDate()
    copies: int = DEFAULT_COPIES
    duties: BySide[list[str] | None] = BySide(None, None)
    other_terms: list[str] | None = None
    keep: list[str] = field(default_factory=list)
    seal: BySide[Path | None] = BySide(None, None)
    signature: BySide[Path | None] = BySide(None, None)
    plan: Plan = Plan()
    summary: Summary = Summary()
    community: Community = Community()
    scheme: Scheme = Scheme()
    warnings: list[Problem] = field(default_factory=list, compare=False)


# --------------------------------------------------------------------------- validation

_TYPE_NAMES = {str: "文本", int: "整数", float: "数字", bool: "是/否", list: "列表",
               dict: "键值表", type(None): "空值"}


def _type_name(value: Any) -> str:
    for t, name in _TYPE_NAMES.items():
        if type(value) is t:
            return name
    if isinstance(value, Mapping):
        return "键值表"
    if isinstance(value, (_dt.date, _dt.datetime)):
        return "日期"
    return type(value).__name__


def _show(value: Any) -> str:
    text = str(value)
    return f'"{text[:40]}…"' if len(text) > 40 else f'"{text}"'


class _Reader:
    """Walks a mapping against a Spec, collecting problems instead of stopping at the first."""

    def __init__(self, file: str | None, base_dir: Path | None,
                 locate: Callable[[str], Location | None] | None = None) -> None:
        self.file = file
        self.base_dir = base_dir
        self.locate = locate
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def where(self, path: str) -> Location:
        located = self.locate(path) if self.locate else None
        return located or Location(file=self.file, key_path=path or None)

    def error(self, path: str, message: str) -> None:
        self.problems.append(Problem(message, self.where(path)))

    def warn(self, path: str, message: str) -> None:
        self.warnings.append(Problem(message, self.where(path)))

    def group(self, spec: Spec, value: Any, path: str) -> dict[str, Any]:
        """Read a mapping; returns canonical key → read value (None when absent)."""
        out: dict[str, Any] = {c.key: self.group(c, None, _join(path, c.key))
                               if c.kind == "group" else None for c in spec.children}
        if value is None:
            return out
        if not isinstance(value, Mapping):
            self.error(path, f"应为键值表（{spec.label}），实际为{_type_name(value)} {_show(value)}")
            return out
        by_name: dict[str, Spec] = {}
        for c in spec.children:
            for name in (c.key, *c.aliases):
                by_name[name] = c
        seen: dict[str, str] = {}
        for raw_key, item in value.items():
            key = str(raw_key).strip().replace("\u3000", "")
            child = by_name.get(key)
            if child is None:
                self.error(_join(path, key), self._unknown_key_message(key, spec, by_name))
                continue
            child_path = _join(path, child.key)
            if child.key in seen:
                self.error(child_path, f"重复：「{seen[child.key]}」与「{key}」指同一项（{child.label}）")
                continue
            seen[child.key] = key
            out[child.key] = self.value(child, item, child_path)
        return out

    def _unknown_key_message(self, key: str, spec: Spec, by_name: Mapping[str, Spec]) -> str:
        close = difflib.get_close_matches(key, list(by_name), n=1, cutoff=0.6)
        where = f"「{spec.label}」中" if spec.key else ""
        if close:
            target = by_name[close[0]]
            return f"{where}未知字段「{key}」，是否应为「{close[0]}」（{target.label}）？"
        allowed = "、".join(c.key for c in spec.children)
        return f"{where}未知字段「{key}」（可用：{allowed}）"

    def value(self, spec: Spec, value: Any, path: str) -> Any:
        if spec.kind == "group":
            return self.group(spec, value, path)
        if value is None:
            return None
        if spec.kind == "text":
            return self.text(spec, value, path)
        if spec.kind == "texts":
            return self.texts(spec, value, path)
        if spec.kind == "int":
            return self.integer(spec, value, path)
        if spec.kind == "date":
            return self.date(spec, value, path)
        if spec.kind == "image":
            return self.image(spec, value, path)
        if spec.kind == "names":
            return self.names(spec, value, path)
        if spec.kind == "records":
            return self.records(spec, value, path)
        if spec.kind == "choice":
            return self.choice(spec, value, path)
        if spec.kind == "side":
            return self.side(spec, value, path)
        if spec.kind == "school_year":
            return self.school_year(spec, value, path)
        if spec.kind == "amount":
            return self.amount(spec, value, path)
        raise AssertionError(spec.kind)

    def records(self, spec: Spec, value: Any, path: str) -> list[dict[str, Any]] | None:
        if isinstance(value, Mapping):
            value = [value]
        if not isinstance(value, list):
            self.error(path, f"应为列表（{spec.label}），实际为{_type_name(value)} {_show(value)}")
            return None
        return [self.group(spec, item, f"{path}[{i}]") for i, item in enumerate(value, 1)]

    def names(self, spec: Spec, value: Any, path: str) -> list[str] | None:
        if isinstance(value, str):
            value = [n for n in re.split(r"[、,，;；\s]+", value) if n]
        return self.texts(spec, value, path)

    def choice(self, spec: Spec, value: Any, path: str) -> str | None:
        text = self.text(spec, value, path)
        if text is None:
            return None
        if text not in spec.choices:
            close = difflib.get_close_matches(text, spec.choices, n=1, cutoff=0.3)
            hint = f"，是否应为「{close[0]}」" if close else ""
            self.error(path, f"未知的{spec.label}「{text}」{hint}（可用：{'、'.join(spec.choices)}）")
            return None
        return text

    def side(self, spec: Spec, value: Any, path: str) -> str | None:
        text = self.text(spec, value, path)
        if text is None:
            return None
        if text not in SIDE_ALIASES:
            self.error(path, f"{spec.label}应为 甲方（supporter）或 乙方（supported），实际为 {_show(text)}")
            return None
        return SIDE_ALIASES[text]

    def school_year(self, spec: Spec, value: Any, path: str) -> SchoolYear | None:
        try:
            return parse_school_year(value)
        except ValueError:
            self.error(path, f"无法识别的学年 {_show(value)}（可写 2025-2026 或 2025—2026学年）")
            return None

    def amount(self, spec: Spec, value: Any, path: str) -> int | float | None:
        number: int | float | None = None
        if isinstance(value, bool):
            number = None
        elif isinstance(value, (int, float)):
            number = value
        elif isinstance(value, str):
            text = value.strip().replace(",", "").replace("，", "").removesuffix("元")
            if not text:
                return None
            try:
                number = float(text) if "." in text else int(text)
            except ValueError:
                number = None
        if number is None or number != number or number in (float("inf"), float("-inf")):
            self.error(path, f"应为数字（{spec.label}），实际为{_type_name(value)} {_show(value)}")
            return None
        if number < 0:
            self.error(path, f"{spec.label}不能为负数，实际为 {number}")
            return None
        return int(number) if isinstance(number, float) and number.is_integer() else number

    def text(self, spec: Spec, value: Any, path: str) -> str | None:
        if isinstance(value, bool) or isinstance(value, (list, dict, Mapping)):
            self.error(path, f"应为文本（{spec.label}），实际为{_type_name(value)} {_show(value)}")
            return None
        if isinstance(value, (_dt.date, _dt.datetime)):
            value = value.isoformat()
        text = str(value)
        text, removed = strip_xml_forbidden(text)
        if removed:
            self.warn(path, f"已删除 Word 文档不能容纳的控制字符 {len(removed)} 个（{'、'.join(removed[:5])}）")
        text = text.strip()
        return text or None

    def texts(self, spec: Spec, value: Any, path: str) -> list[str] | None:
        if isinstance(value, str):
            items: list[Any] = [line for line in value.splitlines() if line.strip()]
        elif isinstance(value, list):
            items = value
        else:
            self.error(path, f"应为文本列表（{spec.label}），实际为{_type_name(value)} {_show(value)}")
            return None
        out = []
        for i, item in enumerate(items, 1):
            text = self.text(Spec(spec.key, f"{spec.label}第{i}条", "text"), item, f"{path}[{i}]")
            if text:
                out.append(strip_item_number(text))
        return out

    def integer(self, spec: Spec, value: Any, path: str) -> int | None:
        number: int | None = None
        if isinstance(value, bool):
            number = None
        elif isinstance(value, int):
            number = value
        elif isinstance(value, float) and value.is_integer():
            number = int(value)
        elif isinstance(value, str):
            text = value.strip()
            if text.isdigit() or (text.startswith("-") and text[1:].isdigit()):
                number = int(text)
            elif not text:
                return None
        if number is None:
            self.error(path, f"应为整数（{spec.label}），实际为{_type_name(value)} {_show(value)}")
            return None
        if spec.minimum == 0 and number < 0:
            self.error(path, f"{spec.label}不能为负数，实际为 {number}")
            return None
        if spec.minimum is not None and number < spec.minimum or \
                spec.maximum is not None and number > spec.maximum:
            self.error(path, f"{spec.label}应在 {spec.minimum} 到 {spec.maximum} 之间，实际为 {number}")
            return None
        return number

    def date(self, spec: Spec, value: Any, path: str) -> PartialDate | None:
        if isinstance(value, str) and not value.strip():
            return None
        try:
            return parse_date(value)
        except ValueError:
            self.error(path, f"无法识别的日期 {_show(value)}（可写 2025-09-01、2025-09、2025年9月1日）")
            return None

    def image(self, spec: Spec, value: Any, path: str) -> Path | None:
        text = self.text(spec, value, path)
        if text is None:
            return None
        image = Path(text).expanduser()
        if not image.is_absolute() and self.base_dir is not None:
            image = self.base_dir / image
        if not image.is_file():
            self.error(path, f"找不到图片文件 {_show(text)}（{spec.label}）")
            return None
        try:
            with open(image, "rb") as fh:
                head = fh.read(32)
        except OSError as exc:
            self.error(path, f"无法读取图片文件 {_show(text)}：{exc.strerror or exc}")
            return None
        if sniff_image(head) is None:
            self.error(path, f"不是可用的图片文件 {_show(text)}（支持 PNG、JPEG、GIF、BMP、TIFF）")
            return None
        return image


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def sniff_image(head: bytes) -> str | None:
    """The image format from a file's first bytes, or None when it is not one Word takes."""
    if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head.startswith(b"BM") and len(head) >= 26:
        return "bmp"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    return None


def validate_pairing(data: Any, *, file: str | None = None, base_dir: Path | None = None,
                     locate: Callable[[str], Location | None] | None = None) -> Pairing:
    """Validate a pairing mapping and return the typed model.

    Every problem is collected; if there are any, :class:`ValidationError` lists them all
    with their key paths. ``base_dir`` resolves relative image paths (the input's folder).
    ``locate`` may map a key path to a better location (a sheet's row and column).
    Warnings (removed control characters, dates outside the period) are kept on
    ``Pairing.warnings``; they do not stop rendering.
    """
    reader = _Reader(file, base_dir, locate)
    if not isinstance(data, Mapping):
        reader.error("", f"输入文件的顶层应为键值表（一个结对），实际为{_type_name(data)}")
        raise ValidationError(reader.problems, file)
    raw = reader.group(PAIRING_SPEC, _split_basis_string(data), "")
    _check_required(raw, reader)
    if reader.problems:
        raise ValidationError(reader.problems, file)
    pairing = _build_pairing(raw, reader.warnings)
    _check_periods(pairing, reader)
    return pairing


def with_activities(pairing: Pairing, records: list[Any], *, file: str | None = None,
                    locate: Callable[[str], Location | None] | None = None) -> Pairing:
    """The pairing with its summary's activity log replaced by ``records`` (sheet rows).

    Rows are validated like ``summary.activities`` in a pairing file; ``locate`` turns
    key paths into sheet rows and columns for the messages.
    """
    reader = _Reader(file, None, locate)
    raw = reader.records(ACTIVITY_SPEC, records, "summary.activities") or []
    _check_required({"summary": {"activities": raw}}, reader)
    if reader.problems:
        raise ValidationError(reader.problems, file)
    summary = dataclasses.replace(pairing.summary,
                                  activities=_build_summary({**_EMPTY_SUMMARY, "activities": raw}).activities)
    result = dataclasses.replace(pairing, summary=summary, warnings=list(pairing.warnings))
    period_reader = _Reader(file, None, locate)
    _check_periods(result, period_reader)
    return result


def _check_required(raw: Mapping[str, Any], reader: _Reader) -> None:
    """Values without which a record means nothing: an activity needs its type."""
    for i, activity in enumerate(raw["summary"]["activities"] or [], 1):
        if activity["type"] is None and not reader_has_error(reader, f"summary.activities[{i}].type"):
            reader.error(f"summary.activities[{i}].type",
                         f"缺少活动类型（可用：{'、'.join(ACTIVITY_TYPES)}）")


def reader_has_error(reader: _Reader, path: str) -> bool:
    where = reader.where(path)
    return any(p.where == where for p in reader.problems)


def _check_periods(pairing: Pairing, reader: _Reader) -> None:
    """Warn about dates outside the plan's or the summary's period (document still written)."""
    plan = pairing.plan
    if plan.school_year:
        for i, item in enumerate(plan.schedule or [], 1):
            if not plan.school_year.contains(item.month):
                reader.warn(f"plan.schedule[{i}].month",
                            f"月份 {format_date(item.month, 'month', blank='?')} 不在 {plan.school_year} 内")
    summary = pairing.summary
    for i, activity in enumerate(summary.activities or [], 1):
        date = activity.date
        if summary.school_year and not summary.school_year.contains(date):
            reader.warn(f"summary.activities[{i}].date",
                        f"活动日期 {format_date(date, blank='?')} 不在 {summary.school_year} 内")
        elif summary.year and not summary.school_year and date.year not in (None, summary.year):
            reader.warn(f"summary.activities[{i}].date",
                        f"活动日期 {format_date(date, blank='?')} 不在 {summary.year}年度 内")
    pairing.warnings.extend(w for w in reader.warnings if w not in pairing.warnings)


def _split_basis_string(data: Mapping[str, Any]) -> Mapping[str, Any]:
    """Accept ``basis: 《标题》（文号）`` as a single string, a common way to write it."""
    for key in ("basis", "依据", "依据文件"):
        value = data.get(key)
        if isinstance(value, str):
            text = value.strip().strip("《》")
            m = re.match(r"^《?(?P<title>.+?)》?\s*[（(](?P<number>[^（）()]*\d+\s*号)[）)]$", text)
            replacement = {"title": m.group("title").strip("《》 ") if m else text,
                           "number": m.group("number") if m else None}
            data = {**data, key: replacement}
    return data


def _build_pairing(raw: Mapping[str, Any], warnings: Iterable[Problem]) -> Pairing:
    def school(side: str) -> School:
        values = dict(raw[side])
        if values["category"] is None:
            values["category"] = DEFAULT_CATEGORY[side]
        return School(**values)

    basis = Basis(**raw["basis"])
    if basis.number:
        basis = Basis(basis.title, normalize_doc_number(basis.number))
    term = Term(raw["term"]["start"] or PartialDate(), raw["term"]["years"] or DEFAULT_TERM_YEARS)
    return Pairing(
        id=raw["id"],
        authority=raw["authority"],
        basis=basis,
        supporter=school("supporter"),
        supported=school("supported"),
        term=term,
        signed_on=raw["signed_on"] or PartialDate(),
        copies=raw["copies"] or DEFAULT_COPIES,
        duties=BySide(raw["duties"]["supporter"], raw["duties"]["supported"]),
        other_terms=raw["other_terms"],
        keep=raw["keep"] or [],
        seal=BySide(raw["seal"]["supporter"], raw["seal"]["supported"]),
        signature=BySide(raw["signature"]["supporter"], raw["signature"]["supported"]),
        plan=_build_plan(raw["plan"]),
        summary=_build_summary(raw["summary"]),
        community=_build_community(raw["community"]),
        scheme=_build_scheme(raw["scheme"]),
        warnings=list(warnings),
    )


def _measures(raw: list[dict[str, Any]] | None) -> list[Measure] | None:
    if raw is None:
        return None
    return [Measure(m["area"], m["intro"] or [], m["actions"] or []) for m in raw]


def _build_plan(raw: Mapping[str, Any]) -> Plan:
    group = raw["leading_group"]
    schedule = None
    if raw["schedule"] is not None:
        schedule = sorted((ScheduleItem(s["month"] or PartialDate(), s["item"]) for s in raw["schedule"]),
                          key=lambda s: (s.month.year or 0, s.month.month or 0, s.month.day or 0))
    return Plan(
        school_year=raw["school_year"], author=raw["author"] or "supported", title=raw["title"],
        guiding_idea=raw["guiding_idea"] or None,
        leading_group=LeadingGroup(group["leader"], group["deputies"] or [], group["members"] or []),
        measures=_measures(raw["measures"]) or None, schedule=schedule or None,
        safeguards=raw["safeguards"] or None, date=raw["date"] or PartialDate())


_EMPTY_SUMMARY: dict[str, Any] = {
    "school_year": None, "year": None, "author": None, "title": None, "activities": None,
    "sections": {}, "shortcomings": None, "plans": None, "date": None}


def _build_summary(raw: Mapping[str, Any]) -> Summary:
    activities = None
    if raw["activities"] is not None:
        activities = [Activity(
            date=a["date"] or PartialDate(), type=a["type"] or "其他", title=a["title"],
            host=a["host"], place=a["place"], teachers=a["teachers"], lessons=a["lessons"],
            participants=a["participants"], subjects=a["subjects"] or [],
            donation=Donation(**a["donation"]), note=a["note"]) for a in raw["activities"]]
    sections = {k: v for k, v in raw["sections"].items() if v}
    return Summary(
        school_year=raw["school_year"], year=raw["year"], author=raw["author"] or "supported",
        title=raw["title"], activities=activities, sections=sections,
        shortcomings=raw["shortcomings"] or None, plans=raw["plans"] or None,
        date=raw["date"] or PartialDate())


def _build_community(raw: Mapping[str, Any]) -> Community:
    def schools(items: list[dict[str, Any]] | None) -> list[CommunitySchool]:
        return [CommunitySchool(s["name"], s["head"]) for s in items or []]

    return Community(raw["name"], CommunitySchool(raw["core"]["name"], raw["core"]["head"]),
                     schools(raw["members"]), schools(raw["radiating"]))


def _build_scheme(raw: Mapping[str, Any]) -> Scheme:
    group = raw["leading_group"]
    yearly = raw["goals"]["yearly"]
    steps = raw["steps"]
    return Scheme(
        title=raw["title"], guiding_idea=raw["guiding_idea"] or None,
        leading_group=[GroupMember(**m) for m in group] if group else None,
        goals_final=raw["goals"]["final"] or None,
        goals_yearly=[YearGoal(y["year"], y["items"] or []) for y in yearly] if yearly else None,
        measures=_measures(raw["measures"]) or None,
        steps=[Phase(p["phase"], p["start"] or PartialDate(), p["end"] or PartialDate(),
                     p["items"] or []) for p in steps] if steps else None,
        date=raw["date"] or PartialDate())


def person_names(pairing: Pairing) -> list[str]:
    """Every person's name the input holds: representatives, contacts, leading groups,
    heads of community schools (script conversion keeps their surnames right)."""
    names = [pairing.supporter.representative, pairing.supporter.contact,
             pairing.supported.representative, pairing.supported.contact,
             pairing.plan.leading_group.leader, *pairing.plan.leading_group.deputies,
             *pairing.plan.leading_group.members,
             pairing.community.core.head,
             *(s.head for s in pairing.community.members),
             *(s.head for s in pairing.community.radiating),
             *(m.name for m in pairing.scheme.leading_group or [])]
    return list(dict.fromkeys(n for n in names if n))
