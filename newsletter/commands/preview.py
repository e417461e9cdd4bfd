"""The live preview's builder: a full build first, then, after each save, only
what depends on the saved files.

A saved practice changes its own pages, the listings it appears in (its
edition, themes and size, the home, the practices page, the statistics), the
search index and the feeds. Those pages are rendered again and rewritten; mkdocs
then builds "dirty" (only the Markdown files that changed). Anything else (the
taxonomy, an edition, a template, a catalog) rebuilds everything. Drafts are
shown. Nothing here is used by `build`, whose output never depends on a
previous one.
"""
from __future__ import annotations

import functools
import shutil
import sys
from pathlib import Path

from ..letters import artifacts, ondemand
from .. import i18n
from . import report
from ..output import temporary_folder
from ..build import (KoreanTerms, build_language_site, memory_folder, write_feeds,
                    write_indexes, write_root_pages)
from ..content.editions import Site, collect, today
from ..letters.feeds import build_feeds
from ..i18n import _
from ..content.loading import LoadCache, load
from ..site.mkdocs_site import (OVERRIDES_DIR, LanguageJob, build_language_again, link_images,
                          write_page)
from ..content.model import LANGUAGES
from ..site import reuse
from ..site.pages import load_guides, page_urls, render
from ..templating import environment
from ..processes import Given, running
from ..site.search import TermCache, analyse_korean, build_index


ALL_DOWNLOADS = functools.partial(artifacts.downloads, which="all")
"""Every edition page links its e-mail and PDF, drafts included: made when opened."""


class Preview:
    def __init__(self, root: Path, out: Path, site_url: str):
        self.root, self.out, self.site_url = root.resolve(), out, site_url
        self.work = temporary_folder("newsletter-preview-docs-", memory_folder(32_000_000))
        self.cache = LoadCache()
        self.terms = TermCache()
        self.site: Site | None = None
        self.written: dict[tuple[str, str], str] = {}
        """(lang, url) -> digest of the page as last written."""
        self.jobs: dict[str, LanguageJob] = {}
        self.feed_html: dict[tuple[str, ...], str] = {}
        self.errors: list[str] = []
        """The errors that stopped the last update, as editors read them (none: it built)."""
        self.editions = ondemand.OnDemand(self.root, site_url)
        """The editions' e-mails and PDFs, made when they are asked for (`edition_file`)."""

    def close(self) -> None:
        self.editions.close()
        shutil.rmtree(self.work, ignore_errors=True)

    def edition_file(self, lang: str, edition_id: str, name: str) -> tuple[bytes | None, list[str]]:
        """An edition's e-mail or PDF (drafts included) as the current content makes it;
        None when there is no such file or it could not be made (the list says why)."""
        if self.site is None:  # the last update failed: what to fix
            return None, self.errors
        return self.editions.file(self.site, edition_id, lang, name)

    def forget(self, why: list[str]) -> None:
        """After an update that failed (`why`): the next one builds everything again."""
        self.site, self.errors = None, why

    def update(self, changed: set[Path] | None = None) -> bool:
        """Rebuild after `changed` files were saved (None: everything). False on errors."""
        loaded = load(self.root, self.cache, history=False)
        shown = [p for p in loaded.problems if p.is_error or changed is None
                 or any(p.path in str(path) for path in changed)]
        for line in report.lines(shown):
            print(line, file=sys.stderr)
        self.errors = report.lines(loaded.errors)
        if loaded.errors or loaded.content is None:
            print(_("The preview keeps the last version that built; fix the errors above."),
                  file=sys.stderr)
            return False
        site = collect(loaded.content, today(), include_drafts=True)
        only = self._affected(site, changed)
        warnings = self._full(site) if only is None else self._again(site, only)
        for warning in warnings:
            print(f"mkdocs: {warning}", file=sys.stderr)
        if only is not None:  # a full build wrote them already
            analyse_korean(site, self.terms.words)
            write_indexes({lang: build_index(site, lang, self.terms.words) for lang in LANGUAGES},
                          self.out)
            write_feeds(build_feeds(site, self.site_url, self.feed_html), self.out)
        self.terms.save()
        artifacts.write_open_data(site, self.out, self.site_url)
        self.site = site
        return True

    def _full(self, site: Site) -> list[str]:
        # A full rebuild follows a change of a template or a catalog too: what this
        # process has read of them is read again.
        i18n.catalog.cache_clear()
        environment.cache_clear()
        self.editions.forget_code()
        i18n.install_catalogs(OVERRIDES_DIR, LANGUAGES)
        shutil.rmtree(self.work, ignore_errors=True)
        analyse_korean(site, self.terms.words)
        language_site = functools.partial(
            build_language_site, site=site, guides=load_guides(), root=self.root, work=self.work,
            out=self.out, site_url=self.site_url, terms=KoreanTerms(self.terms.words, Given(({}, 0.0))),
            downloads=ALL_DOWNLOADS)
        with running(language_site, LANGUAGES) as results:
            languages = results()
        self.written = {(result.lang, url): digest for result in languages
                        for url, digest in result.digests.items()}
        self.jobs = {result.lang: result.job for result in languages}
        write_root_pages(site, [page for result in languages for page in result.pages], self.out,
                         self.site_url)
        return [warning for result in languages for warning in result.warnings]

    def _again(self, site: Site, only: set[str]) -> list[str]:
        guides = load_guides()
        warnings = []
        for lang in LANGUAGES:
            touched = False
            for page in render(site, lang, guides.get(lang), only, site_url=self.site_url,
                               downloads=ALL_DOWNLOADS):
                digest = reuse.page_digest(page)
                if self.written.get((lang, page.url)) != digest:
                    write_page(page, self.work / lang)
                    self.written[(lang, page.url)] = digest
                    touched = True
            urls = set(page_urls(site, lang, guides.get(lang)))
            for gone in [url for (code, url) in self.written if code == lang and url not in urls]:
                del self.written[(lang, gone)]
                for name in ("index.md", "index.parts.json"):
                    (self.work / lang / gone / name).unlink(missing_ok=True)
                shutil.rmtree(self.out / lang / gone, ignore_errors=True)
                touched = True
            if link_images(site.practices, self.root, self.work / lang):
                touched = True  # an image replaced: mkdocs copies its published copy
            if touched:
                warnings += build_language_again(self.jobs[lang])
        return warnings

    def _affected(self, site: Site, changed: set[Path] | None) -> set[str] | None:
        """The pages a save changes, or None when everything must be built again."""
        practices = self.root / "practices"
        if self.site is None or not changed or not self.jobs:
            return None
        slugs = set()
        for path in changed:
            try:
                slugs.add(path.absolute().relative_to(practices).parts[0])
            except (ValueError, IndexError):
                return None  # not a practice: the taxonomy, an edition, a template…
        urls = {"", "editions/", "practices/", "stats/", "themes/", "sizes/", "subscribe/"}
        for slug in slugs:
            for version in (self.site.practice(slug), site.practice(slug)):
                if version is not None:
                    urls |= {f"practices/{slug}/", f"editions/{version.edition}/",
                             f"sizes/{version.size}/"}
                    urls |= {f"themes/{key}/" for key in version.themes}
        # The directory's pages list practices and suggest them to every collectivity (issue 12).
        if site.collectivities:
            urls |= {"collectivities/", "map/"}
            urls |= {f"collectivities/{c.key}/" for c in site.collectivities}
        return urls
