"""Check the name tables in this folder: shape, duplicate keys, script of each column.

Run: python tests/data/names/check_tables.py   (needs opencc; exits non-zero on a problem)
Not a pytest module: it checks the data, not docgen, and it decides no expected value.
"""
from __future__ import annotations

import sys
from pathlib import Path

import opencc

HERE = Path(__file__).resolve().parent
FILES = {
    "people.tsv": ["simplified", "tw", "hk", "note"],
    "places.tsv": ["simplified", "tw", "hk", "level", "note"],
    "traditional.tsv": ["traditional", "simplified", "kind", "note"],
}
LEVELS = {"province", "city", "county", "town", "village"}
KINDS = {"person", "place"}
# Characters the simplified column may hold although OpenCC t2s changes them:
# 乾 (qián), 於 (the surname), 昇 (names) are standard characters of 通用规范汉字表.
SIMPLIFIED_KEEPS = set("乾於昇")
# (traditional, simplified) character pairs the tables decide where no OpenCC
# converter agrees (see README): 魏徵 -> 魏征, 錢鍾書 -> 钱钟书 (OpenCC 钱锺书).
KEPT_PAIRS = {("徵", "征"), ("鍾", "钟")}


def main() -> int:
    to_simp = [opencc.OpenCC(c) for c in ("t2s", "tw2s", "hk2s")]
    problems: list[str] = []
    counts: dict[str, int] = {}
    for name, header in FILES.items():
        lines = (HERE / name).read_text(encoding="utf-8").split("\n")
        if lines[-1] == "":
            lines.pop()
        if lines[0].split("\t") != header:
            problems.append(f"{name}: header {lines[0]!r}")
        keys: set[str] = set()
        n_rows = 0
        for n, line in enumerate(lines[1:], start=2):
            where = f"{name}:{n}"
            cells = line.split("\t")
            if len(cells) != len(header):
                problems.append(f"{where}: {len(cells)} columns, want {len(header)}")
                continue
            n_rows += 1
            if any(c != c.strip() for c in cells) or not all(cells[:-1]):
                problems.append(f"{where}: empty cell or stray spaces")
            row = dict(zip(header, cells))
            if cells[0] in keys:
                problems.append(f"{where}: duplicate key {cells[0]}")
            keys.add(cells[0])
            simp = row["simplified"]
            back = to_simp[0].convert(simp)
            odd = {a for a, b in zip(simp, back) if a != b}
            if not odd <= SIMPLIFIED_KEEPS:
                problems.append(f"{where}: simplified {simp} is not simplified (t2s gives {back})")
            if "level" in row and row["level"] not in LEVELS:
                problems.append(f"{where}: level {row['level']}")
            if "kind" in row and row["kind"] not in KINDS:
                problems.append(f"{where}: kind {row['kind']}")
            for col in ("tw", "hk", "traditional"):
                if col not in row:
                    continue
                trad = row[col]
                if len(trad) != len(simp):
                    problems.append(f"{where}: {col} {trad} and {simp} differ in length")
                    continue
                # every traditional character must simplify to the simplified one
                # by some converter, be the same character, or be a decided pair
                conv = [c.convert(trad) for c in to_simp]
                for i, (a, b) in enumerate(zip(trad, simp)):
                    if a != b and all(s[i] != b for s in conv) and (a, b) not in KEPT_PAIRS:
                        problems.append(f"{where}: {col} {trad}: {a} does not give {b}")
        counts[name] = n_rows
    for p in problems:
        print(p)
    print(", ".join(f"{k}: {v} rows" for k, v in counts.items()))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
