"""Benchmark: converting a 200-page .docx against OpenCC on the same plain text.

Run by hand:  python tests/bench/bench_convert.py [--pages 200] [--config s2t]

The document is the sample work summary repeated to the given number of pages (about 600
characters a page, paragraphs split into runs as Word leaves them: a formatting change every
few phrases). Prints the time of `convert_docx` (parse, convert, map back onto runs, write),
the time of OpenCC alone on the document's plain text, and of reading and re-writing the
package without converting, and the ratio convert / (OpenCC + package).
"""

from __future__ import annotations

import argparse
import io
import time
from pathlib import Path

from docx import Document

from docgen import load_pairing, render_pairing
from docgen.ooxml.package import read_package, rewrite
from docgen.ooxml.text import document_text, plain_text
from docgen.ooxml.xml import parse_part, serialize_part
from docgen.script.docx import convert_docx, is_converted_part
from docgen.script.text import ScriptConverter, _opencc, language_of_config

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def build(pages: int) -> bytes:
    source = render_pairing("summary", load_pairing(SAMPLES / "pairing.yaml")).data
    paragraphs = [p for p in document_text(source).splitlines() if p.strip()]
    doc = Document()
    chars = 0
    i = 0
    while chars < pages * 600:
        text = paragraphs[i % len(paragraphs)]
        p = doc.add_paragraph()
        for j, piece in enumerate(text[k:k + 17] for k in range(0, len(text), 17)):
            run = p.add_run(piece)
            run.bold = j % 3 == 1
        chars += len(text)
        i += 1
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def read_and_write(data: bytes) -> bytes:
    """Reading and writing the package: the parts conversion touches are inflated, parsed,
    serialised and deflated again; the others are copied as stored. No text is touched."""
    entries = read_package(data)
    return rewrite(entries, {entry.name: serialize_part(parse_part(entry.content(), entry.name))
                             for entry in entries if is_converted_part(entry.name)})


def best_of(n: int, fn) -> float:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--config", default="s2t")
    args = parser.parse_args()
    data = build(args.pages)
    text = plain_text(data)
    converter = ScriptConverter((args.config,), language=language_of_config(args.config))
    paragraphs = text.count("\n") + 1
    t_convert = best_of(3, lambda: convert_docx(data, converter))
    t_opencc = best_of(3, lambda: _opencc(args.config).convert(text))
    t_package = best_of(3, lambda: read_and_write(data))
    print(f"document: {args.pages} pages, {len(text)} characters, {paragraphs} paragraphs, "
          f"{len(data) // 1024} KB; config {args.config}")
    print(f"convert_docx              : {t_convert * 1000:.0f} ms")
    print(f"OpenCC on the plain text  : {t_opencc * 1000:.0f} ms")
    print(f"read + write the package  : {t_package * 1000:.0f} ms (the same parts parsed and written)")
    print(f"ratio convert / (OpenCC + package): {t_convert / (t_opencc + t_package):.2f}")


if __name__ == "__main__":
    main()
