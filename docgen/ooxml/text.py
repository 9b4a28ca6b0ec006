"""The text of a .docx, in reading order (python-docx finds the main part).

Used by ingest (a .docx as its source), script detection and the golden tests.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document

from ..errors import InputError, Location
from .package import read_part
from .xml import parse_part, qn, text_of

_PARAGRAPH = qn("w:p")
_TABLE = qn("w:tbl")
_ROW = qn("w:tr")
_SDT = qn("w:sdt")
_SDT_CONTENT = qn("w:sdtContent")
_CELL = qn("w:tc")
_TEXT_TAGS = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n"}


def _paragraph_text(p) -> str:
    # Walk every run, including those inside hyperlinks, content controls and insertions,
    # which python-docx's Paragraph.text skips; deleted text (w:delText) is not read.
    parts = []
    for el in p.iter(*_TEXT_TAGS):
        if el.tag == qn("w:t"):
            parts.append(el.text or "")
        else:
            parts.append(_TEXT_TAGS[el.tag])
    return "".join(parts)


def _block_lines(container) -> list[str]:
    lines: list[str] = []
    for child in container:
        if child.tag == _PARAGRAPH:
            lines.append(_paragraph_text(child))
        elif child.tag == _SDT:  # a block-level content control: its paragraphs and tables
            content = child.find(_SDT_CONTENT)
            if content is not None:
                lines.extend(_block_lines(content))
        elif child.tag == _TABLE:
            for row in child.iter(_ROW):
                cells = [" / ".join(_paragraph_text(p) for p in tc.iter(_PARAGRAPH))
                         for tc in row.findall(_CELL)]
                lines.append(" | ".join(cells))
    return lines


def document_text(source: bytes | str | Path) -> str:
    """The body text of a .docx: one line per paragraph, table rows as ``a | b``."""
    stream = io.BytesIO(source) if isinstance(source, bytes) else str(source)
    doc = Document(stream)
    return "\n".join(_block_lines(doc.element.body)) + "\n"


def document_paragraphs(source: bytes | str | Path) -> list[str]:
    """The body's paragraphs as text, tables' cells included, in reading order."""
    stream = io.BytesIO(source) if isinstance(source, bytes) else str(source)
    doc = Document(stream)
    return [_paragraph_text(p) for p in doc.element.body.iter(_PARAGRAPH)]


def plain_text(data: bytes) -> str:
    """The text of word/document.xml, a line a paragraph: quick, for telling which script
    a document is written in."""
    xml = read_part(data, "word/document.xml")
    if xml is None:
        raise InputError("不是 Word 文档：缺少 word/document.xml（加了密码的文档也是这样）", Location())
    root = parse_part(xml, "word/document.xml")
    return "\n".join(text_of(p.iter(qn("w:t"))) for p in root.iter(qn("w:p")))
