"""Practices from people who will never use git (issue 20): the fiche offered on the
submit page, filled in with python-docx as a contributor would, imported; a free-form
Word document imported as far as it can be; `export` then `import` gives back every
sample practice, original and translation. (Hostile documents: tests/test_word_hostile.py.)"""
from __future__ import annotations

import io
import time
from pathlib import Path

import docx
import pytest
from lxml import html

from conftest import SITE_URL, copy_content, practice_slugs, run
from newsletter.content.loading import load
from word_documents import FRENCH, KOREAN, filled_fiche, free_document

ORIGINAL_FIELDS = ("country", "population", "size", "edition", "date", "updated", "contact",
                   "links", "collectivity_key", "partner_keys")
WORDS = ("title", "summary", "collectivity", "partners", "body", "contact_name", "link_titles")


@pytest.fixture
def opened(content: Path) -> Path:
    """The sample with its next edition open (the one imports go to)."""
    assert run("new-edition", "2027-s1", cwd=content).returncode == 0
    return content


def test_filled_fiches_of_both_languages_import_pass_check_and_build(
        opened: Path, tmp_path: Path) -> None:
    fiches = {"fr": filled_fiche("fr", opened, tmp_path / "fiche-tours.docx"),
              "ko": filled_fiche("ko", opened, tmp_path / "서초구 옥상텃밭.docx")}
    slugs = {"fr": "tours-velo-college", "ko": "seocho-potagers-toits"}
    for lang, file in fiches.items():
        started = time.perf_counter()
        result = run("import", str(file), "--slug", slugs[lang], cwd=opened)
        assert result.returncode == 0, result.stdout + result.stderr
        assert time.perf_counter() - started < 30
        assert f"practices/{slugs[lang]}/{lang}.md" in result.stdout
    french = (opened / "practices/tours-velo-college/fr.md").read_text(encoding="utf-8")
    korean = (opened / "practices/seocho-potagers-toits/ko.md").read_text(encoding="utf-8")
    assert "population: 137000" in french and "date: 2026-03-02" in french
    assert "themes: [sport, jeunesse-education]" in french and "edition: 2027-s1" in french
    assert "source: ko" in korean and "country: KR" in korean and "population: 415000" in korean
    assert "date: 2025-04-07" in korean and "themes: [solidarite, agriculture-urbaine]" in korean
    for text, (bold, _b, italic, _m, link, _a) in ((french, FRENCH["rich"]),
                                                   (korean, KOREAN["rich"])):
        assert "\n- " in text and "| --- |" not in text and "|---|---|---|" in text
        assert f"**{bold}**" in text and f"*{italic}*" in text
        assert f"[{link}](https://www.example.org/reglement)" in text
        assert "## " in text and "☐" not in text and "Fiche" not in text.split("---")[2]
    assert "![Des collégiens rangent leurs vélos devant le collège Jean-Moulin](" in french
    assert "![옥상 텃밭에서 상추를 수확하는 어르신과 어린이들](" in korean
    assert list((opened / "practices/seocho-potagers-toits").glob("*.jpg"))
    assert "## 추진 배경" in korean and "## Contexte" in french
    checked = run("check", cwd=opened)
    assert checked.returncode == 0 and "tours-velo-college" not in checked.stdout.replace(
        "ko.md: avertissement", ""), checked.stdout
    site = tmp_path / "site"
    built = run("build", "--out", str(site), "--site-url", SITE_URL, "--drafts", cwd=opened)
    assert built.returncode == 0, built.stderr
    page = html.fromstring((site / "ko/practices/seocho-potagers-toits/index.html").read_bytes())
    assert page.cssselect("table") and page.cssselect("img[alt]") and page.cssselect("ul li")


def test_a_free_form_document_imports_with_what_is_left_to_fill(opened: Path,
                                                               tmp_path: Path) -> None:
    file = free_document(tmp_path / "note jardins.docx")
    result = run("import", str(file), "--slug", "tours-jardins-partages", cwd=opened)
    assert result.returncode == 1, result.stdout + result.stderr
    written = (opened / "practices/tours-jardins-partages/fr.md").read_text(encoding="utf-8")
    assert "title: Jardins partagés au pied des immeubles" in written
    assert "## Origine du projet" in written and "1. appel à candidatures" in written
    assert "[la page du projet](https://www.example.org/jardins)" in written
    lines = result.stdout.splitlines()
    assert any(line.startswith("practices/tours-jardins-partages/fr.md:") and "summary" in line
               for line in lines), lines
    assert any("themes" in line for line in lines) and any("date" in line for line in lines)
    assert "check" in result.stderr
    # each field left is explained in the file's language, as `new` does
    assert "# Une ou deux phrases" in written
    korean = run("--lang", "ko", "import", str(file), "--slug", "tours-jardins-deux",
                 cwd=opened)
    assert korean.returncode == 1 and "비어" in korean.stdout, korean.stdout


def test_import_never_overwrites_and_asks_for_a_slug(opened: Path, tmp_path: Path) -> None:
    file = filled_fiche("fr", opened, tmp_path / "fiche.docx")
    no_slug = run("import", str(file), cwd=opened)
    assert no_slug.returncode == 2 and "--slug" in no_slug.stderr
    taken = run("import", str(file), "--slug", "tours-marathon-numerique", cwd=opened)
    assert taken.returncode == 2 and "--translation-of" in taken.stderr
    before = (opened / "practices/tours-marathon-numerique/fr.md").read_bytes()
    assert before == (opened / "practices/tours-marathon-numerique/fr.md").read_bytes()
    wrong = run("import", str(file), "--slug", "Tours Vélo", cwd=opened)
    assert wrong.returncode == 2 and not (opened / "practices/Tours Vélo").exists()


def _practice_values(root: Path, slug: str) -> tuple[dict, dict]:
    practice = next(p for p in load(root, history=False).content.practices if p.slug == slug)
    fields = {name: getattr(practice, name) for name in ORIGINAL_FIELDS}
    fields["themes"] = set(practice.themes)  # the fiche's boxes follow taxonomy.yml's order
    texts = {lang: {name: getattr(words, name) for name in WORDS}
             for lang, words in practice.translations.items()}
    return fields | {"source_lang": practice.source_lang}, texts


def test_export_then_import_gives_back_every_sample_practice(content: Path,
                                                            tmp_path: Path) -> None:
    """Each sample practice exported, then imported into a tree without it: the same
    fields and the same body; then its translation, exported in the other language and
    imported with --translation-of: the same words."""
    for slug in practice_slugs():
        fields, texts = _practice_values(content, slug)
        original = fields["source_lang"]
        fiche = tmp_path / f"{slug}.docx"
        assert run("export", slug, "--out", str(fiche), cwd=content).returncode == 0
        tree = copy_content(tmp_path / slug)
        for file in (tree / "practices" / slug).iterdir():
            file.unlink()
        (tree / "practices" / slug).rmdir()
        imported = run("import", str(fiche), cwd=tree)
        assert imported.returncode == 0, (slug, imported.stdout, imported.stderr)
        again_fields, again_texts = _practice_values(tree, slug)
        assert again_fields == fields, slug
        assert again_texts[original] == texts[original], slug
        translation = next((lang for lang in texts if lang != original), None)
        if translation is None:
            continue
        other = tmp_path / f"{slug}-{translation}.docx"
        exported = run("export", slug, "--lang", translation, "--out", str(other), cwd=content)
        assert exported.returncode == 0, exported.stderr
        back = run("import", str(other), "--translation-of", slug, cwd=tree)
        assert back.returncode == 0, (slug, back.stdout, back.stderr)
        assert _practice_values(tree, slug)[1][translation] == texts[translation], slug


def test_export_refuses_to_replace_a_file_and_an_unknown_practice(content: Path,
                                                                  tmp_path: Path) -> None:
    target = tmp_path / "fiche.docx"
    target.write_bytes(b"mine")
    refused = run("export", "tours-marathon-numerique", "--out", str(target), cwd=content)
    assert refused.returncode == 2 and target.read_bytes() == b"mine"
    assert run("export", "nulle-part", cwd=content).returncode == 2
    default = run("export", "tours-marathon-numerique", "--lang", "ko", cwd=content)
    assert default.returncode == 0 and "--translation-of" in default.stderr
    assert (content / "fiches/tours-marathon-numerique-ko.docx").is_file()


def test_the_submit_page_offers_the_fiche_and_the_guide_leaves_the_menu(
        sample_site: Path) -> None:
    for lang, heading, office in (("fr", "Proposer une pratique", "groupe-coree@"),
                                  ("ko", "사례 제출 안내", "international@")):
        folder = sample_site / lang / "submit"
        page = html.fromstring((folder / "index.html").read_bytes())
        assert heading in page.findtext(".//h1")
        link = page.cssselect("a.nl-download")[0].get("href")
        fiche = docx.Document(io.BytesIO((folder / link).read_bytes()))
        assert len(fiche.tables) == 2 and fiche.core_properties.language.startswith(lang)
        assert any("☐" in cell.text for cell in fiche.tables[0].columns[1].cells)
        assert office in page.text_content()
        menu = [a.text_content().strip() for a in page.cssselect(".md-nav--primary a")]
        assert heading in " ".join(menu)
        assert not any("guide/" in (a.get("href") or "") for a in page.cssselect(
            ".md-nav--primary a")), menu
        assert (sample_site / lang / "guide" / "index.html").is_file()
    text = (sample_site / "fr/submit/index.html").read_text(encoding="utf-8")
    assert "deux fois par an" in text  # no draft edition in the sample


def test_the_fiche_is_the_same_bytes_for_the_same_content(content: Path) -> None:
    from word_documents import blank_fiche

    assert blank_fiche("fr", content) == blank_fiche("fr", content)
    assert blank_fiche("ko", content) != blank_fiche("fr", content)
