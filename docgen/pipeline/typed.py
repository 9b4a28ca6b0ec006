"""Data files as office staff type them, made YAML before parsing.

Word, Notepad and WPS in a Chinese input mode give ``编号：HX-2026-031`` (a full-width
colon), ``名称:　李明`` (a full-width space after the colon), indentation with tabs or with
full-width spaces, and ``编号:HX`` (no space after the colon). YAML reads the first as text
and refuses the others, often pointing at a later line. :func:`normalise` rewrites such
lines into the YAML the writer meant, one line for one line so that every line keeps its
number, and records what it repaired (for notices) and which lines it could not read as
``键: 值`` (to explain an error at the line that caused it).

What is repaired, only where YAML expects a key (never in a value, a quoted string, a
block scalar ``|``/``>``, a flow collection ``[…]`` or a comment):

* the first colon of a line whose text before it looks like a key (a short name, no
  sentence punctuation), when it is full-width (``：``) or followed by a full-width space;
  ``key:value`` only when ``key`` is a field the schema knows at that place (``http://…``
  and ``10:30`` are not keys); ``{名称：县一中，代表：张三}`` when each key is a field;
* tabs and full-width spaces in indentation, and tabs between tokens. A tab is one
  indentation level: it advances to the next multiple of the width of one level of the
  file's other indentation (the most common step after a line ending with a colon; 2
  when every line is indented with tabs), so a file indented with tabs only, or with tabs
  on some lines and spaces on others, keeps the levels its writer saw. A full-width space
  in indentation counts two columns, as on screen. A list item's keys line up with the
  key on the line below it (``-`` then a tab, a full-width space or a few spaces is one
  level to its writer, whatever its width).

A line that is already valid YAML is left as it is, byte for byte, with two exceptions a
pairing never has: a key beginning with a full-width space (read as indentation), and a
plain value going on over a line that begins with a field's name and a colon (read as
that field, indented too far). Values keep their content: where a converted line's value
holds what YAML would read differently (a tab, a ``: `` inside), it is written as a
quoted string of the same text.

Where the schema is given, a line under a field whose value is text (标题, 其它条款 …) is
a value and never becomes a key, and a list item ``- 甲方：负责…`` under a text list stays
text; items of a list of records (活动记录) are mappings, whose group fields may be
written flat (图书). Without a schema (a user's own template data), a list item becomes
a mapping only when the line below it is a key too.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..pairing.schema import Spec
from .keys import clean_name, find_child, flat_names, lookup
from .yamllines import (BLOCK, IDEO_SPACE, MAX_KEY, WHITE, ascii_separator, closing_quote,
                        column_after, find_separator, flow_depth, is_dash, is_scalar_start,
                        leading_space, looks_like_key, quoted)

LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks, as PyYAML counts lines

# Kinds of repair → what the notice says (each notice lists its lines).
REPAIRS = {
    "colon": "全角冒号「：」已按半角冒号「:」读取",
    "space": "冒号后的全角空格「　」已按空格读取",
    "no_space": "冒号「:」后缺少空格，已按「键: 值」读取",
    "dash": "「-」后的全角空格「　」已按空格读取",
    "tab": "Tab 已按空格读取，一个 Tab 为一级缩进（{tab} 个空格）",
    "ideo_indent": "缩进中的全角空格「　」已按两个空格读取",
}


@dataclass(frozen=True)
class _Want:
    """What a place in the file holds: 'map' (the fields of ``spec``, or any keys when
    ``spec`` is None), 'records' (a list of such mappings, or one), 'texts' (a list of
    text), 'value' (a scalar) or 'any' (unknown: keys are recognised by their look)."""

    kind: str
    spec: Spec | None = None


ANY = _Want("any")


@dataclass
class _Frame:
    indent: int
    want: _Want
    seq: bool


@dataclass
class Normalised:
    """The YAML text (as many lines as the input), what was repaired, and why lines that
    YAML may refuse or read as text were not read as ``键: 值``."""

    text: str
    repairs: dict[str, list[int]] = field(default_factory=dict)
    suspects: dict[int, str] = field(default_factory=dict)
    errors: dict[int, str] = field(default_factory=dict)
    tab: int = 2
    mixed: bool = False
    pieces: dict[int, list[tuple[int, int]]] = field(default_factory=dict)

    def notices(self) -> list[tuple[str, list[int]]]:
        """(message, lines) of each kind of repair made."""
        out = []
        for kind, lines in self.repairs.items():
            message = REPAIRS[kind].format(tab=self.tab)
            if kind == "tab" and self.mixed:
                message += "；本文件的缩进混用了 Tab 和空格"
            out.append((message, sorted(set(lines))))
        return out

    def original_column(self, line: int, column: int) -> int:
        """The 0-based column in the original line of a column of the normalised one."""
        pieces = self.pieces.get(line)
        if not pieces:
            return column
        new, old = max((p for p in pieces if p[0] <= column), default=(0, 0))
        return old + (column - new)


def line_list(lines: list[int]) -> str:
    """第1—3、7行 as the text between 第 and 行."""
    runs: list[list[int]] = []
    for n in sorted(set(lines)):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return "、".join(str(a) if a == b else f"{a}—{b}" for a, b in runs)


class _Normaliser:
    def __init__(self, text: str, spec: Spec | None, roster: bool) -> None:
        self.lines = LINE_BREAK.split(text)
        self.breaks = LINE_BREAK.findall(text)
        self.out = list(self.lines)
        self.result = Normalised("")
        self.root = _Want("map", spec) if spec is not None else ANY
        self.roster_spec = spec if roster else None
        self.tab = self.result.tab = self._tab_width()
        self.stack: list[_Frame] = []
        self.opener: tuple[int, _Want] | None = None  # a key whose value is on the next lines
        self.plain: int | None = None   # a plain value's continuation lines are indented more
        self.plain_text = False         # … and are text whatever they hold (the schema says)
        self.block: int | None = None   # a block scalar's lines are indented more than this
        self.block_indent: int | None = None
        self.quote: str | None = None   # an open quoted scalar
        self.flow = 0                   # depth of an open flow collection

    def _tab_width(self) -> int:
        """One level of the file's indentation with spaces (full-width ones count two): the
        most common step after a line that opens a block (ends with a colon); 2 when no
        line is indented with spaces."""
        steps: Counter[int] = Counter()
        previous: tuple[str, str] | None = None
        space_lines = tab_lines = 0
        for line in self.lines:
            body = line.lstrip(WHITE)
            if not body or body.startswith("#"):
                continue
            lead = leading_space(line)
            if "\t" in lead:
                tab_lines += 1
            elif lead:
                space_lines += 1
            if previous and "\t" not in lead + previous[1]:
                step = column_after(lead, 0, 1) - column_after(previous[1], 0, 1)
                opened = re.sub(r"[ \t]+#.*$", "", previous[0]).rstrip(WHITE)[-1:] in (":", "：")
                if step > 0 and opened:
                    steps[step] += 1
            previous = (body, lead)
        self.result.mixed = bool(tab_lines and space_lines)
        return steps.most_common(1)[0][0] if steps else 2

    # ------------------------------------------------------------------ output

    def repair(self, kind: str, number: int) -> None:
        self.result.repairs.setdefault(kind, []).append(number)

    def set_line(self, number: int, pieces: list[tuple[str, int]]) -> None:
        """The normalised line from (text, its column in the original line) pieces."""
        text, mapping, col = "", [], 0
        for piece, old in pieces:
            mapping.append((col, old))
            text += piece
            col += len(piece)
        if text != self.lines[number - 1]:
            self.out[number - 1] = text
            self.result.pieces[number] = mapping

    def run(self) -> Normalised:
        for index, line in enumerate(self.lines):
            self.line(index, line)
        self.result.text = "".join(line + brk for line, brk in zip(self.out, self.breaks + [""]))
        return self.result

    # ------------------------------------------------------------------ one line

    def line(self, index: int, line: str) -> None:
        number = index + 1
        lead = leading_space(line)
        body = line[len(lead):]
        if self.quote is not None:  # inside a quoted scalar: text, tabs included
            end = closing_quote(line, self.quote, 0)
            if end >= 0:
                self.quote = None
                if self.flow:
                    self.continue_flow(number, line, end)
            return
        if self.flow:
            self.continue_flow(number, line, 0)
            return
        if self.block is not None:
            ascii_lead = re.match(r"[ \t]*", line).group()
            if not body or column_after(ascii_lead, 0, self.tab) > self.block:
                self.block_line(number, line, ascii_lead, bool(body))
                return
            self.block = self.block_indent = None
        if not body or body.startswith("#"):
            if set(lead) - {" "}:  # whitespace YAML refuses before a comment or on an empty line
                self.set_line(number, [(" " * column_after(lead, 0, self.tab) if body else "", 0),
                                       (body, len(lead))])
            return
        self.structural(index, number, line, lead, body)

    def continue_flow(self, number: int, line: str, start: int) -> None:
        depth, quote = flow_depth(line[start:], self.flow)
        self.flow, self.quote = max(depth, 0), quote
        lead = leading_space(line)
        if start == 0 and "\t" in lead:  # no token may start with a tab, in a flow too
            self.repair("tab", number)
            self.set_line(number, [(lead.replace("\t", " "), 0), (line[len(lead):], len(lead))])

    def block_line(self, number: int, line: str, ascii_lead: str, has_text: bool) -> None:
        """A line of a block scalar: only tabs within the block's indentation (which YAML
        refuses) become spaces; its text, full-width spaces and later tabs included, stays."""
        if self.block_indent is None and has_text:
            self.block_indent = column_after(ascii_lead, 0, self.tab)
        limit = self.block_indent if self.block_indent is not None else column_after(ascii_lead, 0, self.tab)
        col = i = 0
        while i < len(ascii_lead) and col < limit:
            col = column_after(ascii_lead[i], col, self.tab)
            i += 1
        if "\t" in ascii_lead[:i]:
            self.repair("tab", number)
            self.set_line(number, [(" " * col, 0), (line[i:], i)])

    def structural(self, index: int, number: int, line: str, lead: str, body: str) -> None:
        spaces_only = set(lead) <= {" "}
        width = column_after(lead, 0, self.tab)
        if self.plain is not None and width > self.plain and not self.names_field(body) and (
                spaces_only or self.plain_text or not (is_dash(body) or find_separator(body))):
            if not spaces_only:  # a continuation typed with tabs: YAML folds the indentation
                self.indent_of(lead, number)
                self.set_line(number, [(" " * width, 0), (body, len(lead))])
            return
        self.plain, self.plain_text = None, False
        indent = self.indent_of(lead, number)
        dash = is_dash(body)
        while self.stack and (self.stack[-1].indent > indent or (
                self.stack[-1].indent == indent and self.stack[-1].seq and not dash)):
            self.stack.pop()
        frame = self.stack[-1] if self.stack and self.stack[-1].indent == indent else None
        if self.opener is not None:
            opened_at, want = self.opener
            self.opener = None
            if indent > opened_at or (indent == opened_at and dash):
                frame = self.push(indent, want, dash)
        if frame is None and not self.stack:
            root = self.root
            if self.roster_spec is not None:
                root = _Want("records", self.roster_spec) if dash else ANY
            frame = self.push(indent, root, dash)
        pieces = [(" " * indent, 0)]
        if frame is None:  # indented more than its place allows: YAML will say so
            self.node(index, number, line, len(lead), indent, ANY, pieces)
        elif dash:
            self.item(index, number, line, len(lead), indent, frame.want, pieces)
        else:
            self.node(index, number, line, len(lead), indent, frame.want, pieces)
        self.set_line(number, pieces)

    def names_field(self, body: str) -> bool:
        """Whether a line begins with a field of the mapping being read and a colon: a key
        indented too far rather than more of the value above it (which YAML would take)."""
        frame = self.stack[-1] if self.stack else None
        found = find_separator(body)
        return (found is not None and frame is not None and frame.want.spec is not None
                and frame.want.kind == "map"
                and _field(frame.want.spec, body[: found[0]].strip(WHITE)) is not None)

    def indent_of(self, lead: str, number: int) -> int:
        if "\t" in lead:
            self.repair("tab", number)
        if IDEO_SPACE in lead:
            self.repair("ideo_indent", number)
        return column_after(lead, 0, self.tab)

    def push(self, indent: int, want: _Want, seq: bool) -> _Frame:
        if not seq and want.kind == "records":
            want = _Want("map", want.spec)  # one record written alone
        elif seq and want.kind not in ("records", "texts"):
            want = _Want("texts") if want.kind == "value" else ANY
        frame = _Frame(indent, want, seq)
        self.stack.append(frame)
        return frame

    def aligned(self, index: int, col: int, content: int, rest: str, want: _Want,
                typed: bool) -> int:
        """The column of a list item's content: that of the next line when it is a key
        deeper than the '-' and the item's first key has a one-line value (so the next key
        is its sibling, which YAML would refuse or take as more of that value): a writer
        sees '-' and a tab, a full-width space or a few spaces as one level on screen,
        whatever their width. ``typed``: the item is written with tabs or full-width
        spaces (else only a next key YAML would refuse counts)."""
        found = _separator(rest, want) if not is_dash(rest, typed=False) else None
        value = rest[found[0] + 1:].strip(WHITE) if found else ""
        typed = typed or bool(found and found[1] != "ascii")
        if not value or value[0] in "#|>\"'[{&*!":
            return content
        for line in self.lines[index + 1:]:
            body = line.lstrip(WHITE)
            if not body or body.startswith("#"):
                continue
            width = column_after(leading_space(line), 0, self.tab)
            key = find_separator(body)
            looks = key is not None and (key[1] == "ascii" or typed and looks_like_key(body[: key[0]]))
            return width if width > col + 1 and looks and not is_dash(body) else content
        return content

    def next_is_key(self, index: int, column: int) -> bool:
        """Whether the next line with content is a key at ``column``."""
        for line in self.lines[index + 1:]:
            body = line.lstrip(WHITE)
            if not body or body.startswith("#"):
                continue
            if column_after(leading_space(line), 0, self.tab) != column:
                return False
            found = find_separator(body)
            return found is not None and (found[1] == "ascii" or looks_like_key(body[: found[0]]))
        return False

    # ------------------------------------------------------------------ content

    def item(self, index: int, number: int, line: str, start: int, col: int, want: _Want,
             pieces: list[tuple[str, int]]) -> None:
        """A list item ``- …`` at column ``col`` of a list of ``want``."""
        # After '- ' a full-width space is the item's text; right after '-' it stands for a space.
        gap = re.match(r"[ \t]*" if line[start + 1: start + 2] == " " else r"[ \t\u3000]*",
                       line[start + 1:]).group()
        after = start + 1 + len(gap)
        rest = line[after:]
        if "\t" in gap:
            self.repair("tab", number)
        if IDEO_SPACE in gap:
            self.repair("dash", number)
        item_want = (_Want("map", want.spec) if want.kind == "records" else
                     _Want("value") if want.kind == "texts" else ANY)
        if not rest or rest.startswith("#"):
            pieces.append(("-", start))
            if rest:
                pieces.append((" " + rest, after))
            self.opener = (col, item_want)
            return
        content = column_after(gap, col + 1, self.tab, ideo=1)
        if item_want.kind != "value":
            content = self.aligned(index, col, content, rest, item_want,
                                   typed=bool(set(gap + leading_space(line)) - {" "}))
        pieces.append(("-" + " " * (content - col - 1), start))
        if is_dash(rest, typed=False):  # a list in a list
            inner = self.push(content, _Want("texts") if item_want.kind == "value" else ANY, True)
            self.item(index, number, line, after, content, inner.want, pieces)
            return
        if item_want.kind == "value":
            self.value(number, line, after, col, pieces, text=True)
            return
        self.push(content, item_want, False)
        if item_want.kind == "any" and not self.next_is_key(index, content):
            item_want = _Want("single")  # a one-line item: a key only if plainly written as one
        self.node(index, number, line, after, content, item_want, pieces, item=col)

    def node(self, index: int, number: int, line: str, start: int, col: int, want: _Want,
             pieces: list[tuple[str, int]], item: int | None = None) -> None:
        """Content where a key may be: a key and its value, or a scalar (a list item's,
        at ``item``: the column its continuation lines exceed)."""
        scalar_col = col if item is None else item
        if want.kind in ("value", "texts"):
            self.value(number, line, start, scalar_col, pieces, text=True)
            return
        body = line[start:]
        spec = want.spec if want.kind == "map" else None
        found = _separator(body, want)
        if found is None:
            if want.kind != "single" and not is_scalar_start(body):
                first = find_separator(body)
                self.result.suspects[number] = _why_not_key(body, first[1] if first else None)
            self.value(number, line, start, scalar_col, pieces, want=want)
            return
        kind = found[1]
        at = found[0]
        key = body[:at]
        child = self.child_want(spec, key.strip(WHITE))
        after = start + at + 1
        if kind == "ascii" and "\t" not in line[start:]:
            pieces.append((body, start))  # valid YAML: left as it is
            rest = line[after:].strip(" ")
            if not rest or rest.startswith("#"):
                self.opener = (col, child)
            else:
                self.open_scalar(rest, col, child)
            return
        if kind != "ascii":
            self.repair(kind, number)
        if "\t" in key:
            self.repair("tab", number)
        pieces.append((key.rstrip(WHITE), start))
        pieces.append((":", start + at))
        gap = re.match("[ \t]*" if kind == "ascii" else "[ \t\u3000]*", line[after:]).group()
        if "\t" in gap:
            self.repair("tab", number)
        after += len(gap)
        if after >= len(line):
            self.opener = (col, child)
            return
        pieces.append((" ", after))
        self.value(number, line, after, col, pieces, want=child, converted=kind != "ascii")

    def child_want(self, spec: Spec | None, key: str) -> _Want:
        child = _field(spec, key)
        if child is None:
            return ANY
        if child.kind in ("group", "records"):
            return _Want("map" if child.kind == "group" else "records", child)
        return _Want("texts" if child.kind in ("texts", "names") else "value")

    def open_scalar(self, value: str, col: int, want: _Want) -> None:
        """Note a value that may go on over the next lines (block, quoted, flow, plain)."""
        if BLOCK.match(value):
            digit = re.match(r"[|>][-+]?([1-9]?)", value).group(1)
            self.block, self.block_indent = col, col + int(digit) if digit else None
        elif value[0] in "\"'":
            if closing_quote(value, value[0], 1) < 0:
                self.quote = value[0]
        elif value[0] in "[{":
            depth, quote = flow_depth(value)
            self.flow, self.quote = max(depth, 0), quote
        else:
            self.plain, self.plain_text = col, want.kind in ("value", "texts")

    def value(self, number: int, line: str, start: int, col: int, pieces: list[tuple[str, int]],
              *, want: _Want = ANY, text: bool = False, converted: bool = False) -> None:
        """A value from ``start``: as written, except what YAML would refuse or misread
        in a converted line (a tab; ': ' inside), written as a quoted string of the same
        text. ``text``: the schema says it is text (a continuation is text too)."""
        value = line[start:]
        if text:
            want = _Want("value")
        at = None if converted or is_scalar_start(value) else ascii_separator(value)
        if at is not None:  # a YAML key where a value was expected: followed as YAML reads it
            key_col = sum(len(piece) for piece, _ in pieces)
            if not self.stack or self.stack[-1].indent < key_col:
                self.push(key_col, _Want("value"), False)
            gap = re.match(r"[ \t]*", line[start + at + 1:]).group()
            after = start + at + 1 + len(gap)
            pieces.append((value[: at + 1] + (" " if "\t" in gap else gap), start))
            if after >= len(line) or line[after] == "#":
                pieces.append((line[after:], after))
                self.opener = (key_col, want)
            else:
                self.value(number, line, after, key_col, pieces, want=want, text=text)
            return
        if value[:1] == "{" and want.kind == "map" and want.spec is not None and "：" in value:
            value = self.flow_mapping(number, value, want.spec)
        if value[:1] in tuple("\"'[{|>&*!") or "\t" not in value and not converted:
            pieces.append((value, start))
            self.open_scalar(value.strip(" "), col, want)
            return
        comment = re.search(r"[ \t]+#", value)
        plain = value[: comment.start()] if comment else value
        tail = value[comment.start():] if comment else ""
        stripped = plain.rstrip(" \t")
        if "\t" in plain or "\t" in tail[:1]:
            self.repair("tab", number)
        needs_quotes = "\t" in stripped or converted and re.search(r":(?:[ \t]|$)", stripped)
        pieces.append((quoted(stripped) if needs_quotes else stripped, start))
        if tail:
            pieces.append((" " + tail.lstrip(" \t"), start + len(plain)))
        self.plain, self.plain_text = col, want.kind in ("value", "texts")

    def flow_mapping(self, number: int, value: str, spec: Spec) -> str:
        """``{名称：县一中，代表：张三}`` as YAML, when every key is a field of ``spec``."""
        match = re.fullmatch(r"\{(.*)\}([ \t]*(?:#.*)?)", value)
        if match is None:
            self.result.errors[number] = FLOW_COLON
            return value
        items = re.split(r"[,，][ \t\u3000]*(?=[^,，:：]{1,%d}[:：])" % MAX_KEY, match.group(1))
        out = []
        for item in items:
            key, colon, rest = re.split(r"([:：])", item, maxsplit=1) if re.search("[:：]", item) \
                else (item, "", "")
            if not colon or _field(spec, key.strip(WHITE)) is None:
                self.result.errors[number] = FLOW_COLON
                return value
            rest = rest.strip(WHITE)
            as_is = rest[:1] in "\"'" and closing_quote(rest, rest[0], 1) == len(rest) or \
                not re.search(r"[,\[\]{}#:]|^[\"'&*!|>%@`]", rest)
            out.append(f"{key.strip(WHITE)}: {rest if as_is else quoted(rest)}")
        self.repair("colon", number)
        return "{" + ", ".join(out) + "}" + match.group(2)


FLOW_COLON = "花括号 {…} 中的冒号是全角「：」，请改为半角「:」并在其后加空格，或把各项分行写"


def _why_not_key(body: str, kind: str | None) -> str:
    shown = body.strip(WHITE)
    shown = shown if len(shown) <= 24 else shown[:24] + "…"
    if kind == "colon":
        return f"全角冒号「：」前的文字不像键名，这一行没有当作「键: 值」读取（{shown}）"
    if kind == "space":
        return f"冒号后是全角空格「　」（{shown}）"
    if kind == "no_space":
        return f"冒号「:」后缺少空格（{shown}）"
    return f"这一行没有冒号，不是「键: 值」（{shown}）"


def _field(spec: Spec | None, key: str) -> Spec | None:
    """The field a key names in a mapping of ``spec``: a child, or in a record a field of
    one of its groups written flat (图书 in an activity)."""
    if spec is None:
        return None
    child = find_child(spec, key)
    if child is None and spec.kind == "records":
        path = lookup(flat_names(spec), clean_name(key))
        if path is not None:
            group, leaf = path.split(".")
            child = spec.child(group).child(leaf)
    return child


def _separator(body: str, want: _Want) -> tuple[int, str] | None:
    """(index, kind) of the colon that ends a line's key where a key of ``want`` may
    be, None if the line is not 「键: 值」. A line that is a YAML key already stays one
    (甲：乙: x has the key 甲：乙) unless the schema knows the key before a full-width
    colon and not the one before the ASCII colon (标题：会议: 通知)."""
    found = find_separator(body)
    if found is None or found[1] == "ascii":
        return found
    spec = want.spec if want.kind == "map" else None
    key = body[: found[0]].strip(WHITE)
    known = _field(spec, key) is not None
    ascii_at = ascii_separator(body)
    if ascii_at is not None and not (known and _field(spec, body[:ascii_at].strip(WHITE)) is None):
        return ascii_at, "ascii"
    if known or found[1] != "no_space" and want.kind != "single" and looks_like_key(key):
        return found
    return None


def normalise(text: str, spec: Spec | None = None, *, roster: bool = False) -> Normalised:
    """The YAML a typed data file means, line for line (see the module docstring).

    ``spec`` is the schema of the file's top-level mapping (a pairing's), or with
    ``roster`` of each item of its top-level list; None for data of any shape."""
    return _Normaliser(text, spec, roster).run()
