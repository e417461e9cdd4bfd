"""The benchmark runs (on a tiny corpus: its speed targets are measured by `make bench`)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def test_corpus_generator_is_deterministic(tmp_path: Path) -> None:
    for name in ("a", "b"):
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), str(tmp_path / name),
                        "30", "--seed", "3"], check=True, capture_output=True)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert len(files) > 50
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)


def test_benchmark_runs_on_twenty_practices(tmp_path: Path) -> None:
    results = tmp_path / "results.md"
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "20",
                          "--preview-n", "20", "--workdir", str(tmp_path / "work"),
                          "--results", str(results)], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    text = results.read_text(encoding="utf-8")
    assert "| 20 |" in text and "Live preview" in text and "Seconds per stage" in text
    data = json.loads((tmp_path / "work" / "results.json").read_text(encoding="utf-8"))
    ours = data["ours"][0]
    assert ours["pages"] > 40 and ours["peak_rss"] > 0 and ours["index"]["ko"][1] > 0
    assert set(ours["stages"]) >= {"read+validate", "render pages", "mkdocs", "search", "feeds"}
    assert all(0 < seconds < 30 for seconds in data["preview"]["20"])
    # Issue 21's four builds of the same corpus, each with its stages.
    run = data["builds"][0]
    assert {"without", "cold", "edited", "warm"} <= run.keys()
    assert all(run[kind]["stages"]["mkdocs"] > 0 for kind in ("without", "cold", "edited", "warm"))
    assert run["without"]["artifact_bytes"]["pdf"] == 0 < run["cold"]["artifact_bytes"]["pdf"]
