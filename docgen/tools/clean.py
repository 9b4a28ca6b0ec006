"""``docgen clean``: a text copied from a document-sharing site → the document itself.

What copying leaves (all of it found in shared/seeds): pinyin in parentheses after
characters (城鄉(xiāng)), HTML tags and entities, '|' table debris, page markers
(…_第1頁, 第5頁共5頁), reading-progress, download, copyright and 温馨提示 blocks, comment
boxes, GBK text decoded one byte off (mojibake), and paragraphs run together. Several
documents in one file (篇一 … 篇六, 第一篇:, 工作总结(二) …) are split apart. Every rule
counts what it did, so the report says what was removed, repaired and flagged.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field

from ..errors import InputError
from ..script.text import ScriptConverter

MAX_CHARS = 5_000_000   # a pasted text longer than this is refused (a sane bound for a document)

_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# A pinyin syllable in parentheses: lowercase letters with at least one tone mark, so that
# (EN-US), (一) and (盖章) are never touched.
_PINYIN = re.compile(rf"\((?=[a-zü{_TONES}]*[{_TONES}])[a-zü{_TONES}]{{1,7}}\)")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")
_ENTITY = re.compile(r"&(?:[A-Za-z]{2,8}|#\d{2,6}|#x[0-9A-Fa-f]{2,5});")
_CHINESE_NUMERALS = "一二三四五六七八九十"

# Lines a site adds, matched on their simplified form.
_SITE_LINES = [
    re.compile(r"^.{0,60}_第\d+页$"),                       # page markers
    re.compile(r"^已阅读\d+页.*未读"),                       # reading progress
    re.compile(r"^(下载本文档|文档简介|文档介绍|提交评论|评论|\d+/\d+)$"),
    re.compile(r"^版权说明[:：]"),
    re.compile(r"^时间[:：]\d{4}-\d{2}-\d{2}.*(下载|作者)"),
    re.compile(r"^简介[:：].*(整理|文库|小编)"),
    re.compile(r"小编(就给大家|为你|为大家|整理)"),            # a site's preface to its 范文
    re.compile(r"^\s*•?\s*\d+\.\s*(本站|人人文库|下载文件|未经权益)"),
]
_TIPS = re.compile(r"^温馨提示$")
_PAGE_PREFIX = re.compile(r"^第\d+[页頁]共\d+[页頁]")
_TABLE_DEBRIS = re.compile(r"^[\s|｜]+$")
_COLLECTION_TITLE = re.compile(r"^.{2,40}?[（(]?\d+篇[）)]?$")

# A heading that a site ran into the previous paragraph starts a new one.
_HEADING_START = (r"(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|"
                  r"\d{1,2}[、．.](?![\d.])|[（(]\d{1,2}[）)]|[①②③④⑤⑥⑦⑧⑨⑩])")
# After a sentence's end, or after a space the site left where a line break was.
_HEADING_AFTER_END = re.compile(rf"(?:(?<=[。；;！!？?：:”」』)])\s*|(?<=\S)\s+)(?={_HEADING_START})")

_DOC_MARKER = re.compile(
    r"^(?:(?:篇[一二三四五六七八九十]{1,3}|第[一二三四五六七八九十]{1,3}篇)\s*[:：]?\s*(?P<title>.*)"
    r"|(?P<before>.{2,40}?)\s*篇[一二三四五六七八九十]{1,3})$")


@dataclass
class CleanReport:
    counts: Counter = field(default_factory=Counter)
    flagged: list[str] = field(default_factory=list)

    def add(self, what: str, n: int = 1) -> None:
        if n:
            self.counts[what] += n

    def named_counts(self) -> list[tuple[str, int]]:
        """(what was done, in Chinese, how many times), in the order it was done."""
        return [(REPORT_NAMES.get(key, key), n) for key, n in self.counts.items()]


@dataclass
class CleanDocument:
    title: str
    paragraphs: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs) + "\n"


@dataclass
class CleanResult:
    documents: list[CleanDocument]
    report: CleanReport

    @property
    def text(self) -> str:
        return "\n".join(d.text for d in self.documents)


REPORT_NAMES = {
    "html_tags": "HTML 标签", "html_entities": "HTML 实体", "pinyin": "拼音注音",
    "site_lines": "网站附加的行（页码、阅读进度、下载、版权、评论）", "tips_lines": "温馨提示",
    "page_prefixes": "行首页码", "table_debris": "表格残留（|）", "collection_title": "文集标题",
    "mojibake_repaired": "乱码修复", "mojibake_inferred": "乱码中按编号推断的字",
    "mojibake_flagged": "乱码中无法恢复的字（已标出）", "paragraphs_split": "拆开的段落",
    "document_markers": "分篇标记（篇一、第一篇）",
    "documents": "文档",
}


def clean_text(text: str, *, to: str | None = None) -> CleanResult:
    """Clean a copied text; ``to`` ('hans' or 'hant') converts the result's script."""
    if len(text) > MAX_CHARS:
        raise InputError(f"文本过长（{len(text)} 字，上限 {MAX_CHARS} 字）")
    report = CleanReport()
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = _repair_mojibake(text, report)  # first: it gives back the '<' of broken tags
    text, n = _TAG.subn("", text)
    report.add("html_tags", n)
    text, n = _ENTITY.subn(lambda m: html.unescape(m.group(0)), text)
    report.add("html_entities", n)
    text, n = _PINYIN.subn("", text)
    report.add("pinyin", n)
    lines = _drop_site_lines(text.split("\n"), report)
    paragraphs = []
    for line in lines:
        line = re.sub(r"[ \t\u3000\u00a0]+", " ", line).strip()
        line = re.sub(r"\s*[|｜]\s*$", "", line).strip()
        if not line:
            continue
        pieces = [p.strip() for p in _HEADING_AFTER_END.split(line) if p.strip()]
        report.add("paragraphs_split", len(pieces) - 1)
        paragraphs.extend(pieces)
    documents = _split_documents(paragraphs, report)
    if to in ("hans", "hant"):
        source = "hant" if to == "hans" else "hans"
        converter = ScriptConverter.between(source, to)
        documents = [CleanDocument(converter.convert(d.title),
                                   [converter.convert(p) for p in d.paragraphs]) for d in documents]
    report.add("documents", len(documents))
    return CleanResult(documents, report)


def _simplified(line: str) -> str:
    return ScriptConverter.between("hant", "hans").convert(line)


def _drop_site_lines(lines: list[str], report: CleanReport) -> list[str]:
    kept = []
    in_tips = False
    first_content = True
    for line in lines:
        stripped = line.strip()
        plain = _simplified(stripped) if stripped else ""
        if _TIPS.match(plain):
            in_tips = True
            report.add("tips_lines")
            continue
        if in_tips:
            if not stripped or re.match(r"^\s*•?\s*\d+\.", stripped):
                report.add("tips_lines", 1 if stripped else 0)
                continue
            in_tips = False
        if stripped and _TABLE_DEBRIS.match(stripped):
            report.add("table_debris")
            continue
        if any(p.search(plain) for p in _SITE_LINES):
            report.add("site_lines")
            continue
        if first_content and stripped:
            first_content = False
            if _COLLECTION_TITLE.match(plain) and not re.search(r"[。，,]", plain):
                report.add("collection_title")
                continue
        line, n = _PAGE_PREFIX.subn("", stripped)
        report.add("page_prefixes", n)
        kept.append(line)
    return kept


def _split_documents(paragraphs: list[str], report: CleanReport) -> list[CleanDocument]:
    """Cut at 篇一 / 第一篇: markers, and where a title comes back numbered (二) … (五)."""
    documents: list[CleanDocument] = []
    current: list[str] = []
    title = ""

    def close() -> None:
        if current:
            documents.append(CleanDocument(title or current[0][:40], list(current)))

    first_title = None
    for paragraph in paragraphs:
        m = _DOC_MARKER.match(paragraph)
        if m:
            close()
            current, title = [], (m.group("title") or m.group("before") or "").strip()
            if title:
                current.append(title)
            report.add("document_markers")
            continue
        if first_title is None:
            first_title = _base_title(paragraph)
            if first_title and len(paragraph) > len(first_title) + 10:
                # The title ran into the first paragraph: give it a line of its own.
                current.append(first_title)
                paragraph = paragraph[len(first_title):].strip()
                report.add("paragraphs_split")
        if first_title:
            # The same title again with (二) … in the run-together text: a new document.
            pattern = re.compile(re.escape(first_title) + r"[（(]([二三四五六七八九十]{1,2})[）)]")
            pieces = pattern.split(paragraph)
            if len(pieces) > 1:
                head = pieces[0].strip()
                if head:
                    current.append(head)
                for i in range(1, len(pieces), 2):
                    close()
                    current, title = [first_title], first_title
                    body = pieces[i + 1].strip()
                    if body:
                        current.append(body)
                continue
        current.append(paragraph)
    close()
    return documents or [CleanDocument("", [])]


def _base_title(paragraph: str) -> str | None:
    m = re.match(r"^([^,，。；;:：、\s]{4,30}?(总结|總結|方案|计划|計劃|协议书|協議書|意见|意見))",
                 paragraph)
    return m.group(1) if m else None


# --------------------------------------------------------------------------- mojibake

# Characters that in Chinese prose only appear when GBK bytes were read one byte off.
_SUSPICIOUS = re.compile("[\u3100-\u312f\u2500-\u257f\u0370-\u03ff\u0400-\u04ff\u01cd-\u01dc]")
_SPAN = re.compile(r"\?(?P<body>[;:,]?[^\x00-\x7f\s]{2,60})(?P<trail>[\x21-\x7e]?)")
_FULL_WIDTH = {";": "；", ":": "：", ",": "，"}
_LOST_TAG_START = re.compile(r"\?(?=/?(?:span|p|div|font|br|b|i|u|strong|em|a)\b[^<>]*>)")
_LOST_FULL_STOP = re.compile(r"(?<=[\u4e00-\u9fff])\?[!！](?=\s)")
# GBK lead byte of each Chinese numeral: （N） that lost a byte reads as （X with X = lead, A9.
_NUMERAL_LEADS = {"一".encode("gbk")[0]: "一", "二".encode("gbk")[0]: "二",
                  "三".encode("gbk")[0]: "三", "四".encode("gbk")[0]: "四",
                  "五".encode("gbk")[0]: "五", "六".encode("gbk")[0]: "六",
                  "七".encode("gbk")[0]: "七", "八".encode("gbk")[0]: "八",
                  "九".encode("gbk")[0]: "九", "十".encode("gbk")[0]: "十"}


def _repair_mojibake(text: str, report: CleanReport) -> str:
    """GBK text read one byte off. The '?' stands for a lost byte. Before a numbered
    heading the lost byte is the lead of a full-width space (0xA1A1): restored, the span
    decodes again. Inside a word the lost byte belonged to a character that cannot be
    recovered: it is marked □ and reported with its line. Where a heading number lost a
    byte too — （二） reads as （订 — the number is read back from the lead byte that
    survived, which belongs to the numeral."""
    text, n = _LOST_TAG_START.subn("<", text)
    report.add("mojibake_repaired", n)
    text, n = _LOST_FULL_STOP.subn("。", text)
    report.add("mojibake_repaired", n)
    out = []
    last = 0
    for m in _SPAN.finditer(text):
        body, trail = m.group("body"), m.group("trail")
        if not _SUSPICIOUS.search(body) and body[0] not in _FULL_WIDTH:
            continue
        body = _FULL_WIDTH.get(body[0], body[0]) + body[1:]
        try:
            raw = body.encode("gbk")
        except UnicodeEncodeError:
            continue
        line = text.count("\n", 0, m.start()) + 1
        mid_word = m.start() > 0 and "\u4e00" <= text[m.start() - 1] <= "\u9fff"
        decoded, used_trail = None, False
        for candidate, with_trail in ((raw + trail.encode("ascii"), True), (raw, False)):
            data = candidate[1:] if mid_word else b"\xa1" + candidate
            try:
                decoded, used_trail = data.decode("gbk"), with_trail and bool(trail)
                break
            except UnicodeDecodeError:
                continue
        if decoded is None:
            data = raw[1:] if mid_word else b"\xa1" + raw
            decoded = data.decode("gbk", errors="ignore") + "□"
            report.add("mojibake_flagged")
            report.flagged.append(f"第{line}行：乱码末尾有一个字无法恢复，已标为 □")
        if mid_word:
            decoded = "□" + decoded
            report.add("mojibake_flagged")
            report.flagged.append(f"第{line}行：乱码开头有一个字无法恢复，已标为 □")
        decoded = _infer_number(decoded.lstrip("\u3000"), line, report)
        out.append(text[last:m.start()])
        out.append(decoded)
        last = m.end() if used_trail or not trail else m.end() - len(trail)
        report.add("mojibake_repaired")
    out.append(text[last:])
    return "".join(out)


def _infer_number(decoded: str, line: int, report: CleanReport) -> str:
    m = re.match(r"^[（(](.)", decoded)
    if not m or m.group(1) in _CHINESE_NUMERALS:
        return decoded
    try:
        code = m.group(1).encode("gbk")
    except UnicodeEncodeError:
        return decoded
    if len(code) == 2 and code[1] == 0xA9 and code[0] in _NUMERAL_LEADS:
        numeral = _NUMERAL_LEADS[code[0]]
        report.add("mojibake_inferred")
        report.flagged.append(f"第{line}行：乱码中缺字的编号按残留字节推断为（{numeral}）")
        return f"（{numeral}）" + decoded[2:]
    return decoded
