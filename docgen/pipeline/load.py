"""Load stage: input files → plain data. Owns pyyaml and text decoding.

An input is a :class:`Source`: a file on disk, or bytes that came another way (an upload
on the web page) with a name. Text is decoded strictly (UTF-8, UTF-16, GB18030, then a
guess); the data's meaning is the validate stage's business. YAML typed by hand (full-width
colons, tabs) is made YAML first, line for line (:mod:`.typed`).

YAML is read with a loader that keeps scalars as text unless they are plainly an integer,
a boolean (true/false) or null: YAML 1.1 would otherwise turn 2025.10 into the float
2025.1, 2025-09-01 into a date object and a phone number such as 01234567 into an octal
integer. The model decides what each value means.
"""

from __future__ import annotations

import codecs
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from ..errors import InputError, Location, Problem
from ..pairing.schema import Spec
from .typed import Normalised, line_list, normalise

MAX_INPUT_BYTES = 20 * 1024 * 1024  # a pairing file is a few KB; refuse anything absurd


@dataclass(frozen=True)
class Source:
    """An input file: on disk (``path``) or in memory (``data``), with the name that
    messages show and whose suffix tells the format."""

    name: str
    path: Path | None = None
    data: bytes | None = None

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()

    @property
    def folder(self) -> Path | None:
        """Where files the input names (seal images) are looked for."""
        return self.path.parent if self.path is not None else None

    def read(self) -> bytes:
        """The file's bytes; a missing or oversized file is refused in Chinese."""
        if self.data is not None:
            if len(self.data) > MAX_INPUT_BYTES:
                raise InputError(_too_large(len(self.data)), Location(file=self.name))
            return self.data
        assert self.path is not None
        return read_input_bytes(self.path)

    def stream(self) -> BinaryIO:
        return io.BytesIO(self.read())


def as_source(value: "str | Path | bytes | BinaryIO | Source", name: str | None = None) -> Source:
    """A path, bytes or a binary stream as a :class:`Source` (``name`` for bytes and
    streams: the file name the user knows, e.g. an upload's)."""
    if isinstance(value, Source):
        return value
    if isinstance(value, (str, Path)):
        return Source(name or str(value), Path(value))
    if isinstance(value, (bytes, bytearray)):
        return Source(name or "（上传的文件）", data=bytes(value))
    return Source(name or getattr(value, "name", None) or "（上传的文件）", data=value.read())


def _too_large(size: int) -> str:
    return f"输入文件过大（{size // 1024 // 1024} MB，上限 {MAX_INPUT_BYTES // 1024 // 1024} MB）"


class _TextLoader(yaml.SafeLoader):
    """SafeLoader that resolves only null, true/false and decimal integers."""

    yaml_implicit_resolvers: dict = {}

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        seen: dict[Any, Any] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen[key] = True
        return super().construct_mapping(node, deep=deep)


_TextLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_TextLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_TextLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789"))


def decode_text(data: bytes, file: str | None = None) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030.

    Strict decoding in that order; GB18030 covers GBK files saved by Chinese Windows.
    """
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"文件以 UTF-8 标记开头，但内容不是有效的 UTF-8（第 {exc.start} 字节）",
                             Location(file=file)) from None
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[2:].decode(codec)
            except UnicodeDecodeError:
                raise InputError("文件标记为 UTF-16，但内容无法解码", Location(file=file)) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    _refuse_mixed_encodings(data, file)
    head = data[:4000]
    if len(head) >= 4 and head.count(b"\x00") > len(head) // 4:
        # UTF-16 without a BOM: NUL in every other byte for ASCII text.
        codec = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    # Only now guess: statistical detectors misjudge short files, so they come last.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError("无法识别文件编码（请另存为 UTF-8）", Location(file=file))
    return str(best)


def _refuse_mixed_encodings(data: bytes, file: str | None) -> None:
    """Some lines valid UTF-8 with Chinese in them, others not: two encodings in one file
    (rows pasted from different sources). Guessing would garble one half silently."""
    utf8 = broken = 0
    for line in data.split(b"\n")[:20000]:
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8 += 1
        except UnicodeDecodeError:
            broken += 1
    if utf8 >= 1 and broken >= 1 and utf8 >= 0.2 * (utf8 + broken):
        raise InputError(f"文件中混有两种编码（{utf8} 行是 UTF-8，{broken} 行不是），请统一另存为 UTF-8",
                         Location(file=file))


def decode_with(data: bytes, encoding: str, file: str | None = None) -> str:
    """Decode with an encoding the user named (--encoding)."""
    try:
        return data.decode(encoding)
    except LookupError:
        raise InputError(f"未知的编码名称「{encoding}」（如 utf-8、gbk、gb18030）",
                         Location(key_path="--encoding")) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"按 {encoding} 解码失败（第 {exc.start} 字节）", Location(file=file)) from None


def read_input_bytes(path: Path) -> bytes:
    """Read an input file, turning OS errors into Chinese messages."""
    name = str(path)
    if not path.exists():
        raise InputError("找不到输入文件", Location(file=name))
    if path.is_dir():
        raise InputError("输入路径是文件夹，不是文件", Location(file=name))
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(_too_large(size), Location(file=name))
        return path.read_bytes()
    except PermissionError:
        raise InputError("没有读取权限", Location(file=name)) from None
    except OSError as exc:
        raise InputError(f"无法读取：{exc.strerror or exc}", Location(file=name)) from None


def parse_yaml(text: str, file: str | None = None) -> Any:
    """Parse YAML text; syntax errors name the line and column."""
    return read_yaml(text, file).data


@dataclass
class Loaded:
    """A data file's contents, and notices of what was repaired to read it (each naming
    its lines)."""

    data: Any
    notices: list[Problem] = field(default_factory=list)


def read_yaml(text: str, file: str | None = None, *, spec: Spec | None = None,
              roster: bool = False, expected: str = "键值表") -> Loaded:
    """Parse YAML text as typed by hand: full-width colons and spaces, tabs (see
    :mod:`.typed`) are repaired first, line for line, and reported as notices. Errors name
    the original line and, where a line could not be read as 「键: 值」, say why.

    ``spec`` is the schema of the top-level mapping (of each item with ``roster``);
    ``expected`` names what the top level should be, for the message when it is text."""
    typed = normalise(text, spec, roster=roster)
    if typed.errors:
        problems = [Problem(message, Location(file=file, line=line))
                    for line, message in sorted(typed.errors.items())]
        raise InputError("无法读取数据文件", Location(file=file), problems)
    try:
        data = yaml.load(typed.text, Loader=_TextLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, typed, file) from None
    except yaml.YAMLError as exc:
        raise InputError(f"YAML 格式错误：{exc}", Location(file=file)) from None
    if data is not None and not isinstance(data, (dict, list)) and typed.suspects:
        line = min(typed.suspects)
        raise InputError(f"输入文件的顶层应为{expected}，实际为文本：{typed.suspects[line]}",
                         Location(file=file, line=line))
    notices = [Problem(f"第{line_list(lines)}行：{message}", Location(file=file))
               for message, lines in typed.notices()]
    return Loaded(data, notices)


def _syntax_error(exc: yaml.MarkedYAMLError, typed: Normalised, file: str | None) -> InputError:
    """A YAML error at the original line; at an earlier line that was not read as
    「键: 值」 when there is one (YAML reports such a line at the next one)."""
    mark = exc.problem_mark or exc.context_mark
    problem = _yaml_problem_chinese(exc.problem or exc.context or "")
    if mark is None:
        return InputError(f"YAML 格式错误，{problem}", Location(file=file))
    line = mark.line + 1
    column = typed.original_column(line, mark.column) + 1
    before = [n for n in typed.suspects if n <= line]
    if before:
        suspect = max(before)
        return InputError(f"{typed.suspects[suspect]}（YAML 在第{line}行报错：{problem}）",
                          Location(file=file, line=suspect))
    if typed.mixed and line in typed.repairs.get("tab", ()):
        problem += f"（本文件的缩进混用了 Tab 和空格，一个 Tab 按 {typed.tab} 个空格计算；请统一缩进）"
    return InputError(f"YAML 格式错误，第{column}列：{problem}", Location(file=file, line=line))


def _yaml_problem_chinese(problem: str) -> str:
    known = [
        ("duplicate key", "键重复"),
        ("mapping values are not allowed here", "此处不能出现「:」（是否缺少空格或缩进不对？）"),
        ("could not find expected ':'", "缺少「:」"),
        ("found character '\\t' that cannot start any token", "不能用 Tab 缩进，请用空格"),
        ("found undefined alias", "引用了未定义的锚点"),
        ("did not find expected key", "缩进不一致或缺少键"),
        ("did not find expected node content", "缺少内容"),
        ("found unexpected end of stream", "文件意外结束（引号或括号未闭合？）"),
        ("while scanning a quoted scalar", "引号未闭合"),
        ("expected <block end>", "缩进不一致"),
        ("expected ',' or '}', but got '['", "花括号 {…} 中的值含有 [ ] 等符号时，请给值加引号"),
        ("expected ',' or ']'", "方括号 […] 中的值含有符号时，请给值加引号"),
    ]
    for english, chinese in known:
        if english in problem:
            return f"{chinese}（{problem}）"
    return problem


def parse_json(text: str, file: str | None = None) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"JSON 格式错误，第{exc.colno}列：{exc.msg}",
                         Location(file=file, line=exc.lineno)) from None


def load_mapping(source: "Source | str | Path") -> Any:
    """Load one input file (.yaml/.yml/.json; other names are read as YAML).

    Returns the parsed data as is; the validate stage checks its shape. Notices of
    repairs are dropped: use :func:`load_document` to show them."""
    return load_document(source).data


def load_document(source: "Source | str | Path", *, spec: Spec | None = None,
                  roster: bool = False, expected: str = "键值表") -> Loaded:
    """Load one input file (.yaml/.yml/.json; other names are read as YAML), with notices
    of what was repaired in a typed YAML file (see :func:`read_yaml` for the options)."""
    source = as_source(source)
    if source.suffix in (".docx", ".doc", ".xlsx", ".xls", ".pdf", ".zip"):
        raise InputError("输入数据应为 YAML 或 JSON 文件", Location(file=source.name))
    text = decode_text(source.read(), source.name)
    if source.suffix == ".json":
        return Loaded(parse_json(text, source.name))
    loaded = read_yaml(text, source.name, spec=spec, roster=roster, expected=expected)
    if loaded.data is None:
        raise InputError("输入文件是空的", Location(file=source.name))
    return loaded


def dump_yaml(data: Any) -> str:
    """YAML text for the user to fill in: empty values left empty, Chinese as is."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False)
    return re.sub(r"(:|-) null$", r"\1", text, flags=re.M)
