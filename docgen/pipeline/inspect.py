"""What a template reads: its parts' jinja sources, the names and paths they use, the
skeleton of data they need, and their syntax errors (for ``docgen check`` and
``docgen kinds``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from jinja2 import TemplateSyntaxError, meta, nodes

from ..pairing.values import DEFAULT_BLANK
from .render import make_environment, open_template, render_failure, syntax_message

_ENV = make_environment(DEFAULT_BLANK, lambda _: None)


@dataclass
class SyntaxProblem:
    """A jinja syntax error in one part of a template."""

    part: str            # the part's name: document, /word/header1.xml …
    paragraph: int
    message: str         # in Chinese
    line: str            # the paragraph's XML source


@dataclass
class TemplateData:
    """The data a template needs: top-level names, a skeleton to fill, syntax problems."""

    variables: list[str] = field(default_factory=list)
    skeleton: dict[str, Any] = field(default_factory=dict)
    problems: list[SyntaxProblem] = field(default_factory=list)


def template_data(template: Path) -> TemplateData:
    """Every part's undeclared names, the data skeleton, and the syntax errors."""
    variables: dict[str, None] = {}
    skeleton: dict[str, Any] = {}
    data = TemplateData()
    for part, source in template_sources(template):
        try:
            ast = _ENV.parse(source)
        except TemplateSyntaxError as exc:
            line = source.splitlines()[exc.lineno - 1] if exc.lineno else ""
            data.problems.append(SyntaxProblem(part, max((exc.lineno or 1) - 1, 1),
                                               syntax_message(exc.message or ""), line))
            continue
        for name in sorted(meta.find_undeclared_variables(ast)):
            variables.setdefault(name, None)
        _skeleton(ast, skeleton)
    data.variables = list(variables)
    data.skeleton = {k: skeleton.get(k) for k in data.variables}
    _scalar_lists(data.skeleton)
    return data


def template_sources(template: Path) -> Iterator[tuple[str, str]]:
    """(part name, jinja source) of every part docxtpl renders: body, headers, footers,
    footnotes. Each paragraph starts a line, so a jinja line number is a paragraph number."""
    tpl = open_template(template)

    def lines(xml: str) -> str:
        return re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(xml))

    yield "document", lines(tpl.get_xml())
    for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
        for _, part in tpl.get_headers_footers(uri):
            yield str(part.partname), lines(tpl.get_part_xml(part))
    for part in tpl.docx.part.package.parts:
        if part.content_type.endswith("wordprocessingml.footnotes+xml"):
            yield str(part.partname), lines(part.blob.decode("utf-8"))


def template_fields(template: Path) -> list[str]:
    """The context paths a template reads, in order of first use: ['supporter.name', …].

    Loop variables are left out; a path stops at the first non-attribute access.
    """
    found: dict[str, None] = {}
    for _, source in template_sources(template):
        try:
            ast = _ENV.parse(source)
        except TemplateSyntaxError as exc:
            raise render_failure(exc, template) from None
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


def _skeleton(ast: nodes.Template, skeleton: dict[str, Any]) -> None:
    """Grow a YAML skeleton from attribute paths and loops of one part."""
    loops: dict[str, dict[str, Any]] = {}
    for loop in ast.find_all(nodes.For):  # outer loops come first
        path = _dotted(loop.iter)
        if path and isinstance(loop.target, nodes.Name):
            item: dict[str, Any] = {}
            head, _, rest = path.partition(".")
            if head in loops and rest:
                _insert(loops[head], rest, [item])
            else:
                _insert(skeleton, path, [item])
            loops[loop.target.name] = item
    for node in ast.find_all(nodes.Getattr):
        path = _dotted(node)
        if not path:
            continue
        head, _, rest = path.partition(".")
        if head in loops and rest:
            _insert(loops[head], rest, None)
        elif head not in loops:
            _insert(skeleton, path, None)
    _scalar_lists(skeleton)


def _scalar_lists(tree: dict[str, Any]) -> None:
    """A loop whose variable is printed directly is a list of values, not of mappings."""
    for key, value in tree.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            if value[0]:
                _scalar_lists(value[0])
            else:
                tree[key] = [None]
        elif isinstance(value, dict):
            _scalar_lists(value)


def _insert(tree: dict[str, Any], path: str, leaf: Any) -> None:
    *parents, last = path.split(".")
    for key in parents:
        value = tree.get(key)
        if isinstance(value, list) and value and isinstance(value[0], dict):
            tree = value[0]
        elif isinstance(value, dict):
            tree = value
        else:
            tree[key] = {}
            tree = tree[key]
    if last not in tree or tree[last] is None:
        tree[last] = leaf
