"""The built-in document kinds, the whole input model, and the shipped templates.

A kind is one module: its fields, its default wording, the part of the context it builds
and its template's file name (agreement, plan, summary, scheme). This package puts them
together: :data:`KINDS` lists them, :class:`Pairing` is a pairing's data — what every
kind uses (:class:`~docgen.pairing.model.Common`), the agreement's fields and each other
kind's own section — and :data:`PAIRING_SPEC` is its schema tree.

Templates sit in the top-level ``templates/`` folder of the source tree and are shipped
inside the wheel as ``docgen/templates`` (likewise ``samples/``). An installed package
finds them beside its modules; an editable install or a source checkout falls back to the
source tree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem
from ..pairing.model import Common
from ..pairing.schema import group, label_of, spec_of
from . import agreement, plan, scheme, summary
from .common import CONTEXT_ROOTS as COMMON_ROOTS, DERIVED_FIELDS as COMMON_DERIVED, Kind
from .plan import Plan
from .scheme import Community, Scheme
from .summary import Summary

KINDS: dict[str, Kind] = {k.name: k for k in (agreement.KIND, plan.KIND, summary.KIND,
                                             scheme.KIND)}


@dataclass(frozen=True)
class Pairing(agreement.AgreementFields, Common):
    """One pairing of a supporting and a supported school, as validated input."""

    plan: Plan = group(Plan, "工作计划", "工作计划", "计划")
    summary: Summary = group(Summary, "工作总结", "工作总结", "总结")
    community: Community = group(Community, "共同体", "共同体")
    scheme: Scheme = group(Scheme, "实施方案", "实施方案", "方案")
    warnings: list[Problem] = field(default_factory=list, compare=False)


PAIRING_SPEC = spec_of(Pairing, label="结对帮扶")

# Fields one roster column fills together: a 学年 column is the plan's and the summary's.
SHARED_COLUMNS = ("plan.school_year", "summary.school_year")

# Context names computed from input fields rather than typed in: name → input fields.
DERIVED_FIELDS: dict[str, tuple[str, ...]] = {
    **COMMON_DERIVED, **{name: sources for k in KINDS.values() for name, sources in k.derived.items()}}

# The top-level names of every pairing context (what a template for pairing data reads).
CONTEXT_ROOTS = frozenset(COMMON_ROOTS).union(*(k.roots for k in KINDS.values()))


def field_label(path: str) -> str:
    """The Chinese label of an input field or a derived context name ('' if neither)."""
    label = label_of(PAIRING_SPEC, path)
    if label is None and path in DERIVED_FIELDS:
        label = label_of(PAIRING_SPEC, DERIVED_FIELDS[path][0])
    return label or ""


def input_fields(template_paths: list[str], known: set[str]) -> list[str]:
    """The input fields behind a template's context paths, in order, without repeats."""
    out: dict[str, None] = {}
    for path in template_paths:
        for name in DERIVED_FIELDS.get(path, (path,)):
            if name in known:
                out.setdefault(name, None)
            else:  # a group such as community.core: list its known leaves
                for leaf in known:
                    if leaf.startswith(name + "."):
                        out.setdefault(leaf, None)
    return list(out)


def _data_dir(name: str) -> Path:
    """A top-level data folder: inside the installed package, else in the source tree."""
    package = Path(__file__).resolve().parent.parent
    for folder in (package / name, package.parent / name):
        if folder.is_dir():
            return folder
    raise FileNotFoundError(f"docgen's {name} folder is missing from this installation")


def templates_dir() -> Path:
    """The folder holding the built-in Word templates."""
    return _data_dir("templates")


def builtin_template(kind: str) -> Path:
    """The built-in Word template of a kind (templates/agreement.docx …)."""
    return templates_dir() / KINDS[kind].template


def samples_dir() -> Path:
    """The folder holding the sample inputs that ``docgen init`` copies."""
    return _data_dir("samples")
