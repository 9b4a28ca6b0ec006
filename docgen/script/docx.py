"""Script conversion of a whole .docx package, keeping every run's formatting.

Every text part is walked as XML (python-docx's ``paragraph.runs`` skips runs inside
hyperlinks, insertions and content controls): body, tables, headers, footers, footnotes,
endnotes, comments, text boxes (the mc:Choice copy and its mc:Fallback), and the title and
subject of the core properties. Each paragraph is converted as a whole and the result is
put back onto its w:t elements (see :mod:`docgen.script`), so formatting, fields,
hyperlinks, bookmarks, tabs, breaks and images stay where they are. Field codes
(w:instrText) and deleted text (w:delText) are not touched; nor are font names, except
through an explicit font map. The document language follows the target script.
"""

from __future__ import annotations

import re
from typing import Iterator, Mapping

from ..errors import InputError, Location
from ..ooxml.package import read_package, read_part, rewrite
from ..ooxml.xml import Element, parse_part, qn, serialize_part, set_text
from .text import ScriptConverter, fonts_of_script

_T, _P, _LANG, _TXBX, _FONTS = qn("w:t"), qn("w:p"), qn("w:lang"), qn("w:txbxContent"), qn("w:rFonts")
_TBL, _TR, _TC = qn("w:tbl"), qn("w:tr"), qn("w:tc")
_EAST_ASIA, _VAL, _THEME_LANG = qn("w:eastAsia"), qn("w:val"), qn("w:themeFontLang")
_TEXT_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes|comments"
                         r"|glossary/document)\.xml$")
# (stylesWithEffects.xml, a Word 2010 copy, is ignored by Word when styles.xml exists.)
_STYLE_PARTS = re.compile(r"^word/(styles|numbering|settings)\.xml$")
_CORE = "docProps/core.xml"
_FONT_ATTRIBUTES = tuple(qn(f"w:{a}") for a in ("ascii", "hAnsi", "eastAsia", "cs"))

# Fonts limited to GB2312 cannot show many traditional characters. Each script names its
# preset (script/text.py): generic traditional uses the same faces in their GBK versions,
# present wherever the GB2312 ones are; Taiwan and Hong Kong documents use the faces their
# readers' Windows has (標楷體 DFKai-SB, 新細明體 PMingLiU, 微軟正黑體 Microsoft JhengHei).
_REGION_FONTS = {"仿宋_GB2312": "標楷體", "仿宋": "標楷體", "楷体_GB2312": "標楷體", "楷体": "標楷體",
                 "方正小标宋简体": "新細明體", "宋体": "新細明體", "黑体": "微軟正黑體"}
FONT_PRESETS = {
    "gbk": {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "宋体"},
    "tw": dict(_REGION_FONTS),
    "hk": dict(_REGION_FONTS),
    "none": {},
}


def parse_font_map(value: str | None, script: str) -> dict[str, str]:
    """--font-map: a preset (gbk, tw, hk, none), or pairs 仿宋_GB2312=標楷體,… ; by default
    the preset of the ``script`` written."""
    if value is None:
        return dict(FONT_PRESETS[fonts_of_script(script)])
    if value in FONT_PRESETS:
        return dict(FONT_PRESETS[value])
    pairs = {}
    for item in re.split(r"[,，;；]", value):
        if not item.strip():
            continue
        source, sep, target = item.partition("=")
        if not sep or not source.strip() or not target.strip():
            raise InputError(f"字体对应格式应为「原字体=新字体」，多个用逗号分隔；实际为 {item!r}",
                             Location(key_path="--font-map"))
        pairs[source.strip()] = target.strip()
    return pairs


def document_language(data: bytes) -> str | None:
    """The East Asian language a .docx declares in its default run properties, if any."""
    styles = read_part(data, "word/styles.xml")
    m = re.search(rb'<w:rPrDefault>.*?<w:lang [^>]*w:eastAsia="([^"]+)"', styles or b"", re.S)
    return m.group(1).decode() if m else None


def is_converted_part(name: str) -> bool:
    """Whether conversion reads and rewrites this part (others are copied as stored)."""
    return bool(_TEXT_PARTS.match(name) or _STYLE_PARTS.match(name) or name == _CORE)


def convert_docx(data: bytes, converter: ScriptConverter,
                 font_map: Mapping[str, str] | None = None) -> bytes:
    """The package with its text converted, runs and formatting kept."""
    entries = read_package(data)
    changed: dict[str, bytes] = {}
    for entry in entries:
        name = entry.name
        if not is_converted_part(name):
            continue
        root = parse_part(entry.content(), name)
        if name == _CORE:
            _convert_core(root, converter)
        else:
            if _TEXT_PARTS.match(name):
                _convert_paragraphs(root, converter)
            _set_language(root, converter.language)
            if font_map:
                _map_fonts(root, font_map)
        changed[name] = serialize_part(root)
    return rewrite(entries, changed)


def paragraphs_and_tables(data: bytes) -> tuple[list[str], list[list[list[str]]]]:
    """The text of every paragraph of the text parts, and every table as rows of cell
    texts: what :mod:`docgen.script.recognise` reads names from."""
    paragraphs: list[str] = []
    tables: list[list[list[str]]] = []
    for entry in read_package(data):
        if not _TEXT_PARTS.match(entry.name):
            continue
        root = parse_part(entry.content(), entry.name)
        for p in root.iter(_P):
            paragraphs.append("".join(t.text or "" for t in p.iter(_T) if _owner(t) is p))
        for table in root.iter(_TBL):
            tables.append([["".join(t.text or "" for t in cell.iter(_T))
                            for cell in row.iterchildren(_TC)]
                           for row in table.iterchildren(_TR)])
    return paragraphs, tables


def _convert_paragraphs(root: Element, converter: ScriptConverter) -> None:
    # Each w:t belongs to its nearest w:p. A text box puts whole paragraphs inside a run of
    # another paragraph; only there is the owner of each w:t looked up one by one.
    has_boxes = root.find(f".//{_TXBX}") is not None
    nodes_list, texts, cuts = [], [], []
    for nodes in (_paragraph_texts_boxed(root) if has_boxes else _paragraph_texts(root)):
        pieces = [t.text or "" for t in nodes]
        offsets, total = [], 0
        for piece in pieces[:-1]:
            total += len(piece)
            offsets.append(total)
        nodes_list.append(nodes)
        texts.append("".join(pieces))
        cuts.append(offsets)
    for nodes, pieces in zip(nodes_list, converter.segments(texts, cuts)):
        for t, text in zip(nodes, pieces):
            if text != (t.text or ""):
                set_text(t, text)


def _paragraph_texts(root: Element) -> Iterator[list[Element]]:
    """The w:t of each paragraph, in one walk (no paragraph inside another here)."""
    nodes: list[Element] = []
    for element in root.iter(_P, _T):
        if element.tag == _T:
            nodes.append(element)
        elif nodes:
            yield nodes
            nodes = []
    if nodes:
        yield nodes


def _paragraph_texts_boxed(root: Element) -> Iterator[list[Element]]:
    """The same where text boxes nest paragraphs: each w:t goes to its nearest w:p."""
    for p in root.iter(_P):
        nodes = list(p.iter(_T))
        if nodes and p.find(f".//{_TXBX}") is not None:
            nodes = [t for t in nodes if _owner(t) is p]
        if nodes:
            yield nodes


def _owner(t: Element) -> Element | None:
    parent = t.getparent()
    while parent is not None and parent.tag != _P:
        parent = parent.getparent()
    return parent


def _convert_core(root: Element, converter: ScriptConverter) -> None:
    for tag in (qn("dc:title"), qn("dc:subject")):
        for element in root.iter(tag):
            if element.text:
                element.text = converter.convert(element.text)


def _set_language(root: Element, language: str) -> None:
    for lang in root.iter(_LANG, _THEME_LANG):
        if lang.get(_EAST_ASIA) is not None or lang.tag == _THEME_LANG:
            lang.set(_EAST_ASIA, language)
        value = lang.get(_VAL)
        if value and value.lower().startswith(("zh", "ja")):
            lang.set(_VAL, language)


def _map_fonts(root: Element, font_map: Mapping[str, str]) -> None:
    for fonts in root.iter(_FONTS):
        for attribute in _FONT_ATTRIBUTES:
            value = fonts.get(attribute)
            if value in font_map:
                fonts.set(attribute, font_map[value])
