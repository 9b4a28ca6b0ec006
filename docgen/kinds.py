"""The built-in document kinds and where their Word templates live.

Templates sit in the top-level ``templates/`` folder of the source tree and are shipped
inside the wheel as ``docgen/templates`` (likewise ``samples/``). An installed package finds them beside its
modules; an editable install or a source checkout falls back to the source tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, Location


@dataclass(frozen=True)
class Kind:
    """A built-in document: its name on the command line, title and template file."""

    name: str
    title: str
    template: str
    description: str

    @property
    def default_output(self) -> str:
        return f"{self.title}.docx"


KINDS: dict[str, Kind] = {
    "agreement": Kind("agreement", "协议书", "agreement.docx",
                      "城乡学校结对帮扶协议书（甲乙双方、帮扶期限、双方责任、签章）"),
    "plan": Kind("plan", "工作计划", "plan.docx",
                 "学年度结对帮扶工作计划（指导思想、组织机构、主要措施、月度安排、工作保障）"),
    "summary": Kind("summary", "工作总结", "summary.docx",
                    "学年度结对帮扶工作总结（五部分；活动数字由活动记录计算）"),
    "scheme": Kind("scheme", "实施方案", "scheme.docx",
                   "城乡学校共同体实施方案（核心、成员、辐射学校；组织领导、目标、措施、步骤）"),
}

# Context names computed from input fields rather than typed in: name → input fields.
DERIVED_FIELDS: dict[str, tuple[str, ...]] = {
    "term.end": ("term.start", "term.years"),
    "term.years_cn": ("term.years",),
    "copies_cn": ("copies",),
    "plan.author.name": ("plan.author", "supporter.name", "supported.name"),
    "plan.measures_heading": ("plan.author",),
    "summary.author.name": ("summary.author", "supporter.name", "supported.name"),
    "summary.opening": ("summary.author", "authority"),
    "summary.emphasis": ("summary.sections.emphasis",),
    "summary.activities_intro": ("summary.sections.activities",),
    "summary.totals_sentence": ("summary.school_year", "summary.year", "summary.activities"),
    "summary.groups": ("summary.activities",),
    "summary.progress": ("summary.sections.progress",),
    "summary.feelings": ("summary.sections.feelings",),
    "community.school_names": ("community.core", "community.members", "community.radiating"),
    "community.member_names": ("community.members",),
    "community.radiating_names": ("community.radiating",),
    "scheme.goals_final": ("scheme.goals.final",),
    "scheme.goals_yearly": ("scheme.goals.yearly",),
    "scheme.signature_rows": ("community.core", "community.members", "community.radiating"),
}


def input_fields(template_paths: list[str], known: set[str]) -> list[str]:
    """The input fields behind a template's context paths, in order, without repeats."""
    out: dict[str, None] = {}
    for path in template_paths:
        for field in DERIVED_FIELDS.get(path, (path,)):
            if field in known:
                out.setdefault(field, None)
            else:  # a group such as community.core: list its known leaves
                for leaf in known:
                    if leaf.startswith(field + "."):
                        out.setdefault(leaf, None)
    return list(out)


def _data_dir(name: str) -> Path:
    """A top-level data folder: inside the installed package, else in the source tree."""
    packaged = Path(__file__).resolve().parent / name
    if packaged.is_dir():
        return packaged
    source_tree = Path(__file__).resolve().parent.parent / name
    if source_tree.is_dir():
        return source_tree
    raise FileNotFoundError(f"docgen's {name} folder is missing from this installation")


def templates_dir() -> Path:
    """The folder holding the built-in Word templates."""
    return _data_dir("templates")


def samples_dir() -> Path:
    """The folder holding the sample inputs that ``docgen init`` copies."""
    return _data_dir("samples")


CONFIG_FILES = ("docgen.yaml", "~/.docgen.yaml")


def user_templates_dir(explicit: str | Path | None = None) -> Path | None:
    """Where a bureau keeps its edited copies of the built-in templates, if anywhere:
    --templates-dir, else ``templates_dir:`` in docgen.yaml (this folder) or ~/.docgen.yaml."""
    if explicit is not None:
        folder = Path(explicit).expanduser()
        if not folder.is_dir():
            raise InputError("模板文件夹不存在", Location(file=str(folder), key_path="--templates-dir"))
        return folder
    from .loaders import load_mapping

    for name in CONFIG_FILES:
        config = Path(name).expanduser()
        if config.is_file():
            data = load_mapping(config)
            value = data.get("templates_dir") if isinstance(data, dict) else None
            if value:
                folder = (config.parent / str(value)).expanduser()
                if not folder.is_dir():
                    raise InputError("配置的模板文件夹不存在", Location(file=str(config),
                                                                   key_path="templates_dir"))
                return folder
    return None


def resolve_template(kind_or_path: str | Path,
                     templates: str | Path | None = None) -> tuple[Path, Kind | None]:
    """A kind name ('agreement') or a path to a user's .docx → (template path, kind).

    For a kind, an edited copy in the user's templates folder wins over the built-in one.
    """
    text = str(kind_or_path)
    if text in KINDS:
        kind = KINDS[text]
        folder = user_templates_dir(templates)
        if folder is not None and (folder / kind.template).is_file():
            return folder / kind.template, kind
        return templates_dir() / kind.template, kind
    path = Path(text)
    if path.suffix.lower() in (".docx", ".doc") or path.exists():
        return path, None
    known = "、".join(KINDS)
    raise InputError(f"未知的文书类型「{text}」（内置类型：{known}；或给出 .docx 模板路径）",
                     Location())
