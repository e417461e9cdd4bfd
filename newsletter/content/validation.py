"""Rules that look beyond one field: across the two files of a practice,
against the taxonomy and the editions, and inside Markdown bodies.

Every function returns a list of problems; none raises, none stops early.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath
from typing import Any


from ..i18n import _, decimal, ngettext
from .model import Problem, Severity, Taxonomy
from .photos import MAX_PIXELS as IMAGE_MAX_PIXELS
from .reading import Document
from .fields import closest
from .schema import STRUCTURAL_FIELDS, WORD_FIELDS
from .svg import svg_problem

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
EDITION_ID = re.compile(r"^(\d{4})-s([12])$")
def suggest(value: str, allowed: list[str]) -> str:
    """"did you mean …?" when one allowed value is close, else the list of them all."""
    close = closest(value, allowed)
    if close:
        return _("did you mean \"{suggestion}\"?").format(suggestion=close)
    return _("allowed: {allowed}").format(allowed=", ".join(allowed))


def slug_suggestion(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_name.lower())) or "ville-pratique"


SLUG_MAX_LENGTH = 80
EDITION_YEARS = range(2000, 2101)
# Names Windows cannot give a file or folder: a clone on Windows would break.
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)),
                     *(f"lpt{n}" for n in range(1, 10))}


def check_slug(name: str, path: str, extension: str = "") -> list[Problem]:
    """A practice's folder name, or with `extension` (".yml") a file's key in the
    directory: the same rule, the message names what to rename."""
    if SLUG.match(name) and len(name) <= SLUG_MAX_LENGTH and name not in _WINDOWS_RESERVED:
        return []
    if len(name) > SLUG_MAX_LENGTH:
        return [Problem(path, None, (_(
            "the key (the file name without .yml) is {length} characters long; a key has "
            "at most {limit} (keep the collectivity's usual name)") if extension else _(
            "the folder name is {length} characters long; a slug has at most {limit} "
            "(keep the collectivity and two or three key words)")).format(
                length=len(name), limit=SLUG_MAX_LENGTH))]
    if name.lower() in _WINDOWS_RESERVED:  # in any case, with any extension
        return [Problem(path, None, _(
            "\"{name}\" is a name that Windows reserves for devices, and a copy of the content "
            "on Windows would break; add a word, e.g. \"{name}-ville\"").format(name=name.lower()))]
    if extension:
        return [Problem(path, None, _(
            "the file name \"{name}\" is not a valid key: use lowercase ASCII letters, "
            "digits and single hyphens (e.g. \"{suggestion}.yml\")").format(
                name=name + extension, suggestion=slug_suggestion(name)))]
    return [Problem(path, None, _(
        "the folder name \"{name}\" is not a valid slug: use lowercase ASCII letters, digits "
        "and single hyphens, not at the start or the end (e.g. \"{suggestion}\")"
    ).format(name=name, suggestion=slug_suggestion(name)))]


def check_edition_id(name: str, path: str, line: int | None = None) -> list[Problem]:
    match = EDITION_ID.match(name)
    if match and int(match[1]) in EDITION_YEARS:
        return []
    if match:
        return [Problem(path, line, _(
            "the year of the edition \"{name}\" is not plausible; it must be between "
            "{first} and {last}").format(name=name, first=EDITION_YEARS[0],
                                          last=EDITION_YEARS[-1]))]
    return [Problem(path, line, _(
        "\"{name}\" is not an edition id: write the year and the half-year, "
        "YYYY-s1 (January–June) or YYYY-s2 (July–December), e.g. 2026-s2"
    ).format(name=name))]


# -- practices: the two files together ------------------------------------------------

def check_translation_agrees(source: Document, source_fields: Any,
                             translation: Document, translation_fields: Any) -> list[Problem]:
    """A structural field repeated in the translation must equal the original's; the
    translation may give its own contact name and link titles, but the addresses stay
    the original's."""
    problems = []
    source_name = PurePosixPath(source.path).name
    for name in STRUCTURAL_FIELDS:
        repeated = getattr(translation_fields, name)
        if repeated is None or name not in translation.fields:
            continue
        if name == "contact":
            problems += _check_translated_contact(source, source_fields, translation, repeated)
            continue
        if name == "links":
            problems += _check_translated_links(source, source_fields, translation, repeated)
            continue
        expected = getattr(source_fields, name)
        if name == "country":
            expected = expected or "FR"
        if repeated == expected:
            continue
        line = translation.line_of((name,))
        if name not in source.fields:
            message = _("\"{field}\" is not in the original {source}; structural fields belong "
                        "in the original: move it there").format(field=name, source=source_name)
        else:
            message = _("\"{field}\" differs from the original {source} (line {line}); "
                        "structural fields belong in the original: remove it here, or give "
                        "it the same value").format(field=name, source=source_name,
                                                    line=source.line_of((name,)))
        problems.append(Problem(translation.path, line, message))
    return problems


def _check_translated_contact(source: Document, source_fields: Any, translation: Document,
                              contact: Any) -> list[Problem]:
    original = source_fields.contact
    source_name = PurePosixPath(source.path).name
    if original is None:
        return [Problem(translation.path, translation.line_of(("contact",)), _(
            "the original {source} gives no contact; add the contact there (with its e-mail "
            "or web address), then its name here").format(source=source_name))]
    problems = []
    for part in ("email", "url"):
        value = getattr(contact, part)
        if value is not None and value != getattr(original, part):
            problems.append(Problem(translation.path, translation.line_of(("contact", part)), _(
                "\"contact.{part}\" differs from the original {source}; the translation gives "
                "only the contact's name: remove the {part} here, or give the same value"
            ).format(part=part, source=source_name)))
    return problems


def _check_translated_links(source: Document, source_fields: Any, translation: Document,
                            links: list[Any]) -> list[Problem]:
    original = source_fields.links or []
    source_name = PurePosixPath(source.path).name
    if len(links) != len(original):
        return [Problem(translation.path, translation.line_of(("links",)), ngettext(
            "the translation lists {count} link and the original {source} {expected}; give "
            "the same links, in the same order, with titles in this language",
            "the translation lists {count} links and the original {source} {expected}; give "
            "the same links, in the same order, with titles in this language", len(links)
        ).format(count=len(links), source=source_name, expected=len(original)))]
    return [Problem(translation.path, translation.line_of(("links", index, "url")), _(
        "link {number} does not have the address of the original's link {number} ({url}); "
        "keep the same links in the same order, and translate only their titles"
    ).format(number=index + 1, url=expected.url))
        for index, (link, expected) in enumerate(zip(links, original)) if link.url != expected.url]
def check_source_fields(document: Document, fields: Any, taxonomy: Taxonomy | None,
                        edition_ids: list[str]) -> list[Problem]:
    """The source file's structural fields, against the taxonomy and the editions (the
    keys of the directory: `collectivities.check_practice_keys`)."""
    problems = []
    path = document.path
    # Presence is read from the file: a field given with a wrong value is reported
    # by the schema, and is None here.
    for name in ("themes", "edition", "date"):
        if name not in document.fields and not _misspelled(name, document):
            problems.append(Problem(path, None, _(
                "the required field \"{field}\" is missing; the original file holds it"
            ).format(field=name)))
    if fields.edition is not None:
        line = document.line_of(("edition",))
        format_problems = check_edition_id(fields.edition, path, line)
        problems += format_problems
        if not format_problems and fields.edition not in edition_ids:
            close = closest(fields.edition, edition_ids)
            hint = _("; or did you mean \"{suggestion}\"?").format(suggestion=close) if close else ""
            problems.append(Problem(path, line, _(
                "the edition \"{edition}\" does not exist (no folder editions/{edition}/); "
                "to open it: python3 build_newsletter.py new-edition {edition}"
            ).format(edition=fields.edition) + hint))
    if taxonomy is None:
        return problems
    theme_keys = [t.key for t in taxonomy.themes]
    # From the file, item by item: one malformed key (reported by the schema) must not
    # hide an unknown one beside it.
    given = document.fields.get("themes")
    themes = fields.themes or ([item if isinstance(item, str) and SLUG.match(item) else None
                                for item in given] if isinstance(given, list) else [])
    for index, key in enumerate(themes):
        if key is not None and key not in theme_keys:
            problems.append(Problem(path, document.line_of(("themes", index)), _(
                "unknown theme \"{key}\"; {hint}").format(key=key, hint=suggest(key, theme_keys))))
    if fields.themes and len(set(fields.themes)) != len(fields.themes):
        problems.append(Problem(path, document.line_of(("themes",)), _(
            "a theme is listed twice; list each theme once")))
    problems += _check_size(document, fields, taxonomy)
    return problems


def _misspelled(name: str, document: Document) -> bool:
    """An unknown field close to `name` is there (already reported with a suggestion)."""
    unknown = [key for key in document.fields if key not in STRUCTURAL_FIELDS + WORD_FIELDS]
    return any(closest(key, [name]) for key in unknown)


def _check_size(document: Document, fields: Any, taxonomy: Taxonomy) -> list[Problem]:
    path = document.path
    size_keys = [s.key for s in taxonomy.sizes]
    if not any(name in document.fields or _misspelled(name, document)
               for name in ("size", "population")):
        return [Problem(path, None, _(
            "neither \"size\" nor \"population\" is given; add population: <inhabitants> "
            "or size: <key> ({allowed})").format(allowed=", ".join(size_keys)))]
    if fields.size is not None and fields.size not in size_keys:
        return [Problem(path, document.line_of(("size",)), _(
            "unknown size \"{key}\"; {hint}").format(key=fields.size,
                                                     hint=suggest(fields.size, size_keys)))]
    if fields.size is None or fields.population is None:
        return []
    size = taxonomy.size(fields.size)
    if size.is_band and not size.contains(fields.population):
        expected = taxonomy.size_for_population(fields.population)
        return [Problem(path, document.line_of(("size",)), _(
            "size \"{key}\" does not match the population {population} (that is \"{expected}\"); "
            "remove size to derive it, or correct one of them"
        ).format(key=fields.size, population=fields.population,
                 expected=expected.key if expected else "?"), Severity.WARNING)]
    return []


# -- images --------------------------------------------------------------------------

IMAGE_WARNING_BYTES = 2_000_000
"""An image heavier than this makes every reader wait; resize it."""


def check_image(path: str, size: int, svg: bytes | None = None,
                dimensions: tuple[int, int] | None = None) -> list[Problem]:
    """An image file that a body shows: not too heavy, not too many pixels (`dimensions`,
    from its header: a small file can unpack into gigabytes), and an SVG (`svg`: its
    bytes) that cannot run code or load anything (opened on its own, an SVG is a page
    of the site's origin)."""
    problems = []
    if dimensions and dimensions[0] * dimensions[1] > IMAGE_MAX_PIXELS:
        problems.append(Problem(path, None, _(
            "the image is {width} × {height} pixels, more than {limit} million: laying it "
            "out would take gigabytes of memory; resize it (1600 pixels wide is plenty)"
        ).format(width=dimensions[0], height=dimensions[1],
                 limit=IMAGE_MAX_PIXELS // 1_000_000)))
    if size > IMAGE_WARNING_BYTES:
        problems.append(Problem(path, None, _(
            "the image weighs {size} MB; readers on a phone wait for it: resize it under "
            "{limit} MB (1600 pixels wide is plenty)").format(
                size=decimal(size / 1_000_000), limit=IMAGE_WARNING_BYTES // 1_000_000),
            Severity.WARNING))
    if svg is not None:
        problem = svg_problem(svg)
        if problem:
            problems.append(Problem(path, None, problem))
    return problems


