"""Render stage: a Word template + a context → the bytes of a .docx. Owns docxtpl and jinja2.

Templates are rendered in jinja's sandbox with autoescaping on, so a value holding
``& < >`` is written as text (docxtpl's default, escaping off, drops such paragraphs) and
a value holding ``{{ }}`` is never evaluated. Every blank written is recorded, field by
field, for the blank report. A failure is the template's (a wrong tag, a filter given the
wrong value: with its paragraph), the user's (a picture that cannot be read), or docgen's
own bug, which is not disguised as either.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from docxtpl import DocxTemplate, InlineImage
from jinja2 import ChainableUndefined, TemplateSyntaxError
from jinja2.exceptions import SecurityError, TemplateError as JinjaTemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment

from ..errors import DocgenError, InputError, Location, TemplateError
from ..ooxml.images import IMAGE_ERRORS
from ..ooxml.safety import check_docx
from ..ooxml.xml import XML_ERRORS
from ..pairing.dates import DateValue
from ..pairing.values import DEFAULT_BLANK, Blank, BlankReport, Filled, ImageRef, blank_fields
from .filters import FILTERS

_EMU_PER_MM = 36_000
_PACKAGE = str(Path(__file__).resolve().parent.parent)


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


def open_template(path: Path) -> DocxTemplate:
    try:
        check_docx(path)
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
                           width=round(value.width_mm * _EMU_PER_MM) if value.width_mm else None,
                           height=round(value.height_mm * _EMU_PER_MM) if value.height_mm else None)
    if isinstance(value, dict):
        return {k: _with_images(v, tpl) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_images(v, tpl) for v in value]
    return value


def render_docx(template: Path, context: dict[str, Any], *,
                blank: str = DEFAULT_BLANK, show_missing: bool = True) -> RenderedDocument:
    """Render ``template`` with ``context``; return the document's bytes and its blanks."""
    tpl = open_template(template)
    report = BlankReport()
    env = make_environment(blank, report.add, show_missing=show_missing)
    try:
        tpl.render(_with_images(context, tpl), env, autoescape=True)
    except Exception as exc:
        raise render_failure(exc, template) from None
    buffer = io.BytesIO()
    tpl.save(buffer)
    return RenderedDocument(buffer.getvalue(), report)


def syntax_message(message: str) -> str:
    """jinja's syntax error in Chinese, the original kept in brackets."""
    known = [
        (r"Encountered unknown tag '(end\w+)'", "多余的 {{% {0} %}}（前面没有与之配对的开始标签）"),
        (r"Unexpected end of template\. Jinja was looking for the following tags: '(\w+)'",
         "缺少 {{% {0} %}}（开始的标签没有结束）"),
        (r"Encountered unknown tag '(\w+)'", "不认识的标签 {{% {0} %}}"),
        (r"unexpected '(.+)'", "标签中有意外的「{0}」"),
        (r"expected token '(.+)', got '(.+)'", "标签写法有误：这里应为「{0}」，实际为「{1}」"),
    ]
    for pattern, chinese in known:
        m = re.search(pattern, message)
        if m:
            return f"模板语法错误：{chinese.format(*m.groups())}（{message}）"
    return f"模板语法错误：{message}"


def render_failure(exc: Exception, template: Path) -> Exception:
    """What a failure while rendering ``template`` means, as the error to raise: the
    template's, the user's picture's, or — raised from docgen's own code outside the
    template — docgen's bug, returned unchanged."""
    where = Location(file=str(template), paragraph=_paragraph_of(exc))
    if isinstance(exc, TemplateSyntaxError):
        return TemplateError(syntax_message(exc.message or ""), where)
    if isinstance(exc, SecurityError):
        return TemplateError(f"模板中的标签试图访问不允许的内容，已拒绝：{exc}", where)
    if isinstance(exc, TemplateError) and not str(exc.where):  # a filter refusing its value
        return TemplateError(exc.message, where)
    if isinstance(exc, DocgenError):
        return exc
    if isinstance(exc, JinjaTemplateError):
        return TemplateError(f"模板渲染失败：{exc}", where)
    if isinstance(exc, IMAGE_ERRORS):
        return InputError(f"图片文件无法读取（已损坏，或不是 PNG、JPEG 等图片）：{exc}",
                          Location(file=str(template)))
    if isinstance(exc, XML_ERRORS):
        return TemplateError(f"模板生成的内容不是有效的 Word XML（标签是否放在了表格或段落之外？）：{exc}",
                             Location(file=str(template)))
    if _raised_in_template(exc):  # the template's own expression: {{ "a" + 1 }}, {{ 1 / 0 }}
        return TemplateError(f"模板中的表达式出错（{type(exc).__name__}: {exc}）", where)
    return exc


def _raised_in_template(exc: BaseException) -> bool:
    """Whether the template's code raised ``exc`` (a frame of it on the way, and the
    innermost frame not in docgen's own modules)."""
    frames = []
    tb = exc.__traceback__
    while tb is not None:
        frames.append(tb.tb_frame.f_code.co_filename)
        tb = tb.tb_next
    return "<template>" in frames and not frames[-1].startswith(_PACKAGE)


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
