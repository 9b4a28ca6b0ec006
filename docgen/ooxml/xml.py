"""XML of a package's parts: namespaces, the one safe parser, and element helpers.

Every part docgen reads is parsed here, with entity resolution and network access off
(a package is data, not instructions), and every element docgen creates is made here, so
that no other module needs lxml.
"""

from __future__ import annotations

from typing import Iterator

from lxml import etree

from ..errors import InputError, Location

Element = etree._Element
XML_ERRORS = (etree.LxmlError,)  # what lxml raises on XML it cannot parse or write

NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xml": "http://www.w3.org/XML/1998/namespace",
}
W = NAMESPACES["w"]

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                          remove_blank_text=False)


def qn(name: str) -> str:
    """A prefixed name (``w:t``) in Clark notation (``{http://…/main}t``)."""
    prefix, _, local = name.partition(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


XML_SPACE = qn("xml:space")


def parse_part(data: bytes, part: str = "", file: str | None = None) -> Element:
    """The root element of a part; damaged XML is the user's file's problem."""
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        name = f"文档部件 {part} " if part else "文档部件"
        raise InputError(f"{name}已损坏（不是有效的 XML）：{exc}", Location(file=file)) from None


def serialize_part(root: Element) -> bytes:
    """A part's bytes as Word writes them: UTF-8 with a standalone declaration."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def to_text(element: Element) -> str:
    """An element as a string, without a declaration (for templates' jinja sources)."""
    return etree.tostring(element, encoding="unicode")


def sub_element(parent: Element, name: str, attributes: dict[str, str] | None = None) -> Element:
    """A new child at the end of ``parent``; names are prefixed: ``sub_element(r, "w:u",
    {"w:val": "single"})``."""
    return etree.SubElement(parent, qn(name), {qn(k): v for k, v in (attributes or {}).items()})


def new_element(name: str) -> Element:
    """A new element, not yet in any tree (a name without a prefix is not namespaced)."""
    return etree.Element(qn(name) if ":" in name else name)


def owner_paragraph(element: Element) -> Element | None:
    """The nearest w:p above ``element`` (a text box nests paragraphs inside runs)."""
    return next(element.iterancestors(qn("w:p")), None)


def own_texts(paragraph: Element) -> list[Element]:
    """The w:t elements that belong to this paragraph, not to a paragraph nested in it."""
    return [t for t in paragraph.iter(qn("w:t")) if owner_paragraph(t) is paragraph]


def text_of(elements: Iterator[Element] | list[Element]) -> str:
    return "".join(t.text or "" for t in elements)


def set_text(t: Element, text: str) -> None:
    """Set a w:t's text, keeping its leading and trailing spaces visible to Word."""
    t.text = text
    if text != text.strip():
        t.set(XML_SPACE, "preserve")
