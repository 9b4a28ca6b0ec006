"""Property tests: whatever text a spreadsheet holds, every kind in every script gives a
package Word opens, with each value in it as given (less what XML forbids, reported)."""

import io
import re

import pytest
from docx import Document
from hypothesis import HealthCheck, example, given, settings, strategies as st

from docgen import render_pairing
from docgen.ooxml.text import document_text
from docgen.pipeline.finish import ScriptOptions
from docgen.pairing.text import strip_xml_forbidden
from docgen.script.text import detect_script, to_simplified

SPECIAL = st.sampled_from(["&", "<", ">", '"', "'", "&amp;", "]]>", "{{ x }}", "{% if %}", "{#",
                           "\u202e", "\u200f", "😀", "👩‍👩‍👧", "𠀀", "𪚥", "\x00", "\x07", "\x1b",
                           "\ud800", "\udfff", "\ufffe", "\t", " ", "\u3000", "城乡", "學校"])
VALUE = st.lists(st.one_of(SPECIAL, st.text(max_size=8)), max_size=12).map("".join)
NON_CJK = st.lists(st.sampled_from(["&", "<", ">", '"', "'", "{{ y }}", "{%", "😀", "\u202e", "\x01",
                                    "\ud834", "A", "9", "-", "\t"]), min_size=1, max_size=12).map("".join)

FIELDS = {
    "agreement": lambda v: {"supporter": {"name": v}, "supported": {"representative": v},
                            "other_terms": [v or "x"]},
    "plan": lambda v: {"supporter": {"name": v}, "plan": {"leading_group": {"leader": v},
                                                          "schedule": [{"month": "2025-09", "item": v}]}},
    "summary": lambda v: {"supported": {"name": v}, "summary": {"activities": [{"type": "其他", "title": v}],
                                                                 "shortcomings": [v or "x"]}},
    "scheme": lambda v: {"community": {"core": {"name": v, "head": v}, "members": [{"name": v}]}},
}


def expected_text(value: str) -> str:
    # A value typed in traditional characters is read into simplified ones.
    cleaned = strip_xml_forbidden(value)[0].strip()
    return to_simplified(cleaned) if detect_script(cleaned) == "hant" else cleaned


def check(kind: str, value: str, script: str, exact: bool) -> None:
    result = render_pairing(kind, FIELDS[kind](value), script=ScriptOptions(script))
    document = Document(io.BytesIO(result.data))  # opens
    assert document.paragraphs
    text = document_text(result.data)
    expected = expected_text(value)
    removed = strip_xml_forbidden(value)[1]
    if removed:
        assert result.warnings, "removed characters must be reported"
    if exact and expected and "\r" not in expected:
        # a line break in a value becomes a Word line break: compare line by line
        for line in re.split(r"\n", expected):
            assert line.strip() in text


SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.mark.parametrize("kind", list(FIELDS))
@SETTINGS
@given(value=VALUE)
@example(value="甲" * 10_000)
@example(value="   ")
@example(value="")
@example(value="{{ ''.__class__.__mro__ }}{% for x in range(9) %}x{% endfor %}")
def test_any_value_in_simplified(kind, value):
    check(kind, value, "hans", exact=True)


@pytest.mark.parametrize("script", ["hant", "tw", "hk"])
@pytest.mark.parametrize("kind", list(FIELDS))
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=NON_CJK)
def test_any_value_in_traditional(kind, script, value):
    # Characters the conversion leaves alone must arrive exactly; CJK values are checked
    # for a valid package (their converted form depends on the words around them).
    check(kind, value, script, exact=True)


@pytest.mark.parametrize("script", ["hant", "twp"])
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=VALUE)
def test_any_value_gives_a_valid_traditional_package(script, value):
    check("agreement", value, script, exact=False)
