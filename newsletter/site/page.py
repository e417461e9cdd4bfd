"""A page of the site as a plain value: what a template made of the model, ready for
mkdocs's docs folder (its Markdown, and the HTML around it), and links between pages."""
from __future__ import annotations

import functools
import json
import posixpath
from dataclasses import dataclass, field
from html import escape
from typing import Any, Callable, Mapping

import yaml

from .. import i18n
from ..content.editions import Site
from ..content.model import Edition, other_language
from ..content import typography

EditionFiles = Callable[[Site, Edition, str], Mapping[str, "str | None"]]
"""Which files an edition page links in its own folder, for a language ("email",
"email_text", "pdf": the name, or None when there is none): decided by the build, which
knows what the letters make (a picklable function: pages are rendered in workers)."""


def no_downloads(site: Site, edition: Edition, lang: str) -> Mapping[str, str | None]:
    """Edition pages that link no e-mail or PDF."""
    return {}


@dataclass(frozen=True)
class PageRef:
    """What the sitemap needs of a page."""

    lang: str
    url: str
    public: bool

    @property
    def site_path(self) -> str:
        return f"{self.lang}/{self.url}"


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's, where PyYAML has it: the same YAML, five times faster."""

MARKDOWN_MARK = "<!--nl:markdown-->"
"""Where a template puts the editors' Markdown (converted by mkdocs, for its table of contents)."""


@dataclass(frozen=True)
class Page:
    """One page of one language, ready to be written into mkdocs's docs folder.

    Our templates render the page as HTML (`before` and `after`); only the
    Markdown that editors wrote (a body, an edito, the guide) goes through
    mkdocs's Markdown conversion, and the site layer puts the HTML around it
    (`mkdocs_hooks.on_page_content`). Python-Markdown would otherwise parse
    every card and panel as raw HTML: most of the build's time.
    """

    lang: str
    url: str
    """Relative to the language's root, as a directory: "", "practices/<slug>/"."""
    title: str
    """Plain text."""
    description: str
    """Plain text."""
    before: str
    """HTML before the Markdown."""
    markdown: str
    """The editors' Markdown of the page, or ""."""
    after: str
    """HTML after the Markdown."""
    kind: str
    """home, edition, editions, practice, practices, theme, size, topics, stats, guide,
    collectivities, collectivity, map, subscribe, opendata, submit."""
    public: bool = True
    """False for pages that only a preview with drafts has (kept out of the sitemap)."""
    extra: dict[str, Any] = field(default_factory=dict)
    images: tuple[str, ...] = ()
    """The image files beside the page that its Markdown may show."""
    image_sizes: tuple[tuple[str, int, int], ...] = ()
    """(file name, width, height) of those images, as published."""
    site_url: str = ""
    """The site's public address (ends with "/"): for canonical and hreflang links."""

    @property
    def site_path(self) -> str:
        """From the site's root: "fr/practices/<slug>/"."""
        return f"{self.lang}/{self.url}"

    @property
    def ref(self) -> PageRef:
        return PageRef(self.lang, self.url, self.public)

    @property
    def source_path(self) -> str:
        """The Markdown file in the docs folder."""
        return f"{self.url}index.md"

    @property
    def parts_path(self) -> str:
        """The HTML around the Markdown, beside it (`mkdocs_hooks`)."""
        return f"{self.url}index.parts.json"

    def parts(self) -> str:
        return json.dumps({"before": self.before, "after": self.after,
                           "images": list(self.images),
                           "sizes": {name: [w, h] for name, w, h in self.image_sizes}},
                          ensure_ascii=False)

    def document(self) -> str:
        other = other_language(self.lang)
        typeset = typography.for_language(self.lang)
        meta = {
            # mkdocs and Material print these without escaping: give them HTML.
            "title": escape(typeset(self.title)),
            "description": escape(typeset(self.description)),
            "nl": {
                "kind": self.kind,
                "lang": self.lang,
                "self": relative_url(self.site_path, self.site_path),
                "other_lang": other,
                "other_name": i18n.language_name(other),
                "other_url": relative_url(self.site_path, f"{other}/{self.url}"),
                "about": relative_url(self.site_path, f"{self.lang}/about/"),
                # Fully qualified, as search engines require of canonical and hreflang links.
                "abs_self": f"{self.site_url}{self.site_path}",
                "abs_other": f"{self.site_url}{other}/{self.url}",
                "abs_home": self.site_url,
                **self.extra,
            },
        }
        if self.kind == "map":  # the map takes the table of contents' width (issue 12)
            meta["hide"] = ["toc"]
        front = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=True,
                          width=10_000)
        return f"---\n{front}---\n\n{self.markdown}\n"


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's emitter where PyYAML has it: the same text, four times faster."""


@functools.lru_cache(maxsize=1 << 17)
def relative_url(from_path: str, to_path: str) -> str:
    """A link from the page at `from_path` to `to_path`, both from the site's root.

    Pages are folders ("fr/practices/a/"); links to them name their `index.html`, so
    that the site also works opened from a disk or a USB stick (file://), where a
    folder's address shows a file listing: "fr/practices/a/" -> "ko/practices/a/"
    gives "../../../ko/practices/a/index.html".
    """
    base = posixpath.dirname(from_path) if not from_path.endswith("/") else from_path.rstrip("/")
    target = posixpath.relpath(to_path or ".", base or ".")
    if to_path.endswith("/") or to_path == "":
        target = target.rstrip("/") + "/index.html"
    return target


