"""The pages of the directory of collectivities (issue 12): the directory, one page
per collectivity (its practices, its partnerships, the practices suggested to it),
and the map of partnerships.

Rendering only: everything comes from the `Site` (the collectivities were read and
validated by `loading`); `pages` calls `page_makers` with its own page factory and
link helper, so these pages are made like every other one.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable

from babel import Locale
from markupsafe import Markup

from ..content import matching
from .. import i18n
from . import mapping
from ..content.editions import Facet, FacetOption, Site
from ..content.model import Collectivity, Partnership, Practice, Taxonomy
from .page import Page

SUGGESTIONS_SHOWN = 6
"""Suggested practices shown on a collectivity's page, best first."""

COUNTRIES = ("FR", "KR")


@dataclass(frozen=True)
class PartnerLine:
    """A partnership as a page lists it: both sides and the year."""

    first: Collectivity
    second: Collectivity
    since: int


@dataclass(frozen=True)
class Suggested:
    """A suggested practice, with why and how to get in touch, ready to show."""

    practice: Practice
    why: tuple[str, ...]
    """"même taille", "énergies renouvelables"… in the page's language."""
    place: Collectivity | None
    """The practice's collectivity in the directory, when it names it."""


@dataclass(frozen=True)
class Place:
    """A collectivity with what its pages show."""

    collectivity: Collectivity
    practices: tuple[Practice, ...]
    """The practices it carried out (its `collectivity_key`), newest first."""
    as_partner: tuple[Practice, ...]
    """The practices that name it among their partners."""
    partnerships: tuple[PartnerLine, ...]

    @property
    def key(self) -> str:
        return self.collectivity.key


class Directory:
    """The site's collectivities, with their practices and partnerships, by key."""

    def __init__(self, site: Site):
        self.site = site
        self.by_key = {c.key: c for c in site.collectivities}
        lines: dict[str, list[PartnerLine]] = {key: [] for key in self.by_key}
        for pair in site.partnerships:
            line = _line(pair, self.by_key)
            lines[pair.a].append(line)
            lines[pair.b].append(line)
        self.places = {
            key: Place(c, tuple(p for p in site.practices if p.collectivity_key == key),
                       tuple(p for p in site.practices if key in p.partner_keys),
                       tuple(sorted(lines[key], key=lambda line: (line.since, line.second.key))))
            for key, c in self.by_key.items()}

    def place(self, key: str) -> Place:
        return self.places[key]

    def on_map(self) -> list[Place]:
        """The collectivities with practices, then their partners (by partnership or by
        practice) that have none, each once."""
        keys = [key for key, place in self.places.items() if place.practices]
        for key in list(keys):
            place = self.places[key]
            others = [line.first.key if line.second.key == key else line.second.key
                      for line in place.partnerships]
            others += [k for p in place.practices for k in p.partner_keys]
            for other in others:
                if other not in keys and other in self.places:
                    keys.append(other)
        return [self.places[key] for key in keys]


def _line(pair: Partnership, by_key: dict[str, Collectivity]) -> PartnerLine:
    """French side first, then Korean (the map's order), else by key."""
    a, b = by_key[pair.a], by_key[pair.b]
    if (COUNTRIES.index(b.country), b.key) < (COUNTRIES.index(a.country), a.key):
        a, b = b, a
    return PartnerLine(a, b, pair.since)


def _sort_key(lang: str) -> Callable[[Collectivity], Any]:
    """Korean names sort as written (가나다); French ones by key, which is the place's
    own name without "Ville de" and accents."""
    if lang == "ko":
        return lambda c: (c.name("ko"), c.key)
    return lambda c: (c.key,)


def _theme_in_text(label: str, lang: str) -> str:
    """A theme label inside a phrase: "Énergies renouvelables" -> "énergies renouvelables"
    in French (an initial capital only, never an acronym)."""
    if lang == "fr" and len(label) > 1 and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def page_makers(site: Site, lang: str, page: Callable[..., Page],
                link_for: Callable[[str], Callable[[str], str]],
                ) -> list[tuple[str, Callable[[], Page]]]:
    """(url, how to render the page) for the directory's pages of one language; none
    when the content has no directory. `page` is `pages`'s page factory, `link_for(url)`
    the `link` helper of the page at `url`."""
    if not site.collectivities:
        return []
    gettext = i18n.catalog(lang).gettext
    territories = Locale.parse(lang).territories
    directory = Directory(site)
    published = {e.id: e.published for e in site.editions if not site.is_draft(e.id)}
    taxonomy = site.taxonomy
    types = {t.key: t for t in taxonomy.collectivity_types}
    values = {"places": directory.places, "type_label": lambda key: types[key].label(lang),
              "themes_in_use": site.themes_in_use, "sizes_in_use": site.sizes_in_use}

    def collectivities_page() -> Page:
        ordered = sorted(site.collectivities, key=_sort_key(lang))
        groups = [(country, [directory.place(c.key) for c in ordered if c.country == country])
                  for country in COUNTRIES]
        groups = [(country, places) for country, places in groups if places]
        return page("collectivities.html.j2", "collectivities/",
                    gettext("Directory of local governments"),
                    gettext("French and Korean local governments: their practices, their "
                            "partnerships and what they look for."),
                    "collectivities", groups=groups, filters=_filters(site, lang), **values)

    def collectivity_page(collectivity: Collectivity) -> Page:
        found = matching.suggest(collectivity, site.practices, published)
        suggested = [Suggested(s.practice, _why(s, taxonomy, lang),
                               directory.by_key.get(s.practice.collectivity_key or ""))
                     for s in found[:SUGGESTIONS_SHOWN]]
        label = types[collectivity.type].label(lang)
        place = directory.place(collectivity.key)
        # Unmet: no practice of the other country on it, suggested or taken part in.
        return page("collectivity.html.j2", f"collectivities/{collectivity.key}/",
                    collectivity.name(lang),
                    f"{label}, {territories.get(collectivity.country, collectivity.country)}",
                    "collectivity", place=place,
                    suggested=suggested, more=max(0, len(found) - SUGGESTIONS_SHOWN),
                    unmet=[_theme_in_text(taxonomy.theme(key).label(lang), lang)
                           for key in matching.unmet_interests(collectivity, found)
                           if not any(key in p.themes for p in place.as_partner
                                      if p.country != collectivity.country)], **values)

    def map_page() -> Page:
        shown = directory.on_map()
        svg = _map_svg(shown, site.partnerships, lang, link_for("map/"))
        groups = [(country, [p for p in shown if p.collectivity.country == country])
                  for country in COUNTRIES]
        return page("map.html.j2", "map/", gettext("Map of partnerships"),
                    gettext("French and Korean local governments with practices in the "
                            "newsletter, and their partnerships."),
                    "map", svg=Markup(svg), groups=[g for g in groups if g[1]], **values)

    makers: list[tuple[str, Callable[[], Page]]] = [
        ("collectivities/", collectivities_page), ("map/", map_page)]
    makers += [(f"collectivities/{c.key}/", lambda c=c: collectivity_page(c))
               for c in site.collectivities]
    return makers


def _why(suggestion: matching.Suggestion, taxonomy: Taxonomy, lang: str) -> tuple[str, ...]:
    """Why a practice is suggested, as short phrases: "même taille", then the themes
    that meet the collectivity's interests."""
    gettext = i18n.catalog(lang).gettext
    same = [gettext("same size")] if suggestion.same_size else []
    return tuple(same + [_theme_in_text(taxonomy.theme(key).label(lang), lang)
                         for key in suggestion.themes])


def _filters(site: Site, lang: str) -> list[Facet]:
    gettext = i18n.catalog(lang).gettext
    territories = Locale.parse(lang).territories
    places = site.collectivities

    def options(values: Iterable[tuple[str, str]], has: Callable[[Collectivity, str], bool],
                ) -> tuple[FacetOption, ...]:
        return tuple(FacetOption(value, label, sum(1 for c in places if has(c, value)))
                     for value, label in values)

    countries = [c for c in COUNTRIES if any(p.country == c for p in places)]
    types = [t for t in site.taxonomy.collectivity_types if any(p.type == t.key for p in places)]
    interests = [t for t in site.taxonomy.themes if any(t.key in p.interests for p in places)]
    return [
        Facet("country", gettext("Country"), options(
            ((c, territories.get(c, c)) for c in countries), lambda p, v: p.country == v)),
        Facet("type", gettext("Type of local government"), options(
            ((t.key, t.label(lang)) for t in types), lambda p, v: p.type == v)),
        Facet("interest", gettext("Looks for practices on"), options(
            ((t.key, t.label(lang)) for t in interests), lambda p, v: v in p.interests)),
    ]


def _map_svg(shown: list[Place], partnerships: Iterable[Partnership], lang: str,
             link: Callable[[str], str]) -> str:
    gettext = i18n.catalog(lang).gettext
    keys = {place.key for place in shown}
    names = {place.key: place.collectivity.name(lang) for place in shown}
    points = [mapping.MapPoint(place.key, names[place.key], place.collectivity.lat,
                               place.collectivity.lon, place.collectivity.country,
                               link(f"collectivities/{place.key}/"), bool(place.practices))
              for place in shown]
    links = [mapping.MapLink(pair.a, pair.b, gettext("{first} — {second}, since {year}").format(
                 first=names[pair.a], second=names[pair.b], year=pair.since))
             for pair in partnerships if pair.a in keys and pair.b in keys]
    return mapping.render_map(
        points, links, gettext("Map of partnerships"),
        gettext("French and Korean local governments with practices in the newsletter, and "
                "the partnerships between them. The same information is in the list below "
                "the map."),
        lang, inset_titles={"FR": gettext("Metropolitan France"), "KR": gettext("Korea")})
