"""The package's structure holds (issue 18): the stages import only downward, without
circles (import-linter's contracts in pyproject.toml), and no module grows past 400 lines."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

MAX_LINES = 400


def test_the_import_contracts_are_kept() -> None:
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(linter)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout, result.stdout


def test_no_module_of_the_package_is_over_400_lines() -> None:
    long = {path.relative_to(ROOT).as_posix(): lines
            for path in (ROOT / "newsletter").rglob("*.py")
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}, long


def test_every_module_is_in_a_stage_folder_or_named_as_shared() -> None:
    shared = {"__init__", "build", "i18n", "templating", "output", "processes", "caches", "usage"}
    top = {path.stem for path in (ROOT / "newsletter").glob("*.py")}
    assert top == shared, top - shared
    assert {p.name for p in (ROOT / "newsletter").iterdir() if p.is_dir() and
            p.name != "__pycache__"} == {"content", "site", "letters", "commands", "data"}
