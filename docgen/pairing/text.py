"""Small text rules shared by the stages: XML-safe text and official document numbers."""

from __future__ import annotations

import re
import unicodedata

# Characters XML 1.0 forbids (C0 controls but tab/newline/CR, lone surrogates, U+FFFE/FFFF).
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def strip_xml_forbidden(text: str) -> tuple[str, list[str]]:
    """Remove characters a .docx cannot hold; return the text and what was removed."""
    removed = _XML_FORBIDDEN.findall(text)
    if not removed:
        return text, []
    return _XML_FORBIDDEN.sub("", text), [f"U+{ord(c):04X}" for c in removed]


_OPEN = "[\\[【［(（〔〖]"
_CLOSE = "[\\]】］)）〕〗]"
_DOC_NUMBER = re.compile(
    rf"^(?P<org>[^\s\[【［(（〔〖]*?)\s*{_OPEN}\s*(?P<year>\d{{4}})\s*{_CLOSE}\s*第?\s*0*(?P<seq>\d+)\s*号$"
)


def normalize_doc_number(number: str) -> str:
    """Write a document number in the official form of GB/T 9704-2012.

    常教发[2007]023号 → 常教发〔2007〕23号: year in hexagonal brackets 〔〕, serial without
    leading zeros and without 第. A number that does not look like one is returned as given.
    """
    text = unicodedata.normalize("NFKC", number).strip()
    # NFKC turns 〔〕 into themselves but （） into (): match on the normalised text.
    m = _DOC_NUMBER.match(text)
    if not m:
        return number.strip()
    return f"{m.group('org')}〔{m.group('year')}〕{int(m.group('seq'))}号"


_ITEM_NUMBER = re.compile(
    r"^\s*(?:\d{1,2}\s*(?:[.．](?!\d)|[、)）])|[(（]\s*\d{1,2}\s*[)）]|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]、?"
    r"|[一二三四五六七八九十]{1,3}\s*、)\s*"
)


def strip_item_number(text: str) -> str:
    """Drop a leading list number the user typed (1. / 2、 / （3） / ④), since templates number."""
    stripped = _ITEM_NUMBER.sub("", text, count=1)
    return stripped if stripped.strip() else text
