"""The library entry points: one function runs the whole pipeline.

load → validate → build context → render → post-process → write. The CLI only maps its
options onto these functions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from .blanks import DEFAULT_BLANK, BlankReport
from .context import CONTEXT_ROOTS, DOCUMENT_SECTIONS, build_context
from .errors import InputError, Location, Problem, ValidationError
from .kinds import Kind, resolve_template
from .forms import FillResult, Scan, fill_docx, fill_text, scan_docx, scan_text
from .loaders import decode_text, load_activity_sheet, load_mapping, read_input_bytes
from .model import PAIRING_SPEC, Pairing, validate_pairing, with_activities
from .output import check_output, write_atomic
from .postprocess import ScriptOptions, finish
from .script import read_phrase_file, read_term_file
from .checker import CheckReport, check_template, fix_template
from .clean import CleanResult, clean_text
from .ingest import Ingested, ingest_paragraphs
from .safety import check_docx_file
from .script import ScriptConverter
from .convert import ConvertResult, convert_file
from .render import render_docx, template_fields
from .batch import BatchResult, run_batch  # noqa: F401  (part of the library API)


@dataclass
class RenderResult:
    """What one render produced: the document's bytes, where it went, what is left blank."""

    data: bytes
    output: Path | None
    kind: Kind | None
    blanks: BlankReport
    warnings: list[Problem] = field(default_factory=list)


def load_pairing(path: str | Path) -> Pairing:
    """Load and validate one pairing file (.yaml/.yml/.json)."""
    path = Path(path)
    data = load_mapping(path)
    return validate_pairing(data, file=str(path), base_dir=path.parent)


def load_activities(pairing: Pairing, path: str | Path) -> Pairing:
    """The pairing with its summary's activity log read from a .xlsx / .csv sheet.

    A 编号 column, when present, selects the rows of this pairing's id.
    """
    sheet = load_activity_sheet(path, pair_id=pairing.id)
    result = with_activities(pairing, sheet.records, file=sheet.file, locate=sheet.locate)
    if sheet.other_pairs and not sheet.records:
        result.warnings.append(Problem(
            f"表中 {sheet.other_pairs} 行活动的编号都不是「{pairing.id}」，本结对没有活动记录",
            Location(file=sheet.file, column=sheet.columns.get("id"))))
    return result


def script_options(target: str = "hans", *, keep_file: str | Path | None = None,
                   dict_file: str | Path | None = None,
                   font_map: str | None = None) -> ScriptOptions:
    """Script options from the command line's files: --keep (terms), --dict (pairs)."""
    keep = read_term_file(str(keep_file), read_input_bytes(Path(keep_file))) if keep_file else []
    phrases = (read_phrase_file(str(dict_file), read_input_bytes(Path(dict_file)))
               if dict_file else {})
    return ScriptOptions(target, keep, phrases, font_map)


def render_pairing(kind_or_template: str | Path, pairing: Pairing | Mapping[str, Any], *,
                   strict: bool = False, blank: str = DEFAULT_BLANK,
                   base_dir: Path | None = None,
                   script: ScriptOptions | None = None,
                   templates: str | Path | None = None) -> RenderResult:
    """Render one document in memory from a pairing (model or plain mapping).

    ``script`` writes it in another script (traditional, Taiwan, Hong Kong …)."""
    check_blank(blank)
    template, kind = resolve_template(kind_or_template, templates)
    if not isinstance(pairing, Pairing):
        pairing = validate_pairing(pairing, base_dir=base_dir)
    context = build_context(pairing, blank=blank,
                            sections=[kind.name] if kind and kind.name in DOCUMENT_SECTIONS else None)
    document = finish(render_docx(template, context, blank=blank), strict=strict, script=script,
                      pairing=pairing)
    return RenderResult(document.data, None, kind, document.blanks, list(pairing.warnings))


def render(kind_or_template: str | Path, input: str | Path, output: str | Path | None = None,
           *, strict: bool = False, blank: str = DEFAULT_BLANK, force: bool = False,
           activities: str | Path | None = None,
           script: ScriptOptions | None = None,
           templates: str | Path | None = None) -> RenderResult:
    """Render a built-in kind (or a .docx template) from an input file and write it.

    ``output`` defaults to the kind's Chinese title (协议书.docx) in the current folder.
    ``activities`` names a .xlsx / .csv activity log that replaces ``summary.activities``.
    Nothing is written when any stage fails; the file appears complete or not at all.
    """
    template, kind = resolve_template(kind_or_template, templates)
    out = Path(output) if output else Path(kind.default_output if kind else "输出.docx")
    if kind is None:
        data = load_mapping(Path(input))
        if not looks_like_pairing(data) or not uses_pairing_context(template):
            # A user's own template with its own data: rendered as docxtpl would render it
            # (in the sandbox, escaped), the data used as it is.
            check_blank(blank)
            if not isinstance(data, Mapping):
                raise InputError("数据文件的顶层应为键值表", Location(file=str(input)))
            check_output(out, force=force)
            document = finish(render_docx(template, dict(data), blank=blank, show_missing=False),
                              strict=strict, script=script)
            write_atomic(out, document.data, force=force)
            return RenderResult(document.data, out, None, document.blanks, [])
    pairing = load_pairing(input)
    if activities is not None:
        pairing = load_activities(pairing, activities)
    check_output(out, force=force)
    result = render_pairing(template if kind is None else kind.name, pairing,
                            strict=strict, blank=blank, script=script, templates=templates)
    result.output = write_atomic(out, result.data, force=force)
    return result


def looks_like_pairing(data: Any) -> bool:
    """Whether input data is a pairing (any top-level key docgen knows), rather than the
    free data of a user's own template."""
    if not isinstance(data, Mapping):
        return True  # validation will say what is wrong
    known = {name for c in PAIRING_SPEC.children for name in (c.key, *c.aliases)}
    return any(str(k).strip() in known for k in data)


def uses_pairing_context(template: Path) -> bool:
    """Whether a user's template reads the pairing context (supporter.name, signed_on …)
    rather than names of its own (an ingested template's year_1, 甲方 …)."""
    roots = {path.split(".")[0] for path in template_fields(template)}
    return bool(roots & CONTEXT_ROOTS)


def check_blank(blank: str) -> None:
    """Refuse a blank string that would break the document's layout."""
    if not blank or any(c in blank for c in "\r\n\t") or len(blank) > 40:
        raise InputError("空白占位符应为 1 到 40 个字符的单行文本（如 ____）",
                         Location(key_path="--blank"))


def convert_document(input: str | Path, output: str | Path, *, to: str | None = None,
                     source: str | None = None, config: str | None = None,
                     keep_file: str | Path | None = None, dict_file: str | Path | None = None,
                     font_map: str | None = None, force: bool = False) -> ConvertResult:
    """Convert a .docx, .txt or .md between scripts (``docgen convert``).

    ``source`` is detected from the text when not given; ``config`` names an OpenCC
    config directly (s2hkp, jp2t …) instead of ``source``/``to``.
    """
    options = script_options(keep_file=keep_file, dict_file=dict_file)
    return convert_file(input, output, to=to, source=source, config=config,
                        keep=options.keep, phrases=options.phrases, font_map=font_map,
                        force=force)


def check_template_file(template: str | Path) -> CheckReport:
    """``docgen check``: findings, variables and a data skeleton of a user's template."""
    path = Path(template)
    _check_docx_path(path)
    return check_template(path)


def fix_template_file(template: str | Path, output: str | Path, *, force: bool = False) -> int:
    """Write the template repaired (tags whole, ASCII) to ``output``; how many tags."""
    path = Path(template)
    _check_docx_path(path)
    data, count = fix_template(path)
    write_atomic(Path(output), data, force=force)
    return count


def _check_docx_path(path: Path) -> None:
    check_docx_file(path)


def list_blanks(document: str | Path) -> Scan:
    """``docgen blanks``: every blank (and content control) of a .docx or .txt."""
    path = Path(document)
    if path.suffix.lower() == ".docx":
        _check_docx_path(path)
        return scan_docx(read_input_bytes(path))
    if path.suffix.lower() in (".txt", ".md"):
        return scan_text(decode_text(read_input_bytes(path), str(path)))
    if path.suffix.lower() == ".doc":
        _check_docx_path(path)
    raise InputError("只能查找 .docx 或 .txt 文件中的空白", Location(file=str(path)))


def fill_document(document: str | Path, values: str | Path, output: str | Path, *,
                  underline: bool = False, force: bool = False) -> FillResult:
    """``docgen fill``: fill a document's blanks by number or label, and its content
    controls by tag or title, from a YAML/JSON mapping."""
    path, out = Path(document), Path(output)
    data = load_mapping(Path(values))
    if not isinstance(data, Mapping):
        raise InputError("填写数据应为键值表：空白编号或标签 → 内容", Location(file=str(values)))
    if path.suffix.lower() == ".docx":
        _check_docx_path(path)
        if out.suffix.lower() != ".docx":
            raise InputError("输出文件应为 .docx", Location(file=str(out)))
        check_output(out, force=force)
        result = fill_docx(read_input_bytes(path), data, underline=underline)
    elif path.suffix.lower() in (".txt", ".md"):
        check_output(out, force=force)
        result = fill_text(decode_text(read_input_bytes(path), str(path)), data)
    else:
        list_blanks(path)  # the same messages for .doc and other files
        raise AssertionError
    if result.problems:
        raise ValidationError(result.problems, str(values))
    write_atomic(out, result.data, force=force)
    return result


def clean_source(source: str | Path | None, *, text: str | None = None,
                 to: str | None = None) -> CleanResult:
    """``docgen clean``: clean a .txt/.html file (or ``text`` pasted on standard input)."""
    if text is None:
        path = Path(source)  # type: ignore[arg-type]
        if path.suffix.lower() not in (".txt", ".html", ".htm", ".md", ""):
            raise InputError("只能清理 .txt 或 .html 文件（或从标准输入粘贴的文字）",
                             Location(file=str(path)))
        data = read_input_bytes(path)
        if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")) \
                and data[:4096].count(b"\x00") < len(data[:4096]) // 4:
            raise InputError("这不是文本文件（含有二进制内容）", Location(file=str(path)))
        text = decode_text(data, str(path))
    if not text.strip():
        raise InputError("没有可清理的文字（文件是空的）", Location(file=str(source or "-")))
    if to is not None and to not in ("hans", "hant"):
        raise InputError("--to 只能是 hans（简体）或 hant（繁体）", Location(key_path="--to"))
    return clean_text(text, to=to)


def ingest_source(source: str | Path, *, to: str | None = None,
                  document: int = 1) -> Ingested:
    """``docgen ingest``: a cleaned text (cleaned again, harmlessly) or a .docx → template."""
    path = Path(source)
    if path.suffix.lower() == ".docx":
        _check_docx_path(path)
        from .document import document_paragraphs

        paragraphs = [p for p in document_paragraphs(read_input_bytes(path)) if p.strip()]
        if to in ("hans", "hant"):
            converter = ScriptConverter.between("hant" if to == "hans" else "hans", to)
            paragraphs = [converter.convert(p) for p in paragraphs]
    else:
        cleaned = clean_source(path, to=to)
        if not 1 <= document <= len(cleaned.documents):
            raise InputError(f"文中只有 {len(cleaned.documents)} 篇文档", Location(key_path="--document"))
        paragraphs = cleaned.documents[document - 1].paragraphs
    if not paragraphs:
        raise InputError("没有可转换的文字", Location(file=str(path)))
    return ingest_paragraphs(paragraphs)
