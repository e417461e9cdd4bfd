"""The PDF of an edition, with Typst: `<lang>/editions/<id>/<name>.pdf`.

A cover (title, half-year, number), a table of contents with page numbers, the edito,
then each practice from a new page with its metadata panel; the edition and the page
numbers in the footer; Korean set in Noto Sans CJK (Debian's fonts-noto-cjk), embedded,
so the text can be selected and searched.

Why Typst (PyPI `typst`, the compiler itself in a wheel: no system library) rather
than WeasyPrint: for the same edition it was 5 to 9 times faster here, with equal or
better typesetting (see README). Its one Korean weakness, breaking between any two
syllables, is handled in the template (`hangul-words`).

Safety: the bodies come from the same sanitised HTML as the site (`markup.to_html`),
turned into a plain tree of tags and strings, and handed to the template as JSON data
(`templates/edition.typ`): no text of the content is ever parsed as Typst markup or code.
Images are only the published copies of the practice's own validated files (`photos`:
without their metadata, turned upright), and the compiler's root is the folder of those
copies: nothing outside it can be read, the editors' files included.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

from ..content import markup, structure
from .. import i18n
from ..content.editions import Site
from ..i18n import N_, _
from ..content.model import Edition, Practice

TEMPLATE = i18n.TOOL_ROOT / "templates" / "edition.typ"
FONT = "Noto Sans CJK KR"
MONO_FONT = "Noto Sans Mono CJK KR"
FONT_FILES = ("NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc")
FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/noto-cjk",
             "/usr/share/fonts/google-noto-cjk", "/usr/share/fonts/opentype/noto-cjk",
             "/usr/local/share/fonts", "/usr/share/fonts/truetype/noto")
MAX_DEPTH = structure.MAX_DEPTH
"""Elements nested deeper than this (which `check` refuses) are flattened to their text."""
_LANG = re.compile(r"^(fr|ko|en)$")


class PdfUnavailable(Exception):
    """What is missing to make PDFs, said so that the user can install it."""


@dataclass(frozen=True)
class Fonts:
    dirs: tuple[str, ...]
    """Folders holding the Noto Sans CJK files."""
    files: tuple[str, ...]
    """The font files, for the cache key (a new font gives new PDFs)."""


def find_fonts(extra: str | None = None) -> Fonts | None:
    """The Noto Sans CJK font files (`NEWSLETTER_FONT_DIRS` first), or None."""
    candidates = [d for d in (extra or "").split(":") if d] if extra is not None else list(FONT_DIRS)
    for folder in candidates:
        files = [Path(folder) / name for name in FONT_FILES]
        if all(f.is_file() for f in files):
            stats = tuple(f"{f}:{f.stat().st_size}" for f in files)
            return Fonts((folder,), stats)
        found = sorted(Path(folder).rglob(FONT_FILES[0])) if Path(folder).is_dir() else []
        for regular in found:
            if (regular.parent / FONT_FILES[1]).is_file():
                files = [regular.parent / name for name in FONT_FILES]
                return Fonts((str(regular.parent),), tuple(f"{f}:{f.stat().st_size}" for f in files))
    return None


def unavailable(font_dirs: str | None = None) -> str | None:
    """Why PDFs cannot be made on this machine (what to install), or None."""
    try:
        import typst  # noqa: F401
    except ImportError:
        return _("PDFs not built: the Typst compiler is missing; install it with "
                      "pip install -e . (package typst)")
    if find_fonts(font_dirs) is None:
        return _("PDFs not built: the Korean font Noto Sans CJK is missing; install it "
                      "with apt-get install fonts-noto-cjk (Debian, Ubuntu)")
    return None


def file_name(edition: Edition, lang: str) -> str:
    return f"lettre-bonnes-pratiques-{edition.id}-{lang}.pdf"


# -- the data the template shows ---------------------------------------------------------

def spacing_for(lang: str) -> Callable[[str], str]:
    """The typography of text in `lang`: French spacing, or the text as it is."""
    return french_spacing if lang == "fr" else _as_it_is


def _as_it_is(text: str) -> str:
    return text


def french_spacing(text: str) -> str:
    """French typography: a narrow no-break space before ; ! ? and inside « », a no-break
    space before :, so that no line starts with the punctuation."""
    text = re.sub(r"[ \u00a0]([;!?»])", "\u202f\\1", text)
    text = re.sub(r"«[ \u00a0]", "«\u202f", text)
    text = re.sub(r" :(?=\s|$)", "\u00a0:", text)
    text = re.sub(r"\b(1er|1re|\d+e) (?=semestre|numéro|trimestre)", "\\1\u00a0", text)
    return re.sub(r"(\d) %", "\\1\u202f%", text)


def body_tree(html: str, images: Mapping[str, str], lang: str,
              page_url: str = "") -> list[Any]:
    """Sanitised HTML as a tree of [tag, attributes, children] and strings for the template.
    `images`: the practice's images, each with the name of its published copy (`photos`).
    `page_url`: the address the HTML's relative URLs were made absolute against."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(f"<!doctype html><html><body>{html}</body></html>")
    if page_url:
        for image in tree.css("img[src]"):
            src = image.attributes.get("src") or ""
            if src.startswith(page_url):
                image.attrs["src"] = src[len(page_url):]
    typo = spacing_for(lang)
    return _children(tree.body, images, typo, 0, block=True) if tree.body else []


_INLINE = {"strong": "strong", "b": "strong", "em": "em", "i": "em", "del": "del", "s": "del",
           "u": "u", "ins": "u", "sub": "sub", "sup": "sup", "mark": "mark", "small": "small",
           "q": "q"}
_BLOCK_CONTAINERS = ("div", "figure", "figcaption", "details", "summary", "section", "dl",
                     "thead", "tbody", "tfoot")


def _children(node: Any, images: Mapping[str, str], typo: Any, depth: int,
              block: bool = False) -> list[Any]:
    out: list[Any] = []
    child = node.child
    while child is not None:
        converted = _node(child, images, typo, depth + 1, block)
        if converted is not None:
            out.append(converted)
        child = child.next
    return out


def _text(node: Any) -> str:
    return node.text(deep=True)


def _node(node: Any, images: Mapping[str, str], typo: Any, depth: int, block: bool) -> Any:
    tag = node.tag
    if tag in ("-text", "_text"):
        text = node.text_content or ""
        if block and not text.strip():
            return None
        return typo(re.sub(r"\s+", " ", text))
    if tag in ("-comment", "_comment"):
        return None
    if depth > MAX_DEPTH:
        return typo(" ".join(_text(node).split()))
    attributes = node.attributes
    kids = lambda as_block=False: _children(node, images, typo, depth, as_block)  # noqa: E731
    lang = attributes.get("lang") or ""
    result: Any
    if tag == "p":
        result = ["p", {}, kids()]
    elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        result = ["h", {"level": min(4, max(2, int(tag[1]) + (1 if tag == "h1" else 0)))}, kids()]
    elif tag in _INLINE:
        result = [_INLINE[tag], {}, kids()]
    elif tag == "a":
        href = (attributes.get("href") or "").strip()
        result = ["a", {"href": href}, kids()] if href else ["span", {}, kids()]
    elif tag in ("code", "kbd"):
        result = ["code", {"text": _text(node)}, []]
    elif tag == "pre":
        result = ["pre", {"text": _text(node).rstrip("\n")}, []]
    elif tag == "br":
        result = ["br", {}, []]
    elif tag == "hr":
        result = ["hr", {}, []]
    elif tag in ("ul", "ol"):
        items = [["li", {}, _children(li, images, typo, depth + 1, True)]
                 for li in structure.children(node) if li.tag == "li"]
        start = attributes.get("start") or "1"
        result = ["ol", {"start": int(start) if re.fullmatch(r"[0-9]{1,6}", start) else 1}, items] \
            if tag == "ol" else ["ul", {}, items]
    elif tag == "blockquote":
        result = ["quote", {}, kids(True)]
    elif tag == "dt":
        result = ["dt", {}, kids()]
    elif tag == "dd":
        result = ["dd", {}, kids(True)]
    elif tag == "img":
        name = markup.image_name(attributes.get("src") or "")
        if name is None or name not in images:
            return None
        result = ["img", {"src": f"/{images[name]}", "alt": typo(attributes.get("alt") or "")}, []]
    elif tag == "table":
        result = _table(node, images, typo, depth)
    elif tag in _BLOCK_CONTAINERS:
        result = ["block", {}, kids(True)]
    else:  # span, abbr and any other inline element: its content
        result = ["span", {}, kids(block)]
    if _LANG.match(lang) and isinstance(result, list):
        result = ["lang", {"lang": lang}, [result]]
    return result


def _table(node: Any, images: Mapping[str, str], typo: Any, depth: int) -> Any:
    """A table laid out as a browser shows it (`structure.lay_out`): spans clamped to the
    table, empty cells where no cell starts, so that Typst places each cell in its row."""
    layout = structure.table_layout(node)
    cells = [cell for group in structure.row_groups(node) for row in group
             for cell in structure.cells_of(row)]
    rows = []
    for placed_row in layout.rows:
        out = []
        for placed in placed_row:
            spans = {"colspan": placed.colspan, "rowspan": placed.rowspan}
            if placed.index is None:
                out.append(["td", spans, []])
            else:
                cell = cells[placed.index]
                out.append([cell.tag, spans, _children(cell, images, typo, depth + 1)])
        if out:
            rows.append(["tr", {}, out])
    if not rows or layout.columns == 0:
        return None
    return ["table", {"columns": layout.columns}, rows]


LABELS = {
    "contents": N_("Contents"),
    "edito": N_("Editorial"),
    "further_reading": N_("Further reading"),
}


def document(site: Site, edition: Edition, lang: str, site_url: str, number: int,
             font: str = FONT) -> dict[str, Any]:
    """Everything the template shows, as plain values."""
    gettext = i18n.catalog(lang).gettext
    base = site_url.rstrip("/") + "/"
    words = edition.text(lang)
    edition_url = f"{base}{lang}/editions/{edition.id}/"
    typo = spacing_for(lang)
    half_year = i18n.half_year_label(edition.year, edition.half, lang)
    site_name = gettext("Good Practices Newsletter")
    return {
        "lang": lang,
        "font": font,
        "mono_font": MONO_FONT,
        "site_name": site_name,
        "description": typo(gettext(
            "Good practices of French and Korean local governments, twice a year.")),
        "home_url": f"{base}{lang}/",
        "title": typo(words.title),
        "title_lang": words.lang,
        "number": gettext("No. {number}").format(number=number),
        # Said once: the title usually names the half-year already.
        "half_year": "" if half_year in words.title else half_year,
        "published": [edition.published.year, edition.published.month, edition.published.day],
        "published_label": typo(gettext("published on %(date)s")
                                % {"date": i18n.format_date(edition.published, lang)}),
        "footer": typo(words.title),
        "labels": {key: typo(gettext(message)) for key, message in LABELS.items()},
        "edito_lang": words.lang,
        "edito": body_tree(markup.to_html(words.body, base=edition_url), {}, words.lang),
        "practices": [_practice(site, practice, lang, base) for practice in
                      site.in_edition(edition.id)],
    }


def _practice(site: Site, practice: Practice, lang: str, base: str) -> dict[str, Any]:
    gettext = i18n.catalog(lang).gettext
    words = practice.text(lang)
    typo = spacing_for(words.lang)
    ui = spacing_for(lang)
    page_url = f"{base}{lang}/practices/{practice.slug}/"
    taxonomy = site.taxonomy

    def fact(label: str, value: str, href: str | None = None, value_lang: str = lang) -> dict:
        return {"label": ui(gettext(label)), "value": typo(value) if value_lang == words.lang
                else ui(value), "href": href, "lang": value_lang}

    facts = [fact(N_("Local government"), words.collectivity, value_lang=words.lang),
             fact(N_("Country"), _country(practice.country, lang)),
             fact(N_("Size"), taxonomy.size(practice.size).label(lang))]
    if practice.population:
        facts.append(fact(N_("Population"), gettext("%(number)s inhabitants")
                          % {"number": i18n.format_number(practice.population, lang)}))
    facts.append(fact(N_("Themes"), ", ".join(taxonomy.theme(k).label(lang)
                                              for k in practice.themes)))
    if words.partners:
        facts.append(fact(N_("Partners"), ", ".join(words.partners), value_lang=words.lang))
    contact = practice.contact
    name, name_lang = practice.contact_name(lang)
    if name:
        facts.append(fact(N_("Contact"), name, value_lang=name_lang))
    if contact and contact.email:
        facts.append(fact(N_("E-mail"), contact.email, f"mailto:{contact.email}", "en"))
    if contact and contact.url:
        facts.append(fact(N_("Website"), contact.url, contact.url, "en"))
    facts.append(fact(N_("Date"), i18n.format_date(practice.date, lang)))
    facts.append(fact(N_("On the website"), page_url, page_url, "en"))
    notice = None
    if not practice.is_translated(lang):
        notice = ui(gettext("This practice has not been translated yet; here is the original "
                            "text, in %(language)s.") % {"language": _language(words.lang, lang)})
    elif practice.translation_state(lang).value == "outdated":
        notice = ui(gettext("The original version has changed since this translation."))
    return {
        "title": typo(words.title),
        "summary": typo(words.summary),
        "lang": words.lang,
        "notice": notice,
        "facts": facts,
        "body": body_tree(markup.to_html(words.body, practice.images, base=page_url),
                          dict(practice.published_images), words.lang, page_url),
        "links": [{"title": spacing_for(title_lang)(link.title),
                   "url": link.url, "lang": title_lang}
                  for link, title_lang in practice.links_for(lang)],
    }


def _country(code: str, lang: str) -> str:
    from babel import Locale

    return Locale.parse(lang).territories.get(code, code)


def _language(code: str, lang: str) -> str:
    from babel import Locale

    return Locale.parse(lang).languages.get(code, code)


def without_images(data: dict[str, Any]) -> dict[str, Any]:
    """The same document with no image: what is left to print when one cannot be read."""
    def strip(nodes: list[Any]) -> list[Any]:
        return [node if isinstance(node, str) else [node[0], node[1], strip(node[2])]
                for node in nodes if isinstance(node, str) or node[0] != "img"]
    return {**data, "practices": [{**p, "body": strip(p["body"])} for p in data["practices"]]}


# -- compiling ---------------------------------------------------------------------------

class PdfError(Exception):
    """Typst could not make the PDF (the message says why)."""


@functools.cache
def _compiler(images_root: Path, fonts: Fonts) -> Any:
    """One compiler per process: it loads the fonts once."""
    import typst

    images_root.mkdir(parents=True, exist_ok=True)  # empty when no practice shows an image
    return typst.Compiler(root=str(images_root), font_paths=list(fonts.dirs),
                          ignore_system_fonts=True)


def prepare(images_root: Path, fonts: Fonts) -> None:
    """Load the fonts now: processes forked afterwards share them (`artifacts`)."""
    _compiler(images_root, fonts)


def compile_pdf(data: dict[str, Any], images_root: Path, fonts: Fonts) -> bytes:
    """The PDF of `document(...)`. Images are read under `images_root` only: the folder
    of the published copies (`photos.folder()`)."""
    import typst

    source = TEMPLATE.read_bytes()
    compiler = _compiler(images_root, fonts)
    try:
        pdf, warnings = compiler.compile_with_warnings(
            input=source, sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
            format="pdf")
    except typst.TypstError as error:
        raise PdfError(str(getattr(error, "message", error)).strip()) from None
    missing = [w.message for w in warnings if "font" in w.message.lower()]
    if missing:
        raise PdfUnavailable(_(
            "PDFs not built: Typst does not find the font {font} ({detail}); install it with "
            "apt-get install fonts-noto-cjk (Debian, Ubuntu)").format(
                font=FONT, detail="; ".join(missing)))
    return pdf
