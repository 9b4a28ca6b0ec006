"""Data typed in traditional characters, read into simplified ones.

Templates are written in simplified characters; a pairing file or roster typed in
traditional characters (copied from a Hong Kong or Taiwan sample, or typed with a
traditional input method) would otherwise give a document in two scripts. Its text is
converted to simplified when read, people and places as names (後立新 → 后立新, a town
乾元 stays 乾元, not 干元), and a warning says so. ``--script`` then writes the document
in whichever script is wanted.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from ..errors import Location, Problem
from ..kinds import PAIRING_SPEC
from ..pairing.schema import Spec, map_texts, texts_by_proper
from ..script.proper import ProperNames, converter_with_names
from ..script.text import READ_TRADITIONAL, detect_script

# Lists that say how to write the output (不转换的词, 人名地名 with their forms) stay as typed.
_AS_WRITTEN = ("keep", "proper_names")


def in_simplified(value: Any, typed: Any, spec: Spec = PAIRING_SPEC, *, file: str | None = None,
                  path: str = "") -> tuple[Any, list[Problem]]:
    """``value`` (a model object) with its text in simplified characters, and a warning
    when anything was converted; unchanged when ``typed`` (the data as read, before
    defaults were added) is written in simplified characters."""
    if detect_script("\n".join(_strings(typed))) != "hant":
        return value, []
    names = ProperNames.by_kind(texts_by_proper(spec, value))
    converter = converter_with_names(READ_TRADITIONAL, "hans", names)
    converted = map_texts(spec, value, lambda field, text:
                          text if field.key in _AS_WRITTEN else converter.convert(text))
    warning = Problem("数据是繁体字，已转为简体写入文档（人名、地名按名字的写法转换）；"
                      "要输出繁体文档请用 --script", Location(file=file, key_path=path or None))
    return converted, [warning]


def _strings(data: Any) -> Iterator[str]:
    """Every string of data as read (keys too: they are typed in the same script)."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, Mapping):
        for key, item in data.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(data, (list, tuple)):
        for item in data:
            yield from _strings(item)
