"""The one exception hierarchy of docgen.

Every error a user can cause carries a Chinese message and, where known, the place it
refers to (file, key path, row, column, paragraph). The CLI turns them into exit codes:
:class:`InputError` → 2, :class:`RenderError` → 1. Messages never start with "错误："; the
CLI adds the prefix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable


@dataclass(frozen=True)
class Location:
    """Where a problem is. Every part is optional; ``str()`` joins the known ones."""

    file: str | None = None
    key_path: str | None = None
    row: int | None = None
    column: str | None = None
    line: int | None = None
    paragraph: int | None = None

    def __str__(self) -> str:
        parts: list[str] = []
        if self.file:
            parts.append(self.file)
        if self.line is not None:
            parts.append(f"第{self.line}行")
        if self.row is not None:
            parts.append(f"第{self.row}行")
        if self.column:
            parts.append(f"「{self.column}」")
        if self.paragraph is not None:
            parts.append(f"第{self.paragraph}段")
        if self.key_path:
            parts.append(self.key_path)
        return " ".join(parts)


@dataclass(frozen=True)
class Problem:
    """One finding about the input: an error or a warning, with where it is."""

    message: str
    where: Location = field(default_factory=Location)

    def __str__(self) -> str:
        place = str(self.where)
        return f"{place}: {self.message}" if place else self.message


class DocgenError(Exception):
    """Base of every error docgen raises on purpose.

    ``exit_code`` is what the CLI exits with; ``problems`` lists each finding so that a
    caller can show all of them at once.
    """

    exit_code = 1

    def __init__(self, message: str, where: Location | None = None,
                 problems: Iterable[Problem] = ()) -> None:
        self.message = message
        self.where = where or Location()
        self.problems = list(problems)
        super().__init__(self.__str__())

    def __str__(self) -> str:
        place = str(self.where)
        head = f"{place}: {self.message}" if place else self.message
        if not self.problems:
            return head
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


class InputError(DocgenError):
    """The user's input cannot be used: missing file, bad syntax, invalid values."""

    exit_code = 2


class ValidationError(InputError):
    """The input parsed but some values are invalid; ``problems`` lists all of them."""

    def __init__(self, problems: Iterable[Problem], file: str | None = None) -> None:
        problems = list(problems)
        super().__init__(f"输入数据有 {len(problems)} 处问题", Location(file=file), problems)


class MissingValuesError(InputError):
    """``--strict`` was asked for and some values the template uses are missing."""

    def __init__(self, fields: dict[str, int], labels: dict[str, str]) -> None:
        problems = [Problem(f"缺少「{labels.get(f, f)}」（用到 {n} 处）", Location(key_path=f))
                    for f, n in fields.items()]
        super().__init__(f"严格模式：有 {len(fields)} 项数据缺失，未生成文件", problems=problems)
        self.fields = dict(fields)


class TemplateError(DocgenError):
    """A Word template is unusable: missing, not a .docx, or with a broken tag."""

    exit_code = 1


class RenderError(DocgenError):
    """Rendering or writing a document failed for a reason other than the input."""

    exit_code = 1


class OutputError(InputError):
    """The output path cannot be used (exists without --force, is a folder …)."""


def internal_error(exc: BaseException) -> str:
    """What a failure that is docgen's, not the user's data's, tells the user."""
    return (f"内部错误：{type(exc).__name__}: {exc}（这是 docgen 的问题，不是您的数据的问题，"
            "请连同输入文件一并反馈）")
