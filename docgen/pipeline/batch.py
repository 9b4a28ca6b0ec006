"""Batch: every document for every pair of a roster, fast and safe.

The roster is streamed; each pair runs the same pipeline as a single render (validate →
context → render → post-process → write) with templates compiled once per process
(:class:`~docgen.pipeline.compiled.CompiledTemplate`). A bad row is reported with its row and column
and skipped; the rest are written. Every write is atomic, nothing existing is overwritten
without ``force``, and a rerun after an interruption completes the set.
"""

from __future__ import annotations

import csv
import io
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterable, Iterator

from ..errors import DocgenError, InputError, Location, Problem, ValidationError, internal_error
from ..kinds import KINDS, PAIRING_SPEC, Pairing, field_label
from ..ooxml.merge import merge_documents
from ..ooxml.package import archive_files
from ..pairing.model import side_name
from ..pairing.values import DEFAULT_BLANK, BlankReport
from .compiled import CompiledTemplate
from .context import build_context
from .finish import ScriptOptions, finish
from .keys import canonical_keys
from .load import Source, as_source, load_document
from .names import DEFAULT_NAME, check_pattern, document_path, inside
from .one_to_many import group_rows
from .roster import Roster, RosterRow, deep_merge
from .activity_sheet import ActivitySheet, load_activity_sheet
from .templates import kind_names, resolve_template, user_templates_dir
from .validate import validate_pairing, with_activities
from .write import atomic_file, remove_stale_temporaries, write_atomic

MANIFEST = "manifest.csv"
DEFAULTS_TOP = "键值表（一个结对的公共部分）"  # what a --defaults file is (messages)
MANIFEST_COLUMNS = ("pair", "kind", "path", "status", "blanks", "message", "row")
DEFAULT_KINDS = ("agreement", "plan", "summary")
CHUNK = 16  # pairs handed to a worker at a time


@dataclass
class ManifestRow:
    """One document of the batch: what happened to it."""

    pair: str
    kind: str
    path: str
    status: str          # ok / blanks / error / skipped
    blanks: int | str
    message: str
    row: int | None = None

    def as_list(self) -> list[Any]:
        return [self.pair, self.kind, self.path, self.status, self.blanks, self.message,
                "" if self.row is None else self.row]


@dataclass
class BatchResult:
    """The outcome of a batch run."""

    rows: list[ManifestRow]
    elapsed: float
    outdir: Path
    manifest: Path
    zip_path: Path | None = None
    merged: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def written(self) -> int:
        return self.count("ok") + self.count("blanks")

    @property
    def failed(self) -> int:
        return self.count("error")

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


@dataclass(frozen=True)
class _Settings:
    """What every worker needs; pickled once per worker process."""

    outdir: Path
    kinds: tuple[str, ...]
    strict: bool
    force: bool
    blank: str
    base_dir: Path
    activities: ActivitySheet | None
    script: ScriptOptions | None = None
    templates: Path | None = None
    durable: bool = False


@dataclass
class _Item:
    """One pair on its way to a worker."""

    row: RosterRow
    data: dict[str, Any]
    label: str
    paths: dict[str, PurePosixPath]
    error: str | None = None


# --------------------------------------------------------------------------- per pair

class _PairRenderer:
    """Renders and writes every document of a pair; one per process."""

    def __init__(self, settings: _Settings) -> None:
        self.settings = settings
        self.templates = {kind: CompiledTemplate(resolve_template(kind, settings.templates)[0],
                                                 blank=settings.blank)
                          for kind in settings.kinds}
        # Folders already rid of what a killed run left there: a folder is looked at once,
        # however many pairs share it (--name "{id}_{kind}" puts them all in one).
        self.cleaned: set[Path] = {settings.outdir}

    def process(self, item: _Item) -> list[ManifestRow]:
        s = self.settings

        kinds = tuple(item.paths)  # with --group an item may make some kinds only

        def rows(status: str, message: str) -> list[ManifestRow]:
            return [ManifestRow(item.label, kind, str(item.paths[kind]), status, "", message,
                                item.row.number) for kind in kinds]

        if item.error:
            return rows("error", item.error)
        try:
            pairing, log_error = read_pair(item.data, item.row, s.base_dir,
                                           s.activities if "summary" in kinds else None)
        except DocgenError as exc:
            return rows("error", _problem_text(exc))
        activity_error = _problem_text(log_error) if log_error else None
        notes = "；".join(str(w) for w in pairing.warnings)
        context = build_context(pairing, blank=s.blank, kinds=kinds)
        for folder in {(s.outdir / Path(*item.paths[k].parts)).parent for k in kinds}:
            if folder not in self.cleaned:
                remove_stale_temporaries(folder)
                self.cleaned.add(folder)
        out = []
        for kind in kinds:
            relative = item.paths[kind]
            target = s.outdir / Path(*relative.parts)
            row = ManifestRow(item.label, kind, str(relative), "ok", 0, notes, item.row.number)
            if kind == "summary" and activity_error:
                row.status, row.blanks, row.message = "error", "", activity_error
                out.append(row)
                continue
            if target.exists() and not s.force:
                row.status, row.blanks = "skipped", ""
                row.message = "已存在，未覆盖（加 --force 可覆盖）"
                out.append(row)
                continue
            try:
                document = finish(self.templates[kind].render(context), strict=s.strict,
                                  script=s.script, pairing=pairing)
                write_atomic(target, document.data, force=True, durable=s.durable)
            except DocgenError as exc:
                row.status, row.blanks, row.message = "error", "", str(exc).replace("\n", " ")
                out.append(row)
                continue
            except Exception as exc:  # docgen's bug: this document fails, the batch goes on
                row.status, row.blanks, row.message = "error", "", internal_error(exc)
                out.append(row)
                continue
            if document.blanks:
                row.status = "blanks"
                row.blanks = document.blanks.total
                row.message = "；".join(filter(None, [self._blank_text(document.blanks), notes]))
            out.append(row)
        return out

    @staticmethod
    def _blank_text(report: BlankReport) -> str:
        return "留空：" + "、".join(f"{field_label(path) or path}{count}处"
                                  for path, count in report.items())


def read_pair(data: Any, row: RosterRow, base_dir: Path | None,
              activities: ActivitySheet | None) -> tuple[Pairing, DocgenError | None]:
    """A row's pairing, validated, with its activity log from ``activities`` when given.

    A problem with the pairing itself is raised; a problem with its activity log is
    returned beside the pairing (without the log): the log is the summary's alone, so it
    fails that document only."""
    pairing = validate_pairing(data, file=row.file, base_dir=base_dir, locate=row.locate)
    if activities is None:
        return pairing, None
    try:
        sheet = activities.for_pair(pairing.id)
        return with_activities(pairing, sheet.records, file=sheet.file, locate=sheet.locate), None
    except DocgenError as exc:
        return pairing, exc


def _problem_text(exc: DocgenError) -> str:
    """An error as one manifest cell: each problem with its row and column."""
    if isinstance(exc, ValidationError):
        return "；".join(str(p) for p in exc.problems)
    return str(exc).replace("\n", " ")


_WORKER: _PairRenderer | None = None


def _init_worker(settings: _Settings) -> None:
    global _WORKER
    _WORKER = _PairRenderer(settings)


def _work(items: list[_Item]) -> list[list[ManifestRow]]:
    assert _WORKER is not None
    return [_WORKER.process(item) for item in items]


# --------------------------------------------------------------------------- the batch

def run_batch(roster: Source | str | Path, outdir: str | Path, *,
              kinds: Iterable[str] = DEFAULT_KINDS,
              activities: Source | str | Path | None = None,
              defaults: Source | str | Path | None = None,
              jobs: int = 1,
              zip_path: str | Path | None = None,
              merge: bool = False,
              strict: bool = False,
              force: bool = False,
              name: str = DEFAULT_NAME,
              blank: str = DEFAULT_BLANK,
              encoding: str | None = None,
              script: ScriptOptions | None = None,
              templates: str | Path | None = None,
              group: bool = False,
              progress: Callable[[int, int], None] | None = None) -> BatchResult:
    """Render ``kinds`` for every pair of ``roster`` into ``outdir``.

    ``group``: one agreement for all the rows sharing a 甲方 (一对多: 乙方一、乙方二…);
    the other kinds stay one per row.

    Returns the manifest rows and counts; row problems are in the rows (status
    ``error``), not raised. Raises :class:`InputError` only for problems that stop the
    whole batch (unreadable roster or headers, bad options).
    """
    started = time.perf_counter()
    kinds = tuple(dict.fromkeys(kinds))
    unknown = [k for k in kinds if k not in KINDS]
    if unknown or not kinds:
        raise InputError(f"未知的文书类型「{'、'.join(unknown) or '（空）'}」（可用：{kind_names()}）",
                         Location(key_path="--kinds"))
    if jobs < 1:
        raise InputError("--jobs 至少为 1", Location(key_path="--jobs"))
    check_pattern(name)
    outdir = Path(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise InputError("输出路径已存在且不是文件夹", Location(file=str(outdir)))

    table, default_data, sheet, repaired = open_inputs(
        roster, activities=activities, defaults=defaults, encoding=encoding, kinds=kinds)
    # What a killed run left beside the manifest; a worker looks at each other folder once.
    remove_stale_temporaries(outdir)

    settings = _Settings(outdir, kinds, strict, force, blank, table.source.folder or Path.cwd(),
                         sheet, script, user_templates_dir(templates))
    items, total, notes = _plan(table, default_data, kinds, name, group)
    notes[:0] = [str(notice) for notice in repaired]
    rows: list[ManifestRow] = []
    done = 0
    for pair_rows in _execute(settings, items, jobs):
        rows.extend(pair_rows)
        done += 1
        if progress:
            progress(done, total)

    outdir.mkdir(parents=True, exist_ok=True)
    manifest = outdir / MANIFEST
    _write_manifest(manifest, rows)
    result = BatchResult(rows, 0.0, outdir, manifest, notes=notes)
    if merge:
        result.merged = _merge(outdir, rows, kinds, force, result.notes)
    if zip_path is not None:
        result.zip_path = _zip(Path(zip_path), outdir, rows, result.merged, force)
    result.elapsed = time.perf_counter() - started
    return result


def open_inputs(roster: Source | str | Path, *, activities: Source | str | Path | None = None,
                defaults: Source | str | Path | None = None, encoding: str | None = None,
                kinds: tuple[str, ...] = DEFAULT_KINDS
                ) -> tuple[Roster, dict[str, Any], ActivitySheet | None, list[Problem]]:
    """The roster, the data every row shares (its 默认值 sheet under ``defaults``), the
    activity log (``activities``, else the roster's 活动记录 sheet when summaries are made)
    and the notices of how they were read (rows skipped, columns unused, lines repaired)."""
    table = Roster(roster, encoding=encoding)
    notices = table.notices()
    default_data = table.defaults()
    if defaults is not None:
        defaults = as_source(defaults)
        loaded = load_document(defaults, spec=PAIRING_SPEC, expected=DEFAULTS_TOP)
        if not isinstance(loaded.data, dict):
            raise InputError(f"默认值文件应为{DEFAULTS_TOP}", Location(file=defaults.name))
        default_data = deep_merge(canonical_keys(loaded.data, PAIRING_SPEC), default_data)
        notices.extend(loaded.notices)
    sheet = None
    if activities is not None:
        sheet = load_activity_sheet(as_source(activities), encoding=encoding)
    elif table.has_activities_sheet and "summary" in kinds:
        sheet = load_activity_sheet(table.source)
    if sheet is not None:
        notices.extend(sheet.notices)
    return table, default_data, sheet, notices


def _units(table: Roster, defaults: dict[str, Any], kinds: tuple[str, ...],
           group: bool) -> Iterator[tuple[RosterRow, Any, tuple[str, ...], str | None]]:
    """(row, data, kinds to make, error) of each thing to render: a row with every kind;
    with ``group``, also a group of rows sharing a 甲方 with its one agreement."""
    def data_of(row: RosterRow) -> Any:
        return deep_merge(defaults, row.data) if isinstance(row.data, dict) else row.data

    if not group or "agreement" not in kinds:
        for row in table.rows():
            yield row, data_of(row), kinds, None
        return
    rows = [(row, data_of(row)) for row in table.rows()]
    others = tuple(k for k in kinds if k != "agreement")
    for unit in group_rows([(r, d) for r, d in rows if isinstance(d, dict)]):
        if len(unit.rows) == 1:
            yield unit.rows[0], unit.data, kinds, None
            continue
        yield unit.row, unit.data, ("agreement",), unit.error
        if others:
            for row in unit.rows:
                yield row, data_of(row), others, None
    for row, data in rows:
        if not isinstance(data, dict):
            yield row, data, kinds, None


def _plan(table: Roster, defaults: dict[str, Any], kinds: tuple[str, ...],
          pattern: str, group: bool = False) -> tuple[Iterator[_Item], int, list[str]]:
    """Pre-scan ids (duplicates, count), then stream the items to render."""
    seen: dict[str, list[int]] = {}
    total = 0
    for row in table.rows():
        total += 1
        if isinstance(row.data, dict):
            pair_id = _pair_id(deep_merge(defaults, row.data))
            if pair_id:
                seen.setdefault(pair_id, []).append(row.number)
    duplicates = {pid: numbers for pid, numbers in seen.items() if len(numbers) > 1}
    notes = [f"编号「{pid}」重复（第{'、'.join(map(str, n))}行），这些行均未生成"
             for pid, n in duplicates.items()]

    def items() -> Iterator[_Item]:
        used: dict[str, int] = {}
        for row, data, unit_kinds, unit_error in _units(table, defaults, kinds, group):
            if not isinstance(data, dict):
                label = f"第{row.number}项"
                paths = {k: PurePosixPath(label, KINDS[k].title + ".docx") for k in unit_kinds}
                yield _Item(row, {}, label, paths, "名单中的这一项不是键值表（一个结对）")
                continue
            pair_id = _pair_id(data)
            label = pair_id or f"第{row.number}行"
            values = {"id": pair_id or f"第{row.number}行",
                      "supporter": _school_name(data, "supporter"),
                      "supported": _school_name(data, "supported"),
                      "row": str(row.number)}
            paths = {k: document_path(pattern, {**values, "kind": k, "title": KINDS[k].title})
                     for k in unit_kinds}
            error = unit_error
            if not error and pair_id in duplicates:
                rows_text = "、".join(map(str, duplicates[pair_id]))
                error = f"{row.file} 第{row.number}行 「编号」: 编号「{pair_id}」重复（第{rows_text}行）"
            elif not error:
                for kind, path in paths.items():
                    key = str(path).lower()  # Windows file names ignore case
                    if key in used:
                        error = (f"{row.file} 第{row.number}行: 输出文件 {path} 与第{used[key]}行的重名"
                                 "（请检查编号，或在 --name 中使用 {id}）")
                    used.setdefault(key, row.number)
            yield _Item(row, data, label, paths, error)

    return items(), total, notes


def _pair_id(data: dict[str, Any]) -> str | None:
    value = data.get("id")
    return str(value).strip() if value not in (None, "") and str(value).strip() else None


def _school_name(data: dict[str, Any], side: str) -> str:
    """A side's school name for file names; the side's name (甲方) when not given. Several
    乙方 (一对多) are named by the first: 青山镇中心小学等3校."""
    school = data.get(side)
    schools = school if isinstance(school, list) and school else [school]
    value = schools[0].get("name") if isinstance(schools[0], dict) else None
    name = str(value).strip() if value not in (None, "") else side_name(side)
    return f"{name}等{len(schools)}校" if len(schools) > 1 else name


def _execute(settings: _Settings, items: Iterator[_Item], jobs: int) -> Iterator[list[ManifestRow]]:
    """Each pair's manifest rows, in roster order; across ``jobs`` processes if > 1."""
    items = _contained(settings, items)
    if jobs == 1:
        renderer = _PairRenderer(settings)
        for item in items:
            yield renderer.process(item)
    else:
        yield from _execute_parallel(settings, items, jobs)


def _contained(settings: _Settings, items: Iterator[_Item]) -> Iterator[_Item]:
    """A path built from data never leaves the output folder (names.py sees to it; this
    is the last check before anything is written)."""
    for item in items:
        for kind in item.paths:
            try:
                inside(settings.outdir, item.paths[kind])
            except InputError as exc:
                item.error = str(exc)
        yield item


def _execute_parallel(settings: _Settings, items: Iterator[_Item],
                      jobs: int) -> Iterator[list[ManifestRow]]:
    pending: deque[Future] = deque()
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                             initargs=(settings,)) as pool:
        chunk: list[_Item] = []
        for item in items:
            chunk.append(item)
            if len(chunk) == CHUNK:
                pending.append(pool.submit(_work, chunk))
                chunk = []
                while len(pending) >= jobs * 3:  # bounded: memory does not grow with the roster
                    yield from pending.popleft().result()
        if chunk:
            pending.append(pool.submit(_work, chunk))
        while pending:
            yield from pending.popleft().result()


def _write_manifest(path: Path, rows: list[ManifestRow]) -> None:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(MANIFEST_COLUMNS)
    for row in rows:
        writer.writerow(row.as_list())
    # UTF-8 with BOM so that Excel on Chinese Windows opens it correctly; always rewritten.
    write_atomic(path, text.getvalue().encode("utf-8-sig"), force=True)


def _merge(outdir: Path, rows: list[ManifestRow], kinds: tuple[str, ...], force: bool,
           notes: list[str]) -> list[Path]:
    merged = []
    for kind in kinds:
        paths = [outdir / r.path for r in rows
                 if r.kind == kind and r.status in ("ok", "blanks", "skipped")]
        paths = [p for p in paths if p.is_file()]
        if not paths:
            continue
        target = outdir / f"{KINDS[kind].title}（合并）.docx"
        if target.exists() and not force:
            notes.append(f"{target.name} 已存在，未覆盖（加 --force 可覆盖）")
            continue
        try:
            data = merge_documents(paths)
        except Exception as exc:  # docxcompose raises many kinds on unusual documents
            notes.append(f"合并 {KINDS[kind].title} 失败：{type(exc).__name__}: {exc}")
            continue
        merged.append(write_atomic(target, data, force=force))
    return merged


def _zip(target: Path, outdir: Path, rows: list[ManifestRow], merged: list[Path],
         force: bool) -> Path:
    """One zip of the documents, the merged files and the manifest. Entry names are
    UTF-8 and flagged as such, which Windows Explorer reads correctly."""
    files = [outdir / r.path for r in rows if r.status in ("ok", "blanks", "skipped")]
    files = [f for f in dict.fromkeys(files) if f.is_file()] + merged + [outdir / MANIFEST]
    with atomic_file(target, force=force) as fh:
        archive_files(fh, ((path, path.relative_to(outdir).as_posix()) for path in files))
    return target
