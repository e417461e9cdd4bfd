"""The domain objects, as plain frozen values.

Every stage of the pipeline passes these along: reading and validation produce
them, grouping arranges them, rendering only reads them.
"""
from __future__ import annotations

import datetime as dt
import enum
import functools
import hashlib
import json
from dataclasses import dataclass, field

from .publishing import Federation

LANGUAGES: tuple[str, ...] = ("fr", "ko")
"""The newsletter's languages, in display order."""


def other_language(lang: str) -> str:
    return "ko" if lang == "fr" else "fr"


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the content, located as precisely as we can."""

    path: str
    """Relative to the content root, with forward slashes."""
    line: int | None
    """1-based line in the file, or None when the problem is the file as a whole."""
    message: str
    severity: Severity = field(default=Severity.ERROR, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, str]:
        return (self.path, self.line or 0, self.message)


@dataclass(frozen=True)
class Term:
    """A theme or a size of the taxonomy."""

    key: str
    labels: dict[str, str]
    population_min: int | None = None
    population_max: int | None = None

    @property
    def is_band(self) -> bool:
        """A population band (derived from population) rather than a status."""
        return self.population_min is not None or self.population_max is not None

    def contains(self, population: int) -> bool:
        low = self.population_min if self.population_min is not None else 0
        high = self.population_max if self.population_max is not None else float("inf")
        return self.is_band and low <= population <= high

    def label(self, lang: str) -> str:
        return self.labels[lang]


@dataclass(frozen=True)
class Taxonomy:
    themes: tuple[Term, ...]
    sizes: tuple[Term, ...]
    collectivity_types: tuple[CollectivityType, ...] = ()
    """Kinds of local government of the directory (commune, 시, 구…)."""

    def theme(self, key: str) -> Term:
        return next(t for t in self.themes if t.key == key)

    def size(self, key: str) -> Term:
        return next(s for s in self.sizes if s.key == key)

    def size_for_population(self, population: int) -> Term | None:
        return next((s for s in self.sizes if s.contains(population)), None)


@dataclass(frozen=True)
class Contact:
    name: str | None = None
    email: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Translation:
    """The words of a practice in one language."""

    lang: str
    title: str
    summary: str
    collectivity: str
    partners: tuple[str, ...]
    body: str
    """Markdown, NFC, LF line endings."""
    path: str
    source_version: str | None = None
    """In a translation: the version of the original it translates (`translated`)."""
    contact_name: str | None = None
    """The contact's name (a service) in this language, when the file gives one."""
    link_titles: tuple[str, ...] = ()
    """The titles of the practice's links in this language, in their order, when given."""

    @property
    def version(self) -> str:
        """A short hash of the translatable text: it changes when the words change."""
        if not (self.contact_name or self.link_titles):
            return self.text_version
        return _short_hash((self.title, self.summary, self.collectivity, self.partners,
                            self.body.strip(), self.contact_name, self.link_titles))

    @property
    def text_version(self) -> str:
        """The hash of the words without the contact's name and the links' titles (what
        `version` was before translations could give them): a translation marked with
        it, and which gives neither, is still up to date."""
        return _short_hash((self.title, self.summary, self.collectivity, self.partners,
                            self.body.strip()))


@functools.lru_cache(maxsize=1 << 14)  # asked of each text by every edition, page and feed
def _short_hash(words: tuple) -> str:
    text = json.dumps(words, ensure_ascii=False)  # tuples as lists
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


class TranslationState(str, enum.Enum):
    ORIGINAL = "original"
    UP_TO_DATE = "up-to-date"
    OUTDATED = "outdated"
    MISSING = "missing"


@dataclass(frozen=True)
class Practice:
    """A good practice: structural facts from the source file, words per language."""

    slug: str
    source_lang: str
    country: str
    """ISO 3166 alpha-2, upper case: FR or KR."""
    population: int | None
    size: str
    """A size key of the taxonomy, given or derived from the population."""
    themes: tuple[str, ...]
    edition: str
    date: dt.date
    contact: Contact | None
    links: tuple[Link, ...]
    translations: dict[str, Translation]
    images: tuple[str, ...] = ()
    """File names of the images in the practice's folder that its texts show."""
    image_sizes: tuple[tuple[str, int, int], ...] = ()
    """(file name, width, height) of those images, as published (turned upright; not SVG)."""
    published_images: tuple[tuple[str, str], ...] = ()
    """(file name, name of its published copy in `photos.folder()`) of those images."""
    updated: dt.datetime | None = None
    """The last change of any of the practice's files (see `history`)."""
    collectivity_key: str | None = None
    """The collectivity's key in the directory (collectivities/<key>.yml), when given."""
    partner_keys: tuple[str, ...] = ()
    """The partners' keys in the directory."""

    @property
    def source(self) -> Translation:
        return self.translations[self.source_lang]

    def is_translated(self, lang: str) -> bool:
        return lang in self.translations

    def translation_state(self, lang: str) -> TranslationState:
        if lang == self.source_lang:
            return TranslationState.ORIGINAL
        translation = self.translations.get(lang)
        if translation is None:
            return TranslationState.MISSING
        if translation.source_version == self.source.version or (
                translation.source_version == self.source.text_version
                and not translation.contact_name and not translation.link_titles):
            return TranslationState.UP_TO_DATE
        return TranslationState.OUTDATED

    def text(self, lang: str) -> Translation:
        """The words to show a reader of `lang`: the translation, else the original."""
        return self.translations.get(lang, self.source)

    def image_size(self, name: str) -> tuple[int, int] | None:
        """Width and height in pixels of one of `images`, when known."""
        return next(((w, h) for image, w, h in self.image_sizes if image == name), None)

    def published_image(self, name: str) -> str | None:
        """The name of the published copy of one of `images` (`photos`)."""
        return next((copy for image, copy in self.published_images if image == name), None)

    def contact_name(self, lang: str) -> tuple[str | None, str]:
        """The contact's name for a reader of `lang`, and the language it is written in:
        the translation's when it gives one, else the original's."""
        words = self.translations.get(lang)
        if words is not None and words.contact_name:
            return words.contact_name, lang
        return (self.contact.name if self.contact else None), self.source_lang

    def links_for(self, lang: str) -> tuple[tuple[Link, str], ...]:
        """Each link with its title for a reader of `lang`, and that title's language."""
        words = self.translations.get(lang)
        if words is not None and len(words.link_titles) == len(self.links):
            return tuple((Link(title, link.url), lang)
                         for title, link in zip(words.link_titles, self.links))
        return tuple((link, self.source_lang) for link in self.links)


@dataclass(frozen=True)
class EditionText:
    lang: str
    title: str
    body: str
    path: str


@dataclass(frozen=True)
class Edition:
    """A half-year issue of the letter, `YYYY-s1` or `YYYY-s2`."""

    id: str
    published: dt.date
    texts: dict[str, EditionText]

    @property
    def year(self) -> int:
        return int(self.id[:4])

    @property
    def half(self) -> int:
        return int(self.id[-1])

    def text(self, lang: str) -> EditionText:
        return self.texts.get(lang) or next(iter(self.texts.values()))


@dataclass(frozen=True)
class Content:
    """Everything the editors wrote, validated."""

    taxonomy: Taxonomy
    practices: tuple[Practice, ...]
    editions: tuple[Edition, ...]
    collectivities: tuple[Collectivity, ...] = ()
    """The directory, by key."""
    partnerships: tuple[Partnership, ...] = ()
    """Each partnership once, whichever side declared it."""
    federation: Federation | None = None
    """Who publishes the letter, under which licence, and whom readers write to
    (federation.yml)."""



# -- the directory of collectivities (issue 12) ---------------------------------------

@dataclass(frozen=True)
class CollectivityType:
    """A kind of local government of one country: commune, métropole, 시, 자치구…"""

    key: str
    labels: dict[str, str]
    country: str
    size: str | None = None
    """A size status of the taxonomy (metropole, departement-region) that every
    collectivity of this type has, whatever its population."""

    def label(self, lang: str) -> str:
        return self.labels[lang]


@dataclass(frozen=True)
class Collectivity:
    """A French or Korean local government of the directory (collectivities/<key>.yml)."""

    key: str
    names: dict[str, str]
    """Its name in each language."""
    country: str
    """FR or KR."""
    type: str
    """A collectivity type key of the taxonomy."""
    population: int | None
    size: str | None
    """A size key of the taxonomy: the type's status, else derived from the population."""
    lat: float
    lon: float
    interests: tuple[str, ...]
    """Theme keys of the taxonomy, in the order given."""
    contact: Contact | None = None
    """A public office, never a person; its name is in the collectivity's language."""
    path: str = ""
    contact_names: dict[str, str] = field(default_factory=dict)
    """The contact's name in other languages, when the file gives them."""

    def contact_name(self, lang: str) -> tuple[str | None, str]:
        """The contact's name for a reader of `lang`, and the language it is written in
        (the collectivity's own when no translation is given)."""
        if lang in self.contact_names:
            return self.contact_names[lang], lang
        return (self.contact.name if self.contact else None), self.lang

    @property
    def lang(self) -> str:
        """The language of its own texts (the contact's name)."""
        return "ko" if self.country == "KR" else "fr"

    def name(self, lang: str) -> str:
        return self.names[lang]


@dataclass(frozen=True)
class Partnership:
    """Two collectivities working together since a year; `a` sorts before `b`."""

    a: str
    b: str
    since: int

    def other(self, key: str) -> str:
        return self.b if key == self.a else self.a
