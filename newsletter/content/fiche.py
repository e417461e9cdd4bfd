"""The fiche (issue 20): the Word form that contributors fill in, its fields and their
explanations, the same for the document the build makes (`letters.fiche`) and the one
`import` reads (`word`).

The fiche is a `.docx` made of styles, a two-column table (field, value) and plain
characters for the checkboxes (☐, ☒): what Word, LibreOffice and Hancom Office all keep.
Every label and explanation is a message of the catalogs, so that `import` recognises a
fiche, and its language, by the labels of its table.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from ..i18n import N_, catalog
from .model import LANGUAGES

IDENTIFIER = "lettre-bonnes-pratiques/fiche/1"
"""The fiche's `dc:identifier` (core properties): a document the build made."""
UNCHECKED = "☐"
CHECKED = "☒"
_CHECK_MARKS = frozenset("☒☑✓✔✗✘■▣●◼xXvV")
_EMPTY_BOXES = ("☐", "□", "[ ]", "[]", "○")


def file_name(lang: str) -> str:
    """The blank fiche's name in `<lang>/submit/`."""
    return f"lettre-bonnes-pratiques-fiche-{lang}.docx"


@dataclass(frozen=True)
class Field:
    """A row of the fiche's table."""

    key: str
    label: str
    """English msgid of the label (the first paragraph of the row's left cell)."""
    explanation: str
    """English msgid of the explanation (the left cell's second paragraph)."""
    kind: str = "text"
    """text, lines (one value per line), choice (one box), checklist (boxes), date."""


FIELDS: tuple[Field, ...] = (
    Field("title", N_("Title"), N_(
        "What was done, in one short sentence of plain text, e.g. “An online marathon "
        "to run together, each at home”.")),
    Field("summary", N_("Summary"), N_(
        "One or two sentences: what the practice is, for whom, with what result. Readers "
        "see it under the title and in the lists.")),
    Field("collectivity", N_("Local government"), N_(
        "Its official name in this fiche's language, e.g. Ville de Tours, 투르시.")),
    Field("country", N_("Country"), N_("Check one box: replace ☐ with ☒ (or with an X)."),
          "choice"),
    Field("population", N_("Population"), N_(
        "The number of inhabitants, in figures only, e.g. 137000.")),
    Field("size", N_("Size"), N_(
        "Check a box only for a status (a métropole, a 특별시 or 광역시; a département, a "
        "région or a 도), or when you give no population: otherwise the size follows from "
        "the population."), "choice"),
    Field("themes", N_("Themes"), N_("Check 1 to 3 boxes: replace ☐ with ☒ (or with an X)."),
          "checklist"),
    Field("partners", N_("Partner local governments"), N_(
        "Optional: one name per line, in this fiche's language."), "lines"),
    Field("date", N_("Date"), N_(
        "When the practice started or was presented, written YYYY-MM-DD, e.g. 2021-03-15."),
          "date"),
    Field("updated", N_("Last update"), N_(
        "Optional: the date of the last real change, written YYYY-MM-DD."), "date"),
    Field("contact_name", N_("Contact: service"), N_(
        "A service to write to, never a person's name, e.g. Direction des relations "
        "internationales.")),
    Field("contact_email", N_("Contact: e-mail"), N_("The service's e-mail address.")),
    Field("contact_url", N_("Contact: web page"), N_(
        "Optional: a page of the service, starting with https://.")),
    Field("links", N_("Links"), N_(
        "Optional: web pages to go further, one per line: the page's title, then its "
        "address, e.g. Presentation of the project — https://…"), "lines"),
)
TRANSLATED = ("title", "summary", "collectivity", "partners", "contact_name", "links")
"""The fields a translation gives (the links: their titles)."""
EDITORS_FIELDS: tuple[Field, ...] = (
    Field("slug", N_("Reference"), N_("Filled in by the editors: leave it as it is.")),
    Field("edition", N_("Edition"), N_("Filled in by the editors: leave it as it is.")),
    Field("collectivity_key", N_("Key in the directory"),
          N_("Filled in by the editors: leave it as it is.")),
    Field("partner_keys", N_("Partners' keys"),
          N_("Filled in by the editors: leave it as it is."), "lines"),
)

TITLE = N_("Good practice fiche")
SECTION_FIELDS = N_("1. The practice in brief")
SECTION_TEXT = N_("2. The text of the practice")
SECTION_PHOTOS = N_("3. Photos")
SECTION_EDITORS = N_("4. For the editors")
SECTIONS = (SECTION_FIELDS, SECTION_TEXT, SECTION_PHOTOS, SECTION_EDITORS)
PHOTO = N_("Photo")
DESCRIPTION = N_("Description")
BODY_HEADINGS = (N_("Context"), N_("What was done"), N_("Results and lessons"))
"""The body's usual sections: the headings `new` writes (templates/new/)."""

INSTRUCTIONS = (
    N_("Fill in this fiche in Word, LibreOffice or Hancom Office and save it as .docx. "
       "Write in the right-hand boxes of the table; the grey explanations may stay."),
    N_("Write the text under each heading; rename a heading or add your own as you wish. "
       "Use the word processor's styles: “Heading 2” for a heading, its buttons for lists, "
       "bold, italics, links and tables. Photos go in the text or in the table of part 3."),
    N_("Why the practice was started: the situation, the need, who asked for it."),
    N_("What was done, by whom, with which means and partners, and when."),
    N_("What it achieved (with figures if you have them), what it cost, what you learned, "
       "and what another local government should know to do the same."),
    N_("Optional: photos you may publish (yours, or with permission), each with a sentence "
       "that says what it shows, for readers who cannot see it. Insert each photo in a "
       "left-hand box (Insert, Picture) and write its description on its right."),
    N_("This part is filled in by the newsletter's editors."),
)
"""The explanations of the fiche's own parts (dropped on import, in either language)."""
SEND = N_("Send it by e-mail to {office} ({email}).")
SEND_WITHOUT_EMAIL = N_("Send it to {office} ({url}).")
NEXT_EDITION = N_("The next edition comes out on {date}: send your fiche as early as you can "
                  "before then, so that it can be translated.")
TWICE_A_YEAR = N_("The newsletter comes out twice a year: send your fiche whenever it is "
                  "ready.")
EXPORTED = N_("Practice {slug}, as published: correct it, or translate it, in place.")


def words(lang: str, message: str) -> str:
    return catalog(lang).gettext(message)


def normal(text: str) -> str:
    """Text compared without case, spacing, width or punctuation at its ends."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\s+", " ", text).strip(" :：.-–—*\u00a0\u202f")


@functools.cache
def field_labels() -> dict[str, tuple[str, tuple[str, ...]]]:
    """The label of every field (and of the editors' fields), normalised, in every
    language -> (key, the languages that write it so)."""
    found: dict[str, tuple[str, tuple[str, ...]]] = {}
    for lang in LANGUAGES:
        for field in FIELDS + EDITORS_FIELDS:
            label = normal(words(lang, field.label))
            key, languages = found.get(label, (field.key, ()))
            found[label] = (key, languages + (lang,))
    return found


@functools.cache
def own_texts() -> frozenset[str]:
    """The fiche's own headings and explanations, normalised, in every language: what
    `import` leaves out of the body."""
    messages = SECTIONS + INSTRUCTIONS + (TITLE, PHOTO, DESCRIPTION)
    return frozenset(normal(words(lang, message)) for lang in LANGUAGES for message in messages)


def is_own_text(text: str) -> bool:
    """A heading or an explanation of the fiche itself (not the contributor's)."""
    normalised = normal(text)
    return normalised in own_texts() or any(pattern.fullmatch(normalised)
                                            for pattern in _own_patterns())


@functools.cache
def _own_patterns() -> tuple[re.Pattern[str], ...]:
    """The fiche's sentences with a value in them (the office, a date), as patterns."""
    patterns = []
    for lang in LANGUAGES:
        for message in (SEND, SEND_WITHOUT_EMAIL, NEXT_EDITION, EXPORTED):
            marked = normal(re.sub(r"\{\w+\}", "\x00", words(lang, message)))
            patterns.append(re.compile(".+".join(re.escape(part) for part in marked.split("\x00"))))
    return tuple(patterns)


def option(text: str) -> tuple[bool, str]:
    """A line of a checklist: whether it is checked, and its label. A line that starts
    with an empty box is not checked; one with a mark (☒, ✓, X…) is, and so is a bare
    label (the other boxes deleted)."""
    line = text.strip()
    for box in _EMPTY_BOXES:
        if line.startswith(box):
            rest = line[len(box):].strip()
            if rest[:1] in _CHECK_MARKS and rest[1:2] in (" ", "\t", ""):
                return True, rest[1:].strip()
            return False, rest
    if line[:1] in _CHECK_MARKS and line[1:2] in (" ", "\t", UNCHECKED) or line[:1] in "☒☑✓✔":
        return True, line[1:].strip(" " + UNCHECKED)
    if line.startswith(("[x]", "[X]")):
        return True, line[3:].strip()
    return True, line
