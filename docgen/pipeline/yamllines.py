"""One line of YAML read without parsing it: how wide its indentation is, where the colon
ending its key is (ASCII or full-width), where its quotes and flow brackets close. What
:mod:`.typed` needs to repair typed files line by line."""

from __future__ import annotations

import re

IDEO_SPACE = "\u3000"  # the full-width space
WHITE = " \t" + IDEO_SPACE
MAX_KEY = 20  # a field's name is a word or two; longer text before a colon is a sentence
BLOCK = re.compile(r"[|>][-+0-9]*(?:[ \t]+#.*)?[ \t]*$")  # a block scalar's header
_NOT_KEY_START = set("-?:,[]{}#&*!|>'\"%@`") | set(WHITE)
_NOT_IN_KEY = set("，。；！？、“”‘’《》…\t:")


def column_after(prefix: str, col: int, tab: int, ideo: int = 2) -> int:
    """The column after ``prefix`` written from column ``col`` (tabs to the next stop)."""
    for ch in prefix:
        if ch == "\t":
            col = (col // tab + 1) * tab
        else:
            col += ideo if ch == IDEO_SPACE else 1
    return col


def leading_space(text: str) -> str:
    return text[: len(text) - len(text.lstrip(WHITE))]


def looks_like_key(key: str) -> bool:
    key = key.rstrip(WHITE)
    return (0 < len(key) <= MAX_KEY and key[0] not in _NOT_KEY_START
            and not any(ch in _NOT_IN_KEY for ch in key))


def find_separator(body: str) -> tuple[int, str] | None:
    """(index, kind) of the first colon of a plain line: 'ascii' (a YAML key separator),
    'colon' (full-width), 'space' (':' then a full-width space), 'no_space'."""
    if not body or body[0] in "\"'[{#&*!|>%@`":
        return None
    for i, ch in enumerate(body):
        if ch == "#" and i and body[i - 1] in " \t":
            return None  # a comment begins before any colon
        if ch == "：":
            return i, "colon"
        if ch == ":":
            after = body[i + 1: i + 2]
            if after in ("", " ", "\t"):
                return i, "ascii"
            return i, "space" if after == IDEO_SPACE else "no_space"
    return None


def ascii_separator(body: str) -> int | None:
    """The index of a YAML key separator (': ' or ':' at the end) in a plain line."""
    match = re.search(r":(?=[ \t]|$)", body)
    if match is None or "#" in body[: match.start()] and re.search(r"[ \t]#", body[: match.start()]):
        return None
    return match.start()


def closing_quote(text: str, quote: str, start: int) -> int:
    """The index after the closing quote of a quoted scalar opened before ``start``; -1
    if it does not close on this text."""
    i = start
    while i < len(text):
        ch = text[i]
        if quote == '"' and ch == "\\":
            i += 2
            continue
        if ch == quote:
            if quote == "'" and text[i + 1: i + 2] == "'":
                i += 2
                continue
            return i + 1
        i += 1
    return -1


def flow_depth(text: str, depth: int = 0) -> tuple[int, str | None]:
    """Bracket depth after ``text`` inside a flow collection, and an open quote if any."""
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "\"'":
            end = closing_quote(text, ch, i + 1)
            if end < 0:
                return depth, ch
            i = end
            continue
        if ch == "#" and (i == 0 or text[i - 1] in " \t"):
            break
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        i += 1
    return depth, None


def quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") + '"'


def is_dash(body: str, typed: bool = True) -> bool:
    """Whether a line's content is a list item: '- ', or (``typed``, at the start of a
    line, where YAML could read nothing else) '-' and a tab or a full-width space."""
    return body[:1] == "-" and body[1:2] in (("", " ", "\t", IDEO_SPACE) if typed else ("", " "))


def is_scalar_start(body: str) -> bool:
    return body[:1] in "\"'[{|>&*!%" or body.startswith("---") or body.startswith("...")
