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

import shutil
import sys
import tempfile
from pathlib import Path

from . import report
from .build import content_epoch, write_feeds, write_root_pages, write_search
from .editions import Site, collect, today
from .i18n import _
from .loading import LoadCache, load
from .mkdocs_site import (LanguageJob, build_language_again, build_languages, copy_images,
                          write_config, write_page)
from .model import LANGUAGES
from .pages import Page, load_guides, page_urls, render
from .search import TermCache


class Preview:
    def __init__(self, root: Path, out: Path, site_url: str):
        self.root, self.out, self.site_url = root.absolute(), out, site_url
        self.work = Path(tempfile.mkdtemp(prefix="newsletter-preview-docs-"))
        self.cache = LoadCache()
        self.terms = TermCache()
        self.site: Site | None = None
        self.written: dict[tuple[str, str], str] = {}
        self.jobs: dict[str, LanguageJob] = {}
        self.feed_html: dict[tuple[str, str], str] = {}

    def close(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)

    def update(self, changed: set[Path] | None = None) -> bool:
        """Rebuild after `changed` files were saved (None: everything). False on errors."""
        loaded = load(self.root, self.cache, history=False)
        shown = [p for p in loaded.problems if p.is_error or changed is None
                 or any(str(path).endswith(p.path) or p.path in str(path) for path in changed)]
        for line in report.lines(shown):
            print(line, file=sys.stderr)
        if loaded.errors or loaded.content is None:
            print(_("The preview keeps the last version that built; fix the errors above."),
                  file=sys.stderr)
            return False
        site = collect(loaded.content, today(), include_drafts=True)
        guides = load_guides()
        only = self._affected(site, changed)
        touched_langs = set()
        rendered: dict[str, list[Page]] = {}
        for lang in LANGUAGES:
            urls = set(page_urls(site, lang, guides.get(lang)))
            rendered[lang] = render(site, lang, guides.get(lang), only)
            for page in rendered[lang]:
                text = page.document() + page.parts()
                if self.written.get((lang, page.url)) != text:
                    write_page(page, self.work / lang)
                    self.written[(lang, page.url)] = text
                    touched_langs.add(lang)
            for gone in [url for (code, url) in self.written if code == lang and url not in urls]:
                del self.written[(lang, gone)]
                (self.work / lang / gone / "index.md").unlink(missing_ok=True)
                (self.work / lang / gone / "index.parts.json").unlink(missing_ok=True)
                shutil.rmtree(self.out / lang / gone, ignore_errors=True)
                touched_langs.add(lang)
            copy_images(site.practices, self.root, self.work / lang)
        if only is None:
            self.jobs = {lang: write_config(lang, rendered[lang], self.work / lang, self.out / lang,
                                            self.site_url, self.work, content_epoch(site))
                         for lang in LANGUAGES}
            warnings = build_languages(list(self.jobs.values()))
            write_root_pages(site, [p for lang in LANGUAGES for p in rendered[lang]], self.out,
                             self.site_url)
        else:
            warnings = [w for lang in sorted(touched_langs)
                        for w in build_language_again(self.jobs[lang])]
        for warning in warnings:
            print(f"mkdocs: {warning}", file=sys.stderr)
        write_search(site, self.out, self.terms)
        write_feeds(site, self.out, self.site_url, self.feed_html)
        self.site = site
        return True

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
        urls = {"", "editions/", "practices/", "stats/", "themes/", "sizes/"}
        for slug in slugs:
            for version in (self.site.practice(slug), site.practice(slug)):
                if version is not None:
                    urls |= {f"practices/{slug}/", f"editions/{version.edition}/",
                             f"sizes/{version.size}/"}
                    urls |= {f"themes/{key}/" for key in version.themes}
        return urls

