"""RSS and Atom feeds, with feedgen: per language, per theme, and per edition; and a
JSON Feed 1.1 per language (`feed.json`), with the same items and ids as `feed.xml`.

Every value comes from the content, never from the clock, so that two builds of
the same content give the same bytes:
- an item's id is a `tag:` URI made of the slug and the language: it survives
  changes of title, body, edition and site address;
- `pubDate`/`published` is the edition's publication date; Atom `updated` is
  the practice's last change (`history`); a feed's `updated` and
  `lastBuildDate` are the newest of its items.
feedgen prepends entries and dates feeds "now" by default: we sort ourselves,
append, and set every date.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from html import escape

from babel.lists import format_list
from feedgen.feed import FeedGenerator

from ..content import markup, typography
from .. import caches, i18n
from ..i18n import N_
from ..content.editions import Site
from ..content.model import LANGUAGES, Edition, Practice

# Never change it: it is part of every item's id in every subscriber's reader.
TAG = "tag:lettre-bonnes-pratiques.example,2026"
MIN_ITEMS = 50
"""A feed keeps at least this many items, and at least the last two editions."""
_UTC = dt.timezone.utc


@dataclass(frozen=True)
class Feed:
    path: str
    """From the site's root: "fr/feed.xml"."""
    data: bytes


def feed_paths(lang: str, theme: str | None = None) -> dict[str, str]:
    """Where a page's feeds are, from the language's root."""
    if theme:
        return {"rss": f"themes/{theme}/feed.xml"}
    return {"rss": "feed.xml", "atom": "atom.xml", "editions": "editions/feed.xml"}


def build_feeds(site: Site, site_url: str, html: dict[tuple[str, ...], str] | None = None,
                languages: tuple[str, ...] = LANGUAGES) -> list[Feed]:
    """Every feed of `languages`. `html` keeps bodies converted to HTML from one build
    to the next (a live preview's), keyed by the page's address, the body and the images; without
    it, they are kept in the cache folder (`caches.Memo`)."""
    base = site_url.rstrip("/") + "/"
    feeds: list[Feed] = []
    memo = caches.Memo("feed-bodies-" + "-".join(languages)) if html is None else None
    html = {} if html is None else html
    for lang in languages:
        writer = _FeedWriter(site, lang, base, html, memo)
        items = writer.selection(site.practices)
        feeds.append(Feed(f"{lang}/feed.xml", writer.practices_feed(items, "feed.xml", "rss")))
        feeds.append(Feed(f"{lang}/atom.xml", writer.practices_feed(items, "atom.xml", "atom")))
        feeds.append(Feed(f"{lang}/feed.json", writer.json_feed(items)))
        for key in site.themes_in_use:
            path = f"themes/{key}/feed.xml"
            items = writer.selection(site.with_theme(key))
            feeds.append(Feed(f"{lang}/{path}", writer.practices_feed(items, path, "rss", key)))
        feeds.append(Feed(f"{lang}/editions/feed.xml", writer.editions_feed()))
    if memo is not None:
        memo.save()
    return feeds


def _day(date: dt.date) -> dt.datetime:
    return dt.datetime(date.year, date.month, date.day, tzinfo=_UTC)


class _FeedWriter:
    """The feeds of one language."""

    def __init__(self, site: Site, lang: str, base: str, html: dict[tuple[str, ...], str],
                 memo: caches.Memo | None = None):
        self.site, self.lang, self.base = site, lang, base
        self.gettext = i18n.catalog(lang).gettext
        self.site_name = self.gettext(N_("Good Practices Newsletter"))
        self.editions = {e.id: e for e in site.editions}
        self._html = html
        # French typography for what readers see: texts, and the text of the HTML.
        self.typeset = typography.for_language(lang)
        self.typeset_html = typography.french_html if lang == "fr" else typography.as_it_is
        self._memo = memo

    def body_html(self, practice: Practice, page_url: str) -> str:
        """Converted once per practice, though it appears in several feeds (and once
        for all builds, with `memo`)."""
        body = practice.text(self.lang).body
        # The images too: the sanitiser keeps only those of the practice's folder.
        key = (page_url, body, *practice.images)
        if key not in self._html:
            def convert() -> str:
                return self.typeset_html(markup.to_html(body, practice.images, base=page_url))
            self._html[key] = convert() if self._memo is None else self._memo.get(
                caches.key("feed body", self.lang, *key), convert)
        return self._html[key]

    def publishers(self) -> list[str]:
        """Who publishes the letter (federation.yml), else the letter's own name."""
        return [name for name, _url in self.publisher_links()]

    def publisher_links(self) -> list[tuple[str, str | None]]:
        federation = self.site.federation
        if federation is None or not federation.publishers:
            return [(self.site_name, None)]
        return [(p.name(self.lang), p.url) for p in federation.publishers]

    def rights(self) -> str:
        """The licences the texts may be reused under, named in this language."""
        federation = self.site.federation
        if federation is None or not federation.licences:
            return ""
        names = format_list([f"{item.name(self.lang)} ({item.url})" for item in federation.licences],
                            style="or", locale=self.lang)
        return self.gettext(N_("Texts reusable under %(licences)s.")) % {"licences": names}

    def url(self, path: str) -> str:
        return f"{self.base}{self.lang}/{path}"

    def selection(self, practices: tuple[Practice, ...]) -> list[Practice]:
        """Those readable in this language: the last two editions, and at least 50."""
        readable = [p for p in practices if p.is_translated(self.lang)]
        recent = {e.id for e in self.site.editions[:2]}
        return [p for index, p in enumerate(readable) if index < MIN_ITEMS or p.edition in recent]

    def _generator(self, path: str, title: str, description: str, home: str,
                   kind: str) -> FeedGenerator:
        generator = FeedGenerator()
        generator.id(f"{TAG}:feed/{self.lang}/{path}")
        generator.title(title)
        generator.description(description)
        generator.subtitle(description)
        generator.language(self.lang)
        for name in self.publishers():
            generator.author({"name": name})
        rights = self.rights()
        if rights:
            generator.rights(rights)  # Atom <rights>, RSS <copyright>
        # The RSS channel <link> is the last link added: self first, the site second.
        generator.link(href=self.url(path), rel="self",
                       type="application/atom+xml" if kind == "atom" else "application/rss+xml")
        generator.link(href=self.url(home), rel="alternate", type="text/html")
        if kind == "rss":
            generator.load_extension("dc")
        return generator

    def _finish(self, generator: FeedGenerator, dates: list[dt.datetime], kind: str) -> bytes:
        newest = max(dates, default=_day(dt.date(2020, 1, 1)))
        generator.updated(newest)
        generator.lastBuildDate(newest)
        if kind == "atom":
            return generator.atom_str(pretty=True)
        return generator.rss_str(pretty=True)

    def practices_feed(self, practices: list[Practice], path: str, kind: str,
                       theme: str | None = None) -> bytes:
        if theme:
            label = self.site.taxonomy.theme(theme).label(self.lang)
            title = f"{self.site_name} — {label}"
            description = self.gettext(N_("Practices on the theme: {theme}")).format(theme=label)
            home = f"themes/{theme}/"
        else:
            title = self.site_name
            description = self.gettext(N_(
                "Good practices of French and Korean local governments, twice a year."))
            home = ""
        generator = self._generator(path, title, description, home, kind)
        dates = []
        for practice in practices:
            dates.append(self._add_practice(generator, practice, kind))
        return self._finish(generator, dates, kind)

    def _add_practice(self, generator: FeedGenerator, practice: Practice, kind: str) -> dt.datetime:
        words = practice.text(self.lang)
        edition = self.editions[practice.edition]
        page_url = self.url(f"practices/{practice.slug}/")
        published = _day(edition.published)
        updated = max(practice.updated or published, published)
        entry = generator.add_entry(order="append")
        item_id = f"{TAG}:practice/{practice.slug}/{self.lang}"
        entry.id(item_id)
        entry.guid(item_id, permalink=False)
        entry.title(self._draft_marked(self.typeset(words.title), practice.edition))
        entry.link(href=page_url, rel="alternate")
        # RSS readers show a description as HTML: the plain-text summary is escaped for it.
        entry.summary(escape(self.typeset(words.summary)), type="html")
        entry.content(self.body_html(practice, page_url), type="html")
        entry.category([{"term": key, "label": self.site.taxonomy.theme(key).label(self.lang),
                         "scheme": self.url(f"themes/{key}/")} for key in practice.themes])
        entry.author({"name": words.collectivity})
        if kind == "rss":
            entry.dc.dc_creator(words.collectivity)
        entry.published(published)
        entry.updated(updated)
        return updated

    def json_feed(self, practices: list[Practice]) -> bytes:
        """JSON Feed 1.1 (https://jsonfeed.org/version/1.1): the items of `feed.xml`, with
        the same ids, so a reader switching formats sees no new item."""
        items = []
        for practice in practices:
            words = practice.text(self.lang)
            page_url = self.url(f"practices/{practice.slug}/")
            published = _day(self.editions[practice.edition].published)
            updated = max(practice.updated or published, published)
            items.append({
                "id": f"{TAG}:practice/{practice.slug}/{self.lang}",
                "url": page_url,
                "title": self._draft_marked(self.typeset(words.title), practice.edition),
                "summary": self.typeset(words.summary),
                "content_html": self.body_html(practice, page_url),
                "date_published": published.isoformat(),
                "date_modified": updated.isoformat(),
                "authors": [{"name": words.collectivity}],
                "tags": [self.site.taxonomy.theme(key).label(self.lang) for key in practice.themes],
                "language": words.lang,
            })
        feed = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": self.site_name,
            "home_page_url": self.url(""),
            "feed_url": self.url("feed.json"),
            "description": self.gettext(N_(
                "Good practices of French and Korean local governments, twice a year.")),
            "language": self.lang,
            "authors": [{"name": name, **({"url": url} if url else {})}
                        for name, url in self.publisher_links()],
            "items": items,
        }
        return json.dumps(feed, ensure_ascii=False, indent=1).encode("utf-8")

    def _draft_marked(self, title: str, edition_id: str) -> str:
        if self.site.is_draft(edition_id):
            draft = self.gettext(N_("Draft"))
            return f"[{draft}] {title}"
        return title

    def editions_feed(self) -> bytes:
        path = "editions/feed.xml"
        editions = self.gettext(N_("Editions"))
        generator = self._generator(
            path, f"{self.site_name} — {editions}",
            self.gettext(N_("One item per edition, with all its practices: for e-mail services.")),
            "editions/", "rss")
        dates = []
        for edition in self.site.editions:
            dates.append(self._add_edition(generator, edition))
        return self._finish(generator, dates, "rss")

    def _add_edition(self, generator: FeedGenerator, edition: Edition) -> dt.datetime:
        words = edition.text(self.lang)
        page_url = self.url(f"editions/{edition.id}/")
        parts = [markup.to_html(words.body, base=page_url)]
        read = escape(self.gettext(N_("Read the practice")))
        for practice in self.site.in_edition(edition.id):
            text = practice.text(self.lang)
            link = self.url(f"practices/{practice.slug}/")
            parts.append(
                f'<h2><a href="{escape(link)}">{escape(text.title)}</a></h2>'
                f"<p><strong>{escape(text.collectivity)}</strong></p>"
                f"<p>{escape(text.summary)}</p>"
                f'<p><a href="{escape(link)}">{read}</a></p>')
        entry = generator.add_entry(order="append")
        item_id = f"{TAG}:edition/{edition.id}/{self.lang}"
        entry.id(item_id)
        entry.guid(item_id, permalink=False)
        entry.title(self._draft_marked(self.typeset(words.title), edition.id))
        entry.link(href=page_url)
        entry.summary(self.typeset(i18n.half_year_label(edition.year, edition.half, self.lang)))
        entry.content(self.typeset_html("".join(parts)), type="html")
        published = _day(edition.published)
        entry.published(published)
        entry.updated(published)
        return published
