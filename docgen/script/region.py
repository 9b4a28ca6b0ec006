"""Regional conventions OpenCC leaves wrong, fixed on its output.

:func:`regional_text` takes OpenCC's output for a target script and returns it with the
same length (one character in, one out, at the same position), because callers align the
output to the input by position. :func:`vocabulary_phrases` gives Taiwan words s2twp
lacks, as phrase pairs for the masks applied before OpenCC.

Quotation marks
    Taiwan, Hong Kong and traditional text (tw, twp, hk, hant) quote with corner brackets:
    “ ” → 「 」 and ‘ ’ → 『 』 (the mainland's nesting, double outside and single
    inside, becomes 「『』」). A curly pair turns when its content or a character just
    outside it is Chinese, or when a converted pair encloses it; a pair in an English
    passage (He said “no”.) stays. ’ stays as an apostrophe between Latin letters or
    digits (don’t, O’Neil, rock’n’roll) and when no ‘ is open before it (students’,
    ’90s). Straight "…" turn into 「 」 (『 』 inside a 「」) only when every straight
    quote of the paragraph pairs cleanly (an even count, no opening mark after a Latin
    letter, digit or =, no closing mark before one: 15" screens, key="x" and English
    stay) and the pair holds a Chinese character. Straight '…' always stay: in Chinese
    documents they are apostrophes and foot marks far more often than quotes. A line
    break ends a paragraph: pairs never span one.
    Simplified text (hans, converted from traditional) quotes as the mainland does
    (GB/T 15834): 「 」 → “ ” and 『 』 → ‘ ’.

Common forms (traditional targets)
    For some characters OpenCC's s2t writes its own standard form, which neither Taiwan
    nor Hong Kong prints: 爲 (为), 僞 (伪), 衆 (众), 纔 (刚才), 覈 (审核, 考核),
    祕 (秘书), 喫 (吃), 脣, 竈, 糉, 癡, 踊 (踊跃), 棱 (棱长), 鉢, 鍼 (针灸), 皁 (皂),
    嬀, 潙, 潨, 蔿.
    :data:`COMMON_FORMS` maps each to the form s2tw and s2hk both write (為, 偽, 眾, 才,
    核…): exactly the characters on which OpenCC's Taiwan and Hong Kong variant tables
    agree. Where the two regions differ (裏/裡, 着/著, 羣/群, 峯/峰), hant keeps OpenCC's
    form; 綫/線 needs nothing (s2t already writes 線).

週 for "week"
    OpenCC writes 週 for 周 meaning "week" only in the phrases its dictionary lists (一周,
    两周, 每周, 周一, 周末, 周年 → 一週, 兩週, 每週, 週一, 週末, 週年) and leaves the
    rest: 九周, 4周, 第四周, 第十四周, 连续四周, 周测, 周计划, 读书周. Traditional output
    (all of tw, twp, hk, hant) gets 週 consistently; 周 becomes 週 when

    * a numeral comes before it (〇零一二兩三…九十百千萬幾數多半, digits), the numeral
      四 only with another numeral before it (十四周, 三四周): a bare 四周 is first of all
      "all around" (學校四周, 四周的環境, 四周圍, 環顧四周, 四周一片寂靜);
    * a bare 四周 has a word of duration before it (為期, 連續, 不少於, 至少, 每隔, 第,
      共, 約, 歷時, 持續, 近…; 前/後 only after a period or alone: 開學前四周, 後四周,
      not 屋後四周; a range 三到四周) or after it (內, 以內, 以上, 左右, 後, 前, 時間,
      的時間, 一次, 半, 歲, 期, or a range 四周到六周);
    * one of 每 隔 本 這 那 該 次 首 末 哪 整 單 雙 comes before it (該週, 次週, 首週);
    * a weekly word follows (週測, 週練, 週計劃, 週總結, 週課表, 週次, 週曆, 週例會…),
      unless 老 小 姓 叫 名 阿 before it make it a surname (小周練習);
    * it ends the name of a week of events (讀書週, 考試週, 安全教育週) and a
      punctuation mark or 的 活 期 開 啟 結 中 內… follows.

    Never before a character that makes another word (周邊 周圍 周到 周全 周密 周長
    周遊 周旋 周詳 周折 周遭 周而 周初 周朝…). 周年 stays 週年, as OpenCC writes it.
    Hong Kong documents often keep 周 (周年計劃, 每周), but OpenCC's s2hk writes 週
    like s2tw, and hk follows OpenCC. 週 is never turned back into 周.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

TRADITIONAL = frozenset({"hant", "tw", "twp", "hk"})
_SCRIPTS = TRADITIONAL | {"hans", ""}  # "" is OpenCC's Japanese configs: left alone

COMMON_FORMS: dict[str, str] = {
    "爲": "為", "僞": "偽", "衆": "眾", "纔": "才", "覈": "核", "祕": "秘", "喫": "吃",
    "脣": "唇", "竈": "灶", "糉": "粽", "癡": "痴", "踊": "踴", "棱": "稜", "鉢": "缽",
    "鍼": "針", "皁": "皂", "嬀": "媯", "潙": "溈", "潨": "潀", "蔿": "蒍",
}
_COMMON_TABLE = str.maketrans(COMMON_FORMS)
_TO_MAINLAND = str.maketrans({"「": "“", "」": "”", "『": "‘", "』": "’"})

_PHRASE_FILE = Path(__file__).with_name("twp_words.txt")


def regional_text(text: str, target: str) -> str:
    """OpenCC's output for ``target`` (hans, hant, tw, twp, hk) with the region's quotation
    marks, common character forms and 週 (see the module docstring); same length."""
    if target not in _SCRIPTS:
        raise ValueError(f"unknown script {target!r}")
    if target == "hans":
        return text.translate(_TO_MAINLAND)
    if target not in TRADITIONAL:
        return text
    # Common forms first, so the 週 rules read 為期 whichever form OpenCC wrote.
    chars = list(text.translate(_COMMON_TABLE))
    _weeks(chars)
    _corner_quotes(chars)
    return "".join(chars)


def vocabulary_phrases(target: str) -> dict[str, str]:
    """Simplified phrase → final Taiwan phrase that s2twp gets wrong, for ``twp`` (empty
    for every other script); read from twp_words.txt, whose comments say why."""
    if target not in _SCRIPTS:
        raise ValueError(f"unknown script {target!r}")
    return dict(_twp_pairs()) if target == "twp" else {}


@lru_cache(maxsize=1)
def _twp_pairs() -> tuple[tuple[str, str], ...]:
    pairs = []
    for number, raw in enumerate(_PHRASE_FILE.read_text("utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not all(p.strip() for p in parts):
            raise ValueError(f"{_PHRASE_FILE.name}:{number}: expected 'simplified<TAB>Taiwan'")
        pairs.append((parts[0].strip(), parts[1].strip()))
    return tuple(pairs)


# ----------------------------------------------------------------------------- 週

_NUMERALS = "〇零一二兩三四五六七八九十百千萬幾數多半0123456789０１２３４５６７８９"
# Numerals that make 四 part of a number (十四, 三四, 一百零四) rather than 四周 "around".
_BEFORE_FOUR = "〇零二三五六七八九十百0123456789０１２３４５６７８９"
_NUM = f"[{_NUMERALS}]"
_RANGE = "[到至或、～~\\-—－]"

# 周 followed by these is another word (周邊, 周到…); 到 before a numeral is a range.
_NOT_WEEK_AFTER = re.compile(
    f"(?:[邊圍全密長遊旋濟詳身正折延遍章備遭而緣初朝代王公易禮]|到(?!{_NUM}))")
_FOUR_BEFORE = re.compile(
    "(?:為期|為時|連續|不少於|不超過|不多於|不足|至少|最少|最多|多達|長達|每隔|隔|每|第|共|約"
    f"|歷時|持續|時長|需要|需|用時|花了|過了|用了|近|頭|首|{_NUM}{_RANGE})$")
# 前/後 before 四周 are "first/last" only after a period of time or alone (開學前四週,
# 後四週); after a place they are "in front/behind" (屋後四周都是竹林).
_FOUR_EDGE = re.compile("(?:^|[^\u3400-\u9fff]|學期|開學|放假|假期|寒假|暑假|考試|期中|期末|學年|最"
                        "|培訓|實習|活動|課程)[前後]$")
_FOUR_AFTER = re.compile(
    "(?:內(?![側部外牆])|之內|以內|以上|以下|左右|(?:之|以)?[後前](?![面方側邊])|時間|的時間"
    f"|一次|半|歲|期(?![盼待望])|{_RANGE}{_NUM})")
_PREFIXES = "每隔本這那該次首末哪整單雙"
_WEEKLY = re.compile("(?:測|練|計劃|計畫|總結|小結|課|次|曆|工作|安排|例會|作業|學時|反思|重點|目標"
                     "|檢查|評比)")
_SURNAME_BEFORE = "老小姓叫名阿"
_EVENTS = ("教學", "考試", "活動", "宣傳", "讀書", "閱讀", "科技", "藝術", "體育", "文化",
           "開放", "安全", "教育", "服務", "實習", "期中", "期末", "開學", "軍訓", "主題",
           "推廣", "健康", "衛生", "勞動", "環保", "節能", "體驗")
_EVENT_FOLLOWERS = "的活期開啟啓結中內裡裏系將已於暨"


def _weeks(chars: list[str]) -> None:
    """Turn 周 meaning "week" into 週, in place."""
    text = "".join(chars)
    for m in re.finditer("周", text):
        i = m.start()
        if _is_week(text, i):
            chars[i] = "週"


def _is_week(text: str, i: int) -> bool:
    after = text[i + 1:i + 4]
    if _NOT_WEEK_AFTER.match(after):
        return False
    prev = text[i - 1] if i else ""
    if prev == "四" and (i < 2 or text[i - 2] not in _BEFORE_FOUR):
        # A bare 四周 means "all around" unless a duration word sits on either side.
        before = text[max(0, i - 5):i - 1]
        if before.endswith("附近"):
            return False
        return bool(_FOUR_BEFORE.search(before) or _FOUR_EDGE.search(text[max(0, i - 4):i - 1])
                    or _FOUR_AFTER.match(after))
    if prev and prev in _NUMERALS + _PREFIXES:
        return True
    if _WEEKLY.match(after) and not (prev and prev in _SURNAME_BEFORE):
        return True
    if text[max(0, i - 2):i] in _EVENTS:
        nxt = text[i + 1] if i + 1 < len(text) else ""
        return not nxt or not _is_han(nxt) or nxt in _EVENT_FOLLOWERS
    return False


# ----------------------------------------------------------------------------- quotes

_OPEN = {"“": "d", "‘": "s"}
_CORNER = {"d": "「」", "s": "『』"}
_PARAGRAPH = re.compile("[^\n\r\u2028\u2029]+")
_QUOTE = re.compile('[“”‘’"]')


def _is_han(c: str) -> bool:
    """A Chinese character, or a private-use one (a masked word stands for Chinese)."""
    o = ord(c)
    return (0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF
            or 0xE000 <= o <= 0xF8FF or o >= 0xF0000)


def _is_chinese(c: str) -> bool:
    """Chinese text around a quote: a character, CJK or full-width punctuation."""
    o = ord(c)
    return _is_han(c) or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF


def _is_latin(c: str) -> bool:
    return c.isalnum() and not _is_han(c)


def _corner_quotes(chars: list[str]) -> None:
    """Curly and straight quotes → corner brackets, paragraph by paragraph, in place."""
    text = "".join(chars)
    for m in _PARAGRAPH.finditer(text):
        if _QUOTE.search(m.group()):  # most paragraphs quote nothing: skip them fast
            _curly(chars, m.start(), m.end())
            _straight(chars, m.start(), m.end())


def _curly(chars: list[str], lo: int, hi: int) -> None:
    def at(k: int) -> str:
        return chars[k] if lo <= k < hi else ""

    stack: list[tuple[int, str]] = []
    pairs: list[tuple[int, int, str]] = []
    singles: list[tuple[int, str]] = []

    def close(i: int, kind: str) -> None:
        for depth in range(len(stack) - 1, -1, -1):
            if stack[depth][1] == kind:
                singles.extend(stack[depth + 1:])  # opened inside, never closed
                pairs.append((stack[depth][0], i, kind))
                del stack[depth:]
                return
        singles.append((i, kind))

    for m in _QUOTE.finditer("".join(chars[lo:hi])):
        i = lo + m.start()
        c = chars[i]
        if c in _OPEN:
            stack.append((i, _OPEN[c]))
        elif c == "”":
            close(i, "d")
        elif c == "’":
            if _is_latin(at(i - 1)) and _is_latin(at(i + 1)):
                continue  # don’t, O’Neil
            if not any(kind == "s" for _, kind in stack):
                continue  # students’, ’90s
            close(i, "s")
    singles.extend(stack)

    converted: list[tuple[int, int]] = []

    def enclosed(i: int) -> bool:
        return any(o < i < c for o, c in converted)

    # Outer pairs first, so that a pair inside a converted one follows it.
    for o, c, kind in sorted(pairs):
        if (enclosed(o) or any(_is_chinese(ch) for ch in chars[o + 1:c])
                or _is_chinese(at(o - 1) or " ") or _is_chinese(at(c + 1) or " ")):
            chars[o], chars[c] = _CORNER[kind]
            converted.append((o, c))
    for i, kind in singles:
        if enclosed(i) or _is_chinese(at(i - 1) or " ") or _is_chinese(at(i + 1) or " "):
            chars[i] = _CORNER[kind][0 if chars[i] in _OPEN else 1]


def _straight(chars: list[str], lo: int, hi: int) -> None:
    marks = [i for i in range(lo, hi) if chars[i] == '"']
    if not marks or len(marks) % 2:
        return
    pairs = list(zip(marks[::2], marks[1::2]))

    def clean(o: int, c: int) -> bool:
        before = chars[o - 1] if o > lo else " "
        after = chars[c + 1] if c + 1 < hi else " "
        return (not (_is_latin(before) or before == "=") and not _is_latin(after)
                and not chars[o + 1].isspace() and not chars[c - 1].isspace())

    if not all(c > o + 1 and clean(o, c) for o, c in pairs):
        return  # inch marks, code or English: the pairing is not certain
    for o, c in pairs:
        if any(_is_han(ch) for ch in chars[o + 1:c]):
            depth = chars[lo:o].count("「") - chars[lo:o].count("」")
            chars[o], chars[c] = "『』" if depth > 0 else "「」"
