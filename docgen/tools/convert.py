"""``docgen convert``: a .docx, .txt or .md file from one script to another."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

from ..errors import InputError, Location
from ..ooxml.safety import check_docx, refuse_old_word
from ..ooxml.text import plain_text
from ..pipeline.load import Source, decode_text
from ..pipeline.write import check_output, write_atomic
from ..script.docx import convert_docx, document_language, paragraphs_and_tables, parse_font_map
from ..script.proper import ProperNames, converter_with_names
from ..script.recognise import recognise
from ..script.text import (OPENCC_CONFIGS, ScriptConverter, check_config, check_script, detect_script,
                           language_of_config, script_choices)

SUFFIXES = (".docx", ".txt", ".md")


@dataclass
class ConvertResult:
    data: bytes
    output: Path | None
    source: str        # the script converted from (detected when not given), or the config
    target: str
    configs: tuple[str, ...]
    names: ProperNames = field(default_factory=ProperNames)  # converted as names


def convert_file(input: Source, output: Path | None = None, *, to: str | None = None,
                 source: str | None = None, config: str | None = None,
                 keep: Sequence[str] = (), phrases: Mapping[str, str] | None = None,
                 font_map: str | None = None, force: bool = False,
                 names: ProperNames | None = None) -> ConvertResult:
    """Convert one file; the output, if asked for, is written atomically or not at all.

    People and places are converted as names: those the document names after labels and
    under table headers (see :mod:`docgen.script.recognise`) and ``names`` (--names).
    """
    name, suffix = input.name, input.suffix
    refuse_old_word(name)
    if suffix not in SUFFIXES:
        raise InputError("只能转换 .docx、.txt 或 .md 文件", Location(file=name))
    if output is not None and output.suffix.lower() != suffix:
        raise InputError(f"输出文件应与输入同为 {suffix} 文件", Location(file=str(output)))
    data = input.read()
    if output is not None:
        check_output(output, force=force)
    is_docx = suffix == ".docx"
    if is_docx:
        check_docx(data, name)

    if config is not None:
        converter = ScriptConverter((check_config(config),), keep, phrases or {},
                                    language_of_config(config), OPENCC_CONFIGS[config],
                                    regional=False)  # exactly what the config does
        source_name, target_name = config, config
        found = ProperNames()
    else:
        if to is None:
            raise InputError(f"请用 --to 指定目标文字（{script_choices()}）", Location(key_path="--to"))
        check_script(to)
        if source is None:
            source = _detect(data, is_docx, name)
        else:
            check_script(source, "--from")
        found = _recognise(data, is_docx, name, source) | (names or ProperNames())
        converter = converter_with_names(source, to, found, keep=keep, phrases=phrases)
        source_name, target_name = source, to

    if is_docx:
        fonts = parse_font_map(font_map, converter.script)
        try:
            result = convert_docx(data, converter, fonts)
        except InputError as exc:
            raise InputError(exc.message, Location(file=name)) from None
    else:
        result = converter.convert(decode_text(data, name)).encode("utf-8")
    if output is not None:
        write_atomic(output, result, force=force)
    return ConvertResult(result, output, source_name, target_name, converter.configs, found)


def _recognise(data: bytes, is_docx: bool, name: str, source: str) -> ProperNames:
    """The names the document itself gives (after labels, in 姓名 and 校名 columns)."""
    if is_docx:
        paragraphs, tables = paragraphs_and_tables(data)
    else:
        lines = decode_text(data, name).splitlines()
        paragraphs = lines
        # A Markdown table: its rows are lines of cells between | marks.
        tables = [[[cell.strip() for cell in line.strip().strip("|").split("|")]
                   for line in lines if line.strip().startswith("|")]]
    found = recognise(paragraphs, tables, source)
    # The paragraphs are searched for place names when the converter is built; keep the
    # texts only once (a long document is many paragraphs).
    return ProperNames(found.people, found.places, ("\n".join(found.texts),))


def _detect(data: bytes, is_docx: bool, name: str) -> str:
    if not is_docx:
        return detect_script(decode_text(data, name))
    try:
        text = plain_text(data)
    except InputError as exc:
        raise InputError(exc.message, Location(file=name)) from None
    found = detect_script(text)
    if found == "hant":
        # The language the document declares tells Taiwan and Hong Kong usage apart.
        return {"zh-TW": "tw", "zh-HK": "hk"}.get(document_language(data) or "", "hant")
    return found
