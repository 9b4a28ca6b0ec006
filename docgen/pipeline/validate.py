"""Validate stage: a plain mapping (from YAML, JSON, a roster row or a form) → the model.

The mapping is read against the schema tree (:data:`docgen.kinds.PAIRING_SPEC`) with
every problem collected, each with its key path (or the sheet row and column it came
from), and the model is built from what was read. Missing values are not errors: they
take their declared defaults and later render as blanks.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import difflib
import re
import unicodedata
from pathlib import Path
from typing import Any, Callable, Mapping

from ..errors import Location, Problem, ValidationError
from ..kinds import KINDS, PAIRING_SPEC, Pairing
from ..pairing.dates import PartialDate, parse_date, parse_school_year
from ..pairing.model import SIDES, side_of
from ..pairing.numerals import parse_chinese_number
from ..pairing.schema import Spec, build, empty, item_of
from ..pairing.text import normalize_doc_number, strip_item_number, strip_xml_forbidden
from ..ooxml.images import image_format
from ..script.text import simplified_forms
from .input_script import in_simplified
from .grid import NumberCell
from .keys import clean_name, closest_child, find_child, flat_names, lookup

Locate = Callable[[str], "Location | None"]

PAIRING_TOP = "键值表（一个结对）"  # what a pairing file's top level is (messages)

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


# Kinds that read a sheet's number cell themselves (its value, or its format too).
_NUMBER_CELL_KINDS = ("int", "amount", "date", "phone")
_PHONE_DIGITS = re.compile(r"^\d{7,12}$")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


class _Reader:
    """Walks a mapping against a Spec, collecting problems instead of stopping at the first."""

    def __init__(self, file: str | None, base_dir: Path | None, locate: Locate | None = None,
                 schools: Mapping[str, str | None] | None = None) -> None:
        self.file = file
        self.base_dir = base_dir
        self.locate = locate
        self.schools = {side: name for side, name in (schools or {}).items() if name}
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def where(self, path: str) -> Location:
        located = self.locate(path) if self.locate else None
        return located or Location(file=self.file, key_path=path or None)

    def error(self, path: str, message: str) -> None:
        self.problems.append(Problem(message, self.where(path)))

    def warn(self, path: str, message: str) -> None:
        self.warnings.append(Problem(message, self.where(path)))

    def has_error(self, path: str) -> bool:
        where = self.where(path)
        return any(p.where == where for p in self.problems)

    # ------------------------------------------------------------------ structure

    def group(self, spec: Spec, value: Any, path: str) -> Any:
        """Read a mapping; returns canonical key → read value (None when absent). A group
        that may be a list (several 乙方) written as one is read as a list of mappings."""
        out = empty(spec)
        if value is None:
            return out
        if spec.more and isinstance(value, list):
            return self.items(spec, value, path)
        if isinstance(value, str) and spec.from_text is not None:
            value = spec.from_text(value)
        if not isinstance(value, Mapping):
            self.error(path, f"应为键值表（{spec.label}），实际为{_type_name(value)} {_show(value)}")
            return out
        if spec.kind == "records":
            value = self._nest_flat(spec, value, path)
        seen: dict[str, str] = {}
        for raw_key, item in value.items():
            key = str(raw_key).strip().replace("\u3000", "")
            child = find_child(spec, key)
            if child is None:
                self.error(_join(path, key), self._unknown_key(key, spec))
                continue
            child_path = _join(path, child.key)
            if child.key in seen:
                self.error(child_path, f"重复：「{seen[child.key]}」与「{key}」指同一项（{child.label}）")
                continue
            seen[child.key] = key
            out[child.key] = self.value(child, item, child_path)
        for child in spec.children:
            if child.required and out[child.key] is None and not self.has_error(_join(path, child.key)):
                hint = f"（可用：{'、'.join(child.choices)}）" if child.choices else ""
                self.error(_join(path, child.key), f"缺少{child.label}{hint}")
        return out

    def items(self, spec: Spec, value: list[Any], path: str) -> list[dict[str, Any]]:
        """A group written as a list: each item read as the group, named 乙方第2项."""
        if not value:
            self.error(path, f"{spec.label}的列表是空的：请至少写一所学校，或删去这一项")
            return [empty(spec)]
        return [self.group(item_of(spec, i), item, f"{path}[{i}]")
                for i, item in enumerate(value, 1)]

    def _nest_flat(self, spec: Spec, value: Mapping, path: str) -> dict[Any, Any]:
        """A record with its groups' fields written flat, as in a sheet (图书: 300 beside
        类型 in an activity), with those fields moved into their group. A field written
        both flat and in its group is an error naming both."""
        flat = flat_names(spec)
        out: dict[Any, Any] = {}
        moved: dict[str, list[tuple[str, str, Any]]] = {}
        for raw_key, item in value.items():
            key = str(raw_key).strip().replace("\u3000", "")
            target = lookup(flat, clean_name(key)) if find_child(spec, key) is None else None
            if target is None:
                out[raw_key] = item
            else:
                group_key, leaf_key = target.split(".")
                moved.setdefault(group_key, []).append((leaf_key, key, item))
        for group_key, leaves in moved.items():
            group = spec.child(group_key)
            written = [k for k in out if getattr(find_child(spec, str(k).strip()), "key", None) == group_key]
            nested = out.get(written[0]) if written else None
            if nested is not None and not isinstance(nested, Mapping):
                continue  # the group itself is wrong: reported when it is read
            merged = dict(nested or {})
            flat_seen: dict[str, str] = {}
            for leaf_key, key, item in leaves:
                leaf = group.child(leaf_key)
                both = [k for k in (nested or {}) if find_child(group, str(k).strip()) is leaf]
                where = _join(path, f"{group_key}.{leaf_key}")
                if both:
                    self.error(where, f"重复：「{key}」与「{written[0]}」中的「{both[0]}」指同一项"
                                      f"（{leaf.label}），请只写一处")
                elif leaf_key in flat_seen:
                    self.error(where, f"重复：「{flat_seen[leaf_key]}」与「{key}」指同一项（{leaf.label}）")
                else:
                    flat_seen[leaf_key] = key
                    merged[leaf_key] = item
            out[written[0] if written else group_key] = merged
        return out

    def _unknown_key(self, key: str, spec: Spec) -> str:
        where = f"「{spec.label}」中" if spec.key else ""
        close = closest_child(spec, key)
        if close:
            return f"{where}未知字段「{key}」，是否应为「{close[0]}」（{close[1].label}）？"
        allowed = "、".join(c.key for c in spec.children)
        return f"{where}未知字段「{key}」（可用：{allowed}）"

    def value(self, spec: Spec, value: Any, path: str) -> Any:
        if spec.kind == "group":
            return self.group(spec, value, path)
        if value is None:
            return None
        if isinstance(value, NumberCell) and spec.kind not in _NUMBER_CELL_KINDS:
            value = value.shown  # a number in a text column means what the sheet shows
        return getattr(self, f"read_{spec.kind}")(spec, value, path)

    def read_records(self, spec: Spec, value: Any, path: str) -> list[dict[str, Any]] | None:
        if isinstance(value, Mapping):
            value = [value]
        if not isinstance(value, list):
            self.error(path, f"应为列表（{spec.label}），实际为{_type_name(value)} {_show(value)}")
            return None
        return [self.group(spec, item, f"{path}[{i}]") for i, item in enumerate(value, 1)]

    # ------------------------------------------------------------------ leaves

    def read_text(self, spec: Spec, value: Any, path: str) -> str | None:
        if isinstance(value, bool) or isinstance(value, (list, dict, Mapping)):
            self.error(path, f"应为文本（{spec.label}），实际为{_type_name(value)} {_show(value)}")
            return None
        if isinstance(value, (_dt.date, _dt.datetime)):
            value = value.isoformat()
        text, removed = strip_xml_forbidden(str(value))
        if removed:
            self.warn(path, f"已删除 Word 文档不能容纳的控制字符 {len(removed)} 个（{'、'.join(removed[:5])}）")
        return text.strip() or None

    def read_doc_number(self, spec: Spec, value: Any, path: str) -> str | None:
        text = self.read_text(spec, value, path)
        return normalize_doc_number(text) if text else None

    def read_texts(self, spec: Spec, value: Any, path: str) -> list[str] | None:
        if isinstance(value, str):
            items: list[Any] = [line for line in value.splitlines() if line.strip()]
        elif isinstance(value, list):
            items = value
        else:
            self.error(path, f"应为文本列表（{spec.label}），实际为{_type_name(value)} {_show(value)}")
            return None
        out = []
        for i, item in enumerate(items, 1):
            item_spec = dataclasses.replace(spec, label=f"{spec.label}第{i}条", kind="text")
            text = self.read_text(item_spec, item, f"{path}[{i}]")
            if text:
                out.append(strip_item_number(text))
        return out

    def read_names(self, spec: Spec, value: Any, path: str) -> list[str] | None:
        if isinstance(value, str):
            value = [n for n in re.split(r"[、,，;；\s]+", value) if n]
        return self.read_texts(spec, value, path)

    def read_choice(self, spec: Spec, value: Any, path: str) -> str | None:
        text = self.read_text(spec, value, path)
        if text is None:
            return None
        if text not in spec.choices:  # written in traditional characters: the same word
            text = next((form for form in simplified_forms(text) if form in spec.choices), text)
        words = dict(spec.words)
        if text not in spec.choices and text in words:
            self.warn(path, f"{spec.label}「{text}」按「{words[text]}」处理")
            return words[text]
        if text not in spec.choices:
            close = difflib.get_close_matches(text, spec.choices, n=1, cutoff=0.3)
            hint = f"，是否应为「{close[0]}」" if close else ""
            self.error(path, f"未知的{spec.label}「{text}」{hint}（可用：{'、'.join(spec.choices)}）")
            return None
        return text

    def read_side(self, spec: Spec, value: Any, path: str) -> str | None:
        text = self.read_text(spec, value, path)
        if text is None:
            return None
        side = side_of(text) or self._side_of_school(text)
        if side is None:
            names = "或 ".join(f"{words[0]}（{key}）" for key, words in SIDES.items())
            schools = "、".join(f"「{n}」" for n in self.schools.values())
            also = f"，或本结对学校的名称（{schools}）" if schools else ""
            self.error(path, f"{spec.label}应为 {names}{also}，实际为 {_show(text)}")
        return side

    def _side_of_school(self, text: str) -> str | None:
        """The side whose school ``text`` names: its full name, or a part of it that
        names no other school of the pair (实验小学 for ××县实验小学)."""
        name = clean_name(text)
        found = [side for side, school in self.schools.items()
                 if name and (name == clean_name(school) or
                              (len(name) >= 2 and (name in clean_name(school) or
                                                   clean_name(school) in name)))]
        return found[0] if len(found) == 1 else None

    def read_school_year(self, spec: Spec, value: Any, path: str) -> Any:
        try:
            return parse_school_year(value)
        except ValueError:
            self.error(path, f"无法识别的学年 {_show(value)}（可写 2025-2026 或 2025—2026学年）")
            return None

    def read_amount(self, spec: Spec, value: Any, path: str) -> int | float | None:
        number: int | float | None = None
        if isinstance(value, NumberCell):
            value = value.value
        if isinstance(value, bool):
            number = None
        elif isinstance(value, (int, float)):
            number = value
        elif isinstance(value, str):
            text = value.strip().replace(",", "").replace("，", "").removesuffix(spec.unit)
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

    def read_int(self, spec: Spec, value: Any, path: str) -> int | None:
        number: int | None = None
        if isinstance(value, bool):
            number = None
        elif isinstance(value, int):
            number = value
        elif isinstance(value, float) and value.is_integer():
            number = int(value)
        elif isinstance(value, NumberCell):
            number = value.value if isinstance(value.value, int) else None
        elif isinstance(value, str):
            text = unicodedata.normalize("NFKC", value).strip()
            if spec.unit:
                text = text.removesuffix(spec.unit).strip()
            if text.isdigit() or (text.startswith("-") and text[1:].isdigit()):
                number = int(text)
            elif not text:
                return None
            else:
                number = parse_chinese_number(text)  # 三年 → 3
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

    def read_date(self, spec: Spec, value: Any, path: str) -> Any:
        if isinstance(value, NumberCell):
            return self._date_of_number(spec, value, path)
        if isinstance(value, str) and not value.strip():
            return None
        try:
            return parse_date(value)
        except ValueError:
            self.error(path, f"无法识别的日期 {_show(value)}（可写 2025-09-01、2025-09、2025年9月1日）")
            return None

    def _date_of_number(self, spec: Spec, cell: NumberCell, path: str) -> PartialDate | None:
        """A date a sheet holds as a number: a serial day number in a cell without a date
        format, or what was typed as 2026.9 — read from the text the cell displays."""
        if isinstance(cell.value, int) and 20000 <= cell.value <= 80000:
            day = _dt.date(1899, 12, 30) + _dt.timedelta(days=cell.value)
            return PartialDate(day.year, day.month, day.day)
        try:
            date = parse_date(cell.shown)
        except ValueError:
            self.error(path, f"无法识别的日期 {_show(cell.shown)}（可写 2025-09-01、2025-09、2025年9月1日）")
            return None
        if cell.general and re.fullmatch(r"\d{4}\.1", cell.shown):
            self.warn(path, f"{spec.label}单元格是数字 {cell.shown}，已按{date.year}年1月处理；"
                            f"若是 {cell.shown}0（10月），Excel 存成数字时去掉了末尾的 0，"
                            "请把该列设为“文本”后重新输入")
        return date

    def read_phone(self, spec: Spec, value: Any, path: str) -> str | None:
        """A phone number; one a sheet stored as a number lost a landline's leading 0:
        10 digits, or 11 not starting with 1 (a mobile's), get it back, with a notice."""
        if isinstance(value, NumberCell):
            value = value.value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = self.read_text(spec, value, path)
        if text is None:
            return None
        if _PHONE_DIGITS.match(text) and text[0] != "0" and (
                len(text) == 10 or (len(text) == 11 and text[0] != "1")):
            self.warn(path, f"{spec.label} {text} 像是开头的 0 被表格去掉的座机号，已补为 0{text}；"
                            "请把该列设为“文本”，以免再次丢失")
            return "0" + text
        return text

    def read_image(self, spec: Spec, value: Any, path: str) -> Path | None:
        text = self.read_text(spec, value, path)
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
        if image_format(head) is None:
            self.error(path, f"不是可用的图片文件 {_show(text)}（支持 PNG、JPEG、GIF、BMP、TIFF）")
            return None
        return image


# --------------------------------------------------------------------------- entry points

def validate_pairing(data: Any, *, file: str | None = None, base_dir: Path | None = None,
                     locate: Locate | None = None, notices: list[Problem] | None = None) -> Pairing:
    """Validate a pairing mapping and return the typed model.

    Every problem is collected; if there are any, :class:`ValidationError` lists them all
    with their key paths. ``base_dir`` resolves relative image paths (the input's folder).
    ``locate`` may map a key path to a better location (a sheet's row and column).
    Warnings (removed control characters, dates outside the period) are kept on
    ``Pairing.warnings``, after ``notices`` (what loading repaired); they do not stop
    rendering.
    """
    reader = _Reader(file, base_dir, locate)
    reader.warnings.extend(notices or ())
    if not isinstance(data, Mapping):
        reader.error("", f"输入文件的顶层应为{PAIRING_TOP}，实际为{_type_name(data)}")
        raise ValidationError(reader.problems, file)
    raw = reader.group(PAIRING_SPEC, data, "")
    if reader.problems:
        raise ValidationError(reader.problems, file)
    pairing, notes = in_simplified(build(PAIRING_SPEC, raw), data, file=file)
    reader.warnings.extend(notes)
    return _with_period_warnings(pairing, reader)


def with_activities(pairing: Pairing, records: list[Any], *, file: str | None = None,
                    locate: Locate | None = None) -> Pairing:
    """The pairing with its summary's activity log replaced by ``records`` (sheet rows).

    Rows are validated like ``summary.activities`` in a pairing file; ``locate`` turns
    key paths into sheet rows and columns for the messages. A 承办方 may be written as
    the name of one of the pairing's schools.
    """
    schools = {"supporter": pairing.supporter.name, "supported": pairing.supported.name}
    reader = _Reader(file, None, locate, schools)
    spec = PAIRING_SPEC.child("summary").child("activities")
    raw = reader.read_records(spec, records, "summary.activities") or []
    if reader.problems:
        raise ValidationError(reader.problems, file)
    activities = [build(spec, item) for item in raw]
    summary, notes = in_simplified(dataclasses.replace(pairing.summary, activities=activities),
                                   records, PAIRING_SPEC.child("summary"), file=file,
                                   path="summary.activities")
    reader.warnings.extend(notes)
    result = dataclasses.replace(pairing, summary=summary, warnings=list(pairing.warnings))
    return _with_period_warnings(result, reader)


def _with_period_warnings(pairing: Pairing, reader: _Reader) -> Pairing:
    """Each kind's warnings about its dates (the document is still written)."""
    for kind in KINDS.values():
        for path, message in kind.warnings(pairing):
            reader.warn(path, message)
    pairing.warnings.extend(w for w in reader.warnings if w not in pairing.warnings)
    return pairing

