"""Content loading: the editors' tree (practices/, editions/, taxonomy.yml) into a
validated `Content`, with every problem found on the way.

This is the only module that reads content files. It reads each file once,
checks it with `schema` and `validation`, and builds the model objects of
`model` from the files that passed.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .history import last_changes
from .i18n import _
from .model import (LANGUAGES, Contact, Content, Edition, EditionText, Link, Practice,
                    Problem, Severity, Taxonomy, Term, Translation)
from .reading import Document, read_document, read_yaml_file
from .schema import EditionFile, PracticeFile, TaxonomyFile, parse, parse_partially
from .validation import (IMAGE_SUFFIXES, check_body, check_edition_id, check_slug,
                         check_source_fields, check_translation_agrees)

TAXONOMY_FILE = "taxonomy.yml"
_IGNORED = (".DS_Store", "Thumbs.db", "desktop.ini")


@dataclass(frozen=True)
class LoadResult:
    content: Content | None
    """None when the taxonomy itself cannot be read."""
    problems: list[Problem]

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

    `history=False` dates practices by their files' modification times instead of
    asking git (see `history`): for a preview, where speed matters more.
    """
    problems: list[Problem] = []
    taxonomy = _load_taxonomy(root, problems)
    editions, edition_ids = _load_editions(root, problems)
    practices = _load_practices(root, taxonomy, edition_ids, problems, cache)
    if history:
        practices = _with_last_changes(root, practices)
    problems = sorted(set(problems), key=Problem.sort_key)
    if taxonomy is None:
        return LoadResult(None, problems)
    return LoadResult(Content(taxonomy, tuple(practices), tuple(editions)), problems)


def _with_last_changes(root: Path, practices: list[Practice]) -> list[Practice]:
    newest: dict[str, dt.datetime] = {}
    for path, date in last_changes(root, ("practices",)).items():
        slug = path.split("/")[1]
        newest[slug] = max(date, newest.get(slug, date))
    return [replace(p, updated=newest.get(p.slug)) for p in practices]


FileListing = tuple[tuple[str, int, int], ...]


def _listing(folder: Path) -> FileListing:
    """The folder's files (relative names) with their modification times and sizes:
    one walk gives the files beside a practice, its last change, and the key under
    which a live preview's `LoadCache` keeps it."""
    found = []
    for file in folder.rglob("*"):
        stat = file.stat()
        if not file.is_dir():
            found.append((file.relative_to(folder).as_posix(), stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(found))


def _relative(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


# -- taxonomy ----------------------------------------------------------------------

def _load_taxonomy(root: Path, problems: list[Problem]) -> Taxonomy | None:
    file = root / TAXONOMY_FILE
    if not file.is_file():
        problems.append(Problem(TAXONOMY_FILE, None, _(
            "taxonomy.yml is missing: it lists the theme and size keys with their labels "
            "(run the command from the content folder, or pass --content)")))
        return None
    document, found = read_yaml_file(file, TAXONOMY_FILE)
    problems += found
    if document is None:
        return None
    fields, found = parse(TaxonomyFile, document)
    problems += found
    if fields is None:
        return None
    themes = tuple(Term(key, {"fr": t.fr, "ko": t.ko}) for key, t in fields.themes.items())
    sizes = tuple(
        Term(key, {"fr": s.fr, "ko": s.ko},
             s.population.min if s.population else None,
             s.population.max if s.population else None)
        for key, s in fields.sizes.items())
    return Taxonomy(themes, sizes)


# -- editions ----------------------------------------------------------------------

def _load_editions(root: Path, problems: list[Problem]) -> tuple[list[Edition], list[str]]:
    """The valid editions, and the ids of every well-named edition folder (a practice
    of an edition with an error is not told that its edition does not exist)."""
    editions, ids = [], []
    for folder in _subfolders(root / "editions", root, problems, _(
            "an edition is a folder editions/<YYYY-s1|YYYY-s2>/ holding fr.md and ko.md")):
        path = _relative(root, folder)
        found = check_edition_id(folder.name, path)
        documents = _read_language_files(root, folder, problems)
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
        problems += found + check_body(document, set())
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

def _load_practices(root: Path, taxonomy: Taxonomy | None, edition_ids: list[str],
                    problems: list[Problem], cache: LoadCache | None = None) -> list[Practice]:
    practices = []
    for folder in _subfolders(root / "practices", root, problems, _(
            "a practice is a folder practices/<slug>/ holding fr.md and ko.md")):
        listing = _listing(folder)
        key = (listing, taxonomy, tuple(edition_ids))
        cached = cache.practices.get(folder.name) if cache is not None else None
        if cached is not None and cached[0] == key:
            practice, found = cached[1], cached[2]
        else:
            practice, found = _load_practice(root, folder, listing, taxonomy, edition_ids)
            if cache is not None:
                cache.practices[folder.name] = (key, practice, found)
        problems += found
        if practice:
            practices.append(practice)
    return sorted(practices, key=lambda p: p.slug)


def _load_practice(root: Path, folder: Path, listing: FileListing, taxonomy: Taxonomy | None,
                   edition_ids: list[str]) -> tuple[Practice | None, list[Problem]]:
    problems: list[Problem] = []
    path = _relative(root, folder)
    slug_problems = check_slug(folder.name, path)
    problems += slug_problems
    documents = _read_language_files(root, folder, problems)
    files = {name for name, _mtime, _size in listing}
    if not documents and any(name in files for name in ("fr.md", "ko.md")):
        return None, problems  # the files exist but could not be read: already reported
    practice = _practice(folder.name, path, documents, files, taxonomy, edition_ids, problems)
    if slug_problems:
        return None, problems
    if practice is not None and listing:
        newest = max(mtime for _name, mtime, _size in listing) // 1_000_000_000
        practice = replace(practice, updated=dt.datetime.fromtimestamp(newest, dt.timezone.utc))
    return practice, problems


def _practice(slug: str, path: str, documents: dict[str, Document], files: set[str],
              taxonomy: Taxonomy | None, edition_ids: list[str],
              problems: list[Problem]) -> Practice | None:
    """The practice of one folder, or None when it has an error (all of them reported)."""
    found: list[Problem] = []
    if not documents:
        problems.append(Problem(path, None, _(
            "the practice folder has neither fr.md nor ko.md; add at least the original text "
            "(run `python build_newsletter.py new {slug}`)").format(slug=slug)))
        return None
    parsed: dict[str, PracticeFile] = {}
    partial: dict[str, Any] = {}
    for lang, document in documents.items():
        fields, schema_problems = parse(PracticeFile, document)
        found += schema_problems + check_body(document, files)
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
        translations={lang: Translation(lang, f.title, f.summary, f.collectivity,
                                        tuple(f.partners), documents[lang].body,
                                        documents[lang].path, f.source_version)
                      for lang, f in parsed.items()},
        images=tuple(sorted(f for f in files if f.lower().endswith(IMAGE_SUFFIXES))),
    )


def _source_language(documents: dict[str, Document], files: set[str], path: str,
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


# -- files and folders -------------------------------------------------------------

def _subfolders(parent: Path, root: Path, problems: list[Problem], hint: str) -> list[Path]:
    if not parent.is_dir():
        problems.append(Problem(_relative(root, parent), None, _(
            "the folder is missing; {hint}").format(hint=hint)))
        return []
    folders = []
    for entry in sorted(parent.iterdir()):
        if entry.name.startswith(".") or entry.name in _IGNORED:
            continue
        if entry.is_dir():
            folders.append(entry)
        else:
            problems.append(Problem(_relative(root, entry), None, _(
                "this file is not in its own folder; {hint}").format(hint=hint)))
    return folders


def _read_language_files(root: Path, folder: Path, problems: list[Problem]) -> dict[str, Document]:
    documents = {}
    for entry in sorted(folder.iterdir()):
        if entry.suffix.lower() != ".md" or entry.name.startswith("."):
            continue
        path = _relative(root, entry)
        lang = entry.stem
        if lang not in LANGUAGES:
            problems.append(Problem(path, None, _(
                "unexpected file name; the texts are named fr.md (French) and ko.md (Korean)")))
            continue
        document, found = read_document(entry, path)
        problems += found
        if document is not None:
            documents[lang] = document
    return documents


