"""Open data: every published practice as JSON (with its JSON Schema) and as CSV.

- `data/practices.json`: the taxonomy, the editions and the practices with their
  structural fields and the texts of both languages (the Markdown body as the editors
  wrote it, validated by `check`), described by `data/practices.schema.json`.
- `data/practices.csv`: one row per practice and language it is written in, UTF-8 with
  a byte-order mark so that Excel reads Korean correctly; no body (see the JSON). Every
  text is quoted, and no part of a cell can be read as a formula (`_cell`).

Both are functions of the content only (no date of the build), so two builds of the
same content give the same bytes. Drafts are never published here, even in a preview.
"""
from __future__ import annotations

import csv
import io
import json
import re
from importlib import resources
from typing import Any

from ..content.editions import Site
from ..content.model import LANGUAGES, Practice

FORMAT_VERSION = 1
SCHEMA_NAME = "practices.schema.json"
CSV_COLUMNS = ("slug", "lang", "translation", "original_lang", "edition", "date", "country",
               "population", "size", "themes", "title", "summary", "collectivity",
               "partners", "contact_name", "contact_email", "contact_url", "url")
# What starts a formula in a spreadsheet (OWASP, "CSV injection"), with the full-width
# forms, which a spreadsheet may take for them. It counts at the start of a cell and after
# whatever a spreadsheet may split a cell on: a comma, a semicolon (the list separator of
# French-locale spreadsheets, which also joins our lists), a tab, a line break; spaces
# (tabs, CR included) and double quotes before it do not protect, and are kept.
_FORMULA = re.compile(r"""(^|[,;\t\r\n])([\s"]*)(?='*[=+\-@\uff1d\uff0b\uff0d\uff20])""")


def schema() -> bytes:
    """The JSON Schema of `practices.json` (draft 2020-12)."""
    return resources.files("newsletter").joinpath("data", SCHEMA_NAME).read_bytes()


def public_practices(site: Site) -> list[Practice]:
    return [p for p in site.practices if not site.is_draft(p.edition)]


def practices_document(site: Site, site_url: str) -> dict[str, Any]:
    base = site_url.rstrip("/") + "/"
    editions = [e for e in site.editions if not site.is_draft(e.id)]
    return {
        "format_version": FORMAT_VERSION,
        "site_url": base,
        "languages": list(LANGUAGES),
        "taxonomy": {
            "themes": [{"key": t.key, "labels": dict(t.labels)} for t in site.taxonomy.themes],
            "sizes": [{"key": s.key, "labels": dict(s.labels),
                       "population_min": s.population_min, "population_max": s.population_max}
                      for s in site.taxonomy.sizes],
        },
        "editions": [{
            "id": e.id,
            "published": e.published.isoformat(),
            "titles": {lang: e.texts[lang].title for lang in LANGUAGES if lang in e.texts},
            "urls": {lang: f"{base}{lang}/editions/{e.id}/" for lang in LANGUAGES},
        } for e in editions],
        "practices": [_practice(p, base) for p in public_practices(site)],
    }


def _practice(practice: Practice, base: str) -> dict[str, Any]:
    contact = practice.contact
    return {
        "slug": practice.slug,
        "original_lang": practice.source_lang,
        "edition": practice.edition,
        "date": practice.date.isoformat(),
        "country": practice.country,
        "population": practice.population,
        "size": practice.size,
        "themes": list(practice.themes),
        "contact": None if contact is None else {
            "name": contact.name, "email": contact.email, "url": contact.url},
        "links": [{"title": link.title, "url": link.url} for link in practice.links],
        "texts": {lang: {
            "translation": practice.translation_state(lang).value,
            "title": words.title,
            "summary": words.summary,
            "collectivity": words.collectivity,
            "partners": list(words.partners),
            # The translation's own, when it gives them (else the original's, above).
            "contact_name": words.contact_name if lang != practice.source_lang else (
                contact.name if contact else None),
            "link_titles": list(words.link_titles),
            "body_markdown": words.body,
            "url": f"{base}{lang}/practices/{practice.slug}/",
        } for lang in LANGUAGES if (words := practice.translations.get(lang)) is not None},
    }


def practices_json(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def practices_csv(document: dict[str, Any]) -> bytes:
    """One row per practice and language, UTF-8 with a byte-order mark, CRLF (RFC 4180),
    every text quoted (the population, a number, is not)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(CSV_COLUMNS)
    for practice in document["practices"]:
        contact = practice["contact"] or {}
        for lang, words in practice["texts"].items():
            writer.writerow([_cell(value) for value in (
                practice["slug"], lang, words["translation"], practice["original_lang"],
                practice["edition"], practice["date"], practice["country"],
                practice["population"] if practice["population"] is not None else "",
                practice["size"], ";".join(practice["themes"]), words["title"],
                words["summary"], words["collectivity"], ";".join(words["partners"]),
                words["contact_name"] or contact.get("name") or "", contact.get("email") or "",
                contact.get("url") or "",
                words["url"])])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _cell(value: object) -> object:
    """A text in which no part can be read as a formula: an apostrophe goes before each
    =, +, - or @ that starts the cell or follows a comma, a semicolon, a tab or a line
    break (spaces and double quotes between them do not count), and before an apostrophe
    already there, so that removing one apostrophe at those places gives the text back.
    The usual defence (the texts come from partners' files), and the smallest visible
    change: "=> 30 %" becomes "'=> 30 %", "Tours;-20 %" "Tours;'-20 %". practices.json
    keeps the texts as written."""
    if isinstance(value, str):
        return _FORMULA.sub(r"\1\2'", value)
    return value
