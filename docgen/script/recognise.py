"""Finding the people and places of an existing document, to convert them as names.

A filled form names its people after labels (代表（签字）：干志明, 联系人：范伟, 成员：于丹、
叶红) and in tables headed 姓名 or 校名. Labels and headers are matched in simplified
form, so a traditional document (聯絡人、組長) is read the same way; the names returned
are the document's own text.
"""

from __future__ import annotations

import re
from typing import Sequence

from .names import looks_like_person
from .proper import ProperNames
from .text import READ_TRADITIONAL, ScriptConverter, is_traditional

PERSON_LABELS = ("法定代表人", "代表", "联系人", "联络人", "校长", "副校长", "组长", "副组长", "成员",
                 "负责人", "姓名", "签字", "签名", "主讲人", "主讲", "执教", "授课教师", "班主任",
                 "经办人", "填表人", "审核人")
PERSON_HEADERS = ("姓名", "名字", "教师", "教师姓名", "联系人", "联络人", "校长", "代表", "负责人",
                  "主讲", "执教", "授课教师")
PLACE_HEADERS = ("校名", "学校", "学校名称", "单位", "所在学校", "所在单位", "承办学校", "地点",
                 "乡镇", "镇", "县区", "地区")

_LABEL = re.compile("(?:" + "|".join(sorted(PERSON_LABELS, key=len, reverse=True)) + ")"
                    r"(?:[（(][^）)]{0,6}[）)])?[：:]\s*")
_NAME_LIST = re.compile(r"[\u3400-\u9fff]{2,4}(?:\s*[、，,；;/]\s*[\u3400-\u9fff]{2,4})*")
_SPLIT = re.compile(r"\s*[、，,；;/]\s*")


def recognise(paragraphs: Sequence[str], tables: Sequence[Sequence[Sequence[str]]],
              source: str) -> ProperNames:
    """The names ``paragraphs`` give after labels and ``tables`` give under their headers."""
    reader = _Reader(source)
    people: list[str] = []
    places: list[str] = []
    for paragraph in paragraphs:
        people.extend(reader.labelled_people(paragraph))
    for table in tables:
        found_people, found_places = reader.table_columns(table)
        people.extend(found_people)
        places.extend(found_places)
    return ProperNames(tuple(dict.fromkeys(people)), tuple(dict.fromkeys(places)),
                       tuple(paragraphs))


class _Reader:
    def __init__(self, source: str) -> None:
        self.converter = (ScriptConverter.between(READ_TRADITIONAL, "hans")
                          if is_traditional(source) else None)

    def simplified(self, text: str) -> str:
        """``text`` in simplified characters, position for position (or as it is)."""
        if self.converter is None:
            return text
        converted = self.converter.convert(text)
        return converted if len(converted) == len(text) else text

    def labelled_people(self, paragraph: str) -> list[str]:
        plain = self.simplified(paragraph)
        found = []
        for label in _LABEL.finditer(plain):
            names = _NAME_LIST.match(plain, label.end())
            if not names:
                continue
            start = names.start()
            for piece in _SPLIT.split(plain[start:names.end()]):
                offset = plain.index(piece, start)
                original = paragraph[offset:offset + len(piece)]
                start = offset + len(piece)
                if looks_like_person(piece):
                    found.append(original)
        return found

    def table_columns(self, table: Sequence[Sequence[str]]) -> tuple[list[str], list[str]]:
        """Cells under a header row's 姓名-like and 校名-like headers."""
        people: list[str] = []
        places: list[str] = []
        for index, row in enumerate(table):
            headers = [re.sub(r"\s+", "", self.simplified(cell)) for cell in row]
            person_columns = [i for i, h in enumerate(headers) if h in PERSON_HEADERS]
            place_columns = [i for i, h in enumerate(headers) if h in PLACE_HEADERS]
            if not person_columns and not place_columns:
                continue
            for below in table[index + 1:]:
                for i in person_columns:
                    if i < len(below):
                        people.extend(n for n in _SPLIT.split(below[i].strip())
                                      if looks_like_person(self.simplified(n)))
                for i in place_columns:
                    if i < len(below) and below[i].strip():
                        places.append(below[i].strip())
            break
        return people, places
