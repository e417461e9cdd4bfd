"""The directory of collectivities (issue 12): `collectivities/<key>.yml`, one French or
Korean local government each: its checks (positions on their country's map, types,
interests, partnerships on both sides) and its loading into `Collectivity` and
`Partnership` values; what a practice's `collectivity_key` and `partner_keys` are checked
against. Its files' shape is `schema.CollectivityFile`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

from ..i18n import N_, _
from .fields import YEARS
from .files import IGNORED, Files
from .geography import MAP_BOUNDS
from .model import Collectivity, Contact, Partnership, Problem, Severity, Taxonomy
from .reading import Document, read_yaml_file
from .schema import CollectivityFile, parse, parse_partially
from .validation import check_slug, suggest

DIRECTORY = "collectivities"

@dataclass(frozen=True)
class DirectoryEntry:
    """What a practice is checked against in a collectivity's file, as written (a field
    given wrongly is None: the file's own checks report it)."""

    country: str | None
    population: int | None
    path: str
    population_line: int | None



def _unknown_collectivity(key: str, directory: Mapping[str, Any]) -> str:
    if not directory:
        return _("there is no collectivity \"{key}\": the directory (collectivities/) is "
                 "empty; add collectivities/{key}.yml").format(key=key)
    return _("there is no collectivity \"{key}\" (no file collectivities/{key}.yml); {hint}"
             ).format(key=key, hint=suggest(key, sorted(directory)))


def _check_population(document: Document, fields: Any, key: str,
                      entry: DirectoryEntry) -> list[Problem]:
    """One collectivity, one population: a figure updated in one file and not in the other
    would show two sizes of the same city."""
    if fields.population is None or entry.population is None or \
            fields.population == entry.population:
        return []
    where = entry.path + (f":{entry.population_line}" if entry.population_line else "")
    return [Problem(document.path, document.line_of(("population",)), _(
        "the population {ours} differs from the one of \"{key}\" in the directory, {theirs} "
        "({where}); give the same figure in both files"
    ).format(ours=fields.population, key=key, theirs=entry.population, where=where),
        Severity.WARNING)]


def check_practice_keys(document: Document, fields: Any,
                        directory: Mapping[str, DirectoryEntry]) -> list[Problem]:
    """`collectivity_key` and `partner_keys` of a practice's source file name
    collectivities of the directory; its own collectivity is in its country."""
    problems = []
    path = document.path
    own = fields.collectivity_key
    if own is not None:
        line = document.line_of(("collectivity_key",))
        if own not in directory:
            problems.append(Problem(path, line, _unknown_collectivity(own, directory)))
        elif directory[own].country is not None and \
                directory[own].country != (fields.country or "FR"):
            problems.append(Problem(path, line, _(
                "the collectivity \"{key}\" is in {theirs} according to the directory, but "
                "this practice's country is {ours}; correct the key or the country"
            ).format(key=own, theirs=directory[own].country, ours=fields.country or "FR")))
        else:
            problems += _check_population(document, fields, own, directory[own])
    seen: set[str] = set()
    for index, key in enumerate(fields.partner_keys or ()):
        line = document.line_of(("partner_keys", index))
        if key in seen:
            problems.append(Problem(path, line, _(
                "the partner \"{key}\" is listed twice; list each partner once").format(key=key)))
        elif key == own:
            problems.append(Problem(path, line, _(
                "\"{key}\" is the practice's own collectivity (collectivity_key), not a "
                "partner; remove it from partner_keys").format(key=key)))
        elif key not in directory:
            problems.append(Problem(path, line, _unknown_collectivity(key, directory)))
        seen.add(key)
    return problems


_INSET_MESSAGES = {
    "FR": N_("lat {lat}, lon {lon} is outside the map of metropolitan France (latitude "
             "{lat_min} to {lat_max}, longitude {lon_min} to {lon_max}); check the figures, "
             "that latitude comes first, and the country"),
    "KR": N_("lat {lat}, lon {lon} is outside the map of Korea (latitude {lat_min} to "
             "{lat_max}, longitude {lon_min} to {lon_max}); check the figures, that latitude "
             "comes first, and the country"),
}


def check_collectivity(document: Document, fields: Any, taxonomy: Taxonomy | None) -> list[Problem]:
    """One directory file against the taxonomy (type, interests) and the map (its
    position must fall in its country's inset). `fields` may be partial: a field
    that the schema refused is None here, and already reported."""
    problems = []
    path = document.path
    # The lenient parse keeps a wrong country (the schema reports it): only FR or KR here.
    country = fields.country if fields.country in MAP_BOUNDS else None
    if fields.coordinates is not None and country in MAP_BOUNDS:
        inset = MAP_BOUNDS[country]
        lat, lon = fields.coordinates.lat, fields.coordinates.lon
        if not inset.contains(lat, lon):
            problems.append(Problem(path, document.line_of(("coordinates",)), _(
                _INSET_MESSAGES[country]).format(
                    lat=f"{lat:g}", lon=f"{lon:g}", lat_min=f"{inset.lat_min:g}",
                    lat_max=f"{inset.lat_max:g}", lon_min=f"{inset.lon_min:g}",
                    lon_max=f"{inset.lon_max:g}")))
    if taxonomy is None:
        return problems
    types = {t.key: t for t in taxonomy.collectivity_types}
    if fields.type is not None:
        line = document.line_of(("type",))
        kind = types.get(fields.type)
        if not types:
            problems.append(Problem(path, line, _(
                "unknown type \"{key}\"; taxonomy.yml lists no collectivity_types: add them "
                "there").format(key=fields.type)))
        elif kind is None:
            allowed = [t.key for t in taxonomy.collectivity_types
                       if country is None or t.country == country]
            problems.append(Problem(path, line, _("unknown type \"{key}\"; {hint}").format(
                key=fields.type, hint=suggest(fields.type, allowed))))
        elif country is not None and kind.country != country:
            allowed = [t.key for t in taxonomy.collectivity_types if t.country == country]
            problems.append(Problem(path, line, _(
                "the type \"{key}\" is for {theirs}, but the country is {ours}; allowed for "
                "{ours}: {allowed}").format(key=fields.type, theirs=kind.country, ours=country,
                                            allowed=", ".join(allowed))))
    theme_keys = [t.key for t in taxonomy.themes]
    seen: set[str] = set()
    for index, key in enumerate(fields.interests or ()):
        line = document.line_of(("interests", index))
        if key not in theme_keys:
            problems.append(Problem(path, line, _(
                "unknown theme \"{key}\"; {hint}").format(key=key, hint=suggest(key, theme_keys))))
        elif key in seen:
            problems.append(Problem(path, line, _(
                "the theme \"{key}\" is listed twice; list each interest once").format(key=key)))
        seen.add(key)
    return problems


def declared_partnerships(document: Document) -> dict[str, int | None]:
    """A directory file's partnerships as written: partner key -> year (None when the
    year is not valid, which the schema reports). Read from the file, so that one
    wrong year does not hide the other partners' problems."""
    raw = document.fields.get("partnerships")
    if not isinstance(raw, dict):
        return {}
    return {str(key): int(value) if isinstance(value, str) and re.match(r"^\d{4}$", value.strip())
            and int(value) in YEARS else None for key, value in raw.items()}


def check_partnerships(files: Mapping[str, Document]) -> list[Problem]:
    """The partnerships of the whole directory (`files`: key -> document): each names
    another collectivity that exists; declared on one side it is enough, declared on
    both sides the years agree."""
    problems = []
    for key, document in sorted(files.items()):
        for partner, year in declared_partnerships(document).items():
            line = document.line_of(("partnerships", partner))
            if partner == key:
                problems.append(Problem(document.path, line, _(
                    "a collectivity is not its own partner; remove this line")))
                continue
            if partner not in files:
                problems.append(Problem(document.path, line, _unknown_collectivity(partner, files)))
                continue
            other = files[partner]
            theirs = declared_partnerships(other).get(key)
            if partner < key and theirs is not None and year is not None and theirs != year:
                problems.append(Problem(document.path, line, _(
                    "{other} (line {line}) says this partnership began in {theirs}, not {year}; "
                    "give the same year on both sides, or keep it on one side only"
                ).format(other=other.path, line=other.line_of(("partnerships", key)),
                         theirs=theirs, year=year)))
    return problems


Directory = dict[str, DirectoryEntry]
"""The directory's keys, each with what its file says (its country, its population):
what a practice's `collectivity_key` and `partner_keys` are checked against."""


# -- loading ----------------------------------------------------------------------

def directory_entry(document: Document) -> DirectoryEntry:
    """A collectivity's country and population as its file writes them (None when not
    written validly: the file's own checks say so)."""
    country = document.fields.get("country")
    population = document.fields.get("population")
    return DirectoryEntry(
        country.strip().upper() if isinstance(country, str)
        and country.strip().upper() in ("FR", "KR") else None,
        _count(population), document.path,
        document.line_of(("population",)) if population is not None else None)


def _count(value: Any) -> int | None:
    """A population as written ("137000"), or None for anything else (a list, "0",
    "137 000", digits of another script, a number of thousands of digits)."""
    text = value.strip() if isinstance(value, str) else ""
    if not (text.isascii() and text.isdigit() and len(text) <= 12):
        return None
    return int(text) or None


def load_collectivities(files: Files, taxonomy: Taxonomy | None, problems: list[Problem],
                         ) -> tuple[list[Collectivity], list[Partnership], Directory]:
    """collectivities/<key>.yml: the valid collectivities, their partnerships (each
    once), and every well-named file's key with its country (a practice naming a
    collectivity whose file has an error is not told that it does not exist).
    The folder is optional: content without a directory has no directory pages."""
    folder = files.root / DIRECTORY
    if not (folder.exists() or folder.is_symlink()):
        return [], [], {}
    problem = files.problem(folder)
    if problem is None and not folder.is_dir():
        problem = Problem(DIRECTORY, None, _(
            "collectivities must be a folder holding one file <key>.yml per collectivity"))
    if problem:
        problems.append(problem)
        return [], [], {}
    documents: dict[str, Document] = {}
    directory: Directory = {}
    for entry in sorted(folder.iterdir()):
        if entry.name in IGNORED:
            continue
        path = files.relative(entry)
        problem = files.problem(entry)
        if problem:
            problems.append(problem)
            continue
        key, suffix = entry.name.rsplit(".", 1) if "." in entry.name[1:] else (entry.name, "")
        if entry.name.startswith("."):
            problems.append(Problem(path, None, _(
                "this hidden file is ignored; remove the dot at the start of its name to "
                "publish it, or move it out of {parent}/").format(parent=DIRECTORY),
                Severity.WARNING))
        elif entry.is_dir():
            problems.append(Problem(path, None, _(
                "a collectivity is one file collectivities/<key>.yml, not a folder; move its "
                "file up into collectivities/")))
        elif suffix.lower() in ("yaml", "yml") and suffix != "yml":
            problems.append(Problem(path, None, _(
                "rename the file to {name} (the extension is .yml, in lower case)").format(
                    name=f"{key}.yml")))
        elif suffix != "yml":
            problems.append(Problem(path, None, _(
                "unexpected file; the directory holds one file <key>.yml per collectivity, "
                "e.g. collectivities/tours.yml")))
        elif key_problems := check_slug(key, path, ".yml"):
            problems += key_problems
        else:
            document, found = read_yaml_file(entry, path)
            problems += found
            if document is not None:
                documents[key] = document
                directory[key] = directory_entry(document)
    collectivities = []
    valid: dict[str, CollectivityFile] = {}
    for key, document in documents.items():
        fields, found = parse(CollectivityFile, document)
        partial = fields or parse_partially(CollectivityFile, document)
        if partial is not None:
            found += check_collectivity(document, partial, taxonomy)
        problems += found
        if fields is not None and taxonomy is not None and not any(p.is_error for p in found):
            valid[key] = fields
    found = check_partnerships(documents)
    problems += found
    for key, fields in valid.items():
        kind = next(t for t in taxonomy.collectivity_types if t.key == fields.type)  # type: ignore[union-attr]
        band = taxonomy.size_for_population(fields.population)  # type: ignore[union-attr]
        collectivities.append(Collectivity(
            key=key, names={"fr": fields.names.fr, "ko": fields.names.ko},
            country=fields.country, type=fields.type, population=fields.population,
            size=kind.size or (band.key if band else None),
            lat=fields.coordinates.lat, lon=fields.coordinates.lon,
            interests=tuple(fields.interests),
            contact=Contact(fields.contact.name, fields.contact.email, fields.contact.url)
            if fields.contact else None,
            contact_names={lang: name for lang, name in (fields.contact.names.model_dump().items()
                                                         if fields.contact and fields.contact.names
                                                         else ()) if name},
            path=documents[key].path))
    pairs: dict[tuple[str, str], int] = {}
    for key, fields in valid.items():
        for partner, year in fields.partnerships.items():
            if partner in valid and partner != key:
                pairs.setdefault((min(key, partner), max(key, partner)), year)
    partnerships = [Partnership(a, b, year) for (a, b), year in sorted(pairs.items())]
    return sorted(collectivities, key=lambda c: c.key), partnerships, directory
