"""The shape of a body's HTML: how deeply it nests, and how its tables lay out.

Every output must lay out what `check` accepts, in bounded time and memory. The PDF is
the demanding one: Typst measures an auto-sized table's cells twice, so each table
nested in another doubles the work (13 levels took 1.5 GB and 17 s, 16 were killed at
2.5 GB), quotes nested 16 deep exceed its "show rule depth", blocks nested about 40 deep
its "layout depth", and a cell spanning more columns than its table has is an error.
The limits below were measured on Typst 0.15 with the edition template (README,
"What a text may contain"): within them, any body is laid out in well under a second.

Walks here are iterative: no depth of content can reach Python's recursion limit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator

from selectolax.lexbor import LexborHTMLParser

MAX_DEPTH = 24
"""Elements inside elements (a list item in a list in a quote…); the PDF lays out deeper."""
MAX_TABLES = 3
"""Tables inside tables: each level doubles the PDF's time and memory."""
MAX_QUOTES = 8
"""Quotes inside quotes (Typst stops at 16, fewer inside lists and Korean text)."""
MAX_LISTS = 8
"""Lists inside lists."""
MAX_COLUMNS = 40
"""Columns of one table: more cannot be read on a page."""
MAX_CELLS = 5_000
"""Cells of one table (200 rows of 25): a larger table is data, better linked; laying it
out took Typst past 1.5 GB at 40 × 4 500."""

_TEXT = ("-text", "_text", "-comment", "_comment")
_QUOTE_MARKERS = re.compile(r"^[ \t]*((?:>[ \t]*)+)", re.MULTILINE)
_INDENT = re.compile(r"^([ \t]+)\S", re.MULTILINE)
_EMPHASIS_RUN = re.compile(r"[*_]{6}")


def might_nest(body: str) -> bool:
    """False when Markdown without HTML, attribute lists or links cannot come near a
    limit: quotes come from `>`, lists from indentation, nesting emphasis from runs of
    `*` and `_`, wide tables from `|` (a property test checks it). Cheap tests first: it runs on every body."""
    if body.count(">") > MAX_QUOTES // 2 and max(
            (marker.count(">") for marker in _QUOTE_MARKERS.findall(body)), default=0) > MAX_QUOTES // 2:
        return True
    if (" " * 17 in body or "\t" in body) and max(
            (len(space.expandtabs(4)) for space in _INDENT.findall(body)), default=0) > 16:
        return True
    if body.count("|") > MAX_COLUMNS and any(line.count("|") > MAX_COLUMNS
                                             for line in body.split("\n")):
        return True  # a Markdown table that may be too wide
    return body.count("*") + body.count("_") >= 6 and bool(_EMPHASIS_RUN.search(body))


def children(node: Any) -> Iterator[Any]:
    """The element children of a parsed node (text and comments aside)."""
    child = node.child
    while child is not None:
        if child.tag not in _TEXT:
            yield child
        child = child.next


def parse(html: str) -> Any:
    """An HTML fragment's body, parsed as browsers do (None when it is empty)."""
    return LexborHTMLParser(f"<!doctype html><html><body>{html}</body></html>").body


@dataclass(frozen=True)
class Nesting:
    """The deepest nesting of a fragment, in elements and per kind."""

    depth: int = 0
    tables: int = 0
    quotes: int = 0
    lists: int = 0

    def beyond(self) -> dict[str, tuple[int, int]]:
        """Each kind past its limit: kind -> (found, limit)."""
        limits = {"depth": MAX_DEPTH, "tables": MAX_TABLES, "quotes": MAX_QUOTES,
                  "lists": MAX_LISTS}
        return {kind: (getattr(self, kind), limit) for kind, limit in limits.items()
                if getattr(self, kind) > limit}


_KINDS = {"table": "tables", "blockquote": "quotes", "ul": "lists", "ol": "lists"}


def nesting(html: str) -> Nesting:
    """How deeply `html` nests (iteratively: any depth)."""
    body = parse(html)
    if body is None:
        return Nesting()
    deepest = {"depth": 0, "tables": 0, "quotes": 0, "lists": 0}
    stack = [(child, 1, 0, 0, 0) for child in children(body)]
    while stack:
        node, depth, tables, quotes, lists = stack.pop()
        kind = _KINDS.get(node.tag)
        tables += kind == "tables"
        quotes += kind == "quotes"
        lists += kind == "lists"
        for name, value in (("depth", depth), ("tables", tables), ("quotes", quotes),
                            ("lists", lists)):
            deepest[name] = max(deepest[name], value)
        stack += [(child, depth + 1, tables, quotes, lists) for child in children(node)]
    return Nesting(**deepest)


# -- tables ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Placed:
    """A cell of a laid-out table."""

    index: int | None
    """Its position among the table's cells in document order; None for a filler."""
    colspan: int
    rowspan: int
    asked: tuple[int, int]
    """The colspan and rowspan the HTML asked for."""

    @property
    def clamped(self) -> bool:
        return self.index is not None and (self.colspan, self.rowspan) != self.asked


@dataclass(frozen=True)
class Layout:
    columns: int
    """At most MAX_COLUMNS; `wanted` says how many the cells asked for."""
    rows: list[list[Placed]]
    """Each row's cells from left to right, with empty fillers where no cell starts and
    no cell from above reaches, so that every row fills `columns` exactly: placed one
    after another, the cells land where a browser shows them."""
    wanted: int
    """The columns that cells start in (more than MAX_COLUMNS: too wide to print)."""


def span(value: str | None) -> int:
    """A colspan or rowspan as HTML reads it: a number from 1 (0, for a rowspan, is "to
    the end of the group"; anything else counts as 1)."""
    return int(value) if value and re.fullmatch(r"[0-9]{1,4}", value) else 1


_Spot = tuple[int, int, int, int]
"""A placed cell: its index, first column, columns and rows."""


def _place(asked: list[list[tuple[int, int]]], ends: list[int], width: int | None
           ) -> list[tuple[list[_Spot], set[int]]]:
    """Each row's cells at the first column free of the rowspans from above, with the
    columns those cover. With a `width`, spans are clamped to it and to the next covered
    column, so that no two cells overlap. Only the first MAX_COLUMNS + 1 columns are
    tracked: the cost stays linear in the number of cells whatever the spans ask."""
    tracked = MAX_COLUMNS + 1
    active: list[tuple[int, int, int]] = []  # first column, end column, end row
    rows, index = [], 0
    for number, row in enumerate(asked):
        active = [spot for spot in active if spot[2] > number]
        covered = {column for first, end, _row in active for column in range(first, end)}
        column, placed = 0, []
        for colspan, rowspan in row:
            while column in covered:
                column += 1
            rows_left = ends[number] - number
            down = rows_left if rowspan == 0 else min(max(rowspan, 1), rows_left)
            if width is None:
                across = min(max(colspan, 1), tracked)
            else:
                room = next((c for c in range(column, width) if c in covered), width) - column
                across = max(1, min(colspan, room))
            if down > 1 and column < tracked:
                active.append((column, min(column + across, tracked), number + down))
            placed.append((index, column, across, down))
            index += 1
            column += across
        rows.append((placed, covered))
    return rows


def lay_out(groups: list[list[list[tuple[int, int]]]]) -> Layout:
    """Place the cells of a table, given as row groups (thead, tbody…) of rows of
    (colspan, rowspan), as a browser does; a cell reaching past the last column that any
    cell starts in, into a cell from above, or past its group's last row, is clamped
    (a browser shows the same: the columns it would add have no cell of their own)."""
    asked = [row for group in groups for row in group]
    # The row after the last one each row's cells may reach: rowspans stop at their group's end.
    ends = [start + len(group) for start, group in _group_starts(groups) for _row in group]
    wanted = max((column + 1 for placed, _covered in _place(asked, ends, None)
                  for _index, column, _across, _down in placed), default=0)
    width = min(wanted, MAX_COLUMNS)
    flat = [cell for row in asked for cell in row]
    rows: list[list[Placed]] = []
    for placed, covered in _place(asked, ends, width):
        starts = {column: spot for spot in placed for column in [spot[1]] if column < width}
        cells: list[Placed] = []
        column = 0
        while column < width:
            if column in starts:
                index, _column, across, down = starts[column]
                colspan, rowspan = flat[index]
                cells.append(Placed(index, across, down, (colspan, down if rowspan == 0 else rowspan)))
                column += across
            else:
                if column not in covered:
                    cells.append(Placed(None, 1, 1, (1, 1)))
                column += 1
        rows.append(cells)
    return Layout(width, rows, wanted)


def _group_starts(groups: list[list[Any]]) -> Iterator[tuple[int, list[Any]]]:
    start = 0
    for group in groups:
        yield start, group
        start += len(group)


def row_groups(table: Any) -> list[list[Any]]:
    """A parsed table's rows, by group (its own rows only, not those of nested tables)."""
    groups: list[list[Any]] = []
    loose: list[Any] = []
    for child in children(table):
        if child.tag == "tr":
            loose.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            if loose:
                groups.append(loose)
                loose = []
            groups.append([row for row in children(child) if row.tag == "tr"])
    if loose:
        groups.append(loose)
    return [group for group in groups if group]


def cells_of(row: Any) -> list[Any]:
    return [cell for cell in children(row) if cell.tag in ("td", "th")]


def table_layout(table: Any) -> Layout:
    """The layout of a parsed `<table>`."""
    return lay_out([[[(span(cell.attributes.get("colspan")), span(cell.attributes.get("rowspan")))
                      for cell in cells_of(row)] for row in group]
                    for group in row_groups(table)])
