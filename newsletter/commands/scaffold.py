"""`new <slug>` and `new-edition <id>`: a practice's or an edition's two files from a
model, each in its own language, every field explained.

Never overwrites: if the folder already holds a file, nothing is written.
"""
from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from ..content.editions import today
from ..usage import UsageError
from ..i18n import N_, _, catalog, current_language, edition_title_period, format_date
from ..content.loading import load
from ..content.model import LANGUAGES, Collectivity, Content, other_language
from ..templating import environment
from ..content.fields import YEARS
from ..content.validation import check_edition_id, check_slug

_EXAMPLES = {"fr": ("Ville de Tours", "Ville de Suwon"), "ko": ("서울특별시 서초구", "파리 15구")}


def scaffold(root: Path, slug: str, source_lang: str) -> int:
    problems = check_slug(slug, f"practices/{slug}")
    if problems:
        raise UsageError(problems[0].message)
    folder = root / "practices" / slug
    targets = {lang: folder / f"{lang}.md" for lang in (source_lang, other_language(source_lang))}
    existing = [path for path in targets.values() if path.exists()]
    if existing:
        raise UsageError(_("{path} already exists; nothing was written (choose another slug, "
                           "or edit the existing files)").format(path=existing[0]))
    content = load(root).content
    known = what_is_known(content, slug, today())
    texts = {source_lang: _render("new/source.md.j2", content, known, source_lang),
             other_language(source_lang): _render("new/translation.md.j2", content, known,
                                                  other_language(source_lang))}
    folder.mkdir(parents=True, exist_ok=True)
    for lang, path in targets.items():
        with path.open("x", encoding="utf-8") as file:  # "x": fails rather than overwrite
            file.write(texts[lang])
        print(path.as_posix())
    print(_("Created, in the edition {edition}. Fill in the fields, then check with: "
            "python3 build_newsletter.py check").format(edition=known.edition), file=sys.stderr)
    if not known.edition_exists:
        print(_("The edition {edition} does not exist yet: open it with python3 "
                "build_newsletter.py new-edition {edition}").format(edition=known.edition),
              file=sys.stderr)
    return 0


@dataclass(frozen=True)
class Known:
    """What the content tells a new practice: its edition, and its collectivity when the
    slug starts with a key of the directory."""

    edition: str
    edition_exists: bool
    collectivity: Collectivity | None
    partners: tuple[Collectivity, ...]
    """The collectivity's partners in the directory."""
    keys: tuple[str, ...]
    """Every key of the directory."""


def what_is_known(content: Content | None, slug: str, day: dt.date) -> Known:
    editions = sorted(content.editions, key=lambda e: (e.published, e.id)) if content else []
    drafts = [e.id for e in editions if e.published > day]
    if drafts:
        edition, exists = drafts[0], True
    else:
        edition, exists = next_edition_id([e.id for e in editions], day), False
    directory = {c.key: c for c in content.collectivities} if content else {}
    words = slug.split("-")
    own = next((directory[key] for key in ("-".join(words[:n]) for n in range(len(words), 0, -1))
                if key in directory), None)
    partners: tuple[Collectivity, ...] = ()
    if own is not None and content is not None:
        keys = sorted({p.b if p.a == own.key else p.a for p in content.partnerships
                       if own.key in (p.a, p.b)})
        partners = tuple(directory[key] for key in keys if key in directory)
    return Known(edition, exists, own, partners, tuple(sorted(directory)))


def next_edition_id(existing: list[str], day: dt.date) -> str:
    """The half-year after the last edition, or the current one when there is none."""
    if not existing:
        return f"{day.year}-s{1 if day.month <= 6 else 2}"
    year, half = int(max(existing)[:4]), int(max(existing)[-1])
    return f"{year}-s2" if half == 1 else f"{year + 1}-s1"


def _render(template: str, content: Content | None, known: Known, lang: str) -> str:
    taxonomy = content.taxonomy if content else None
    day = today()
    bands = ", ".join(f"{s.key} ({s.population_min or 0}–{s.population_max or '∞'})"
                      for s in (taxonomy.sizes if taxonomy else ()) if s.is_band)
    own = known.collectivity
    # Each file is written in its own language: headings and explanations included.
    env = environment(lang)
    return env.get_template(template).render(
        lang=lang,
        country=own.country if own else ("KR" if lang == "ko" else "FR"),
        collectivity_example=_EXAMPLES[lang][0],
        partner_example=_EXAMPLES[lang][1],
        bands=bands,
        sizes=", ".join(s.key for s in taxonomy.sizes) if taxonomy else "",
        themes=", ".join(t.key for t in taxonomy.themes) if taxonomy else "",
        edition=known.edition,
        edition_exists=known.edition_exists,
        collectivity=own,
        partners=known.partners,
        keys=", ".join(known.keys),
        today=day.isoformat(),
    )


EDITO_MODEL = N_("One or two paragraphs that introduce the edition: what its practices have in "
                 "common, which collectivities took part, and an invitation to send practices "
                 "for the next one.")
"""The edito `new-edition` writes: `status` lists it as still to write."""


def default_publication(edition_id: str) -> dt.date:
    """Mid-June for a first half-year's edition, mid-December for a second's."""
    year, half = int(edition_id[:4]), int(edition_id[-1])
    return dt.date(year, 6 if half == 1 else 12, 15)


def scaffold_edition(root: Path, edition_id: str, published: str | None) -> int:
    """`editions/<id>/fr.md` and `ko.md`: the title, the date and an edito to write."""
    problems = check_edition_id(edition_id, f"editions/{edition_id}")
    if problems:
        raise UsageError(problems[0].message)
    date = default_publication(edition_id)
    if published is not None:
        try:
            date = dt.date.fromisoformat(published)
            if date.year not in YEARS:
                raise ValueError(published)
        except ValueError:
            raise UsageError(_("--published: \"{value}\" is not a date; write it YYYY-MM-DD, "
                               "e.g. {example}").format(value=published,
                                                        example=date.isoformat())) from None
    folder = root / "editions" / edition_id
    if folder.exists():
        raise UsageError(_("{path} already exists; nothing was written (edit its files, or "
                           "choose another edition)").format(path=folder.as_posix()))
    year, half = int(edition_id[:4]), int(edition_id[-1])
    folder.mkdir(parents=True)
    for lang in LANGUAGES:
        title = "{} — {}".format(catalog(lang).gettext("Good Practices Newsletter"),
                                 edition_title_period(year, half, lang))
        text = environment(lang).get_template("new/edition.md.j2").render(
            lang=lang, title=title, published=date.isoformat(),
            edito=catalog(lang).gettext(EDITO_MODEL))
        with (folder / f"{lang}.md").open("x", encoding="utf-8") as file:
            file.write(text)
        print((folder / f"{lang}.md").as_posix())
    print(_("Created; it is a draft until {date}. Write the edito in both files, then add "
            "practices with: python3 build_newsletter.py new <slug>").format(
                date=format_date(date, current_language())), file=sys.stderr)
    return 0
