"""Localisation: gettext catalogs of UI strings and messages, dates and numbers.

The catalogs are `locales/<lang>/LC_MESSAGES/messages.po`, extracted from the
templates and this package with pybabel (see the Makefile). They are compiled
when a build starts: in memory for our own templates and messages, and as .mo
files into the theme overrides, where mkdocs installs them into its own
templates (its documented `locales/` mechanism of theme directories).
"""
from __future__ import annotations

import datetime as dt
import functools
import gettext
import io
import os
from pathlib import Path

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

TOOL_ROOT = Path(__file__).resolve().parent.parent
LOCALES_DIR = TOOL_ROOT / "locales"
DOMAIN = "messages"

_messages: gettext.NullTranslations = gettext.NullTranslations()
_messages_language = "fr"


def _(message: str) -> str:
    """Translate a message of the command line (errors, reports) into its language."""
    return _messages.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message of the command line that agrees with `count`."""
    return _messages.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated later, where it is shown."""
    return message


def use_language(lang: str) -> None:
    """Choose the language of the command's own messages."""
    global _messages, _messages_language
    _messages, _messages_language = catalog(lang), lang


def current_language() -> str:
    """The language of the command's own messages."""
    return _messages_language


def messages_key() -> str:
    """Which messages `_` gives: a catalog's language, or "source" (the messages as
    written, before a command chooses a language)."""
    return "source" if type(_messages) is gettext.NullTranslations else _messages_language


def language_from_environment(environ: dict[str, str] | None = None) -> str:
    """`ko` when the user's locale is Korean, else French (the default)."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = environ.get(name, "")
        if value:
            return "ko" if value.lower().startswith("ko") else "fr"
    return "fr"


def po_path(lang: str) -> Path:
    return LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def catalog(lang: str) -> Translations:
    """The compiled catalog of `lang` (untranslated strings fall back to the msgid)."""
    return Translations(io.BytesIO(compiled_catalog(lang)), domain=DOMAIN)


@functools.lru_cache(maxsize=4)
def _parsed(lang: str, po: bytes) -> Catalog:
    """A catalog as read from its .po file's bytes; a build reads each several times."""
    return read_po(io.BytesIO(po), locale=lang, domain=DOMAIN)


def compiled_catalog(lang: str) -> bytes:
    parsed = _parsed(lang, po_path(lang).read_bytes())
    buffer = io.BytesIO()
    write_mo(buffer, parsed, use_fuzzy=False)
    return buffer.getvalue()


def catalog_words(lang: str) -> bytes:
    """Every msgid of `lang` with its translation, without the header (whose dates change
    at each extraction): what the words of a made file depend on."""
    parsed = _parsed(lang, po_path(lang).read_bytes())
    return repr(sorted((repr(m.id), repr(m.string)) for m in parsed if m.id)).encode("utf-8")


def install_catalogs(theme_dir: Path, languages: tuple[str, ...]) -> None:
    """Write the .mo files where mkdocs looks for a theme's translations."""
    for lang in languages:
        target = theme_dir / "locales" / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
        data = compiled_catalog(lang)
        if target.exists() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(data)
        temporary.replace(target)


def format_date(date: dt.date, lang: str) -> str:
    """"4 juillet 2026" / "2026년 7월 4일"."""
    return babel_format_date(date, format="long", locale=lang)


def format_number(number: int, lang: str) -> str:
    """"137 000" / "137,000"."""
    return format_decimal(number, locale=lang)


def decimal(number: float, digits: int = 1) -> str:
    """"12,3" / "12.3": a measure in a message, as the messages' language writes it."""
    return format_decimal(round(number, digits), format="0." + "0" * digits,
                          locale=current_language())


def half_year_label(year: int, half: int, lang: str) -> str:
    """"2e semestre 2026" / "2026년 하반기"."""
    message = N_("First half of {year}") if half == 1 else N_("Second half of {year}")
    return catalog(lang).gettext(message).format(year=year)


def edition_title_period(year: int, half: int, lang: str) -> str:
    """The half-year as an edition's title says it: "1er semestre 2027" / "2027년 상반기호"."""
    message = N_("First half of {year} (edition)") if half == 1 else \
        N_("Second half of {year} (edition)")
    return catalog(lang).gettext(message).format(year=year)


def language_name(lang: str) -> str:
    """The language's own name: "Français", "한국어"."""
    name = Locale.parse(lang).get_display_name(lang) or lang
    return name[:1].upper() + name[1:]
