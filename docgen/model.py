"""The pairing (结对帮扶) model and its validation.

Input arrives as a plain mapping (from YAML, JSON or a roster row) with canonical English
keys or their Chinese aliases. :func:`validate_pairing` reads it against a declarative
schema, collects *every* problem with its key path, and returns a typed :class:`Pairing`.
Missing values are not errors: they stay ``None`` and later render as blanks.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Iterable, Mapping, TypeVar

from .dates import PartialDate, parse_date
from .errors import Location, Problem, ValidationError
from .text import normalize_doc_number, strip_item_number, strip_xml_forbidden

T = TypeVar("T")


# --------------------------------------------------------------------------- schema

@dataclass(frozen=True)
class Spec:
    """One key of the input: its canonical name, Chinese label, aliases and kind.

    kind is one of: text, int, date, texts (list of text), image (file path), group
    (a mapping with ``children``).
    """

    key: str
    label: str
    kind: str
    aliases: tuple[str, ...] = ()
    children: tuple["Spec", ...] = ()
    minimum: int | None = None
    maximum: int | None = None

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
    _by_side("seal", "盖章", ("盖章", "公章", "印章"), "image"),
    _by_side("signature", "签字", ("签字", "签名"), "image"),
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
    seal: BySide[Path | None] = BySide(None, None)
    signature: BySide[Path | None] = BySide(None, None)
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

    def __init__(self, file: str | None, base_dir: Path | None) -> None:
        self.file = file
        self.base_dir = base_dir
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def error(self, path: str, message: str) -> None:
        self.problems.append(Problem(message, Location(file=self.file, key_path=path or None)))

    def warn(self, path: str, message: str) -> None:
        self.warnings.append(Problem(message, Location(file=self.file, key_path=path or None)))

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
        raise AssertionError(spec.kind)

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


def validate_pairing(data: Any, *, file: str | None = None,
                     base_dir: Path | None = None) -> Pairing:
    """Validate a pairing mapping and return the typed model.

    Every problem is collected; if there are any, :class:`ValidationError` lists them all
    with their key paths. ``base_dir`` resolves relative image paths (the input's folder).
    Warnings (e.g. removed control characters) are kept on ``Pairing.warnings``.
    """
    reader = _Reader(file, base_dir)
    if not isinstance(data, Mapping):
        reader.error("", f"输入文件的顶层应为键值表（一个结对），实际为{_type_name(data)}")
        raise ValidationError(reader.problems, file)
    raw = reader.group(PAIRING_SPEC, _split_basis_string(data), "")
    if reader.problems:
        raise ValidationError(reader.problems, file)
    return _build_pairing(raw, reader.warnings)


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
        seal=BySide(raw["seal"]["supporter"], raw["seal"]["supported"]),
        signature=BySide(raw["signature"]["supporter"], raw["signature"]["supported"]),
        warnings=list(warnings),
    )
