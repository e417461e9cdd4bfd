"""What a build publishes (newsletter.content.editions) and the localised labels (newsletter.i18n)."""
from __future__ import annotations

import calendar
import datetime as dt
import gettext
import time

import pytest

import newsletter.i18n
from newsletter.content.editions import collect, is_draft, today
from newsletter.i18n import catalog, format_date, format_number, half_year_label
from newsletter.content.model import Content, Edition, EditionText, Practice, Taxonomy, Term, Translation


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages are the English msgids, whatever the catalogs hold today."""
    monkeypatch.setattr(newsletter.i18n, "_messages", gettext.NullTranslations())


# -- a small content ------------------------------------------------------------------

TAXONOMY = Taxonomy(
    themes=(Term("sport", {"fr": "Sport", "ko": "체육"}),
            Term("numerique", {"fr": "Numérique", "ko": "디지털"}),
            Term("culture", {"fr": "Culture", "ko": "문화"})),
    sizes=(Term("petite-ville", {"fr": "Petite ville", "ko": "소도시"}, None, 19999),
           Term("grande-ville", {"fr": "Grande ville", "ko": "중대형 도시"}, 100000, None),
           Term("metropole", {"fr": "Métropole", "ko": "광역시"})),
)


def edition(edition_id: str, published: dt.date) -> Edition:
    return Edition(edition_id, published, {
        "fr": EditionText("fr", f"Lettre {edition_id}", "Édito.", f"editions/{edition_id}/fr.md"),
        "ko": EditionText("ko", f"뉴스레터 {edition_id}", "편집.", f"editions/{edition_id}/ko.md"),
    })


def practice(slug: str, edition_id: str, date: dt.date, themes: tuple[str, ...] = ("sport",),
             size: str = "grande-ville") -> Practice:
    return Practice(
        slug=slug, source_lang="fr", country="FR", population=None, size=size, themes=themes,
        edition=edition_id, date=date, contact=None, links=(),
        translations={"fr": Translation("fr", slug, "Résumé.", "Ville", (), "Texte.",
                                        f"practices/{slug}/fr.md")},
    )


OLD = edition("2025-s2", dt.date(2025, 7, 1))
SPRING = edition("2026-s1", dt.date(2026, 1, 15))
SUMMER = edition("2026-s2", dt.date(2026, 7, 4))

PRACTICES = (
    practice("d-tie", "2026-s1", dt.date(2020, 5, 10), themes=("culture",)),
    practice("a-old", "2025-s2", dt.date(2019, 1, 1), size="petite-ville"),
    practice("z-new", "2026-s2", dt.date(2020, 1, 1), themes=("numerique",), size="metropole"),
    practice("b-first", "2026-s1", dt.date(2020, 3, 1)),
    practice("c-second", "2026-s1", dt.date(2020, 5, 10)),
)

# deliberately out of order: collect does the ordering
CONTENT = Content(TAXONOMY, PRACTICES, (SPRING, SUMMER, OLD))


def slugs(site) -> list[str]:
    return [p.slug for p in site.practices]


def ids(site) -> list[str]:
    return [e.id for e in site.editions]


# -- drafts ----------------------------------------------------------------------------

def test_edition_published_after_the_day_is_a_draft_and_left_out() -> None:
    site = collect(CONTENT, dt.date(2026, 7, 3), include_drafts=False)
    assert ids(site) == ["2026-s1", "2025-s2"]
    assert "z-new" not in slugs(site)
    assert site.in_edition("2026-s2") == ()
    assert site.drafts == frozenset()
    assert site.latest is SPRING


def test_drafts_are_included_and_marked_in_preview() -> None:
    site = collect(CONTENT, dt.date(2026, 7, 3), include_drafts=True)
    assert ids(site) == ["2026-s2", "2026-s1", "2025-s2"]
    assert slugs(site)[0] == "z-new"
    assert site.drafts == frozenset({"2026-s2"})
    assert site.is_draft("2026-s2")
    assert not site.is_draft("2026-s1")
    # the latest public edition is still the one the home page leads with
    assert site.latest is SPRING


def test_edition_published_on_the_day_is_public() -> None:
    on = dt.date(2026, 7, 4)
    assert not is_draft(SUMMER, on)
    assert is_draft(SUMMER, on - dt.timedelta(days=1))
    site = collect(CONTENT, on, include_drafts=False)
    assert ids(site)[0] == "2026-s2"
    assert site.latest is SUMMER
    assert site.drafts == frozenset()


def test_only_drafts() -> None:
    on = dt.date(2024, 1, 1)
    assert collect(CONTENT, on, include_drafts=False).editions == ()
    assert collect(CONTENT, on, include_drafts=False).practices == ()
    assert collect(CONTENT, on, include_drafts=False).latest is None
    preview = collect(CONTENT, on, include_drafts=True)
    assert preview.drafts == frozenset({"2025-s2", "2026-s1", "2026-s2"})
    assert preview.latest is SUMMER  # nothing public: the newest draft


# -- ordering ------------------------------------------------------------------------------

def test_newest_edition_first() -> None:
    site = collect(CONTENT, dt.date(2027, 1, 1), include_drafts=False)
    assert ids(site) == ["2026-s2", "2026-s1", "2025-s2"]
    assert site.latest is SUMMER


def test_practices_newest_edition_first_then_newest_date_then_slug() -> None:
    site = collect(CONTENT, dt.date(2027, 1, 1), include_drafts=False)
    assert slugs(site) == ["z-new", "c-second", "d-tie", "b-first", "a-old"]
    assert [p.slug for p in site.in_edition("2026-s1")] == ["c-second", "d-tie", "b-first"]


def test_groupings_follow_the_taxonomy_order() -> None:
    site = collect(CONTENT, dt.date(2027, 1, 1), include_drafts=False)
    assert site.themes_in_use == ("sport", "numerique", "culture")
    assert site.sizes_in_use == ("petite-ville", "grande-ville", "metropole")
    assert [p.slug for p in site.with_theme("sport")] == ["c-second", "b-first", "a-old"]
    assert [p.slug for p in site.with_size("metropole")] == ["z-new"]


def test_groupings_leave_out_drafts() -> None:
    site = collect(CONTENT, dt.date(2026, 7, 3), include_drafts=False)
    assert "numerique" not in site.themes_in_use
    assert "metropole" not in site.sizes_in_use
    assert site.with_theme("numerique") == ()


# -- today ---------------------------------------------------------------------------------

def epoch(*when: int) -> str:
    return str(calendar.timegm((*when, 0, 0, 0)[:6]))


def test_source_date_epoch_sets_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(2026, 7, 4, 12))
    assert today() == dt.date(2026, 7, 4)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(2020, 1, 1, 0))
    assert today() == dt.date(2020, 1, 1)


def test_source_date_epoch_is_read_in_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    # 23:30 UTC on 3 July is already 4 July in Seoul: the build's day must not depend on it
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(calendar.timegm((2026, 7, 3, 23, 30, 0))))
    monkeypatch.setenv("TZ", "Asia/Seoul")
    try:
        if hasattr(time, "tzset"):
            time.tzset()
        assert today() == dt.date(2026, 7, 3)
    finally:
        monkeypatch.undo()
        if hasattr(time, "tzset"):
            time.tzset()


def test_without_source_date_epoch_today_is_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = dt.date.today()
    assert today() in (before, dt.date.today())


def test_source_date_epoch_decides_the_drafts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(2026, 7, 3, 12))
    assert "2026-s2" not in ids(collect(CONTENT, today(), include_drafts=False))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(2026, 7, 4, 0))
    assert ids(collect(CONTENT, today(), include_drafts=False))[0] == "2026-s2"


# -- dates, numbers, half-years -------------------------------------------------------------

def test_format_date_in_french() -> None:
    assert format_date(dt.date(2026, 7, 4), "fr") == "4 juillet 2026"
    assert format_date(dt.date(2026, 1, 1), "fr") == "1 janvier 2026"


def test_format_date_in_korean() -> None:
    assert format_date(dt.date(2026, 7, 4), "ko") == "2026년 7월 4일"


def test_format_number_in_french_groups_with_a_no_break_space() -> None:
    formatted = format_number(137000, "fr")
    assert formatted in ("137\u202f000", "137\u00a0000")
    assert " " not in formatted  # an ordinary space would let the number break across lines
    assert format_number(2300, "fr").replace("\u202f", "").replace("\u00a0", "") == "2300"


def test_format_number_in_korean() -> None:
    assert format_number(137000, "ko") == "137,000"


def translated(lang: str) -> bool:
    return catalog(lang).gettext("Second half of {year}") != "Second half of {year}"


def test_half_year_label_in_french() -> None:
    label = half_year_label(2026, 2, "fr")
    assert "2026" in label
    if translated("fr"):
        assert label == "2e semestre 2026"
    else:
        assert label == "Second half of 2026"


def test_half_year_label_in_korean() -> None:
    label = half_year_label(2026, 2, "ko")
    assert "2026" in label
    if translated("ko"):
        assert label == "2026년 하반기"
    else:
        assert label == "Second half of 2026"


def test_half_year_labels_differ_for_the_two_halves() -> None:
    for lang in ("fr", "ko"):
        first, second = half_year_label(2026, 1, lang), half_year_label(2026, 2, lang)
        assert "2026" in first and "2026" in second
        assert first != second
