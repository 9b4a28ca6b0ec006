"""The .docx package at the zip level; the only module that reads and writes zip files.

Parts are kept as stored (:class:`Entry`), so that untouched parts are copied as their
compressed bytes.

A batch renders only the parts of a template that hold tags; every other part (styles,
theme, settings, fonts …) is written into each output exactly as it is stored in the
template, without decompressing or recompressing it. Python's :mod:`zipfile` cannot
write pre-compressed data, so this module writes the (small, standard) zip structure
itself. Outputs are deterministic: entries keep the template's order and timestamps.
"""

from __future__ import annotations

import contextlib
import io
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, ContextManager, Iterable, Mapping

from ..errors import InputError, Location

# A damaged or unreadable zip: its directory, or an entry's deflated data or CRC.
# zipfile lets damaged headers through as ValueError (a negative seek, a name that is not
# UTF-8), NotImplementedError (an unknown version or method), struct.error or OverflowError.
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError,
              NotImplementedError, struct.error, OverflowError)

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_UTF8_FLAG = 0x800


@dataclass(frozen=True)
class Entry:
    """One zip entry, with its data as stored (compressed when ``method`` is deflate)."""

    name: str
    raw: bytes
    crc: int
    size: int
    method: int
    dos_time: int
    dos_date: int

    def content(self) -> bytes:
        """The entry's bytes, decompressed."""
        if self.method == zipfile.ZIP_DEFLATED:
            return zlib.decompress(self.raw, -15)
        return self.raw


def read_entries(source: Path | str | BinaryIO) -> list[Entry]:
    """Every entry of a zip with its stored bytes, in the order of the central directory."""
    entries = []
    with _opened(source) as fh, zipfile.ZipFile(fh) as archive:
        for info in archive.infolist():
            fh.seek(info.header_offset)
            header = fh.read(_LOCAL.size)
            fields = _LOCAL.unpack(header)
            if fields[0] != 0x04034B50:
                raise zipfile.BadZipFile(f"bad local header for {info.filename}")
            name_len, extra_len = fields[9], fields[10]
            fh.seek(info.header_offset + _LOCAL.size + name_len + extra_len)
            raw = fh.read(info.compress_size)
            year, month, day, hour, minute, second = info.date_time
            entries.append(Entry(
                info.filename, raw, info.CRC, info.file_size, info.compress_type,
                (hour << 11) | (minute << 5) | (second // 2),
                ((year - 1980) << 9) | (month << 5) | day))
    return entries


def read_package(source: bytes | Path | str, file: str | None = None) -> list[Entry]:
    """The entries of a user's package; an unreadable one is the user's problem."""
    try:
        return read_entries(io.BytesIO(source) if isinstance(source, bytes) else source)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputError("不是有效的 Office 文件（已损坏、加了密码，或实为其他格式）",
                         Location(file=file)) from None


def read_part(source: bytes | Path | str, name: str) -> bytes | None:
    """One part's bytes, or None when the package has no such part."""
    with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as archive:
        try:
            return archive.read(name)
        except KeyError:
            return None


def is_zip(source: bytes | Path | str) -> bool:
    """Whether a file (or bytes) is a zip archive at all."""
    return zipfile.is_zipfile(io.BytesIO(source) if isinstance(source, bytes) else source)


def _opened(source: Path | str | BinaryIO) -> ContextManager[BinaryIO]:
    if isinstance(source, (str, Path)):
        return open(source, "rb")
    return contextlib.nullcontext(source)


def deflated(name: str, data: bytes, like: Entry | None = None) -> Entry:
    """A new entry holding ``data`` compressed, with ``like``'s timestamp if given."""
    # Level 1: a rendered part is compressed once per document, and speed wins over a
    # few percent of size here.
    compressor = zlib.compressobj(1, zlib.DEFLATED, -15)
    raw = compressor.compress(data) + compressor.flush()
    return Entry(name, raw, zlib.crc32(data), len(data), zipfile.ZIP_DEFLATED,
                 like.dos_time if like else 0, like.dos_date if like else (1 << 5) | 1)


def write_zip(entries: list[Entry]) -> bytes:
    """The bytes of a zip holding ``entries`` (no zip64: packages here are small)."""
    out = bytearray()
    central = bytearray()
    for entry in entries:
        name = entry.name.encode("utf-8")
        flags = _UTF8_FLAG if not entry.name.isascii() else 0
        offset = len(out)
        out += _LOCAL.pack(0x04034B50, 20, flags, entry.method, entry.dos_time, entry.dos_date,
                           entry.crc, len(entry.raw), entry.size, len(name), 0)
        out += name
        out += entry.raw
        central += _CENTRAL.pack(0x02014B50, 20, 20, flags, entry.method, entry.dos_time,
                                 entry.dos_date, entry.crc, len(entry.raw), entry.size,
                                 len(name), 0, 0, 0, 0, 0, offset)
        central += name
    start = len(out)
    out += central
    out += _END.pack(0x06054B50, 0, 0, len(entries), len(entries), len(central), start, 0)
    return bytes(out)


def rewrite(entries: list[Entry], changed: Mapping[str, bytes]) -> bytes:
    """The package with the parts named in ``changed`` replaced, the others as stored."""
    return write_zip([deflated(e.name, changed[e.name], e) if e.name in changed else e
                      for e in entries])


def archive_files(target: BinaryIO, files: Iterable[tuple[Path, str]]) -> None:
    """A zip of files (path on disk, name inside). Names are UTF-8 and flagged as such,
    which Windows Explorer reads correctly."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for path, name in files:
            archive.write(path, name)
