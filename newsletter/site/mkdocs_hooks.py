"""mkdocs hooks (mkdocs's public plugin events) of the site layer.

- The HTML that mkdocs converted from the editors' Markdown goes through the
  sanitiser (`markup.sanitise`), with the images of the page's own folder, which
  get their published width and height (`markup.with_image_sizes`).
- A page's HTML, rendered by our templates, is put around it (`<page>.parts.json`
  beside `index.md`; see `pages.Page`).
- A French page's own HTML (not Material's frame, whose strings come typeset from the
  catalogs) gets French typography's spaces and raised ordinals in its text
  (`typography.french_html`); its title and description get them in `Page.document`.
- Pages lose the indentation of Material's templates: a tenth of each page's
  bytes at no cost to readers (outside <pre> and <textarea>, a line break and
  the spaces after it are one space to HTML anyway).
- Material's JavaScript (bundle, lunr, search workers) is not used by the site
  (overrides/main.html), so it is not published either, nor mkdocs's
  per-language sitemap: the site's sitemap is the bilingual one at the root.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

from newsletter.content import markup, typography

_PRESERVED = re.compile(r"(<(pre|textarea|script)\b.*?</\2>)", re.S | re.I)
_INDENTATION = re.compile(r"\n[ \t]+")
_BLANK_LINES = re.compile(r"\n{2,}")
_SHORT_CODE = re.compile(r"<code>([^<]{1,24})</code>")
"""Inline code short enough to never need a line break of its own (`--lang ko`)."""
_CODE = re.compile(r"<code>([^<]+)</code>")
_WHOLE_TOKEN = re.compile(r"(?<![^\s])(--?[A-Za-z][\w-]*|\d{4}-[\w-]+)(?![^\s])")
"""In a longer command, an option (`--site-url`) or a date or an edition id (`2027-s1`)."""
_UNUSED = ("assets/javascripts/bundle.*", "assets/javascripts/lunr", "assets/javascripts/workers",
           "sitemap.xml", "sitemap.xml.gz")


def strip_indentation(html: str) -> str:
    parts = _PRESERVED.split(html)
    # split() with two groups yields: text, whole match, tag name, text, …
    out = []
    for index, part in enumerate(parts):
        kind = index % 3
        if kind == 0:
            out.append(_BLANK_LINES.sub("\n", _INDENTATION.sub("\n", part)))
        elif kind == 1:
            out.append(part)
    return "".join(out)


def keep_short_code_whole(html: str) -> str:
    """Short code spans stay on one line (`--lang` would otherwise break after its first
    hyphen on a phone); longer ones break at their spaces and slashes (newsletter.css)."""
    html = _SHORT_CODE.sub(r'<code class="nl-whole">\1</code>', html)
    return _CODE.sub(lambda code: "<code>" + _WHOLE_TOKEN.sub(
        r'<span class="nl-whole">\1</span>', code[1]) + "</code>", html)


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    parts = Path(page.file.abs_src_path).with_name("index.parts.json")
    typeset = typography.french_html if config["theme"]["language"] == "fr" else str
    if not parts.exists():
        return typeset(keep_short_code_whole(markup.sanitise(html)))
    around = json.loads(parts.read_text(encoding="utf-8"))
    body = markup.with_image_sizes(markup.sanitise(html, around["images"]),
                                   {name: tuple(size) for name, size in around["sizes"].items()})
    body = keep_short_code_whole(body)
    return typeset(around["before"] + body + around["after"])


def on_post_page(output: str, page: Any, config: Any) -> str:
    return strip_indentation(output)


def on_post_build(config: Any) -> None:
    site = Path(config["site_dir"])
    for pattern in _UNUSED:
        for path in site.glob(pattern):
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
