"""Where a document's template comes from: a bureau's edited copy, or the built-in one.

An edited copy is looked for in --templates-dir, else in the folder named by
``templates_dir:`` in ./docgen.yaml or ~/.docgen.yaml.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, Location
from ..kinds import KINDS, Kind, builtin_template
from .load import load_mapping

CONFIG_FILES = ("docgen.yaml", "~/.docgen.yaml")


def user_templates_dir(explicit: str | Path | None = None) -> Path | None:
    """The folder of a bureau's edited templates, if any (see the module docstring)."""
    if explicit is not None:
        folder = Path(explicit).expanduser()
        if not folder.is_dir():
            raise InputError("模板文件夹不存在", Location(file=str(folder), key_path="--templates-dir"))
        return folder
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


def kind_names() -> str:
    """The built-in kinds as messages and help list them: agreement（协议书）、plan（工作计划）…"""
    return "、".join(f"{k.name}（{k.title}）" for k in KINDS.values())


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
        return builtin_template(text), kind
    path = Path(text)
    if path.suffix.lower() in (".docx", ".doc") or path.exists():
        return path, None
    raise InputError(f"未知的文书类型「{text}」（内置类型：{kind_names()}；或给出 .docx 模板路径）",
                     Location())
