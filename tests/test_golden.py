"""Golden tests: the text of generated documents against checked-in expected text.

The expected files were read through by hand once. After an intended wording change,
regenerate them with  DOCGEN_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
and read the diff before committing.
"""

import os

import pytest

from docgen import load_pairing, render_pairing
from docgen.ooxml.text import document_text

from conftest import DATA, SAMPLES

GOLDEN = DATA / "golden"
CASES = [
    ("agreement", "pairing.yaml", "agreement-complete.txt"),
    ("agreement", "pairing-partial.yaml", "agreement-partial.txt"),
    ("plan", "pairing.yaml", "plan-complete.txt"),
    ("plan", "pairing-partial.yaml", "plan-partial.txt"),
    ("summary", "pairing.yaml", "summary-complete.txt"),
    ("summary", "pairing-partial.yaml", "summary-partial.txt"),
    ("scheme", "community.yaml", "scheme-community.txt"),
    ("scheme", "pairing.yaml", "scheme-pair.txt"),
]


@pytest.mark.parametrize("kind, sample, expected", CASES)
def test_generated_text_matches_golden(kind, sample, expected):
    result = render_pairing(kind, load_pairing(SAMPLES / sample))
    text = document_text(result.data)
    path = GOLDEN / expected
    if os.environ.get("DOCGEN_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
