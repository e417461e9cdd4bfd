"""The checks of a Markdown body (a practice's or an edito's): what the sanitiser would
remove, what no output can lay out, and what would read differently from what it is.

Every problem is reported at its line; the converter keeps no positions, so a line is
found as the shortest beginning of the body that already holds the problem.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Collection
from urllib.parse import parse_qsl, unquote, urlsplit

from . import markup, structure
from ..i18n import N_, _, ngettext
from .model import Problem, Severity
from .reading import HIDDEN_FORMAT, Document
from .validation import suggest

BODY_WARNING_BYTES = 200_000
"""A body longer than this is most likely pasted by mistake (a whole report, base64)."""
BODY_MAX_BYTES = 1_000_000
"""Beyond, a body is refused: every output would take too long to lay it out."""
# Tags whose only use in a body would be to run code, load from elsewhere or mimic the
# site's own controls.
_DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "frame", "frameset", "applet",
                   "base", "link", "meta", "style", "form", "input", "button", "select",
                   "textarea", "svg", "math", "template", "noscript", "video", "audio",
                   "source", "track", "picture", "portal", "dialog"}
_JAVASCRIPT_URL = re.compile(r"^javascript:", re.IGNORECASE)
_SPACES = re.compile(r"[\x00-\x20]+")
MAILTO_FIELDS = frozenset({"subject", "body"})
"""What an e-mail link may fill in: other headers (cc, bcc, to…) would send a reader's
message to someone the link does not show."""


@dataclass(frozen=True)
class BodyCheck:
    problems: list[Problem]
    images: tuple[str, ...]
    """The image files of the folder that the body shows (the ones to publish)."""


def check_body(document: Document, files: Collection[str]) -> BodyCheck:
    """Everything the sanitiser would remove from the body, and whatever an output could
    not lay out or would show differently from what it is, as problems at their lines
    (so that nothing disappears silently, and `check` accepts only what builds); and the
    images the body shows.

    `files` are the names of the regular files beside the document.
    """
    path, first, body = document.path, document.body_line, document.body
    problems = _size_problems(body, path)
    if any(problem.is_error for problem in problems):  # too long to look into
        return BodyCheck(problems, ())
    problems += hidden_characters(body, path, first)
    holds_html = markup.might_hold_removals(body)
    if not holds_html and not structure.might_nest(body):
        return BodyCheck(problems, ())
    lines = body.split("\n")
    try:
        html = markup.convert(body)
    except RecursionError:
        line = first_line(lines, _too_deep_for_markdown)
        return BodyCheck(problems + [Problem(path, first + line - 1, _(
            "the text is nested too deeply for Markdown here (emphasis, quotes or lists "
            "inside one another by the hundred); simplify it"))], ())
    images = {name for name in files if name.lower().endswith(markup.IMAGE_SUFFIXES)}
    prefixes = Prefixes(lines, images)
    shown: list[str] = []
    if holds_html:
        shown = sorted({name for tag, attributes in markup.elements(html) if tag == "img"
                        for name in [markup.image_name(attributes.get("src") or "")]
                        if name is not None and name in images})
        found = markup.removals(html, images)
        for removal, line in zip(found, _lines(prefixes, found)):
            problems.append(Problem(path, first + line - 1, _removal_message(removal, files)))
        problems += _more(path, len(found) - MAX_LOCATED)
        problems += _mailto_problems(html, prefixes, path, first)
    problems += _structure_problems(markup.sanitise(html, images), prefixes, path, first)
    return BodyCheck(problems, tuple(shown))


def _size_problems(body: str, path: str) -> list[Problem]:
    size = len(body.encode("utf-8"))
    if size > BODY_MAX_BYTES:
        return [Problem(path, None, _(
            "the text is {size} KB long; at most {limit} KB can be published (every output "
            "would take too long to lay it out): keep the essentials and link to the full "
            "document").format(size=size // 1000, limit=BODY_MAX_BYTES // 1000))]
    if size > BODY_WARNING_BYTES:
        return [Problem(path, None, _(
            "the text is {size} KB long, more than a reader can take in ({limit} KB); keep "
            "the essentials and link to the full document").format(
                size=size // 1000, limit=BODY_WARNING_BYTES // 1000), Severity.WARNING)]
    return []


def hidden_characters(text: str, path: str, first: int) -> list[Problem]:
    """Invisible characters that make a text read differently from what it is: direction
    overrides and isolates ("Trojan source"), deprecated format characters, hidden tags."""
    problems: list[Problem] = []
    if not HIDDEN_FORMAT.search(text):
        return problems
    for number, line in enumerate(text.split("\n"), start=first):
        for match in HIDDEN_FORMAT.finditer(line):
            character = match.group()
            problems.append(Problem(path, number, _(
                "the invisible character U+{code} ({name}) at column {column} changes how the "
                "text reads on screen; French and Korean never need it (it serves to mix "
                "right-to-left scripts such as Arabic or Hebrew): delete it"
            ).format(code=f"{ord(character):04X}", column=match.start() + 1,
                     name=unicodedata.name(character, "FORMAT CHARACTER"))))
    return problems


MAX_LOCATED = 20
"""Problems of one kind located at their lines in one body; the others are counted (each
line costs conversions of the body's beginnings: a pasted page with thousands of stray
tags must not take minutes)."""


def first_line(lines: list[str], holds: Callable[[str], bool]) -> int:
    """The number of lines of the shortest beginning of the body for which `holds` is
    true (the whole body when none is shorter)."""
    low, high = 1, len(lines)
    while low < high:
        middle = (low + high) // 2
        if holds("\n".join(lines[:middle])):
            high = middle
        else:
            low = middle + 1
    return low


class Prefixes:
    """The body's beginnings as the converter makes them, each made once: a problem's line
    is the shortest beginning that already holds it (the converter keeps no positions)."""

    def __init__(self, lines: list[str], images: Collection[str] = ()):
        self.lines, self.images = lines, images
        self._html: dict[int, str] = {}
        self._derived: dict[tuple[str, int], object] = {}

    def html(self, count: int) -> str:
        if count not in self._html:
            self._html[count] = markup.convert("\n".join(self.lines[:count]))
        return self._html[count]

    def derived(self, name: str, count: int, make: Callable[[str], object]) -> object:
        """`make(html)` of the first `count` lines, kept for the other problems."""
        key = (name, count)
        if key not in self._derived:
            self._derived[key] = make(self.html(count))
        return self._derived[key]

    def first(self, holds: Callable[[int], bool]) -> int:
        """The fewest lines for which `holds(count)` is true."""
        low, high = 1, len(self.lines)
        while low < high:
            middle = (low + high) // 2
            if holds(middle):
                high = middle
            else:
                low = middle + 1
        return low


def _more(path: str, count: int) -> list[Problem]:
    if count <= 0:
        return []
    return [Problem(path, None, ngettext(
        "{count} more problem of the same kinds in this text is not listed; fix the ones "
        "listed, then run check again", "{count} more problems of the same kinds in this text "
        "are not listed; fix the ones listed, then run check again", count).format(count=count))]


def _too_deep_for_markdown(text: str) -> bool:
    try:
        markup.convert(text)
    except RecursionError:
        return True
    return False


def _lines(prefixes: Prefixes, found: list[markup.Removal]) -> list[int]:
    """The line of the body where each removal comes from (the first MAX_LOCATED)."""
    located, seen = [], Counter[markup.Removal]()
    for removal in found[:MAX_LOCATED]:
        occurrence = seen[removal]
        seen[removal] += 1
        located.append(prefixes.first(lambda count: prefixes.derived(
            "removals", count, lambda html: markup.removals(html, prefixes.images)
        ).count(removal) > occurrence))  # type: ignore[attr-defined]
    return located


# -- e-mail links ------------------------------------------------------------------------

def mailto_problem(url: str) -> str | None:
    """Why an e-mail link could send a reader's message elsewhere than it shows, or None."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() != "mailto":
        return None
    addresses = [a for a in re.split(r"[,;]", unquote(parts.path)) if a.strip()]
    extra = sorted({name.lower() for name, _value in parse_qsl(parts.query, keep_blank_values=True)
                    if name.lower() not in MAILTO_FIELDS})
    if extra:
        return _("the e-mail link \"{url}\" also fills in {fields}: a reader's message would "
                 "go where the link does not show; keep only the address (with subject= or "
                 "body= if you wish)").format(url=url, fields=", ".join(f"{name}=" for name in extra))
    if len(addresses) > 1:
        return _("the e-mail link \"{url}\" writes to {count} addresses at once; link each "
                 "address on its own").format(url=url, count=len(addresses))
    return None


def _bad_mailtos(html: str) -> list[str]:
    return [href for tag, attributes in markup.elements(html) if tag == "a"
            for href in [attributes.get("href") or ""] if mailto_problem(href)]


def _mailto_problems(html: str, prefixes: Prefixes, path: str, first: int) -> list[Problem]:
    problems = []
    bad = _bad_mailtos(html)
    for occurrence, url in enumerate(bad[:MAX_LOCATED]):
        line = prefixes.first(lambda count: len(prefixes.derived(  # type: ignore[arg-type]
            "mailtos", count, _bad_mailtos)) > occurrence)
        problems.append(Problem(path, first + line - 1, mailto_problem(url) or ""))
    return problems + _more(path, len(bad) - MAX_LOCATED)


# -- what every output can lay out --------------------------------------------------------

_NESTING_MESSAGES = {
    "depth": N_("elements are nested {found} deep here (tags inside tags, often pasted with "
                "a web page or a Word file); at most {limit} can be laid out in the PDF: "
                "remove the tags that do nothing"),
    "tables": N_("tables are nested {found} deep here (a table inside a table); at most "
                 "{limit} can be laid out in the PDF: put the inner table after the outer one"),
    "quotes": N_("quotes are nested {found} deep here; at most {limit} can be laid out in the "
                 "PDF: keep the last messages of a quoted exchange"),
    "lists": N_("lists are nested {found} levels deep here; at most {limit} can be laid out in "
                "the PDF: make the deepest items a list of their own"),
}


def _structure_problems(html: str, prefixes: Prefixes, path: str, first: int) -> list[Problem]:
    """Nesting past the limits that every output can lay out (`structure`), and table
    cells that span past their table."""
    problems = []
    for kind, (found, limit) in structure.nesting(html).beyond().items():
        line = prefixes.first(lambda count: kind in prefixes.derived(  # type: ignore[operator]
            "nesting", count, lambda prefix: structure.nesting(markup.sanitise(prefix)).beyond()))
        problems.append(Problem(path, first + line - 1, _(_NESTING_MESSAGES[kind]).format(
            found=found, limit=limit)))
    body = structure.parse(html)
    if body is None:
        return problems
    order = {cell.mem_id: index for index, cell in enumerate(body.css("td, th"))}
    located = 0
    for table in body.css("table"):
        layout = structure.table_layout(table)
        own = [order[cell.mem_id] for group in structure.row_groups(table) for row in group
               for cell in structure.cells_of(row)]
        if len(own) > structure.MAX_CELLS:
            line = _cell_line(prefixes, own[0])
            problems.append(Problem(path, first + line - 1, _(
                "this table has {found} cells; at most {limit} can be laid out in the PDF: "
                "split it, or link to the full table").format(found=len(own),
                                                             limit=structure.MAX_CELLS)))
            continue
        if layout.wanted > structure.MAX_COLUMNS:
            line = _cell_line(prefixes, own[0])
            problems.append(Problem(path, first + line - 1, _(
                "this table has {found} columns; at most {limit} fit on a page of the PDF: "
                "split it, or turn it into a list").format(found=layout.wanted,
                                                           limit=structure.MAX_COLUMNS)))
        for row in layout.rows:
            for cell in row:
                if cell.clamped and cell.index is not None:
                    located += 1
                    if located > MAX_LOCATED:
                        continue
                    line = _cell_line(prefixes, own[cell.index])
                    problems.append(Problem(path, first + line - 1, _(
                        "this table cell asks to span {colspan} × {rowspan} (columns × rows), "
                        "but the table has room for {across} × {down} there; it is shown so: "
                        "correct its colspan or rowspan").format(
                            colspan=cell.asked[0], rowspan=cell.asked[1], across=cell.colspan,
                            down=cell.rowspan), Severity.WARNING))
    if located > MAX_LOCATED:
        problems.append(Problem(path, None, ngettext(
            "{count} more table cell spans past its table (not listed)", "{count} more table "
            "cells span past their table (not listed)", located - MAX_LOCATED).format(
                count=located - MAX_LOCATED), Severity.WARNING))
    return problems


def _cell_line(prefixes: Prefixes, index: int) -> int:
    """The line of the body where the table cell of document order `index` is."""
    def cells(html: str) -> int:
        body = structure.parse(html)
        return len(body.css("td, th")) if body is not None else 0
    return prefixes.first(lambda count: prefixes.derived(  # type: ignore[operator]
        "cells", count, cells) > index)


def _removal_message(removal: markup.Removal, files: Collection[str]) -> str:
    tag, name, value = removal.tag, removal.attribute, removal.value or ""
    if name is None:
        if tag in _DANGEROUS_TAGS:
            return _("the HTML tag <{tag}> is not allowed (it could run code or load content "
                     "from another site); remove it, or write a Markdown link instead"
                     ).format(tag=tag)
        return _("the HTML tag <{tag}> is not allowed; remove it and write Markdown instead "
                 "(allowed tags: {allowed})").format(tag=tag, allowed=", ".join(sorted(markup.TAGS)))
    if _JAVASCRIPT_URL.match(_SPACES.sub("", value)):
        return _("\"javascript:\" addresses are not allowed; link to a web page (https://…)")
    if name.startswith("on"):
        return _("the HTML attribute {name}= runs code and is not allowed; remove it"
                 ).format(name=name)
    if tag == "img" and name == "src":
        return _image_message(value, files)
    if tag == "a" and name == "href":
        return _("the address \"{url}\" is not allowed: a link leads to a web page "
                 "(https://…), an e-mail address (mailto:…) or a phone number (tel:…)"
                 ).format(url=value)
    if markup.reserved(name, value):
        return _("the {name} \"{value}\" belongs to the site's own layout (names starting "
                 "with md- or nl-); choose another name").format(name=name, value=value)
    if name == "style":
        return _("the HTML attribute style= is not allowed (the site's style sheet sets the "
                 "presentation); remove it")
    allowed = sorted(markup.ATTRIBUTES["*"] | markup.ATTRIBUTES.get(tag, frozenset()))
    return _("the HTML attribute {name}= is not allowed on <{tag}>; remove it (allowed "
             "there: {allowed})").format(name=name, tag=tag, allowed=", ".join(allowed))


def _image_message(source: str, files: Collection[str]) -> str:
    name = markup.image_name(source)
    parts = urlsplit(source.strip())
    if name is None and not (parts.scheme or parts.netloc):
        return _("the image \"{src}\" is outside this practice's folder; put the file beside "
                 "this text and write ![description](file-name.jpg)").format(src=source)
    if name is None:
        return _("the image \"{src}\" is on another site, and the newsletter loads nothing "
                 "from elsewhere; save it in the same folder and write "
                 "![description](file-name.jpg)").format(src=source)
    if name not in files:
        images = sorted(f for f in files if f.lower().endswith(markup.IMAGE_SUFFIXES))
        return _("the image \"{src}\" is not in the folder; {hint}").format(
            src=name, hint=suggest(name, images) if images else _(
                "put the image file next to this one"))
    return _("\"{src}\" is not an image (accepted: {suffixes})").format(
        src=name, suffixes=", ".join(markup.IMAGE_SUFFIXES))


