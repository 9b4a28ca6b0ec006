"""``docgen convert``: a .docx, .txt or .md file from one script to another."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

from .errors import InputError, Location
from .loaders import decode_text, read_input_bytes
from .output import check_output, write_atomic
from .safety import check_package
from .script import (ScriptConverter, check_config, check_script, detect_script,
                     language_of_config)
from .scriptdoc import convert_docx, document_language, document_plain_text, parse_font_map

SUFFIXES = (".docx", ".txt", ".md")


@dataclass
class ConvertResult:
    output: Path
    source: str        # the script converted from (detected when not given), or the config
    target: str
    configs: tuple[str, ...]


def convert_file(input: str | Path, output: str | Path, *, to: str | None = None,
                 source: str | None = None, config: str | None = None,
                 keep: Sequence[str] = (), phrases: Mapping[str, str] | None = None,
                 font_map: str | None = None, force: bool = False) -> ConvertResult:
    """Convert one file; the output is written atomically, or not at all."""
    path, out = Path(input), Path(output)
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise InputError("这是旧版 Word（.doc）文件，请在 Word 中“另存为” .docx 后再转换",
                         Location(file=str(path)))
    if suffix not in SUFFIXES:
        raise InputError("只能转换 .docx、.txt 或 .md 文件", Location(file=str(path)))
    if out.suffix.lower() != suffix:
        raise InputError(f"输出文件应与输入同为 {suffix} 文件", Location(file=str(out)))
    data = read_input_bytes(path)
    check_output(out, force=force)
    is_docx = suffix == ".docx"
    if is_docx and not zipfile.is_zipfile(path):
        raise InputError("不是有效的 Word（.docx）文件（文件已损坏，或实为其他格式）",
                         Location(file=str(path)))
    if is_docx:
        check_package(data, name=str(path))

    if config is not None:
        converter = ScriptConverter((check_config(config),), keep, phrases or {},
                                    language_of_config(config))
        source_name, target_name = config, config
    else:
        if to is None:
            raise InputError("请用 --to 指定目标文字（hans、hant、tw、twp、hk）", Location(key_path="--to"))
        check_script(to)
        if source is None:
            source = _detect(data, is_docx, path)
        else:
            check_script(source, "--from")
        converter = ScriptConverter.between(source, to, keep, phrases)
        source_name, target_name = source, to

    if is_docx:
        fonts = parse_font_map(font_map, converter.language)
        try:
            result = convert_docx(data, converter, fonts)
        except InputError as exc:
            raise InputError(exc.message, Location(file=str(path))) from None
    else:
        text = decode_text(data, str(path))
        result = converter.convert(text).encode("utf-8")
    write_atomic(out, result, force=force)
    return ConvertResult(out, source_name, target_name, converter.configs)


def _detect(data: bytes, is_docx: bool, path: Path) -> str:
    if not is_docx:
        return detect_script(decode_text(data, str(path)))
    try:
        text = document_plain_text(data)
    except (KeyError, zipfile.BadZipFile, ValueError) as exc:
        raise InputError(f"不是有效的 Word（.docx）文件：{exc}", Location(file=str(path))) from None
    found = detect_script(text)
    if found == "hant":
        # The language the document declares tells Taiwan and Hong Kong usage apart.
        return {"zh-TW": "tw", "zh-HK": "hk"}.get(document_language(data) or "", "hant")
    return found
