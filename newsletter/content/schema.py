"""The shape of each kind of front matter, as pydantic models.

pydantic checks types, required and unknown fields; this module turns its
errors into `Problem`s that say, in the editor's words, what would be right.
Rules that look across files (a theme exists in the taxonomy, an edition
exists, a translation agrees with its source) live in `validation`.
"""
from __future__ import annotations

import functools
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from ..i18n import N_, _
from .fields import (Country, Email, IsoDate, Key, Latitude, Longitude, Population, Text, Url,
                     Year, closest)
from .model import Problem
from .reading import Document

class _Fields(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class ContactFields(_Fields):
    name: Text | None = None
    email: Email | None = None
    url: Url | None = None


class LinkFields(_Fields):
    title: Text
    url: Url


class PracticeFile(_Fields):
    """The front matter of `practices/<slug>/<lang>.md`.

    Structural fields are optional here: which file must hold them (the source)
    is a rule across the two files, checked in `validation`.
    """

    title: Text
    summary: Text
    collectivity: Text
    partners: list[Text] = []
    source: Literal["ko"] | None = None
    source_version: Annotated[str, Field(pattern=r"^[0-9a-f]{12}$")] | None = None
    country: Country | None = None
    population: Population | None = None
    size: Key | None = None
    themes: Annotated[list[Key], Field(min_length=1, max_length=3)] | None = None
    edition: str | None = None
    date: IsoDate | None = None
    updated: IsoDate | None = None
    contact: ContactFields | None = None
    links: list[LinkFields] | None = None
    # Keys of the directory of collectivities (issue 12).
    collectivity_key: Key | None = None
    partner_keys: list[Key] | None = None


WORD_FIELDS = ("title", "summary", "collectivity", "partners", "source", "source_version")
STRUCTURAL_FIELDS = ("country", "population", "size", "themes", "edition", "date", "updated",
                     "contact", "links", "collectivity_key", "partner_keys")
SOURCE_REQUIRED = ("themes", "edition", "date")


class EditionFile(_Fields):
    """The front matter of `editions/<id>/<lang>.md`."""

    title: Text
    published: IsoDate | None = None


class TaxonomyTerm(_Fields):
    fr: Text
    ko: Text


class PopulationBand(_Fields):
    min: Population | None = None
    max: Population | None = None


class SizeTerm(TaxonomyTerm):
    population: PopulationBand | None = None


class CollectivityTypeTerm(TaxonomyTerm):
    country: Country
    size: Key | None = None


class TaxonomyFile(_Fields):
    themes: dict[Key, TaxonomyTerm]
    sizes: dict[Key, SizeTerm]
    collectivity_types: dict[Key, CollectivityTypeTerm] = {}


# What would be right, for each field: shown with every error on that field.
HINTS: dict[str, str] = {
    "title": N_("a title in plain text, e.g. title: Un marathon numérique"),
    "summary": N_("one or two sentences of plain text"),
    "collectivity": N_("the local government's name, e.g. collectivity: Ville de Tours"),
    "partners": N_("a list of names, e.g. partners: [Ville de Suwon]"),
    "source": N_("source: ko, only in ko.md, when the Korean text is the original"),
    "source_version": N_("the value written by `python3 build_newsletter.py translated <slug>`"),
    "country": N_("FR or KR, e.g. country: KR"),
    "population": N_("a whole number of inhabitants, e.g. population: 137000"),
    "size": N_("a size key of taxonomy.yml, e.g. size: metropole"),
    "themes": N_("a list of 1 to 3 theme keys, e.g. themes: [sport, numerique]"),
    "edition": N_("an edition id, e.g. edition: 2026-s2"),
    "date": N_("an ISO date YYYY-MM-DD, e.g. date: 2020-09-21"),
    "published": N_("an ISO date YYYY-MM-DD, e.g. published: 2026-07-04"),
    "updated": N_("the ISO date of the last real change, e.g. updated: 2026-09-15"),
    "contact": N_("name, email and url on indented lines under contact:"),
    "name": N_("a name in plain text (a service, not a person)"),
    "email": N_("an address such as relations-internationales@example.org"),
    "url": N_("a full address starting with https://"),
    "links": N_("a list of entries, each with a title and a url"),
    "fr": N_("the French label"),
    "ko": N_("the Korean label"),
    "min": N_("a whole number"),
    "max": N_("a whole number"),
    "sizes": N_("size keys, each with fr and ko labels"),
}


# -- the directory of collectivities (issue 12) ---------------------------------------

class Names(_Fields):
    fr: Text
    ko: Text


class Coordinates(_Fields):
    lat: Latitude
    lon: Longitude


class ContactNames(_Fields):
    fr: Text | None = None
    ko: Text | None = None


class CollectivityContactFields(ContactFields):
    """`name` in the collectivity's language; `names`, the name in other languages."""

    names: ContactNames | None = None


class CollectivityFile(_Fields):
    """`collectivities/<key>.yml`: one local government of the directory.

    Which keys exist (partnerships), which themes and types exist, and whether
    the position falls in its country's map are rules across files (`validation`).
    """

    names: Names
    country: Country
    type: str
    population: Population
    coordinates: Coordinates
    partnerships: dict[str, Year] = {}
    interests: list[str] = []
    contact: CollectivityContactFields | None = None


HINTS.update({
    "office": N_("names (fr and ko), email and url on indented lines under office:"),
    "offices": N_("fr: and ko:, each with names (fr and ko), email and url on indented lines"),
    "publishers": N_("a list of publishers, each with names (fr and ko), address and url"),
    "director": N_("the director of publication, fr: and ko: on indented lines"),
    "host": N_("the host's name and address (and url) on indented lines"),
    "licences": N_("a list of licences, each with key, names (fr and ko) and url"),
    "address": N_("a postal address on one line, e.g. address: 9 rue Christiani, 75018 Paris, France"),
    "phone": N_("a telephone number in international form, e.g. phone: +33 1 23 45 67 89"),
    "key": N_("the licence's identifier, e.g. key: etalab-2.0"),
    "accessibility_date": N_("the date the accessibility statement was last reviewed, e.g. "
                             "accessibility_date: 2026-12-07"),
    "unsubscribe": N_("the mailing tool's unsubscribe merge tag, e.g. unsubscribe: \"*|UNSUB|*\""),
    "names": N_("the names on indented lines, e.g. fr: Ville de Gumi and ko: 구미시"),
    "type": N_("a collectivity type key of taxonomy.yml, e.g. type: commune"),
    "coordinates": N_("lat and lon on indented lines, in decimal degrees"),
    "lat": N_("a latitude in decimal degrees, e.g. lat: 47.3941"),
    "lon": N_("a longitude in decimal degrees, e.g. lon: 0.6848 (west is negative)"),
    "partnerships": N_("one line per partner, its key and the year the partnership began, "
                       "e.g. suwon: 2016"),
    "interests": N_("a list of theme keys of taxonomy.yml, e.g. interests: "
                    "[energies-renouvelables, numerique]"),
    "collectivity_key": N_("the file name of the collectivity in collectivities/, without "
                           ".yml, e.g. collectivity_key: tours"),
    "partner_keys": N_("a list of file names of collectivities/, without .yml, e.g. "
                       "partner_keys: [suwon]"),
    "collectivity_types": N_("type keys, each with fr and ko labels and a country"),
})

Model = TypeVar("Model", bound=BaseModel)


def parse(model: type[Model], document: Document) -> tuple[Model | None, list[Problem]]:
    """Validate a document's front matter against `model`, collecting every problem."""
    try:
        return model.model_validate(document.fields), []
    except ValidationError as error:
        details = error.errors()
        unknown = [str(d["loc"][-1]) for d in details if d["type"] == "extra_forbidden"]
        problems = [_problem(model, document, detail) for detail in details
                    if not _misspelled_missing(detail, unknown)]
        return None, sorted(set(problems), key=Problem.sort_key)


def _misspelled_missing(detail: Any, unknown: list[str]) -> bool:
    """A missing field that an unknown one misspells: its "did you mean" says it all."""
    return detail["type"] == "missing" and any(
        closest(name, [str(detail["loc"][-1])]) for name in unknown)


def parse_partially(model: type[Model], document: Document) -> Any:
    """The fields that are valid, the others None: so that a file with one wrong
    field still gets every other check (the problems come from `parse`)."""
    lenient = _lenient(model)
    fields = dict(document.fields)
    for _attempt in range(len(fields) + 1):
        try:
            return lenient.model_validate(fields)
        except ValidationError as error:
            wrong = {detail["loc"][0] for detail in error.errors() if detail["loc"]}
            if not wrong & set(fields):
                return None
            fields = {key: value for key, value in fields.items() if key not in wrong}
    return None


@functools.cache
def _lenient(model: type[BaseModel]) -> type[BaseModel]:
    """`model` with every field optional, unknown fields ignored."""
    fields: dict[str, Any] = {
        name: (info.annotation | None, None) for name, info in model.model_fields.items()}
    return create_model(f"Lenient{model.__name__}", __config__=ConfigDict(extra="ignore"),
                        **fields)


def _decimal_comma(document: Document, location: tuple[str | int, ...]) -> str | None:
    """In a flow mapping, `{lat: 47,38}` reads as `lat: 47` and a field `38`: what the
    block style's message says of a decimal comma, for the field before it."""
    parent: Any = document.fields
    for part in location[:-1]:
        parent = parent[part] if isinstance(parent, (dict, list)) else None
    key = str(location[-1])
    if not isinstance(parent, dict) or not key.isdigit() or parent.get(location[-1]) is not None:
        return None
    keys = list(parent)
    index = keys.index(location[-1]) if location[-1] in keys else 0
    before = keys[index - 1] if index > 0 else None
    if before is None or not str(parent[before]).lstrip("-").isdigit():
        return None
    return _("\"{field}\": a decimal number is written with a dot, not a comma (between "
             "{{ }}, a comma separates the fields); write {name}: {value}.{decimals}").format(
        field=field_name(location[:-1] + (before,)), name=before, value=parent[before],
        decimals=key)


def describe(value: Any) -> str:
    if isinstance(value, list):
        return _("an empty list") if not value else _("a list")
    if isinstance(value, dict):
        return _("a group of fields")
    return _("\u201c{value}\u201d").format(value=value)


def field_name(location: tuple[str | int, ...]) -> str:
    """("links", 0, "url") -> "links[1].url" (counted from 1 for editors)."""
    name = ""
    for part in location:
        name += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name


def _hint(location: tuple[str | int, ...]) -> str:
    names = [part for part in location if isinstance(part, str)]
    leaf = names[-1] if names else ""
    if leaf not in HINTS and len(names) > 1:
        leaf = names[-2]
    return _(HINTS[leaf]) if leaf in HINTS else ""


def _problem(model: type[BaseModel], document: Document, detail: Any) -> Problem:
    location = tuple(detail["loc"])
    name = field_name(location)
    line = document.line_of(location)
    kind = detail["type"]
    if kind == "missing":
        return Problem(document.path, line, _(
            "the required field \"{field}\" is missing; add {hint}"
        ).format(field=name, hint=_hint(location)))
    if kind == "extra_forbidden":
        decimal = _decimal_comma(document, location)
        if decimal:
            return Problem(document.path, line, decimal)
        return Problem(document.path, line, unknown_field_message(
            name, str(location[-1]), _known_fields(model, location[:-1])))
    if detail.get("input") is None:
        return Problem(document.path, line, _(
            "\"{field}\" is empty; write {hint}").format(field=name, hint=_hint(location)))
    if kind == "newsletter":
        values = dict(detail.get("ctx") or {})
        reason = _(values.pop("template", detail["msg"])).format(**values)
    elif kind in ("too_short", "too_long") and location[-1:] == ("themes",):
        reason = _("there must be 1 to 3 themes")
    elif kind == "greater_than":
        reason = _("it must be greater than zero")
    elif kind in ("list_type",):
        reason = _("a list is expected, written [a, b] or one \"- item\" per line")
    elif kind in ("model_type", "dict_type", "model_attributes_type"):
        reason = _("indented fields are expected under it")
    elif kind == "string_pattern_mismatch":
        reason = _("it was not written by the translated command")
    elif kind == "literal_error":
        reason = _("this value is not allowed here")
    else:
        reason = _("a text is expected") if kind == "string_type" else detail["msg"]
    return Problem(document.path, line, _(
        "\"{field}\": {value} is not valid ({reason}); write {hint}"
    ).format(field=name, value=describe(detail.get("input")), reason=reason,
             hint=_hint(location)))


def _known_fields(model: type[BaseModel], location: tuple[str | int, ...]) -> list[str]:
    """The field names allowed at `location` inside `model`."""
    current: Any = model
    for part in location:
        if isinstance(part, int):
            continue
        annotation = current.model_fields[part].annotation if current else None
        current = _model_in(annotation)
    return list(current.model_fields) if current else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _model_in(argument)
        if found:
            return found
    return None


def unknown_field_message(name: str, key: str, known: list[str]) -> str:
    close = closest(key, known)
    if close:
        return _("unknown field \"{field}\"; did you mean \"{suggestion}\"?").format(
            field=name, suggestion=close)
    return _("unknown field \"{field}\"; the fields allowed here are: {known}").format(
        field=name, known=", ".join(known))
