"""Post-process stage: what happens to a rendered document before it is written.

Today: the blank check of ``--strict``. Script conversion (simplified ↔ traditional) will
join here, so that every document takes the same path to disk.
"""

from __future__ import annotations

from .errors import MissingValuesError
from .model import field_labels
from .render import RenderedDocument


def finish(document: RenderedDocument, *, strict: bool = False) -> RenderedDocument:
    """Apply the post-render rules; raise :class:`MissingValuesError` when strict and blank."""
    if strict and document.blanks:
        raise MissingValuesError(document.blanks.as_dict(), field_labels())
    return document
