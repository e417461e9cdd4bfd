"""A body's sanitised HTML as the PDF's template takes it: a tree of [tag, attributes,
children] and strings, handed to Typst as JSON data (never as markup).

Three things that PDF/UA asks for are settled here, so that whatever `check` accepts makes
a PDF/UA document: headings go down one level at a time (the title of a practice is level
1, a body's first heading is 2 at most), a heading without words is a paragraph, and
underline and strike-through are not nested (PDF describes one text decoration at a time).
An image without alt text is decorative: the template marks it so.

Whatever the length of a paragraph, Typst lays it out: `bounded` cuts long runs of text
with ["sep"] nodes (see RUN).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from ..content import markup, structure

MAX_DEPTH = structure.MAX_DEPTH
"""Elements nested deeper than this (which `check` refuses) are flattened to their text."""
_LANG = re.compile(r"^(fr|ko|en)$")
_INLINE = {"strong": "strong", "b": "strong", "em": "em", "i": "em", "del": "del", "s": "del",
           "u": "u", "ins": "u", "sub": "sub", "sup": "sup", "mark": "mark", "small": "small",
           "q": "q"}
_DECORATIONS = ("del", "u")
RUN = 40
"""Spaces and line breaks in one run of text, at most. The template keeps each Korean
word whole with a show rule that Typst applies to a run of text (text not interrupted by
any style or element) one word after the other, and refuses past 512 words in one run
("maximum grouping depth exceeded"); a ["sep"] node, an empty styled content in the
template, ends a run without changing how the text is laid out."""
SEP = ("sep", {}, ())
_SPACES = re.compile(r"\s+")
_BLOCK_CONTAINERS = ("div", "figure", "figcaption", "details", "summary", "section", "dl",
                     "thead", "tbody", "tfoot")


@dataclass(frozen=True)
class _Walk:
    images: Mapping[str, str]
    shown: Callable[[str], Any]
    """A text as shown: its typography, French ordinals raised (`pdf_data.shown`)."""
    spaced: Callable[[str], str]
    """A text's typography only (for attributes: alt texts)."""


def tree(html: str, images: Mapping[str, str], shown: Callable[[str], Any],
              spaced: Callable[[str], str], page_url: str = "") -> list[Any]:
    """Sanitised HTML as a tree for the template. `images`: the practice's images, each
    with the name of its published copy (`photos`). `page_url`: the address the HTML's
    relative URLs were made absolute against."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(f"<!doctype html><html><body>{html}</body></html>")
    if page_url:
        for image in tree.css("img[src]"):
            src = image.attributes.get("src") or ""
            if src.startswith(page_url):
                image.attrs["src"] = src[len(page_url):]
    walk = _Walk(images, shown, spaced)
    nodes = _children(tree.body, walk, 0, None, block=True) if tree.body else []
    _consecutive_headings(nodes, 1)
    return bounded(nodes)


def bounded(nodes: list[Any]) -> list[Any]:
    """`nodes` with a ["sep"] node after every RUN-th space or line break, in the order
    of reading, whatever the elements around them (the fewest the template needs: no
    run of text then holds more than RUN of them)."""
    count = 0

    def text(value: str, out: list[Any]) -> None:
        nonlocal count
        start = 0
        for space in _SPACES.finditer(value):
            count += 1
            if count >= RUN:
                out += [value[start:space.end()], list(SEP)]
                start, count = space.end(), 0
        if start < len(value):
            out.append(value[start:])

    def walk(kids: list[Any]) -> list[Any]:
        nonlocal count
        out: list[Any] = []
        for kid in kids:
            if isinstance(kid, str):
                text(kid, out)
                continue
            if kid[0] == "br":
                count += 1
                if count >= RUN:
                    out.append(list(SEP))
                    count = 0
            out.append([kid[0], kid[1], walk(kid[2])])
        return out

    return walk(nodes)


def bounded_text(text: str) -> Any:
    """A text as the template shows it: the string, or a ["span", …] node holding its
    runs (`bounded`) when it is long."""
    nodes = bounded([text])
    return text if len(nodes) <= 1 else ["span", {}, nodes]


def _consecutive_headings(nodes: list[Any], last: int) -> int:
    """Each heading at most one level below the one before it (PDF/UA): the title of the
    practice is level 1."""
    for node in nodes:
        if isinstance(node, list):
            if node[0] == "h":
                node[1]["level"] = last = min(node[1]["level"], last + 1)
            last = _consecutive_headings(node[2], last)
    return last


def _children(node: Any, walk: _Walk, depth: int, decoration: str | None,
              block: bool = False) -> list[Any]:
    out: list[Any] = []
    child = node.child
    while child is not None:
        converted = _node(child, walk, depth + 1, decoration, block)
        if converted is not None:
            out.append(converted)
        child = child.next
    return out


def _text(node: Any) -> str:
    return node.text(deep=True)


def _node(node: Any, walk: _Walk, depth: int, decoration: str | None, block: bool) -> Any:
    tag = node.tag
    if tag in ("-text", "_text"):
        text = node.text_content or ""
        if block and not text.strip():
            return None
        return walk.shown(re.sub(r"\s+", " ", text))
    if tag in ("-comment", "_comment"):
        return None
    if depth > MAX_DEPTH:
        return walk.shown(" ".join(_text(node).split()))
    attributes = node.attributes
    inner_decoration = decoration
    kind = _INLINE.get(tag)
    if kind in _DECORATIONS:
        if decoration not in (None, kind):  # underline inside strike-through: its text
            kind = "span"
        inner_decoration = decoration or kind
    kids = lambda as_block=False: _children(node, walk, depth, inner_decoration,  # noqa: E731
                                            as_block)
    lang = attributes.get("lang") or ""
    result: Any
    if tag == "p":
        result = ["p", {}, kids()]
    elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        level = min(4, max(2, int(tag[1]) + (1 if tag == "h1" else 0)))
        result = ["h", {"level": level}, kids()] if _text(node).strip() else ["p", {}, kids()]
    elif kind is not None:
        result = [kind, {}, kids()]
    elif tag == "a":
        href = (attributes.get("href") or "").strip()
        result = ["a", {"href": href}, kids()] if href else ["span", {}, kids()]
    elif tag in ("code", "kbd"):
        result = ["code", {"text": _text(node)}, []]
    elif tag == "pre":
        result = ["pre", {"text": _text(node).rstrip("\n")}, []]
    elif tag == "br":
        result = ["br", {}, []]
    elif tag == "hr":
        result = ["hr", {}, []]
    elif tag in ("ul", "ol"):
        items = [["li", {}, _children(li, walk, depth + 1, inner_decoration, True)]
                 for li in structure.children(node) if li.tag == "li"]
        start = attributes.get("start") or "1"
        result = ["ol", {"start": int(start) if re.fullmatch(r"[0-9]{1,6}", start) else 1}, items] \
            if tag == "ol" else ["ul", {}, items]
    elif tag == "blockquote":
        result = ["quote", {}, kids(True)]
    elif tag == "dt":
        result = ["dt", {}, kids()]
    elif tag == "dd":
        result = ["dd", {}, kids(True)]
    elif tag == "img":
        name = markup.image_name(attributes.get("src") or "")
        if name is None or name not in walk.images:
            return None
        alt = walk.spaced(" ".join((attributes.get("alt") or "").split()))
        result = ["img", {"src": f"/{walk.images[name]}", "alt": alt,
                          "caption": bounded_text(alt)}, []]
    elif tag == "table":
        result = _table(node, walk, depth, inner_decoration)
    elif tag in _BLOCK_CONTAINERS:
        result = ["block", {}, kids(True)]
    else:  # span, abbr and any other inline element: its content
        result = ["span", {}, kids(block)]
    if _LANG.match(lang) and isinstance(result, list):
        result = ["lang", {"lang": lang}, [result]]
    return result


def _table(node: Any, walk: _Walk, depth: int, decoration: str | None) -> Any:
    """A table laid out as a browser shows it (`structure.lay_out`): spans clamped to the
    table, empty cells where no cell starts, so that Typst places each cell in its row."""
    layout = structure.table_layout(node)
    cells = [cell for group in structure.row_groups(node) for row in group
             for cell in structure.cells_of(row)]
    rows = []
    for placed_row in layout.rows:
        out = []
        for placed in placed_row:
            spans = {"colspan": placed.colspan, "rowspan": placed.rowspan}
            if placed.index is None:
                out.append(["td", spans, []])
            else:
                cell = cells[placed.index]
                out.append([cell.tag, spans, _children(cell, walk, depth + 1, decoration)])
        if out:
            rows.append(["tr", {}, out])
    if not rows or layout.columns == 0:
        return None
    return ["table", {"columns": layout.columns}, rows]
