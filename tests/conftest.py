"""Shared fixtures: paths found from this file, never from the working directory."""

from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DATA = TESTS / "data"
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CASES = SHARED / "cases"

# The suites from ../shared (seeds, OpenCC's and docxtpl's cases) are beside the clone in
# CI; elsewhere their tests skip with this reason (test_docs checks CI has them).
SHARED_MISSING = "../shared is not beside this clone (CI has it and runs these tests)"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=SHARED_MISSING)


def from_shared(values: list) -> list:
    """Parameters read from ../shared; one skipped parameter, with the reason, without it."""
    if SHARED.is_dir():
        return values
    return [pytest.param(None, marks=pytest.mark.skip(reason=SHARED_MISSING), id="no-shared")]


def invoke(*args, **kwargs):
    """Run the docgen command line in-process (click's CliRunner); arguments may be paths.
    Exceptions propagate: a traceback is a failure, never an expected outcome."""
    from click.testing import CliRunner

    from docgen.cli import main
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, **kwargs)


@pytest.fixture
def run(tmp_path, monkeypatch):
    """:func:`invoke` with tmp_path as the working folder."""
    monkeypatch.chdir(tmp_path)
    return invoke


@pytest.fixture
def write_yaml(tmp_path):
    """Write a YAML text (dedented) into tmp_path and return its path."""

    def write(text: str, name: str = "pair.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def sample_copy(tmp_path) -> Path:
    """The samples folder copied into tmp_path (tests must not write into the tree)."""
    target = tmp_path / "samples"
    shutil.copytree(SAMPLES, target)
    return target


def require_client(*commands: str) -> None:
    """Skip when a real client is missing, except in CI, where it must be there."""
    missing = [c for c in commands if shutil.which(c) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must install {', '.join(missing)} (see .ci/run)")
        pytest.skip(f"not installed: {', '.join(missing)}")
