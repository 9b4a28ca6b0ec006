"""Simplified ↔ traditional conversion of text. Owns opencc.

A :class:`ScriptConverter` converts many paragraphs in one OpenCC call and returns, for
each paragraph, *units*: pieces of the output, each tied to the span of input it came
from. A caller that must keep formatting (a Word paragraph split into runs) puts each
unit into the run where its input span starts, so a phrase split across runs converts as
the phrase (头|发 → 頭髮) and a phrase that changes length (内存 → 記憶體) lands whole in
the run where it starts.

Words that must not change (``keep``) and extra phrase pairs (``phrases``) are protected
by substitution around the conversion: each occurrence becomes a private-use character
that OpenCC passes through, and is put back afterwards.
"""

from __future__ import annotations

import bisect
import re
from importlib import resources
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping, Sequence

import opencc

from ..errors import InputError, Location
from .region import regional_text, vocabulary_phrases


@dataclass(frozen=True)
class Script:
    """An output script: its name on the command line, its Chinese name, the language its
    documents declare, and the OpenCC configs to and from simplified and traditional."""

    key: str
    name: str
    language: str
    fonts: str                # the font preset its documents use (script/docx.py)
    from_hans: str = ""
    to_hans: str = ""
    from_hant: str = ""
    to_hant: str = ""


SCRIPTS: dict[str, Script] = {s.key: s for s in (
    Script("hans", "简体", "zh-CN", "none"),
    Script("hant", "繁体", "zh-TW", "gbk", "s2t", "t2s"),
    Script("tw", "台湾", "zh-TW", "tw", "s2tw", "tw2s", "t2tw", "tw2t"),
    Script("twp", "台湾（词汇）", "zh-TW", "tw", "s2twp", "tw2sp", "t2tw", "tw2t"),
    Script("hk", "香港", "zh-HK", "hk", "s2hk", "hk2s", "t2hk", "hk2t"),
)}
# Every OpenCC config --config accepts, and the script its output is written in.
OPENCC_CONFIGS = {"s2t": "hant", "s2tw": "tw", "s2twp": "twp", "s2hk": "hk", "s2hkp": "hk",
                  "t2s": "hans", "tw2s": "hans", "tw2sp": "hans", "hk2s": "hans", "hk2sp": "hans",
                  "t2tw": "tw", "t2hk": "hk", "tw2t": "hant", "hk2t": "hant", "t2jp": "", "jp2t": "hant"}

_PRIVATE_USE = 0xF0000  # plane 15: characters no dictionary maps
_SEPARATOR = "\n"       # no OpenCC phrase crosses a line break


# Traditional text of unknown region is read as Hong Kong's: hk2s knows every region's
# glyphs (衞, 温, 裡, 臺), t2s misses Hong Kong's (衞 stays).
READ_TRADITIONAL = "hk"


@lru_cache(maxsize=1)
def corrections() -> dict[str, str]:
    """Phrases OpenCC reads wrongly (学生发展 → 學生髮展), with their right traditional form
    (corrections.txt); its regional steps keep them."""
    text = resources.files(__package__).joinpath("corrections.txt").read_text(encoding="utf-8")
    return dict(line.split("\t") for line in text.splitlines()
                if line.strip() and not line.startswith("#"))


def is_traditional(script: str) -> bool:
    """Whether a script writes traditional characters (every one but hans)."""
    return script != "hans"


def script_choices() -> str:
    """The scripts as a help text lists them: hans（简体）、hant（繁体）…"""
    return "、".join(f"{s.key}（{s.name}）" for s in SCRIPTS.values())


def check_script(name: str, option: str = "--to") -> str:
    """A script name, or a Chinese error naming the choices."""
    if name not in SCRIPTS:
        raise InputError(f"未知的文字「{name}」（可用：{script_choices()}）", Location(key_path=option))
    return name


@lru_cache(maxsize=None)
def _opencc(config: str) -> "opencc.OpenCC":
    return opencc.OpenCC(config)


def configs_for(source: str, target: str) -> tuple[str, ...]:
    """The OpenCC configs that take ``source`` to ``target`` (empty when they are equal);
    between two traditional scripts the text goes through hant."""
    check_script(source, "--from")
    check_script(target)
    if source == target:
        return ()
    if source == "hans":
        return (SCRIPTS[target].from_hans,)
    if target == "hans":
        return (SCRIPTS[source].to_hans,)
    steps = (SCRIPTS[source].to_hant, SCRIPTS[target].from_hant)
    return tuple(step for step in steps if step)


def to_simplified(text: str) -> str:
    """Traditional characters (any region's) in simplified form: 甲方學校 → 甲方学校."""
    return _opencc("t2s").convert(text)


@lru_cache(maxsize=4096)
def simplified_forms(text: str) -> tuple[str, ...]:
    """The simplified forms a short name written in traditional characters may stand for:
    character by character (甲方學校 → 甲方学校), with Hong Kong's variants (電腦枱數 →
    电脑台数) and with Taiwan's words (聯絡人 → 联系人, 型別 → 类型)."""
    return tuple(dict.fromkeys(_opencc(config).convert(text) for config in ("t2s", "hk2s", "tw2sp")))


def detect_script(text: str) -> str:
    """'hans' or 'hant': whichever the text has more characters of that the other script
    writes differently; 'hans' for text that is the same in both."""
    # (Lone surrogates, which OpenCC cannot encode, are left out: validation reports them.)
    sample = text[:20000].encode("utf-8", "ignore").decode("utf-8")

    def changed(config: str) -> int:
        converted = _opencc(config).convert(sample)
        if len(converted) != len(sample):
            return abs(len(converted) - len(sample)) + 1
        return sum(1 for a, b in zip(sample, converted) if a != b)

    to_hans = changed("t2s")
    if to_hans == 0:
        return "hans"  # nothing traditional: no need to load the large s2t dictionaries
    return "hant" if to_hans > changed("s2t") else "hans"


@dataclass(frozen=True)
class Unit:
    """A piece of converted output and the input span ``[start, end)`` it came from."""

    start: int
    end: int
    text: str


def check_config(name: str) -> str:
    if name not in OPENCC_CONFIGS:
        raise InputError(f"未知的 OpenCC 配置「{name}」（可用：{'、'.join(OPENCC_CONFIGS)}）",
                         Location(key_path="--config"))
    return name


def language_of_config(config: str) -> str:
    """The document language an OpenCC config's output is written in."""
    script = OPENCC_CONFIGS[config]
    return SCRIPTS[script].language if script else "ja-JP"


def fonts_of_script(script: str) -> str:
    """The font preset of a script's documents ("none" for simplified or Japanese)."""
    return SCRIPTS[script].fonts if script in SCRIPTS else "none"


@dataclass
class ScriptConverter:
    """Runs OpenCC ``configs`` in turn, keeping ``keep`` terms and applying ``phrases``
    (source text → exact output) before OpenCC sees the text. Build one with
    :meth:`between` (scripts) or directly with configs (any OpenCC config)."""

    configs: tuple[str, ...]
    keep: Sequence[str] = ()
    phrases: Mapping[str, str] = field(default_factory=dict)
    language: str = "zh-CN"
    script: str = "hans"      # the script written (its fonts and conventions)
    regional: bool = True     # apply the region's conventions (region.py); off for a bare config

    @classmethod
    def between(cls, source: str, target: str, keep: Sequence[str] = (),
                phrases: Mapping[str, str] | None = None) -> "ScriptConverter":
        # Regional vocabulary (twp) and corrections are written for simplified text.
        vocabulary = {**corrections(), **vocabulary_phrases(target)} if source == "hans" else {}
        return cls(configs_for(source, target), keep, {**vocabulary, **(phrases or {})},
                   SCRIPTS[target].language, target)

    def __post_init__(self) -> None:
        fixed = {term: term for term in self.keep if term}
        fixed.update({k: v for k, v in self.phrases.items() if k})
        # Longest first, so that a longer protected term wins over one inside it.
        self._fixed = dict(sorted(fixed.items(), key=lambda kv: -len(kv[0])))
        self._pattern = (re.compile("|".join(re.escape(t) for t in self._fixed))
                         if self._fixed else None)

    @property
    def is_identity(self) -> bool:
        return not self.configs and not any(k != v for k, v in self._fixed.items())

    def _convert(self, text: str) -> str:
        for config in self.configs:
            text = _opencc(config).convert(text)
        # On the masked text: kept words and names (private-use characters) stay as they are.
        return regional_text(text, self.script) if self.configs and self.regional else text

    def convert(self, text: str) -> str:
        """Plain text in, plain text out."""
        masked, spans = self._mask(text)
        converted = self._convert(masked) if self.configs else masked
        if not spans:
            return converted
        return re.sub("[\U000F0000-\U000FFFFD]",
                      lambda m: spans[ord(m.group(0)) - _PRIVATE_USE][2], converted)

    def units(self, paragraphs: Sequence[str],
              cuts: Sequence[Sequence[int]] | None = None) -> list[list[Unit]]:
        """Each paragraph's output as units tied to its input (see the module docstring).

        ``cuts`` gives, per paragraph, the input offsets where the caller needs to know
        which output belongs on which side (a Word paragraph's run boundaries). Where the
        conversion keeps the length, units are single characters; where it does not, units
        end at those cuts that fall between OpenCC's segments, and a cut inside a phrase
        moves back to where the phrase starts.
        """
        masked, spans = zip(*(self._mask(p) for p in paragraphs)) if paragraphs else ((), ())
        pieces = self._convert_all(masked)
        all_cuts = cuts if cuts is not None else [()] * len(paragraphs)
        return [self._align(p, out, s, c)
                for p, out, s, c in zip(paragraphs, pieces, spans, all_cuts)]

    def segments(self, paragraphs: Sequence[str],
                 cuts: Sequence[Sequence[int]]) -> list[list[str]]:
        """Each paragraph's output cut into one piece per input segment.

        ``cuts[i]`` are the offsets where paragraph i's segments (a Word paragraph's runs)
        start, after the first; piece k is what belongs in segment k. Output that keeps the
        input's length is sliced at the same offsets; otherwise each unit goes to the
        segment where its input starts.
        """
        masked, spans = zip(*(self._mask(p) for p in paragraphs)) if paragraphs else ((), ())
        pieces = self._convert_all(masked)
        result = []
        for text, out, protected, offsets in zip(paragraphs, pieces, spans, cuts):
            bounds = [0, *offsets, len(text)]
            if not protected and len(out) == len(text):
                result.append([out[a:b] for a, b in zip(bounds, bounds[1:])])
                continue
            parts: list[list[str]] = [[] for _ in range(len(bounds) - 1)]
            starts = bounds[:-1]
            for unit in self._align(text, out, protected, offsets):
                # Of several segments starting at the same offset, the last one (the
                # empty ones before it hold nothing) receives the unit.
                index = max(bisect.bisect_right(starts, unit.start) - 1, 0)
                parts[index].append(unit.text)
            result.append(["".join(p) for p in parts])
        return result

    def _convert_all(self, masked: Sequence[str]) -> list[str]:
        """Many texts in one OpenCC call, split again at the line breaks put between them."""
        joined = _SEPARATOR.join(masked)
        converted = self._convert(joined) if self.configs else joined
        pieces = converted.split(_SEPARATOR)
        if len(pieces) != len(masked):  # a text held a line break: go one by one
            pieces = [self._convert(m) if self.configs else m for m in masked]
        return pieces

    def _mask(self, text: str) -> tuple[str, list[tuple[int, int, str]]]:
        """Replace protected occurrences by private-use characters; remember them."""
        if self._pattern is None:
            return text, []
        spans: list[tuple[int, int, str]] = []
        out = []
        last = 0
        for m in self._pattern.finditer(text):
            out.append(text[last:m.start()])
            out.append(chr(_PRIVATE_USE + len(spans)))
            spans.append((m.start(), m.end(), self._fixed[m.group(0)]))
            last = m.end()
        out.append(text[last:])
        return "".join(out), spans

    def _align(self, original: str, converted: str, spans: list[tuple[int, int, str]],
               cuts: Sequence[int]) -> list[Unit]:
        units: list[Unit] = []
        # The stretches between protected spans; each converted stretch sits between the
        # same private-use characters in the output.
        out_parts = re.split("[\U000F0000-\U000FFFFD]", converted) if spans else [converted]
        in_start = 0
        for index, out_text in enumerate(out_parts):
            in_end = spans[index][0] if index < len(spans) else len(original)
            inner = [c - in_start for c in cuts if in_start < c < in_end]
            units.extend(self._stretch(original[in_start:in_end], out_text, in_start, inner))
            if index < len(spans):
                s, e, fixed = spans[index]
                units.append(Unit(s, e, fixed))
                in_start = e
        return units

    def _stretch(self, source: str, out: str, offset: int, cuts: list[int]) -> list[Unit]:
        """Units for one unprotected stretch."""
        if len(source) == len(out):
            return [Unit(offset + i, offset + i + 1, out[i]) for i in range(len(source))]
        units = []
        start, position = 0, 0  # input and output offsets of what is not yet in a unit

        def clean(k: int) -> str | None:
            """The output of source[start:k] if k falls between OpenCC's segments."""
            left = self._convert(source[start:k])
            if out.startswith(left, position) and \
                    self._convert(source[k:]) == out[position + len(left):]:
                return left
            return None

        def take(k: int, text: str) -> None:
            nonlocal start, position
            units.append(Unit(offset + start, offset + k, text))
            start, position = k, position + len(text)

        for cut in cuts:
            if cut <= start:
                continue  # inside a phrase already placed
            left = clean(cut)
            if left is not None:
                take(cut, left)
                continue
            # The cut falls inside a phrase: the phrase goes whole to the side where it starts.
            before = next((k for k in range(cut - 1, start, -1) if clean(k) is not None), start)
            if before > start:
                take(before, clean(before))  # type: ignore[arg-type]
            after = next((k for k in range(cut + 1, len(source)) if clean(k) is not None),
                         len(source))
            take(after, clean(after) if after < len(source) else out[position:])
        if start < len(source) or position < len(out):
            units.append(Unit(offset + start, offset + len(source), out[position:]))
        return units


def read_term_lines(path: str, data: bytes) -> list[tuple[int, str]]:
    """The lines of a word-list file (UTF-8, # comments): (line number, text)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("词表文件应为 UTF-8 编码（看起来是 GBK 等其他编码），请在记事本中“另存为”"
                         "UTF-8 后再用", Location(file=path)) from None
    return [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1)
            if line.strip() and not line.lstrip().startswith("#")]


def read_term_file(path: str, data: bytes) -> list[str]:
    """A --keep file: UTF-8 (with or without BOM), one term a line; # starts a comment."""
    return [line for _, line in read_term_lines(path, data)]


def read_phrase_file(path: str, data: bytes) -> dict[str, str]:
    """A --dict file: one pair a line, source and target separated by a tab, spaces or =."""
    pairs = {}
    for number, line in read_term_lines(path, data):
        parts = re.split(r"\s*=\s*|\t+|\s+", line, maxsplit=1)
        if len(parts) != 2 or not parts[0] or not parts[1]:
            raise InputError(f"词对格式应为「原词<Tab>目标词」，实际为 {line!r}",
                             Location(file=path, line=number))
        pairs[parts[0]] = parts[1]
    return pairs
