"""A new .docx from paragraphs of text, on the page and with the styles of a template."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document

from .xml import qn


def document_from_paragraphs(template: Path, paragraphs: list[tuple[str, str]], *,
                             title: str = "", subject: str = "") -> bytes:
    """The template's package with its body replaced by ``paragraphs`` (style name, text):
    its styles, page setup, headers and footers kept."""
    doc = Document(str(template))
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    for style, text in paragraphs:
        doc.add_paragraph(style=style).add_run(text)
    doc.core_properties.title = title
    doc.core_properties.subject = subject
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
