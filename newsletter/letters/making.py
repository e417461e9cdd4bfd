"""Making the editions' e-mails and PDFs: in worker processes beside the site, each
edition in a child process of its own (Typst keeps its memory until its process ends),
stopped past its limits of time and memory (`Limits`), written into the cache (`artifacts`).
"""
from __future__ import annotations

import functools
import os
import pickle
import select
import signal
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Literal

from ..content import markup, photos, structure
from ..content.editions import Site
from ..content.model import Edition
from ..i18n import _
from ..processes import SILENT, Progress, _die_with_parent, running
from . import email, pdf, pdf_data
from .artifacts import FONT_DIRS, WORKERS, Job, Made, Plan, cached_path, job_of, pdf_problem

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
def generating(work: Plan | None, site: Site, content_root: Path, site_url: str,
               progress: Progress = SILENT) -> Iterator[Callable[[], Made]]:
    """Start making the missing files in worker processes; the block calls the yielded
    function to wait for them. `progress` hears of each edition's files as they are made
    (stage "artifacts")."""
    if work is None or not work.missing:
        yield lambda: Made([], [], {})
        return
    make = functools.partial(make_batch, site=site, content_root=content_root.resolve(),
                             site_url=site_url, cache=work.cache, progress=progress)
    started = time.perf_counter()
    progress.started("artifacts", total=len(work.missing))
    with running(make, batches(work.missing), even_one=True) as results:
        def wait() -> Made:
            outcomes: list[Made] = results()
            progress.finished("artifacts", time.perf_counter() - started)
            seconds: dict[str, float] = {}
            for outcome in outcomes:
                for kind, value in outcome.seconds.items():
                    seconds[kind] = seconds.get(kind, 0.0) + value
            warnings = list(dict.fromkeys(w for o in outcomes for w in o.warnings))
            return Made([job for o in outcomes for job in o.jobs], warnings, seconds)
        yield wait


def make_batch(jobs: list[Job], site: Site, content_root: Path, site_url: str,
               cache: Path, progress: Progress = SILENT) -> Made:
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
            done, said, spent = in_child(make_one, job, site, content_root, site_url, cache,
                                          fonts, limits=limits_for(site, job))
        except LimitExceeded as error:
            warnings.append(limit_message(error, site, job))
            continue
        except Exception as error:  # noqa: BLE001 - one edition's files, not the whole site
            warnings.append(_("{edition} ({lang}): the e-mail and the PDF could not be made: "
                              "{error}").format(edition=job.edition, lang=job.lang,
                                                error=f"{type(error).__name__}: {error}"))
            continue
        finally:
            progress.advanced("artifacts")
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


def in_child(function, *arguments, limits: Limits | None = None):  # type: ignore[no-untyped-def]
    """`function(*arguments)` in a forked child, its result read back through a pipe:
    Typst keeps what it computed for the life of the process, so each PDF is made in a
    process of its own, whose memory goes when it ends. With `limits`, the child is
    stopped when it runs longer or holds more memory (LimitExceeded)."""

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
    """What stopped an edition's files, naming the text (a practice's, or the edito) that
    weighs most."""
    texts = [(f"practices/{p.slug}/{p.text(job.lang).lang}.md", p.text(job.lang).body)
             for p in site.in_edition(job.edition)]
    edito = site.edition(job.edition).text(job.lang)
    texts.append((edito.path, edito.body))
    heaviest = max(texts, key=lambda text: _weight(text[1]))[0]
    if error.kind == "seconds":
        said = _("{edition} ({lang}): making the e-mail and the PDF took more than {count} "
                 "seconds and was stopped")
    else:
        said = _("{edition} ({lang}): making the e-mail and the PDF took more than {count} MB "
                 "of memory and was stopped")
    said = said.format(edition=job.edition, lang=job.lang, count=f"{error.limit:g}")
    return said + _("; the heaviest text is {path}: simplify it (tables inside tables, very "
                    "long tables or lists)").format(path=heaviest)


def limits_for(site: Site, job: Job) -> Limits:
    return Limits.for_edition(len(site.in_edition(job.edition)))


def make_one(job: Job, site: Site, content_root: Path, site_url: str, cache: Path,
             fonts: pdf.Fonts | None) -> tuple[Job, list[str], dict[str, float]]:
    """The e-mail and the PDF of one edition in one language, into the cache."""
    edition = site.edition(job.edition)
    warnings: list[str] = []
    base = site_url.rstrip("/") + "/"
    clock = time.process_time()  # this process's, Typst's threads included
    pdf_bytes = None
    if job.pdf_name and fonts is not None:
        document = pdf_data.document(site, edition, job.lang, site_url, job.number)
        for attempt in (document, pdf_data.without_images(document)):
            try:
                pdf_bytes = pdf.compile_pdf(attempt, photos.folder(), fonts)
                break
            except pdf.PdfUnavailable as error:
                warnings.append(str(error))
                break
            except pdf.PdfError as error:  # an image Typst cannot read: then without images
                warnings.append(_("{edition} ({lang}): the PDF could not be made: {error}")
                                .format(edition=job.edition, lang=job.lang, error=error))
    pdf_seconds = time.process_time() - clock
    clock = time.process_time()
    pdf_url = f"{base}{job.lang}/editions/{job.edition}/{job.pdf_name}" if pdf_bytes else None
    mail = email.render_email(site, edition, job.lang, site_url, job.number, pdf_url)
    if len(mail.html.encode("utf-8")) > email.SIZE_LIMIT:
        warnings.append(_("{edition} ({lang}): the e-mail is over {limit} KB even without the "
                          "practices (the edito is too long): Gmail will cut it; shorten the "
                          "edito").format(edition=job.edition, lang=job.lang,
                                          limit=email.SIZE_LIMIT // 1000))
    _store(cache, job, ".email.html", mail.html.encode("utf-8"))
    _store(cache, job, ".email.txt", mail.text.encode("utf-8"))
    seconds = {"pdf": pdf_seconds, "e-mail": time.process_time() - clock}
    if pdf_bytes is None:
        return Job(job.edition, job.lang, job.number, job.key, None, job.cost), warnings, seconds
    _store(cache, job, ".pdf", pdf_bytes)
    return job, warnings, seconds



def _store(cache: Path, job: Job, suffix: str, data: bytes) -> None:
    """Write one file into the cache (atomically), and remove its older versions."""
    target = cached_path(cache, job, suffix)
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
            done, warnings, _seconds = in_child(make_one, job, site, content_root.resolve(),
                                                 site_url, cache, fonts,
                                                 limits=limits_for(site, job))
        except LimitExceeded as error:
            return {}, [limit_message(error, site, job)]
        files = {path.rsplit("/", 1)[1]: cached_path(cache, done, suffix).read_bytes()
                 for suffix, path in done.files().items() if cached_path(cache, done, suffix).is_file()}
    return files, (job_warnings(job) + warnings)


def job_warnings(job: Job) -> list[str]:
    """What keeps this machine from making a job's PDF (what to install)."""
    problem = pdf_problem()
    return [problem] if problem and job.pdf_name is None else []
