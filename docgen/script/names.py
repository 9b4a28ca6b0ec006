"""People's names in another script.

OpenCC converts a name as ordinary words, so a surname that is also a word changes
(干志明 → 幹志明, 余秋雨 → 餘秋雨, 钟 → 鐘 in 钟声). Here a name is read as surname + given
name: the surname is written as the surname table says (``surnames.txt``: 干 stays 干, 钟 is
鍾), the given name converts as ordinary text (干建军 → 干建軍). The same table recognises a
name: a short run of Han characters starting with a known surname.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .text import ScriptConverter

_HAN = re.compile(r"^[\u3400-\u9fff\U00020000-\U0003134f]+$")
# Given-name characters a traditional → simplified conversion must not merge: 乾 in a name
# is qián (乾隆, 张乾), not the 乾 (dry) that simplifies to 干; 昇 is kept for names.
_GIVEN_KEPT_TO_HANS = ("乾", "昇")
# Given-name characters whose traditional form in names is not the word's: 冲 is 沖 (陈冲,
# 林沖), not 衝; 里 the 里 of 万里; 游 and 郁 stay (陆游, 王郁), not 遊/鬱; 发 is 發, even
# where the name reads as a word (秀发 → 秀發, not 秀髮). The given name is still converted
# as a word first, so that 远征, 北斗 and 采薇 keep their word forms.
_GIVEN_TO_HANT = {"冲": "沖", "里": "里", "游": "游", "郁": "郁", "发": "發"}
# The regional glyphs of a traditional form (溫 → 温, 衛 → 衞 in Hong Kong).
_REGIONAL_VARIANTS = {"hk": "t2hk", "tw": "t2tw", "twp": "t2tw"}


@dataclass(frozen=True)
class Surnames:
    """The surname table, read once: simplified → traditional, and back."""

    to_traditional: dict[str, str]
    to_simplified: dict[str, str]

    @property
    def longest(self) -> int:
        return max(map(len, self.to_traditional))


@lru_cache(maxsize=1)
def surnames() -> Surnames:
    text = resources.files(__package__).joinpath("surnames.txt").read_text(encoding="utf-8")
    forward: dict[str, str] = {}
    back: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        simplified, traditional = line.split()
        forward[simplified] = traditional
        back.setdefault(traditional, simplified)
    return Surnames(forward, back)


def split_name(name: str) -> tuple[str, str] | None:
    """(surname, given name) when ``name`` starts with a known surname, in either script
    (compound surnames first: 欧阳 before 欧); None otherwise."""
    table = surnames()
    for size in range(min(table.longest, len(name) - 1), 0, -1):
        head = name[:size]
        if head in table.to_traditional or head in table.to_simplified:
            return head, name[size:]
    return None


def looks_like_person(text: str) -> bool:
    """Whether ``text`` reads as a Han person's name: 2–4 Han characters starting with a
    known surname (a given name of one or two characters)."""
    if not 2 <= len(text) <= 4 or not _HAN.match(text):
        return False
    parts = split_name(text)
    return parts is not None and 1 <= len(parts[1]) <= 2


@lru_cache(maxsize=16384)
def person_form(name: str, source: str, target: str) -> str:
    """How ``name`` is written in ``target``: surname from the table, given name converted.

    A name that does not start with a known surname (or is not all Han characters, as
    阿卜杜拉·买买提) converts as ordinary text.
    """
    converter = ScriptConverter.between(source, target)
    parts = split_name(name) if _HAN.match(name) else None
    if parts is None:
        return converter.convert(name)
    surname, given = parts
    table = surnames()
    if target == "hans":
        surname = table.to_simplified.get(surname, surname if surname in table.to_traditional
                                          else converter.convert(surname))
        given = ScriptConverter.between(source, target, keep=_GIVEN_KEPT_TO_HANS).convert(given)
        return surname + given
    if surname in table.to_traditional:
        surname = table.to_traditional[surname]
        if target in _REGIONAL_VARIANTS and len(surname) == 1:  # a glyph, not 澹臺's 臺
            surname = ScriptConverter((_REGIONAL_VARIANTS[target],)).convert(surname)
    elif source == "hans":
        surname = converter.convert(surname)
    converted = converter.convert(given)
    if source == "hans" and len(converted) == len(given):
        converted = "".join(_GIVEN_TO_HANT.get(c, t) for c, t in zip(given, converted))
    return surname + converted
