"""Who publishes the letter and whom its readers write to: the values of
`federation.yml` (loaded by `federation`), shown by the site, the letters and the feeds."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Office:
    """The federation's office that puts collectivities in touch: the contact of a
    suggested practice that gives none of its own."""

    names: dict[str, str]
    email: str | None = None
    url: str | None = None

    def name(self, lang: str) -> str:
        return self.names[lang]


@dataclass(frozen=True)
class Publisher:
    """A federation that publishes the letter."""

    names: dict[str, str]
    address: str
    """Its postal address, as written (international form)."""
    url: str | None = None
    phone: str | None = None

    def name(self, lang: str) -> str:
        return self.names[lang]


@dataclass(frozen=True)
class Licence:
    """A licence the texts and the data may be reused under."""

    key: str
    """Its identifier in open data (`etalab-2.0`, `KOGL-Type1`)."""
    names: dict[str, str]
    url: str

    def name(self, lang: str) -> str:
        return self.names[lang]


@dataclass(frozen=True)
class Host:
    """Who hosts the site (French law asks that the legal notice names it)."""

    name: str
    address: str
    url: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Federation:
    """Who publishes the letter and whom its readers write to (federation.yml)."""

    publishers: tuple[Publisher, ...]
    director: dict[str, str]
    """The director of publication, as each language names the function."""
    host: Host | None
    licences: tuple[Licence, ...]
    """The texts and the data may be reused under any of them."""
    offices: dict[str, Office]
    """Whom readers of each language write to."""
    unsubscribe: str | None = None
    """The mailing tool's unsubscribe merge tag, put in the e-mails' footer."""
    accessibility_date: dt.date | None = None
    """When the accessibility statement was last reviewed."""

    def office(self, lang: str) -> Office:
        return self.offices[lang]
