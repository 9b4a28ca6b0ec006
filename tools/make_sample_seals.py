"""Draw the placeholder seal images used by samples/ (a red ring with a star).

Run from the project root:  python tools/make_sample_seals.py
Pure Python (zlib + struct) so the samples need no imaging library. Real users scan their
own seals; these only show where a seal lands in the signature block.
"""

from __future__ import annotations

import math
import struct
import zlib
from pathlib import Path

SIZE = 320
RED = (200, 16, 32)


def _star_contains(x: float, y: float, r_outer: float, r_inner: float) -> bool:
    """Whether (x, y), relative to the centre, lies inside a five-pointed star."""
    points = []
    for i in range(10):
        angle = -math.pi / 2 + i * math.pi / 5
        r = r_outer if i % 2 == 0 else r_inner
        points.append((r * math.cos(angle), r * math.sin(angle)))
    inside = False
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def seal_pixels(rings: int) -> list[bytes]:
    c = SIZE / 2
    rows = []
    for j in range(SIZE):
        row = bytearray([0])  # filter byte: none
        for i in range(SIZE):
            x, y = i + 0.5 - c, j + 0.5 - c
            d = math.hypot(x, y)
            on = c - 14 <= d <= c - 4 or (rings > 1 and c - 26 <= d <= c - 22)
            on = on or _star_contains(x, y, c * 0.32, c * 0.13)
            row += bytes((*RED, 230)) if on else bytes((255, 255, 255, 0))
        rows.append(bytes(row))
    return rows


def write_png(path: Path, rows: list[bytes]) -> None:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)  # 8-bit RGBA
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + \
        chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")
    path.write_bytes(data)


if __name__ == "__main__":
    samples = Path(__file__).resolve().parent.parent / "samples"
    samples.mkdir(exist_ok=True)
    write_png(samples / "seal_a.png", seal_pixels(1))
    write_png(samples / "seal_b.png", seal_pixels(2))
    print("wrote samples/seal_a.png, samples/seal_b.png")
