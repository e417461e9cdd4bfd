"""One publication cycle, end to end (issue 17): open an edition, write a practice in it,
translate, check, proof its e-mail and PDF, leave it out until its day, publish it on its
day. The README's and the guides' cycle, run as written."""
from __future__ import annotations

import calendar
import re
import shlex
import subprocess
from pathlib import Path

import feedparser
import pytest
from wcwidth import wcswidth

from conftest import ROOT, SITE_URL, copy_content, project_copy, run

BASE = ROOT / "tests" / "corpus" / "base"
"""A content tree that passes `check --strict` (the sample has a missing translation)."""
AFTER_PUBLICATION = {"SOURCE_DATE_EPOCH": str(calendar.timegm((2027, 6, 16, 9, 0, 0)))}

FRENCH = """---
title: Des vélos pour aller à l’école
summary: La Ville de Tours prête des vélos aux collégiens pour l’année scolaire.
collectivity: Ville de Tours
country: FR
population: 137000
themes: [sport, numerique]
edition: 2027-s1
date: 2026-03-02
contact:
  name: Direction de la mobilité
  email: mobilite@tours.example.org
---

## Contexte

Les collégiens habitent souvent à moins de cinq kilomètres de leur établissement.
"""
KOREAN = """---
title: 자전거로 등교하는 중학생
summary: 투르시는 중학생에게 한 학년 동안 자전거를 빌려줍니다.
collectivity: 투르시
---

## 추진 배경

중학생 대부분은 학교에서 5km 이내에 삽니다.
"""
EDITOS = {"fr": "Ce numéro ouvre l’année 2027 : des vélos pour aller à l’école.",
          "ko": "이번 호는 2027년을 엽니다. 자전거로 등교하는 중학생 이야기입니다."}


def _write_editos(content: Path, edition: str) -> None:
    for lang, text in EDITOS.items():
        file = content / "editions" / edition / f"{lang}.md"
        front, _body = file.read_text(encoding="utf-8").rsplit("---\n", 1)
        file.write_text(f"{front}---\n\n{text}\n", encoding="utf-8")


def _write_practice(content: Path, slug: str) -> None:
    (content / "practices" / slug / "fr.md").write_text(FRENCH, encoding="utf-8")
    (content / "practices" / slug / "ko.md").write_text(KOREAN, encoding="utf-8")


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_one_publication_cycle(tmp_path: Path) -> None:
    content = copy_content(tmp_path / "content", BASE)
    opened = run("new-edition", "2027-s1", "--published", "2027-06-15", cwd=content)
    assert opened.returncode == 0, opened.stderr
    assert "2027-s1" in opened.stdout and "15 juin 2027" in opened.stderr
    _write_editos(content, "2027-s1")
    created = run("new", "tours-velo-ecole", cwd=content)
    assert created.returncode == 0 and "2027-s1" in created.stderr, created.stderr
    assert "edition: 2027-s1" in (content / "practices/tours-velo-ecole/fr.md").read_text(
        encoding="utf-8")
    _write_practice(content, "tours-velo-ecole")
    assert run("translated", "tours-velo-ecole", cwd=content).returncode == 0
    checked = run("check", "--strict", cwd=content)
    assert checked.returncode == 0 and checked.stdout == "", checked.stdout + checked.stderr

    site = tmp_path / "site"
    built = run("build", "--out", str(site), "--site-url", SITE_URL, cwd=content)
    assert built.returncode == 0, built.stderr
    assert not (site / "fr" / "practices" / "tours-velo-ecole").exists()
    assert re.search(r"2027-s1.*15 juin 2027.*1 pratique.*proof 2027-s1", built.stderr), built.stderr

    proofs = run("proof", "2027-s1", "--site-url", SITE_URL, cwd=content)
    assert proofs.returncode == 0, proofs.stderr
    folder = content / "proofs" / "2027-s1"
    for lang, title in (("fr", "Des vélos pour aller à l’école"), ("ko", "자전거로 등교하는 중학생")):
        mail = (folder / lang / "email.html").read_text(encoding="utf-8")
        assert title in mail and f"{SITE_URL}{lang}/practices/tours-velo-ecole/" in mail
        assert title in (folder / lang / "email.txt").read_text(encoding="utf-8")
        text = _pdf_text(folder / lang / f"lettre-bonnes-pratiques-2027-s1-{lang}.pdf")
        assert title in " ".join(text.split()) or title.replace(" ", "") in text.replace(" ", "")
        for draft_mark in ("Brouillon", "brouillon", "초안"):
            assert draft_mark not in mail and draft_mark not in text

    published = run("build", "--out", str(site), "--site-url", SITE_URL, cwd=content,
                    env=AFTER_PUBLICATION)
    assert published.returncode == 0 and "2027-s1" not in published.stderr, published.stderr
    for lang in ("fr", "ko"):
        assert (site / lang / "practices" / "tours-velo-ecole" / "index.html").is_file()
        assert (site / lang / "editions" / "2027-s1" / "email.html").is_file()
        feed = feedparser.parse((site / lang / "feed.xml").read_bytes())
        assert "tours-velo-ecole" in feed.entries[0].id


def _cycle_commands(document: Path, start: str, end: str) -> list[str]:
    text = document.read_text(encoding="utf-8")
    section = text[text.index(start):]
    section = section[:section.index(end, len(start))]
    return re.findall(r"`(python3 build_newsletter\.py [^`]*)`", section)


CYCLES = {
    "README.md": ("### The publication cycle", "\n### "),
    "guide/fr.md": ("## Le cycle d’un numéro", "\n## "),
    "guide/ko.md": ("## 한 호의 발행 과정", "\n## "),
}


@pytest.mark.parametrize("document", sorted(CYCLES))
def test_the_cycle_as_written_in_the_documentation(document: str, tmp_path: Path) -> None:
    commands = _cycle_commands(ROOT / document, *CYCLES[document])
    verbs = [shlex.split(command)[2] for command in commands]
    assert verbs[:3] == ["new-edition", "new", "translated"], commands
    assert {"check", "status", "proof", "build"} <= set(verbs), commands
    project = project_copy(tmp_path / "clone", BASE)
    for command in commands:
        words = shlex.split(command)
        result = subprocess.run(["python3", *words[1:]], cwd=project, capture_output=True,
                                text=True, timeout=300,
                                env={**_environment(), "SOURCE_DATE_EPOCH": str(
                                    calendar.timegm((2026, 11, 28, 12, 0, 0)))})
        output = result.stdout + result.stderr
        assert result.returncode == 0 and "Traceback" not in output, (command, output)
        if words[2] == "new-edition":
            _write_editos(project, words[3])
        if words[2] == "new":
            _write_practice(project, words[3])
    assert (project / "proofs" / "2027-s1" / "ko" / "email.html").is_file()


def _environment() -> dict[str, str]:
    import os
    return {key: value for key, value in os.environ.items()
            if key not in ("NEWSLETTER_DEBUG", "VIRTUAL_ENV")} | {"LANG": "C.UTF-8"}


# -- opening an edition, a practice in it --------------------------------------------------

def test_new_edition_refuses_an_existing_or_malformed_id_with_the_rule(content: Path) -> None:
    for wrong in ("2027-s3", "27-s1", "2027s1", "2207-s1"):
        result = run("new-edition", wrong, cwd=content)
        assert result.returncode == 2, result.stderr
        assert "YYYY-s1" in result.stderr or "2100" in result.stderr, result.stderr
    existing = run("new-edition", "2026-s2", cwd=content)
    assert existing.returncode == 2 and "existe déjà" in existing.stderr
    date = run("new-edition", "2027-s1", "--published", "15/06/2027", cwd=content)
    assert date.returncode == 2 and "YYYY-MM-DD" in date.stderr
    assert not (content / "editions" / "2027-s1").exists()


def test_new_edition_defaults_to_the_middle_of_the_last_month_and_writes_each_language(
        content: Path) -> None:
    assert run("new-edition", "2027-s2", cwd=content).returncode == 0
    french = (content / "editions/2027-s2/fr.md").read_text(encoding="utf-8")
    korean = (content / "editions/2027-s2/ko.md").read_text(encoding="utf-8")
    assert "published: 2027-12-15" in french and "2e semestre 2027" in french
    assert "2027년 하반기호" in korean and "여는 글" in korean
    checked = run("check", cwd=content)
    assert "editions/2027-s2" not in checked.stdout, checked.stdout
    korean_run = run("new-edition", "2028-s1", "--lang", "ko", cwd=content)
    assert "초안" in korean_run.stderr


def test_check_on_an_unknown_edition_says_how_to_open_it(content: Path) -> None:
    file = content / "practices" / "tours-marathon-numerique" / "fr.md"
    text = file.read_text(encoding="utf-8")
    file.write_text(re.sub(r"edition: \S+", "edition: 2027-s1", text), encoding="utf-8")
    checked = run("check", cwd=content)
    assert "new-edition 2027-s1" in checked.stdout, checked.stdout


def test_new_lands_in_the_draft_and_fills_the_collectivity_from_the_directory(
        tmp_path: Path) -> None:
    from directory_content import make_directory_tree

    content = make_directory_tree(tmp_path / "content")
    assert run("new-edition", "2027-s1", cwd=content).returncode == 0
    created = run("new", "lyon-velo", cwd=content)
    assert created.returncode == 0, created.stderr
    french = (content / "practices/lyon-velo/fr.md").read_text(encoding="utf-8")
    korean = (content / "practices/lyon-velo/ko.md").read_text(encoding="utf-8")
    assert "edition: 2027-s1" in french and "collectivity_key: lyon" in french
    assert "collectivity: Ville de Lyon" in french and "population: 520000" in french
    assert "collectivity: 리옹시" in korean
    unknown = run("new", "nantes-velo", cwd=content)
    nantes = (content / "practices/nantes-velo/fr.md").read_text(encoding="utf-8")
    assert unknown.returncode == 0 and "# collectivity_key:" in nantes and "lyon" in nantes


def test_new_without_a_draft_names_the_next_edition_and_how_to_open_it(content: Path) -> None:
    created = run("new", "tours-velo", cwd=content)
    assert created.returncode == 0 and "new-edition 2027-s1" in created.stderr, created.stderr


def test_proof_refuses_a_folder_of_someone_else_and_an_unknown_edition(
        content: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mes-documents"
    mine.mkdir()
    (mine / "rapport.odt").write_text("à garder", encoding="utf-8")
    refused = run("proof", "2026-s2", "--out", str(mine), cwd=content)
    assert refused.returncode == 2 and (mine / "rapport.odt").read_text(encoding="utf-8") == "à garder"
    unknown = run("proof", "2031-s1", cwd=content)
    assert unknown.returncode == 2 and "new-edition 2031-s1" in unknown.stderr
    again = tmp_path / "epreuves"
    assert run("proof", "2026-s2", "--out", str(again), cwd=content).returncode == 0
    assert run("proof", "2026-s2", "--out", str(again), cwd=content).returncode == 0


def test_proof_never_writes_through_a_link(content: Path, tmp_path: Path) -> None:
    """A link committed in the content (proofs/, or a file inside a proof's folder) could
    lead anywhere: proof refuses the first and replaces the second, never following either."""
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    precious = elsewhere / "precieux.txt"
    precious.write_text("à garder", encoding="utf-8")
    (content / "proofs").symlink_to(elsewhere)
    refused = run("proof", "2026-s2", cwd=content)
    assert refused.returncode == 2 and "proofs" in refused.stderr, refused.stderr
    assert sorted(p.name for p in elsewhere.iterdir()) == ["precieux.txt"]
    (content / "proofs").unlink()
    assert run("proof", "2026-s2", cwd=content).returncode == 0
    planted = content / "proofs" / "2026-s2" / "fr" / "email.txt"
    planted.unlink()
    planted.symlink_to(precious)
    assert run("proof", "2026-s2", cwd=content).returncode == 0
    assert precious.read_text(encoding="utf-8") == "à garder"
    assert not planted.is_symlink() and "2026" in planted.read_text(encoding="utf-8")


# -- what the commands say -------------------------------------------------------------------

def test_status_says_what_is_missing_per_edition_aligned_whatever_the_script(
        content: Path) -> None:
    assert run("new-edition", "2027-s1", cwd=content).returncode == 0
    for lang in ("fr", "ko"):
        result = run("status", "--lang", lang, cwd=content)
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        header = next(line for line in lines if line.startswith("2027-s1"))
        assert "2027" in header and "199" in header, header  # days left from 2026-11-28
        rows = [line for line in lines if "fr: " in line]
        columns = {wcswidth(line[:line.index("fr: ")]) for line in rows}
        assert len(columns) == 1, rows  # every "fr:" in one column, Hangul counted double
        kos = {wcswidth(line[:line.index("ko: ")]) for line in rows}
        assert len(kos) == 1, rows
    french = run("status", cwd=content).stdout.split("2026-s2")[0]
    assert "reste à faire" in french and "une pratique" in french and "l’édito en" in french
    missing = run("status", "--format", "json", cwd=content).stdout
    assert '"kind": "translation"' in missing and '"days_left"' in missing


def test_help_and_usage_errors_speak_the_editor_s_language(content: Path) -> None:
    korean = run("--lang", "ko", "--help", cwd=content)
    assert korean.returncode == 0 and "사용법" in korean.stdout and "도움말" in korean.stdout
    french = run("bulid", cwd=content)
    assert french.returncode == 2 and "choix invalide" in french.stderr and "utilisation" in french.stderr
    environment = run("check", "--format", "xml", cwd=content, env={"LANG": "ko_KR.UTF-8"})
    assert environment.returncode == 2 and "잘못된 선택" in environment.stderr
    extra = run("build", "--dehors", cwd=content, env={"LANG": "ko_KR.UTF-8"})
    assert "알 수 없는 인자" in extra.stderr
    port = run("serve", "--port", "99999", cwd=content)
    assert port.returncode == 2 and "port" in port.stderr
    for command in ("build", "check", "new", "new-edition", "proof", "status", "translated",
                    "serve"):
        listed = run(command, "--help", cwd=content)
        assert listed.returncode == 0 and "--lang" in listed.stdout, command
        assert "show this help" not in listed.stdout


def test_every_option_is_documented_in_the_readme() -> None:
    from newsletter.commands.cli import parser

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in parser()._subparsers._group_actions[0].choices.items():  # noqa: SLF001
        for action in command._actions:  # noqa: SLF001
            for option in action.option_strings:
                if option.startswith("--") and option not in ("--help", "--lang", "--content"):
                    assert re.search(rf"build_newsletter\.py {re.escape(name)}\b[^|]*{option}\b",
                                     readme), (name, option)


def test_a_decimal_comma_in_flow_style_gets_the_decimal_message(tmp_path: Path) -> None:
    from directory_content import make_directory_tree

    content = make_directory_tree(tmp_path / "content")
    file = content / "collectivities" / "lyon.yml"
    file.write_text(re.sub(r"coordinates:.*(\n  .*)*", "coordinates: {lat: 45,76, lon: 4,83}",
                           file.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    checked = run("check", cwd=content)
    assert "lat: 45.76" in checked.stdout and "lon: 4.83" in checked.stdout, checked.stdout
    assert "champ inconnu" not in checked.stdout


def test_the_smoke_check_of_the_deploy_passes_on_a_built_site(sample_site: Path) -> None:
    result = subprocess.run(["python3", str(ROOT / ".github" / "smoke_check.py"), str(sample_site)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_smoke_check_finds_a_missing_pdf(sample_site: Path, tmp_path: Path) -> None:
    import shutil

    broken = tmp_path / "site"
    shutil.copytree(sample_site, broken)
    for pdf in broken.glob("fr/editions/*/*.pdf"):
        pdf.unlink()
    result = subprocess.run(["python3", str(ROOT / ".github" / "smoke_check.py"), str(broken)],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "PDF" in result.stderr


# -- collecting practices from Word (issue 20) ----------------------------------------------

COLLECTIONS = {
    "README.md": ("### Collecting practices from Word", "\n### "),
    "guide/fr.md": ("## Recueillir des pratiques en Word", "\n## "),
    "guide/ko.md": ("## 워드 양식으로 사례 받기", "\n## "),
}


def _translate_fiche(file: Path) -> None:
    """What the translator does: the exported Korean fiche's French words written over in
    Korean (the table's title, summary and local government, every paragraph of the text)."""
    import docx

    document = docx.Document(file)
    korean = {"제목": KOREAN.split("title: ")[1].split("\n")[0],
              "요약": KOREAN.split("summary: ")[1].split("\n")[0],
              "지방정부": "투르시", "협력 지방정부": "수원시", "연락처: 담당 부서": "투르시 교통과"}
    for row in document.tables[0].rows:
        label = row.cells[0].paragraphs[0].text
        if label in korean:
            cell = row.cells[1]
            for extra in cell.paragraphs[1:]:
                extra._p.getparent().remove(extra._p)  # noqa: SLF001
            for run in cell.paragraphs[0].runs[1:]:
                run._r.getparent().remove(run._r)  # noqa: SLF001
            cell.paragraphs[0].runs[0].text = korean[label]
    started = False
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Heading 1":
            started = paragraph.text.startswith("2.")
            continue
        if started and paragraph.style.name in ("Heading 2", "Normal", "List Bullet") and \
                paragraph.text.strip():
            for run in paragraph.runs[1:]:
                run._r.getparent().remove(run._r)  # noqa: SLF001
            if paragraph.runs:
                paragraph.runs[0].text = "추진 배경" if paragraph.style.name == "Heading 2" \
                    else "중학생 대부분은 학교에서 5km 이내에 삽니다."
    document.save(file)


@pytest.mark.parametrize("document", sorted(COLLECTIONS))
def test_the_collection_of_practices_as_written_in_the_documentation(document: str,
                                                                     tmp_path: Path) -> None:
    from word_documents import filled_fiche

    commands = _cycle_commands(ROOT / document, *COLLECTIONS[document])
    verbs = [shlex.split(command)[2] for command in commands]
    assert verbs == ["import", "export", "import", "translated", "check"], commands
    project = project_copy(tmp_path / "clone", BASE)
    environment = {**_environment(), "SOURCE_DATE_EPOCH": str(
        calendar.timegm((2026, 11, 28, 12, 0, 0)))}
    subprocess.run(["python3", "build_newsletter.py", "new-edition", "2027-s1"], cwd=project,
                   env=environment, check=True, capture_output=True)
    _write_editos(project, "2027-s1")
    received = shlex.split(commands[0])[3]
    (project / received).parent.mkdir(parents=True)
    filled_fiche("fr", project, project / received)
    for command in commands:
        words = shlex.split(command)
        result = subprocess.run(["python3", *words[1:]], cwd=project, capture_output=True,
                                text=True, timeout=300, env=environment)
        output = result.stdout + result.stderr
        assert result.returncode == 0 and "Traceback" not in output, (command, output)
        if words[2] == "export":
            _translate_fiche(project / output.split()[0])
    slug = shlex.split(commands[-2])[3]
    korean = (project / "practices" / slug / "ko.md").read_text(encoding="utf-8")
    assert "collectivity: 투르시" in korean and "source_version:" in korean
    assert "중학생 대부분은" in korean and "Les collégiens" not in korean
