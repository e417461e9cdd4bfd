"""The site layer: our pages in, a Material for MkDocs site out, one per language.

Everything that knows about mkdocs is here, and it only uses mkdocs's public
surface (config files with INHERIT, `load_config`, `build`, theme overrides).
Replacing the site layer later (Material reaches end of life in 2027) means
replacing this module and `overrides/`.
"""
from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from typing import Collection
from pathlib import Path

import yaml

from ..content import markup, photos
from .. import i18n
from ..content.model import Practice
from .page import Page
from .pages import nav
from . import reuse

BASE_CONFIG = i18n.TOOL_ROOT / "mkdocs.yml"
OVERRIDES_DIR = i18n.TOOL_ROOT / "overrides"


class SiteLayerError(Exception):
    """mkdocs could not build a language's site."""


@dataclass(frozen=True)
class LanguageJob:
    lang: str
    config_file: Path
    source_date_epoch: int
    """mkdocs dates its sitemap with it: from the content, so that builds are reproducible."""


def configured_site_url() -> str | None:
    """`site_url` of mkdocs.yml (read as text: its tags are for mkdocs's loader)."""
    for line in BASE_CONFIG.read_text(encoding="utf-8").splitlines():
        if line.startswith("site_url:"):
            value = line.split(":", 1)[1].strip().strip("'\"")
            return value or None
    return None


def write_docs(pages: list[Page], practices: tuple[Practice, ...], content_root: Path,
               docs_dir: Path, placeholders: Collection[str] = ()) -> None:
    """The Markdown pages of one language, and the images beside the practice pages.
    The docs files named in `placeholders` (`reuse.Request.placeholders`) are left empty."""
    for page in pages:
        if page.source_path in placeholders:
            target = docs_dir / page.source_path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.touch()
        else:
            write_page(page, docs_dir)
    link_images(practices, content_root, docs_dir)


def write_page(page: Page, docs_dir: Path) -> None:
    """The page's Markdown, and beside it the HTML that goes around it."""
    target = docs_dir / page.source_path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page.document(), encoding="utf-8")
    (docs_dir / page.parts_path).write_text(page.parts(), encoding="utf-8")


def link_images(practices: tuple[Practice, ...], content_root: Path, docs_dir: Path) -> bool:
    """The images that the practices show, beside their pages: as links to their published
    copies (`photos`: without metadata, turned upright; never the editor's file), which
    mkdocs copies into the site; so the docs folder, in memory, holds no image. True when
    a link was made or changed."""
    changed = False
    for practice in practices:
        for image in practice.images:
            name = practice.published_image(image)
            if name is None:
                continue
            try:
                source = photos.path_of(name, content_root / "practices" / practice.slug / image)
            except (photos.Unreadable, photos.TooLarge):
                continue  # changed since it was checked: the next build says why
            target = docs_dir / "practices" / practice.slug / image
            if target.is_symlink() and Path(os.readlink(target)) == source:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)
            target.symlink_to(source)
            changed = True
            try:  # a copy made long ago (an image put back as it was) is new to a live
                os.utime(source)  # preview's "dirty" build, which copies only newer files
            except OSError:
                pass
    return changed


def write_config(lang: str, pages: list[Page], docs_dir: Path, site_dir: Path, site_url: str,
                 work_dir: Path, source_date_epoch: int,
                 footer: dict[str, str] | None = None) -> LanguageJob:
    """A config for one language that inherits mkdocs.yml."""
    gettext = i18n.catalog(lang).gettext
    config = {
        "INHERIT": str(BASE_CONFIG),
        "site_name": gettext("Good Practices Newsletter"),
        "site_description": gettext(
            "Good practices of French and Korean local governments, twice a year."),
        "site_url": f"{site_url.rstrip('/')}/{lang}/",
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        # `language` localises Material's own strings, `locale` installs our catalog in its templates.
        "theme": {"custom_dir": str(OVERRIDES_DIR), "language": lang, "locale": lang},
        "nav": nav(pages, lang),
        "hooks": [str(Path(__file__).with_name("mkdocs_hooks.py"))],
        "exclude_docs": "*.parts.json",  # read by the hooks, not published
        # Who publishes the letter, for every page's footer (overrides/main.html).
        "extra": {"nl_footer": footer or {}},
    }
    config_file = work_dir / f"mkdocs-{lang}.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                           encoding="utf-8")
    return LanguageJob(lang, config_file, source_date_epoch)


def build_language(job: LanguageJob, pages: reuse.Request | None = None) -> list[str]:
    """mkdocs build of one language; returns mkdocs's warnings. With `pages`, only the
    pages that changed since the last build are rendered (`reuse`, `mkdocs_reuse`)."""
    ok, messages = _build_language(job, pages=pages)
    if not ok:
        raise SiteLayerError(f"{job.lang}: " + "\n".join(messages))
    return [f"{job.lang}: {message}" for message in messages]


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "'dirty' build" not in message:  # the preview asks for it
            self.messages.append(message)


def build_language_again(job: LanguageJob) -> list[str]:
    """A "dirty" mkdocs build: only the pages whose Markdown changed (live preview)."""
    ok, messages = _build_language(job, dirty=True)
    if not ok:
        raise SiteLayerError(f"{job.lang}: " + "\n".join(messages))
    return [f"{job.lang}: {message}" for message in messages]


def _build_language(job: LanguageJob, dirty: bool = False,
                    pages: reuse.Request | None = None) -> tuple[bool, list[str]]:
    """mkdocs build of one language (runs in a worker process)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException
    from mkdocs.utils import clean_directory

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if not os.environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit():  # unset, or empty
        os.environ["SOURCE_DATE_EPOCH"] = str(job.source_date_epoch)
    logger = logging.getLogger("mkdocs")
    collector = _Collector()
    logger.addHandler(collector)
    logger.propagate = False
    logger.setLevel(logging.WARNING)
    try:
        permalink_title = i18n.catalog(job.lang).gettext("Permanent link")
        # Given here, not in the file: the Markdown of the site is the feeds' (`markup`).
        config = load_config(config_file=str(job.config_file),
                             markdown_extensions=markup.mkdocs_extensions(permalink_title))
        if pages is not None:  # mkdocs's "dirty" build, each page's fate decided by the plugin
            from .mkdocs_reuse import Reuse

            config.plugins["nl-reuse"] = Reuse(pages, _config_key(job, permalink_title))
            clean_directory(config.site_dir)  # as a full build does
            dirty = True
        config.plugins.on_startup(command="build", dirty=dirty)
        try:
            build(config, dirty=dirty)
        finally:
            config.plugins.on_shutdown()
    except (MkDocsException, OSError, yaml.YAMLError) as error:
        return False, collector.messages + [str(error)]
    finally:
        logger.removeHandler(collector)
    return True, collector.messages


def _config_key(job: LanguageJob, permalink_title: str) -> str:
    """What, beside a page's own document and parts, makes its HTML: the tool, the
    language's configuration (its folders aside), the build's date."""
    config = yaml.safe_load(job.config_file.read_text(encoding="utf-8"))
    for name in ("docs_dir", "site_dir"):
        config.pop(name, None)
    return reuse.digest(reuse.tool_key(), json.dumps(_tool_relative(config), sort_keys=True,
                                                     ensure_ascii=False),
                        permalink_title, os.environ.get("SOURCE_DATE_EPOCH", ""))


def _tool_relative(value: object) -> object:
    """The tool's paths (mkdocs.yml, the hooks, the overrides) from its folder: the tool's
    key (`reuse.tool_key`) holds what they contain, wherever the project is."""
    if isinstance(value, dict):
        return {key: _tool_relative(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_tool_relative(item) for item in value]
    root = f"{i18n.TOOL_ROOT}{os.sep}"
    return f"<tool>/{value[len(root):]}" if isinstance(value, str) and value.startswith(root) \
        else value
