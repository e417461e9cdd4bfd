"""Editors' Markdown to safe HTML: the one way every body, edito and guide is rendered.

Python-Markdown converts; then nh3 (the Rust sanitiser ammonia) keeps only an
allowlist of tags, attributes and URL schemes, parsing the HTML as browsers do
(HTML5). The site (`mkdocs_hooks`), the feeds and every other output use
`sanitise`, so nothing from content reaches a reader unsanitised.

`removals` says what the sanitiser takes out of a body, so that `check` reports
it as an error at its line rather than letting it disappear from the site.
"""
from __future__ import annotations

import functools
import html as html_module
import posixpath
import re
from dataclasses import dataclass
from typing import Any, Collection, Mapping
from urllib.parse import unquote, urlsplit

import markdown
import nh3
from markdown.extensions.toc import slugify_unicode
from selectolax.lexbor import LexborHTMLParser

# The Markdown of the site, the feeds and the check: one list (mkdocs_site gives it to mkdocs).
EXTENSIONS = ["toc", "admonition", "attr_list", "md_in_html", "tables", "fenced_code"]
EXTENSION_CONFIGS: dict[str, dict[str, Any]] = {
    # Keep Hangul in heading ids ("#추진-배경", not "#_1").
    "toc": {"slugify": slugify_unicode},
    # `align="…"` rather than `style="text-align: …"`: no style attribute is allowed.
    "tables": {"use_align_attribute": True},
}

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg")
TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt",
    "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul"})
"""What Markdown produces, and the few inline tags an editor may type."""
ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"id", "class", "title", "lang"}),
    "a": frozenset({"href", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "th": frozenset({"align", "colspan", "rowspan", "scope"}),
    "td": frozenset({"align", "colspan", "rowspan"}),
    "ol": frozenset({"start"}),
    "details": frozenset({"open"}),
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_SMALL_NUMBER = re.compile(r"[0-9]{1,4}")
"""Sizes, spans and list starts: ASCII digits only (not "²", which `int` refuses)."""
# Removed with everything inside them (the others are removed and their text kept).
CLEAN_CONTENT = frozenset({"script", "style", "template", "iframe", "object", "embed",
                           "noscript", "textarea", "select", "title", "xmp", "noembed",
                           "noframes", "applet", "frame", "frameset", "svg", "math"})


def image_name(src: str) -> str | None:
    """The file an `<img src>` names in the page's own folder, or None when it names
    anything else (another site, another folder, a data: URL)."""
    parts = urlsplit(src.strip())
    if parts.scheme or parts.netloc or parts.query or "\\" in src or not parts.path:
        return None
    name = unquote(parts.path)
    normal = posixpath.normpath(name)
    if name.startswith("/") or normal.startswith("..") or normal != name.removeprefix("./"):
        return None
    return name


RESERVED_NAMES = re.compile(r"^(md-|nl-|__|mdx-)", re.I)
"""The site's own classes and ids (Material's md-, the newsletter's nl-): a text that took
them could dress itself as the site's controls (an overlay over the page) or break its
scripts."""


def reserved(attribute: str, value: str) -> bool:
    """A class or an id of the site's own that a text may not take."""
    if attribute == "class":
        return any(RESERVED_NAMES.match(name) for name in value.split())
    return attribute == "id" and bool(RESERVED_NAMES.match(value.strip()))


def _attribute_filter(images: Collection[str]):
    def keep(tag: str, attribute: str, value: str) -> str | None:
        if reserved(attribute, value):
            return None
        if tag == "img" and attribute == "src":
            name = image_name(value)
            return value if name is not None and name in images else None
        if attribute in ("width", "height", "colspan", "rowspan", "start"):
            return value if _SMALL_NUMBER.fullmatch(value) else None
        return value
    return keep


def sanitise(html: str, images: Collection[str] = (), base: str | None = None) -> str:
    """Keep only the allowlist; `<img>` only for the `images` of the page's own folder.
    With `base` (the page's absolute address), relative URLs are made absolute: for
    outputs read away from the page (feeds, e-mail)."""
    return nh3.clean(
        html, tags=set(TAGS), clean_content_tags=set(CLEAN_CONTENT),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        attribute_filter=_attribute_filter(frozenset(images)), strip_comments=True,
        link_rel=None, url_schemes=set(URL_SCHEMES),
        url_relative=("rewrite_with_base", base) if base else None)


_IMAGE_TAG = re.compile(r"<img\b([^>]*)>")
_ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')


def with_image_sizes(html: str, sizes: Mapping[str, tuple[int, int]]) -> str:
    """Sanitised HTML whose `<img>` of the page's own images (`sizes`: their published
    width and height) get those when the text gives neither: the browser keeps their
    room while they load, and the style sheet scales them (`height: auto`)."""
    def sized(match: re.Match[str]) -> str:
        attributes = dict(_ATTRIBUTE.findall(match[1]))
        name = image_name(html_module.unescape(attributes.get("src", "")))
        if name not in sizes or "width" in attributes or "height" in attributes:
            return match[0]
        width, height = sizes[name]
        return f'<img{match[1]} width="{width}" height="{height}">'
    return _IMAGE_TAG.sub(sized, html) if sizes else html


@functools.cache
def _converter() -> markdown.Markdown:
    """One converter for all bodies (setting up its extensions costs more than a body)."""
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)


def convert(body: str) -> str:
    """Markdown to HTML, before sanitising: what `removals` compares against."""
    return _converter().reset().convert(body)


def to_html(body: str, images: Collection[str] = (), base: str | None = None) -> str:
    """A body as the safe HTML every output shows (see `sanitise`)."""
    return sanitise(convert(body), images, base)


def mkdocs_extensions(permalink_title: str) -> list[Any]:
    """The same Markdown for mkdocs, with a permanent link after each heading."""
    configs = {name: dict(config) for name, config in EXTENSION_CONFIGS.items()}
    configs["toc"].update(permalink=True, permalink_title=permalink_title)
    return [{name: configs[name]} if name in configs else name for name in EXTENSIONS]


# -- what the sanitiser removes -------------------------------------------------------

@dataclass(frozen=True)
class Removal:
    """Something of a body that the sanitiser takes out: a whole element, or one
    attribute (`attribute` set) of a kept element."""

    tag: str
    attribute: str | None = None
    value: str | None = None


Element = tuple[str, dict[str, str | None], int]
"""An element's tag, attributes and depth."""


def _parse(html: str) -> list[Element]:
    """The elements in document order (iteratively: any depth of content)."""
    body = LexborHTMLParser(f"<!doctype html><html><body>{html}</body></html>").body
    if body is None:
        return []
    found: list[Element] = []
    stack = [(body, -1)]
    while stack:
        node, depth = stack.pop()
        if depth >= 0:
            found.append((node.tag, dict(node.attributes), depth))
        kids = []
        child = node.child
        while child is not None:
            if child.tag not in ("-text", "-comment", "_text", "_comment"):
                kids.append((child, depth + 1))
            child = child.next
        stack += reversed(kids)
    return found


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    """The elements of an HTML fragment, in document order, parsed as browsers do."""
    return [(tag, attributes) for tag, attributes, _depth in _parse(html)]


def removals(html: str, images: Collection[str] = ()) -> list[Removal]:
    """What `sanitise(html, images)` takes out, in document order (comments aside; an
    element removed with its content is one removal)."""
    before, after = _parse(html), _parse(sanitise(html, images))
    if [(t, a) for t, a, _d in before] == [(t, a) for t, a, _d in after]:
        return []
    found: list[Removal] = []
    kept = 0
    skip_below: int | None = None
    for tag, attributes, depth in before:
        if skip_below is not None:
            if depth > skip_below:
                continue
            skip_below = None
        if kept < len(after) and after[kept][0] == tag:
            remaining = after[kept][1]
            kept += 1
            found += [Removal(tag, name, value) for name, value in attributes.items()
                      if name not in remaining]
        else:
            found.append(Removal(tag))
            if tag in CLEAN_CONTENT:
                skip_below = depth
    return found


def might_hold_removals(body: str) -> bool:
    """False when a body cannot hold anything the sanitiser removes: without raw HTML
    (`<`), attribute lists (`{`) or links and images (`[`), Markdown produces only
    allowlisted tags (a property test checks it)."""
    return any(character in body for character in "<{[")
