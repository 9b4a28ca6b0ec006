"""Load stage for activity logs: one row per activity, from a school's own sheet.

A sheet is read as :mod:`.table` reads a roster: a title above the header, 序号, the
school's own headers (活动时间, 活动内容, 承办学校, 参与教师（人次）), and a 合计 row
below (skipped). A column 编号 links rows to pairs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError, Location, Problem
from ..kinds import PAIRING_SPEC
from .grid import Workbook
from .keys import Vocabulary, clean_name, vocabulary
from .load import Source
from .table import Table, find_table

ACTIVITY_SHEET = "活动记录"
_ACTIVITIES = PAIRING_SPEC.child("summary").child("activities")


def _vocabulary() -> Vocabulary:
    """Headers of an activity sheet: the activity's fields (a donation's flat: 图书), and
    the pair's 编号 linking a row to its pair."""
    ids = {clean_name(name): ("id",) for name in PAIRING_SPEC.child("id").names}
    return vocabulary(_ACTIVITIES, ids)


ACTIVITY_VOCABULARY = _vocabulary()
ACTIVITY_HEADERS = ACTIVITY_VOCABULARY.names


@dataclass
class ActivitySheet:
    """Activity rows read from a sheet, with where each value came from."""

    file: str
    records: list[dict[str, Any]]
    rows: list[int]                # the sheet row of each record
    columns: dict[str, str]        # field path in an activity (donation.books) → the header
    ids: list[str | None] = field(default_factory=list)  # each record's 编号, if any
    notices: list[Problem] = field(default_factory=list)

    @property
    def has_ids(self) -> bool:
        return "id" in self.columns

    def for_pair(self, pair_id: str | None) -> "ActivitySheet":
        """The rows of one pair (by 编号); all rows when the sheet has no 编号 column.

        A sheet with rows none of which is this pair's is refused, naming the 编号 found:
        a summary claiming no activities while the sheet has some would be wrong."""
        if not self.has_ids:
            return self
        keep = [i for i, row_id in enumerate(self.ids) if row_id == pair_id and pair_id]
        if not keep and self.records:
            found = "、".join(dict.fromkeys(i for i in self.ids if i)) or "（都是空的）"
            mine = f"编号为「{pair_id}」的" if pair_id else "本结对的（本结对没有编号）"
            raise InputError(f"活动记录表中没有{mine}活动；表中的编号有：{found[:200]}",
                             Location(file=self.file, column=self.columns["id"]))
        return ActivitySheet(self.file, [self.records[i] for i in keep], [self.rows[i] for i in keep],
                             self.columns, [self.ids[i] for i in keep], self.notices)

    def locate(self, key_path: str) -> Location | None:
        """``summary.activities[3].donation.books`` → row and column of that cell."""
        m = re.match(r"^summary\.activities\[(\d+)\](?:\.([\w.]+))?", key_path)
        if not m or int(m.group(1)) > len(self.rows):
            return None
        path = m.group(2) or ""
        column = self.columns.get(path) or self.columns.get(path.split(".")[0])
        return Location(file=self.file, row=self.rows[int(m.group(1)) - 1], column=column)


def find_activity_table(book: Workbook) -> Table:
    """The activity log of a workbook: the sheet 活动记录, else the sheet that has a 类型
    column and matches the activity columns best."""
    names = [ACTIVITY_SHEET] if ACTIVITY_SHEET in book.names else None
    best: Table | None = None
    error: InputError | None = None
    for name in names or [s.name for s in book.sheets if not s.hidden] or [book.sheets[0].name]:
        try:
            table = find_table(book.grid(name or None), ACTIVITY_VOCABULARY, what="活动记录表")
        except InputError as exc:
            error = error or exc
            continue
        if best is None or (table.has("type"), len(table.used)) > (best.has("type"), len(best.used)):
            best = table
    if best is None:
        assert error is not None
        raise error
    if not best.has("type"):
        unknown = "、".join(c.header for c in best.unused)
        raise InputError("活动记录表缺少「活动类型」列" + (f"（不认识的列：{unknown}）" if unknown else ""),
                         Location(file=best.where, row=best.header_rows[-1]))
    return best


def load_activity_sheet(source: Source, pair_id: str | None = None,
                        encoding: str | None = None) -> ActivitySheet:
    """Read an activity log sheet: one row per activity.

    Given ``pair_id`` and a 编号 column, only that pair's rows are kept."""
    table = find_activity_table(Workbook(source, encoding))
    records, numbers, ids = [], [], []
    columns: dict[str, str] = {}
    only_ids = []
    for number, record, headers in table.records():
        columns.update(headers)
        row_id = record.pop("id", None)
        if not record:  # a row of a form with its 编号 filled in ahead
            only_ids.append(str(number))
            continue
        records.append(record)
        numbers.append(number)
        ids.append(str(row_id).strip() if row_id is not None else None)
    columns.update({p: c.header for c in table.used for p in c.paths})
    notices = table.notices()
    if only_ids:
        notices.append(Problem(f"已跳过只有编号的行（第{'、'.join(only_ids)}行）",
                               Location(file=table.where)))
    sheet = ActivitySheet(table.where, records, numbers, columns, ids, notices)
    return sheet.for_pair(pair_id) if pair_id is not None else sheet
