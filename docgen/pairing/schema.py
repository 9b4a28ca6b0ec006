"""The one declaration of the input's fields, and what derives from it.

A field is declared once, on the dataclass that holds it, with one of the helpers below
(:func:`text`, :func:`integer`, :func:`date` …): its Chinese label, the names users write
for it (YAML keys, roster and activity-sheet headers), its kind of value, default, unit and
help. :func:`spec_of` turns a dataclass into a :class:`Spec` tree; validation walks that
tree, :func:`build` makes the model objects from what it read, and the labels of blanks
and errors, the headers of rosters and activity sheets, the web form and ``docgen kinds``
all read the same tree. Traditional-character spellings of the names are not listed: the
validate stage derives them with OpenCC.

Labels of reusable groups hold ``{}`` where the enclosing field's label goes: School.name
is "{}学校名称", so supporter.name reads 甲方学校名称.

A group declared with ``more`` may also be written as a list of such mappings (one 甲方
and several 乙方): its field holds the first item and the model attribute named by
``more`` the others. Item ``i`` of the list is labelled 乙方第i项 (:func:`item_of`).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Mapping

from .dates import PartialDate

_METADATA = "docgen"

# Kinds of value a leaf can hold (see pipeline/validate.py for how each is read).
VALUE_KINDS = ("text", "doc_number", "phone", "int", "amount", "date", "school_year", "side",
               "choice", "texts", "names", "image")


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: trees are built once
class Spec:
    """One field of the input: its key, full Chinese label, names, kind and children."""

    key: str
    label: str
    kind: str
    aliases: tuple[str, ...] = ()
    children: tuple["Spec", ...] = ()
    minimum: int | float | None = None
    maximum: int | float | None = None
    choices: tuple[str, ...] = ()
    default: Any = None            # the value when missing; a class or list is a factory
    unit: str = ""
    help: str = ""
    proper: str = ""               # "person" or "place": holds names of people or places,
                                   # which convert to another script as names
    column: bool = False           # may be a column of a roster
    headline: bool = False         # a column named after its group alone means this field
    words: tuple[tuple[str, str], ...] = ()  # a choice's short words: (送教, 送教示范课)
    required: bool = False
    model: Any = None              # the class a group or a record is built as
    from_text: Callable[[str], dict[str, Any]] | None = None  # a group written as one string
    overrides: tuple[tuple[str, Any], ...] = ()  # children's defaults in this use of a group
    more: str = ""                 # a group also written as a list: the model attribute
                                   # holding the items after the first

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the field may be written with: its key, its aliases, its label, and
        its label with its unit (图书（册）)."""
        with_unit = f"{self.label}（{self.unit}）" if self.unit else ""
        return tuple(dict.fromkeys(n for n in (self.key, *self.aliases, self.label, with_unit) if n))

    def child(self, key: str) -> "Spec":
        for c in self.children:
            if c.key == key:
                return c
        raise KeyError(key)

    def missing(self) -> Any:
        """The value of the field when the input does not give it."""
        return self.default() if callable(self.default) else self.default

    def leaves(self, prefix: str = "") -> Iterator[tuple[str, "Spec"]]:
        """(key path, spec) of every field below, records' fields as ``path[].field``."""
        for c in self.children:
            path = f"{prefix}{c.key}"
            if c.kind == "group":
                yield from c.leaves(path + ".")
            else:
                yield path, c
                if c.kind == "records":
                    yield from c.leaves(path + "[].")


# --------------------------------------------------------------------------- declaring

def _declare(kind: str, label: str, aliases: tuple[str, ...], default: Any = None,
             **details: Any) -> Any:
    spec = Spec("", label, kind, tuple(aliases), default=default, **details)
    if callable(default):
        return dataclasses.field(default_factory=default, metadata={_METADATA: spec})
    return dataclasses.field(default=default, metadata={_METADATA: spec})


def text(label: str, *aliases: str, proper: str = "", column: bool = False,
         headline: bool = False, help: str = "") -> Any:
    """A line of text. ``headline``: a table column named after the group alone (支援学校)
    is this field; ``proper``: it names a "person" or a "place"."""
    return _declare("text", label, aliases, proper=proper, column=column, headline=headline,
                    help=help)


def phone(label: str, *aliases: str, help: str = "") -> Any:
    """A telephone number. A sheet that stored it as a number lost a landline's leading 0;
    validation restores it (see pipeline/validate.py)."""
    return _declare("phone", label, aliases, help=help)


def doc_number(label: str, *aliases: str, column: bool = False, help: str = "") -> Any:
    """An official document number, written the GB/T 9704 way (常教发〔2007〕23号)."""
    return _declare("doc_number", label, aliases, column=column, help=help)


def texts(label: str, *aliases: str, column: bool = False, help: str = "") -> Any:
    """Paragraphs or numbered items: a list, or lines of one string. None when not given,
    [] when given as empty (a template may tell "none" from "not given")."""
    return _declare("texts", label, aliases, column=column, help=help)


def names(label: str, *aliases: str, proper: str = "", help: str = "") -> Any:
    """A list of short names, also written 甲、乙 or 甲,乙."""
    return _declare("names", label, aliases, list, proper=proper, help=help)


def integer(label: str, *aliases: str, minimum: int, maximum: int, default: int | None = None,
            unit: str = "", column: bool = False, help: str = "") -> Any:
    """A whole number within bounds."""
    return _declare("int", label, aliases, default, minimum=minimum, maximum=maximum, unit=unit,
                    column=column, help=help)


def count(label: str, *aliases: str, unit: str, help: str = "") -> Any:
    """A number of things (0 or more): teachers, lessons, books."""
    return integer(label, *aliases, minimum=0, maximum=1_000_000, unit=unit, help=help)


def amount(label: str, *aliases: str, unit: str, help: str = "") -> Any:
    """A non-negative sum, possibly with decimals (yuan)."""
    return _declare("amount", label, aliases, minimum=0, unit=unit, help=help)


def date(label: str, *aliases: str, column: bool = False, help: str = "") -> Any:
    """A date, possibly partial (a year, or a year and month)."""
    return _declare("date", label, aliases, PartialDate, column=column, help=help)


def school_year(label: str, *aliases: str, help: str = "") -> Any:
    return _declare("school_year", label, aliases, help=help)


def side(label: str, *aliases: str, default: str | None = None, help: str = "") -> Any:
    """甲方 or 乙方, stored as supporter / supported."""
    return _declare("side", label, aliases, default, help=help)


def choice(label: str, choices: tuple[str, ...], *aliases: str, required: bool = False,
           words: Mapping[str, str] | None = None, help: str = "") -> Any:
    """One of a fixed list of words; ``words`` maps short words users write to a choice
    (accepted with a notice)."""
    return _declare("choice", label, aliases, choices=choices, required=required,
                    words=tuple((words or {}).items()), help=help)


def image(label: str, *aliases: str, column: bool = False, help: str = "") -> Any:
    """A picture file (a seal, a signature), relative to the input file's folder."""
    return _declare("image", label, aliases, column=column, help=help)


def group(model: type, label: str, *aliases: str, column: bool = False,
          defaults: Mapping[str, Any] | None = None,
          from_text: Callable[[str], dict[str, Any]] | None = None, more: str = "",
          help: str = "") -> Any:
    """A mapping of the fields declared on ``model``. ``defaults`` sets its children's
    defaults for this use; ``from_text`` reads the group when it is written as a string;
    ``more`` lets it be written as a list too, naming the model attribute that takes the
    items after the first (the field itself takes the first)."""
    return _declare("group", label, aliases, model, model=model, column=column,
                    overrides=tuple((defaults or {}).items()), from_text=from_text, more=more,
                    help=help)


def records(model: type, label: str, *aliases: str, default: Any = None, help: str = "") -> Any:
    """A list of mappings, each of the fields declared on ``model`` (one mapping alone is
    read as a list of one); None when not given unless ``default`` (``list``) says."""
    return _declare("records", label, aliases, default, model=model, help=help)


def pair_of(model: type, label: str, *aliases: str, sides: Mapping[str, tuple[str, ...]],
            of: Callable[..., Any], column: bool = False) -> Any:
    """A value for each side (甲方, 乙方): ``model(supporter=…, supported=…)``. Each side's
    field is ``of(label, *aliases)``; a side's label comes before the pair's (甲方责任)."""
    children = tuple(dataclasses.replace(of(words[0] + "{}", *words).metadata[_METADATA], key=key)
                     for key, words in sides.items())
    return _declare("group", label, aliases, model, model=model, children=children,
                    column=column)


# --------------------------------------------------------------------------- the tree

def spec_of(model: type, key: str = "", label: str = "", aliases: tuple[str, ...] = ()) -> Spec:
    """The Spec tree of a dataclass whose fields are declared with the helpers above."""
    return _group(Spec(key, label, "group", aliases, model=model))


def _group(spec: Spec) -> Spec:
    """A group's or record's spec with its children made whole: keys, full labels, their
    own children, and this use's defaults."""
    declared = spec.children or tuple(
        dataclasses.replace(f.metadata[_METADATA], key=f.name)
        for f in dataclasses.fields(spec.model) if _METADATA in f.metadata)
    overrides = dict(spec.overrides)
    children = []
    for child in declared:
        child = dataclasses.replace(child, label=child.label.replace("{}", spec.label))
        if child.key in overrides:
            child = dataclasses.replace(child, default=overrides[child.key])
        if child.kind in ("group", "records"):
            child = _group(child)
        children.append(child)
    return dataclasses.replace(spec, children=tuple(children))


@functools.lru_cache(maxsize=None)
def item_of(spec: Spec, index: int) -> Spec:
    """Item ``index`` (from 1) of a group written as a list: its label, and its children's,
    name the item (乙方第2项, 乙方第2项学校名称)."""
    return _group(dataclasses.replace(spec, label=f"{spec.label}第{index}项", children=()))


def build(spec: Spec, raw: Mapping[str, Any] | None) -> Any:
    """The model object of a group from what validation read (canonical key → value, None
    where absent); missing values take their declared defaults. A group written as a list
    (see ``more``) was read as a list of such mappings."""
    raw = raw or {}
    values = {}
    for c in spec.children:
        value = raw.get(c.key)
        if c.kind == "group" and c.more and isinstance(value, list):
            items = [build(c, item) for item in value] or [build(c, None)]
            values[c.key], values[c.more] = items[0], tuple(items[1:])
        elif c.kind == "group":
            values[c.key] = build(c, value)
        elif value is None:
            values[c.key] = c.missing()
        elif c.kind == "records":
            values[c.key] = [build(c, item) for item in value]
        else:
            values[c.key] = value
    return spec.model(**values)


def empty(spec: Spec) -> dict[str, Any]:
    """What validation reads from an absent group: every key, nothing given."""
    return {c.key: empty(c) if c.kind == "group" else None for c in spec.children}


@functools.lru_cache(maxsize=None)
def _labels(spec: Spec) -> dict[str, str]:
    return {path: leaf.label for path, leaf in spec.leaves()}


def field_labels(spec: Spec) -> dict[str, str]:
    """Every key path below ``spec`` with its label: {'supporter.name': '甲方学校名称', …}."""
    return dict(_labels(spec))


def label_of(spec: Spec, path: str) -> str | None:
    """The label of a key path, records' items included (summary.activities[3].type), and
    the items of a group written as a list (supported[2].name → 乙方第2项学校名称)."""
    labels = _labels(spec)
    found = labels.get(path) or labels.get(re.sub(r"\[\d+\]", "[]", path))
    item = re.fullmatch(r"(\w+)\[(\d+)\]\.(.+)", path)
    if found is None and item:
        group = next((c for c in spec.children if c.key == item[1] and c.more), None)
        if group is not None and int(item[2]) > 0:
            return label_of(item_of(group, int(item[2])), item[3])
    return found


def texts_by_proper(spec: Spec, value: Any) -> dict[str, list[str]]:
    """Every text a model object holds, by what its field names: "person", "place", or ""
    for other text; in declaration order, without repeats."""
    found: dict[str, dict[str, None]] = {"person": {}, "place": {}, "": {}}
    for field_spec, text_value in _texts(spec, value):
        found[field_spec.proper].setdefault(text_value, None)
    return {kind: list(values) for kind, values in found.items()}


def map_texts(spec: Spec, value: Any, convert: Callable[[Spec, str], str]) -> Any:
    """A copy of a model object with every text replaced by ``convert(field, text)``."""
    if value is None or not dataclasses.is_dataclass(value):
        return value
    changes: dict[str, Any] = {}
    for c in spec.children:
        item = getattr(value, c.key, None)
        if c.kind == "group":
            changes[c.key] = map_texts(c, item, convert)
            if c.more:
                changes[c.more] = tuple(map_texts(c, other, convert)
                                        for other in getattr(value, c.more, ()))
        elif c.kind == "records":
            changes[c.key] = [map_texts(c, record, convert) for record in item] \
                if isinstance(item, list) else item
        elif isinstance(item, str):
            changes[c.key] = convert(c, item)
        elif isinstance(item, list) and all(isinstance(i, str) for i in item):
            changes[c.key] = [convert(c, i) for i in item]
    return dataclasses.replace(value, **changes)


def _texts(spec: Spec, value: Any) -> Iterator[tuple[Spec, str]]:
    for c in spec.children:
        item = getattr(value, c.key, None)
        if c.kind == "group":
            yield from _texts(c, item)
            for other in (getattr(value, c.more, ()) if c.more else ()):
                yield from _texts(c, other)
        elif c.kind == "records":
            for record in item or []:
                yield from _texts(c, record)
        elif isinstance(item, str) and item:
            yield c, item
        elif isinstance(item, list):
            yield from ((c, i) for i in item if isinstance(i, str) and i)
