"""The fiche as a Word document (issue 20): blank, for contributors (`<lang>/submit/`), or
filled with a practice (`export`), for its local government to correct or for a
translator to fill in the other language. The same layout both ways, so that `import`
(`content.word`) reads either back.

The layout: a title and how to send the fiche; part 1, a two-column table of the fields
(label and explanation on the left, the value on the right; checkboxes as ☐/☒
characters); part 2, the text, under the body's usual headings; part 3, a table with
room for photos and their descriptions; part 4, only in an exported fiche, what the
editors need to import it back (its slug, edition and keys). Styles only (Title,
Heading 1 and 2, Table Grid, lists, two styles of our own): no macro, no form control,
nothing that one of Word, LibreOffice or Hancom Office drops.
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import docx
import imagesize
from babel import Locale

from ..content import fiche, markup, photos
from ..content.fiche import CHECKED, UNCHECKED, Field, words
from ..content.model import Practice, Taxonomy
from ..content.publishing import Office
from ..i18n import catalog, format_date
from .docx_writing import EXPLANATION, LABEL, BodyWriter, add_styles, reproducible

PHOTO_ROWS = 3


@dataclass(frozen=True)
class Values:
    """What a fiche's table says: a text per field, the checked keys of a checklist."""

    texts: dict[str, list[str]] = field(default_factory=dict)
    """One or several lines per field key (lines: partners, links)."""
    checked: dict[str, set[str]] = field(default_factory=dict)
    """Field key (country, size, themes) -> the option keys checked."""


@dataclass(frozen=True)
class Made:
    data: bytes
    skipped_images: list[str]


def blank(taxonomy: Taxonomy, lang: str, office: Office | None, next_edition: dt.date | None,
          when: dt.date) -> bytes:
    """The fiche to fill in, in `lang`: what `<lang>/submit/` offers."""
    document = _start(taxonomy, lang, office, next_edition, when)
    _fields(document, taxonomy, lang, Values())
    _text_heading(document, lang)
    for heading, explanation in zip(fiche.BODY_HEADINGS, fiche.INSTRUCTIONS[2:5]):
        document.add_heading(words(lang, heading), level=2)
        document.add_paragraph(words(lang, explanation), style=EXPLANATION)
        document.add_paragraph()
    _photos(document, lang)
    return _bytes(document, when)


def filled(practice: Practice, lang: str, taxonomy: Taxonomy, office: Office | None,
           folder: Path, when: dt.date) -> Made:
    """The practice as a fiche in `lang`: its words in that language (the original's when
    it has no translation yet, for a translator to write over), its structural fields.
    `practice.updated` must be its own field (content loaded without git's dates)."""
    document = _start(taxonomy, lang, office, None, when)
    document.add_paragraph(words(lang, fiche.EXPORTED).format(slug=practice.slug),
                           style=EXPLANATION)
    _fields(document, taxonomy, lang, values_of(practice, lang))
    _text_heading(document, lang)
    images = {name: folder / name for name in practice.images}

    def image(name: str) -> tuple[Path, int] | None:
        source = images.get(markup.image_name(name) or "")
        if source is None or source.suffix.lower() == ".svg":
            return None
        copy = photos.path_of(photos.publish(source).name, source)  # without metadata
        size = imagesize.get(copy)
        return copy, size[0] if size and size[0] > 0 else 0

    writer = BodyWriter(document, image)
    words_ = practice.text(lang)
    writer.write(markup.to_html(words_.body, practice.images))
    _photos(document, lang)
    document.add_heading(words(lang, fiche.SECTION_EDITORS), level=1)
    document.add_paragraph(words(lang, fiche.INSTRUCTIONS[6]), style=EXPLANATION)
    editors = Values({"slug": [practice.slug], "edition": [practice.edition],
                      "collectivity_key": [practice.collectivity_key or ""],
                      "partner_keys": list(practice.partner_keys)})
    _table(document, lang, fiche.EDITORS_FIELDS, editors, taxonomy)
    return Made(_bytes(document, when), writer.skipped)


def values_of(practice: Practice, lang: str) -> Values:
    """The fiche's table for a practice, in `lang`."""
    text = practice.text(lang)
    contact = practice.contact
    contact_name, _lang = practice.contact_name(lang)
    links = practice.links_for(lang)
    texts = {
        "title": [text.title], "summary": [text.summary], "collectivity": [text.collectivity],
        "population": [str(practice.population)] if practice.population else [],
        "partners": list(text.partners), "date": [practice.date.isoformat()],
        "updated": [practice.updated.date().isoformat()] if practice.updated else [],
        "contact_name": [contact_name or ""], "contact_email": [contact.email or ""]
        if contact else [], "contact_url": [contact.url or ""] if contact else [],
        "links": [f"{link.title} — {link.url}" for link, _l in links],
    }
    sizes = {practice.size} if practice.population is None or not _is_band(practice) else set()
    return Values(texts, {"country": {practice.country}, "size": sizes,
                          "themes": set(practice.themes)})


def _is_band(practice: Practice) -> bool:
    return practice.size not in ("metropole", "departement-region")


def _start(taxonomy: Taxonomy, lang: str, office: Office | None,
           next_edition: dt.date | None, when: dt.date) -> docx.document.Document:
    document = docx.Document()
    add_styles(document, lang)
    properties = document.core_properties
    properties.identifier = fiche.IDENTIFIER
    properties.language = "ko-KR" if lang == "ko" else "fr-FR"
    properties.title = words(lang, fiche.TITLE)
    properties.subject = catalog(lang).gettext("Good Practices Newsletter")
    properties.author = office.name(lang) if office else ""
    properties.last_modified_by = ""
    properties.comments = ""
    properties.keywords = ""
    properties.revision = 1
    moment = dt.datetime(when.year, when.month, when.day)
    properties.created = properties.modified = moment
    properties.last_printed = moment
    document.add_heading(words(lang, fiche.TITLE), level=0)
    document.add_paragraph(catalog(lang).gettext("Good Practices Newsletter"), style="Subtitle")
    document.add_paragraph(words(lang, fiche.INSTRUCTIONS[0]), style=EXPLANATION)
    if office is not None:
        send = fiche.SEND if office.email else fiche.SEND_WITHOUT_EMAIL
        document.add_paragraph(words(lang, send).format(
            office=office.name(lang), email=office.email, url=office.url), style=EXPLANATION)
    if next_edition is not None:
        document.add_paragraph(words(lang, fiche.NEXT_EDITION).format(
            date=format_date(next_edition, lang)), style=EXPLANATION)
    elif office is not None:
        document.add_paragraph(words(lang, fiche.TWICE_A_YEAR), style=EXPLANATION)
    return document


def _fields(document, taxonomy: Taxonomy, lang: str, values: Values) -> None:
    document.add_heading(words(lang, fiche.SECTION_FIELDS), level=1)
    _table(document, lang, fiche.FIELDS, values, taxonomy)


def _text_heading(document, lang: str) -> None:
    document.add_heading(words(lang, fiche.SECTION_TEXT), level=1)
    document.add_paragraph(words(lang, fiche.INSTRUCTIONS[1]), style=EXPLANATION)


def options(taxonomy: Taxonomy, lang: str, key: str) -> list[tuple[str, str]]:
    """(option key, label in `lang`) of a field with boxes: country, size, themes."""
    if key == "country":
        territories = Locale.parse(lang).territories
        return [("FR", territories.get("FR", "France")), ("KR", territories.get("KR", "Korea"))]
    terms = taxonomy.sizes if key == "size" else taxonomy.themes
    return [(term.key, term.label(lang)) for term in terms]


def _table(document, lang: str, fields: tuple[Field, ...], values: Values,
           taxonomy: Taxonomy) -> None:
    table = document.add_table(rows=len(fields), cols=2)
    table.style = document.styles["Table Grid"]
    _widths(table, (5.5, 11))
    for row, item in zip(table.rows, fields):
        left, right = row.cells
        left.paragraphs[0].style = document.styles[LABEL]
        left.paragraphs[0].add_run(words(lang, item.label))
        left.add_paragraph(words(lang, item.explanation), style=EXPLANATION)
        if item.kind in ("choice", "checklist"):
            checked = values.checked.get(item.key, set())
            for index, (key, label) in enumerate(options(taxonomy, lang, item.key)):
                paragraph = right.paragraphs[0] if index == 0 else right.add_paragraph()
                paragraph.add_run(f"{CHECKED if key in checked else UNCHECKED} {label}")
        else:
            for index, line in enumerate(values.texts.get(item.key) or [""]):
                paragraph = right.paragraphs[0] if index == 0 else right.add_paragraph()
                if line:
                    paragraph.add_run(line)
    document.add_paragraph()


def _photos(document, lang: str) -> None:
    document.add_heading(words(lang, fiche.SECTION_PHOTOS), level=1)
    document.add_paragraph(words(lang, fiche.INSTRUCTIONS[5]), style=EXPLANATION)
    table = document.add_table(rows=PHOTO_ROWS + 1, cols=2)
    table.style = document.styles["Table Grid"]
    _widths(table, (8.25, 8.25))
    for cell, message in zip(table.rows[0].cells, (fiche.PHOTO, fiche.DESCRIPTION)):
        cell.paragraphs[0].style = document.styles[LABEL]
        cell.paragraphs[0].add_run(words(lang, message))
    for row in table.rows[1:]:
        row.height = docx.shared.Cm(4)
    document.add_paragraph()


def _widths(table, centimetres: tuple[float, ...]) -> None:
    """Column widths that every word processor keeps (the grid and each cell)."""
    table.autofit = False
    for column, width in zip(table.columns, centimetres):
        column.width = docx.shared.Cm(width)
        for cell in column.cells:
            cell.width = docx.shared.Cm(width)


def _bytes(document, when: dt.date) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible(buffer.getvalue(), dt.datetime(when.year, when.month, when.day))
