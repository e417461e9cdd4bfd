"""A warm build (the same cache folder, kept from the previous build) remakes only what an
edit touches, and gives the very bytes of a cold build (issue 21): after an edit of every
kind, the whole output tree of a warm rebuild is compared, file by file, with a cold build
of the same content (an empty cache).

One cold baseline is built for the module; each case copies it (project, site, cache),
edits the copy, rebuilds it warm, then cold into another folder with another cache."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from conftest import SITE_URL, TODAY_EPOCH, digest, project_copy

LANGS = ("fr", "ko")


def build(project: Path, out: Path, cache: Path, artifacts: bool = False) -> None:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": str(TODAY_EPOCH), "LANG": "C.UTF-8",
                   "NEWSLETTER_CACHE": str(cache)}
    environment.pop("NEWSLETTER_DEBUG", None)
    environment.pop("NEWSLETTER_NO_ARTIFACTS", None)
    if not artifacts:  # the editions' e-mails and PDFs have their own cache (test_artifacts)
        environment["NEWSLETTER_NO_ARTIFACTS"] = "1"
    result = subprocess.run([sys.executable, str(project / "build_newsletter.py"), "build",
                             "--out", str(out), "--site-url", SITE_URL], cwd=project,
                            env=environment, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr


def rendered(cache: Path) -> dict[str, list[str]]:
    """The pages that the last build of `cache` rendered, by language (the others it reused)."""
    return {lang: json.loads((cache / "pages" / lang / "index.json").read_text())["rendered"]
            for lang in LANGS}


def assert_same_tree(warm: Path, cold: Path) -> None:
    ours, theirs = digest(warm), digest(cold)
    differing = sorted(name for name in ours.keys() | theirs.keys()
                       if ours.get(name) != theirs.get(name))
    assert differing == [], f"{len(differing)} files differ from a cold build: {differing[:20]}"


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample as a project (tool and content), built cold: `site/`, `cache/`."""
    base = tmp_path_factory.mktemp("warm") / "base"
    project_copy(base / "project")
    build(base / "project", base / "site", base / "cache")
    return base


def warm_copy(baseline: Path, target: Path) -> Path:
    shutil.copytree(baseline, target, symlinks=True)
    return target


# -- the edits ---------------------------------------------------------------------------

def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


PRACTICES = Path("practices")


def edit_body(project: Path) -> None:
    with (project / PRACTICES / "tours-marathon-numerique" / "fr.md").open("a") as file:
        file.write("\nUne phrase ajoutée, avec un [lien](https://example.org/).\n")


def edit_title(project: Path) -> None:
    replace(project / PRACTICES / "tours-epicerie-solidaire-mobile" / "fr.md", "\ntitle: ",
            "\ntitle: Nouveau titre, ")


def edit_theme(project: Path) -> None:
    replace(project / PRACTICES / "tours-marathon-numerique" / "fr.md",
            "themes: [sport, numerique]", "themes: [sport, culture]")


def edit_translation(project: Path) -> None:
    with (project / PRACTICES / "tours-suwon-festival-visioconference" / "ko.md").open("a") as file:
        file.write("\n번역에 덧붙인 문장입니다.\n")


def add_practice(project: Path) -> None:
    source, target = (project / PRACTICES / name for name in
                      ("tours-marathon-numerique", "tours-marathon-numerique-bis"))
    shutil.copytree(source, target)
    replace(target / "fr.md", "\ntitle: ", "\ntitle: Bis, ")
    replace(target / "ko.md", "\ntitle: ", "\ntitle: 두 번째 ")


def remove_practice(project: Path) -> None:
    shutil.rmtree(project / PRACTICES / "yangcheon-repas-prepayes-commerces")


def edit_taxonomy_label(project: Path) -> None:
    replace(project / "taxonomy.yml", "fr: Sport\n", "fr: Sport et loisirs\n")


def edit_template(project: Path) -> None:
    replace(project / "templates" / "practice.html.j2", '<p class="nl-lead"',
            '<p class="nl-lead nl-edited"')


def edit_override(project: Path) -> None:
    """Material's page around ours (overrides/): no page's document changes."""
    replace(project / "overrides" / "main.html", '<div id="nl-main" tabindex="-1"></div>',
            '<div id="nl-main" tabindex="-1" data-edited></div>')


def edit_catalog(project: Path) -> None:
    """Strings of mkdocs's side only: the headings' permanent links (Markdown's) and the
    theme's "skip to content" (overrides/main.html): no page's document changes."""
    catalog = project / "locales" / "fr" / "LC_MESSAGES" / "messages.po"
    replace(catalog, 'msgstr "Lien permanent"', 'msgstr "Lien vers ce titre"')
    replace(catalog, 'msgstr "Aller au contenu"', 'msgstr "Aller au texte"')


EDITS: dict[str, Callable[[Path], None]] = {
    "body": edit_body, "title": edit_title, "theme": edit_theme,
    "translation": edit_translation, "new practice": add_practice,
    "removed practice": remove_practice, "taxonomy label": edit_taxonomy_label,
    "template": edit_template, "override": edit_override, "catalog": edit_catalog,
}
EVERYTHING = {"template", "override", "catalog"}
"""Edits of the tool: every page is rendered again."""


@pytest.mark.parametrize("kind", sorted(EDITS))
def test_a_warm_build_after_an_edit_gives_the_bytes_of_a_cold_build(
        kind: str, baseline: Path, tmp_path: Path) -> None:
    case = warm_copy(baseline, tmp_path / "case")
    project = case / "project"
    EDITS[kind](project)
    build(project, case / "site", case / "cache")
    build(project, tmp_path / "cold", tmp_path / "cold-cache")
    assert_same_tree(case / "site", tmp_path / "cold")
    again, everything = rendered(case / "cache"), rendered(tmp_path / "cold-cache")
    if kind in EVERYTHING:
        assert again == everything
    else:  # only what the edit touches (a French title: no Korean page), never the others
        assert any(again.values()), again
        for lang in LANGS:
            assert len(again[lang]) < len(everything[lang]) / 2, (lang, again[lang])
            assert "practices/seocho-film-antibacterien-paris-15/index.md" not in again[lang]


def test_a_warm_build_of_the_same_content_renders_nothing(baseline: Path, tmp_path: Path) -> None:
    case = warm_copy(baseline, tmp_path / "case")
    build(case / "project", case / "site", case / "cache")
    assert rendered(case / "cache") == {lang: [] for lang in LANGS}
    assert_same_tree(case / "site", baseline / "site")


def test_a_body_edit_renders_its_pages_and_the_listings_that_show_it(
        baseline: Path, tmp_path: Path) -> None:
    """The body is not on any listing: its two pages (the French one, and the Korean one
    that now says its translation is out of date)."""
    case = warm_copy(baseline, tmp_path / "case")
    edit_body(case / "project")
    build(case / "project", case / "site", case / "cache")
    assert rendered(case / "cache") == {
        lang: ["practices/tours-marathon-numerique/index.md"] for lang in LANGS}


def test_a_damaged_cache_gives_a_cold_build_never_a_wrong_page(
        baseline: Path, tmp_path: Path) -> None:
    """Altered, truncated and missing pages, an index that is not JSON: each page that
    cannot be trusted is rendered again."""
    case = warm_copy(baseline, tmp_path / "case")
    objects = sorted((case / "cache" / "pages" / "fr" / "objects").iterdir())
    for number, path in enumerate(objects):
        data = path.read_bytes()
        if number % 3 == 0:
            path.write_bytes(data.replace(b"</h1>", b"!</h1>", 1) or b"x")
        elif number % 3 == 1:
            path.write_bytes(data[: len(data) // 2])
        else:
            path.unlink()
    (case / "cache" / "pages" / "ko" / "index.json").write_text('{"format": 1, "pages": [')
    build(case / "project", case / "site", case / "cache")
    assert_same_tree(case / "site", baseline / "site")
    assert len(rendered(case / "cache")["fr"]) == len(objects)


def test_a_removed_cache_folder_is_only_slower(baseline: Path, tmp_path: Path) -> None:
    case = warm_copy(baseline, tmp_path / "case")
    shutil.rmtree(case / "cache" / "pages")
    build(case / "project", case / "site", case / "cache")
    assert_same_tree(case / "site", baseline / "site")


def test_a_link_to_another_page_follows_that_page_coming_and_going(
        baseline: Path, tmp_path: Path) -> None:
    """mkdocs rewrites a relative link only when its target is among the docs: a page that
    links to a practice is rendered again when that practice goes, and comes back."""
    case = warm_copy(baseline, tmp_path / "case")
    project = case / "project"
    with (project / PRACTICES / "tours-marathon-numerique" / "fr.md").open("a") as file:
        file.write("\nVoir [l’épicerie](../tours-epicerie-solidaire-mobile/index.md).\n")
    build(project, case / "site", case / "cache")
    target = project / PRACTICES / "tours-epicerie-solidaire-mobile"
    shutil.move(target, tmp_path / "kept")
    for step in ("removed", "back"):
        build(project, case / "site", case / "cache")
        build(project, tmp_path / step, tmp_path / f"cache-{step}")
        assert_same_tree(case / "site", tmp_path / step)
        if step == "removed":
            shutil.move(tmp_path / "kept", target)
    page = (case / "site" / "fr" / "practices" / "tours-marathon-numerique" / "index.html")
    assert re.search(r'href="\.\./tours-epicerie-solidaire-mobile/index\.html"',
                     page.read_text(encoding="utf-8"))


def test_a_page_of_the_site_changed_in_place_changes_no_other_site(
        baseline: Path, tmp_path: Path) -> None:
    """A page of the site written over in place (by a deploy script…) changes neither the
    cache nor another site built from it: reused pages are copies, not links."""
    case = warm_copy(baseline, tmp_path / "case")
    build(case / "project", case / "site", case / "cache")
    build(case / "project", case / "other", case / "cache")  # another site, the same cache
    page = case / "site" / "fr" / "practices" / "tours-marathon-numerique" / "index.html"
    with page.open("r+b") as file:
        file.write(b"<!-- changed -->")
    assert_same_tree(case / "other", baseline / "site")
    build(case / "project", case / "site", case / "cache")
    assert_same_tree(case / "site", baseline / "site")
    assert rendered(case / "cache") == {"fr": [], "ko": []}
