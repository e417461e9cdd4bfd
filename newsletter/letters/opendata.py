"""Open data: every published practice as JSON (with its JSON Schema) and as CSV.

- `data/practices.json`: the taxonomy, the editions and the practices with their
  structural fields and the texts of both languages (the Markdown body as the editors
  wrote it, validated by `check`), described by `data/practices.schema.json`.
- `data/practices.csv`: one row per practice and language it is written in, UTF-8 with
  a byte-order mark so that Excel reads Korean correctly; no body (see the JSON). Every
  text is quoted, and no part of a cell can be read as a formula (`_cell`).
- `data/datapackage.json`: a Frictionless data package that describes them (issue 19):
  each file with its size and hash, the CSV's columns as a Table Schema (types,
  descriptions), the licences the data may be reused under, and the publishers.

Both are functions of the content only (no date of the build), so two builds of the
same content give the same bytes. Drafts are never published here, even in a preview.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from importlib import resources
from typing import Any

from ..content.editions import Site
from ..content.model import LANGUAGES, Practice

FORMAT_VERSION = 1
SCHEMA_NAME = "practices.schema.json"
PACKAGE_NAME = "datapackage.json"
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
        "licenses": [{"name": item.key, "path": item.url, "titles": dict(item.names)}
                     for item in (site.federation.licences if site.federation else ())],
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


# -- the data package (Frictionless) --------------------------------------------------------

_COLUMNS: dict[str, tuple[str, str, dict[str, Any]]] = {
    # name: (Table Schema type, description, constraints and format)
    "slug": ("string", "The practice's permanent identifier, the same in both languages.",
             {"constraints": {"required": True, "pattern": "[a-z0-9]+(-[a-z0-9]+)*"}}),
    "lang": ("string", "The language of this row's texts.",
             {"constraints": {"required": True, "enum": list(LANGUAGES)}}),
    "translation": ("string", "original: the text as written; up-to-date or outdated: a "
                    "translation, matching the original or not since it changed.",
                    {"constraints": {"required": True,
                                     "enum": ["original", "up-to-date", "outdated"]}}),
    "original_lang": ("string", "The language the practice was written in.",
                      {"constraints": {"required": True, "enum": list(LANGUAGES)}}),
    "edition": ("string", "The edition (YYYY-s1, first half-year; YYYY-s2, second).",
                {"constraints": {"required": True, "pattern": "[0-9]{4}-s[12]"}}),
    "date": ("date", "When the practice was reported or started.",
             {"constraints": {"required": True}}),
    "country": ("string", "The local government's country (ISO 3166-1).",
                {"constraints": {"required": True, "enum": ["FR", "KR"]}}),
    "population": ("integer", "Inhabitants of the local government, when given.",
                   {"constraints": {"minimum": 1}}),
    "size": ("string", "The size of local government (a key of practices.json's taxonomy).",
             {"constraints": {"required": True}}),
    "themes": ("string", "One to three theme keys (practices.json's taxonomy), separated "
               "by semicolons.", {"constraints": {"required": True}}),
    "title": ("string", "The title, in this row's language.", {"constraints": {"required": True}}),
    "summary": ("string", "One or two sentences, in this row's language.",
                {"constraints": {"required": True}}),
    "collectivity": ("string", "The local government's name, in this row's language.",
                     {"constraints": {"required": True}}),
    "partners": ("string", "Partner local governments' names, separated by semicolons.", {}),
    "contact_name": ("string", "The service to contact (never a person).", {}),
    "contact_email": ("string", "The service's e-mail address.", {}),
    "contact_url": ("string", "The service's web page.", {}),
    "url": ("string", "The practice's page in this row's language.",
            {"format": "uri", "constraints": {"required": True}}),
}
_CSV_NOTE = (" In every text, an apostrophe comes before a =, +, - or @ that starts the cell "
             "or follows a comma, a semicolon, a tab or a line break, so that no spreadsheet "
             "reads a formula; remove one apostrophe there to get the text as written (as "
             "practices.json holds it).")


def datapackage(site: Site, site_url: str, files: dict[str, bytes]) -> bytes:
    """`datapackage.json`, describing `files` (name -> the bytes written beside it)."""
    base = site_url.rstrip("/") + "/"
    federation = site.federation

    def resource(name: str, path: str, media: str, title: str, description: str,
                 **more: Any) -> dict[str, Any]:
        data = files[path]
        return {"name": name, "path": path, "title": title, "description": description,
                "format": path.rsplit(".", 1)[1], "mediatype": media, "encoding": "utf-8",
                "bytes": len(data), "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
                **more}

    package: dict[str, Any] = {
        "profile": "data-package",
        "name": "lettre-bonnes-pratiques",
        "id": f"{base}data/{PACKAGE_NAME}",
        "title": "Lettre des bonnes pratiques / 우수사례 뉴스레터",
        "description": "The good practices of French and Korean local governments that the "
                       "newsletter has published, with their texts in French and in Korean.",
        "homepage": base,
        "keywords": ["local government", "good practices", "France", "Korea",
                     "collectivités territoriales", "지방정부"],
        "licenses": [{"name": item.key, "path": item.url,
                      "title": f"{item.name('fr')} / {item.name('ko')}"}
                     for item in (federation.licences if federation else ())],
        "contributors": [{"title": f"{p.name('fr')} / {p.name('ko')}", "role": "publisher",
                          **({"path": p.url} if p.url else {})}
                         for p in (federation.publishers if federation else ())],
        "resources": [
            resource("practices-json", "practices.json", "application/json",
                     "Practices (JSON)", "Every published practice: its structural fields, "
                     "its texts in both languages (the body in Markdown), the taxonomy, the "
                     "editions and the licences. Described by practices.schema.json."),
            # A file to Frictionless, which would read a "*.schema.json" as a Table Schema.
            resource("practices-schema", SCHEMA_NAME, "application/schema+json",
                     "JSON Schema of practices.json", "The JSON Schema (draft 2020-12) that "
                     "practices.json follows.", type="file"),
            resource("practices", "practices.csv", "text/csv", "Practices (CSV)",
                     "One row per practice and language it is written in, without the body "
                     "(see practices.json). UTF-8 with a byte-order mark, so that Excel shows "
                     "Korean; every text quoted." + _CSV_NOTE,
                     profile="tabular-data-resource",
                     dialect={"delimiter": ",", "quoteChar": '"', "doubleQuote": True,
                              "lineTerminator": "\r\n", "header": True},
                     schema={"fields": [_field(name) for name in CSV_COLUMNS],
                             "missingValues": [""], "primaryKey": ["slug", "lang"]}),
        ],
    }
    return json.dumps(package, ensure_ascii=False, indent=1).encode("utf-8")


def _field(name: str) -> dict[str, Any]:
    kind, description, more = _COLUMNS[name]
    return {"name": name, "type": kind, "description": description, **more}
