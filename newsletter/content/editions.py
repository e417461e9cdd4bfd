"""Editions and the collections a build publishes.

Decides what is public (drafts are editions published after today), and
groups practices the ways readers browse them: by edition, theme and size.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from .model import Collectivity, Content, Edition, Partnership, Practice, Taxonomy
from .publishing import Federation, Office


def today() -> dt.date:
    """The build's "today": `SOURCE_DATE_EPOCH` when set, for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()


def is_draft(edition: Edition, on: dt.date) -> bool:
    return edition.published > on


@dataclass(frozen=True)
class Site:
    """What one build publishes, grouped for the pages that list it."""

    taxonomy: Taxonomy
    editions: tuple[Edition, ...]
    """Newest first."""
    practices: tuple[Practice, ...]
    """Newest edition first, then by date (newest first), then by slug."""
    drafts: frozenset[str]
    """Ids of the editions shown only because this is a preview with drafts."""
    collectivities: tuple[Collectivity, ...] = ()
    """The directory of collectivities, by key (all of them: it has no drafts)."""
    partnerships: tuple[Partnership, ...] = ()
    federation: Federation | None = None
    """Who publishes the letter and whom readers write to (federation.yml)."""
    next_edition: dt.date | None = None
    """The publication date of the first edition still to come (a draft), shown to
    contributors as the date to send practices by, even when drafts are left out."""

    def office(self, lang: str) -> Office | None:
        """Whom readers of `lang` write to about a practice that gives no contact."""
        return self.federation.office(lang) if self.federation else None

    @property
    def latest(self) -> Edition | None:
        public = [e for e in self.editions if e.id not in self.drafts]
        return public[0] if public else (self.editions[0] if self.editions else None)

    def in_edition(self, edition_id: str) -> tuple[Practice, ...]:
        return tuple(p for p in self.practices if p.edition == edition_id)

    def with_theme(self, key: str) -> tuple[Practice, ...]:
        return tuple(p for p in self.practices if key in p.themes)

    def with_size(self, key: str) -> tuple[Practice, ...]:
        return tuple(p for p in self.practices if p.size == key)

    @property
    def themes_in_use(self) -> tuple[str, ...]:
        used = {key for p in self.practices for key in p.themes}
        return tuple(t.key for t in self.taxonomy.themes if t.key in used)

    @property
    def sizes_in_use(self) -> tuple[str, ...]:
        used = {p.size for p in self.practices}
        return tuple(s.key for s in self.taxonomy.sizes if s.key in used)

    def practice(self, slug: str) -> Practice | None:
        return next((p for p in self.practices if p.slug == slug), None)

    def edition(self, edition_id: str) -> Edition:
        return next(e for e in self.editions if e.id == edition_id)

    def is_draft(self, edition_id: str) -> bool:
        return edition_id in self.drafts


def collect(content: Content, on: dt.date, include_drafts: bool) -> Site:
    """The editions and practices to publish on `on`."""
    drafts = {e.id for e in content.editions if is_draft(e, on)}
    editions = [e for e in content.editions if include_drafts or e.id not in drafts]
    by_id = {e.id: e for e in editions}
    # Newest edition first, newest practice first within it; the slug breaks ties.
    practices = sorted((p for p in content.practices if p.edition in by_id), key=lambda p: p.slug)
    practices.sort(key=lambda p: (by_id[p.edition].published, p.edition, p.date), reverse=True)
    editions.sort(key=lambda e: (e.published, e.id), reverse=True)
    coming = min((e.published for e in content.editions if e.id in drafts), default=None)
    return Site(content.taxonomy, tuple(editions), tuple(practices),
                frozenset(drafts if include_drafts else ()),
                content.collectivities, content.partnerships, content.federation, coming)


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    """How many of the listed items have this value."""


@dataclass(frozen=True)
class Facet:
    """One dimension of a listing's filters (the practices', the directory's)."""

    name: str
    title: str
    options: tuple[FacetOption, ...]
