"""Reading the PDFs we make, closer than pdftotext does (tests only).

poppler and pypdf read a space by its glyph: Noto Sans CJK draws the space, the no-break
space and the narrow no-break space with one glyph, so they cannot tell "137 000" from
"137 000". Typst says which one it drew (`/ActualText`); `runs` reads it, with the size
each text is set in (a raised "e" of "15e" is smaller); `words` reads where poppler finds
every word on its page.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject, IndirectObject, StreamObject


@dataclass(frozen=True)
class Run:
    text: str
    size: float


def runs(path: Path) -> list[list[Run]]:
    """Each page's texts as drawn, in the order of the page's content."""
    reader = PdfReader(path)
    return [list(_runs(reader, page.get_contents(), page["/Resources"])) for page in reader.pages]


def text_of(page: list[Run]) -> str:
    return "".join(run.text for run in page)


def _runs(reader: PdfReader, contents: Any, resources: Any) -> Iterator[Run]:
    if contents is None:
        return
    resources = resources.get_object()
    fonts = resources.get("/Font", {})
    maps: dict[str, dict[int, str]] = {}
    font, size = None, 0.0
    actual: list[str | None] = []
    for operands, operator in ContentStream(contents, reader).operations:
        if operator == b"BDC":
            properties = operands[1]
            text = properties.get("/ActualText") if isinstance(properties, DictionaryObject) else None
            actual.append(str(text) if text is not None else None)
            if text is not None:
                yield Run(str(text), size)
        elif operator == b"BMC":
            actual.append(None)
        elif operator == b"EMC":
            if actual:
                actual.pop()
        elif operator == b"Tf":
            font, size = str(operands[0]), float(operands[1])
            if font not in maps:
                maps[font] = _to_unicode(fonts[font].get_object())
        elif operator in (b"Tj", b"TJ") and not any(a is not None for a in actual):
            strings = operands[0] if operator == b"TJ" else [operands[0]]
            data = b"".join(bytes(s.original_bytes if hasattr(s, "original_bytes") else s)
                            for s in strings if not isinstance(s, (int, float)))
            codes = [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data), 2)]
            yield Run("".join(maps[font].get(code, "\ufffd") for code in codes), size)
        elif operator == b"Do":
            xobject = resources["/XObject"][operands[0]].get_object()
            if xobject.get("/Subtype") == "/Form":
                yield from _runs(reader, xobject, xobject.get("/Resources", resources))


def _to_unicode(font: DictionaryObject) -> dict[int, str]:
    stream = font.get("/ToUnicode")
    if stream is None:
        return {}
    text = stream.get_object().get_data().decode("latin-1")
    table: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for source, target in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            table[int(source, 16)] = bytes.fromhex(target).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for start, end, target in re.findall(
                r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            first = int.from_bytes(bytes.fromhex(target), "big")
            for offset, code in enumerate(range(int(start, 16), int(end, 16) + 1)):
                table[code] = chr(first + offset)
    return table


def objects(path: Path) -> Iterator[tuple[Any, bytes]]:
    """Every object of the PDF, with its stream decompressed (b"" when it has none)."""
    reader = PdfReader(path)
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            value = reader.get_object(IndirectObject(number, 0, reader))
        except Exception:  # noqa: BLE001 - a free entry of the cross-reference table
            continue
        data = b""
        if isinstance(value, StreamObject):
            try:
                data = value.get_data()
            except Exception:  # noqa: BLE001 - an image's filter pypdf does not decode
                data = b""
        yield value, data


def strings_of(value: Any, keys: tuple[str, ...]) -> Iterator[str]:
    """The text values of `keys` in a dictionary (the structure tree's /Alt, /T, /Lang…)."""
    if isinstance(value, DictionaryObject):
        for key in keys:
            if key in value:
                found = value[key]
                yield str(found.get_object() if isinstance(found, IndirectObject) else found)


@dataclass(frozen=True)
class Word:
    page: int
    left: float
    top: float
    right: float
    text: str
    page_width: float


def words(path: Path) -> list[Word]:
    """Every word poppler finds, with its box (in points, from the page's top left)."""
    import subprocess

    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    found: list[Word] = []
    page, width = 0, 0.0
    for line in out.splitlines():
        if (opened := re.search(r'<page width="([\d.]+)"', line)):
            page, width = page + 1, float(opened.group(1))
        elif (word := re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                                r'yMax="[\d.]+">(.*)</word>', line)):
            found.append(Word(page, float(word.group(1)), float(word.group(2)),
                              float(word.group(3)), html.unescape(word.group(4)), width))
    return found
