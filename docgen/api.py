"""The library: one function per use. The command line and the web page only call these.

A document goes load → validate → build context → render → finish → write
(:mod:`docgen.pipeline`); the tools for users' own documents are in :mod:`docgen.tools`.
Inputs may be paths, bytes or binary streams (give ``name`` for the last two: messages
show it and its suffix tells the format). Nothing is written when any stage fails: a file
appears complete or not at all.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, BinaryIO, Mapping, Union

from .errors import InputError, Location, Problem, ValidationError
from .kinds import (CONTEXT_ROOTS, KINDS, PAIRING_SPEC, Kind, Pairing, builtin_template,
                    field_label, input_fields, samples_dir)
from .kinds.activities import ACTIVITY_TYPES
from .ooxml.safety import check_docx
from .ooxml.text import document_paragraphs
from .pairing.model import SIDES
from .pairing.values import DEFAULT_BLANK, BlankReport
from .pipeline.grid import TABLE_KINDS_TEXT, TABLE_SUFFIXES
from .pipeline.roster_check import RosterCheck, check_roster
from .pipeline.roster_form import FORM_NAME, sample_roster_form
from .pipeline.batch import DEFAULT_KINDS, BatchResult, ManifestRow, run_batch
from .pipeline.context import build_context
from .pipeline.finish import ScriptOptions, finish
from .pipeline.inspect import template_fields
from .pipeline.load import Source, as_source, decode_text, dump_yaml, load_document, load_mapping
from .pipeline.names import DEFAULT_NAME, FIELDS as NAME_FIELDS, safe_component
from .pipeline.pdf import convert_to_pdf
from .pipeline.render import render_docx
from .pipeline.roster import preferred_headers
from .pipeline.activity_sheet import load_activity_sheet
from .pipeline.table import set_path
from .pipeline.templates import kind_names, resolve_template, user_templates_dir
from .pipeline.validate import PAIRING_TOP, validate_pairing, with_activities
from .pipeline.write import check_output, write_atomic
from .script.proper import read_names_file
from .script.text import (SCRIPTS, Script, ScriptConverter, read_phrase_file, read_term_file,
                          script_choices)
from .tools.blanks import Scan, scan_docx, scan_text
from .tools.check import CheckReport, check_template, fix_template
from .tools.clean import CleanResult, clean_text
from .tools.convert import ConvertResult, convert_file
from .tools.fill import FillResult, fill_docx, fill_text
from .tools.ingest import Ingested, ingest_paragraphs
from .tools.shapes import SHAPE_NAMES

InputFile = Union[str, Path, bytes, BinaryIO, Source]

try:
    VERSION = metadata.version("docgen")  # pyproject.toml's, the one declaration
except metadata.PackageNotFoundError:  # a source tree that was never installed
    VERSION = "0+unknown"

__all__ = [
    "ACTIVITY_TYPES", "DEFAULT_BLANK", "DEFAULT_KINDS", "DEFAULT_NAME", "NAME_FIELDS",
    "SHAPE_NAMES", "VERSION", "Source", "BatchResult", "BlankReport", "CheckReport", "CleanResult",
    "ConvertResult", "FillResult", "builtin_template", "FormField", "Ingested", "InputFile", "Kind", "ManifestRow",
    "Pairing", "RenderResult", "Scan", "Script", "ScriptOptions", "TemplateEntry",
    "check_blank", "check_template_file", "clean_source", "convert_document", "convert_to_pdf",
    "copy_template", "field_label", "fill_document", "fix_template_file", "form_fields",
    "ingest_file", "ingest_source", "init_samples", "kind_fields", "kind_names", "kinds",
    "list_blanks", "load_activities", "load_pairing", "nested", "render", "render_pairing",
    "roster_headers", "run_batch", "check_roster", "RosterCheck", "TABLE_SUFFIXES",
    "TABLE_KINDS_TEXT", "script_choices", "script_options", "scripts",
    "section_label", "sides", "skeleton_yaml", "template_listing", "validate_pairing",
    "write_cleaned", "write_text",
]


@dataclass
class RenderResult:
    """What one render produced: the document's bytes, where it went, what is left blank."""

    data: bytes
    output: Path | None
    kind: Kind | None
    blanks: BlankReport
    warnings: list[Problem] = field(default_factory=list)


# --------------------------------------------------------------------------- kinds, fields

def kinds() -> list[Kind]:
    """The built-in document kinds, in order."""
    return list(KINDS.values())


def scripts() -> list[Script]:
    """The output scripts (简体, 繁体, 台湾 …), in order."""
    return list(SCRIPTS.values())


def kind_fields(kind: str) -> list[tuple[str, str]]:
    """(key path, label) of every input field a built-in kind's template uses."""
    template = builtin_template(kind)
    labels = {path: spec.label for path, spec in PAIRING_SPEC.leaves()}
    return [(path, labels[path]) for path in input_fields(template_fields(template), set(labels))]


@dataclass(frozen=True)
class FormField:
    """A field of a form for one pairing: its key path, label and help."""

    path: str
    label: str
    help: str = ""


def form_fields(*paths: str) -> list[FormField]:
    """The given key paths as form fields, labels and help from the schema (a record's
    fields as ``summary.activities[].date``)."""
    specs = dict(PAIRING_SPEC.leaves())
    return [FormField(path, specs[path].label, specs[path].help) for path in paths]


def nested(values: Mapping[str, Any]) -> dict[str, Any]:
    """Values by key path ({"supporter.name": …}) as the nested mapping a pairing is."""
    data: dict[str, Any] = {}
    for path, value in values.items():
        set_path(data, path, value)
    return data


def section_label(key: str) -> str:
    """The label of a top-level field or section (工作计划, 甲方 …)."""
    return PAIRING_SPEC.child(key).label


def sides() -> list[tuple[str, str, str]]:
    """(key, name, role) of each side of a pairing: ('supporter', '甲方', '支援学校') …"""
    return [(key, words[0], words[1]) for key, words in SIDES.items()]


def roster_headers() -> list[str]:
    """A roster's column headers as bureaus write them: 编号, 甲方学校, 甲方代表 …"""
    return [header for _, header in preferred_headers()]


# --------------------------------------------------------------------------- one document

def load_pairing(source: InputFile, *, name: str | None = None,
                 base_dir: str | Path | None = None) -> Pairing:
    """Load and validate one pairing file (.yaml/.yml/.json). Pictures it names are looked
    for in ``base_dir``, by default the file's folder (bytes and streams have none)."""
    source = as_source(source, name)
    folder = Path(base_dir) if base_dir is not None else source.folder
    loaded = load_document(source, spec=PAIRING_SPEC, expected=PAIRING_TOP)
    return validate_pairing(loaded.data, file=source.name, base_dir=folder, notices=loaded.notices)


def load_activities(pairing: Pairing, source: InputFile, *, name: str | None = None) -> Pairing:
    """The pairing with its summary's activity log read from a .xlsx / .csv sheet.

    A 编号 column, when present, selects the rows of this pairing's id; a sheet with
    rows but none of this pairing's is refused. How the sheet was read (title rows
    skipped, unused columns) is added to the warnings.
    """
    sheet = load_activity_sheet(as_source(source, name), pair_id=pairing.id)
    result = with_activities(pairing, sheet.records, file=sheet.file, locate=sheet.locate)
    result.warnings[:0] = sheet.notices
    return result


def script_options(target: str = "hans", *, keep_file: InputFile | None = None,
                   dict_file: InputFile | None = None,
                   font_map: str | None = None) -> ScriptOptions:
    """Script options from the command line's files: --keep (terms), --dict (pairs)."""
    keep = []
    if keep_file is not None:
        source = as_source(keep_file)
        keep = read_term_file(source.name, source.read())
    phrases = {}
    if dict_file is not None:
        source = as_source(dict_file)
        phrases = read_phrase_file(source.name, source.read())
    return ScriptOptions(target, keep, phrases, font_map)


def render_pairing(kind_or_template: str | Path, pairing: Pairing | Mapping[str, Any], *,
                   strict: bool = False, blank: str = DEFAULT_BLANK,
                   base_dir: Path | None = None,
                   activities: InputFile | None = None, activities_name: str | None = None,
                   script: ScriptOptions | None = None,
                   templates: str | Path | None = None) -> RenderResult:
    """Render one document in memory from a pairing (model or plain mapping).

    ``activities`` is an activity sheet (.xlsx / .csv) replacing the summary's log;
    ``script`` writes the document in another script (traditional, Taiwan, Hong Kong …)."""
    check_blank(blank)
    template, kind = resolve_template(kind_or_template, templates)
    if not isinstance(pairing, Pairing):
        pairing = validate_pairing(pairing, base_dir=base_dir)
    if activities is not None:
        pairing = load_activities(pairing, activities, name=activities_name)
    context = build_context(pairing, blank=blank, kinds=[kind.name] if kind else None)
    document = finish(render_docx(template, context, blank=blank), strict=strict, script=script,
                      pairing=pairing)
    return RenderResult(document.data, None, kind, document.blanks, list(pairing.warnings))


def render(kind_or_template: str | Path, input: InputFile, output: str | Path | None = None,
           *, strict: bool = False, blank: str = DEFAULT_BLANK, force: bool = False,
           activities: InputFile | None = None,
           script: ScriptOptions | None = None,
           templates: str | Path | None = None) -> RenderResult:
    """Render a built-in kind (or a .docx template) from an input file and write it.

    ``output`` defaults to the kind's Chinese title (协议书.docx) in the current folder.
    ``activities`` names a .xlsx / .csv activity log that replaces ``summary.activities``.
    """
    template, kind = resolve_template(kind_or_template, templates)
    out = Path(output) if output else Path(kind.default_output if kind else "输出.docx")
    source = as_source(input)
    if kind is None:
        loaded = load_document(source, spec=PAIRING_SPEC)
        data = loaded.data
        if not _looks_like_pairing(data) or not _uses_pairing_context(template):
            # A user's own template with its own data: rendered as docxtpl would render it
            # (in the sandbox, escaped), the data used as it is.
            check_blank(blank)
            if not isinstance(data, Mapping):
                raise InputError("数据文件的顶层应为键值表", Location(file=source.name))
            check_output(out, force=force)
            document = finish(render_docx(template, dict(data), blank=blank, show_missing=False),
                              strict=strict, script=script)
            write_atomic(out, document.data, force=force)
            return RenderResult(document.data, out, None, document.blanks, loaded.notices)
    pairing = load_pairing(source)
    check_output(out, force=force)
    result = render_pairing(template if kind is None else kind.name, pairing, strict=strict,
                            blank=blank, activities=activities, script=script, templates=templates)
    result.output = write_atomic(out, result.data, force=force)
    return result


def _looks_like_pairing(data: Any) -> bool:
    """Whether input data is a pairing (any top-level key docgen knows), rather than the
    free data of a user's own template."""
    if not isinstance(data, Mapping):
        return True  # validation will say what is wrong
    known = {name for c in PAIRING_SPEC.children for name in c.names}
    return any(str(k).strip() in known for k in data)


def _uses_pairing_context(template: Path) -> bool:
    """Whether a user's template reads the pairing context (supporter.name, signed_on …)
    rather than names of its own (an ingested template's year_1, 甲方 …)."""
    return bool({path.split(".")[0] for path in template_fields(template)} & CONTEXT_ROOTS)


def check_blank(blank: str) -> None:
    """Refuse a blank string that would break the document's layout."""
    if not blank or any(c in blank for c in "\r\n\t") or len(blank) > 40:
        raise InputError("空白占位符应为 1 到 40 个字符的单行文本（如 ____）",
                         Location(key_path="--blank"))


# --------------------------------------------------------------------------- users' documents

def convert_document(input: InputFile, output: str | Path | None = None, *,
                     to: str | None = None, source: str | None = None, config: str | None = None,
                     keep_file: InputFile | None = None, dict_file: InputFile | None = None,
                     font_map: str | None = None, force: bool = False,
                     name: str | None = None, names_file: InputFile | None = None) -> ConvertResult:
    """Convert a .docx, .txt or .md between scripts (``docgen convert``); the result's
    ``data`` holds it, and it is written to ``output`` when given.

    ``source`` is detected from the text when not given; ``config`` names an OpenCC
    config directly (s2hkp, jp2t …) instead of ``source``/``to``. People and places are
    converted as names: those the document names after labels and in 姓名/校名 columns,
    and those of ``names_file`` (one a line, or 原文=写法).
    """
    options = script_options(keep_file=keep_file, dict_file=dict_file)
    names = None
    if names_file is not None:
        names_source = as_source(names_file)
        names = read_names_file(names_source.name, names_source.read())
    return convert_file(as_source(input, name), Path(output) if output is not None else None,
                        to=to, source=source, config=config, keep=options.keep,
                        phrases=options.phrases, font_map=font_map, force=force, names=names)


def check_template_file(template: str | Path) -> CheckReport:
    """``docgen check``: findings, variables and a data skeleton of a user's template."""
    path = Path(template)
    check_docx(path)
    return check_template(path)


def fix_template_file(template: str | Path, output: str | Path, *, force: bool = False) -> int:
    """Write the template repaired (tags whole, ASCII) to ``output``; how many tags."""
    path = Path(template)
    check_docx(path)
    data, count = fix_template(path)
    write_atomic(Path(output), data, force=force)
    return count


def skeleton_yaml(report: CheckReport) -> str:
    """A template's data skeleton as YAML to fill in."""
    return dump_yaml(report.skeleton)


def _document(source: Source) -> bytes:
    """A user's .docx, checked before anything parses it."""
    if source.path is not None:
        check_docx(source.path)
        return source.read()
    data = source.read()
    check_docx(data, source.name)
    return data


def list_blanks(document: InputFile, *, name: str | None = None) -> Scan:
    """``docgen blanks``: every blank (and content control) of a .docx or .txt."""
    source = as_source(document, name)
    if source.suffix == ".docx":
        return _with_file(scan_docx, _document(source), source)
    if source.suffix in (".txt", ".md"):
        return scan_text(decode_text(source.read(), source.name))
    if source.suffix == ".doc":
        _document(source)
    raise InputError("只能查找 .docx 或 .txt 文件中的空白", Location(file=source.name))


def _with_file(function: Any, data: bytes, source: Source, *args: Any, **kwargs: Any) -> Any:
    """``function(data, …)``, its input errors naming the file."""
    try:
        return function(data, *args, **kwargs)
    except InputError as exc:
        if exc.where.file:
            raise
        raise InputError(exc.message, Location(file=source.name, key_path=exc.where.key_path),
                         exc.problems) from None


def fill_document(document: InputFile, values: Mapping[str, Any] | InputFile,
                  output: str | Path | None = None, *, underline: bool = False,
                  force: bool = False, name: str | None = None) -> FillResult:
    """``docgen fill``: fill a document's blanks by number or label, and its content
    controls by tag or title, from a mapping (or a YAML/JSON file of one). The result's
    ``data`` holds the document; it is written to ``output`` when given."""
    source = as_source(document, name)
    out = Path(output) if output is not None else None
    values_file = None
    if not isinstance(values, Mapping):
        values_source = as_source(values)
        values_file = values_source.name
        values = load_mapping(values_source)
        if not isinstance(values, Mapping):
            raise InputError("填写数据应为键值表：空白编号或标签 → 内容", Location(file=values_file))
    if source.suffix == ".docx":
        data = _document(source)
        if out is not None and out.suffix.lower() != ".docx":
            raise InputError("输出文件应为 .docx", Location(file=str(out)))
        if out is not None:
            check_output(out, force=force)
        result = _with_file(fill_docx, data, source, values, underline=underline)
    elif source.suffix in (".txt", ".md"):
        if out is not None:
            check_output(out, force=force)
        result = fill_text(decode_text(source.read(), source.name), values)
    else:
        list_blanks(source)  # the same messages for .doc and other files
        raise AssertionError
    if result.problems:
        raise ValidationError(result.problems, values_file)
    if out is not None:
        write_atomic(out, result.data, force=force)
    return result


def clean_source(source: InputFile | None, *, text: str | None = None,
                 to: str | None = None, name: str | None = None) -> CleanResult:
    """``docgen clean``: clean a .txt/.html file (or ``text`` pasted on standard input)."""
    label = "-"
    if text is None:
        if source is None:
            raise InputError("没有可清理的文字", Location())
        file = as_source(source, name)
        label = file.name
        if file.suffix not in (".txt", ".html", ".htm", ".md", ""):
            raise InputError("只能清理 .txt 或 .html 文件（或从标准输入粘贴的文字）",
                             Location(file=file.name))
        data = file.read()
        head = data[:4096]
        if b"\x00" in head and not data.startswith((b"\xff\xfe", b"\xfe\xff")) \
                and head.count(b"\x00") < len(head) // 4:
            raise InputError("这不是文本文件（含有二进制内容）", Location(file=file.name))
        text = decode_text(data, file.name)
    if not text.strip():
        raise InputError("没有可清理的文字（文件是空的）", Location(file=label))
    if to is not None and to not in ("hans", "hant"):
        raise InputError("--to 只能是 hans（简体）或 hant（繁体）", Location(key_path="--to"))
    return clean_text(text, to=to)


def write_cleaned(result: CleanResult, output: str | Path, *, force: bool = False) -> list[Path]:
    """Write a cleaned text: to ``output`` (.txt added when it has no suffix), or, when it
    holds several documents and ``output`` has no suffix, one file each in that folder."""
    output = Path(output)
    if len(result.documents) > 1 and not output.suffix:
        written = []
        for number, document in enumerate(result.documents, 1):
            target = output / (safe_component(f"{number:02d}_{document.title[:30]}") + ".txt")
            written.append(write_atomic(target, document.text.encode("utf-8"), force=force))
        return written
    target = output if output.suffix else output.with_suffix(".txt")
    return [write_atomic(target, result.text.encode("utf-8"), force=force)]


def ingest_source(source: InputFile, *, to: str | None = None, document: int = 1,
                  name: str | None = None) -> Ingested:
    """``docgen ingest``: a cleaned text (cleaned again, harmlessly) or a .docx → template."""
    file = as_source(source, name)
    if file.suffix == ".docx":
        paragraphs = [p for p in document_paragraphs(_document(file)) if p.strip()]
        if to in ("hans", "hant"):
            converter = ScriptConverter.between("hant" if to == "hans" else "hans", to)
            paragraphs = [converter.convert(p) for p in paragraphs]
    else:
        cleaned = clean_source(file, to=to)
        if not 1 <= document <= len(cleaned.documents):
            raise InputError(f"文中只有 {len(cleaned.documents)} 篇文档", Location(key_path="--document"))
        paragraphs = cleaned.documents[document - 1].paragraphs
    if not paragraphs:
        raise InputError("没有可转换的文字", Location(file=file.name))
    return ingest_paragraphs(paragraphs)


def ingest_file(source: InputFile, template: str | Path, fields: str | Path | None = None, *,
                to: str | None = None, document: int = 1, force: bool = False,
                name: str | None = None) -> tuple[Ingested, Path, Path]:
    """``docgen ingest`` to files: the template and its fields file (beside it, .yaml, by
    default). The outputs are checked before any work."""
    template = Path(template)
    if template.suffix.lower() != ".docx":
        raise InputError("模板文件应为 .docx", Location(file=str(template)))
    fields_path = Path(fields) if fields is not None else template.with_suffix(".yaml")
    check_output(template, force=force)
    check_output(fields_path, force=force)
    result = ingest_source(source, to=to, document=document, name=name)
    write_atomic(template, result.data, force=force)
    write_atomic(fields_path, result.fields_yaml().encode("utf-8"), force=force)
    return result, template, fields_path


def write_text(path: str | Path, text: str, *, force: bool = False) -> Path:
    """Write a UTF-8 text file atomically (a skeleton, a report)."""
    return write_atomic(Path(path), text.encode("utf-8"), force=force)


# --------------------------------------------------------------------------- templates, samples

@dataclass(frozen=True)
class TemplateEntry:
    kind: Kind
    path: Path                  # the built-in template
    edited: Path | None = None  # the bureau's edited copy in use, if any


def template_listing(templates: str | Path | None = None) -> list[TemplateEntry]:
    """The built-in templates, and which of them an edited copy replaces."""
    folder = user_templates_dir(templates)
    entries = []
    for kind in KINDS.values():
        edited = folder / kind.template if folder is not None else None
        entries.append(TemplateEntry(kind, builtin_template(kind.name),
                                     edited if edited is not None and edited.is_file() else None))
    return entries


def copy_template(kind: str, directory: str | Path, *, force: bool = False) -> Path:
    """A built-in template copied into ``directory`` for editing in Word."""
    if kind not in KINDS:
        raise InputError(f"未知的文书类型「{kind}」（可用：{kind_names()}）", Location())
    source = builtin_template(kind)
    return write_atomic(Path(directory) / source.name, source.read_bytes(), force=force)


SAMPLE_FILES = ("pairing.yaml", "pairing-partial.yaml", "pairing-one-to-many.yaml", "community.yaml",
                "activities.xlsx", "activities.csv", "seal_a.png", "seal_b.png")


def init_samples(directory: str | Path, *, force: bool = False) -> list[Path]:
    """Copy the sample inputs (``docgen init``) into ``directory``, and write 名单模板.xlsx:
    the roster form a bureau sends to its schools, made from the schema."""
    directory = Path(directory)
    existing = [n for n in (*SAMPLE_FILES, FORM_NAME) if (directory / n).exists()]
    if existing and not force:
        raise InputError(f"文件已存在：{'、'.join(existing)}；如需覆盖请加 --force",
                         Location(file=str(directory)))
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for name in SAMPLE_FILES:
            shutil.copyfile(samples_dir() / name, directory / name)
    except OSError as exc:
        raise InputError(f"无法写入：{exc.strerror or exc}", Location(file=str(directory))) from None
    form = write_atomic(directory / FORM_NAME, sample_roster_form(samples_dir() / "pairing.yaml"),
                        force=True)
    return [directory / name for name in SAMPLE_FILES] + [form]

