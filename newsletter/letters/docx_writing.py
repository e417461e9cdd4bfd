"""A body's safe HTML (`markup.to_html`) written into a Word document with python-docx:
headings, paragraphs, lists, quotes, tables, bold and italics, links, pictures with
their descriptions (alt text). Only styles, never direct formatting, so that Word,
LibreOffice and Hancom Office show the same document and `import` reads it back.

Also the few things python-docx has no call for (a hyperlink, a list that starts again
at 1, a picture's description, the languages of the text), made with its own elements,
and the document's bytes made reproducible (the same content gives the same file).
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Callable

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from selectolax.lexbor import LexborHTMLParser, LexborNode

HYPERLINK = "Hyperlink"
EXPLANATION = "Fiche Explanation"
LABEL = "Fiche Label"
MAX_PICTURE_WIDTH = Cm(15)
_INLINE_STYLES = {"strong": "bold", "b": "bold", "em": "italic", "i": "italic",
                  "u": "underline", "ins": "underline", "s": "strike", "del": "strike",
                  "sup": "superscript", "sub": "subscript", "code": "code", "kbd": "code"}
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "blockquote",
           "pre", "div", "figure", "figcaption", "details", "summary", "dl", "dt", "dd", "hr"}

ImageSource = Callable[[str], "tuple[Path, int] | None"]
"""An image's name in the body -> the file to embed and its width in pixels, or None."""


def add_styles(document: Document, lang: str) -> None:
    """The fiche's own styles (explanations, labels, links) and the text's languages."""
    styles = document.styles
    normal = styles["Normal"]
    normal.font.size = Pt(10.5)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), "Malgun Gothic")  # 맑은 고딕: on every Korean Windows
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "ko-KR" if lang == "ko" else "fr-FR")
    language.set(qn("w:eastAsia"), "ko-KR")
    normal.element.get_or_add_rPr().append(language)
    explanation = styles.add_style(EXPLANATION, WD_STYLE_TYPE.PARAGRAPH)
    explanation.base_style = normal
    explanation.next_paragraph_style = normal
    explanation.font.size = Pt(9)
    explanation.font.italic = lang != "ko"  # Hangul has no italics: slanted, it reads worse
    explanation.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    label = styles.add_style(LABEL, WD_STYLE_TYPE.PARAGRAPH)
    label.base_style = normal
    label.next_paragraph_style = normal
    label.font.bold = True
    link = styles.add_style(HYPERLINK, WD_STYLE_TYPE.CHARACTER)
    link.font.underline = True
    link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)


class BodyWriter:
    """Writes the blocks of a body's HTML at the end of a document."""

    def __init__(self, document: Document, images: ImageSource):
        self.document = document
        self.images = images
        self.numbering = document.part.numbering_part.element
        self.skipped: list[str] = []
        """Images that could not be embedded (SVG, missing)."""

    def write(self, html: str) -> None:
        body = LexborHTMLParser(f"<!doctype html><html><body>{html}</body></html>").body
        if body is not None:
            self._blocks(body, quote=False)

    def _blocks(self, parent: LexborNode, quote: bool) -> None:
        loose: list[LexborNode] = []
        for node in _children(parent):
            if node.tag in _BLOCKS:
                if loose:
                    self._paragraph(loose, "Quote" if quote else None)
                    loose = []
                self._block(node, quote)
            elif node.tag not in ("-text", "_text") or node.text(deep=False).strip():
                loose.append(node)
        if loose:
            self._paragraph(loose, "Quote" if quote else None)

    def _block(self, node: LexborNode, quote: bool) -> None:
        tag = node.tag
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            level = min(max(int(tag[1]), 2), 6)  # Heading 1 is the fiche's own parts
            self._paragraph(list(_children(node)), f"Heading {level}")
        elif tag in ("p", "dt", "dd", "figcaption", "summary"):
            self._paragraph(list(_children(node)), "Quote" if quote else None)
        elif tag in ("ul", "ol"):
            self._list(node, 0)
        elif tag == "table":
            self._table(node)
        elif tag == "blockquote":
            self._blocks(node, quote=True)
        elif tag == "pre":
            for line in node.text(deep=True).rstrip("\n").split("\n"):
                paragraph = self.document.add_paragraph(style="Quote" if quote else None)
                paragraph.add_run(line).font.name = "Courier New"
        elif tag != "hr":  # div, figure, details, dl: their blocks
            self._blocks(node, quote)

    def _paragraph(self, nodes: list[LexborNode], style: str | None) -> Paragraph | None:
        if not any(_has_content(node) for node in nodes):
            return None
        paragraph = self.document.add_paragraph(style=style)
        self.inline(paragraph, nodes)
        return paragraph

    def inline(self, paragraph: Paragraph, nodes: list[LexborNode],
               formats: frozenset[str] = frozenset()) -> None:
        for node in nodes:
            if node.tag in ("-text", "_text"):
                text = " ".join(node.text(deep=False).split("\n"))
                if text:
                    _format(paragraph.add_run(text), formats)
            elif node.tag == "br":
                paragraph.add_run().add_break()
            elif node.tag == "img":
                self._picture(paragraph, node)
            elif node.tag == "a":
                self._link(paragraph, node, formats)
            else:
                extra = _INLINE_STYLES.get(node.tag)
                self.inline(paragraph, list(_children(node)),
                            formats | {extra} if extra else formats)

    def _link(self, paragraph: Paragraph, node: LexborNode, formats: frozenset[str]) -> None:
        href = node.attributes.get("href") or ""
        if not href or href.startswith("#"):
            self.inline(paragraph, list(_children(node)), formats)
            return
        part = paragraph.part
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
        paragraph._p.append(link)  # noqa: SLF001 - python-docx has no call for it
        start = len(paragraph.runs)
        self.inline(paragraph, list(_children(node)), formats)
        for run in paragraph.runs[start:]:  # moved inside the link, as Word writes it
            run.style = self.document.styles[HYPERLINK]
            link.append(run._r)  # noqa: SLF001

    def _picture(self, paragraph: Paragraph, node: LexborNode) -> None:
        name = node.attributes.get("src") or ""
        found = self.images(name)
        if found is None:
            self.skipped.append(name)
            return
        path, width = found
        emu = min(MAX_PICTURE_WIDTH, Cm(width * 2.54 / 96)) if width else MAX_PICTURE_WIDTH
        run = paragraph.add_run()
        run.add_picture(str(path), width=emu)
        describe(run, name, node.attributes.get("alt") or "")

    def _list(self, node: LexborNode, depth: int) -> None:
        ordered = node.tag == "ol"
        style = ("List Number" if ordered else "List Bullet") + (f" {depth + 1}" if depth else "")
        number = self._restarted(style, int(node.attributes.get("start") or 1)) if ordered \
            else None
        for item in _children(node):
            if item.tag != "li":
                continue
            inline = [n for n in _children(item) if n.tag not in ("ul", "ol")]
            if any(n.tag == "p" for n in inline):  # a loose list: <li><p>…</p></li>
                inline = [c for n in inline for c in (_children(n) if n.tag == "p" else [n])]
            paragraph = self.document.add_paragraph(style=style)
            self.inline(paragraph, inline)
            numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()  # noqa: SLF001
            numbering.get_or_add_ilvl().val = depth
            if number is not None:
                numbering.get_or_add_numId().val = number
            for sublist in (n for n in _children(item) if n.tag in ("ul", "ol")):
                self._list(sublist, min(depth + 1, 2))

    def _restarted(self, style: str, start: int) -> int:
        """A numbering of the style's list that starts again at `start`: each numbered
        list of the text counts from its own first item."""
        style_numbering = self.document.styles[style].element.pPr.numPr.numId.val
        abstract = next(num.abstractNumId.val for num in self.numbering.num_lst
                        if num.numId == style_numbering)
        num = self.numbering.add_num(abstract)
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
        return num.numId

    def _table(self, node: LexborNode) -> None:
        rows = [row for row in node.css("tr")]
        cells = [[c for c in _children(row) if c.tag in ("td", "th")] for row in rows]
        columns = max((sum(int(c.attributes.get("colspan") or 1) for c in row) for row in cells),
                      default=0)
        if not columns:
            return
        table = self.document.add_table(rows=len(rows), cols=columns)
        table.style = self.document.styles["Table Grid"]
        for r, row in enumerate(cells):
            column = 0
            for cell in row:
                target = table.cell(r, column)
                paragraph = target.paragraphs[0]
                self.inline(paragraph, list(_children(cell)),
                            frozenset({"bold"}) if cell.tag == "th" else frozenset())
                column += int(cell.attributes.get("colspan") or 1)
                if column > columns:
                    break
            if r == 0 and any(c.tag == "th" for c in row):
                header = OxmlElement("w:tblHeader")  # repeated on each page; read as <th>
                table.rows[0]._tr.get_or_add_trPr().append(header)  # noqa: SLF001
        self.document.add_paragraph()  # Word joins two tables that touch


def describe(run, name: str, description: str) -> None:
    """A picture's description (its alt text, `wp:docPr descr`) and its file's name."""
    inline = run._r.xpath(".//wp:inline")[-1]  # noqa: SLF001
    inline.docPr.set("descr", description)
    inline.docPr.set("name", name)
    inline.graphic.graphicData.pic.nvPicPr.cNvPr.set("name", name)


def _children(node: LexborNode):
    child = node.child
    while child is not None:
        if child.tag not in ("-comment", "_comment"):
            yield child
        child = child.next


def _has_content(node: LexborNode) -> bool:
    if node.tag in ("-text", "_text"):
        return bool(node.text(deep=False).strip())
    return node.tag in ("img", "br") or bool(node.text(deep=True).strip()) or \
        bool(node.css_first("img"))


def _format(run, formats: frozenset[str]) -> None:
    font = run.font
    font.bold = True if "bold" in formats else None
    font.italic = True if "italic" in formats else None
    font.underline = True if "underline" in formats else None
    font.strike = True if "strike" in formats else None
    font.superscript = True if "superscript" in formats else None
    font.subscript = True if "subscript" in formats else None
    if "code" in formats:
        font.name = "Courier New"


def reproducible(data: bytes, when: dt.datetime) -> bytes:
    """The document's bytes with every entry dated `when` (a date of the content), in a
    fixed order: the same content gives the same file."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        for name in ["[Content_Types].xml"] + sorted(n for n in names if n != "[Content_Types].xml"):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()
