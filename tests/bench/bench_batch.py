"""Benchmark: docgen batch against the naive docxtpl loop, on the same templates and contexts.

Run by hand (not part of the test suite):

    python tests/bench/bench_batch.py            # 1,000 pairs × agreement, plan, summary
    python tests/bench/bench_batch.py --pairs 200 --naive 50

Prints documents per second for `docgen batch` (roster read, validation, context, render,
atomic write; one job and two jobs) and for the naive loop (DocxTemplate(path), render(ctx),
save() per document, as docxtpl users write it, with docgen's contexts and jinja
environment), their ratio, and the peak memory (max RSS) of batches of two sizes, each in
a fresh process, to show that memory does not grow with the number of pairs.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KINDS = ("agreement", "plan", "summary")


def write_roster(path: Path, pairs: int) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["编号", "甲方学校", "甲方代表", "甲方联系人", "甲方电话", "乙方学校", "乙方代表",
                         "开始年月", "年限", "签订日期", "主管部门", "文号", "学年"])
        for i in range(pairs):
            writer.writerow([f"B-{i:05d}", f"城区第{i % 97}实验小学", "王强", "李敏", f"0519-8{i:07d}",
                             f"乡村第{i}中心小学", "陈刚" if i % 3 else "", "2025-09", 3,
                             "2025-09-01" if i % 4 else "", "常州市教育局", "常教发[2007]023号",
                             "2025-2026"])


def run_batch_once(pairs: int, jobs: int) -> dict:
    from docgen.pipeline.batch import run_batch

    with tempfile.TemporaryDirectory() as tmp:
        roster = Path(tmp) / "roster.csv"
        write_roster(roster, pairs)
        started = time.perf_counter()
        result = run_batch(roster, Path(tmp) / "out", kinds=KINDS, jobs=jobs)
        elapsed = time.perf_counter() - started
        assert result.failed == 0, [r.message for r in result.rows if r.status == "error"][:3]
        docs = result.written
    return {"docs": docs, "seconds": elapsed, "docs_per_s": docs / elapsed,
            "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def run_naive(pairs: int) -> dict:
    from docxtpl import DocxTemplate

    from docgen.pairing.values import BlankReport
    from docgen.pipeline.context import build_context
    from docgen.kinds import KINDS as ALL, templates_dir
    from docgen.pipeline.render import make_environment
    from docgen.pipeline.validate import validate_pairing
    from docgen.pipeline.roster import Roster

    with tempfile.TemporaryDirectory() as tmp:
        roster = Path(tmp) / "roster.csv"
        write_roster(roster, pairs)
        contexts = [build_context(validate_pairing(row.data), kinds=KINDS)
                    for row in Roster(roster).rows()]
        out = Path(tmp) / "naive"
        out.mkdir()
        report = BlankReport()
        started = time.perf_counter()
        count = 0
        for i, context in enumerate(contexts):
            for kind in KINDS:
                tpl = DocxTemplate(str(templates_dir() / ALL[kind].template))
                tpl.render(context, jinja_env=make_environment("____", report.add), autoescape=True)
                tpl.save(str(out / f"{i}-{kind}.docx"))
                count += 1
        elapsed = time.perf_counter() - started
    return {"docs": count, "seconds": elapsed, "docs_per_s": count / elapsed}


def in_fresh_process(*args: str) -> dict:
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--naive", type=int, default=100, help="pairs for the (slow) naive loop")
    parser.add_argument("--worker", nargs=2, metavar=("KIND", "PAIRS"), help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        kind, pairs = args.worker[0], int(args.worker[1])
        result = run_batch_once(pairs, args.jobs) if kind == "batch" else run_naive(pairs)
        print(json.dumps(result))
        return

    one = in_fresh_process("--worker", "batch", str(args.pairs), "--jobs", "1")
    two = in_fresh_process("--worker", "batch", str(args.pairs), "--jobs", "2")
    small = in_fresh_process("--worker", "batch", str(max(args.pairs // 4, 1)), "--jobs", "1")
    naive = in_fresh_process("--worker", "naive", str(args.naive))
    print(f"pairs: {args.pairs} × {len(KINDS)} kinds ({', '.join(KINDS)})")
    print(f"docgen batch, 1 job : {one['docs']} docs in {one['seconds']:.2f} s = "
          f"{one['docs_per_s']:.0f} docs/s, max RSS {one['max_rss_mb']:.0f} MB")
    print(f"docgen batch, 2 jobs: {two['docs']} docs in {two['seconds']:.2f} s = "
          f"{two['docs_per_s']:.0f} docs/s")
    print(f"naive docxtpl loop  : {naive['docs']} docs in {naive['seconds']:.2f} s = "
          f"{naive['docs_per_s']:.1f} docs/s")
    print(f"ratio (1 job / naive): {one['docs_per_s'] / naive['docs_per_s']:.1f}x; "
          f"(2 jobs / naive): {two['docs_per_s'] / naive['docs_per_s']:.1f}x")
    print(f"peak memory: {small['max_rss_mb']:.0f} MB for {max(args.pairs // 4, 1)} pairs, "
          f"{one['max_rss_mb']:.0f} MB for {args.pairs} pairs")


if __name__ == "__main__":
    main()
