import pytest

from docgen.pairing.numerals import chinese_count, chinese_digits, parse_chinese_number
from docgen.pairing.text import normalize_doc_number, strip_item_number, strip_xml_forbidden


@pytest.mark.parametrize("given, official", [
    ("常教发[2007]023号", "常教发〔2007〕23号"),
    ("常教发〔2007〕23号", "常教发〔2007〕23号"),
    ("常教发【2007】23号", "常教发〔2007〕23号"),
    ("常教发（2007）第23号", "常教发〔2007〕23号"),
    ("常教发(2007)23号", "常教发〔2007〕23号"),
    ("常教发［2007］ 0023 号", "常教发〔2007〕23号"),
    ("国办发〔2024〕100号", "国办发〔2024〕100号"),
    ("无文号的说明", "无文号的说明"),
])
def test_document_numbers_take_the_official_form(given, official):
    assert normalize_doc_number(given) == official


@pytest.mark.parametrize("n, text", [(1, "一"), (3, "三"), (4, "四"), (10, "十"), (12, "十二"),
                                     (20, "二十")])
def test_chinese_counts(n, text):
    assert chinese_count(n) == text


def test_chinese_digits_use_ling_circle():
    assert chinese_digits(2008) == "二〇〇八"


@pytest.mark.parametrize("text, n", [("九", 9), ("十", 10), ("十二", 12), ("二十", 20),
                                     ("三十一", 31), ("二〇二五", 2025), ("二零零八", 2008)])
def test_parse_chinese_numbers(text, n):
    assert parse_chinese_number(text) == n


@pytest.mark.parametrize("given, kept", [
    ("1.积极配合", "积极配合"), ("2、制订规划", "制订规划"), ("（3）每学年", "每学年"),
    ("④、加强交流", "加强交流"), ("1.5倍课时", "1.5倍课时"), ("三、其它", "其它"),
    ("常规条款", "常规条款")])
def test_typed_item_numbers_are_dropped(given, kept):
    assert strip_item_number(given) == kept


def test_forbidden_xml_characters_are_removed_and_reported():
    text, removed = strip_xml_forbidden("甲\x00乙\x1b丙\ud800丁\t戊")
    assert text == "甲乙丙丁\t戊"
    assert removed == ["U+0000", "U+001B", "U+D800"]
