"""People's names in converted documents.

OpenCC converts a name as ordinary words, so a surname that is also a common word changes
(余秋雨 → 餘秋雨, 范 → 範, 于 → 於). The names come from the input (the fields the schema
declares as people's names); each becomes a fixed phrase for the conversion.
"""

from __future__ import annotations

from typing import Iterable

from .text import ScriptConverter

# Surnames that OpenCC turns into another character when converting to traditional:
# in people's names they must stay as they are.
SURNAMES_KEPT = frozenset("余范于沈")


def person_name_phrases(names: Iterable[str], target: str) -> dict[str, str]:
    """Exact outputs for people's names: converted, but a surname OpenCC would change
    (余, 范, 于, 沈) kept as written. Only needed when the target is traditional."""
    if target == "hans":
        return {}
    converter = ScriptConverter.between("hans", target)
    phrases = {}
    for name in names:
        name = name.strip()
        if not name or name[0] not in SURNAMES_KEPT:
            continue
        phrases[name] = name[0] + converter.convert(name[1:])
    return phrases
