"""Rules that look beyond one field: across the two files of a practice,
against the taxonomy and the editions, and inside Markdown bodies.

Every function returns a list of problems; none raises, none stops early.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from html import unescape
from html.parser import HTMLParser
from typing import Any
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from .i18n import _
from .model import Problem, Severity, Taxonomy
from .reading import Document
from .schema import STRUCTURAL_FIELDS, WORD_FIELDS

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
EDITION_ID = re.compile(r"^(\d{4})-s([12])$")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg")

_REFUSED_TAGS = {"script", "iframe", "object", "embed", "frame", "frameset", "applet",
                 "base", "link", "meta", "style", "form"}
_LOADING_ATTRIBUTES = {"src", "srcset", "poster", "data", "background"}
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
_JAVASCRIPT_URL = re.compile(r"javascript:", re.IGNORECASE)
_SPACES = re.compile(r"[\x00-\x20]+")


def _is_javascript(url: str) -> bool:
    """Also when disguised: entities, tabs or spaces inside the scheme."""
    return bool(_JAVASCRIPT_URL.match(_SPACES.sub("", unescape(url))))


def suggest(value: str, allowed: list[str]) -> str:
    """"did you mean …?" when one allowed value is close, else the list of them all."""
    close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.6)
    if close:
        return _("did you mean \"{suggestion}\"?").format(suggestion=close[0])
    return _("allowed: {allowed}").format(allowed=", ".join(allowed))


def slug_suggestion(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_name.lower())) or "ville-pratique"


def check_slug(name: str, path: str) -> list[Problem]:
    if SLUG.match(name):
        return []
    return [Problem(path, None, _(
        "the folder name \"{name}\" is not a valid slug: use lowercase ASCII letters, digits "
        "and single hyphens, not at the start or the end (e.g. \"{suggestion}\")"
    ).format(name=name, suggestion=slug_suggestion(name)))]


def check_edition_id(name: str, path: str, line: int | None = None) -> list[Problem]:
    if EDITION_ID.match(name):
        return []
    return [Problem(path, line, _(
        "\"{name}\" is not an edition id: write the year and the half-year, "
        "YYYY-s1 (January–June) or YYYY-s2 (July–December), e.g. 2026-s2"
    ).format(name=name))]


# -- practices: the two files together ------------------------------------------------

def check_translation_agrees(source: Document, source_fields: Any,
                             translation: Document, translation_fields: Any) -> list[Problem]:
    """A structural field repeated in the translation must equal the original's."""
    problems = []
    source_name = PurePosixPath(source.path).name
    for name in STRUCTURAL_FIELDS:
        repeated = getattr(translation_fields, name)
        if repeated is None or name not in translation.fields:
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


def check_source_fields(document: Document, fields: Any, taxonomy: Taxonomy | None,
                        edition_ids: list[str]) -> list[Problem]:
    """The source file's structural fields, against the taxonomy and the editions."""
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
            problems.append(Problem(path, line, _(
                "the edition \"{edition}\" does not exist (no folder editions/{edition}/); {hint}"
            ).format(edition=fields.edition, hint=suggest(fields.edition, edition_ids)
                     if edition_ids else _("create that edition first"))))
    if taxonomy is None:
        return problems
    theme_keys = [t.key for t in taxonomy.themes]
    for index, key in enumerate(fields.themes or ()):
        if key not in theme_keys:
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
    return bool(difflib.get_close_matches(name, unknown, n=1, cutoff=0.6))


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


# -- bodies ------------------------------------------------------------------------

class _TagFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[int, str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((self.getpos()[0], tag, attrs))

    handle_startendtag = handle_starttag


def _is_remote(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.scheme or parts.netloc)


def check_body(document: Document, files: set[str]) -> list[Problem]:
    """Raw HTML that runs code or loads from elsewhere, and images that do not exist.

    `files` are the names of the files beside the document.
    """
    problems: list[Problem] = []
    path, first = document.path, document.body_line
    finder = _TagFinder()
    if "<" in document.body:  # most bodies hold no HTML at all
        finder.feed(document.body)
        finder.close()
    images: list[tuple[int, str]] = []
    for line, tag, attributes in finder.tags:
        where = first + line - 1
        if tag in _REFUSED_TAGS:
            problems.append(Problem(path, where, _(
                "the HTML tag <{tag}> is not allowed (it could run code or load content from "
                "another site); remove it, or write a Markdown link instead"
            ).format(tag=tag)))
            continue  # the whole tag goes: its attributes need no message of their own
        for name, value in attributes:
            if value and _is_javascript(value):
                problems.append(Problem(path, where, _(
                    "\"javascript:\" addresses are not allowed; link to a web page (https://…)")))
            elif name.startswith("on"):
                problems.append(Problem(path, where, _(
                    "the HTML attribute {name}= runs code and is not allowed; remove it"
                ).format(name=name)))
            elif name in _LOADING_ATTRIBUTES and value and _is_remote(value):
                problems.append(Problem(path, where, _(
                    "<{tag} {name}=\"{value}\"> loads content from another site, which the "
                    "newsletter never does; save the file in the practice's folder and refer "
                    "to it by its name").format(tag=tag, name=name, value=value)))
            elif tag == "img" and name == "src" and value:
                images.append((where, value))
    body = document.body
    # Line by line only when a line could hold a script address or an image.
    suspect = "&" in body or "javascript" in body.lower() or "![" in body
    for number, text in enumerate(body.split("\n") if suspect else (), start=first):
        if _JAVASCRIPT_URL.search(_SPACES.sub("", unescape(text))):
            problems.append(Problem(path, number, _(
                "\"javascript:\" addresses are not allowed; link to a web page (https://…)")))
        images += [(number, match.group(1)) for match in _MARKDOWN_IMAGE.finditer(text)]
    for number, source in images:
        problems += _check_image(path, number, source, files)
    return problems


def _check_image(path: str, line: int, source: str, files: set[str]) -> list[Problem]:
    if _is_remote(source):
        return [Problem(path, line, _(
            "the image \"{src}\" is on another site, and the newsletter loads nothing from "
            "elsewhere; save it in the same folder and write ![description](file-name.jpg)"
        ).format(src=source))]
    name = unquote(source.split("#")[0].split("?")[0])
    if name not in files:
        images = sorted(f for f in files if f.lower().endswith(IMAGE_SUFFIXES))
        return [Problem(path, line, _(
            "the image \"{src}\" is not in the folder; {hint}").format(
                src=name, hint=suggest(name, images) if images else _(
                    "put the image file next to this one"))) ]
    if not name.lower().endswith(IMAGE_SUFFIXES):
        return [Problem(path, line, _(
            "\"{src}\" is not an image (accepted: {suffixes})").format(
                src=name, suffixes=", ".join(IMAGE_SUFFIXES)))]
    return []

