"""The bad-input corpus (corpus/cases.yml): every mistake an editor can make gets a
clear answer, and tricky but valid inputs build."""
from __future__ import annotations

import base64
import os
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml
from lxml import html

from conftest import digest, run

CORPUS = Path(__file__).parent / "corpus"
CASES = yaml.safe_load((CORPUS / "cases.yml").read_text(encoding="utf-8"))
LINE = re.compile(r"^(?P<path>[^:]+?)(?::(?P<line>\d+))?: (?P<message>.+)$")


def make_tree(target: Path, case: dict, outside: Path | None = None) -> Path:
    """A copy of base/ changed by the case's operations (see cases.yml, hostile.yml);
    `outside`: a folder outside the tree, for links that leave it."""
    shutil.copytree(CORPUS / "base", target)
    for edit in case.get("edit", []):
        file = target / edit["file"]
        text = file.read_text(encoding="utf-8")
        assert edit["old"] in text, (case["name"], edit["old"])
        file.write_text(text.replace(edit["old"], edit["new"], 1), encoding="utf-8")
    for name, text in case.get("write", {}).items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_text(text, encoding="utf-8")
    for name, text in case.get("latin1", {}).items():
        (target / name).write_bytes(text.encode("latin-1"))
    for name in case.get("remove", []):
        (target / name).unlink()
    for name, data in case.get("binary", {}).items():
        (target / name).write_bytes(base64.b64decode(data))
    for name, link in case.get("symlink", {}).items():
        (target / name).symlink_to(link.replace("{outside}", str(outside)))
    for source, copy in case.get("copy", {}).items():
        shutil.copytree(target / source, target / copy)
    for name in case.get("fifo", []):
        os.mkfifo(target / name)
    return target


def test_the_corpus_is_large_and_its_base_is_clean(tmp_path: Path) -> None:
    assert len(CASES) >= 30
    assert len({case["name"] for case in CASES}) == len(CASES)
    result = run("check", "--strict", cwd=make_tree(tmp_path / "base", {}))
    assert result.returncode == 0 and result.stdout == "", result.stdout


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_bad_input_gets_a_clear_answer(case: dict, tmp_path: Path) -> None:
    content = make_tree(tmp_path / "content", case)
    checked = run("check", cwd=content)
    output = checked.stdout + checked.stderr
    assert "Traceback" not in output
    assert checked.returncode == case.get("exit", 1), output
    lines = checked.stdout.splitlines()
    expected = case["problems"]
    assert len(lines) == len(expected), lines  # only its problems, each once
    for line, want in zip(lines, expected):
        match = LINE.match(line)
        assert match, line
        assert match["path"] == want["path"], line
        assert (int(match["line"]) if match["line"] else None) == want["line"], line
        assert want["says"] in match["message"], line
    if case.get("exit", 1) == 0:
        assert run("check", "--strict", cwd=content).returncode == 1
        return
    site = tmp_path / "site"
    (site / "fr").mkdir(parents=True)
    (site / "index.html").write_text("<p>previous site</p>", encoding="utf-8")
    (site / "fr" / "index.html").write_text("<p>précédent</p>", encoding="utf-8")
    (site / ".newsletter-site").write_text("written by a build\n", encoding="utf-8")
    before = digest(site)
    built = run("build", "--out", str(site), cwd=content)
    assert built.returncode == 1 and "Traceback" not in built.stdout + built.stderr
    assert digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "site"]


def test_tricky_but_valid_inputs_build(tmp_path: Path) -> None:
    content = make_tree(tmp_path / "content", {})
    french = content / "practices" / "tours-marathon" / "fr.md"
    text = french.read_text(encoding="utf-8")
    long_title = "Un marathon numérique " + "très " * 60 + "long & « spécial » 🏃"
    text = text.replace("title: Un marathon numérique", f"title: \"{long_title}\"")
    text = text.replace("Les inscriptions", "\tLes inscriptions & « guillemets » 🏅")
    french.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    korean = content / "practices" / "tours-marathon" / "ko.md"
    korean.write_text(unicodedata.normalize("NFD", korean.read_text(encoding="utf-8")),
                      encoding="utf-8")
    out = tmp_path / "site"
    result = run("build", "--out", str(out), cwd=content)
    assert result.returncode == 0, result.stderr
    page = (out / "fr/practices/tours-marathon/index.html").read_text(encoding="utf-8")
    # French typography: no-break spaces inside the guillemets.
    assert "long &amp; «\u00a0spécial\u00a0» 🏃" in page and "🏅" in page
    assert "\ufeff" not in page and "\r" not in page
    korean_page = (out / "ko/practices/tours-marathon/index.html").read_text(encoding="utf-8")
    assert "온라인 마라톤" in korean_page  # NFC, as written by a Korean keyboard on Windows
    assert korean_page == unicodedata.normalize("NFC", korean_page)
    title = html.fromstring(page.encode()).cssselect("h1")[0].text_content()
    assert title == long_title.replace("« spécial »", "«\u00a0spécial\u00a0»")
