"""Chinese numerals as the documents write them.

Counts (一式四份, 三年) use cn2an. Years in the older date style are written digit by digit
with 〇 for zero (二〇二五年), the form official documents use; cn2an writes 零 there.
"""

from __future__ import annotations

import functools

import cn2an

_DIGITS = "〇一二三四五六七八九"


@functools.lru_cache(maxsize=4096)
def chinese_count(n: int) -> str:
    """A non-negative integer as a Chinese count: 4 → 四, 10 → 十, 12 → 十二."""
    if n < 0:
        raise ValueError(f"negative count: {n}")
    return cn2an.an2cn(n, "low")


def chinese_digits(n: int) -> str:
    """An integer written digit by digit: 2025 → 二〇二五 (used for years)."""
    return "".join(_DIGITS[int(c)] for c in str(n))


_VALUE = {c: i for i, c in enumerate(_DIGITS)} | {"零": 0, "○": 0, "O": 0, "两": 2}


def parse_chinese_number(text: str) -> int | None:
    """Parse 二〇二五 / 九 / 十 / 十二 / 二十一 / 三十; None when it is not such a number."""
    if not text:
        return None
    if all(c in _VALUE for c in text):
        if len(text) == 1:
            return _VALUE[text]
        return int("".join(str(_VALUE[c]) for c in text))
    if text.count("十") == 1:
        tens, _, units = text.partition("十")
        if (tens and tens not in _VALUE) or (units and units not in _VALUE):
            return None
        return (_VALUE[tens] if tens else 1) * 10 + (_VALUE[units] if units else 0)
    return None
