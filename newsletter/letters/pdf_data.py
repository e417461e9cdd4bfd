"""What the PDF of an edition shows, as plain values for its template (`templates/edition.typ`).

`document()` gathers it: the cover (title, number, half-year, date, the publishers), the
edito, each practice with its metadata panel, and a last page that says who publishes the
letter, under which licences its texts may be reused and whom to write to (from
`federation.yml`; without it, the PDF has no such page). `pdf` compiles it.

Every text is data: the bodies are the same sanitised HTML as the site's
(`markup.to_html`), turned into a plain tree of [tag, attributes, children] and strings.
The texts are set in their language's typography (`content.typography`); French ordinals
come as ["sup", …] nodes so that their letters are raised ("1er", "15e").

Addresses and URLs are shown as written, in the document's language (a postal address
written in Hangul in Korean): a screen reader reads no word of them in another language.
What PDF/UA asks of a body is settled in `pdf_body`, before Typst would refuse it.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any, Mapping

from .. import i18n
from ..content import markup, typography
from ..content.editions import Site
from ..content.model import Edition, Practice
from ..i18n import N_
from . import pdf_body

SHORT_FACT = 26
"""How wide a fact's value may be (`_width`) to fit half the metadata panel."""
_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")

LABELS = {
    "contents": N_("Contents"),
    "edito": N_("Editorial"),
    "further_reading": N_("Further reading"),
    "about": N_("About this newsletter"),
    "publishers": N_("Publishers"),
    "director": N_("Director of publication"),
    "reuse": N_("Reuse"),
    "write": N_("Write to us"),
}


def shown(text: str, lang: str) -> Any:
    """`text` as the template shows it: in its language's typography, a French ordinal's
    letters raised, a long text in runs (`pdf_body.bounded`): a ["span", …] node then,
    else the string."""
    text = typography.for_language(lang)(text)
    parts = typography.ordinal_parts(text) if lang == "fr" else [(text, False)]
    if len(parts) == 1 and not parts[0][1]:
        return pdf_body.bounded_text(text)
    return ["span", {}, pdf_body.bounded([["sup", {}, [part]] if raised else part
                                          for part, raised in parts])]


def body_tree(html: str, images: Mapping[str, str], lang: str, page_url: str = "") -> list[Any]:
    """A body's sanitised HTML in `lang` as the template's tree (`pdf_body`)."""
    return pdf_body.tree(html, images, lambda text: shown(text, lang),
                         typography.for_language(lang), page_url)


def document(site: Site, edition: Edition, lang: str, site_url: str,
             number: int) -> dict[str, Any]:
    """Everything the template shows, as plain values."""
    gettext = i18n.catalog(lang).gettext
    base = site_url.rstrip("/") + "/"
    words = edition.text(lang)
    edition_url = f"{base}{lang}/editions/{edition.id}/"
    ui = typography.for_language(lang)
    half_year = i18n.half_year_label(edition.year, edition.half, lang)
    federation = site.federation
    publishers = federation.publishers if federation else ()
    return {
        "lang": lang,
        "site_name": shown(gettext("Good Practices Newsletter"), lang),
        "description": shown(gettext(
            "Good practices of French and Korean local governments, twice a year."), lang),
        "home_url": f"{base}{lang}/",
        "title": shown(words.title, words.lang),
        "title_text": typography.for_language(words.lang)(words.title),
        "title_lang": words.lang,
        "number": shown(gettext("No. {number}").format(number=number), lang),
        # Said once: the title usually names the half-year already.
        "half_year": "" if half_year in words.title else shown(half_year, lang),
        "published": [edition.published.year, edition.published.month, edition.published.day],
        "published_label": shown(gettext("Published on %(date)s")
                                 % {"date": i18n.format_date(edition.published, lang)}, lang),
        "publishers": [shown(p.name(lang), lang) for p in publishers],
        "author": ", ".join(p.name(lang) for p in publishers) or ui(
            gettext("Good Practices Newsletter")),
        "labels": {key: shown(gettext(message), lang) for key, message in LABELS.items()},
        "label_texts": {key: ui(gettext(message)) for key, message in LABELS.items()},
        "edito_lang": words.lang,
        "edito": body_tree(markup.to_html(words.body, base=edition_url), {}, words.lang),
        "practices": [_practice(site, practice, lang, base) for practice in
                      site.in_edition(edition.id)],
        "about": about(site, lang),
    }


def about(site: Site, lang: str) -> dict[str, Any] | None:
    """The last page: who publishes the letter, its director of publication, the licences
    of its texts, whom to write to; None without federation.yml."""
    federation = site.federation
    if federation is None:
        return None
    gettext = i18n.catalog(lang).gettext
    office = federation.offices.get(lang)
    licences = federation.licences
    reuse = (N_("The texts of this newsletter may be reused under this licence, naming "
                "the source:") if len(licences) == 1 else
             N_("The texts of this newsletter may be reused under any of these licences, "
                "naming the source:"))
    return {
        "publishers": [{"name": shown(p.name(lang), lang),
                        "address": pdf_body.bounded_text(p.address),
                        "address_lang": _lang_of(p.address, lang), "url": p.url,
                        "phone": p.phone.replace(" ", typography.NBSP) if p.phone else None}
                       for p in federation.publishers],
        "director": shown(federation.director[lang], lang) if federation.director.get(lang)
        else None,
        "reuse": shown(gettext(reuse), lang) if licences else None,
        "licences": [{"name": shown(licence.name(lang), lang), "url": licence.url}
                     for licence in licences],
        "write": shown(gettext("To suggest a practice or to ask a question, write to:"), lang),
        "office": {"name": shown(office.name(lang), lang), "email": office.email,
                   "href": mail_href(office.email, lang) if office.email else None,
                   "url": office.url} if office else None,
    }


def _width(text: str) -> int:
    """How wide `text` is, in Latin letters: a Hangul syllable counts two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _lang_of(text: str, lang: str) -> str:
    """The language of a postal address as written: Korean when it holds Hangul."""
    return "ko" if _HANGUL.search(text) else lang


def mail_href(address: str, lang: str) -> str:
    """The link to write to `address`. Typst describes a `mailto:` link to screen readers
    as "<the word e-mail> <address>", and has no Korean word for it (its English one
    would be read in a Korean document): the scheme is written in capitals there, which
    mail clients take alike (RFC 3986: schemes are case-insensitive) and Typst describes
    by the link itself."""
    return f"{'MAILTO' if lang == 'ko' else 'mailto'}:{address}"


def _practice(site: Site, practice: Practice, lang: str, base: str) -> dict[str, Any]:
    gettext = i18n.catalog(lang).gettext
    words = practice.text(lang)
    page_url = f"{base}{lang}/practices/{practice.slug}/"
    taxonomy = site.taxonomy

    def fact(label: str, value: str, value_lang: str = lang, href: str | None = None,
             starts_row: bool = False) -> dict:
        # Addresses and URLs are shown as written, in the document's language. A short
        # fact may share its row of the panel with the next one (`wide`: it may not);
        # one that `starts_row` never shares it with the one before (the contact's name
        # stays with its e-mail and website).
        return {"label": shown(gettext(label), lang),
                "value": pdf_body.bounded_text(value) if href else shown(value, value_lang),
                "href": href, "lang": lang if href else value_lang,
                "wide": _width(value) > SHORT_FACT, "starts_row": starts_row}

    facts = [fact(N_("Local government"), words.collectivity, words.lang),
             fact(N_("Country"), _country(practice.country, lang))]
    if practice.population:
        facts.append(fact(N_("Population"), gettext("%(number)s inhabitants")
                          % {"number": i18n.format_number(practice.population, lang)}))
    facts.append(fact(N_("Size"), taxonomy.size(practice.size).label(lang)))
    facts.append(fact(N_("Themes"), ", ".join(taxonomy.theme(k).label(lang)
                                              for k in practice.themes)))
    if words.partners:
        facts.append(fact(N_("Partners"), ", ".join(words.partners), words.lang))
    contact = practice.contact
    name, name_lang = practice.contact_name(lang)
    if name:
        facts.append(fact(N_("Contact"), name, name_lang, starts_row=True))
    if contact and contact.email:
        facts.append(fact(N_("E-mail"), contact.email, href=mail_href(contact.email, lang),
                          starts_row=not name))
    if contact and contact.url:
        facts.append(fact(N_("Website"), contact.url, href=contact.url))
    facts.append(fact(N_("Date"), i18n.format_date(practice.date, lang)))
    facts.append(fact(N_("On the website"), page_url, href=page_url))
    notice = None
    if not practice.is_translated(lang):
        notice = shown(gettext("This practice has not been translated yet; here is the "
                               "original text, in %(language)s.")
                       % {"language": _language(words.lang, lang)}, lang)
    elif practice.translation_state(lang).value == "outdated":
        notice = shown(gettext("The original version has changed since this translation."),
                       lang)
    return {
        "title": shown(words.title, words.lang),
        "title_text": typography.for_language(words.lang)(words.title),
        "summary": shown(words.summary, words.lang),
        "lang": words.lang,
        "notice": notice,
        "facts": facts,
        "body": body_tree(markup.to_html(words.body, practice.images, base=page_url),
                          dict(practice.published_images), words.lang, page_url),
        "links": [{"title": shown(link.title, title_lang), "url": link.url, "lang": title_lang}
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
