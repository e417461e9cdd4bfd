"""A Word document into a practice's fields, body and pictures (issue 20): the fiche
(`fiche`) filled in, or any other document, "as far as it can be".

The file is first opened as untrusted (`docx_archive`: no macros, no DTD, size limits);
mammoth then turns the vetted parts into simple HTML (styles: headings, lists, tables,
bold, italics, links, pictures with their alt text), never reading anything outside the
archive; `markdown_writing` writes that HTML as Markdown. A fiche's table gives the
fields; its own headings and explanations are left out of the body; its table of photos
gives pictures with their descriptions.

Nothing here writes a file: `commands.importer` does, once everything is read.
"""
from __future__ import annotations

import hashlib
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import mammoth
from defusedxml import ElementTree as SafeTree  # the parts were vetted already: no DTD
from PIL import Image, UnidentifiedImageError
from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..i18n import _
from . import docx_archive, fiche
from .docx_archive import Archive
from .fiche_fields import read_fields
from .markdown_writing import Writer, children, text_of
from .model import Problem, Severity, Taxonomy
from .photos import MAX_PIXELS

STYLE_MAP = "\n".join([
    "p[style-name='Title'] => h1.nl-title:fresh",
    "p[style-name='Subtitle'] => p.nl-subtitle:fresh",
    "p[style-name='Quote'] => blockquote > p:fresh",
    "p[style-name='Intense Quote'] => blockquote > p:fresh",
    "p[style-name='Fiche Explanation'] => p.nl-explanation:fresh",
    "p[style-name='Fiche Label'] => p:fresh",
] + [f"p[style-name='heading {n}'] => h{n}:fresh" for n in range(1, 7)]
  + [f"p[style-name='제목 {n}'] => h{n}:fresh" for n in range(1, 7)])
"""Word's styles as HTML, beside mammoth's defaults (Heading 1…, lists, tables)."""
IMAGE_TYPES = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}
MAX_IMAGE_BYTES = docx_archive.MAX_PART_BYTES


@dataclass(frozen=True)
class Picture:
    name: str
    """A safe file name: lowercase ASCII, digits, hyphens, and the format's suffix."""
    data: bytes


@dataclass
class Imported:
    """What a Word document gives a practice."""

    lang: str
    is_fiche: bool
    fields: dict[str, Any]
    body: str
    pictures: list[Picture]
    problems: list[Problem] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return any(p.is_error for p in self.problems)


def read(file: Path, path: str, taxonomy: Taxonomy, lang: str | None = None) -> Imported:
    """The document at `file` (shown as `path` in problems); `lang`: its language when
    known, else found from its labels or its script."""
    archive = docx_archive.open_docx(file, path)
    if archive.refused:
        return Imported(lang or "fr", False, {}, "", [], archive.problems)
    reader = _Reader(archive, path)
    try:
        result = mammoth.convert_to_html(
            archive.docx(), style_map=STYLE_MAP, include_embedded_style_map=False,
            external_file_access=False, convert_image=mammoth.images.img_element(reader.image))
    except RecursionError:
        return Imported(lang or "fr", False, {}, "", [], archive.problems + [Problem(
            path, None, _("the document nests its contents too deeply to be read; save it "
                          "again from Word"))])
    except Exception as error:  # noqa: BLE001 - a damaged document is data, not a crash
        return Imported(lang or "fr", False, {}, "", [], archive.problems + [Problem(
            path, None, _("the document could not be read ({error}); open it in Word or "
                          "LibreOffice and save it again as .docx").format(error=error))])
    body = LexborHTMLParser(f"<!doctype html><html><body>{result.value}</body></html>").body
    nodes = list(children(body)) if body is not None else []
    return reader.document(nodes, taxonomy, lang, archive)


class _Reader:
    def __init__(self, archive: Archive, path: str):
        self.path = path
        self.names = _picture_names(archive)
        self.pictures: dict[str, Picture] = {}
        """Token (the `src` mammoth writes) -> picture."""
        self.problems: list[Problem] = []
        self.used: set[str] = set()

    # -- pictures -------------------------------------------------------------------------

    def image(self, image: Any) -> dict[str, str]:
        try:
            with image.open() as stream:
                data = stream.read(MAX_IMAGE_BYTES + 1)
        except Exception:  # noqa: BLE001 - a linked picture: never fetched (reported apart)
            return {"src": ""}
        problem, suffix = _image_problem(data)
        if problem:
            self.problems.append(Problem(self.path, None, problem, Severity.WARNING))
            return {"src": ""}
        digest = hashlib.sha256(data).hexdigest()
        known = next((p for p in self.pictures.values()
                      if hashlib.sha256(p.data).hexdigest() == digest), None)
        if known is None:
            stem = _safe_stem(self.names.get(digest, "")) or f"photo-{len(self.pictures) + 1}"
            name, number = f"{stem}{suffix}", 2
            while name in self.used:
                name, number = f"{stem}-{number}{suffix}", number + 1
            self.used.add(name)
            known = Picture(name, data)
        token = f"nl-picture-{len(self.pictures)}"
        self.pictures[token] = known
        return {"src": token}

    # -- the document ---------------------------------------------------------------------

    def document(self, nodes: list[LexborNode], taxonomy: Taxonomy, lang: str | None,
                 archive: Archive) -> Imported:
        problems = archive.problems + self.problems + _linked(archive, self.path)
        table, found_lang = _fields_table(nodes)
        is_fiche = table is not None
        lang = lang or found_lang or _script_language(nodes)
        shown: list[Picture] = []

        def markdown_image(node: LexborNode) -> str | None:
            picture = self.pictures.get(node.attributes.get("src") or "")
            if picture is None:
                return None
            shown.append(picture)
            alt = " ".join((node.attributes.get("alt") or "").split())
            if not alt:
                problems.append(Problem(self.path, None, _(
                    "the picture {name} has no description: write one in the text, "
                    "![what it shows]({name})").format(name=picture.name), Severity.WARNING))
            return f"![{alt.replace(']', '')}]({picture.name})"

        writer = Writer(markdown_image)
        fields: dict[str, Any] = {}
        photos: list[str] = []
        if is_fiche:
            start = nodes.index(table)
            fields, found = read_fields(table, taxonomy, lang, self.path)
            problems += found
            rest = []
            for node in nodes[start + 1:]:
                editors = node.tag == "table" and _fields_table([node])[0] is not None
                if editors:
                    extra, found = read_fields(node, taxonomy, lang, self.path)
                    fields.update(extra)
                    problems += found
                elif node.tag == "table" and _photo_rows(node):
                    photos += _photo_lines(node, writer)
                elif node.tag == "table" and not node.css_first("img") and all(
                        not text_of(c) or fiche.is_own_text(text_of(c))
                        for c in node.css("td, th")):
                    continue  # the fiche's table of photos, left empty
                elif not (text_of(node) and fiche.is_own_text(text_of(node))) and not \
                        (node.tag == "p" and "nl-explanation" in (node.attributes.get("class")
                                                                 or "") and not text_of(node)):
                    rest.append(node)
            nodes = rest
        else:
            title, nodes = _title(nodes)
            if title:
                fields["title"] = title
        shift = 2 - min((int(n.tag[1]) for n in nodes if n.tag in ("h1", "h2", "h3", "h4",
                                                                   "h5", "h6")), default=2)
        blocks = _without_empty_sections(writer.blocks(nodes, shift), problems, self.path)
        body = "\n\n".join(blocks + photos)
        for href in writer.dropped:
            problems.append(Problem(self.path, None, _(
                "the link to \"{url}\" was left out (its text is kept): a link leads to a web "
                "page (https://…), an e-mail address or a phone number").format(
                    url=href[:80]), Severity.WARNING))
        pictures = list(dict.fromkeys(shown))
        return Imported(lang, is_fiche, fields, body, pictures, problems)


def _fields_table(nodes: list[LexborNode]) -> tuple[LexborNode | None, str | None]:
    """The first table whose rows are labelled with the fiche's labels, and their
    language."""
    labels = fiche.field_labels()
    for node in nodes:
        if node.tag != "table":
            continue
        found = Counter()
        for row in node.css("tr"):
            first = next((c for c in children(row) if c.tag in ("td", "th")), None)
            if first is None:
                continue
            label = next((text_of(p) for p in children(first) if text_of(p)), "")
            match = labels.get(fiche.normal(label))
            for language in match[1] if match else ():
                found[language] += 1
        if sum(found.values()) >= 3:
            ranked = found.most_common(2)
            tie = len(ranked) == 2 and ranked[0][1] == ranked[1][1]
            return node, None if tie else ranked[0][0]
    return None, None


def _script_language(nodes: list[LexborNode]) -> str:
    text = " ".join(text_of(n) for n in nodes)
    hangul = sum(1 for c in text if "\uac00" <= c <= "\ud7a3")
    letters = sum(1 for c in text if c.isalpha())
    return "ko" if letters and hangul / letters > 0.3 else "fr"


def _title(nodes: list[LexborNode]) -> tuple[str | None, list[LexborNode]]:
    """A free document's title: its Title paragraph, else its first heading."""
    headings = [n for n in nodes if n.tag in ("h1", "h2", "h3") and text_of(n)]
    titled = [n for n in headings if "nl-title" in (n.attributes.get("class") or "")]
    chosen = (titled or headings or [None])[0]
    if chosen is None:
        return None, nodes
    return text_of(chosen), [n for n in nodes if n is not chosen]


def _photo_rows(table: LexborNode) -> bool:
    """A table of photos: each row that holds a picture holds one, beside its text."""
    rows = [r for r in table.css("tr") if r.css_first("img")]
    return bool(rows) and all(len(r.css("img")) == 1 for r in rows)


def _photo_lines(table: LexborNode, writer: Writer) -> list[str]:
    lines = []
    for row in table.css("tr"):
        image = row.css_first("img")
        if image is None:
            continue
        description = " ".join(text_of(c) for c in children(row)
                                if c.tag in ("td", "th") and not c.css_first("img"))
        if description:
            image.attrs["alt"] = description
        markdown = writer.image(image)
        if markdown:
            lines.append(markdown)
    return lines


def _without_empty_sections(blocks: list[str], problems: list[Problem], path: str) -> list[str]:
    """A heading followed by nothing (a section of the fiche left empty) is left out."""
    kept: list[str] = []
    for index, block in enumerate(blocks):
        level = len(block) - len(block.lstrip("#")) if block.startswith("#") else 0
        following = blocks[index + 1] if index + 1 < len(blocks) else ""
        next_level = len(following) - len(following.lstrip("#")) if following.startswith("#") \
            else (0 if following else 1)
        if level and (not following or (next_level and next_level <= level)):
            problems.append(Problem(path, None, _(
                "the section \"{heading}\" is empty: it was left out").format(
                    heading=block.lstrip("# ")), Severity.WARNING))
            continue
        kept.append(block)
    return kept


def _picture_names(archive: Archive) -> dict[str, str]:
    """The names Word gives pictures (`pic:cNvPr name`), by the hash of their bytes."""
    relations = _relations(archive)
    names: dict[str, str] = {}
    try:
        root = SafeTree.fromstring(archive.parts.get("word/document.xml", b"<x/>"))
    except SafeTree.ParseError:
        return names
    drawing = "{http://schemas.openxmlformats.org/drawingml/2006/picture}"
    main = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    relation = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    for picture in root.iter(f"{drawing}pic"):
        described = picture.find(f"{drawing}nvPicPr/{drawing}cNvPr")
        blip = picture.find(f".//{main}blip")
        if described is None or blip is None:
            continue
        target = relations.get(blip.get(f"{relation}embed") or "", ("", ""))[0]
        data = archive.parts.get("word/" + target.lstrip("/").removeprefix("word/"))
        if data is not None:
            names.setdefault(hashlib.sha256(data).hexdigest(), described.get("name") or "")
    return names


def _relations(archive: Archive) -> dict[str, tuple[str, str]]:
    """The document's relationships: id -> (target, mode)."""
    try:
        root = SafeTree.fromstring(archive.parts.get("word/_rels/document.xml.rels", b"<x/>"))
    except SafeTree.ParseError:
        return {}
    return {item.get("Id", ""): (item.get("Target", ""), item.get("TargetMode", ""))
            for item in root if item.get("Id")}


def _linked(archive: Archive, path: str) -> list[Problem]:
    """Pictures linked from elsewhere (a web address, a file): never fetched."""
    problems = []
    for _id, (target, mode) in sorted(_relations(archive).items()):
        if mode == "External" and target.lower().rsplit(".", 1)[-1] in (
                "png", "jpg", "jpeg", "gif", "webp", "bmp", "tif", "tiff", "svg", "emf", "wmf"):
            problems.append(Problem(path, None, _(
                "a picture is linked from \"{target}\" rather than inserted: it was not "
                "fetched (the newsletter fetches nothing); insert the picture itself "
                "(Insert, Picture)").format(target=target[:80]), Severity.WARNING))
    xml = archive.parts.get("word/document.xml", b"")
    if b"INCLUDEPICTURE" in xml or b"INCLUDETEXT" in xml:
        problems.append(Problem(path, None, _(
            "the document includes a picture or a text from another file or site (an "
            "INCLUDEPICTURE or INCLUDETEXT field): it was not fetched; insert it itself"),
            Severity.WARNING))
    return problems


def _image_problem(data: bytes) -> tuple[str | None, str]:
    """Why a picture cannot be published, or its suffix."""
    if len(data) > MAX_IMAGE_BYTES:
        return _("a picture of more than {limit} MB was left out; insert it smaller").format(
            limit=MAX_IMAGE_BYTES // 1_000_000), ""
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind, (width, height) = image.format, image.size
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return _("a picture in a format the web cannot show (EMF, WMF, a damaged file…) "
                 "was left out; insert it as JPEG or PNG"), ""
    if width * height > MAX_PIXELS:
        return _("a picture of {width} × {height} pixels was left out (at most {limit} "
                 "million pixels); insert it smaller").format(
                     width=width, height=height, limit=MAX_PIXELS // 1_000_000), ""
    if kind not in IMAGE_TYPES:
        return _("a picture in the {kind} format was left out; insert it as JPEG or "
                 "PNG").format(kind=kind), ""
    return None, IMAGE_TYPES[kind]


def _safe_stem(name: str) -> str:
    """A file name from Word's name of a picture: ASCII letters, digits and hyphens."""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:60].strip("-")
    if not stem or re.fullmatch(r"(picture|image|grafik|그림|photo)?-?\d*", stem) or \
            stem in ("con", "nul", "aux", "prn") or re.fullmatch(r"(com|lpt)\d", stem):
        return ""
    return stem
