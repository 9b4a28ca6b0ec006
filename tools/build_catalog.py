"""Build docgen's Chinese catalog of click's messages (docgen/cli/locale).

    python tools/build_catalog.py           update messages.po from click, compile messages.mo
    python tools/build_catalog.py --check   exit 1 if the catalog is behind click or the .mo is stale
    python tools/build_catalog.py --prune   also drop msgids the installed click no longer has

click passes its texts to gettext (``_()``, ``ngettext()``); docgen answers them from
messages.po, compiled into messages.mo (GNU format, read by Python's gettext). The
msgids are taken from the installed click's source with ``ast``, so a click upgrade
shows up as new, untranslated entries. Entries the installed click does not have are
kept (users may have another click version) unless --prune. Standard library only: no
msgfmt, no babel.
"""

from __future__ import annotations

import argparse
import ast
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LC_MESSAGES = ROOT / "docgen" / "cli" / "locale" / "zh_CN" / "LC_MESSAGES"
PO = LC_MESSAGES / "messages.po"
MO = LC_MESSAGES / "messages.mo"

HEADER = ("Project-Id-Version: docgen\n"
          "Language: zh_CN\n"
          "MIME-Version: 1.0\n"
          "Content-Type: text/plain; charset=UTF-8\n"
          "Content-Transfer-Encoding: 8bit\n"
          "Plural-Forms: nplurals=1; plural=0;\n")

# Texts click hands to _() through a variable, e.g. core.py: extra["required"] = "required"
# then _(extra["required"]). Kept while the literal is still in that file.
INDIRECT = {"required": "core.py"}

# An entry: msgid -> (msgid_plural or None, [msgstr, ...]).
Catalog = dict[str, tuple[str | None, list[str]]]


def click_dir() -> Path:
    import click
    return Path(click.__file__).resolve().parent


def extract_file(path: Path) -> dict[str, str | None]:
    """msgid -> msgid_plural (None for _()/gettext()) for the literals one file translates."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: dict[str, str | None] = {}
    literals = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            literals.add(node.value)
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        args = [a.value if isinstance(a, ast.Constant) and isinstance(a.value, str)
                else None for a in node.args[:2]]
        if name in ("_", "gettext") and args[0] is not None:
            found.setdefault(args[0], None)
        elif name == "ngettext" and len(args) == 2 and None not in args:
            found[args[0]] = args[1]
    for msgid, filename in INDIRECT.items():
        if path.name == filename and msgid in literals:
            found.setdefault(msgid, None)
    return found


def extract(source_dir: Path, sources: dict[str, list[str]] | None = None) -> dict[str, str | None]:
    """msgid -> msgid_plural (or None) over the package; fills sources: msgid -> file names."""
    found: dict[str, str | None] = {}
    for path in sorted(source_dir.glob("*.py")):
        for msgid, plural in extract_file(path).items():
            if found.get(msgid) is None:
                found[msgid] = plural
            if sources is not None:
                sources.setdefault(msgid, []).append(path.name)
    return found


def _unquote(text: str) -> str:
    return ast.literal_eval(text)  # a .po string is a C string; these escapes match Python's


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\t", "\\t") + '"'


def read_po(path: Path) -> Catalog:
    """The entries of a .po file (the header under msgid "")."""
    catalog: Catalog = {}
    fields: dict[str, str] = {}
    key = ""

    def flush() -> None:
        if "msgid" in fields:
            strs = [fields[k] for k in sorted(f for f in fields if f.startswith("msgstr"))]
            catalog[fields["msgid"]] = (fields.get("msgid_plural"), strs)
        fields.clear()

    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if line.startswith('"'):
            fields[key] += _unquote(line)
        elif line and not line.startswith("#"):
            key, _, value = line.partition(" ")
            if key == "msgid":
                flush()
            fields[key] = _unquote(value)
    flush()
    return catalog


def write_po(catalog: Catalog, sources: dict[str, list[str]]) -> str:
    """The .po text: header first, then entries sorted by msgid."""
    lines = ["# Chinese for click's own messages, used by docgen (docgen/cli/i18n.py).",
             "# Updated and compiled by tools/build_catalog.py: edit only msgstr lines.",
             'msgid ""', 'msgstr ""']
    lines += [_quote(line) for line in catalog[""][1][0].splitlines(keepends=True)]
    for msgid in sorted(m for m in catalog if m):
        plural, strs = catalog[msgid]
        lines += ["", "#: " + " ".join(f"click/{name}" for name in sources.get(msgid, []))]
        lines.append("msgid " + _quote(msgid))
        if plural is None:
            lines.append("msgstr " + _quote(strs[0] if strs else ""))
        else:
            lines.append("msgid_plural " + _quote(plural))
            lines.append("msgstr[0] " + _quote(strs[0] if strs else ""))
    return "\n".join(lines) + "\n"


def compile_mo(catalog: Catalog) -> bytes:
    """GNU .mo bytes: keys sorted, no hash table; untranslated entries left out."""
    pairs = sorted((msgid.encode() if plural is None else f"{msgid}\0{plural}".encode(),
                    "\0".join(strs).encode()) for msgid, (plural, strs) in catalog.items()
                   if any(strs))
    count = len(pairs)
    start = 7 * 4 + 16 * count  # header, then both tables of (length, offset)
    ids = b"".join(key + b"\0" for key, _ in pairs)
    strs = b"".join(value + b"\0" for _, value in pairs)
    table_ids, table_strs, offset = [], [], start
    for key, _ in pairs:
        table_ids += [len(key), offset]
        offset += len(key) + 1
    for _, value in pairs:
        table_strs += [len(value), offset]
        offset += len(value) + 1
    head = struct.pack("<7I", 0x950412DE, 0, count, 28, 28 + 8 * count, 0, start)
    return head + struct.pack(f"<{4 * count}I", *table_ids, *table_strs) + ids + strs


def update(catalog: Catalog, wanted: dict[str, str | None],
           prune: bool = False) -> tuple[Catalog, list[str], list[str]]:
    """The catalog for the wanted msgids, with the added ones and those the installed
    click lacks (kept, or dropped with ``prune``)."""
    new: Catalog = {"": catalog.get("", (None, [HEADER]))}
    added = [m for m in sorted(wanted) if m not in catalog]
    others = sorted(m for m in catalog if m and m not in wanted)
    if not prune:
        new.update({m: catalog[m] for m in others})
    for msgid, plural in wanted.items():
        new[msgid] = (plural, catalog.get(msgid, (None, [""]))[1][:1] or [""])
    return new, added, others


def problems(source_dir: Path | None = None) -> list[str]:
    """What --check complains about; empty when the catalog is complete and compiled."""
    wanted = extract(source_dir or click_dir())
    catalog = read_po(PO)
    found = [f"missing msgid: {m!r}" for m in sorted(wanted) if m not in catalog]
    found += [f"plural differs: {m!r}" for m, p in wanted.items()
              if m in catalog and catalog[m][0] != p]
    found += [f"empty translation: {m!r}" for m, (_, strs) in sorted(catalog.items())
              if m and not all(strs)]
    if not MO.exists() or MO.read_bytes() != compile_mo(catalog):
        found.append(f"{MO.relative_to(ROOT)} is not what compiling the .po gives: run the tool")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check, write nothing")
    parser.add_argument("--prune", action="store_true",
                        help="drop msgids the installed click does not have")
    args = parser.parse_args(argv)
    if args.check:
        found = problems()
        for problem in found:
            print(problem)
        print("catalog: " + ("problems found" if found else "OK"))
        return 1 if found else 0
    sources: dict[str, list[str]] = {}
    wanted = extract(click_dir(), sources)
    catalog, added, others = update(read_po(PO) if PO.exists() else {}, wanted, args.prune)
    PO.parent.mkdir(parents=True, exist_ok=True)
    PO.write_text(write_po(catalog, sources), encoding="utf-8", newline="\n")
    MO.write_bytes(compile_mo(catalog))
    for msgid in added:
        print(f"added, to translate: {msgid!r}")
    for msgid in others:
        print(f"{'dropped' if args.prune else 'kept'}, not in this click: {msgid!r}")
    empty = [m for m, (_, strs) in catalog.items() if m and not all(strs)]
    print(f"{len(catalog) - 1} msgids, {len(empty)} untranslated; wrote {PO.name} and {MO.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
