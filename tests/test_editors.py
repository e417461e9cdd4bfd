"""What editors do, end to end: the README's commands as written, translated contact
names and link titles. (The whole publication cycle is tests/test_cycle.py; the shipped
content is checked by the content's workflows, never by the tests.)"""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

from lxml import html

from conftest import ROOT, copy_content, project_copy, run

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _system_python_environment() -> dict[str, str]:
    """The shell of an editor who has not activated anything."""
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("VIRTUAL_ENV", "PYTHONPATH", "NEWSLETTER_DEBUG")}
    venv_bin = str(ROOT / ".venv" / "bin")
    environment["PATH"] = os.pathsep.join(part for part in environment.get("PATH", "").split(
        os.pathsep) if part != venv_bin)
    environment["LANG"] = "C.UTF-8"
    return environment


def test_the_readme_editor_commands_work_as_written(tmp_path: Path) -> None:
    section = README[README.index("### Add a practice"):README.index("### Fields")]
    commands = re.findall(r"`(python3 build_newsletter\.py (?:new|check|status|translated)[^`]*)`", section)
    assert len(commands) >= 4, commands
    project = project_copy(tmp_path / "clone")
    python = shutil.which("python3", path=_system_python_environment()["PATH"])
    assert python, "python3 is needed, as the README says"
    for command in commands:
        words = shlex.split(command)
        result = subprocess.run([python, *words[1:]], cwd=project, capture_output=True,
                                text=True, env=_system_python_environment(), timeout=300)
        output = result.stdout + result.stderr
        assert "Traceback" not in output and "ModuleNotFoundError" not in output, (command, output)
        # `check` on freshly scaffolded files finds the empty fields: a clear answer, exit 1.
        assert result.returncode in (0, 1), (command, output)
        if words[2] == "new":
            slug = words[3]
            assert (project / "practices" / slug / "fr.md").is_file(), output
            assert (project / "practices" / slug / "ko.md").is_file(), output
    korean_original = (project / "practices" / "seocho-jardins-toits" / "ko.md").read_text(
        encoding="utf-8")
    assert "source: ko" in korean_original and "## 추진 배경" in korean_original
    assert "## Contexte" in (project / "practices" / "seocho-jardins-toits" / "fr.md").read_text(
        encoding="utf-8")


FRENCH = """---
title: Des vélos pour aller à l’école
summary: La Ville de Tours prête des vélos aux collégiens pour l’année scolaire.
collectivity: Ville de Tours
country: FR
population: 137000
themes: [jeunesse-education, environnement]
edition: {edition}
date: 2026-03-02
contact:
  name: Direction de la mobilité
  email: mobilite@tours.example.org
links:
  - title: Présentation du dispositif
    url: https://www.example.org/tours-velo
---

## Contexte

Les collégiens habitent souvent à moins de cinq kilomètres de leur établissement.
"""
KOREAN = """---
title: 자전거로 등교하는 중학생
summary: 투르시는 중학생에게 한 학년 동안 자전거를 빌려줍니다.
collectivity: 투르시
contact:
  name: 투르시 교통국
links:
  - title: 사업 소개
    url: https://www.example.org/tours-velo
---

## 추진 배경

중학생 대부분은 학교에서 5km 이내에 삽니다.
"""


def test_a_translation_gives_its_own_contact_name_and_link_titles(tmp_path: Path) -> None:
    content = copy_content(tmp_path / "content")
    folder = content / "practices" / "tours-velo-ecole"
    folder.mkdir()
    (folder / "fr.md").write_text(FRENCH.format(edition="2026-s1"), encoding="utf-8")
    (folder / "ko.md").write_text(KOREAN, encoding="utf-8")
    other = content / "practices" / "tours-velo-ecole-2"
    other.mkdir()
    (other / "fr.md").write_text(FRENCH.format(edition="2026-s1"), encoding="utf-8")
    (other / "ko.md").write_text(re.sub(r"contact:\n  name: .*\nlinks:\n  - title: .*\n    url: .*\n",
                                        "", KOREAN), encoding="utf-8")
    site = tmp_path / "site"
    built = run("build", "--out", str(site), cwd=content)
    assert built.returncode == 0, built.stderr

    def facts(lang: str, slug: str) -> tuple[html.HtmlElement, html.HtmlElement]:
        doc = html.fromstring((site / lang / "practices" / slug / "index.html").read_bytes())
        return doc.cssselect(".nl-facts__contact")[0], doc.cssselect(".nl-links a")[0]

    contact, link = facts("ko", "tours-velo-ecole")
    assert contact.cssselect("span")[0].text == "투르시 교통국"
    assert contact.cssselect("span")[0].get("lang") is None  # in the page's language
    assert link.text == "사업 소개" and link.get("lang") is None
    assert link.get("href") == "https://www.example.org/tours-velo"
    contact, link = facts("ko", "tours-velo-ecole-2")  # no translated name: the original's
    assert contact.cssselect("span")[0].text == "Direction de la mobilité"
    assert contact.cssselect("span")[0].get("lang") == "fr"
    assert link.text == "Présentation du dispositif" and link.get("lang") == "fr"
    contact, link = facts("fr", "tours-velo-ecole")
    assert contact.cssselect("span")[0].text == "Direction de la mobilité"


def test_a_translation_cannot_change_the_contact_address_or_the_links(tmp_path: Path) -> None:
    content = copy_content(tmp_path / "content")
    folder = content / "practices" / "tours-velo-ecole"
    folder.mkdir()
    (folder / "fr.md").write_text(FRENCH.format(edition="2026-s1"), encoding="utf-8")
    korean = KOREAN.replace("  name: 투르시 교통국\n", "  name: 투르시 교통국\n  email: autre@example.org\n")
    korean = korean.replace("url: https://www.example.org/tours-velo", "url: https://www.example.org/autre")
    (folder / "ko.md").write_text(korean, encoding="utf-8")
    result = run("check", cwd=content)
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if "tours-velo-ecole" in line]
    assert any(line.startswith("practices/tours-velo-ecole/ko.md:7:") and "contact.email" in line
               for line in lines), lines
    assert any(line.startswith("practices/tours-velo-ecole/ko.md:10:") for line in lines), lines
