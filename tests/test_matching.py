"""Suggested practices (newsletter.matching): which practices a collectivity is shown,
in which order."""
from __future__ import annotations

import datetime as dt

from newsletter.content.matching import suggest, unmet_interests
from newsletter.content.model import Collectivity, Practice, Translation

PUBLISHED = {"2025-s2": dt.date(2025, 7, 1), "2026-s1": dt.date(2026, 1, 15),
             "2026-s2": dt.date(2026, 7, 4)}
"""The published editions; "2027-s1" is a draft (not in it)."""


def place(key: str = "gumi", country: str = "KR", size: str | None = "grande-ville",
          interests: tuple[str, ...] = ("energies-renouvelables",)) -> Collectivity:
    return Collectivity(key=key, names={"fr": key, "ko": key}, country=country, type="si",
                        population=410000, size=size, lat=36.1, lon=128.3, interests=interests)


def practice(slug: str, themes: tuple[str, ...], country: str = "FR", size: str = "grande-ville",
             edition: str = "2026-s1", date: dt.date = dt.date(2021, 1, 1)) -> Practice:
    lang = "fr" if country == "FR" else "ko"
    return Practice(
        slug=slug, source_lang=lang, country=country, population=None, size=size, themes=themes,
        edition=edition, date=date, contact=None, links=(),
        translations={lang: Translation(lang, slug, "Résumé.", "Ville", (), "Texte.",
                                        f"practices/{slug}/{lang}.md")})


def slugs(found) -> list[str]:
    return [s.practice.slug for s in found]


def test_renewable_energy_interest_gets_the_renewable_energy_practices_first() -> None:
    gumi = place(interests=("energies-renouvelables", "numerique"))
    practices = [
        practice("tours-marathon", ("sport", "numerique"), date=dt.date(2021, 6, 1)),
        practice("lyon-solaire", ("energies-renouvelables", "numerique"), date=dt.date(2020, 1, 1)),
        practice("nantes-eolien", ("energies-renouvelables",), date=dt.date(2021, 5, 1)),
        practice("tours-culture", ("culture",)),
    ]
    only_renewable = suggest(place(), practices, PUBLISHED)
    assert slugs(only_renewable) == ["nantes-eolien", "lyon-solaire"]  # the newest first
    assert all(s.themes == ("energies-renouvelables",) for s in only_renewable)
    # With a second interest, the practice meeting both comes first; then one theme
    # each, whichever it is, the newest first.
    found = suggest(gumi, practices, PUBLISHED)
    assert slugs(found) == ["lyon-solaire", "tours-marathon", "nantes-eolien"]
    assert found[0].themes == ("energies-renouvelables", "numerique")


def test_same_size_ranks_above_a_different_size_even_when_older() -> None:
    practices = [practice("belvallon-recent", ("energies-renouvelables",), size="petite-ville",
                          edition="2026-s2", date=dt.date(2022, 1, 1)),
                 practice("lyon-ancien", ("energies-renouvelables",), size="grande-ville",
                          edition="2025-s2", date=dt.date(2019, 1, 1))]
    found = suggest(place(size="grande-ville"), practices, PUBLISHED)
    assert slugs(found) == ["lyon-ancien", "belvallon-recent"]
    assert [s.same_size for s in found] == [True, False]
    # A small town gets the small town's practice first.
    assert slugs(suggest(place(size="petite-ville"), practices, PUBLISHED)) == [
        "belvallon-recent", "lyon-ancien"]


def test_theme_overlap_ranks_above_size() -> None:
    practices = [practice("same-size", ("energies-renouvelables",)),
                 practice("two-themes", ("energies-renouvelables", "environnement"),
                          size="petite-ville")]
    gumi = place(interests=("energies-renouvelables", "environnement"))
    assert slugs(suggest(gumi, practices, PUBLISHED)) == ["two-themes", "same-size"]


def test_then_the_newest_edition_then_the_newest_practice_then_the_slug() -> None:
    practices = [practice("b-old-edition", ("energies-renouvelables",), edition="2025-s2",
                          date=dt.date(2023, 1, 1)),
                 practice("c-newer-date", ("energies-renouvelables",), date=dt.date(2021, 9, 1)),
                 practice("z-tie", ("energies-renouvelables",), date=dt.date(2021, 1, 1)),
                 practice("a-tie", ("energies-renouvelables",), date=dt.date(2021, 1, 1))]
    assert slugs(suggest(place(), practices, PUBLISHED)) == [
        "c-newer-date", "a-tie", "z-tie", "b-old-edition"]


def test_never_a_practice_of_its_own_country() -> None:
    practices = [practice("gumi-solaire", ("energies-renouvelables",), country="KR"),
                 practice("lyon-solaire", ("energies-renouvelables",))]
    assert slugs(suggest(place(country="KR"), practices, PUBLISHED)) == ["lyon-solaire"]
    assert slugs(suggest(place("tours", country="FR"), practices, PUBLISHED)) == ["gumi-solaire"]


def test_never_a_draft() -> None:
    practices = [practice("draft", ("energies-renouvelables", "numerique"), edition="2027-s1"),
                 practice("published", ("energies-renouvelables",))]
    gumi = place(interests=("energies-renouvelables", "numerique"))
    assert slugs(suggest(gumi, practices, PUBLISHED)) == ["published"]


def test_never_a_practice_it_took_part_in() -> None:
    from dataclasses import replace

    shared = replace(practice("tours-suwon", ("energies-renouvelables",)), partner_keys=("gumi",))
    other = practice("lyon-solaire", ("energies-renouvelables",))
    assert slugs(suggest(place(), [shared, other], PUBLISHED)) == ["lyon-solaire"]


def test_no_interest_no_suggestion_and_unmet_interests_are_named() -> None:
    practices = [practice("lyon-solaire", ("energies-renouvelables",))]
    assert suggest(place(interests=()), practices, PUBLISHED) == []
    gumi = place(interests=("numerique", "energies-renouvelables", "logement"))
    found = suggest(gumi, practices, PUBLISHED)
    assert unmet_interests(gumi, found) == ("numerique", "logement")


def test_a_collectivity_without_size_is_never_same_size() -> None:
    found = suggest(place(size=None), [practice("lyon-solaire", ("energies-renouvelables",))],
                    PUBLISHED)
    assert [s.same_size for s in found] == [False]
