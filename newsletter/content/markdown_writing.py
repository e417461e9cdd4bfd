"""The HTML that mammoth makes of a Word document, written as the Markdown editors write
(issue 20): `##` headings, paragraphs, `-` and `1.` lists, `**bold**`, `*italics*`,
`[links](https://…)`, pipe tables, `> quotes`, `![description](picture.jpg)`.

Text is escaped where Markdown would read it as markup (`*`, `[`, a `#` or a year and a
dot that start a paragraph…). Links go only to web pages, e-mail addresses and phone
numbers: a `javascript:`, `data:`, `file:` or other link is dropped, its text kept, and
reported (`dropped`). Paragraphs that start with a typed bullet (•, ○, ㅇ, -…) become
list items, as their author meant.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterator
from urllib.parse import quote, urlsplit

from selectolax.lexbor import LexborNode

_TEXT = ("-text", "_text")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
LINK_SCHEMES = ("http", "https", "mailto", "tel")
_TYPED_BULLET = re.compile(r"^[•●○◦▪■□◆◇·∙ㅇ\-–—*+]\s+")
_ESCAPED = re.compile(r"([\\`*\[\]])")
_LONE_UNDERSCORE = re.compile(r"(?<!\w)_|_(?!\w)")
_TAG_LIKE = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_YEAR_LIST = re.compile(r"^(\d{3,})\.(\s)")
_RULE_LIKE = re.compile(r"^[-=*_ ]{3,}$")


def children(node: LexborNode) -> Iterator[LexborNode]:
    child = node.child
    while child is not None:
        if child.tag not in ("-comment", "_comment"):
            yield child
        child = child.next


def text_of(node: LexborNode) -> str:
    return " ".join(node.text(deep=True).split())


@dataclass
class Writer:
    """Writes blocks; collects what it left out."""

    image: Callable[[LexborNode], str | None]
    """An `<img>` -> its Markdown (`![…](name)`), or None when it is left out."""
    dropped: list[str] = field(default_factory=list)
    """The addresses of links left out (their text kept)."""

    # -- blocks ---------------------------------------------------------------------------

    def blocks(self, nodes: list[LexborNode], heading_shift: int = 0) -> list[str]:
        """Top-level nodes as Markdown blocks (to join with blank lines)."""
        out: list[str] = []
        typed: list[str] = []
        for node in nodes:
            block = self.block(node, heading_shift)
            if block is None:
                continue
            item = _TYPED_BULLET.match(block) if node.tag == "p" else None
            if item:
                typed.append("- " + block[item.end():])
                continue
            if typed:
                out.append("\n".join(typed))
                typed = []
            out.append(block)
        if typed:
            out.append("\n".join(typed))
        return out

    def block(self, node: LexborNode, heading_shift: int = 0) -> str | None:
        tag = node.tag
        if tag in _HEADINGS:
            text = self.inline(list(children(node)), plain=True).strip()
            level = min(max(int(tag[1]) + heading_shift, 2), 6)
            return f"{'#' * level} {text}" if text else None
        if tag == "p":
            text = self.inline(list(children(node))).strip()
            return _line_starts(text) if text else None
        if tag in ("ul", "ol"):
            lines = self.list_lines(node, 0)
            return "\n".join(lines) if lines else None
        if tag == "table":
            return self.table(node)
        if tag == "blockquote":
            inner = self.blocks(list(children(node)))
            return "\n>\n".join("\n".join(f"> {line}" if line else ">" for line in b.split("\n"))
                                for b in inner) or None
        if tag in _TEXT:
            text = escape(node.text(deep=False)).strip()
            return text or None
        inner = self.blocks(list(children(node)), heading_shift)
        return "\n\n".join(inner) or None

    def list_lines(self, node: LexborNode, depth: int) -> list[str]:
        lines: list[str] = []
        number = int(node.attributes.get("start") or 1) if node.tag == "ol" else None
        for item in children(node):
            if item.tag != "li":
                continue
            inline = [n for n in children(item) if n.tag not in ("ul", "ol")]
            text = " ".join(self.inline([n]) if n.tag != "p" else
                            self.inline(list(children(n))) for n in inline).strip()
            marker = f"{number}." if number is not None else "-"
            lines.append(f"{'    ' * depth}{marker} {_line_starts(text)}".rstrip())
            if number is not None:
                number += 1
            for sub in (n for n in children(item) if n.tag in ("ul", "ol")):
                lines += self.list_lines(sub, depth + 1)
        return lines

    def table(self, node: LexborNode) -> str | None:
        rows = []
        for row in node.css("tr"):
            cells = []
            for cell in (c for c in children(row) if c.tag in ("td", "th")):
                parts = [self.inline(list(children(p)) if p.tag == "p" else [p], cell=True)
                         for p in children(cell)]
                text = " ".join(part.strip() for part in parts if part.strip())
                cells += [text.replace("|", "\\|")] + [""] * (int(cell.attributes.get(
                    "colspan") or 1) - 1)
            if any(cells):
                rows.append(cells)
        if not rows:
            return None
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        lines = ["| " + " | ".join(r) + " |" for r in rows]
        lines.insert(1, "|" + "|".join(["---"] * width) + "|")
        return "\n".join(lines)

    # -- inline ---------------------------------------------------------------------------

    def inline(self, nodes: list[LexborNode], plain: bool = False, cell: bool = False) -> str:
        out = []
        for node in nodes:
            tag = node.tag
            if tag in _TEXT:
                out.append(escape(node.text(deep=False)))
            elif tag == "br":
                out.append(" " if plain or cell else "\n")
            elif tag == "img":
                image = None if plain else self.image(node)
                out.append(image or "")
            elif tag == "a":
                out.append(self.link(node, plain, cell))
            elif tag in ("strong", "b", "em", "i") and not plain:
                out.append(_wrap(self.inline(list(children(node)), plain, cell),
                                 "**" if tag in ("strong", "b") else "*"))
            elif tag in ("sup", "sub", "del", "s") and not plain:
                inner = self.inline(list(children(node)), plain, cell)
                name = "del" if tag == "s" else tag
                out.append(f"<{name}>{inner}</{name}>" if inner.strip() else inner)
            else:
                out.append(self.inline(list(children(node)), plain, cell))
        return "".join(out)

    def link(self, node: LexborNode, plain: bool, cell: bool) -> str:
        inner = self.inline(list(children(node)), plain, cell)
        href = (node.attributes.get("href") or "").strip()
        if plain or not href or href.startswith("#"):
            return inner
        scheme = urlsplit(href).scheme.lower() if ":" in href else ""
        if scheme not in LINK_SCHEMES:
            self.dropped.append(href)
            return inner
        if not inner.strip():
            return ""
        target = quote(href, safe="/:?#[]@!$&'*+,;=%~-._")
        return f"[{inner.strip()}]({target})"


def escape(text: str) -> str:
    """Text that Markdown shows as it is."""
    text = _ESCAPED.sub(r"\\\1", text)
    text = _LONE_UNDERSCORE.sub(r"\\_", text)
    text = _ENTITY_LIKE.sub("&amp;", text)
    return _TAG_LIKE.sub("&lt;", text)


def _line_starts(text: str) -> str:
    """Escapes what would turn a line of a paragraph into a heading, a quote, a rule or
    a numbered list by accident (a year followed by a dot: "2021. 3. 15.")."""
    lines = []
    for line in text.split("\n"):
        stripped = line.lstrip()
        if stripped.startswith(("#", ">")):
            line = "\\" + stripped
        elif _RULE_LIKE.match(stripped):
            line = "\\" + stripped
        else:
            line = _YEAR_LIST.sub(r"\1\\.\2", stripped)
        lines.append(line)
    return "\n".join(lines)


def _wrap(inner: str, mark: str) -> str:
    """`**text**` with the spaces outside the marks (Markdown needs them so)."""
    stripped = inner.strip()
    if not stripped:
        return inner
    before = inner[:len(inner) - len(inner.lstrip())]
    after = inner[len(inner.rstrip()):]
    return f"{before}{mark}{stripped}{mark}{after}"
