"""The content rules of CONTRACT.md, one test per rule, through newsletter.content.loading.load.

Each test builds a small content tree in tmp_path and asserts where the problem is
(path, line) and a key part of what the message says would be right.
"""
from __future__ import annotations

import base64
import gettext
import re
from pathlib import Path

import pytest

import newsletter.i18n
from newsletter.content.loading import LoadResult, load
from newsletter.content.model import Problem

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")
"""A real image of one pixel: images are decoded (`photos`)."""


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages are the English msgids, whatever the catalogs hold today."""
    monkeypatch.setattr(newsletter.i18n, "_messages", gettext.NullTranslations())


# -- a small content tree -----------------------------------------------------------

TAXONOMY = """\
themes:
  sport: {fr: Sport, ko: 체육}
  numerique: {fr: Numérique, ko: 디지털}
  culture: {fr: Culture, ko: 문화}
  sante: {fr: Santé, ko: 보건}
sizes:
  petite-ville:
    fr: Petite ville
    ko: 소도시
    population: {max: 19999}
  ville-moyenne:
    fr: Ville moyenne
    ko: 중소도시
    population: {min: 20000, max: 99999}
  grande-ville:
    fr: Grande ville
    ko: 중대형 도시
    population: {min: 100000}
  metropole: {fr: Métropole, ko: 광역시}
  departement-region: {fr: Département ou région, ko: 광역 지방정부}
"""

EDITION_FR = """\
---
title: Lettre des bonnes pratiques — 1er semestre 2026
published: 2020-01-01
---

Édito.
"""

EDITION_KO = """\
---
title: 우수사례 뉴스레터 — 2026년 상반기호
published: 2020-01-01
---

편집.
"""

FEDERATION = """\
publishers:
  - names: {fr: Fédération d’essai, ko: 시험 연합}
    address: 1 place de l’Essai, 37000 Tours, France
offices:
  fr:
    names: {fr: Bureau, ko: 사무국}
    email: bureau@federation.example.org
  ko:
    names: {fr: Bureau coréen, ko: 한국 사무국}
    email: samuguk@federation.example.org
"""

BASE = {
    "taxonomy.yml": TAXONOMY,
    "federation.yml": FEDERATION,
    "editions/2026-s1/fr.md": EDITION_FR,
    "editions/2026-s1/ko.md": EDITION_KO,
}

FR = """\
---
title: Un marathon numérique
summary: La ville a organisé un marathon connecté.
collectivity: Ville de Tours
population: 137000
themes: [sport, numerique]
edition: 2026-s1
date: 2020-05-10
contact:
  name: Direction des sports
  email: sports@tours.example.org
  url: https://www.example.org/tours
links:
  - title: Compte rendu
    url: https://www.example.org/compte-rendu
---

## Contexte

Texte.
"""

KO = """\
---
title: 디지털 마라톤
summary: 투르시는 온라인 마라톤을 열었다.
collectivity: 투르시
---

## 배경

본문.
"""

# A Korean original (source: ko) and its French translation.
KO_SOURCE = """\
---
title: 창원의 디지털 교류
summary: 창원시는 몽펠리에와 온라인으로 교류했다.
collectivity: 창원시
source: ko
country: KR
size: metropole
themes: [numerique]
edition: 2026-s1
date: 2020-10-01
---

본문.
"""

FR_TRANSLATION = """\
---
title: Des échanges numériques
summary: Changwon a échangé en ligne avec Montpellier.
collectivity: Ville de Changwon
---

Texte.
"""

FR_PATH = "practices/tours/fr.md"
KO_PATH = "practices/tours/ko.md"


def write_tree(tmp_path: Path, files: dict[str, str | bytes | None]) -> Path:
    """A content tree: a minimal valid taxonomy.yml and edition 2026-s1 (published
    2020-01-01), plus `files` (relative path -> text; bytes are written as they are;
    None leaves a base file out)."""
    root = tmp_path / "content"
    for folder in ("practices", "editions"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    for name, content in {**BASE, **files}.items():
        if content is None:
            continue
        file = root / name
        file.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            file.write_bytes(content)
        else:
            file.write_text(content, encoding="utf-8")
    return root


def load_tree(tmp_path: Path, files: dict[str, str | bytes | None]) -> LoadResult:
    return load(write_tree(tmp_path, files))


def practice(tmp_path: Path, fr: str | None = FR, ko: str | None = KO,
             **others: str | bytes) -> LoadResult:
    """The tree with one practice `tours` (fr.md and ko.md, either may be left out)."""
    files: dict[str, str | bytes | None] = {FR_PATH: fr, KO_PATH: ko}
    files.update({f"practices/tours/{name.replace('_', '.')}": data for name, data in others.items()})
    return load_tree(tmp_path, files)


def line_of(text: str, fragment: str) -> int:
    """The 1-based line of `text` where `fragment` first appears."""
    for number, line in enumerate(text.split("\n"), start=1):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} not in the text")


def only(result: LoadResult) -> Problem:
    """The one problem of the tree."""
    assert len(result.problems) == 1, result.problems
    return result.problems[0]


def only_error(result: LoadResult) -> Problem:
    problem = only(result)
    assert problem.is_error
    return problem


def replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def without(text: str, field: str) -> str:
    changed = re.sub(rf"^{field}:.*\n", "", text, count=1, flags=re.M)
    assert changed != text, field
    return changed


# -- the valid tree ------------------------------------------------------------------

def test_valid_tree_loads_without_problem(tmp_path: Path) -> None:
    result = practice(tmp_path)
    assert result.problems == []
    assert result.content is not None
    [loaded] = result.content.practices
    assert loaded.slug == "tours"
    assert loaded.source_lang == "fr"
    assert loaded.country == "FR"  # the default
    assert loaded.population == 137000
    assert loaded.size == "grande-ville"  # derived from the population
    assert loaded.themes == ("sport", "numerique")
    assert loaded.edition == "2026-s1"
    assert str(loaded.date) == "2020-05-10"
    assert loaded.contact is not None and loaded.contact.email == "sports@tours.example.org"
    assert [link.url for link in loaded.links] == ["https://www.example.org/compte-rendu"]
    assert loaded.is_translated("fr") and loaded.is_translated("ko")
    assert loaded.text("ko").title == "디지털 마라톤"
    [edition] = result.content.editions
    assert edition.id == "2026-s1" and str(edition.published) == "2020-01-01"


def test_korean_original_with_source_ko_loads(tmp_path: Path) -> None:
    result = practice(tmp_path, fr=FR_TRANSLATION, ko=KO_SOURCE)
    assert result.problems == []
    assert result.content is not None
    [loaded] = result.content.practices
    assert loaded.source_lang == "ko"
    assert loaded.country == "KR"
    assert loaded.size == "metropole"
    assert loaded.source.title == "창원의 디지털 교류"


def test_pending_translation_loads_and_is_not_translated(tmp_path: Path) -> None:
    result = practice(tmp_path, ko=None)
    assert result.problems == []
    assert result.content is not None
    [loaded] = result.content.practices
    assert loaded.is_translated("fr")
    assert not loaded.is_translated("ko")
    # the Korean reader is shown the French original
    assert loaded.text("ko").lang == "fr"
    assert loaded.text("ko").title == "Un marathon numérique"


# -- required and unknown fields -------------------------------------------------------

@pytest.mark.parametrize("field", ["title", "summary", "collectivity", "themes", "edition", "date"])
def test_missing_required_field_in_source(tmp_path: Path, field: str) -> None:
    result = practice(tmp_path, fr=without(FR, field))
    problem = only_error(result)
    assert problem.path == FR_PATH
    assert problem.line is None
    assert f'the required field "{field}" is missing' in problem.message
    assert result.content is not None and result.content.practices == ()


@pytest.mark.parametrize("field", ["title", "summary", "collectivity"])
def test_missing_text_field_in_translation(tmp_path: Path, field: str) -> None:
    problem = only_error(practice(tmp_path, ko=without(KO, field)))
    assert problem.path == KO_PATH
    assert problem.line is None
    assert f'the required field "{field}" is missing' in problem.message


def test_missing_title_says_what_to_write(tmp_path: Path) -> None:
    problem = only_error(practice(tmp_path, ko=without(KO, "title")))
    assert "add a title in plain text" in problem.message


def test_unknown_field_suggests_the_closest(tmp_path: Path) -> None:
    fr = replace(FR, "themes:", "themse:")
    problems = practice(tmp_path, fr=fr).problems
    unknown = [p for p in problems if "unknown field" in p.message]
    assert len(unknown) == 1, problems
    assert (unknown[0].path, unknown[0].line) == (FR_PATH, line_of(fr, "themse:"))
    assert 'unknown field "themse"; did you mean "themes"?' in unknown[0].message


# -- one error in the original: where it is, and what the message says -------------------

ONE_ERROR = [
    # (case, (a line of the original, what it says instead), its line or a text of it,
    #  what the message says)
    ("empty-title", ("title: Un marathon numérique", "title:"), 2, ['"title" is empty']),
    ("unknown-field-far-from-any", ("date: 2020-05-10", "date: 2020-05-10\nremarque: rien"),
     "remarque:", ['unknown field "remarque"; the fields allowed here are:', "themes",
                   "collectivity"]),
    ("unknown-nested-field", ("  email: sports", "  mail: sports"), "  mail:",
     ['unknown field "contact.mail"; did you mean "email"?']),
    ("field-given-twice", ("date: 2020-05-10", "date: 2020-05-10\nsummary: Un autre résumé."),
     "Un autre résumé", ['"summary" is given twice (first on line 3)']),
    ("population-with-spaces-and-unit", ("population: 137000", "population: 20 000 hab."), 5,
     ['"population"', "only digits are allowed", "population: 137000"]),
    ("population-zero", ("population: 137000", "population: 0"), 5, ["greater than zero"]),
    ("themes-as-a-string", ("themes: [sport, numerique]", "themes: sport"), 6,
     ["a list is expected", "themes: [sport, numerique]"]),
    ("no-theme", ("themes: [sport, numerique]", "themes: []"), 6, ["there must be 1 to 3 themes"]),
    ("four-themes", ("themes: [sport, numerique]", "themes: [sport, numerique, culture, sante]"), 6,
     ["there must be 1 to 3 themes"]),
    ("unknown-theme-close", ("themes: [sport, numerique]", "themes:\n  - sport\n  - numerik"),
     "- numerik", ['unknown theme "numerik"; did you mean "numerique"?']),
    ("unknown-theme-far", ("themes: [sport, numerique]", "themes: [velo]"), 6,
     ['unknown theme "velo"; allowed: sport, numerique, culture, sante']),
    ("theme-listed-twice", ("themes: [sport, numerique]", "themes: [sport, sport]"), 6,
     ["listed twice"]),
    ("unknown-size", ("population: 137000", "size: metropol"), 5,
     ['unknown size "metropol"; did you mean "metropole"?']),
    *[(f"bad-date-{date}", ("date: 2020-05-10", f"date: {date}"), 8,
       [f'"date": “{date}” is not valid ({reason}', "YYYY-MM-DD"])
      for date, reason in [("2021-02-30", "this day does not exist in the calendar"),
                           ("14/11/2020", "a date is written year-month-day"),
                           ("2020-5-10", "a date is written year-month-day")]],
    *[(f"edition-id-{edition}", ("edition: 2026-s1", f"edition: {edition}"), 7,
       [f'"{edition}" is not an edition id', "YYYY-s1", "YYYY-s2"])
      for edition in ["2026-S1", "2026-s3", "2026-1", "26-s1", "2026 s1"]],
    ("edition-missing", ("edition: 2026-s1", "edition: 2026-s2"), 7,
     ['the edition "2026-s2" does not exist', "new-edition 2026-s2", 'did you mean "2026-s1"?']),
    *[(f"email-{email}", ("email: sports@tours.example.org", f"email: {email}"), 11,
       ['"contact.email"', "this is not an e-mail address", "relations-internationales@example.org"])
      for email in ["sports-at-tours.example.org", "sports@", "sports @tours.fr"]],
    *[(f"link-url-{url}", ("url: https://www.example.org/compte-rendu", f"url: {url}"), 15,
       ['"links[1].url"', "this is not a full web address", "https://"])
      for url in ["www.example.org/compte-rendu", "ftp://example.org/a", "compte-rendu.pdf",
                  "https://"]],
    ("contact-url", ("url: https://www.example.org/tours", "url: tours.fr"), 12,
     ['"contact.url"', "full web address"]),
    ("link-without-url", ("    url: https://www.example.org/compte-rendu\n", ""),
     "- title: Compte rendu", ['the required field "links[1].url" is missing']),
    ("link-without-title", ("  - title: Compte rendu\n    url:", "  - url:"), 14,
     ['the required field "links[1].title" is missing']),
    *[(f"country-{country}", ("population: 137000", f"population: 137000\ncountry: {country}"), 6,
       ["the country is FR or KR"]) for country in ["DE", "France", "KOR"]],
]


@pytest.mark.parametrize(("edit", "where", "says"), [case[1:] for case in ONE_ERROR],
                         ids=[case[0] for case in ONE_ERROR])
def test_one_error_in_the_original_at_its_line(tmp_path: Path, edit: tuple[str, str],
                                               where: int | str, says: list[str]) -> None:
    fr = replace(FR, *edit)
    problem = only_error(practice(tmp_path, fr=fr))
    line = where if isinstance(where, int) else line_of(fr, where)
    assert (problem.path, problem.line) == (FR_PATH, line)
    for fragment in says:
        assert fragment in problem.message, (fragment, problem.message)


# -- size, population and editions ---------------------------------------------------------

def test_neither_size_nor_population(tmp_path: Path) -> None:
    problem = only_error(practice(tmp_path, fr=without(FR, "population")))
    assert (problem.path, problem.line) == (FR_PATH, None)
    assert 'neither "size" nor "population"' in problem.message
    assert "petite-ville, ville-moyenne, grande-ville, metropole, departement-region" in problem.message


def test_size_and_population_disagreeing_is_a_warning(tmp_path: Path) -> None:
    fr = replace(FR, "population: 137000", "population: 137000\nsize: petite-ville")
    result = practice(tmp_path, fr=fr)
    problem = only(result)
    assert not problem.is_error
    assert result.errors == [] and result.warnings == [problem]
    assert (problem.path, problem.line) == (FR_PATH, line_of(fr, "size:"))
    assert 'size "petite-ville" does not match the population 137000' in problem.message
    assert '"grande-ville"' in problem.message  # what the population says
    # a warning does not keep the practice out
    assert result.content is not None and [p.size for p in result.content.practices] == ["petite-ville"]


@pytest.mark.parametrize("size", ["metropole", "departement-region"])
@pytest.mark.parametrize("population", [800, 137000, 3000000])
def test_status_size_with_any_population_is_fine(tmp_path: Path, size: str, population: int) -> None:
    fr = replace(FR, "population: 137000", f"population: {population}\nsize: {size}")
    result = practice(tmp_path, fr=fr)
    assert result.problems == []
    assert result.content is not None and result.content.practices[0].size == size


def test_size_matching_population_is_fine(tmp_path: Path) -> None:
    fr = replace(FR, "population: 137000", "population: 20000\nsize: ville-moyenne")
    assert practice(tmp_path, fr=fr).problems == []


@pytest.mark.parametrize("folder", ["2026-s3", "2026-S2", "2026", "printemps-2026"])
def test_edition_folder_name_not_an_edition_id(tmp_path: Path, folder: str) -> None:
    result = load_tree(tmp_path, {f"editions/{folder}/fr.md": EDITION_FR,
                                  f"editions/{folder}/ko.md": EDITION_KO})
    problem = only_error(result)
    assert (problem.path, problem.line) == (f"editions/{folder}", None)
    assert f'"{folder}" is not an edition id' in problem.message
    assert result.content is not None
    assert [e.id for e in result.content.editions] == ["2026-s1"]


def test_edition_without_published_date(tmp_path: Path) -> None:
    result = load_tree(tmp_path, {"editions/2026-s1/fr.md": without(EDITION_FR, "published"),
                                  "editions/2026-s1/ko.md": without(EDITION_KO, "published")})
    problem = only_error(result)
    assert (problem.path, problem.line) == ("editions/2026-s1/fr.md", None)
    assert 'the required field "published" is missing' in problem.message
    assert "published: 2026-07-04" in problem.message
    assert result.content is not None and result.content.editions == ()


def test_practice_of_an_edition_without_published_is_not_told_the_folder_is_missing(
        tmp_path: Path) -> None:
    result = load_tree(tmp_path, {FR_PATH: FR,
                                  "editions/2026-s1/fr.md": without(EDITION_FR, "published")})
    assert [p.path for p in result.problems] == ["editions/2026-s1/fr.md"], result.problems


def test_published_in_korean_edition_differing_from_french(tmp_path: Path) -> None:
    ko = replace(EDITION_KO, "published: 2020-01-01", "published: 2020-01-02")
    problem = only_error(load_tree(tmp_path, {"editions/2026-s1/ko.md": ko}))
    assert (problem.path, problem.line) == ("editions/2026-s1/ko.md", 3)
    assert '"published" differs from fr.md (2020-01-01)' in problem.message


def test_published_only_in_french_edition_is_fine(tmp_path: Path) -> None:
    result = load_tree(tmp_path, {"editions/2026-s1/ko.md": without(EDITION_KO, "published")})
    assert result.problems == []


def test_edition_without_korean_edito_is_a_warning(tmp_path: Path) -> None:
    problem = only(load_tree(tmp_path, {"editions/2026-s1/ko.md": None}))
    assert not problem.is_error
    assert (problem.path, problem.line) == ("editions/2026-s1/ko.md", None)
    assert "the Korean edito is missing" in problem.message


# -- slugs -----------------------------------------------------------------------------

@pytest.mark.parametrize(("slug", "suggestion"), [
    ("Tours-Marathon", "tours-marathon"),
    ("tours marathon", "tours-marathon"),
    ("épicerie-solidaire", "epicerie-solidaire"),
    ("-tours-marathon", "tours-marathon"),
    ("tours-marathon-", "tours-marathon"),
    ("tours--marathon", "tours-marathon"),
    ("tours_marathon", "tours-marathon"),
], ids=["uppercase", "space", "accent", "leading-hyphen", "trailing-hyphen", "double-hyphen",
        "underscore"])
def test_bad_slug_suggests_a_valid_one(tmp_path: Path, slug: str, suggestion: str) -> None:
    result = load_tree(tmp_path, {f"practices/{slug}/fr.md": FR})
    problem = only_error(result)
    assert (problem.path, problem.line) == (f"practices/{slug}", None)
    assert f'the folder name "{slug}" is not a valid slug' in problem.message
    assert f'(e.g. "{suggestion}")' in problem.message
    assert result.content is not None and result.content.practices == ()


# -- original and translation -----------------------------------------------------------

def test_translation_without_its_original(tmp_path: Path) -> None:
    result = practice(tmp_path, fr=None)
    problem = only_error(result)
    assert (problem.path, problem.line) == (KO_PATH, None)
    assert "its original fr.md is missing" in problem.message
    assert '"source: ko"' in problem.message
    assert result.content is not None and result.content.practices == ()


def test_source_ko_in_french_file_when_korean_is_the_original(tmp_path: Path) -> None:
    fr = replace(FR_TRANSLATION, "collectivity:", "source: ko\ncollectivity:")
    problem = only_error(practice(tmp_path, fr=fr, ko=KO_SOURCE))
    assert (problem.path, problem.line) == (FR_PATH, line_of(fr, "source: ko"))
    assert '"source: ko" belongs in ko.md only' in problem.message


@pytest.mark.parametrize("with_korean", [True, False], ids=["with-ko", "fr-alone"])
def test_source_ko_in_french_original(tmp_path: Path, with_korean: bool) -> None:
    fr = replace(FR, "collectivity:", "source: ko\ncollectivity:")
    result = practice(tmp_path, fr=fr, ko=KO if with_korean else None)
    problem = only_error(result)
    assert (problem.path, problem.line) == (FR_PATH, line_of(fr, "source: ko"))
    assert '"source: ko" belongs in ko.md only' in problem.message


def test_korean_original_with_an_error_does_not_make_french_the_original(tmp_path: Path) -> None:
    ko = without(KO_SOURCE, "summary")
    result = practice(tmp_path, fr=FR_TRANSLATION, ko=ko)
    problem = only_error(result)
    assert (problem.path, problem.line) == (KO_PATH, None)
    assert 'the required field "summary" is missing' in problem.message


@pytest.mark.parametrize(("repeated", "field"), [
    ("themes: [culture]", "themes"),
    ("date: 2020-05-11", "date"),
    ("population: 5000", "population"),
    ("country: KR", "country"),
    ("edition: 2026-s2", "edition"),
])
def test_translation_contradicting_its_original(tmp_path: Path, repeated: str, field: str) -> None:
    fr = replace(FR, "population: 137000", "population: 137000\ncountry: FR")
    ko = replace(KO, "collectivity: 투르시", f"collectivity: 투르시\n{repeated}")
    result = practice(tmp_path, fr=fr, ko=ko)
    problem = only_error(result)
    assert (problem.path, problem.line) == (KO_PATH, 5)
    assert f'"{field}" differs from the original fr.md (line {line_of(fr, field + ":")})' in problem.message
    assert "remove it here, or give it the same value" in problem.message
    assert result.content is not None and result.content.practices == ()


def test_translation_repeating_equal_structural_fields_is_accepted(tmp_path: Path) -> None:
    # the same values, written differently: block list, quoted number, lower-case country
    fr = replace(FR, "population: 137000", "population: 137000\ncountry: FR")
    ko = replace(KO, "collectivity: 투르시", """collectivity: 투르시
country: fr
population: "137000"
themes:
  - sport
  - numerique
edition: 2026-s1
date: 2020-05-10
contact: {name: Direction des sports, email: sports@tours.example.org, url: https://www.example.org/tours}""")
    result = practice(tmp_path, fr=fr, ko=ko)
    assert result.problems == []
    assert result.content is not None and result.content.practices[0].is_translated("ko")


def test_translation_repeating_the_default_country_is_accepted(tmp_path: Path) -> None:
    ko = replace(KO, "collectivity: 투르시", "collectivity: 투르시\ncountry: FR")
    assert practice(tmp_path, ko=ko).problems == []


def test_country_is_case_insensitive(tmp_path: Path) -> None:
    fr = replace(FR, "population: 137000", "population: 137000\ncountry: kr")
    result = practice(tmp_path, fr=fr, ko=None)
    assert result.problems == []
    assert result.content is not None and result.content.practices[0].country == "KR"


# -- bodies: images and raw HTML ----------------------------------------------------------

def test_missing_image(tmp_path: Path) -> None:
    fr = FR + "\n![Le parcours](parcours.png)\n"
    problem = only_error(practice(tmp_path, fr=fr))
    assert (problem.path, problem.line) == (FR_PATH, line_of(fr, "![Le parcours]"))
    assert 'the image "parcours.png" is not in the folder' in problem.message


def test_missing_image_suggests_a_close_file(tmp_path: Path) -> None:
    fr = FR + "\n![Le parcours](parcours.png)\n"
    problem = only_error(practice(tmp_path, fr=fr, parcours_jpg=b"\xff\xd8\xff"))
    assert problem.line == line_of(fr, "![Le parcours]")
    assert 'did you mean "parcours.jpg"?' in problem.message


def test_existing_image_is_fine(tmp_path: Path) -> None:
    fr = FR + "\n![Le parcours](parcours.png)\n"
    result = practice(tmp_path, fr=fr, parcours_png=PNG)
    assert result.problems == []
    assert result.content is not None and result.content.practices[0].images == ("parcours.png",)


@pytest.mark.parametrize("markup", [
    "![Le parcours](https://example.org/parcours.png)",
    '<img src="https://example.org/parcours.png" alt="">',
    '<img src="//example.org/parcours.png" alt="">',
], ids=["markdown", "html", "protocol-relative"])
def test_remote_image(tmp_path: Path, markup: str) -> None:
    fr = FR + f"\nVoici le parcours.\n\n{markup}\n"
    problem = only_error(practice(tmp_path, fr=fr))
    assert (problem.path, problem.line) == (FR_PATH, line_of(fr, markup))
    assert "another site" in problem.message
    assert "example.org/parcours.png" in problem.message


@pytest.mark.parametrize(("markup", "expected"), [
    ("<script>alert('x')</script>", "the HTML tag <script> is not allowed"),
    ('<iframe title="carte"></iframe>', "the HTML tag <iframe> is not allowed"),
    ('<object data="plan.swf"></object>', "the HTML tag <object> is not allowed"),
    ('<embed type="video/mp4">', "the HTML tag <embed> is not allowed"),
    ('<p onclick="alert(1)">Cliquez</p>', "the HTML attribute onclick= runs code"),
    ('<img alt="" onerror="alert(1)" src="parcours.png">', "the HTML attribute onerror= runs code"),
    ("[le site](javascript:alert(1))", '"javascript:" addresses are not allowed'),
    ('<a href="JavaScript:alert(1)">le site</a>', '"javascript:" addresses are not allowed'),
], ids=["script", "iframe", "object", "embed", "onclick", "onerror", "javascript-markdown",
        "javascript-html"])
def test_raw_html_that_runs_code_is_refused_at_its_line(tmp_path: Path, markup: str,
                                                        expected: str) -> None:
    fr = FR + f"\nUn paragraphe.\n\n{markup}\n\nLa suite.\n"
    result = practice(tmp_path, fr=fr, parcours_png=PNG)
    problem = only_error(result)
    assert (problem.path, problem.line) == (FR_PATH, line_of(fr, markup))
    assert expected in problem.message


def test_iframe_loading_from_another_site_is_refused(tmp_path: Path) -> None:
    fr = FR + '\n<iframe src="https://video.example.com/v/1"></iframe>\n'
    problems = practice(tmp_path, fr=fr).problems
    assert problems and all(p.path == FR_PATH for p in problems)
    assert {p.line for p in problems} == {line_of(fr, "<iframe")}
    assert any("<iframe> is not allowed" in p.message for p in problems)


def test_html_in_a_multi_line_body_is_located_on_its_own_line(tmp_path: Path) -> None:
    fr = FR + "\n" + "Ligne.\n" * 7 + "\n<div>\n<p>ok</p>\n<script src=x.js></script>\n</div>\n"
    problem = only_error(practice(tmp_path, fr=fr))
    assert problem.line == line_of(fr, "<script")


def test_html_in_a_korean_translation_is_located_in_that_file(tmp_path: Path) -> None:
    ko = KO + "\n<script>alert(1)</script>\n"
    problem = only_error(practice(tmp_path, ko=ko))
    assert (problem.path, problem.line) == (KO_PATH, line_of(ko, "<script>"))


def test_script_in_an_edito_is_refused(tmp_path: Path) -> None:
    fr = EDITION_FR + "\n<script>alert(1)</script>\n"
    problem = only_error(load_tree(tmp_path, {"editions/2026-s1/fr.md": fr}))
    assert (problem.path, problem.line) == ("editions/2026-s1/fr.md", line_of(fr, "<script>"))


@pytest.mark.parametrize("markup", [
    '<a href="&#106;avascript:alert(1)">le site</a>',
    "[le site](&#106;avascript:alert(1))",
    '<a href="java&#x09;script:alert(1)">le site</a>',
], ids=["html-entity", "markdown-entity", "tab-entity"])
def test_disguised_javascript_url_is_refused(tmp_path: Path, markup: str) -> None:
    fr = FR + f"\n{markup}\n"
    problem = only_error(practice(tmp_path, fr=fr))
    assert (problem.path, problem.line) == (FR_PATH, line_of(fr, markup))
    assert "javascript:" in problem.message


def test_harmless_html_is_accepted(tmp_path: Path) -> None:
    fr = FR + '\n<div class="note"><a href="https://example.org">lien</a> <em>ok</em></div>\n'
    assert practice(tmp_path, fr=fr).problems == []


# -- files -----------------------------------------------------------------------------

def test_unreadable_original_is_one_problem(tmp_path: Path) -> None:
    fr = FR.encode("latin-1")  # "numérique" on line 2
    problem = only_error(practice(tmp_path, fr=fr, ko=None))
    assert (problem.path, problem.line) == (FR_PATH, 2)
    assert "UTF-8" in problem.message


def test_unreadable_original_is_reported_at_its_line(tmp_path: Path) -> None:
    fr = FR.encode("latin-1")  # "numérique" on line 2
    problems = practice(tmp_path, fr=fr, ko=None).problems
    assert any(p.path == FR_PATH and p.line == 2 and "save it again" in p.message
               for p in problems), problems


def test_bom_crlf_and_nfd_original_loads_cleanly(tmp_path: Path) -> None:
    import unicodedata
    fr = unicodedata.normalize("NFD", FR).replace("\n", "\r\n")
    result = practice(tmp_path, fr=b"\xef\xbb\xbf" + fr.encode("utf-8"))
    assert result.problems == []
    assert result.content is not None
    assert result.content.practices[0].source.title == "Un marathon numérique"


def test_file_with_an_unexpected_language_name(tmp_path: Path) -> None:
    result = practice(tmp_path, ko=None, en_md=KO)
    problem = only_error(result)
    assert (problem.path, problem.line) == ("practices/tours/en.md", None)
    assert "fr.md (French) and ko.md (Korean)" in problem.message


# -- every problem at once, sorted ----------------------------------------------------------

def test_all_problems_come_at_once_sorted_by_path_and_line(tmp_path: Path) -> None:
    bad_fr = replace(replace(replace(FR, "themes:", "themse:"), "date: 2020-05-10", "date: 14/11/2020"),
                     "sports@tours.example.org", "sports-at-tours")
    bad_fr += "\n<script>alert(1)</script>\n"
    bad_ko = replace(KO, "title: 디지털 마라톤\n", "")
    other = replace(FR, "population: 137000", "population: 20 000")
    result = load_tree(tmp_path, {
        "practices/zeta/fr.md": bad_fr,
        "practices/zeta/ko.md": bad_ko,
        "practices/alpha/fr.md": other,
        "practices/Beta/fr.md": FR,
        "editions/2026-s1/ko.md": replace(EDITION_KO, "2020-01-01", "2020-02-02"),
    })
    found = [(p.path, p.line) for p in result.problems]
    assert found == [
        ("editions/2026-s1/ko.md", 3),
        ("practices/Beta", None),
        ("practices/alpha/fr.md", 5),
        ("practices/zeta/fr.md", line_of(bad_fr, "themse:")),
        ("practices/zeta/fr.md", line_of(bad_fr, "date:")),
        ("practices/zeta/fr.md", line_of(bad_fr, "email:")),
        ("practices/zeta/fr.md", line_of(bad_fr, "<script>")),
        ("practices/zeta/ko.md", None),
    ]
    assert result.problems == sorted(result.problems, key=lambda p: (p.path, p.line or 0))
    assert all(p.is_error for p in result.problems)
    assert result.content is not None and result.content.practices == ()
