"""Issue 19: the GitHub workflows pass zizmor's audit, offline, without a finding.

Every action is pinned to a full commit SHA with its release in a comment (a tag can be
moved to other code; a SHA cannot), and Dependabot proposes the newer releases' SHAs
every week, a week after they are out.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT

ZIZMOR = Path(sys.executable).with_name("zizmor")
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^\s*(?:- )?uses: ([\w.-]+/[\w.-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+$")


def test_zizmor_finds_nothing_in_the_workflows_and_dependabot() -> None:
    result = subprocess.run([str(ZIZMOR), "--offline", "--format", "json", ".github"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    findings = json.loads(result.stdout)
    assert findings == [], [(f["ident"], f["determinations"]["severity"],
                             f["locations"][0]["symbolic"]["key"]) for f in findings]
    assert result.returncode == 0, result.stderr
    # The audit did read every workflow and the Dependabot configuration.
    for path in WORKFLOWS + [ROOT / ".github" / "dependabot.yml"]:
        assert path.relative_to(ROOT).as_posix() in result.stderr


def test_every_action_is_pinned_to_a_commit_with_its_release() -> None:
    uses = [line for path in WORKFLOWS for line in path.read_text(encoding="utf-8").splitlines()
            if re.match(r"^\s*(- )?uses:", line)]
    assert len(uses) >= 10
    unpinned = [line.strip() for line in uses if not PINNED.match(line)]
    assert unpinned == []
    # One action, one pin, in every workflow.
    pins: dict[str, set[str]] = {}
    for line in uses:
        action, sha = PINNED.match(line).groups()  # type: ignore[union-attr]
        pins.setdefault(action, set()).add(sha)
    assert all(len(shas) == 1 for shas in pins.values()), pins


def test_dependabot_keeps_the_pins_fresh_every_week() -> None:
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    [update] = [u for u in config["updates"] if u["package-ecosystem"] == "github-actions"]
    assert update["directory"] == "/" and update["schedule"]["interval"] == "weekly"
    assert update["cooldown"]["default-days"] >= 7
