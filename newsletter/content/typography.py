"""French typography, one pass for every French text an output shows (issue 19).

Pure functions of a string, one pass for every output: the PDF (`pdf_data`), the site's
French pages (`mkdocs_hooks`, `Page.document`), the e-mails and the feeds (`french_html` for
their HTML). What it does, after the Imprimerie nationale's rules as the catalogs follow them:

- a narrow no-break space (U+202F) before ; ! ? and between the groups of a number
  ("137 000", "8 400 habitants"), and before % ("30 %");
- a no-break space (U+00A0) before :, inside « », after "n°", and in a date
  ("15 juin 2027"), in "1er semestre", "15e arrondissement", so that no line starts with
  the punctuation, a number is never cut, and an ordinal stays with its noun;
- ordinals ("1er", "1re", "2e", "15e") found for the outputs that can raise their letters
  (`ordinal_parts`).

Only spaces the text already holds are changed (and the ones inside « »): a ? or a ! with
no space before it may be in a URL or a name ("Yahoo!"), and is left alone.
"""
from __future__ import annotations

import functools
import re
from typing import Callable

NNBSP = "\u202f"
NBSP = "\u00a0"
_SPACE = "[ \u00a0\u202f]"
_MONTHS = ("janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre"
           "|décembre")
_ORDINAL = r"(?<![\w/.#@-])(\d+)(er|re|ers|res|e|es|nd|nde|nds|ndes)(?![\w@/-])"

_RULES: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (re.compile(_SPACE + r"+([;!?])"), NNBSP + r"\1"),
    (re.compile(r"«" + _SPACE + r"*(?=\S)"), "«" + NBSP),
    (re.compile(r"(?<=\S)" + _SPACE + r"*»"), NBSP + "»"),
    (re.compile(_SPACE + r"+:(?=\s|$)"), NBSP + ":"),
    # A number's groups of three digits: "137 000", "1 250 000" (not "en 2020 300 …").
    (re.compile(r"(?<![\d,.])(\d{1,3})((?:" + _SPACE + r"\d{3})+)(?!\d)"),
     lambda m: m.group(1) + re.sub(_SPACE, NNBSP, m.group(2))),
    (re.compile(r"(\d)" + _SPACE + r"%"), r"\1" + NNBSP + "%"),
    (re.compile(r"\b([Nn]°|[Nn]os?)" + _SPACE + r"(?=\d)"), r"\1" + NBSP),
    (re.compile(r"\b(1er|\d{1,2})" + _SPACE + r"(" + _MONTHS + r")\b"), r"\1" + NBSP + r"\2"),
    (re.compile(r"\b(" + _MONTHS + r")" + _SPACE + r"(\d{4})\b"), r"\1" + NBSP + r"\2"),
    (re.compile(_ORDINAL + " "), r"\1\2" + NBSP),
)


_MAY_CHANGE = re.compile(r"[;!?:«»%°\d]|\bnos? ", re.I)
"""What a text must hold for `french` or the ordinals to change it."""


def french(text: str) -> str:
    """`text` with French typography's spaces (see the module)."""
    if not _MAY_CHANGE.search(text):
        return text
    # The same titles and labels are typeset on many pages; long texts are seen once.
    return _french_short(text) if len(text) < 1000 else _french(text)


def _french(text: str) -> str:
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


_french_short = functools.lru_cache(maxsize=1 << 14)(_french)


def colon(lang: str) -> str:
    """What separates a label from its value: "Label : valeur", "라벨: 값"."""
    return NBSP + ": " if lang == "fr" else ": "


def semicolon(lang: str) -> str:
    """What separates the items of a list that holds commas: "a : 1 ; b : 2"."""
    return NNBSP + "; " if lang == "fr" else "; "


def listed(items: list[str], lang: str) -> str:
    """Items that may hold "et" or "및" themselves ("Numérique et ville intelligente"),
    one after the other: "même taille ; numérique et ville intelligente", "같은 규모, …"."""
    return (semicolon(lang) if lang == "fr" else ", ").join(items)


def as_it_is(text: str) -> str:
    return text


def for_language(lang: str) -> Callable[[str], str]:
    """The typography of a text in `lang`: French spacing, or the text as it is."""
    return french if lang == "fr" else as_it_is


def ordinal_parts(text: str) -> list[tuple[str, bool]]:
    """`text` cut where French ordinals' letters are: [("Le 15", False), ("e", True),
    (" arrondissement", False)]; the letters of "1er", "1re", "2e", "3es"… are to be raised
    (superscript). Not inside a word, a URL, an address or a path ("x15e", "/15e-", "15e@")."""
    parts: list[tuple[str, bool]] = []
    last = 0
    for match in re.finditer(_ORDINAL, text):
        parts.append((text[last:match.start(2)], False))
        parts.append((match.group(2), True))
        last = match.end()
    if last < len(text) or not parts:
        parts.append((text[last:], False))
    return [part for part in parts if part[0]] or [("", False)]


# -- HTML ---------------------------------------------------------------------------------

_TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_TAG_NAME = re.compile(r"</?([a-zA-Z][a-zA-Z0-9-]*)")
_AS_WRITTEN = frozenset({"script", "style", "pre", "code", "kbd", "samp", "textarea"})
"""Elements whose text is shown as written: code, commands, addresses."""
_NBSP_ENTITY = re.compile(r"&(?:nbsp|#160|#[xX]0*[aA]0);")
_PLAIN_TEXT = frozenset({"title", "option", "svg"})
"""Elements whose text cannot hold HTML: an ordinal's letters cannot be raised there."""


def french_html(html: str, raise_with: str = "<sup>") -> str:
    """`html` with French typography in the text between its tags (`french`), and the
    letters of ordinals raised (`raise_with`, a <sup> tag); attributes, code and scripts
    as they are."""
    out: list[str] = []
    as_written = 0
    plain = 0
    for index, part in enumerate(_TAG.split(html)):
        if index % 2:
            name = _TAG_NAME.match(part)
            if name and not part.endswith("/>"):
                tag = name[1].lower()
                step = -1 if part.startswith("</") else 1
                if tag in _AS_WRITTEN:
                    as_written = max(0, as_written + step)
                elif tag in _PLAIN_TEXT:
                    plain = max(0, plain + step)
            out.append(part)
        elif as_written or not _MAY_CHANGE.search(part):
            out.append(part)
        else:
            # The sanitiser writes U+00A0 as an entity: the rules must see the space.
            text = french(_NBSP_ENTITY.sub(NBSP, part))
            out.append(text if plain else "".join(
                f"{raise_with}{piece}</sup>" if raised else piece
                for piece, raised in ordinal_parts(text)))
    return "".join(out)
