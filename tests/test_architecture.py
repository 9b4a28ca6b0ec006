"""The package keeps its shape: layers, one owner per library, front ends through the API,
small modules, and each field's label declared once."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "docgen"

# Lower layers never import higher ones: front ends → api → stages → schema/ooxml.
LAYERS = {
    "errors": 0,
    "pairing": 1, "ooxml": 1,
    "script": 2,
    "kinds": 3,
    "pipeline": 4,
    "tools": 5,
    "api": 6,
    "__init__": 7,
    "cli": 8, "web": 8,
}
FRONT_ENDS = {"cli", "web"}
# Each third-party library (and the zip plumbing) has one owning subpackage.
OWNERS = {
    "click": "cli",
    "flask": "web",
    "werkzeug": "web",
    "docxtpl": "pipeline",
    "jinja2": "pipeline",
    "yaml": "pipeline",
    "openpyxl": "pipeline",
    "xlrd": "pipeline",
    "charset_normalizer": "pipeline",
    "docx": "ooxml",
    "docxcompose": "ooxml",
    "lxml": "ooxml",
    "zipfile": "ooxml",
    "opencc": "script",
    "cn2an": "pairing",
}
STAGES = ("load", "validate", "context", "render", "finish", "write")
MAX_LINES = 600

MODULES = sorted(PACKAGE.rglob("*.py"))


def unit_of(path: Path) -> str:
    """The layer unit of a module: its subpackage, or its own name at the top."""
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Absolute names of what a module imports (``from .x import y`` resolved)."""
    tree = ast.parse(path.read_text("utf-8"))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rsplit(".", 1)[0]
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                if node.module:
                    names.add(".".join([*base, node.module]))
                else:
                    names.update(".".join([*base, alias.name]) for alias in node.names)
            elif node.module:
                names.add(node.module)
    return names


def internal_unit(name: str) -> str | None:
    parts = name.split(".")
    if parts[0] != "docgen":
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def test_every_module_has_a_layer():
    assert {unit_of(p) for p in MODULES} <= set(LAYERS)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_down(path):
    unit = unit_of(path)
    for name in imports_of(path):
        target = internal_unit(name)
        if target is not None and target != unit:
            assert LAYERS[target] < LAYERS[unit], f"{unit} imports {name}"


@pytest.mark.parametrize("path", [p for p in MODULES if unit_of(p) in FRONT_ENDS],
                         ids=lambda p: str(p.relative_to(PACKAGE)))
def test_front_ends_import_only_the_api(path):
    unit = unit_of(path)
    for name in imports_of(path):
        target = internal_unit(name)
        if target is not None and target != unit:
            assert name in ("docgen.api", "docgen.errors"), f"{path.name} imports {name}"


def test_nothing_imports_the_front_ends():
    for path in MODULES:
        for name in imports_of(path):
            target = internal_unit(name)
            if target in FRONT_ENDS:
                assert unit_of(path) == target, f"{path} imports {name}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_third_party_libraries_have_one_owner(path):
    for name in imports_of(path):
        root = name.split(".")[0]
        if root in OWNERS:
            assert unit_of(path) == OWNERS[root], f"{path.name} imports {root}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_are_small(path):
    assert len(path.read_text("utf-8").splitlines()) <= MAX_LINES


def test_the_pipeline_shows_its_stages():
    assert {p.stem for p in (PACKAGE / "pipeline").glob("*.py")} >= set(STAGES)


def test_web_pages_are_template_files():
    for path in (PACKAGE / "web").glob("*.py"):
        assert "<html" not in path.read_text("utf-8"), path.name
    assert (PACKAGE / "web" / "templates" / "base.html").is_file()


def test_public_api_is_listed():
    import docgen
    import docgen.api

    for module in (docgen, docgen.api):
        for name in module.__all__:
            assert hasattr(module, name), name


# --------------------------------------------------------------------------- one declaration

_HELPERS = {"text", "doc_number", "texts", "names", "integer", "count", "amount", "date",
            "school_year", "side", "choice", "image", "group", "records", "by_side", "pair_of"}


def _declarations(tree: ast.AST) -> list[ast.Call]:
    return [n for n in ast.walk(tree)
            if isinstance(n, ast.Call) and getattr(n.func, "id", None) in _HELPERS]


def _strings(node: ast.AST, outside: set[int] = frozenset()) -> list[str]:
    """String constants below ``node``, not those in ``outside`` nor the text pieces of
    f-strings (words in a sentence, not names of anything)."""
    pieces = {id(v) for n in ast.walk(node) if isinstance(n, ast.JoinedStr) for v in n.values}
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant)
            and isinstance(n.value, str) and id(n) not in outside and id(n) not in pieces]


def _declared_keys(tree: ast.AST) -> set[str]:
    """The fields a module declares: class attributes whose value is a declaration."""
    return {n.target.id for n in ast.walk(tree)
            if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)
            and isinstance(n.value, ast.Call) and getattr(n.value.func, "id", None) in _HELPERS}


def test_no_module_pairs_a_field_with_its_name_again():
    """A table such as {"teachers": ("教师人次", …)} or ("term.start", "开始年月") outside the
    module declaring the field is a second declaration of its name, and drifts. (tools/
    works on users' own documents, whose words are not the pairing's fields.)"""
    from docgen.kinds import PAIRING_SPEC

    names_of: dict[str, set[str]] = {}
    for path, spec in PAIRING_SPEC.leaves():
        names = {n for n in (*spec.aliases, spec.label) if len(n) > 1 and not n.isascii()}
        for key in (path, path.replace("[]", ""), spec.key):
            names_of.setdefault(key, set()).update(names)
    found = []
    for path in MODULES:
        if unit_of(path) == "tools":
            continue
        tree = ast.parse(path.read_text("utf-8"))
        inside = {id(n) for call in _declarations(tree) for n in ast.walk(call)}
        own = _declared_keys(tree)
        for node in ast.walk(tree):
            if id(node) in inside or not isinstance(node, (ast.Tuple, ast.List, ast.Set, ast.Dict)):
                continue
            strings = set(_strings(node, inside))
            for key in (strings & set(names_of)) - own:
                again = strings & names_of[key]
                if again:
                    found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {key} {sorted(again)}")
    assert not found, found


def test_a_label_such_as_teachers_appears_in_one_module():
    homes = [path for path in MODULES if "教师人次" in _strings(ast.parse(path.read_text("utf-8")))]
    assert [p.relative_to(PACKAGE).as_posix() for p in homes] == ["kinds/activities.py"]
