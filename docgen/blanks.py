"""Blanks: how a missing value shows in a document, and the report of those left.

A missing value renders as :class:`Blank`, a ``str`` that prints as the blank string
(``____`` by default) and remembers which field it stands for. It is falsy, so a template
can still ask ``{% if supporter.phone %}``. The render stage records every Blank it
writes; :class:`BlankReport` counts them per field for the CLI and for ``--strict``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

DEFAULT_BLANK = "____"


class Blank(str):
    """The visible stand-in for a missing value (or a value with missing parts)."""

    field: str

    def __new__(cls, field: str, text: str = DEFAULT_BLANK) -> "Blank":
        obj = super().__new__(cls, text)
        obj.field = field
        return obj

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return f"Blank({self.field!r}, {str(self)!r})"


@dataclass
class BlankReport:
    """Blanks written into one document: field key path → how many places."""

    counts: Counter = field(default_factory=Counter)

    def add(self, field_path: str) -> None:
        self.counts[field_path] += 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def __bool__(self) -> bool:
        return bool(self.counts)

    def items(self) -> list[tuple[str, int]]:
        """Fields in the order they first appeared in the document."""
        return list(self.counts.items())

    def as_dict(self) -> dict[str, int]:
        return dict(self.counts)
