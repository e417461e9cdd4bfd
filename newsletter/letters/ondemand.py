"""The live preview's e-mails and PDFs, drafts included: each made when a reader asks for
it (`OnDemand`), in a process of its own, and kept until the content it is made of changes."""
from __future__ import annotations

import hashlib
import os
import multiprocessing
import signal
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..content import photos
from ..content.editions import Site
from ..content.model import LANGUAGES
from .. import i18n
from . import pdf
from .artifacts import FONT_DIRS, Job, cached_path, tool_digest, cache_folder, enabled, job_of
from .making import LimitExceeded, in_child, limits_for, limit_message, make_one

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
        target = cached_path(self.cache, job, suffix)
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
        tool_digest.cache_clear()
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
    return in_child(make_one, job, site, content_root, site_url, cache, fonts,
                     limits=limits_for(site, job))
