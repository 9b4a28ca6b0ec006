"""Combine documents of one kind into a single .docx for printing. Owns docxcompose.

Each document starts on a new page. docxcompose carries styles, numbering and images
(seals) across, renumbering their relationships.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK


def merge_documents(paths: list[Path]) -> bytes:
    """The bytes of one document holding every document of ``paths``, each on new pages."""
    from docxcompose.composer import Composer  # loaded only when merging

    if not paths:
        raise ValueError("nothing to merge")
    master = Document(str(paths[0]))
    composer = Composer(master)
    for path in paths[1:]:
        # A page break at the very end of what is there, so the next pair starts anew.
        master.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        composer.append(Document(str(path)))
    buffer = io.BytesIO()
    composer.save(buffer)
    return buffer.getvalue()
