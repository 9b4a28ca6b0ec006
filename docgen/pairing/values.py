"""Values of a template context besides plain text: blanks, composed text, images.

A missing value renders as :class:`Blank`, a ``str`` that prints as the blank string
(``____`` by default) and remembers which field it stands for. It is falsy, so a template
can still ask ``{% if supporter.phone %}``. The render stage records every Blank it
writes; :class:`BlankReport` counts them per field for the CLI and for ``--strict``.
"""

from __future__ import annotations

import string
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

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


class Filled(str):
    """Text composed from values some of which may be blanks; remembers their fields.

    Prose assembled in Python (a default paragraph naming the partner school) keeps the
    blanks it holds visible to the blank report through ``blanks``.
    """

    blanks: tuple[str, ...]

    def __new__(cls, text: str, blanks: tuple[str, ...] = ()) -> "Filled":
        obj = super().__new__(cls, text)
        obj.blanks = blanks
        return obj


def blank_fields(value: object) -> tuple[str, ...]:
    """The blank fields a value holds: its own field if a Blank, those inside a Filled."""
    if isinstance(value, Blank):
        return (value.field,)
    if isinstance(value, Filled):
        return value.blanks
    return ()


def compose(pattern: str, **values: object) -> str:
    """``pattern.format(**values)``, keeping track of the blanks among the values used.

    Returns a plain str when no blank went in, else a :class:`Filled`.
    """
    text = pattern.format(**values)
    used = [name for _, name, _, _ in string.Formatter().parse(pattern) if name]
    fields = tuple(f for name in used for f in blank_fields(values[name.split(".")[0]]))
    return Filled(text, fields) if fields else text


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


@dataclass(frozen=True)
class ImageRef:
    """An image to place in the document; the render stage turns it into a picture."""

    path: Path
    width_mm: float | None = None
    height_mm: float | None = None
