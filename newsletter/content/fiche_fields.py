"""The fiche's table read back (issue 20): each row's label gives the field, its right-hand
cell the value, as the contributor typed it. Values are tidied only where there is no
doubt (a date written 2021. 3. 15. or 15/03/2021, a population written 137 000 hab.);
whatever else is wrong, `check` reports at its line once the practice is written.
"""
from __future__ import annotations

import re
from typing import Any

from babel import Locale
from selectolax.lexbor import LexborNode

from ..i18n import _
from . import fiche
from .markdown_writing import children, text_of
from .model import LANGUAGES, Problem, Severity, Taxonomy

_URL = re.compile(r"(?:https?://|mailto:|www\.)\S+$", re.IGNORECASE)
_SEPARATORS = " \t—–-:|·,;"
_DAY_FIRST = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_YEAR_FIRST = re.compile(r"^(\d{4})\s*[.년/-]\s*(\d{1,2})\s*[.월/-]\s*(\d{1,2})\s*[.일]?$")
_POPULATION = re.compile(r"^([\d\s\u00a0\u202f.,'’]+)\s*(hab\.?|habitants?|명|inhabitants)?$",
                         re.IGNORECASE)
_BULLET = re.compile(r"^[•●○◦▪·\-–—*]\s+")


def read_fields(table: LexborNode, taxonomy: Taxonomy, lang: str, path: str,
                ) -> tuple[dict[str, Any], list[Problem]]:
    """The fields of the fiche's table (only those filled in) and what was not
    understood."""
    labels = fiche.field_labels()
    kinds = {f.key: f.kind for f in fiche.FIELDS + fiche.EDITORS_FIELDS}
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for row in table.css("tr"):
        cells = [c for c in children(row) if c.tag in ("td", "th")]
        if len(cells) < 2:
            continue
        label = next((text_of(p) for p in children(cells[0]) if text_of(p)), "")
        match = labels.get(fiche.normal(label))
        if match is None:
            continue
        key = match[0]
        lines = _lines(cells[1])
        if not lines:
            continue
        kind = kinds[key]
        if kind in ("choice", "checklist"):
            chosen, unknown = _checked(key, lines, taxonomy)
            for word in unknown:
                problems.append(Problem(path, None, _(
                    "\"{value}\" is not one of the boxes of \"{label}\" in the fiche: it was "
                    "left out").format(value=word, label=label), Severity.WARNING))
            if chosen:
                values[key] = chosen if kind == "checklist" else chosen[0]
        elif kind == "lines" and key == "links":
            values[key] = [link for link in (_link(line, href) for line, href in lines) if link]
        elif kind == "lines":
            names = [n for line, _href in lines for n in re.split(r"\s*[,;]\s*", line)] \
                if key == "partner_keys" else [_BULLET.sub("", line) for line, _href in lines]
            values[key] = [name for name in names if name]
        else:
            text = " ".join(line for line, _href in lines)
            values[key] = _tidy(key, text, lines)
    return values, problems


def _lines(cell: LexborNode) -> list[tuple[str, str]]:
    """The cell's paragraphs: (text, the address of its link when it has one)."""
    found = []
    for paragraph in children(cell):
        text = text_of(paragraph) if paragraph.tag not in ("-text", "_text") else \
            " ".join(paragraph.text(deep=False).split())
        link = paragraph.css_first("a[href]") if paragraph.tag not in ("-text", "_text") \
            else None
        href = (link.attributes.get("href") or "") if link is not None else ""
        if text.strip(fiche.UNCHECKED + " ") or href:
            found.append((text, href))
        elif paragraph.tag in ("ul", "ol"):
            found += [(text_of(item), "") for item in children(paragraph) if text_of(item)]
    return found


def _tidy(key: str, text: str, lines: list[tuple[str, str]]) -> Any:
    if key in ("date", "updated"):
        day = _DAY_FIRST.match(text) or None
        if day:
            return f"{day[3]}-{int(day[2]):02d}-{int(day[1]):02d}"
        day = _YEAR_FIRST.match(text)
        return f"{day[1]}-{int(day[2]):02d}-{int(day[3]):02d}" if day else text
    if key == "population":
        found = _POPULATION.match(text)
        digits = re.sub(r"\D", "", found[1]) if found else ""
        return int(digits) if digits and not digits.startswith("0") else text
    if key == "contact_email":
        href = next((h for _t, h in lines if h.lower().startswith("mailto:")), "")
        return href[7:].split("?")[0] if href else text.removeprefix("mailto:")
    if key == "contact_url":
        href = next((h for _t, h in lines if h.lower().startswith("http")), "")
        return href or text
    return text


def _link(line: str, href: str) -> dict[str, str] | None:
    """A line of links: "title — https://…", or a title linked to its page."""
    if href and href.lower().startswith(("http://", "https://")):
        title = line.replace(href, "").strip(_SEPARATORS)
        return {"title": title or href, "url": href}
    found = _URL.search(line)
    if not found:
        return {"title": line, "url": ""}
    url = found.group()
    if url.lower().startswith("www."):
        url = "https://" + url
    title = line[:found.start()].strip(_SEPARATORS)
    return {"title": title or url, "url": url}


def _checked(key: str, lines: list[tuple[str, str]], taxonomy: Taxonomy,
             ) -> tuple[list[str], list[str]]:
    """The option keys checked, and the checked words that are no option."""
    known = _option_labels(key, taxonomy)
    chosen, unknown = [], []
    for line, _href in lines:
        checked, label = fiche.option(line)
        if not checked or not label:
            continue
        option = known.get(fiche.normal(label))
        if option is None:
            unknown.append(label)
        elif option not in chosen:
            chosen.append(option)
    return chosen, unknown


def _option_labels(key: str, taxonomy: Taxonomy) -> dict[str, str]:
    """Every way an option of a field with boxes is written -> its key."""
    found: dict[str, str] = {}
    if key == "country":
        for lang in LANGUAGES:
            territories = Locale.parse(lang).territories
            for code in ("FR", "KR"):
                found[fiche.normal(territories.get(code, code))] = code
        for code, names in (("FR", ("fr", "france", "프랑스")),
                            ("KR", ("kr", "korea", "corée", "한국", "대한민국", "south korea"))):
            found.update({fiche.normal(name): code for name in names})
        return found
    terms = taxonomy.sizes if key == "size" else taxonomy.themes
    for term in terms:
        found[fiche.normal(term.key)] = term.key
        for lang in LANGUAGES:
            found[fiche.normal(term.label(lang))] = term.key
    return found
