"""Render stage: a Word template + a context → the bytes of a .docx. Owns docxtpl.

Templates are rendered in jinja's sandbox with autoescaping on, so a value holding
``& < >`` is written as text (docxtpl's default, escaping off, drops such paragraphs) and
a value holding ``{{ }}`` is never evaluated. Every blank written is recorded, field by
field, for the blank report.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import ChainableUndefined, TemplateSyntaxError, nodes
from jinja2.exceptions import SecurityError, TemplateError as JinjaTemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from .blanks import DEFAULT_BLANK, Blank, BlankReport, Filled, blank_fields
from .context import DateValue, ImageRef
from .errors import InputError, Location, RenderError, TemplateError
from .filters import FILTERS
from .package import Entry, deflated, read_entries, write_zip
from .safety import check_docx_file


@dataclass
class RenderedDocument:
    """A rendered .docx in memory, with the blanks it holds."""

    data: bytes
    blanks: BlankReport = field(default_factory=BlankReport)


def make_environment(blank: str, on_blank: Callable[[str], None], *,
                     show_missing: bool = True) -> SandboxedEnvironment:
    """The jinja environment every template is rendered with.

    ``finalize`` sees each ``{{ }}`` value before it is escaped: blanks and undefined names
    are recorded there and written as the blank string, never as "None". With
    ``show_missing`` off (a user's template with its own raw data) values print as jinja
    prints them (None as "None", an undefined name as nothing), as docxtpl does; undefined
    names are still recorded.
    """

    class BlankUndefined(ChainableUndefined):
        __slots__ = ()

        def __str__(self) -> str:
            return blank if show_missing else ""

    def finalize(value: Any) -> Any:
        if isinstance(value, DateValue):
            value = value.format()
        if isinstance(value, (Blank, Filled)):
            for field_path in blank_fields(value):
                on_blank(field_path)
            return value
        if isinstance(value, ChainableUndefined):
            if value._undefined_exception is not UndefinedError:
                value._fail_with_undefined_error()  # the sandbox's SecurityError
            name = value._undefined_name or "?"
            on_blank(str(name))
            return blank if show_missing else ""
        if value is None and show_missing:
            on_blank("?")
            return blank
        return value

    env = SandboxedEnvironment(autoescape=True, finalize=finalize, undefined=BlankUndefined,
                               keep_trailing_newline=True)
    env.filters.update(FILTERS)
    return env


def _open_template(path: Path) -> DocxTemplate:
    try:
        check_docx_file(path)
    except InputError as exc:  # a broken template fails the document, not the input data
        message = "找不到模板文件" if exc.message == "找不到文件" else exc.message
        raise TemplateError(message, exc.where) from None
    try:
        tpl = DocxTemplate(str(path))
        tpl.init_docx()
    except Exception as exc:  # python-docx raises several kinds for a broken package
        raise TemplateError(f"无法打开 Word 模板：{exc}", Location(file=str(path))) from None
    return tpl


def _with_images(value: Any, tpl: DocxTemplate) -> Any:
    """Replace every :class:`ImageRef` in the context by a docxtpl picture."""
    if isinstance(value, ImageRef):
        return InlineImage(tpl, str(value.path),
                           width=Mm(value.width_mm) if value.width_mm else None,
                           height=Mm(value.height_mm) if value.height_mm else None)
    if isinstance(value, dict):
        return {k: _with_images(v, tpl) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_images(v, tpl) for v in value]
    return value


def render_docx(template: Path, context: dict[str, Any], *,
                blank: str = DEFAULT_BLANK, show_missing: bool = True) -> RenderedDocument:
    """Render ``template`` with ``context``; return the document's bytes and its blanks."""
    tpl = _open_template(template)
    report = BlankReport()
    env = make_environment(blank, report.add, show_missing=show_missing)
    try:
        tpl.render(_with_images(context, tpl), env, autoescape=True)
    except TemplateSyntaxError as exc:
        raise TemplateError(f"模板语法错误：{exc.message}",
                            Location(file=str(template), paragraph=_paragraph_of(exc))) from None
    except SecurityError as exc:
        raise TemplateError(f"模板中的标签试图访问不允许的内容，已拒绝：{exc}",
                            Location(file=str(template), paragraph=_paragraph_of(exc))) from None
    except JinjaTemplateError as exc:
        raise TemplateError(f"模板渲染失败：{exc}",
                            Location(file=str(template), paragraph=_paragraph_of(exc))) from None
    except (ValueError, TypeError) as exc:
        raise RenderError(f"渲染失败：{exc}", Location(file=str(template))) from None
    except Exception as exc:  # image decoding and XML errors from python-docx / lxml
        raise RenderError(f"生成文档失败：{type(exc).__name__}: {exc}",
                          Location(file=str(template))) from None
    buffer = io.BytesIO()
    tpl.save(buffer)
    return RenderedDocument(buffer.getvalue(), report)


def _paragraph_of(exc: Exception) -> int | None:
    # docxtpl puts each <w:p> of a part on its own line before compiling, so the line of
    # a jinja error is the paragraph's number (line 1 holds what precedes paragraph 1).
    lineno = getattr(exc, "lineno", None)
    if lineno is None:
        # Runtime errors carry no lineno; jinja rewrites the traceback so the template's
        # own frame shows its line.
        tb = exc.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == "<template>":
                lineno = tb.tb_lineno
            tb = tb.tb_next
    return max(lineno - 1, 1) if lineno else None


# --------------------------------------------------------------------------- inspection

def template_sources(template: Path) -> Iterator[tuple[str, str]]:
    """(part name, jinja source) of every part docxtpl renders: body, headers, footers,
    footnotes. Each paragraph starts a line, so a jinja line number is a paragraph number."""
    tpl = _open_template(template)

    def lines(xml: str) -> str:
        return re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(xml))

    yield "document", lines(tpl.get_xml())
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for _, part in tpl.get_headers_footers(uri):
            yield str(part.partname), lines(tpl.get_part_xml(part))
    for part in tpl.docx.part.package.parts:
        if part.content_type.endswith("wordprocessingml.footnotes+xml"):
            yield str(part.partname), lines(part.blob.decode("utf-8"))


def parse_template_source(source: str) -> nodes.Template:
    """The jinja AST of a part's source (raises jinja's TemplateSyntaxError)."""
    return make_environment(DEFAULT_BLANK, lambda _: None).parse(source)


def template_fields(template: Path) -> list[str]:
    """The context paths a template reads, in order of first use: ['supporter.name', …].

    Loop variables are left out; a path stops at the first non-attribute access.
    """
    env = make_environment(DEFAULT_BLANK, lambda _: None)
    found: dict[str, None] = {}
    for _, source in template_sources(template):
        try:
            ast = env.parse(source)
        except TemplateSyntaxError as exc:
            raise TemplateError(f"模板语法错误：{exc.message}",
                                Location(file=str(template), paragraph=_paragraph_of(exc))) from None
        local = {n.name for n in ast.find_all(nodes.Name) if n.ctx in ("store", "param")}
        local |= {"loop", "super", "self", "varargs", "kwargs"}  # jinja's own names
        for node in ast.find_all((nodes.Getattr, nodes.Name)):
            path = _dotted(node)
            if path and path.split(".")[0] not in local:
                found.setdefault(path, None)
    # Keep the longest paths: 'supporter' is implied by 'supporter.name'.
    paths = list(found)
    return [p for p in paths if not any(q.startswith(p + ".") for q in paths)]


def _dotted(node: nodes.Node) -> str | None:
    parts: list[str] = []
    while isinstance(node, nodes.Getattr):
        parts.append(node.attr)
        node = node.node
    if isinstance(node, nodes.Name) and node.ctx == "load":
        parts.append(node.name)
        return ".".join(reversed(parts))
    return None



# --------------------------------------------------------------------------- compiled templates

_TAG = re.compile(r"\{[{%#]")
_RENDERED_PARTS = re.compile(r"^word/(document|header\d*|footer\d*|footnotes)\.xml$")
_CONTROL_CHARS = ("\t", "\a", "\n", "\f")  # docxtpl's Listing markers, see resolve_listing


class CompiledTemplate:
    """A template prepared once for many renders (the batch path).

    Each part that holds tags is patched and compiled once; rendering one document then
    runs the compiled jinja templates and copies every other part of the package as its
    stored, compressed bytes. The result is equivalent to :func:`render_docx` (the same
    text and parts); contexts holding images take the general path, as pictures need
    python-docx's part machinery.
    """

    def __init__(self, template: Path, *, blank: str = DEFAULT_BLANK) -> None:
        self.path = template
        self.blank = blank
        tpl = _open_template(template)  # validates the file, gives docxtpl's helpers
        self._helper = tpl
        self._report = BlankReport()
        self._env = make_environment(blank, lambda f: self._report.add(f))
        try:
            self._entries = read_entries(template)
        except (zipfile.BadZipFile, OSError) as exc:
            raise TemplateError(f"无法读取 Word 模板：{exc}", Location(file=str(template))) from None
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
        data = zlib.decompress(entry.raw, -15) if entry.method == zipfile.ZIP_DEFLATED else entry.raw
        return data.decode("utf-8")

    def _compile(self, name: str, text: str) -> tuple[str, str, Any]:
        """(prefix, suffix, jinja template) of a part; for the body, only w:body is a template."""
        root = etree.fromstring(text.encode("utf-8"))
        declaration = text[: text.index("?>") + 2] if text.startswith("<?xml") else ""
        if name == "word/document.xml":
            body = root.find(qn("w:body"))
            source = self._helper.xml_to_string(body)
            placeholder = etree.SubElement(root, "docgen-body")
            root.replace(body, placeholder)
            whole = etree.tostring(root, encoding="unicode")
            prefix, suffix = whole.split("<docgen-body/>")
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
            raise TemplateError(f"模板语法错误：{exc.message}",
                                Location(file=str(self.path), paragraph=_paragraph_of(exc))) from None
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
            except SecurityError as exc:
                raise TemplateError(f"模板中的标签试图访问不允许的内容，已拒绝：{exc}",
                                    Location(file=str(self.path), paragraph=_paragraph_of(exc))) from None
            except JinjaTemplateError as exc:
                raise TemplateError(f"模板渲染失败：{exc}",
                                    Location(file=str(self.path), paragraph=_paragraph_of(exc))) from None
            except (ValueError, TypeError) as exc:
                raise RenderError(f"渲染失败：{exc}", Location(file=str(self.path))) from None
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
            xml = etree.tostring(tree, encoding="unicode")
        return xml


def _has_images(context: dict[str, Any]) -> bool:
    """Pictures enter a context only as seal and signature images (see context.py)."""
    for key in ("seal", "signature"):
        value = context.get(key)
        if isinstance(value, ImageRef) or (
                isinstance(value, dict) and any(isinstance(v, ImageRef) for v in value.values())):
            return True
    return False
