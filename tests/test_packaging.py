"""The wheel carries the templates, and a plain (non-editable) install renders anywhere."""

import os
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from docgen.ooxml.text import document_text

from conftest import ROOT, SAMPLES


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(out), str(ROOT)], check=True, capture_output=True,
                   timeout=300)
    (path,) = out.glob("docgen-*.whl")
    return path


def test_wheel_contains_templates_and_samples(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "docgen/templates/agreement.docx" in names
    assert "docgen/samples/pairing.yaml" in names
    assert "docgen/samples/seal_a.png" in names
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "docgen = docgen.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()


def _venv_seeing_our_dependencies(venv: Path) -> Path:
    """A new virtual environment that sees the dependencies installed where this test runs
    (a virtual environment or the system's): a .pth file lists this interpreter's
    site-packages. (--system-site-packages would see only the base interpreter's.)"""
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    own = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                         check=True, capture_output=True, text=True, timeout=60).stdout.strip()
    ours = [p for p in (*site.getsitepackages(), site.getusersitepackages()) if Path(p).is_dir()]
    (Path(own) / "docgen_test_dependencies.pth").write_text("\n".join(ours) + "\n")
    return python


def test_installed_wheel_renders_from_any_folder(wheel, tmp_path):
    venv = tmp_path / "venv"
    python = _venv_seeing_our_dependencies(venv)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall",
                    str(wheel)], check=True, capture_output=True, timeout=300)
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [str(venv / "bin" / "docgen"), "render", "agreement", "-i", str(SAMPLES / "pairing.yaml"),
         "-o", "协议书.docx"], cwd=work, env=env, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    # It used the installed package, not this source tree.
    where = subprocess.run([str(python), "-c", "import docgen.kinds as k; print(k.templates_dir())"],
                           cwd=work, env=env, capture_output=True, timeout=60, check=True)
    assert str(venv) in where.stdout.decode()
    assert "常州市实验小学" in document_text(work / "协议书.docx")


def test_template_builder_reproduces_the_shipped_template(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "tools" / "build_templates.py"), str(tmp_path)],
                   check=True, capture_output=True, timeout=120)
    for shipped in (ROOT / "templates").glob("*.docx"):
        built = tmp_path / shipped.name
        assert built.is_file(), shipped.name
        for part in ("word/document.xml", "word/styles.xml", "word/settings.xml",
                     "word/footer1.xml"):
            assert zipfile.ZipFile(built).read(part) == zipfile.ZipFile(shipped).read(part), \
                f"{shipped.name}:{part} differs: run python tools/build_templates.py"
