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
import multiprocessing
import os
import re
import select
import shutil
import signal
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterator, Literal

from ..content import markup, photos, structure
from .. import caches, i18n
from . import email, opendata, pdf
from ..content.editions import Site
from ..i18n import _
from ..content.model import LANGUAGES, Edition
from ..processes import _die_with_parent, running, usable_cores

FORMAT = 1
"""Bump to throw away every cached file."""
OFF = "NEWSLETTER_NO_ARTIFACTS"
FONT_DIRS = "NEWSLETTER_FONT_DIRS"
"""Where to look for Noto Sans CJK instead of the usual folders (tests use it)."""
WORKERS = min(8, max(2, usable_cores() - len(LANGUAGES)))
"""The cores left beside the language sites' processes, at least two (on two cores, the
workers share them with the site, at a lower priority); each holds a Typst of up to 1 GB."""
_TEMPLATES = ("edition.typ", "email.mjml.j2")
_MAKERS = ("letters.artifacts", "letters.email", "letters.pdf")
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
        _cached(cache, job, suffix).is_file() for suffix in job.files())]
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


def _cached(cache: Path, job: Job, suffix: str) -> Path:
    return cache / f"{job.stem}{job.key[:24]}{suffix}"


@functools.cache
def _tool_digest(lang: str) -> str:
    digest = hashlib.sha256(str(FORMAT).encode())
    modules = [_module_file(name) for name in sorted(made_by(*_MAKERS))]
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
    digest = hashlib.sha256(_tool_digest(lang).encode())
    practices = site.in_edition(edition.id)
    digest.update(json.dumps([lang, site_url, number, list(fonts), repr(edition),
                              repr(site.taxonomy)], ensure_ascii=False).encode("utf-8"))
    for practice in practices:
        fields = (practice.slug, practice.source_lang, practice.country, practice.population,
                  practice.size, practice.themes, practice.edition, practice.date,
                  practice.contact, practice.links, practice.images,
                  sorted(practice.translations.items()), practice.translation_state(lang))
        # The published copies are named by a hash of the images' bytes (`photos`).
        digest.update(repr((practice.image_sizes, practice.published_images)).encode("utf-8"))
        digest.update(repr(fields).encode("utf-8"))
    return digest.hexdigest()


# -- making them -------------------------------------------------------------------------

@dataclass(frozen=True)
class Made:
    """What the workers made."""

    jobs: list[Job]
    warnings: list[str]
    seconds: dict[str, float]
    """Per kind (e-mail, PDF): processor seconds summed over the workers."""


def batches(jobs: list[Job], count: int = WORKERS) -> list[list[Job]]:
    """The jobs in `count` batches of about the same cost (largest first)."""
    groups: list[list[Job]] = [[] for _ in range(min(count, len(jobs)))]
    loads = [0] * len(groups)
    for job in sorted(jobs, key=lambda j: (-j.cost, j.edition, j.lang)):
        smallest = loads.index(min(loads))
        groups[smallest].append(job)
        loads[smallest] += job.cost
    return [group for group in groups if group]


@contextmanager
def generating(work: Plan | None, site: Site, content_root: Path,
               site_url: str) -> Iterator[Callable[[], Made]]:
    """Start making the missing files in worker processes; the block calls the yielded
    function to wait for them."""
    if work is None or not work.missing:
        yield lambda: Made([], [], {})
        return
    make = functools.partial(make_batch, site=site, content_root=content_root.resolve(),
                             site_url=site_url, cache=work.cache)
    with running(make, batches(work.missing), even_one=True) as results:
        def wait() -> Made:
            outcomes: list[Made] = results()
            seconds: dict[str, float] = {}
            for outcome in outcomes:
                for kind, value in outcome.seconds.items():
                    seconds[kind] = seconds.get(kind, 0.0) + value
            warnings = list(dict.fromkeys(w for o in outcomes for w in o.warnings))
            return Made([job for o in outcomes for job in o.jobs], warnings, seconds)
        yield wait


def make_batch(jobs: list[Job], site: Site, content_root: Path, site_url: str,
               cache: Path) -> Made:
    """In a worker: the e-mails and PDFs of `jobs`, written into the cache."""
    try:  # the site comes first: these fill the time its processes leave free
        os.nice(10)
    except OSError:
        pass
    cache.mkdir(parents=True, exist_ok=True)
    fonts = pdf.find_fonts(os.environ.get(FONT_DIRS))
    if fonts is not None:
        pdf.prepare(photos.folder(), fonts)  # the fonts are loaded once, here
    made, warnings = [], []
    seconds = {"e-mail": 0.0, "pdf": 0.0}
    for job in jobs:
        try:
            done, said, spent = _in_child(make_one, job, site, content_root, site_url, cache,
                                          fonts, limits=_limits(site, job))
        except LimitExceeded as error:
            warnings.append(limit_message(error, site, job))
            continue
        except Exception as error:  # noqa: BLE001 - one edition's files, not the whole site
            warnings.append(_("{edition} ({lang}): the e-mail and the PDF could not be made: "
                              "{error}").format(edition=job.edition, lang=job.lang,
                                                error=f"{type(error).__name__}: {error}"))
            continue
        made.append(done)
        warnings += said
        for kind, value in spent.items():
            seconds[kind] += value
    return Made(made, warnings, seconds)


@dataclass(frozen=True)
class Limits:
    """What one edition's files may take to make. Within the limits of `structure`,
    which `check` enforces, an edition of 100 practices takes Typst about 2 s and 500 MB;
    these are the backstop for whatever a check might have missed."""

    seconds: float
    megabytes: int

    @staticmethod
    def for_edition(practices: int) -> "Limits":
        seconds = float(os.environ.get("NEWSLETTER_PDF_SECONDS") or 60 + practices)
        megabytes = int(os.environ.get("NEWSLETTER_PDF_MEGABYTES") or 1500 + 10 * practices)
        return Limits(seconds, megabytes)


class LimitExceeded(Exception):
    """The child took more time or memory than its `Limits`, and was stopped."""

    def __init__(self, kind: Literal["seconds", "megabytes"], limit: float):
        super().__init__(kind, limit)
        self.kind, self.limit = kind, limit


def _in_child(function, *arguments, limits: Limits | None = None):  # type: ignore[no-untyped-def]
    """`function(*arguments)` in a forked child, its result read back through a pipe:
    Typst keeps what it computed for the life of the process, so each PDF is made in a
    process of its own, whose memory goes when it ends. With `limits`, the child is
    stopped when it runs longer or holds more memory (LimitExceeded)."""
    import pickle

    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(reading)
        _die_with_parent()
        status = 0
        try:
            result = function(*arguments)
        except BaseException as error:  # noqa: BLE001 - reported by the parent
            result, status = error, 1
        try:
            with os.fdopen(writing, "wb") as pipe:
                pickle.dump(result, pipe)
        finally:
            os._exit(status)
    os.close(writing)
    try:
        data = _read_within(reading, pid, limits)
    except LimitExceeded:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    finally:
        os.close(reading)
    _pid, status = os.waitpid(pid, 0)
    result = pickle.loads(data) if data else RuntimeError(f"worker ended with status {status}")
    if isinstance(result, BaseException):
        raise result
    return result


def _read_within(fd: int, pid: int, limits: Limits | None) -> bytes:
    """Everything the child writes, watching its time and memory meanwhile."""
    chunks: list[bytes] = []
    started = time.monotonic()
    while True:
        ready, _w, _x = select.select([fd], [], [], 0.05)
        if ready:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
        elif limits is not None:
            if time.monotonic() - started > limits.seconds:
                raise LimitExceeded("seconds", limits.seconds)
            if _resident_megabytes(pid) > limits.megabytes:
                raise LimitExceeded("megabytes", limits.megabytes)


def _resident_megabytes(pid: int) -> int:
    """The memory a process holds (Linux; 0 where /proc is not there)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            pages = int(statm.read().split()[1])
    except (OSError, IndexError, ValueError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE") // 1_000_000


def _weight(body: str) -> int:
    """About what laying a body out costs: its length, doubled by each level of tables in
    tables (what makes Typst slow)."""
    return len(body) * 2 ** structure.nesting(markup.to_html(body)).tables


def limit_message(error: LimitExceeded, site: Site, job: Job) -> str:
    """What stopped an edition's files, naming the practice that weighs most."""
    practices = site.in_edition(job.edition)
    heaviest = max(practices, key=lambda p: _weight(p.text(job.lang).body), default=None)
    if error.kind == "seconds":
        said = _("{edition} ({lang}): making the e-mail and the PDF took more than {count} "
                 "seconds and was stopped")
    else:
        said = _("{edition} ({lang}): making the e-mail and the PDF took more than {count} MB "
                 "of memory and was stopped")
    said = said.format(edition=job.edition, lang=job.lang, count=f"{error.limit:g}")
    if heaviest is None:
        return said
    return said + _("; the heaviest text is practices/{slug}/{lang}.md: simplify it (tables "
                    "inside tables, very long lists)").format(slug=heaviest.slug,
                                                             lang=heaviest.text(job.lang).lang)


def _limits(site: Site, job: Job) -> Limits:
    return Limits.for_edition(len(site.in_edition(job.edition)))


def make_one(job: Job, site: Site, content_root: Path, site_url: str, cache: Path,
             fonts: pdf.Fonts | None) -> tuple[Job, list[str], dict[str, float]]:
    """The e-mail and the PDF of one edition in one language, into the cache."""
    edition = site.edition(job.edition)
    warnings: list[str] = []
    base = site_url.rstrip("/") + "/"
    clock = time.process_time()  # this process's, Typst's threads included
    pdf_data = None
    if job.pdf_name and fonts is not None:
        document = pdf.document(site, edition, job.lang, site_url, job.number)
        for attempt in (document, pdf.without_images(document)):
            try:
                pdf_data = pdf.compile_pdf(attempt, photos.folder(), fonts)
                break
            except pdf.PdfUnavailable as error:
                warnings.append(str(error))
                break
            except pdf.PdfError as error:  # an image Typst cannot read: then without images
                warnings.append(_("{edition} ({lang}): the PDF could not be made: {error}")
                                .format(edition=job.edition, lang=job.lang, error=error))
    pdf_seconds = time.process_time() - clock
    clock = time.process_time()
    pdf_url = f"{base}{job.lang}/editions/{job.edition}/{job.pdf_name}" if pdf_data else None
    mail = email.render_email(site, edition, job.lang, site_url, job.number, pdf_url)
    if len(mail.html.encode("utf-8")) > email.SIZE_LIMIT:
        warnings.append(_("{edition} ({lang}): the e-mail is over {limit} KB even without the "
                          "practices (the edito is too long): Gmail will cut it; shorten the "
                          "edito").format(edition=job.edition, lang=job.lang,
                                          limit=email.SIZE_LIMIT // 1000))
    _store(cache, job, ".email.html", mail.html.encode("utf-8"))
    _store(cache, job, ".email.txt", mail.text.encode("utf-8"))
    seconds = {"pdf": pdf_seconds, "e-mail": time.process_time() - clock}
    if pdf_data is None:
        return Job(job.edition, job.lang, job.number, job.key, None, job.cost), warnings, seconds
    _store(cache, job, ".pdf", pdf_data)
    return job, warnings, seconds



def _store(cache: Path, job: Job, suffix: str, data: bytes) -> None:
    """Write one file into the cache (atomically), and remove its older versions."""
    target = _cached(cache, job, suffix)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        temporary.replace(target)
        for old in cache.glob(f"{job.stem}*{suffix}"):
            if old != target and old.name.endswith(suffix) and \
                    old.name[len(job.stem):-len(suffix)].isalnum():
                old.unlink(missing_ok=True)
    except OSError:
        temporary.unlink(missing_ok=True)


def make_now(site: Site, edition: Edition, lang: str, content_root: Path, site_url: str
             ) -> tuple[dict[str, bytes], list[str]]:
    """The e-mail (HTML and text) and the PDF of `edition` in `lang`, made now, in a child
    process with the usual limits, without any cache (`proof`): file name -> bytes, and
    the warnings of their making."""
    job = job_of(site, edition, lang, content_root, site_url)
    fonts = pdf.find_fonts(os.environ.get(FONT_DIRS)) if job.pdf_name else None
    with tempfile.TemporaryDirectory(prefix="newsletter-proof-") as folder:
        cache = Path(folder)
        try:
            done, warnings, _seconds = _in_child(make_one, job, site, content_root.resolve(),
                                                 site_url, cache, fonts,
                                                 limits=_limits(site, job))
        except LimitExceeded as error:
            return {}, [limit_message(error, site, job)]
        files = {path.rsplit("/", 1)[1]: _cached(cache, done, suffix).read_bytes()
                 for suffix, path in done.files().items() if _cached(cache, done, suffix).is_file()}
    return files, (job_warnings(job) + warnings)


def job_warnings(job: Job) -> list[str]:
    """What keeps this machine from making a job's PDF (what to install)."""
    problem = pdf_problem()
    return [problem] if problem and job.pdf_name is None else []


# -- in the live preview -----------------------------------------------------------------

class OnDemand:
    """The live preview's e-mails and PDFs, drafts included: each made when a reader asks
    for it, in a process of its own, and kept (in a cache of the preview's, apart from the
    builds') until the content it is made of changes. The processes come from a fork
    server: the preview's own process runs threads, which a forked child could inherit
    locked."""

    def __init__(self, content_root: Path, site_url: str):
        self.root, self.site_url = content_root.resolve(), site_url
        self.cache = cache_folder() / "preview" / hashlib.sha256(
            str(self.root).encode("utf-8")).hexdigest()[:12]
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None

    def file(self, site: Site, edition_id: str, lang: str, name: str
             ) -> tuple[bytes | None, list[str]]:
        """The file `name` of the edition's e-mail and PDF in `lang` (None when the edition
        has no such file, or it could not be made), and the warnings of its making."""
        edition = next((e for e in site.editions if e.id == edition_id), None)
        if edition is None or lang not in LANGUAGES or not enabled():
            return None, []
        job = job_of(site, edition, lang, self.root, self.site_url)
        suffix = {path.rsplit("/", 1)[1]: suffix for suffix, path in job.files().items()}.get(name)
        if suffix is None:  # not one of its files (no PDF without the Korean font)
            return None, []
        target = _cached(self.cache, job, suffix)
        warnings: list[str] = []
        with self._lock:  # one at a time: a page asks for the same file more than once
            if not target.is_file():
                self.cache.mkdir(parents=True, exist_ok=True)
                try:
                    _job, warnings, _seconds = self._executor().submit(
                        _make_in_preview, i18n.current_language(), job, site, self.root,
                        self.site_url, self.cache).result(timeout=600)
                except LimitExceeded as error:  # the worker stopped its child: it goes on
                    return None, [limit_message(error, site, job)]
                except Exception as error:  # noqa: BLE001 - shown to the editor, not raised
                    self.close()  # a broken or stuck worker: the next file gets a new one
                    return None, [f"{type(error).__name__}: {error}"]
        return (target.read_bytes() if target.is_file() else None), warnings

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # Nothing preloaded in the fork server: its worker imports this package as
            # the preview found it (a preloaded import would follow the installed one).
            context = multiprocessing.get_context("forkserver")
            self._pool = ProcessPoolExecutor(1, mp_context=context,
                                             initializer=_ignore_interruptions)
        return self._pool

    def forget_code(self) -> None:
        """After a template or a catalog changed: the files are made again with them (a
        new key), by a new process (the old one keeps the catalogs it read)."""
        _tool_digest.cache_clear()
        with self._lock:
            self.close()

    def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:  # a file being made is finished by the worker, then it ends
            pool.shutdown(wait=False, cancel_futures=True)


def _ignore_interruptions() -> None:
    """Ctrl-C reaches the preview's whole process group: the preview stops its worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _make_in_preview(messages: str, job: Job, site: Site, content_root: Path, site_url: str,
                     cache: Path) -> tuple[Job, list[str], dict[str, float]]:
    """In the preview's worker (a process without threads, which can fork safely): the
    fonts are loaded once, each edition's files are made in a child, whose memory goes."""
    i18n.use_language(messages)
    fonts = pdf.find_fonts(os.environ.get(FONT_DIRS))
    if fonts is not None:
        pdf.prepare(photos.folder(), fonts)
    return _in_child(make_one, job, site, content_root, site_url, cache, fonts,
                     limits=_limits(site, job))


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
            source = _cached(work.cache, job, suffix)
            target = out / site_path
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                _link_or_copy(source, target)
            except OSError:
                result.missing.append(site_path)
                continue
            (result.made if (job.edition, job.lang) in remade else result.reused).append(site_path)
    return result


def _link_or_copy(source: Path, target: Path) -> None:
    """A hard link when the cache and the site share a file system (a PDF of thousands
    of pages is then not copied), else a copy. The cache replaces its files by renaming
    new ones over them, never by writing into them, so the site's file never changes."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def write_open_data(site: Site, out: Path, site_url: str) -> None:
    """`data/practices.json`, its schema and `data/practices.csv`."""
    document = opendata.practices_document(site, site_url)
    folder = out / "data"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "practices.json").write_bytes(opendata.practices_json(document))
    (folder / opendata.SCHEMA_NAME).write_bytes(opendata.schema())
    (folder / "practices.csv").write_bytes(opendata.practices_csv(document))
