"""The whole build, stage after stage: read, validate, collect, render, write."""
from __future__ import annotations

import calendar
import datetime as dt
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .editions import Site, collect
from . import translations
from .feeds import build_feeds
from .loading import load
from .mkdocs_site import build_languages, write_config, write_docs
from .model import LANGUAGES, Problem
from .output import staged_directory
from .pages import Page, landing, load_guides, render
from .search import TermCache, build_index
from .sitemap import sitemap


@dataclass(frozen=True)
class BuildSettings:
    content_root: Path
    out: Path
    site_url: str
    today: dt.date
    drafts: bool = False


@dataclass(frozen=True)
class BuildResult:
    problems: list[Problem]
    built: bool
    pages: int = 0
    seconds: float = 0.0
    site_warnings: list[str] = field(default_factory=list)
    stages: dict[str, float] = field(default_factory=dict)


def build(settings: BuildSettings) -> BuildResult:
    """Build the site into `settings.out`, or leave it untouched and say why."""
    started = time.perf_counter()
    stages: dict[str, float] = {}

    def stage(name: str) -> None:
        now = time.perf_counter()
        stages[name] = now - started - sum(stages.values())

    loaded = load(settings.content_root)
    stage("read+validate")
    if loaded.errors or loaded.content is None:
        return BuildResult(loaded.problems, built=False, stages=stages)
    problems = loaded.problems + translations.warnings(loaded.content, settings.today)

    site = collect(loaded.content, settings.today, settings.drafts)
    guides = load_guides()
    pages = {lang: render(site, lang, guides.get(lang)) for lang in LANGUAGES}
    stage("render pages")

    with tempfile.TemporaryDirectory(prefix="newsletter-docs-") as work, \
            staged_directory(settings.out) as staging:
        jobs = []
        for lang in LANGUAGES:
            docs_dir = Path(work) / lang
            write_docs(pages[lang], site.practices, settings.content_root, docs_dir)
            jobs.append(write_config(lang, pages[lang], docs_dir, staging / lang,
                                     settings.site_url, Path(work), content_epoch(site)))
        site_warnings = build_languages(jobs)
        stage("mkdocs")
        all_pages = [page for lang in LANGUAGES for page in pages[lang]]
        write_root_pages(site, all_pages, staging, settings.site_url)
        stage("other outputs")
        write_search(site, staging)
        stage("search")
        write_feeds(site, staging, settings.site_url)
        stage("feeds")
    return BuildResult(problems, built=True, pages=_count(all_pages),
                       seconds=time.perf_counter() - started, site_warnings=site_warnings,
                       stages=stages)


def write_root_pages(site: Site, pages: list[Page], out: Path, site_url: str) -> None:
    """The bilingual landing page and the sitemap."""
    (out / "index.html").write_text(landing(site), encoding="utf-8")
    (out / "sitemap.xml").write_bytes(sitemap(pages, site_url))


def write_search(site: Site, out: Path, cache: TermCache | None = None) -> None:
    """Each language's search index (search/nl-index.json)."""
    terms = cache or TermCache()
    for lang in LANGUAGES:
        (out / lang / "search").mkdir(parents=True, exist_ok=True)
        (out / lang / "search" / "nl-index.json").write_bytes(build_index(site, lang, terms.words))
    terms.save()


def write_feeds(site: Site, out: Path, site_url: str,
                html: dict[tuple[str, str], str] | None = None) -> None:
    for feed in build_feeds(site, site_url, html):
        target = out / feed.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(feed.data)


def content_epoch(site: Site) -> int:
    """The newest publication date, as a timestamp: a date of the content, not of the build."""
    newest = max((e.published for e in site.editions), default=dt.date(2020, 1, 1))
    return calendar.timegm(newest.timetuple())


def _count(pages: list[Page]) -> int:
    return len(pages) + 1  # and the landing page
