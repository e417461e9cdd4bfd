"""The types of front-matter fields, each with its validator: a date, a plain text, a
population, an address, a key, coordinates, a year. A wrong value is refused with a
reason in the editor's words (`schema` turns it into a Problem at its line).
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from typing import Annotated, Any

from email_validator import EmailNotValidError, validate_email
from pydantic import AfterValidator, BeforeValidator, Field, HttpUrl, TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

from ..i18n import N_
from .reading import HIDDEN_FORMAT

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DIGITS = re.compile(r"^[0-9]+$")
_KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_http_url = TypeAdapter(HttpUrl)


def edit_distance(a: str, b: str) -> int:
    """Damerau–Levenshtein distance (optimal string alignment): typos, missing and
    doubled letters, and swapped neighbours count one each."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def closest(value: str, candidates: list[str]) -> str | None:
    """The candidate that `value` most likely misspells, or None, so that a far-fetched
    guess (`reparation` -> `cooperation`) is never offered: one typo per four letters
    (`environement`, `themse`), up to three in a word that stays mostly the same
    (`numerik` -> `numerique`), or the start of one part of a key (`energie` ->
    `energies-renouvelables`)."""
    word = value.lower()
    scored = []
    for candidate in candidates:
        distance = edit_distance(word, candidate.lower())
        similar = difflib.SequenceMatcher(None, word, candidate.lower()).ratio() >= 0.7
        if distance <= max(1, len(word) // 4) or (distance <= 3 and similar):
            scored.append((distance, candidate))
    if scored:
        return min(scored)[1]
    parts = [candidate for candidate in candidates if len(word) >= 4 and any(
        part.startswith(word) for part in candidate.lower().split("-"))]
    return parts[0] if len(parts) == 1 else None


def _invalid(reason: str, **values: Any) -> PydanticCustomError:
    """An error whose message is ours (translated, then filled in, when it is reported)."""
    return PydanticCustomError("newsletter", reason, {"template": reason, **values})


_DAY_FIRST = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_YEAR_FIRST = re.compile(r"^(\d{4})[./-]\s?(\d{1,2})[./-]\s?(\d{1,2})\.?$")


def _iso_suggestion(text: str) -> str | None:
    """12/03/2021 (French order) or 2021.03.12 (Korean order) -> 2021-03-12."""
    match = _DAY_FIRST.match(text)
    day, month, year = match.groups() if match else (None, None, None)
    match = _YEAR_FIRST.match(text)
    if match:
        year, month, day = match.groups()
    if not year:
        return None
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


YEARS = range(1900, 2101)
"""Dates outside these years are typing mistakes (2207 for 2027)."""


def _iso_date(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    text = value.strip()
    if not _ISO_DATE.match(text):
        suggestion = _iso_suggestion(text)
        if suggestion:
            raise _invalid(N_("a date is written year-month-day, with digits: {suggestion}"),
                           suggestion=suggestion)
        raise _invalid(N_("a date is written year-month-day, with digits"))
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        raise _invalid(N_("this day does not exist in the calendar")) from None
    if date.year not in YEARS:
        raise _invalid(N_("the year must be between 1900 and 2100"))
    return date


MAX_POPULATION = 100_000_000
"""More than any local government has: a longer figure is a typo (and breaks formatting)."""


def _whole_number(value: Any) -> Any:
    if isinstance(value, str) and not _DIGITS.match(value.strip()):
        raise _invalid(N_("only digits are allowed, without spaces, dots or units"))
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) \
        else ""
    if text.isdigit() and (len(text) > 9 or int(text) > MAX_POPULATION):
        raise _invalid(N_("no local government has more than 100 million inhabitants; check "
                          "the figure"))
    return value




def _plain_text(value: str) -> str:
    text = " ".join(value.split())
    if not text:
        raise _invalid(N_("it is empty"))
    found = HIDDEN_FORMAT.search(text)
    if found:
        raise _invalid(N_("it holds the invisible character U+{code}, which changes the "
                          "direction of the text on screen; retype the text without it"),
                       code=f"{ord(found.group()):04X}")
    return text


def _country(value: Any) -> Any:
    if isinstance(value, str) and value.strip().upper() in ("FR", "KR"):
        return value.strip().upper()
    raise _invalid(N_("the country is FR or KR"))


_LINK_CHARACTERS = re.compile(r"[?&=#%/,;:\\\"'<>()\[\]\s]")
"""Characters an address may hold by the e-mail standards but that a mailto: link reads as
something else: `sports?bcc=spy@…` would copy every message to a third party."""


def _email(value: str) -> str:
    try:
        validate_email(value.strip(), check_deliverability=False)
    except EmailNotValidError:
        raise _invalid(N_("this is not an e-mail address")) from None
    if _LINK_CHARACTERS.search(value.strip()):
        raise _invalid(N_("this address holds a character (? & = , ; / % or a quote) that an "
                          "e-mail link would read as more than the address"))
    return value.strip()


def _url(value: str) -> str:
    text = value.strip()
    try:
        _http_url.validate_python(text)
    except ValidationError:
        raise _invalid(N_("this is not a full web address")) from None
    if not text.lower().startswith(("http://", "https://")):
        raise _invalid(N_("this is not a full web address"))
    return text


_LICENCE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+\-]{0,39}$")


def _licence_id(value: str) -> str:
    if not _LICENCE_ID.match(value):
        raise _invalid(N_("a licence is named by its identifier, letters, digits, dots and "
                          "hyphens, e.g. etalab-2.0 or KOGL-Type1"))
    return value


_PHONE = re.compile(r"^\+[0-9][0-9 .()-]{2,24}[0-9]$")


def _phone(value: str) -> str:
    if not _PHONE.match(value):
        raise _invalid(N_("a telephone number is written with digits, spaces, dots, hyphens and "
                          "brackets, starting with + and the country code, e.g. +33 1 23 45 67 89"))
    return value


def _key(value: str) -> str:
    if not _KEY.match(value):
        plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
        plain = "-".join(re.findall(r"[a-z0-9]+", plain))
        if plain:
            raise _invalid(N_("a key is written in lowercase letters without accents, digits "
                              "and hyphens: {suggestion}"), suggestion=plain)
        raise _invalid(N_("a key is written in lowercase letters, digits and hyphens"))
    return value


Text = Annotated[str, AfterValidator(_plain_text)]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
Population = Annotated[int, BeforeValidator(_whole_number), Field(gt=0)]
Country = Annotated[str, BeforeValidator(_country)]
Email = Annotated[str, AfterValidator(_email)]
Url = Annotated[str, AfterValidator(_url)]
Key = Annotated[str, AfterValidator(_key)]
LicenceId = Annotated[str, AfterValidator(_licence_id)]
Phone = Annotated[str, AfterValidator(_phone)]


# -- the directory of collectivities (issue 12) ---------------------------------------

_DECIMAL = re.compile(r"^-?[0-9]{1,3}(\.[0-9]+)?$")


def _degrees(limit: int, out_of_range: str) -> Any:
    def check(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        text = value.strip()
        if "," in text and _DECIMAL.match(text.replace(",", ".", 1)):
            raise _invalid(N_("a decimal number is written with a dot, not a comma"))
        if not _DECIMAL.match(text):
            raise _invalid(N_("write decimal degrees with digits and a dot (no °, minutes "
                              "or N/E letters)"))
        number = float(text)
        if not -limit <= number <= limit:
            raise _invalid(out_of_range)
        return number
    return check


def _year(value: Any) -> Any:
    if isinstance(value, str) and not re.match(r"^[0-9]{4}$", value.strip()):
        raise _invalid(N_("a year is written with four digits"))
    if isinstance(value, str) and int(value) not in YEARS:
        raise _invalid(N_("the year must be between 1900 and 2100"))
    return value


Latitude = Annotated[float, BeforeValidator(_degrees(
    90, N_("a latitude lies between -90 (south) and 90 (north)")))]
Longitude = Annotated[float, BeforeValidator(_degrees(
    180, N_("a longitude lies between -180 (west) and 180 (east)")))]
Year = Annotated[int, BeforeValidator(_year)]
