"""Pictures a document can hold (seals, signatures): which files Word takes."""

from __future__ import annotations

from docx.image.exceptions import (InvalidImageStreamError, UnexpectedEndOfFileError,
                                   UnrecognizedImageError)

# What python-docx raises for a picture file it cannot read although its header looked right.
IMAGE_ERRORS = (InvalidImageStreamError, UnexpectedEndOfFileError, UnrecognizedImageError)


def image_format(head: bytes) -> str | None:
    """The image format from a file's first bytes, or None when it is not one Word takes."""
    if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head.startswith(b"BM") and len(head) >= 26:
        return "bmp"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    return None
