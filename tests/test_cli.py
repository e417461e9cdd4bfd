"""The command line as editors use it: messages, exit codes, no traceback."""
from __future__ import annotations

import re
from pathlib import Path

from conftest import run

LINE = re.compile(r"^(?P<path>[^:]+)(?::(?P<line>\d+))?: (?P<message>.+)$")


def _edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, (file, old)
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_check_on_the_sample_warns_of_one_missing_and_one_outdated_translation() -> None:
    result = run("check")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith("practices/changwon-echanges-numeriques-montpellier/fr.md: avertissement\u00a0:")
    assert lines[1].startswith("practices/tours-epicerie-solidaire-mobile/ko.md: avertissement\u00a0:")
    assert "translated tours-epicerie-solidaire-mobile" in lines[1]
    assert run("check", "--strict").returncode == 1


def test_status_reports_every_state_in_text_and_json() -> None:
    import json

    text = run("status")
    assert text.returncode == 0
    assert re.search(r"tours-epicerie-solidaire-mobile\s+fr: original\s+ko: à mettre à jour", text.stdout)
    assert re.search(r"changwon-echanges-numeriques-montpellier\s+fr: manquante\s+ko: original", text.stdout)
    data = json.loads(run("status", "--format", "json").stdout)
    assert [e["edition"] for e in data] == ["2026-s2", "2026-s1"]
    states = {p["slug"]: (p["fr"], p["ko"]) for e in data for p in e["practices"]}
    assert states["tours-epicerie-solidaire-mobile"] == ("original", "outdated")
    assert states["changwon-echanges-numeriques-montpellier"] == ("missing", "original")
    assert states["yangcheon-repas-prepayes-commerces"] == ("up-to-date", "original")


def test_translated_marks_only_the_translation_it_names(content: Path) -> None:
    slug = "tours-epicerie-solidaire-mobile"
    folder = content / "practices" / slug
    before = {p: p.read_bytes() for p in (content / "practices").rglob("*") if p.is_file()}
    result = run("translated", slug, cwd=content)
    assert result.returncode == 0, result.stderr
    changed = [p for p in before if p.read_bytes() != before[p]]
    assert changed == [folder / "ko.md"]
    old, new = before[folder / "ko.md"].decode(), (folder / "ko.md").read_text(encoding="utf-8")
    assert [l for l in old.splitlines() if not l.startswith("source_version")] == \
        [l for l in new.splitlines() if not l.startswith("source_version")]
    assert "ko: à jour" in run("status", cwd=content).stdout.split(slug)[1].splitlines()[0]
    assert run("translated", "inexistante", cwd=content).returncode == 2
    assert run("translated", "changwon-echanges-numeriques-montpellier", cwd=content).returncode == 2


def test_translated_keeps_crlf_and_bom(content: Path) -> None:
    file = content / "practices" / "tours-marathon-numerique" / "ko.md"
    text = file.read_text(encoding="utf-8").replace("source_version", "ancienne_version")
    lines = [l for l in text.split("\n") if not l.startswith("ancienne_version")]
    file.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8"))
    assert run("translated", "tours-marathon-numerique", cwd=content).returncode == 0
    data = file.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\nsource_version: " in data
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert run("check", "--strict", cwd=content).stdout.count("tours-marathon-numerique") == 0


def test_check_lists_a_dozen_mistakes_at_once_sorted_with_lines(content: Path) -> None:
    practices = content / "practices"
    marathon = practices / "tours-marathon-numerique" / "fr.md"
    _edit(marathon, "themes:", "themse:")
    _edit(marathon, "population: 137000", "population: 137 000 hab.")
    grocery = practices / "tours-epicerie-solidaire-mobile" / "fr.md"
    _edit(grocery, "date: ", "date: 14/11/")
    _edit(grocery, "edition: 2026-s1", "edition: 2026-s3")
    yangcheon = practices / "yangcheon-repas-prepayes-commerces" / "ko.md"
    _edit(yangcheon, "themes: [", "themes: [velo, ")
    _edit(yangcheon, "country: KR", "country: NO")
    festival = practices / "tours-suwon-festival-visioconference" / "ko.md"
    _edit(festival, "title:", "title: 중복\ntitle:")
    (practices / "Mauvais Slug").mkdir()
    (practices / "Mauvais Slug" / "fr.md").write_text("---\ntitle: x\n", encoding="utf-8")
    (practices / "encodage").mkdir()
    (practices / "encodage" / "fr.md").write_bytes("---\ntitle: Caf\xe9\n---\n".encode("latin-1"))
    (practices / "vide").mkdir()
    (practices / "vide" / "fr.md").write_text("", encoding="utf-8")
    belvallon = practices / "belvallon-concours-potagers-scolaires" / "fr.md"
    _edit(belvallon, "\n---\n", "\n---\n\n<script>alert(1)</script>\n\n![plan](plan.png)\n")
    (content / "editions" / "2026-printemps").mkdir()

    result = run("check", cwd=content)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed), lines
    keys = [(m["path"], int(m["line"] or 0)) for m in parsed]
    assert keys == sorted(keys)
    expected = [
        ("practices/tours-marathon-numerique/fr.md", "themse"),
        ("practices/tours-marathon-numerique/fr.md", "population"),
        ("practices/tours-epicerie-solidaire-mobile/fr.md", "date"),
        ("practices/tours-epicerie-solidaire-mobile/fr.md", "2026-s3"),
        ("practices/yangcheon-repas-prepayes-commerces/ko.md", "velo"),
        ("practices/yangcheon-repas-prepayes-commerces/ko.md", "country"),
        ("practices/tours-suwon-festival-visioconference/ko.md", "title"),
        ("practices/Mauvais Slug", "slug"),
        ("practices/encodage/fr.md", "UTF-8"),
        ("practices/vide/fr.md", "---"),
        ("practices/belvallon-concours-potagers-scolaires/fr.md", "<script>"),
        ("practices/belvallon-concours-potagers-scolaires/fr.md", "plan.png"),
        ("editions/2026-printemps", "YYYY-s1"),
    ]
    for path, fragment in expected:
        assert any(m["path"] == path and fragment in m["message"] for m in parsed), (path, fragment, lines)
    with_lines = [m for m in parsed if m["path"].endswith(".md") and "UTF-8" not in m["message"]
                  and not m["message"].startswith("avertissement")
                  and "---" not in m["message"] and "2026-s3" not in m["message"]]
    assert all(m["line"] for m in with_lines if "slug" not in m["message"]), lines


def test_messages_follow_the_locale(content: Path) -> None:
    _edit(content / "practices" / "tours-marathon-numerique" / "fr.md", "themes:", "themse:")
    french = run("check", cwd=content)
    korean = run("check", cwd=content, env={"LANG": "ko_KR.UTF-8"})
    flagged = run("--lang", "ko", "check", cwd=content)
    assert "inconnu" in french.stdout
    assert re.search("[가-힣]", korean.stdout) and korean.stdout == flagged.stdout
    assert "themes" in korean.stdout


def test_strict_makes_warnings_errors_and_github_format_annotates(content: Path) -> None:
    _edit(content / "practices" / "issy-guro-partenariat-en-ligne" / "fr.md",
          "population: ", "size: petite-ville\npopulation: ")
    normal = run("check", cwd=content)
    assert normal.returncode == 0 and "issy-guro-partenariat-en-ligne/fr.md:" in normal.stdout
    assert run("check", "--strict", cwd=content).returncode == 1
    github = run("check", "--format", "github", cwd=content)
    assert re.search(r"^::warning file=practices/issy-guro-partenariat-en-ligne/fr\.md,line=\d+::",
                     github.stdout, re.M)


def test_usage_errors_exit_with_2() -> None:
    assert run("publish").returncode == 2
    assert run("build", "--site-url", "lettre.example.org").returncode == 2
    assert run("--content", "/nonexistent", "check").returncode == 2


def test_new_scaffolds_both_files_and_never_overwrites(content: Path) -> None:
    created = run("new", "lyon-tiers-lieux", cwd=content)
    assert created.returncode == 0, created.stderr
    folder = content / "practices" / "lyon-tiers-lieux"
    source = (folder / "fr.md").read_text(encoding="utf-8")
    for field in ("title:", "summary:", "collectivity:", "population:", "size:", "themes:",
                  "edition:", "date:", "contact:", "links:", "partners:"):
        assert field in source, field
    (folder / "fr.md").write_text(source.replace("title:", "title: Mon texte", 1), encoding="utf-8")
    again = run("new", "lyon-tiers-lieux", cwd=content)
    assert again.returncode == 2
    assert "Mon texte" in (folder / "fr.md").read_text(encoding="utf-8")
    assert run("new", "Lyon Tiers-Lieux", cwd=content).returncode == 2
    assert not (content / "practices" / "Lyon Tiers-Lieux").exists()
    korean = run("new", "seoul-jardins", "--source", "ko", cwd=content)
    assert korean.returncode == 0
    assert "source: ko" in (content / "practices" / "seoul-jardins" / "ko.md").read_text(encoding="utf-8")
    checked = run("check", cwd=content)
    assert checked.returncode == 1 and "lyon-tiers-lieux/fr.md:" in checked.stdout


def test_build_refuses_errors_without_traceback(content: Path, tmp_path: Path) -> None:
    (content / "taxonomy.yml").write_text("themes: [\n", encoding="utf-8")
    result = run("build", "--out", str(tmp_path / "site"), cwd=content)
    assert result.returncode == 1
    assert "taxonomy.yml:" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()
