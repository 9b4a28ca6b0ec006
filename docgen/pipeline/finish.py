"""Finish stage: what happens to a rendered document before it is written.

The blank check of ``--strict``, then script conversion (simplified → traditional) of the
whole package, so that template text and input values end in one script.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

from ..errors import MissingValuesError
from ..kinds import PAIRING_SPEC, Pairing, field_label
from ..pairing.schema import texts_by_proper
from ..script.docx import convert_docx, parse_font_map
from ..script.proper import ProperNames, converter_with_names, names_from_list
from ..script.text import ScriptConverter, check_script
from .render import RenderedDocument


@dataclass(frozen=True)
class ScriptOptions:
    """How to write a document in another script: target, words kept, phrase pairs, fonts."""

    target: str = "hans"
    keep: Sequence[str] = ()
    phrases: Mapping[str, str] = field(default_factory=dict)
    font_map: str | None = None   # --font-map: preset name or 原=新 pairs; None = default

    def __post_init__(self) -> None:
        check_script(self.target, "--script")

    def converter_for(self, pairing: Pairing | None) -> ScriptConverter | None:
        """The converter for one pairing's documents; None when nothing is to change.

        Templates are written in simplified characters, so the source is always hans. The
        pairing's people and places are written as names (see :mod:`docgen.script.proper`).
        """
        if self.target == "hans":
            return None
        names = proper_names(pairing) if pairing else ProperNames()
        keep = [*self.keep, *(pairing.keep if pairing else [])]
        return converter_with_names("hans", self.target, names, keep=keep, phrases=self.phrases)


def proper_names(pairing: Pairing) -> ProperNames:
    """The people and places of a pairing: its fields declared as names, the gazetteer
    names its other text mentions, and its ``names:`` list."""
    declared = names_from_list(pairing.proper_names, "names")
    return ProperNames.by_kind(texts_by_proper(PAIRING_SPEC, pairing)) | declared


def finish(document: RenderedDocument, *, strict: bool = False,
           script: ScriptOptions | None = None, pairing: Pairing | None = None) -> RenderedDocument:
    """Apply the post-render rules; raise :class:`MissingValuesError` when strict and blank."""
    if strict and document.blanks:
        fields = document.blanks.as_dict()
        raise MissingValuesError(fields, {f: field_label(f) or f for f in fields})
    converter = script.converter_for(pairing) if script else None
    if converter is not None:
        fonts = parse_font_map(script.font_map, converter.script)
        document = RenderedDocument(convert_docx(document.data, converter, fonts), document.blanks)
    return document
