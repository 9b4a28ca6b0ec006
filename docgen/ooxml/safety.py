"""Checks on packages from outside before anything parses them.

A .docx or .xlsx is a zip of XML. One from an unknown source may be a zip bomb (a few KB
that expand to gigabytes), hold entries named ../../x or /etc/x, or carry XML with a DTD
(external entities, "billion laughs"). Office documents never need a DTD, so any is refused;
the XML parsers of docgen also run with entity resolution and network access off.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path, PurePosixPath

from ..errors import InputError, Location
from .package import ZIP_ERRORS

MAX_ENTRIES = 10_000
MAX_TOTAL_BYTES = 300 * 1024 * 1024      # expanded size of all parts
MAX_ENTRY_BYTES = 100 * 1024 * 1024      # expanded size of one part
MAX_RATIO = 200                          # expanded / compressed, for parts over 1 MB
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)


def check_package(source: str | Path | bytes, *, name: str | None = None) -> None:
    """Refuse a zip package that is a bomb, escapes its folder or carries a DTD."""
    label = name or (str(source) if not isinstance(source, bytes) else None)
    try:
        archive = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    except (*ZIP_ERRORS, OSError):
        raise InputError("不是有效的 Office 文件（已损坏、加了密码，或实为其他格式）",
                         Location(file=label)) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise InputError(f"文件内部条目过多（{len(infos)} 个），拒绝处理", Location(file=label))
        total = 0
        for info in infos:
            entry = PurePosixPath(info.filename.replace("\\", "/"))
            if entry.is_absolute() or ".." in entry.parts or re.match(r"^[A-Za-z]:", info.filename):
                raise InputError(f"文件内部有越出范围的路径「{info.filename}」，拒绝处理",
                                 Location(file=label))
            total += info.file_size
            if info.file_size > MAX_ENTRY_BYTES or total > MAX_TOTAL_BYTES:
                raise InputError("文件解压后过大（疑似“压缩炸弹”），拒绝处理", Location(file=label))
            if info.file_size > 1024 * 1024 and info.compress_size and \
                    info.file_size / info.compress_size > MAX_RATIO:
                raise InputError("文件压缩比异常（疑似“压缩炸弹”），拒绝处理", Location(file=label))
        for info in infos:
            if info.filename.lower().endswith((".xml", ".rels")):
                try:
                    with archive.open(info) as fh:
                        head = fh.read(4096)
                except ZIP_ERRORS:
                    raise InputError(f"文件已损坏（{info.filename} 无法解压）", Location(file=label)) from None
                if _DOCTYPE.search(head):
                    raise InputError(f"文件中的 {info.filename} 含有 DTD/实体声明（可能用于攻击），拒绝处理",
                                     Location(file=label))


def check_docx(source: Path | bytes, name: str | None = None) -> None:
    """A user's .docx, on disk or in memory: there, not the old binary .doc, a zip, and safe
    to open. ``name`` is what messages call it (a path's own name by default)."""
    label = name or str(source)
    if isinstance(source, Path) and not source.is_file():
        raise InputError("找不到文件", Location(file=label))
    refuse_old_word(label)
    if not zipfile.is_zipfile(io.BytesIO(source) if isinstance(source, bytes) else source):
        raise InputError("不是有效的 Word（.docx）文件（已损坏、加了密码，或实为其他格式）",
                         Location(file=label))
    check_package(source, name=label)


def refuse_old_word(name: str) -> None:
    """The binary .doc of old Word is not read: say how to get a .docx."""
    if name.lower().endswith(".doc"):
        raise InputError("这是旧版 Word（.doc）文件，请在 Word 中“另存为” .docx 后再用",
                         Location(file=name))
