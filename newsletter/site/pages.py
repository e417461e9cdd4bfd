"""Rendering: the site's pages as Markdown documents for mkdocs, one set per language.

Each page is a plain value (`Page`) made from the model by a template of
`templates/`. Pages carry, in their front matter, what the theme overrides need
(`nl`: the same page in the other language, the page's kind). Nothing here
reads content files or knows mkdocs internals.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Collection, Iterable

from babel import Locale
from babel.lists import format_list
from markupsafe import Markup

from .. import i18n
from ..content import typography
from . import directory, reuse, stats
from .page import MARKDOWN_MARK, EditionFiles, Page, no_downloads, relative_url
from ..templating import environment
from ..content.editions import Facet, FacetOption, Site
from ..content.fiche import file_name as fiche_name
from ..content.model import LANGUAGES, Edition, Practice, other_language
from ..content.reading import read_document

class _Context:
    """The helpers every template of one language gets."""

    def __init__(self, site: Site, lang: str):
        self.site = site
        self.lang = lang
        self.locale = Locale.parse(lang)
        self._cards: dict[tuple[str, int], str] = {}

    def globals(self, page_url: str, page_path: str | None = None) -> dict[str, Any]:
        """`page_url`: the page's address in its language's site; `page_path`: from the
        site's root, when the page is not in a language's site (the landing page)."""
        site, lang = self.site, self.lang
        here = f"{lang}/{page_url}" if page_path is None else page_path
        root = relative_url(here, f"{lang}/").removesuffix("index.html")  # "../../", "./"
        return {
            "site": site,
            "lang": lang,
            "site_name": i18n.catalog(lang).gettext("Good Practices Newsletter"),
            "editions": site.editions,
            "link": lambda target: relative_url(here, f"{lang}/{target}"),
            "link_other": lambda target: relative_url(here, f"{other_language(lang)}/{target}"),
            "text": lambda practice: practice.text(lang),
            "theme_label": lambda key: site.taxonomy.theme(key).label(lang),
            "size_label": lambda key: site.taxonomy.size(key).label(lang),
            "date": lambda day: i18n.format_date(day, lang),
            "number": lambda n: i18n.format_number(n, lang),
            "edition_label": lambda edition: i18n.half_year_label(edition.year, edition.half, lang),
            "country_name": lambda code: self.locale.territories.get(code, code),
            "language_label": lambda code: self.locale.languages.get(code, code),
            "practices_in": site.in_edition,
            "with_theme": site.with_theme,
            "with_size": site.with_size,
            "is_draft": site.is_draft,
            "as_list": lambda items: format_list(list(items), locale=lang),
            "listed": lambda items: typography.listed(list(items), lang),
            "federation": site.federation,
            "office": site.office(lang),
            "shared_card": lambda card, practice, level: Markup(self.card(card, practice, level)
                                                                .replace(_ROOT, root)),
        }

    def card(self, card: Callable[..., str], practice: Practice, level: int) -> str:
        """A practice's card (the `card` macro), made once for all the pages that show it
        (a practice is on five listings or more): its links start at `_ROOT`."""
        key = (practice.slug, level)
        if key not in self._cards:
            self._cards[key] = str(card(practice, level, href=lambda target: _ROOT + target + (
                "index.html" if target.endswith("/") else "")))
        return self._cards[key]


_ROOT = "\ue000"
"""Where a shared card's links start: the way to the language's root from each page."""


DATA_PROTECTION = {"fr": ("CNIL", "https://www.cnil.fr/"),
                   "ko": ("개인정보보호위원회", "https://www.pipc.go.kr/")}
"""Where a subscriber of each side may complain about the use of their data (the office
of their language keeps the mailing list)."""

GUIDE_DIR = i18n.TOOL_ROOT / "guide"


@dataclass(frozen=True)
class Guide:
    """The editor's guide of one language (guide/<lang>.md): a page of the site."""

    lang: str
    title: str
    body: str


def load_guides() -> dict[str, Guide]:
    guides = {}
    for lang in LANGUAGES:
        document, _problems = read_document(GUIDE_DIR / f"{lang}.md", f"guide/{lang}.md")
        if document is not None:
            guides[lang] = Guide(lang, str(document.fields.get("title", "")), document.body)
    return guides


def render(site: Site, lang: str, guide: Guide | None = None,
           only: Collection[str] | None = None, site_url: str = "",
           downloads: EditionFiles = no_downloads, kept: Path | None = None) -> list[Page]:
    """Every page of one language, or those whose url is in `only` (a live preview
    renders again only the pages that a saved file changes). `site_url`: the site's
    public address, ending with "/". `downloads`: which edition pages link their e-mail
    and PDF. `kept`: a folder of practice pages rendered by earlier builds, taken from
    there when nothing they are made of changed (`reuse.Rendered`)."""
    rendered = reuse.Rendered(kept, site, lang, site_url) if kept is not None else None
    pages = [make() for url, make in _page_makers(site, lang, guide, site_url, downloads,
                                                  rendered)
             if only is None or url in only]
    if rendered is not None and only is None:
        rendered.prune()
    return pages


def page_urls(site: Site, lang: str, guide: Guide | None = None) -> list[str]:
    """The url of every page of one language, without rendering any."""
    return [url for url, _make in _page_makers(site, lang, guide)]


def _page_makers(site: Site, lang: str, guide: Guide | None, site_url: str = "",
                 downloads: EditionFiles = no_downloads, rendered: reuse.Rendered | None = None,
                 ) -> list[tuple[str, Callable[[], Page]]]:
    """(url, how to render the page) for every page of one language."""
    context = _Context(site, lang)
    # A practice page is made of its practice and of what the site holds besides the
    # practices (editions, taxonomy, directory, publishers), never of other practices:
    # so a build keeps it until one of those changes (`reuse.Rendered`).
    alone = _Context(reuse.without_practices(site), lang)
    env = environment(lang)
    gettext = i18n.catalog(lang).gettext

    def page(template: str, url: str, title: str, description: str, kind: str,
             public: bool = True, theme: str | None = None, markdown: str = "",
             images: tuple[str, ...] = (), image_sizes: tuple[tuple[str, int, int], ...] = (),
             seen: _Context = context, **values: Any) -> Page:
        link = seen.globals(url)["link"]
        feeds = {"rss": link("feed.xml"), "atom": link("atom.xml"),
                 "editions": link("editions/feed.xml")}
        if theme:
            feeds["theme"] = link(f"themes/{theme}/feed.xml")
        html = env.get_template(template).render(**seen.globals(url), feeds=feeds,
                                                 MARKDOWN=Markup(MARKDOWN_MARK), **values)
        before, _mark, after = html.partition(MARKDOWN_MARK)
        return Page(lang, url, title, description, before, markdown, after, kind, public,
                    extra={"feeds": feeds, **({"theme_label": title} if theme else {})},
                    images=images, image_sizes=image_sizes, site_url=site_url)

    def edition_page(edition: Edition) -> Page:
        return page("edition.html.j2", f"editions/{edition.id}/", edition.text(lang).title,
                    i18n.half_year_label(edition.year, edition.half, lang), "edition",
                    public=not site.is_draft(edition.id), markdown=edition.text(lang).body,
                    edition=edition,
                    downloads=downloads(site, edition, lang))

    def practice_page(practice: Practice) -> Page:
        words = practice.text(lang)

        def make() -> Page:
            return page("practice.html.j2", f"practices/{practice.slug}/", words.title,
                        words.summary, "practice", public=not site.is_draft(practice.edition),
                        markdown=words.body, images=practice.images,
                        image_sizes=practice.image_sizes, seen=alone, practice=practice)
        return rendered.page(practice, make) if rendered is not None else make()

    def listing(kind: str, key: str) -> Page:
        term = site.taxonomy.theme(key) if kind == "theme" else site.taxonomy.size(key)
        label = term.label(lang)
        practices = site.with_theme(key) if kind == "theme" else site.with_size(key)
        return page("listing.html.j2", f"{kind}s/{key}/", label, label, kind,
                    theme=key if kind == "theme" else None, heading=label, practices=practices,
                    feed_theme=key if kind == "theme" else None)

    def topics(url: str) -> Page:
        title = gettext("Themes and sizes of local government")
        return page("topics.html.j2", url, title, title, "topics",
                    themes=site.themes_in_use, sizes=site.sizes_in_use)

    makers: list[tuple[str, Callable[[], Page]]] = [
        ("", lambda: page("home.html.j2", "", gettext("Good Practices Newsletter"), gettext(
            "Good practices of French and Korean local governments, twice a year."),
            "home", markdown=site.latest.text(lang).body if site.latest else "",
            edition=site.latest)),
        ("editions/", lambda: page("editions.html.j2", "editions/", gettext("All editions"),
                                   gettext("Every edition of the newsletter."), "editions")),
    ]
    makers += [(f"editions/{e.id}/", lambda e=e: edition_page(e)) for e in site.editions]
    makers += [(f"practices/{p.slug}/", lambda p=p: practice_page(p)) for p in site.practices]
    makers.append(("practices/", lambda: page(
        "practices.html.j2", "practices/", gettext("All practices"),
        gettext("Every practice, filtered by theme, size, country and edition."), "practices",
        practices=site.practices, facets=_facets(site, lang))))
    makers.append(("stats/", lambda: page(
        "stats.html.j2", "stats/", gettext("Statistics"), gettext("Statistics"), "stats",
        charts=stats.charts(site, lang))))
    if guide is not None:
        makers.append(("guide/", lambda: page("guide.html.j2", "guide/", guide.title, guide.title,
                                              "guide", markdown=guide.body)))
    # How to propose a practice, with the fiche (written beside it by the build).
    makers.append(("submit/", lambda: page(
        "submit.html.j2", "submit/", gettext("Propose a practice"),
        gettext("What makes a good practice, what to send, to whom and by when, and the fiche "
                "to fill in."), "submit", next_edition=site.next_edition, fiche=fiche_name(lang))))
    makers += [("themes/", lambda: topics("themes/")), ("sizes/", lambda: topics("sizes/"))]
    makers.append(("subscribe/", lambda: page(
        "subscribe.html.j2", "subscribe/", gettext("Follow the newsletter"),
        gettext("The newsletter's feeds, and how to follow them."), "subscribe",
        themes=site.themes_in_use, feed_url=lambda path: f"{site_url}{lang}/{path}")))
    # Who publishes the letter, the legal notice, accessibility, personal data, licence.
    makers.append(("about/", lambda: page(
        "about.html.j2", "about/", gettext("About the newsletter"),
        gettext("Who publishes the newsletter: legal notice, accessibility, personal data and "
                "licence."), "about", authority=DATA_PROTECTION[lang])))
    # issue 11: the open data page (the files themselves are written by `artifacts`).
    makers.append(("open-data/", lambda: page(
        "opendata.html.j2", "open-data/", gettext("Open data"),
        gettext("Every published practice as JSON and CSV, and the feeds."), "opendata")))
    makers += [(f"themes/{k}/", lambda k=k: listing("theme", k)) for k in site.themes_in_use]
    makers += [(f"sizes/{k}/", lambda k=k: listing("size", k)) for k in site.sizes_in_use]
    # The directory of collectivities and the map (issue 12): newsletter/directory.py.
    makers += directory.page_makers(site, lang, page, lambda url: context.globals(url)["link"])
    return makers


def _facets(site: Site, lang: str) -> list[Facet]:
    gettext = i18n.catalog(lang).gettext
    territories = Locale.parse(lang).territories
    countries = sorted({p.country for p in site.practices})

    def options(values: Iterable[tuple[str, str]], has: Any) -> tuple[FacetOption, ...]:
        return tuple(FacetOption(value, label, sum(1 for p in site.practices if has(p, value)))
                     for value, label in values)

    return [
        Facet("theme", gettext("Theme"), options(
            ((k, site.taxonomy.theme(k).label(lang)) for k in site.themes_in_use),
            lambda p, v: v in p.themes)),
        Facet("size", gettext("Size of local government"), options(
            ((k, site.taxonomy.size(k).label(lang)) for k in site.sizes_in_use),
            lambda p, v: p.size == v)),
        Facet("country", gettext("Country"), options(
            ((c, territories.get(c, c)) for c in countries), lambda p, v: p.country == v)),
        Facet("edition", gettext("Edition"), options(
            ((e.id, i18n.half_year_label(e.year, e.half, lang)) for e in site.editions),
            lambda p, v: p.edition == v)),
    ]


def footer(site: Site, lang: str) -> dict[str, str]:
    """What every page's footer says of who publishes the letter, in `lang`."""
    federation = site.federation
    if federation is None:
        return {}
    return {"publishers": format_list([p.name(lang) for p in federation.publishers], locale=lang)
            if federation.publishers else "",
            "licences": format_list([item.name(lang) for item in federation.licences],
                                    style="or", locale=lang) if federation.licences else ""}


def nav(pages: list[Page], lang: str) -> list[dict[str, str]]:
    """mkdocs's navigation: the few listing pages; practice pages stay out of it."""
    gettext = i18n.catalog(lang).gettext
    entries = [(gettext("Latest edition"), ""), (gettext("All practices"), "practices/")]
    # The directory and the map, when the content has a directory (issue 12).
    entries += [(page.title, page.url) for page in pages if page.kind in ("collectivities", "map")]
    entries += [(gettext("All editions"), "editions/"), (gettext("Themes and sizes"), "themes/"),
                (gettext("Statistics"), "stats/"), (gettext("Follow the newsletter"), "subscribe/")]
    # Contributors' page in the menu; the editors' guide stays a page, linked from it.
    entries += [(page.title, page.url) for page in pages if page.kind == "submit"]
    entries.append((gettext("Open data"), "open-data/"))  # issue 11
    return [{title: f"{url}index.md"} for title, url in entries]


def landing(site: Site, site_url: str) -> str:
    """The bilingual page at the site's root."""
    blocks = {lang: environment(lang).get_template("landing_block.html.j2").render(
        **_Context(site, lang).globals("", page_path=""), edition=site.latest)
        for lang in LANGUAGES}
    names = {lang: i18n.catalog(lang).gettext("Good Practices Newsletter") for lang in LANGUAGES}
    descriptions = {lang: i18n.catalog(lang).gettext(
        "Good practices of French and Korean local governments, twice a year.")
        for lang in LANGUAGES}
    return environment("fr").get_template("landing.html.j2").render(
        blocks=blocks, names=names, descriptions=descriptions, site_url=site_url,
        languages=LANGUAGES)
