"""The batch's render path: a template compiled once, rendered many times.

Each part that holds tags is patched and compiled once; rendering one document then runs
the compiled jinja templates and copies every other part of the package as its stored,
compressed bytes. The result is equivalent to :func:`~docgen.pipeline.render.render_docx`
(the same text and parts); contexts holding images take the general path, as pictures
need python-docx's part machinery.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import TemplateSyntaxError

from ..errors import InputError, TemplateError
from ..ooxml.package import Entry, deflated, read_package, write_zip
from ..ooxml.xml import new_element, parse_part, qn, to_text
from ..pairing.values import DEFAULT_BLANK, BlankReport, ImageRef
from .render import RenderedDocument, make_environment, open_template, render_docx, render_failure

_TAG = re.compile(r"\{[{%#]")
_RENDERED_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes)\.xml$")
_CONTROL_CHARS = ("\t", "\a", "\n", "\f")  # docxtpl's Listing markers, see resolve_listing


class CompiledTemplate:
    """A template prepared once for many renders (the batch path)."""

    def __init__(self, template: Path, *, blank: str = DEFAULT_BLANK) -> None:
        self.path = template
        self.blank = blank
        tpl = open_template(template)  # validates the file, gives docxtpl's helpers
        self._helper = tpl
        self._report = BlankReport()
        self._env = make_environment(blank, lambda f: self._report.add(f))
        try:
            self._entries = read_package(template, str(template))
        except InputError as exc:
            raise TemplateError(exc.message, exc.where) from None
        self._compiled: dict[str, tuple[str, str, Any]] = {}
        self._fallback = False
        self._column_tags = False  # {%tc %} loops change cell counts: docxtpl fixes the grid
        for entry in self._entries:
            if entry.name == "docProps/core.xml" and _TAG.search(self._text(entry)):
                self._fallback = True  # docxtpl renders properties field by field
            if not _RENDERED_PARTS.match(entry.name):
                continue
            text = self._text(entry)
            if not _TAG.search(text):
                continue
            self._compiled[entry.name] = self._compile(entry.name, text)

    @staticmethod
    def _text(entry: Entry) -> str:
        return entry.content().decode("utf-8")

    def _compile(self, name: str, text: str) -> tuple[str, str, Any]:
        """(prefix, suffix, jinja template) of a part; for the body, only w:body is a template."""
        root = parse_part(text.encode("utf-8"), name, str(self.path))
        declaration = text[: text.index("?>") + 2] if text.startswith("<?xml") else ""
        if name == "word/document.xml":
            body = root.find(qn("w:body"))
            source = self._helper.xml_to_string(body)
            root.replace(body, new_element("docgen-body"))  # marks where the body goes
            prefix, suffix = to_text(root).split("<docgen-body/>")
            prefix = declaration + "\n" + prefix if declaration else prefix
        else:
            source = self._helper.xml_to_string(root)
            prefix, suffix = (declaration + "\n" if declaration else ""), ""
        source = self._helper.patch_xml(source)
        self._column_tags = self._column_tags or bool(re.search(r"\{%-?\s*tc\s", source))
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", source)
        try:
            template = self._env.from_string(source)
        except TemplateSyntaxError as exc:
            raise render_failure(exc, self.path) from None
        return prefix, suffix, template

    def accepts(self, context: dict[str, Any]) -> bool:
        """Whether this fast path can render ``context`` (no pictures in it)."""
        return not self._fallback and not _has_images(context)

    def render(self, context: dict[str, Any]) -> RenderedDocument:
        """Render one document; falls back to :func:`render_docx` when it must."""
        if not self.accepts(context):
            return render_docx(self.path, context, blank=self.blank)
        self._report = BlankReport()
        entries = []
        for entry in self._entries:
            compiled = self._compiled.get(entry.name)
            if compiled is None:
                entries.append(entry)
                continue
            prefix, suffix, template = compiled
            try:
                xml = template.render(context)
            except Exception as exc:
                raise render_failure(exc, self.path) from None
            xml = self._finish_part(entry.name, xml)
            entries.append(deflated(entry.name, (prefix + xml + suffix).encode("utf-8"), entry))
        return RenderedDocument(write_zip(entries), self._report)

    def _finish_part(self, name: str, xml: str) -> str:
        """docxtpl's steps after jinja, each run only when it can change something."""
        xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        for marker, tag in (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}")):
            if marker in xml:
                xml = xml.replace(marker, tag)
        if any(c in xml for c in _CONTROL_CHARS):
            xml = self._helper.resolve_listing(xml)
        if name == "word/document.xml" and ((self._column_tags and "<w:tbl" in xml)
                                             or "docPr" in xml):
            tree = self._helper.fix_tables(xml)
            self._helper.docx_ids_index = 1000
            self._helper.fix_docpr_ids(tree)
            xml = to_text(tree)
        return xml


def _has_images(context: dict[str, Any]) -> bool:
    """Pictures enter a context only as seal and signature images (see context.py)."""
    for key in ("seal", "signature"):
        value = context.get(key)
        if isinstance(value, ImageRef) or (
                isinstance(value, dict) and any(isinstance(v, ImageRef) for v in value.values())):
            return True
    return False
