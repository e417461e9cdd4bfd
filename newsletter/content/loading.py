"""Content loading: the editors' tree (practices/, editions/, taxonomy.yml) into a
validated `Content`, with every problem found on the way.

This is the only module that reads content files. It reads each file once,
checks it with `schema` and `validation`, and builds the model objects of
`model` from the files that passed; the images that texts show are read through
`photos`, which makes their published copies.
"""
from __future__ import annotations

import datetime as dt
import os
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import photos
from .history import History, last_changes
from ..i18n import _
from .model import (LANGUAGES, Collectivity, CollectivityType, Contact, Content, Edition,
                    EditionText, Link, Office, Partnership, Practice, Problem, Severity, Taxonomy,
                    Term, Translation)
from .reading import Document, read_document, read_yaml_file
from .schema import (CollectivityFile, EditionFile, FederationFile, PracticeFile, TaxonomyFile,
                     parse, parse_partially)
from .bodies import check_body
from .validation import (DirectoryEntry, check_collectivity, check_edition_id, check_image,
                         check_partnerships, check_slug, check_source_fields,
                         check_translation_agrees, suggest)

TAXONOMY_FILE = "taxonomy.yml"
DIRECTORY = "collectivities"
FEDERATION_FILE = "federation.yml"
_IGNORED = (".DS_Store", "Thumbs.db", "desktop.ini")


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


Directory = dict[str, DirectoryEntry]
"""The directory's keys, each with what its file says (its country, its population):
what a practice's `collectivity_key` and `partner_keys` are checked against."""


def load(root: Path, cache: LoadCache | None = None, history: bool = True) -> LoadResult:
    """Read and validate the whole content tree under `root`.

    `history=False` does not ask git when each practice last changed (see
    `history`): for a preview, where speed matters more.
    """
    problems: list[Problem] = []
    files = _Files(root)
    taxonomy = _load_taxonomy(files, problems)
    editions, edition_ids = _load_editions(files, problems)
    collectivities, partnerships, directory = _load_collectivities(files, taxonomy, problems)
    office = _load_office(files, problems)
    practices = _load_practices(files, taxonomy, edition_ids, problems, cache, directory)
    shallow = False
    if history:
        changes = last_changes(root, ("practices",))
        practices, shallow = _with_last_changes(changes, practices), changes.shallow
    problems = sorted(set(problems), key=Problem.sort_key)
    if taxonomy is None:
        return LoadResult(None, problems, shallow)
    return LoadResult(Content(taxonomy, tuple(practices), tuple(editions),
                              tuple(collectivities), tuple(partnerships), office),
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


FileListing = tuple[tuple[str, int, int], ...]


class _Files:
    """The content tree's files as the build may use them: regular files and folders
    inside the content folder. A link that leaves it, a broken link, a pipe or a
    device is a problem, never read (a pipe would block the build; a link to
    /etc/passwd named photo.png would publish it)."""

    def __init__(self, root: Path):
        self.root = root

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def problem(self, entry: Path) -> Problem | None:
        """Why `entry` cannot be used, or None. Content is regular files and folders:
        a link, even to a file inside the content folder (the project's .git/config
        is inside it), could publish any file of the computer."""
        path = self.relative(entry)
        if entry.is_symlink():
            try:
                entry.resolve(strict=True)
            except (OSError, RuntimeError):
                return Problem(path, None, _(
                    "this is a link to \"{target}\", which does not exist; put the file "
                    "itself here").format(target=_link_target(entry)))
            return Problem(path, None, _(
                "this is a link to \"{target}\", not a file; put the file itself here (the "
                "newsletter publishes no link, which could lead to any file of the computer)"
            ).format(target=_link_target(entry)))
        try:
            mode = entry.stat().st_mode
        except OSError as error:
            return Problem(path, None, _("cannot read the file: {error}").format(
                error=error.strerror or error))
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            return Problem(path, None, _(
                "this is neither a file nor a folder (a pipe, a socket or a device); "
                "remove it"))
        return None

    def listing(self, folder: Path, problems: list[Problem]) -> FileListing:
        """The regular files under `folder` (relative names) with their modification
        times and sizes: one walk gives the files beside a practice and the key under
        which a live preview's `LoadCache` keeps it. Unusable entries are reported."""
        found = []
        for directory, subfolders, names in os.walk(folder):
            base = Path(directory)
            usable = []
            for name in sorted(subfolders):
                problem = self.problem(base / name)
                if problem:
                    problems.append(problem)
                else:
                    usable.append(name)
            subfolders[:] = usable
            for name in sorted(names):
                file = base / name
                problem = self.problem(file)
                if problem:
                    problems.append(problem)
                    continue
                info = file.stat()
                found.append((file.relative_to(folder).as_posix(), info.st_mtime_ns,
                              info.st_size))
        return tuple(sorted(found))


def _link_target(link: Path) -> str:
    try:
        return os.readlink(link)
    except OSError:
        return "?"


def _read_settings(file: Path, path: str, model: Any, problems: list[Problem]
                   ) -> tuple[Document | None, Any]:
    """A YAML file of the content root, read and checked against `model` (its problems
    added to `problems`): the document and its fields, each None when it is wrong."""
    document, found = read_yaml_file(file, path)
    problems += found
    if document is None:
        return None, None
    fields, found = parse(model, document)
    problems += found
    return document, fields


# -- taxonomy ----------------------------------------------------------------------

def _load_taxonomy(files: _Files, problems: list[Problem]) -> Taxonomy | None:
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
    document, fields = _read_settings(file, TAXONOMY_FILE, TaxonomyFile, problems)
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

def _load_editions(files: _Files, problems: list[Problem]) -> tuple[list[Edition], list[str]]:
    """The valid editions, and the ids of every well-named edition folder (a practice
    of an edition with an error is not told that its edition does not exist)."""
    editions, ids = [], []
    for folder in _subfolders(files, "editions", problems, _(
            "an edition is a folder editions/<YYYY-s1|YYYY-s2>/ holding fr.md and ko.md")):
        path = files.relative(folder)
        found = check_edition_id(folder.name, path)
        listing = files.listing(folder, problems)
        documents = _read_language_files(files, folder, listing, problems)
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

def _load_practices(files: _Files, taxonomy: Taxonomy | None, edition_ids: list[str],
                    problems: list[Problem], cache: LoadCache | None = None,
                    directory: Directory | None = None) -> list[Practice]:
    practices = []
    directory = directory or {}
    read = []  # practices read now (not found in `cache`), their images still to publish
    for folder in _subfolders(files, "practices", problems, _(
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
        practice, found = _load_practice(files, folder, listing, taxonomy, edition_ids,
                                         directory)
        read.append((folder, key, None if listing_problems else practice,
                     listing_problems + found, {name: size for name, _mtime, size in listing}))
    # The images of all of them at once: decoding and saving them again keeps every core busy.
    published = photos.publish_all([folder / image for folder, _key, practice, _found, _names
                                    in read if practice for image in practice.images])
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


def _load_practice(files: _Files, folder: Path, listing: FileListing, taxonomy: Taxonomy | None,
                   edition_ids: list[str], directory: Directory | None = None,
                   ) -> tuple[Practice | None, list[Problem]]:
    """The practice of a folder, its images not yet published (None when its texts have
    errors), and the problems found."""
    problems: list[Problem] = []
    path = files.relative(folder)
    problems += check_slug(folder.name, path)
    documents = _read_language_files(files, folder, listing, problems)
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
        found += check_source_fields(source_doc, source, taxonomy, edition_ids, directory)
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


# -- the directory of collectivities (issue 12) ----------------------------------------

def _directory_entry(document: Document) -> DirectoryEntry:
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


def _load_collectivities(files: _Files, taxonomy: Taxonomy | None, problems: list[Problem],
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
        if entry.name in _IGNORED:
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
                directory[key] = _directory_entry(document)
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
            path=documents[key].path))
    pairs: dict[tuple[str, str], int] = {}
    for key, fields in valid.items():
        for partner, year in fields.partnerships.items():
            if partner in valid and partner != key:
                pairs.setdefault((min(key, partner), max(key, partner)), year)
    partnerships = [Partnership(a, b, year) for (a, b), year in sorted(pairs.items())]
    return sorted(collectivities, key=lambda c: c.key), partnerships, directory


def _load_office(files: _Files, problems: list[Problem]) -> Office | None:
    """federation.yml (optional): the office that puts collectivities in touch."""
    file = files.root / FEDERATION_FILE
    if not (file.exists() or file.is_symlink()):
        return None
    problem = files.problem(file)
    if problem is None and not file.is_file():
        problem = Problem(FEDERATION_FILE, None, _("federation.yml must be a file"))
    if problem:
        problems.append(problem)
        return None
    document, fields = _read_settings(file, FEDERATION_FILE, FederationFile, problems)
    if document is None or fields is None:
        return None
    office = fields.office
    if office.email is None and office.url is None:
        problems.append(Problem(FEDERATION_FILE, document.line_of(("office",)), _(
            "the office needs an email or a url (or both), for readers to write to it")))
        return None
    return Office({"fr": office.names.fr, "ko": office.names.ko}, office.email, office.url)


# -- files and folders -------------------------------------------------------------

def _subfolders(files: _Files, name: str, problems: list[Problem], hint: str) -> list[Path]:
    parent = files.root / name
    problem = files.problem(parent) if parent.exists() or parent.is_symlink() else None
    if problem:
        problems.append(problem)
        return []
    if not parent.is_dir():
        problems.append(Problem(name, None, _(
            "the folder is missing; {hint}").format(hint=hint)))
        return []
    folders = []
    for entry in sorted(parent.iterdir()):
        if entry.name in _IGNORED:
            continue
        problem = files.problem(entry)
        if problem:
            problems.append(problem)
        elif entry.name.startswith("."):
            if entry.is_dir():
                problems.append(Problem(files.relative(entry), None, _(
                    "this hidden folder is ignored; remove the dot at the start of its name "
                    "to publish it, or move it out of {parent}/").format(parent=name),
                    Severity.WARNING))
        elif entry.is_dir():
            folders.append(entry)
        else:
            problems.append(Problem(files.relative(entry), None, _(
                "this file is not in its own folder; {hint}").format(hint=hint)))
    return folders


def _read_language_files(files: _Files, folder: Path, listing: FileListing,
                         problems: list[Problem]) -> dict[str, Document]:
    """The fr.md and ko.md of a folder, among the usable files of its `listing`."""
    documents = {}
    for name, _mtime, _size in listing:
        if "/" in name or name.startswith(".") or not name.lower().endswith(".md"):
            continue
        entry = folder / name
        path = files.relative(entry)
        if name.lower() in ("fr.md", "ko.md") and name not in ("fr.md", "ko.md"):
            problems.append(Problem(path, None, _(
                "the file must be named {expected}, in lower case; rename it").format(
                    expected=name.lower())))
            continue
        lang = name.removesuffix(".md")
        if lang not in LANGUAGES:
            problems.append(Problem(path, None, _(
                "unexpected file name; the texts are named fr.md (French) and ko.md (Korean)")))
            continue
        document, found = read_document(entry, path)
        problems += found
        if document is not None:
            documents[lang] = document
    return documents


