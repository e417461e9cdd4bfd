"""The e-mail version of an edition: `<lang>/editions/<id>/email.html` and `email.txt`.

One self-contained HTML document to import into a mailing tool (Brevo, Mailchimp,
Stibee), and its plain-text alternative. The layout is written in MJML
(`templates/email.mjml.j2`) and turned into HTML by MRML (the Rust port of MJML,
through `mjml-python`): MJML knows the tables, the Outlook conditional comments and
the fluid column that mail clients need, so none of that is written by hand. The
styles are then inlined into every element by css-inline and the `<style>` blocks
dropped: Naver Mail and some Gmail views ignore them.

Every URL is absolute (the site's address); images are the practices' own, absolute,
with width, height and alt text. Gmail clips a message over 102 KB: when an edition
has many practices, the summaries of the last ones are left out, then the last
practices themselves, with a link to the edition on the website.

Both versions end with who sends the letter (`federation.yml`): the publishers and their
postal addresses, the office that readers of the e-mail's language write to, the
licence, the "about" page, and the mailing tool's unsubscribe merge tag when one is
named (the tool puts each reader's own link in its place). The preheader, the line that
clients show beside the subject, names the edition and its practices, then is padded
so that no client fills it with the first words of the body.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from babel.lists import format_list
from markupsafe import Markup

from ..content import markup, typography
from .. import i18n
from ..content.editions import Site
from ..content.model import Edition
from ..templating import environment

SIZE_LIMIT = 100_000
"""Bytes: Gmail clips a message whose HTML is over 102 KB; the rest is headroom."""
WIDTH = 600
IMAGE_WIDTH = WIDTH - 48
FONT_STACKS = {
    "fr": "Helvetica, Arial, sans-serif",
    # Outlook on Windows takes the first font of the list, and Times New Roman when it is
    # missing: the Windows Korean font comes first, by its English and its Korean names
    # (with `mso-font-alt`, in the template), then Apple's, then Noto (Android, Linux).
    "ko": "'Malgun Gothic', '맑은 고딕', 'Apple SD Gothic Neo', 'Noto Sans KR', "
          "'Noto Sans CJK KR', sans-serif",
}
PREHEADER_LENGTH = 140
"""Characters of the preheader's text: about what clients show beside the subject."""
PREHEADER_PADDING = Markup("\u200c&nbsp;" * 90)
"""Zero-width non-joiners and no-break spaces after the preheader (as e-mail developers
do): clients show them as blank, rather than filling the preview with the body's text."""
RASTER = (".png", ".jpg", ".jpeg", ".gif")
"""Images that every mail client shows (not SVG, not WebP)."""
_MSO_STYLE = re.compile(r"<!--\[if lte mso 11\]>\s*<style.*?</style>\s*<!\[endif\]-->", re.S)


@dataclass(frozen=True)
class Email:
    html: str
    text: str


@dataclass(frozen=True)
class Thumbnail:
    url: str
    alt: str
    width: int
    height: int


def _thumbnail(practice_url: str, name: str, alt: str, size: tuple[int, int]) -> Thumbnail | None:
    width, height = size
    if width <= 0 or height <= 0:
        return None
    shown = min(width, IMAGE_WIDTH)
    return Thumbnail(practice_url + quote(name), alt, shown, max(1, round(height * shown / width)))


def render_email(site: Site, edition: Edition, lang: str, site_url: str, number: int,
                 pdf_url: str | None) -> Email:
    """The e-mail of `edition` in `lang`."""
    base = site_url.rstrip("/") + "/"
    words = edition.text(lang)
    edition_url = f"{base}{lang}/editions/{edition.id}/"
    edito = markup.to_html(words.body, base=edition_url)
    practices = site.in_edition(edition.id)
    items = [_item(site, practice, lang, base) for practice in practices]
    gettext = i18n.catalog(lang).gettext
    number_label = gettext("No. {number}").format(number=number)
    footer = _footer(site, lang, base)
    preheader = _preheader(lang, f"{i18n.half_year_label(edition.year, edition.half, lang)} · "
                                 f"{number_label}", [item["title"] for item in items])
    values = dict(edition=edition, words=words, edition_url=edition_url, pdf_url=pdf_url,
                  edito_html=Markup(edito), number_label=number_label,
                  home_url=f"{base}{lang}/", font_stack=Markup(FONT_STACKS[lang]),
                  footer=footer, preheader=preheader, preheader_padding=PREHEADER_PADDING)
    # The whole edition if it fits; else without the last summaries; else fewer practices.
    def render(shown: int, with_summary: int) -> str:
        chosen = [dict(item, summary=item["summary"] if index < with_summary else "")
                  for index, item in enumerate(items[:shown])]
        return _html(lang, site, chosen, len(items) - shown, values)

    html = render(len(items), len(items))
    if _size(html) > SIZE_LIMIT:
        fits = _largest(lambda n: _size(render(len(items), n)) <= SIZE_LIMIT, len(items))
        if fits is not None:
            html = render(len(items), fits)
        else:
            shown = _largest(lambda n: _size(render(n, 0)) <= SIZE_LIMIT, len(items)) or 0
            html = render(shown, 0)
    text = _text(lang, words.title, edition, number_label, edito, items, edition_url, pdf_url,
                 values["home_url"], footer)
    return Email(html, text)


def _preheader(lang: str, label: str, titles: list[str]) -> str:
    """The edition and as many of its practices' titles as fit in `PREHEADER_LENGTH`."""
    if not titles:
        return label
    head = i18n.catalog(lang).ngettext("{label} — {count} practice: {titles}",
                                       "{label} — {count} practices: {titles}", len(titles))
    room = PREHEADER_LENGTH - len(head.format(label=label, count=len(titles), titles=""))
    shown = ""
    for index, title in enumerate(titles):
        joined = f"{shown} · {title}" if index else title
        if len(joined) > room:
            shown = (shown + " · …") if index else title[:max(1, room - 1)].rstrip() + "…"
            break
        shown = joined
    return head.format(label=label, count=len(titles), titles=shown)


@dataclass(frozen=True)
class Footer:
    """Who sends the letter, in the e-mail's language (both versions end with it)."""

    publishers: tuple[tuple[str, str, str], ...]
    """(name, postal address, the address's language)."""
    published_by: str
    office_name: str | None
    office_email: str | None
    office_url: str | None
    licences: tuple[tuple[str, str], ...]
    """(name, url)."""
    about_url: str
    unsubscribe: str | None

    def licences_text(self, lang: str) -> str:
        return format_list([name for name, _url in self.licences], style="or", locale=lang)

    def licences_html(self, lang: str) -> Markup:
        links = [str(Markup('<a href="{}">{}</a>').format(url, name))
                 for name, url in self.licences]
        # The list's own words (" ou ", " 또는 ") hold no markup.
        return Markup(format_list(links, style="or", locale=lang))


def _footer(site: Site, lang: str, base: str) -> Footer:
    federation = site.federation
    office = site.office(lang)
    publishers = federation.publishers if federation else ()
    return Footer(
        publishers=tuple((p.name(lang), p.address, _script(p.address)) for p in publishers),
        published_by=i18n.catalog(lang).ngettext(
            "The newsletter is published by:", "The newsletter is published jointly by:",
            len(publishers)),
        office_name=office.name(lang) if office else None,
        office_email=office.email if office else None,
        office_url=office.url if office else None,
        licences=tuple((item.name(lang), item.url) for item in federation.licences)
        if federation else (),
        about_url=f"{base}{lang}/about/",
        unsubscribe=federation.unsubscribe if federation else None)


def _script(text: str) -> str:
    """The language a postal address is written in: Korean when it holds Hangul."""
    return "ko" if any("\uac00" <= char <= "\ud7a3" for char in text) else "fr"


def _size(html: str) -> int:
    return len(html.encode("utf-8"))


def _largest(fits, count: int) -> int | None:  # type: ignore[no-untyped-def]
    """The largest n in 0..count for which `fits(n)` (which only gets harder as n grows),
    by bisection: a handful of renders, not one per practice."""
    if not fits(0):
        return None
    low, high = 0, count
    while low < high:
        middle = (low + high + 1) // 2
        if fits(middle):
            low = middle
        else:
            high = middle - 1
    return low


def _item(site: Site, practice: Any, lang: str, base: str) -> dict[str, Any]:
    words = practice.text(lang)
    url = f"{base}{lang}/practices/{practice.slug}/"
    image = None
    for name in practice.images:
        size = practice.image_size(name)
        if name.lower().endswith(RASTER) and size:
            image = _thumbnail(url, name, words.title, size)
            break
    return {"url": url, "title": words.title, "collectivity": words.collectivity,
            "summary": words.summary, "lang": words.lang, "image": image,
            "size": site.taxonomy.size(practice.size).label(lang),
            "pending": not practice.is_translated(lang)}


def _html(lang: str, site: Site, items: list[dict[str, Any]], left_out: int,
          values: dict[str, Any]) -> str:
    import css_inline
    from mjml import mjml2html


    gettext = i18n.catalog(lang).gettext
    source = environment(lang).get_template("email.mjml.j2").render(
        lang=lang, site_name=gettext("Good Practices Newsletter"), items=items,
        left_out=left_out,
        edition_label=lambda e: i18n.half_year_label(e.year, e.half, lang), **values)
    html = mjml2html(source, disable_comments=True)
    html = _MSO_STYLE.sub("", html)
    html = css_inline.inline(html, keep_style_tags=False, keep_link_tags=False,
                             load_remote_stylesheets=False)
    # (after inlining: a raised ordinal keeps the line's height in every client)
    if lang != "fr":
        return html
    # No-break spaces as entities, as the preheader's padding is: what mailing tools keep.
    return typography.french_html(html, '<sup style="line-height:0">').replace(
        typography.NBSP, "&nbsp;")


# -- plain text -------------------------------------------------------------------------

_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "blockquote", "tr", "dt", "dd")


def html_to_text(html: str) -> str:
    """The text of sanitised HTML, one paragraph per block, links followed by their URL."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(f"<!doctype html><html><body>{html}</body></html>")
    for anchor in tree.css("a[href]"):
        href = anchor.attributes.get("href") or ""
        label = anchor.text(deep=True).strip()
        if href and href != label and not href.startswith("#"):
            anchor.insert_after(f" <{href}>")
    paragraphs: list[str] = []

    def walk(node) -> None:  # type: ignore[no-untyped-def]
        child = node.child
        while child is not None:
            if child.tag in _BLOCKS and not any(
                    inner.tag in _BLOCKS for inner in child.traverse(include_text=False)
                    if inner is not child and inner.mem_id != child.mem_id):
                text = child.text(deep=True).rstrip() if child.tag == "pre" else \
                    " ".join(child.text(deep=True).split())
                if text:
                    paragraphs.append(("- " if child.tag == "li" else "") + text)
            else:
                walk(child)
            child = child.next

    if tree.body is not None:
        walk(tree.body)
    return "\n\n".join(paragraphs)


def _labelled(label: str, value: str, lang: str) -> str:
    """"Label : value" in French (no-break space before the colon), "Label: value" in Korean."""
    return f"{label}{typography.colon(lang)}{value}"


def _text(lang: str, title: str, edition: Edition, number_label: str, edito: str,
          items: list[dict[str, Any]], edition_url: str, pdf_url: str | None,
          home_url: str, footer: Footer) -> str:
    gettext = i18n.catalog(lang).gettext
    label = i18n.half_year_label(edition.year, edition.half, lang)
    rule = "—" * 24
    lines = [gettext("Good Practices Newsletter"), title, f"{label} · {number_label}", "",
             _labelled(gettext("Read this edition on the website"), edition_url, lang)]
    if pdf_url:
        lines.append(_labelled(gettext("Download the PDF"), pdf_url, lang))
    lines += ["", html_to_text(edito)]
    for item in items:
        meta = f"{item['collectivity']} · {item['size']}"
        if item["pending"]:
            meta += f" · {gettext('Translation pending')}"
        lines += ["", rule, "", item["title"], meta, "", item["summary"], item["url"]]
    lines += ["", rule, "", f"{gettext('Good Practices Newsletter')} · {home_url}", ""]
    return typography.for_language(lang)("\n".join(lines + _footer_text(lang, footer)))


def _footer_text(lang: str, footer: Footer) -> list[str]:
    """The text version's last lines: the same as the HTML's footer."""
    gettext = i18n.catalog(lang).gettext
    lines = []
    if footer.publishers:
        lines.append(footer.published_by)
        lines += [f"- {name}, {address}" for name, address, _written_in in footer.publishers]
        lines.append("")
    if footer.office_name and (footer.office_email or footer.office_url):
        lines.append(f"{gettext('Write to us:')} {footer.office_name}, "
                     f"{footer.office_email or footer.office_url}")
    if footer.licences:
        lines.append(gettext("Texts and data reusable under %(licences)s.")
                     % {"licences": footer.licences_text(lang)})
    lines.append(_labelled(gettext("About the newsletter"), footer.about_url, lang))
    if footer.unsubscribe:
        lines.append(_labelled(gettext("Unsubscribe"), footer.unsubscribe, lang))
    return lines + [""]
