"""Finish stage: what happens to a rendered document before it is written.

The blank check of ``--strict``, then script conversion (simplified → traditional) of the
whole package, so that template text and input values end in one script.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

from ..errors import MissingValuesError
from ..kinds import PAIRING_SPEC, Pairing, field_label
from ..pairing.schema import person_names
from ..script.docx import convert_docx, parse_font_map
from ..script.names import person_name_phrases
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

        Templates are written in simplified characters, so the source is always hans.
        People's names from the input keep surnames OpenCC would change (余, 范 …).
        """
        if self.target == "hans":
            return None
        keep = [*self.keep, *(pairing.keep if pairing else [])]
        names = person_names(PAIRING_SPEC, pairing) if pairing else []
        phrases = {**person_name_phrases(names, self.target), **self.phrases}
        return ScriptConverter.between("hans", self.target, keep, phrases)


def finish(document: RenderedDocument, *, strict: bool = False,
           script: ScriptOptions | None = None, pairing: Pairing | None = None) -> RenderedDocument:
    """Apply the post-render rules; raise :class:`MissingValuesError` when strict and blank."""
    if strict and document.blanks:
        fields = document.blanks.as_dict()
        raise MissingValuesError(fields, {f: field_label(f) or f for f in fields})
    converter = script.converter_for(pairing) if script else None
    if converter is not None:
        fonts = parse_font_map(script.font_map, converter.language)
        document = RenderedDocument(convert_docx(document.data, converter, fonts), document.blanks)
    return document
