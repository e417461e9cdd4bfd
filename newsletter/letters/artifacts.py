"""The files each edition travels as (its e-mail and its PDF) and the open data,
made beside the language sites, and kept between builds.

- **A cache keyed by content.** The e-mail and the PDF of an edition in a language are
  a function of a few inputs: the edition's texts, its practices (words, structural
  fields, their images' published copies, named by a hash of the images' bytes), the
  taxonomy, the site's address, the edition's number, the templates, the catalog, this
  code and the versions of Typst, MRML, css-inline and Pillow, and the fonts. A hash of all of them names the files in the cache
  folder (`$NEWSLETTER_CACHE`, else `~/.cache/lettre-bonnes-pratiques/`, the same
  as the Korean analyses), so a build makes again only the editions whose inputs
  changed: editing one practice remakes its edition's PDF and e-mail, nothing else.
  The cache holds one version per edition and language (older ones are removed when
  a new one is written) and may be deleted at any time.
- **In parallel.** The missing ones are made in worker processes started before the
  Korean analysis and the language sites, at a lower priority (nice 10), so that they
  fill the processor time the site leaves free rather than slow it; they are copied
  into the site at the end. A worker is forked for each batch, so Typst's memory goes
  with it.
- **Missing pieces.** Without Typst or the Korean font, the build says what to install
  and builds everything else, without PDFs (and without links to them).

`NEWSLETTER_NO_ARTIFACTS=1` leaves the e-mails and PDFs out (the open data stays): for the
benchmark, which compares the build with and without them.
"""
from __future__ import annotations

import ast
import functools
import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Literal

from .. import caches, i18n
from . import opendata, pdf
from ..content.editions import Site
from ..content.model import LANGUAGES, Edition
from ..processes import usable_cores

FORMAT = 1
"""Bump to throw away every cached file."""
OFF = "NEWSLETTER_NO_ARTIFACTS"
FONT_DIRS = "NEWSLETTER_FONT_DIRS"
"""Where to look for Noto Sans CJK instead of the usual folders (tests use it)."""
WORKERS = min(8, max(2, usable_cores() - len(LANGUAGES)))
"""The cores left beside the language sites' processes, at least two (on two cores, the
workers share them with the site, at a lower priority); each holds a Typst of up to 1 GB."""
_TEMPLATES = ("edition.typ", "email.mjml.j2")
_MAKERS = ("letters.making", "letters.email", "letters.pdf")
"""With the templates they import (`templates_of`) and the modules of the package that make
them (`made_by`): the code the files are made of."""


def enabled() -> bool:
    return not os.environ.get(OFF)


@functools.cache
def pdf_problem() -> str | None:
    """Why this machine cannot make PDFs (what to install), or None."""
    return pdf.unavailable(os.environ.get(FONT_DIRS))


Downloads = Literal["none", "published", "all"]
"""Which edition pages link their e-mail and PDF: a build links those of the published
editions, which it makes; a live preview links every edition's, drafts included, and makes
them when they are asked for (`preview_file`)."""


def downloads(site: Site, edition: Edition, lang: str,
              which: Downloads = "published") -> dict[str, str | None]:
    """What the edition page links to, from its own folder ("pdf": None without PDFs)."""
    if which == "none" or not enabled() or (site.is_draft(edition.id) and which != "all"):
        return {}
    return {"email": "email.html", "email_text": "email.txt",
            "pdf": pdf.file_name(edition, lang) if pdf_problem() is None else None}


class ArtifactError(Exception):
    """An edition page links an e-mail or a PDF that could not be made."""


def missing_downloads(site: Site, out: Path) -> list[str]:
    """The files that the edition pages of the site in `out` link but that are not there."""
    missing = []
    for edition in site.editions:
        for lang in LANGUAGES:
            for name in downloads(site, edition, lang).values():
                if name and not (out / lang / "editions" / edition.id / name).is_file():
                    missing.append(f"{lang}/editions/{edition.id}/{name}")
    return missing


def cache_folder() -> Path:
    """The same folder as the Korean analyses' and the published images' (`caches`)."""
    return caches.folder()


# -- what to make --------------------------------------------------------------------------

@dataclass(frozen=True)
class Job:
    """The e-mail and the PDF of one edition in one language."""

    edition: str
    lang: str
    number: int
    key: str
    pdf_name: str | None
    """None when PDFs cannot be made on this machine."""
    cost: int

    @property
    def stem(self) -> str:
        return f"{self.edition}.{self.lang}."

    def files(self) -> dict[str, str]:
        """Cache suffix -> path in the site."""
        folder = f"{self.lang}/editions/{self.edition}/"
        found = {".email.html": folder + "email.html", ".email.txt": folder + "email.txt"}
        if self.pdf_name:
            found[".pdf"] = folder + self.pdf_name
        return found


@dataclass(frozen=True)
class Plan:
    jobs: list[Job]
    missing: list[Job]
    """The jobs whose files are not in the cache."""
    cache: Path
    warnings: list[str] = field(default_factory=list)


def plan(site: Site, content_root: Path, site_url: str) -> Plan:
    """Every public edition in every language, with its key; which are to be made."""
    problem = pdf_problem()
    cache = cache_folder() / "artifacts" / hashlib.sha256(
        str(content_root.resolve()).encode("utf-8")).hexdigest()[:12]
    public = [e for e in site.editions if not site.is_draft(e.id)]
    jobs = [job_of(site, edition, lang, content_root, site_url)
            for edition in public for lang in LANGUAGES]
    missing = [job for job in jobs if not all(
        cached_path(cache, job, suffix).is_file() for suffix in job.files())]
    return Plan(jobs, missing, cache, [problem] if problem else [])


def job_of(site: Site, edition: Edition, lang: str, content_root: Path, site_url: str) -> Job:
    """The e-mail and PDF of `edition` in `lang`, with the key of what they are made of.
    Editions are numbered in the order of publication (drafts, to be published, come last)."""
    problem = pdf_problem()
    fonts = pdf.find_fonts(os.environ.get(FONT_DIRS)) if problem is None else None
    number = 1 + sorted((e.published, e.id) for e in site.editions).index(
        (edition.published, edition.id))
    key = edition_key(site, edition, lang, site_url, number,
                      fonts.files if fonts else (problem or "",))
    cost = sum(2 + len(p.text(lang).body) // 2000 for p in site.in_edition(edition.id))
    return Job(edition.id, lang, number, key,
               pdf.file_name(edition, lang) if problem is None else None, cost)


def cached_path(cache: Path, job: Job, suffix: str) -> Path:
    return cache / f"{job.stem}{job.key[:24]}{suffix}"


@functools.cache
def tool_digest(lang: str) -> str:
    digest = hashlib.sha256(str(FORMAT).encode())
    modules = [_module_file(name) for name in _maker_modules()]
    templates = [TEMPLATES / name for name in sorted(templates_of(*_TEMPLATES))]
    for file in modules + templates:
        name = file.relative_to(i18n.TOOL_ROOT).as_posix()
        digest.update(name.encode() + b"\0" + file.read_bytes())
    digest.update(i18n.catalog_words(lang))
    for package in ("typst", "mjml-python", "css-inline", "nh3", "markdown", "pymdown-extensions",
                    "babel", "jinja2", "markupsafe", "selectolax", "imagesize", "pillow"):
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=none".encode())
    return digest.hexdigest()


TEMPLATES = i18n.TOOL_ROOT / "templates"
_TEMPLATE_IMPORT = re.compile(r"""\{%-?\s*(?:import|include|extends|from)\s+["']([^"']+)["']"""
                              r'|#(?:import|include)\s+"([^"]+)"')


def templates_of(*names: str) -> set[str]:
    """`names` and every template of `templates/` they import or include, however indirectly
    (Jinja's `import`, `include`, `extends`, `from`; Typst's `#import`, `#include`)."""
    found: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in found or not (TEMPLATES / name).is_file():
            continue
        found.add(name)
        for jinja, typst in _TEMPLATE_IMPORT.findall((TEMPLATES / name).read_text(encoding="utf-8")):
            todo.append(jinja or typst)
    return found


@functools.cache
def _maker_modules() -> list[str]:
    """`made_by(*_MAKERS)`, sorted; kept in the cache folder under the hash of the package's
    code (parsing every module took a tenth of a warm build)."""
    code = hashlib.sha256()
    for file in sorted((i18n.TOOL_ROOT / "newsletter").rglob("*.py")):
        code.update(file.relative_to(i18n.TOOL_ROOT).as_posix().encode() + b"\0")
        code.update(hashlib.sha256(file.read_bytes()).digest())
    memo = caches.Memo("artifact-modules")
    found = memo.get(code.hexdigest(), lambda: json.dumps(sorted(made_by(*_MAKERS))))
    memo.save()
    return [name for name in json.loads(found) if isinstance(name, str)]


def made_by(*modules: str) -> set[str]:
    """`modules` ("letters.pdf") and every module of the package they import, however
    indirectly: a change to another one (the search, the feeds, the checks) leaves the
    cached files valid."""
    found: set[str] = set()
    todo = list(modules)
    while todo:
        name = todo.pop()
        if name in found or not _module_file(name).is_file():
            continue
        found.add(name)
        tree = ast.parse(_module_file(name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level >= 1:
                todo += _imported(name, node)
    return found


def _module_file(name: str) -> Path:
    return i18n.TOOL_ROOT / "newsletter" / (name.replace(".", "/") + ".py")


def _imported(current: str, node: ast.ImportFrom) -> list[str]:
    """The modules of the package that a relative import of module `current` names."""
    package = current.split(".")[:-1]
    base = package[:len(package) - (node.level - 1)]
    stem = base + (node.module.split(".") if node.module else [])
    candidates = [".".join(stem + [alias.name]) for alias in node.names]
    if node.module:
        candidates.append(".".join(stem))
    return [name for name in candidates if _module_file(name).is_file()]


def edition_key(site: Site, edition: Edition, lang: str, site_url: str, number: int,
                fonts: tuple[str, ...]) -> str:
    """The hash of everything the edition's e-mail and PDF in `lang` are made of."""
    digest = hashlib.sha256(tool_digest(lang).encode())
    practices = site.in_edition(edition.id)
    # The federation: the e-mails' footer names the publishers, the office, the licences.
    digest.update(json.dumps([lang, site_url, number, list(fonts), repr(edition),
                              repr(site.taxonomy), repr(site.federation)],
                             ensure_ascii=False).encode("utf-8"))
    for practice in practices:
        fields = (practice.slug, practice.source_lang, practice.country, practice.population,
                  practice.size, practice.themes, practice.edition, practice.date,
                  practice.contact, practice.links, practice.images,
                  sorted(practice.translations.items()), practice.translation_state(lang))
        # The published copies are named by a hash of the images' bytes (`photos`).
        digest.update(repr((practice.image_sizes, practice.published_images)).encode("utf-8"))
        digest.update(repr(fields).encode("utf-8"))
    return digest.hexdigest()


@dataclass(frozen=True)
class Made:
    """What the workers made."""

    jobs: list[Job]
    warnings: list[str]
    seconds: dict[str, float]
    """Per kind (e-mail, PDF): processor seconds summed over the workers."""



# -- into the site ----------------------------------------------------------------------

@dataclass(frozen=True)
class Installed:
    made: list[str]
    """Site paths of the files made by this build."""
    reused: list[str]
    """Site paths of the files taken from the cache."""
    missing: list[str]


def install(work: Plan, made: Made, out: Path) -> Installed:
    """Copy every edition's files from the cache into the site (`out`); `missing` lists
    those that could not be made (a warning said why)."""
    remade = {(job.edition, job.lang) for job in made.jobs}
    without_pdf = {(job.edition, job.lang) for job in made.jobs if job.pdf_name is None}
    result = Installed([], [], [])
    for job in work.jobs:
        for suffix, site_path in job.files().items():
            if suffix == ".pdf" and (job.edition, job.lang) in without_pdf:
                continue
            source = cached_path(work.cache, job, suffix)
            target = out / site_path
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                _copy(source, target)
            except OSError:
                result.missing.append(site_path)
                continue
            (result.made if (job.edition, job.lang) in remade else result.reused).append(site_path)
    return result


def _copy(source: Path, target: Path) -> None:
    """A copy (the kernel's, without reading it here), never a hard link: the cache's file
    and the site's stay two files, and a site changed in place (a deploy script writing
    into a PDF) changes neither the cache nor the next build."""
    shutil.copyfile(source, target)


def write_open_data(site: Site, out: Path, site_url: str) -> None:
    """`data/practices.json`, its schema, `data/practices.csv` and the data package that
    describes them (`data/datapackage.json`)."""
    document = opendata.practices_document(site, site_url)
    folder = out / "data"
    folder.mkdir(parents=True, exist_ok=True)
    files = {"practices.json": opendata.practices_json(document),
             opendata.SCHEMA_NAME: opendata.schema(),
             "practices.csv": opendata.practices_csv(document)}
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / opendata.PACKAGE_NAME).write_bytes(opendata.datapackage(site, site_url, files))
