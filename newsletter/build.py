"""The whole build, stage after stage: read, validate, collect, render, write."""
from __future__ import annotations

import base64
import calendar
import datetime as dt
import functools
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .letters import artifacts, making
from .content import translations
from . import caches, i18n
from .content.editions import Site, collect, is_draft
from .content.fiche import file_name as fiche_name
from .letters.feeds import Feed, build_feeds
from .content.loading import load
from .site.mkdocs_site import (OVERRIDES_DIR, LanguageJob, build_language, write_config,
                               write_docs, write_page)
from .content.model import LANGUAGES, Content, Problem
from .output import staged_directory, temporary_folder
from .site import reuse
from .site.page import EditionFiles, PageRef, no_downloads
from .site.pages import Guide, footer, landing, load_guides, render
from .processes import SILENT, Beside, Given, Progress, beside, running
from .site.search import TermCache, analyse_words, build_index, unknown_korean_words
from .site.sitemap import sitemap


@dataclass(frozen=True)
class BuildSettings:
    content_root: Path
    out: Path
    site_url: str
    today: dt.date
    drafts: bool = False


@dataclass(frozen=True)
class DraftLeftOut:
    id: str
    published: dt.date
    practices: int


def drafts_left_out(content: Content, on: dt.date) -> list[DraftLeftOut]:
    """The editions a public build leaves out on `on`, with their number of practices."""
    return [DraftLeftOut(e.id, e.published, sum(p.edition == e.id for p in content.practices))
            for e in sorted(content.editions, key=lambda e: (e.published, e.id))
            if is_draft(e, on)]


@dataclass(frozen=True)
class BuildResult:
    problems: list[Problem]
    built: bool
    pages: int = 0
    seconds: float = 0.0
    site_warnings: list[str] = field(default_factory=list)
    stages: dict[str, float] = field(default_factory=dict)
    """Seconds per stage; "render pages" and "mkdocs" run in one process per language,
    while "search" and "feeds" run in this one."""
    shallow_history: bool = False
    """Practices were dated without git: a shallow clone (see `history`)."""
    artifacts: artifacts.Installed | None = None
    """The editions' e-mails and PDFs: made by this build, or taken from the cache."""
    artifact_warnings: list[str] = field(default_factory=list)
    """What kept some of them from being made (a missing font: what to install)."""
    drafts_left_out: list[DraftLeftOut] = field(default_factory=list)
    """The draft editions this build left out (none with --drafts)."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


@dataclass(frozen=True)
class LanguageSite:
    """What building one language's site gave."""

    lang: str
    pages: list[PageRef]
    digests: dict[str, str]
    """Page url -> hash of what was written for it (a live preview compares them)."""
    warnings: list[str]
    job: LanguageJob
    """mkdocs's config of the language (a live preview builds with it again)."""
    seconds: dict[str, float]
    """Per stage: render pages, mkdocs, feeds, search."""


def build(settings: BuildSettings, progress: Progress = SILENT) -> BuildResult:
    """Build the site into `settings.out`, or leave it untouched and say why; `progress`
    hears of each stage as it starts and ends (from every process)."""
    started = time.perf_counter()
    stages: dict[str, float] = progress.stages()

    progress.started("read+validate")
    loaded = load(settings.content_root)
    stages["read+validate"] = time.perf_counter() - started
    if loaded.errors or loaded.content is None:
        return BuildResult(loaded.problems, built=False, stages=stages,
                           shallow_history=loaded.shallow_history)
    problems = loaded.problems + translations.warnings(loaded.content, settings.today)
    site = collect(loaded.content, settings.today, settings.drafts)
    # The editions' e-mails and PDFs that the cache does not hold are made in worker
    # processes from now on, beside the Korean analysis and the language sites (`artifacts`).
    clock = time.perf_counter()
    progress.started("artifacts plan")
    work = artifacts.plan(site, settings.content_root, settings.site_url) \
        if artifacts.enabled() else None
    stages["artifacts plan"] = time.perf_counter() - clock
    with making.generating(work, site, settings.content_root, settings.site_url,
                           progress) as made:
        terms = TermCache()
        with work_folder("newsletter-docs-", site) as folder, \
                staged_directory(settings.out) as staging, \
                beside(_analyse_korean, site, terms.words, progress,
                       folder=str(folder)) as analysis:
            # Each language renders its pages, runs mkdocs, writes its feeds and its search
            # index in its own process; the Korean analysis runs beside them until their
            # search index needs it.
            i18n.install_catalogs(OVERRIDES_DIR, LANGUAGES)
            language_site = functools.partial(
                build_language_site, site=site, guides=load_guides(),
                root=settings.content_root, work=folder, out=staging,
                site_url=settings.site_url, terms=KoreanTerms(terms.words, analysis),
                downloads=functools.partial(artifacts.downloads, which="published")
                if work else no_downloads, progress=progress)
            with running(language_site, LANGUAGES) as results:
                # Meanwhile, in this process (cheap: with or without e-mails and PDFs).
                artifacts.write_open_data(site, staging, settings.site_url)
                languages: list[LanguageSite] = results()
            analysed, seconds = analysis.result()
            terms.words.update(analysed)
            terms.save()
            stages.record("korean analysis", seconds)
            for name in ("render pages", "mkdocs", "feeds", "search"):
                stages[name] = max(result.seconds[name] for result in languages)
            clock = time.perf_counter()
            progress.started("other outputs")
            pages = [page for result in languages for page in result.pages]
            write_root_pages(site, pages, staging, settings.site_url)
            stages["other outputs"] = time.perf_counter() - clock
            clock = time.perf_counter()
            progress.started("artifacts wait")
            generated = made()
            stages["artifacts wait"] = time.perf_counter() - clock
            for kind, seconds in generated.seconds.items():
                stages[f"artifacts {kind} (workers)"] = seconds
            installed = artifacts.install(work, generated, staging) if work else None
            missing = artifacts.missing_downloads(site, staging) if work else []
            if missing:  # the pages link them: better no new site than dead links
                raise artifacts.ArtifactError("\n".join(generated.warnings + missing))
    return BuildResult(problems, built=True, pages=len(pages) + 1,
                       seconds=time.perf_counter() - started,
                       site_warnings=[w for result in languages for w in result.warnings],
                       stages=stages, shallow_history=loaded.shallow_history,
                       artifacts=installed,
                       artifact_warnings=(work.warnings if work else []) + generated.warnings,
                       drafts_left_out=[] if settings.drafts else
                       drafts_left_out(loaded.content, settings.today))


@dataclass(frozen=True)
class KoreanTerms:
    """The Korean words analysed by earlier builds (`known`) and those that the analysis
    running beside the languages adds: what a search index needs, at its stage."""

    known: dict[str, list[str]]
    analysis: Beside | Given

    def words(self) -> dict[str, list[str]]:
        analysed, _seconds = self.analysis.result()
        return {**self.known, **analysed} if analysed else self.known


def _analyse_korean(site: Site, known: dict[str, list[str]],
                    progress: Progress) -> tuple[dict[str, list[str]], float]:
    """Kiwi's analysis of the Korean words of the site that `known` lacks, in a process
    of its own beside the languages' pages (`beside`: Kiwi's model, half a gigabyte, loads
    there and goes with it); finding those words is part of it."""
    clock = time.perf_counter()
    progress.started("korean analysis")
    words = unknown_korean_words(site, known)
    analysed = analyse_words(words) if words else {}
    seconds = time.perf_counter() - clock
    progress.finished("korean analysis", seconds)
    return analysed, seconds


def build_language_site(lang: str, site: Site, guides: dict[str, Guide], root: Path, work: Path,
                        out: Path, site_url: str, terms: KoreanTerms | None = None,
                        feed_html: dict[tuple[str, ...], str] | None = None,
                        downloads: EditionFiles = no_downloads,
                        progress: Progress = SILENT) -> LanguageSite:
    """One language: its pages rendered and written for mkdocs, mkdocs's build, its feeds
    and its search index (`terms`: the Korean words, analysed before or beside it)."""
    seconds: dict[str, float] = {}
    clock = time.perf_counter()
    progress.started("render pages", lang)

    def stage(name: str, then: str | None = None) -> None:
        nonlocal clock
        seconds[name] = time.perf_counter() - clock
        clock = time.perf_counter()
        progress.finished(name, seconds[name], lang)
        if then:
            progress.started(then, lang)

    store = reuse.store_folder(lang)
    pages = render(site, lang, guides.get(lang), site_url=site_url, downloads=downloads,
                   kept=store)
    digests = {page.url: reuse.page_digest(page) for page in pages}
    by_source = {page.source_path: page for page in pages}
    request = reuse.Request(store, {page.source_path: digests[page.url] for page in pages},
                            reuse.Store(store).load(),
                            lambda uri: write_page(by_source[uri], work / lang))
    write_docs(pages, site.practices, root, work / lang, request.placeholders)
    write_fiche(site, lang, work / lang)
    job = write_config(lang, pages, work / lang, out / lang, site_url, work, content_epoch(site),
                       footer(site, lang))
    stage("render pages", then="mkdocs")
    warnings = build_language(job, request)
    stage("mkdocs", then="feeds")
    write_feeds(build_feeds(site, site_url, feed_html, languages=(lang,)), out)
    stage("feeds", then="search")
    write_indexes({lang: build_index(site, lang, terms.words() if terms else None)}, out)
    stage("search")
    return LanguageSite(lang, [page.ref for page in pages], digests, warnings, job, seconds)


def write_fiche(site: Site, lang: str, docs: Path) -> None:
    """The blank fiche of `lang` beside the submit page (issue 20); mkdocs copies it."""
    day = dt.datetime.fromtimestamp(content_epoch(site), dt.timezone.utc).date()
    inputs = (site.taxonomy, lang, site.office(lang), site.next_edition, day)
    # Kept from build to build: python-docx takes a tenth of a second to write it.
    memo = caches.Memo("fiche-" + lang)

    def make() -> str:
        from .letters import fiche  # python-docx: imported only when the fiche is made
        return base64.b64encode(fiche.blank(*inputs)).decode("ascii")
    data = base64.b64decode(memo.get(caches.key("blank fiche", reuse.fingerprint(inputs)), make))
    memo.save()
    target = docs / "submit" / fiche_name(lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


MEMORY = Path("/dev/shm")


def memory_folder(needed: int = 0) -> str | None:
    """A folder in memory for the intermediate Markdown files (thousands of small files:
    on a disk, creating them costs more than writing them), when the system has one
    with room for `needed` bytes and to spare; else None (the disk's temporary folder).
    Docker gives containers 64 MB of /dev/shm by default."""
    try:
        usable = MEMORY.is_dir() and os.access(MEMORY, os.W_OK) and \
            shutil.disk_usage(MEMORY).free > 2 * needed + 16_000_000
    except OSError:
        usable = False
    return str(MEMORY) if usable else None


def intermediate_size(site: Site) -> int:
    """About how many bytes the docs folders of both languages take (images are links)."""
    words = sum(len(t.body.encode("utf-8")) + len(t.summary.encode("utf-8")) * 8
                for p in site.practices for t in p.translations.values())
    return len(LANGUAGES) * (2 * words + 12_000 * (len(site.practices) + 50))


@contextmanager
def work_folder(prefix: str, site: Site) -> Iterator[Path]:
    """A temporary folder for the intermediate files, removed afterwards (and by a later
    build, if this one is killed)."""
    folder = temporary_folder(prefix, memory_folder(intermediate_size(site)))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def write_indexes(indexes: dict[str, bytes], out: Path) -> None:
    for lang, data in indexes.items():
        (out / lang / "search").mkdir(parents=True, exist_ok=True)
        (out / lang / "search" / "nl-index.js").write_bytes(data)


def write_feeds(feeds: list[Feed], out: Path) -> None:
    for feed in feeds:
        target = out / feed.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(feed.data)


def write_root_pages(site: Site, pages: list[PageRef], out: Path, site_url: str) -> None:
    """The bilingual landing page and the sitemap."""
    (out / "index.html").write_text(landing(site, site_url), encoding="utf-8")
    (out / "sitemap.xml").write_bytes(sitemap(pages, site_url))


def content_epoch(site: Site) -> int:
    """The newest publication date, as a timestamp: a date of the content, not of the build."""
    newest = max((e.published for e in site.editions), default=dt.date(2020, 1, 1))
    return calendar.timegm(newest.timetuple())
