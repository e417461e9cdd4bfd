"""Content loading: the editors' tree (practices/, editions/, taxonomy.yml) into a
validated `Content`, with every problem found on the way.

This is the only module that reads content files. It reads each file once,
checks it with `schema` and `validation`, and builds the model objects of
`model` from the files that passed; the images that texts show are read through
`photos`, which makes their published copies.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import photos
from .history import History, last_changes
from ..i18n import _
from .model import (LANGUAGES, CollectivityType, Contact, Content, Edition,
                    EditionText, Link, Practice, Problem, Severity, Taxonomy,
                    Term, Translation)
from .reading import Document
from .schema import (EditionFile, PracticeFile, TaxonomyFile,
                     parse, parse_partially)
from .bodies import check_body
from .collectivities import Directory, check_practice_keys, load_collectivities
from .federation import load_federation
from .kept import KeptPractices
from .files import FileListing, Files, read_language_files, read_settings, subfolders
from .validation import (check_edition_id, check_image, check_slug, check_source_fields,
                         check_translation_agrees, suggest)

TAXONOMY_FILE = "taxonomy.yml"


@dataclass(frozen=True)
class LoadResult:
    content: Content | None
    """None when the taxonomy itself cannot be read."""
    problems: list[Problem]
    shallow_history: bool = False
    """The git history is a shallow clone's: practices are dated without it."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


@dataclass
class LoadCache:
    """What a previous `load` found, for a live preview that reloads after each save:
    a practice folder whose files, taxonomy and editions did not change is not read
    again (the same Practice and problems come back)."""

    practices: dict[str, tuple[Any, Practice | None, list[Problem]]] = field(default_factory=dict)


def load(root: Path, cache: LoadCache | None = None, history: bool = True) -> LoadResult:
    """Read and validate the whole content tree under `root`.

    `history=False` does not ask git when each practice last changed (see
    `history`): for a preview, where speed matters more.
    """
    problems: list[Problem] = []
    files = Files(root)
    taxonomy = _load_taxonomy(files, problems)
    editions, edition_ids = _load_editions(files, problems)
    collectivities, partnerships, directory = load_collectivities(files, taxonomy, problems)
    federation = load_federation(files, problems)
    practices = _load_practices(files, taxonomy, edition_ids, problems, cache, directory)
    shallow = False
    if history:
        changes = last_changes(root, ("practices",))
        practices, shallow = _with_last_changes(changes, practices), changes.shallow
    problems = sorted(set(problems), key=Problem.sort_key)
    if taxonomy is None:
        return LoadResult(None, problems, shallow)
    return LoadResult(Content(taxonomy, tuple(practices), tuple(editions),
                              tuple(collectivities), tuple(partnerships), federation),
                      problems, shallow)


def _with_last_changes(history: History, practices: list[Practice]) -> list[Practice]:
    """A practice's `updated` date, when its file does not give one: the last commit
    that touched its folder."""
    newest: dict[str, dt.datetime] = {}
    for path, date in history.dates.items():
        slug = path.split("/")[1]
        newest[slug] = max(date, newest.get(slug, date))
    return [p if p.updated is not None else replace(p, updated=newest.get(p.slug))
            for p in practices]


# -- taxonomy ----------------------------------------------------------------------

def _load_taxonomy(files: Files, problems: list[Problem]) -> Taxonomy | None:
    file = files.root / TAXONOMY_FILE
    if file.exists() or file.is_symlink():
        problem = files.problem(file)
        if problem:
            problems.append(problem)
            return None
    if not file.is_file():
        problems.append(Problem(TAXONOMY_FILE, None, _(
            "taxonomy.yml is missing: it lists the theme and size keys with their labels "
            "(run the command from the content folder, or pass --content)")))
        return None
    document, fields = read_settings(file, TAXONOMY_FILE, TaxonomyFile, problems)
    if fields is None:
        return None
    themes = tuple(Term(key, {"fr": t.fr, "ko": t.ko}) for key, t in fields.themes.items())
    sizes = tuple(
        Term(key, {"fr": s.fr, "ko": s.ko},
             s.population.min if s.population else None,
             s.population.max if s.population else None)
        for key, s in fields.sizes.items())
    types = tuple(CollectivityType(key, {"fr": t.fr, "ko": t.ko}, t.country, t.size)
                  for key, t in fields.collectivity_types.items())
    size_keys = [s.key for s in sizes]
    for kind in types:
        if kind.size is not None and kind.size not in size_keys:
            problems.append(Problem(TAXONOMY_FILE, document.line_of(
                ("collectivity_types", kind.key, "size")), _(
                "unknown size \"{key}\"; {hint}").format(key=kind.size,
                                                         hint=suggest(kind.size, size_keys))))
    return Taxonomy(themes, sizes, types)


# -- editions ----------------------------------------------------------------------

def _load_editions(files: Files, problems: list[Problem]) -> tuple[list[Edition], list[str]]:
    """The valid editions, and the ids of every well-named edition folder (a practice
    of an edition with an error is not told that its edition does not exist)."""
    editions, ids = [], []
    for folder in subfolders(files, "editions", problems, _(
            "an edition is a folder editions/<YYYY-s1|YYYY-s2>/ holding fr.md and ko.md")):
        path = files.relative(folder)
        found = check_edition_id(folder.name, path)
        listing = files.listing(folder, problems)
        documents = read_language_files(files, folder, listing, problems)
        if found:
            problems += found
            continue
        ids.append(folder.name)
        if not documents and any((folder / f"{lang}.md").exists() for lang in LANGUAGES):
            continue  # the files exist but could not be read: already reported
        edition = _edition(folder.name, documents, path, problems)
        if edition:
            editions.append(edition)
    return sorted(editions, key=lambda e: e.id), sorted(ids)


def _edition(edition_id: str, documents: dict[str, Document], path: str,
             problems: list[Problem]) -> Edition | None:
    if "fr" not in documents:
        if "ko" not in documents:
            problems.append(Problem(path, None, _(
                "the edition folder has neither fr.md nor ko.md; add the edito in both languages")))
        else:
            problems.append(Problem(f"{path}/fr.md", None, _(
                "fr.md is missing: it holds the French edito and the \"published\" date")))
        return None
    texts, published, ok = {}, None, True
    for lang, document in documents.items():
        fields, found = parse(EditionFile, document)
        problems += found + check_body(document, set()).problems
        if fields is None:
            ok = False
            continue
        texts[lang] = EditionText(lang, fields.title, document.body, document.path)
        if lang == "fr":
            published = fields.published
            if published is None:
                problems.append(Problem(document.path, None, _(
                    "the required field \"published\" is missing; add the publication date, "
                    "e.g. published: 2026-07-04 (a date after today makes the edition a draft)")))
                ok = False
        elif fields.published is not None and "fr" in documents:
            french = parse(EditionFile, documents["fr"])[0]
            if french and french.published and fields.published != french.published:
                problems.append(Problem(document.path, document.line_of(("published",)), _(
                    "\"published\" differs from fr.md ({date}); remove it here or give the same date"
                ).format(date=french.published.isoformat())))
    if "ko" not in documents:
        problems.append(Problem(f"{path}/ko.md", None, _(
            "the Korean edito is missing; the French one is shown to Korean readers"),
            Severity.WARNING))
    if not ok or published is None:
        return None
    return Edition(edition_id, published, texts)


# -- practices ---------------------------------------------------------------------

def _load_practices(files: Files, taxonomy: Taxonomy | None, edition_ids: list[str],
                    problems: list[Problem], cache: LoadCache | None = None,
                    directory: Directory | None = None) -> list[Practice]:
    practices = []
    directory = directory or {}
    # Between runs, what each folder gave (`kept`); a live preview keeps its own `cache`.
    kept = KeptPractices(files.root, (taxonomy, tuple(edition_ids), sorted(directory.items()))
                         ) if cache is None else None
    read = []  # practices not found in `cache`, their images still to publish
    for folder in subfolders(files, "practices", problems, _(
            "a practice is a folder practices/<slug>/ holding fr.md and ko.md")):
        listing_problems: list[Problem] = []
        listing = files.listing(folder, listing_problems)
        key = (listing, taxonomy, tuple(edition_ids), tuple(sorted(directory.items())))
        cached = cache.practices.get(folder.name) if cache is not None else None
        if cached is not None and cached[0] == key:
            problems += cached[2]
            if cached[1]:
                practices.append(cached[1])
            continue
        kept_key = kept.key(folder, listing) if kept else None
        loaded = kept.get(folder.name, kept_key) if kept and kept_key else None
        if loaded is None:
            loaded = _load_practice(files, folder, listing, taxonomy, edition_ids, directory)
            if kept and kept_key and kept.key(folder, listing) == kept_key:  # not changed meanwhile
                kept.put(folder.name, kept_key, loaded)
        practice, found = loaded[0], list(loaded[1])
        read.append((folder, key, None if listing_problems else practice,
                     listing_problems + found, {name: size for name, _mtime, size in listing}))
    # The images of all of them at once: decoding and saving them again keeps every core busy.
    published = photos.publish_all([folder / image for folder, _key, practice, _found, _names
                                    in read if practice for image in practice.images])
    if kept:
        kept.save()
    for folder, key, practice, found, names in read:
        if practice is not None:
            practice = _with_published_images(practice, folder, files.relative(folder), names,
                                              published, found)
        if any(p.is_error for p in found):
            practice = None
        if cache is not None:
            cache.practices[folder.name] = (key, practice, found)
        problems += found
        if practice:
            practices.append(practice)
    return sorted(practices, key=lambda p: p.slug)


def _load_practice(files: Files, folder: Path, listing: FileListing, taxonomy: Taxonomy | None,
                   edition_ids: list[str], directory: Directory | None = None,
                   ) -> tuple[Practice | None, list[Problem]]:
    """The practice of a folder, its images not yet published (None when its texts have
    errors), and the problems found."""
    problems: list[Problem] = []
    path = files.relative(folder)
    problems += check_slug(folder.name, path)
    documents = read_language_files(files, folder, listing, problems)
    names = {name: size for name, _mtime, size in listing}
    if not documents and any(name in names for name in ("fr.md", "ko.md")):
        return None, problems  # the files exist but could not be read: already reported
    return _practice(folder.name, path, documents, names, taxonomy, edition_ids, problems,
                     directory or {}), problems


def _with_published_images(practice: Practice, folder: Path, path: str, names: dict[str, int],
                           published: dict[Path, photos.Photo | Exception],
                           problems: list[Problem]) -> Practice:
    """The practice with the published copy of each image its texts show (`photos`:
    without metadata, turned upright) and their sizes; each image checked."""
    sizes, copies = [], []
    for image in practice.images:
        photo, dimensions, svg = published[folder / image], None, None
        if isinstance(photo, photos.TooLarge):
            dimensions = (photo.width, photo.height)
        elif isinstance(photo, Exception):
            problems.append(Problem(f"{path}/{image}", None, str(photo)))
            continue
        else:
            copies.append((image, photo.name))
            if photo.width and photo.height:
                dimensions = (photo.width, photo.height)
                sizes.append((image, photo.width, photo.height))
            else:  # an SVG
                svg = (folder / image).read_bytes()
        problems += check_image(f"{path}/{image}", names[image], svg, dimensions)
    return replace(practice, image_sizes=tuple(sizes), published_images=tuple(copies))


def _practice(slug: str, path: str, documents: dict[str, Document], files: dict[str, int],
              taxonomy: Taxonomy | None, edition_ids: list[str],
              problems: list[Problem], directory: Directory | None = None) -> Practice | None:
    """The practice of one folder, or None when it has an error (all of them reported)."""
    found: list[Problem] = []
    if not documents:
        problems.append(Problem(path, None, _(
            "the practice folder has neither fr.md nor ko.md; add at least the original text "
            "(run `python3 build_newsletter.py new {slug}`)").format(slug=slug)))
        return None
    parsed: dict[str, PracticeFile] = {}
    partial: dict[str, Any] = {}
    images: set[str] = set()
    for lang, document in documents.items():
        fields, schema_problems = parse(PracticeFile, document)
        body = check_body(document, files)
        found += schema_problems + body.problems
        images.update(body.images)
        partial[lang] = fields or parse_partially(PracticeFile, document)
        if fields is not None:
            parsed[lang] = fields
    if "fr" in documents and documents["fr"].fields.get("source") is not None:
        found.append(Problem(documents["fr"].path, documents["fr"].line_of(("source",)), _(
            "\"source: ko\" belongs in ko.md only, when the Korean text is the original; "
            "remove it from this file")))
    source_lang = _source_language(documents, files, path, found)
    if source_lang in documents and "source_version" in documents[source_lang].fields:
        document = documents[source_lang]
        found.append(Problem(document.path, document.line_of(("source_version",)), _(
            "\"source_version\" belongs in the translation, not in the original; remove it")))
    source = partial.get(source_lang) if source_lang else None
    if source_lang and source is not None:
        source_doc = documents[source_lang]
        found += check_source_fields(source_doc, source, taxonomy, edition_ids)
        if taxonomy is not None:
            found += check_practice_keys(source_doc, source, directory or {})
        for lang, fields in partial.items():
            if lang != source_lang and fields is not None:
                found += check_translation_agrees(source_doc, source, documents[lang], fields)
    problems += found
    if taxonomy is None or source_lang is None or any(p.is_error for p in found) \
            or len(parsed) != len(documents):
        return None
    source = parsed[source_lang]  # type: ignore[index]
    size = source.size or taxonomy.size_for_population(source.population).key  # type: ignore[union-attr, arg-type]
    return Practice(
        slug=slug,
        source_lang=source_lang,
        country=source.country or "FR",
        population=source.population,
        size=size,
        themes=tuple(source.themes or ()),
        edition=source.edition or "",
        date=source.date,  # type: ignore[arg-type]
        contact=Contact(source.contact.name, source.contact.email, source.contact.url)
        if source.contact else None,
        links=tuple(Link(link.title, link.url) for link in source.links or ()),
        translations={lang: Translation(
            lang, f.title, f.summary, f.collectivity, tuple(f.partners), documents[lang].body,
            documents[lang].path, f.source_version,
            contact_name=f.contact.name if f.contact else None,
            link_titles=tuple(link.title for link in f.links or ()))
            for lang, f in parsed.items()},
        images=tuple(sorted(images)),
        updated=dt.datetime(source.updated.year, source.updated.month, source.updated.day,
                            tzinfo=dt.timezone.utc) if source.updated else None,
        collectivity_key=source.collectivity_key,
        partner_keys=tuple(source.partner_keys or ()),
    )


def _source_language(documents: dict[str, Document], files: dict[str, int], path: str,
                     problems: list[Problem]) -> str | None:
    """The language of the original: read from ko.md's raw `source`, so that an
    error elsewhere in ko.md does not make fr.md the original."""
    korean = documents.get("ko")
    if korean is not None and str(korean.fields.get("source", "")).strip().lower() == "ko":
        return "ko"
    if "ko.md" in files and korean is None and "fr" in documents \
            and not any(name in documents["fr"].fields for name in ("themes", "edition", "date")):
        return None  # the original is the unreadable ko.md (already reported), not fr.md
    if "fr" in documents:
        return "fr"
    if "fr.md" in files:
        return None  # there, but unreadable: already reported
    if korean is not None:
        problems.append(Problem(f"{path}/ko.md", None, _(
            "ko.md is a translation but its original fr.md is missing; if the Korean text is "
            "the original, add the line \"source: ko\" with the structural fields, else add fr.md")))
    return None


