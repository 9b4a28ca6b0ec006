"""The package keeps its shape: dependency direction and one owner per library."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "docgen"

# Lower layers never import higher ones: cli → api → stages → model → util.
LAYERS = {
    "errors": 0, "dates": 0, "numerals": 0, "text": 0, "blanks": 0, "prose": 0, "package": 0,
    "names": 0, "safety": 0,
    "model": 1,
    "loaders": 2, "context": 2, "filters": 2, "render": 2, "postprocess": 2, "output": 2,
    "kinds": 2, "document": 2, "activities": 2, "roster": 2, "merge": 2,
    "script": 1, "scriptdoc": 2, "convert": 2, "checker": 2, "forms": 2, "blankscan": 0,
    "clean": 2, "ingest": 2, "pdf": 2, "web": 3,
    "batch": 3,
    "api": 3,
    "__init__": 4,
    "cli": 5,
}
# Each third-party library has one owning module.
OWNERS = {
    "click": {"cli"},
    "docxtpl": {"render"},
    "jinja2": {"render", "checker"},
    "yaml": {"loaders"},
    "openpyxl": {"loaders"},
    "charset_normalizer": {"loaders"},
    "docxcompose": {"merge"},
    "flask": {"web"},
    "cn2an": {"numerals"},
    "docx": {"render", "document", "merge", "ingest"},
    "lxml": {"render", "document", "scriptdoc", "checker", "forms"},
    "opencc": {"script"},
}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: from .x import y / from . import y
                if node.module:
                    names.add("docgen." + node.module)
                else:
                    names.update("docgen." + alias.name for alias in node.names)
            elif node.module:
                names.add(node.module)
    return names


MODULES = sorted(p.stem for p in PACKAGE.glob("*.py"))


def test_every_module_has_a_layer():
    assert set(MODULES) <= set(LAYERS), set(MODULES) - set(LAYERS)


@pytest.mark.parametrize("module", MODULES)
def test_imports_point_down(module):
    for name in imports_of(PACKAGE / f"{module}.py"):
        if name.startswith("docgen."):
            target = name.split(".")[1]
            if target in LAYERS and module != "__init__":
                assert LAYERS[target] <= LAYERS[module], f"{module} imports {target}"


@pytest.mark.parametrize("module", MODULES)
def test_third_party_libraries_have_one_owner(module):
    for name in imports_of(PACKAGE / f"{module}.py"):
        root = name.split(".")[0]
        if root in OWNERS:
            assert module in OWNERS[root], f"{module} imports {root}"


def test_nothing_imports_the_cli():
    for module in MODULES:
        if module != "cli":
            assert "docgen.cli" not in imports_of(PACKAGE / f"{module}.py"), module


def test_public_api_is_listed():
    import docgen
    for name in docgen.__all__:
        assert hasattr(docgen, name), name
