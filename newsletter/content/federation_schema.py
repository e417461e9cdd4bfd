"""The fields of `federation.yml` (`federation` reads them): who publishes the letter, the
director of publication, the host, the licences and the offices readers write to. French
law (LCEN, article 6) asks a site to name its publisher and host with their address and
telephone."""
from __future__ import annotations

from pydantic import Field

from .fields import Email, IsoDate, LicenceId, Phone, Text, Url
from .schema import Names, _Fields


class OfficeFields(_Fields):
    names: Names
    email: Email | None = None
    url: Url | None = None


class PublisherFields(_Fields):
    names: Names
    address: Text
    phone: Phone | None = None
    url: Url | None = None


class HostFields(_Fields):
    name: Text
    address: Text
    phone: Phone | None = None
    url: Url | None = None


class LicenceFields(_Fields):
    key: LicenceId
    names: Names
    url: Url


class OfficesFields(_Fields):
    fr: OfficeFields
    ko: OfficeFields


class FederationFile(_Fields):
    """`federation.yml`: who publishes the letter, under which licence, and whom readers
    write to (`offices`, per language; `office`, the older form, serves both)."""

    publishers: list[PublisherFields] = Field(default=[], max_length=4)
    director: Names | None = None
    host: HostFields | None = None
    licences: list[LicenceFields] = Field(default=[], max_length=4)
    offices: OfficesFields | None = None
    office: OfficeFields | None = None
    unsubscribe: Text | None = None
    accessibility_date: IsoDate | None = None
