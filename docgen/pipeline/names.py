"""File names built from data, safe on Windows and Linux.

A school may be called "A/B", "../../etc" or "CON"; none of that may leave the output
folder, fail on Windows, or overwrite something else.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path, PurePosixPath
from string import Formatter

from ..errors import InputError, Location

# Characters Windows forbids in names, path separators, and C0/C1 control characters.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f-\x9f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}
MAX_COMPONENT_BYTES = 150  # well under the 255-byte limit of common file systems
DEFAULT_NAME = "{id}_{supporter}_{supported}/{title}"
FIELDS = ("id", "supporter", "supported", "kind", "title", "row")


def safe_component(text: str, fallback: str = "未命名") -> str:
    """One path component: no separators or forbidden characters, not reserved, not
    empty, not . or .., without trailing dots or spaces, at most 150 bytes of UTF-8."""
    text = unicodedata.normalize("NFC", str(text))
    text = _FORBIDDEN.sub("_", text)
    text = re.sub(r"\s+", " ", text).strip().rstrip(". ")
    text = text.lstrip(" ")
    if set(text) <= {".", "_", " "}:
        text = ""
    while len(text.encode("utf-8")) > MAX_COMPONENT_BYTES:
        text = text[:-1]
    text = text.rstrip(". ")
    if not text:
        text = fallback
    if text.split(".")[0].upper() in _RESERVED:
        text = "_" + text
    return text


def check_pattern(pattern: str) -> None:
    """Refuse a --name pattern with unknown fields or absolute parts, before any work."""
    try:
        names = [name for _, name, _, _ in Formatter().parse(pattern) if name is not None]
    except ValueError as exc:
        raise InputError(f"文件名模式有误：{exc}", Location(key_path="--name")) from None
    unknown = [n for n in names if n not in FIELDS]
    if unknown:
        raise InputError(f"文件名模式中有未知字段 {{{unknown[0]}}}（可用：{'、'.join(FIELDS)}）",
                         Location(key_path="--name"))
    if not names:
        raise InputError("文件名模式至少要用一个字段，如 {id}", Location(key_path="--name"))


def document_path(pattern: str, values: dict[str, str]) -> PurePosixPath:
    """The relative path of a document: each '/'-separated part of the pattern filled and
    made safe separately, so data can never add a folder level or climb out."""
    parts = []
    for piece in pattern.split("/"):
        filled = piece.format(**{k: _FieldValue(v) for k, v in values.items()})
        parts.append(safe_component(filled))
    path = PurePosixPath(*parts)
    return path.with_name(path.name + ".docx") if not path.name.lower().endswith(".docx") else path


class _FieldValue(str):
    """A value inserted into a pattern: its own separators are replaced first."""

    def __new__(cls, value: str) -> "_FieldValue":
        return super().__new__(cls, _FORBIDDEN.sub("_", str(value)))


def inside(folder: Path, relative: PurePosixPath) -> Path:
    """``folder / relative``, verified to stay inside ``folder``: a relative path with no
    empty, '.' or '..' part (checked on the text; the folder's own links are the user's)."""
    parts = relative.parts
    if relative.is_absolute() or not parts or any(p in ("", ".", "..") or "/" in p or "\\" in p
                                                   for p in parts):
        raise InputError("输出路径越出了输出文件夹", Location(file=str(relative)))
    return folder.joinpath(*parts)
