"""`status`: per edition, its date (and the days left for a draft), its practices, the
state of each text in each language, and what is still missing before it can go out."""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.lists import format_list
from wcwidth import wcswidth

from ..content import translations
from .. import i18n
from . import report
from .core import days_left, practice_count
from ..content.editions import today
from ..i18n import N_, _, ngettext
from ..content.loading import load
from ..content.model import LANGUAGES, Content, Problem, TranslationState
from .scaffold import EDITO_MODEL

STATE_LABELS = {
    TranslationState.ORIGINAL: N_("original"),
    TranslationState.UP_TO_DATE: N_("up to date"),
    TranslationState.OUTDATED: N_("outdated"),
    TranslationState.MISSING: N_("missing"),
}


@dataclass(frozen=True)
class Todo:
    """Something an edition still needs before it can go out."""

    kind: str
    """edito, translation, warnings, practices"""
    what: str
    lang: str | None = None
    count: int = 0


def todo(row: translations.EditionStatus, content: Content, problems: list[Problem]
         ) -> list[Todo]:
    edition = next(e for e in content.editions if e.id == row.id)
    found = [Todo("edito", "edito", lang) for lang in LANGUAGES
             if lang not in edition.texts or not edition.texts[lang].body.strip()
             or edition.texts[lang].body.strip() == i18n.catalog(lang).gettext(EDITO_MODEL)]
    if not row.practices:
        found.append(Todo("practices", ""))
    for practice in row.practices:
        for lang, state in practice.states.items():
            if state in (TranslationState.MISSING, TranslationState.OUTDATED):
                found.append(Todo("translation", practice.slug, lang))
        warnings = sum(1 for p in problems if not p.is_error and
                       p.path.startswith(f"practices/{practice.slug}/"))
        if warnings:
            found.append(Todo("warnings", practice.slug, count=warnings))
    return found


def describe(item: Todo) -> str:
    ui = i18n.current_language()
    language = Locale.parse(ui).languages.get(item.lang, item.lang) if item.lang else ""
    if item.kind == "edito":
        return _("the edito in {language}").format(language=language)
    if item.kind == "practices":
        return _("a practice")
    if item.kind == "translation":
        return _("{slug}: its translation into {language}").format(slug=item.what,
                                                                   language=language)
    return ngettext("{slug}: {count} warning (run check)", "{slug}: {count} warnings (run check)",
                    item.count).format(slug=item.what, count=item.count)


def status(root: Path, style: str = "text") -> int:
    loaded = load(root)
    if loaded.content is None:
        for line in report.lines(loaded.errors):
            print(line, file=sys.stderr)
        return 1
    content = loaded.content
    rows = translations.status(content, today())
    problems = loaded.problems + translations.warnings(content, today())
    if style == "json":
        print(json.dumps([{
            "edition": row.id, "published": row.published.isoformat(), "draft": row.draft,
            "days_left": (row.published - today()).days if row.draft else 0,
            "edito": {lang: state.value for lang, state in row.edito.items()},
            "practices": [{"slug": p.slug, **{lang: s.value for lang, s in p.states.items()}}
                          for p in row.practices],
            "missing": [{"kind": t.kind, "what": t.what, "lang": t.lang, "count": t.count}
                        for t in todo(row, content, problems)],
        } for row in rows], ensure_ascii=False, indent=2))
    else:
        for line in lines(rows, content, problems):
            print(line)
    if loaded.errors:
        count = len({p.path for p in loaded.errors})
        print(ngettext("{count} file with errors is not listed; run check.",
                       "{count} files with errors are not listed; run check.", count
                       ).format(count=count), file=sys.stderr)
    return 0


def pad(text: str, width: int) -> str:
    """`text` filled with spaces to `width` terminal columns (Hangul takes two)."""
    return text + " " * max(0, width - wcswidth(text))


def lines(rows: list[translations.EditionStatus], content: Content,
          problems: list[Problem]) -> list[str]:
    lang = i18n.current_language()
    labels = {state: _(label) for state, label in STATE_LABELS.items()}
    state_width = max(wcswidth(label) for label in labels.values())
    names = [_("edito")] + [p.slug for row in rows for p in row.practices]
    width = max(wcswidth(name) for name in names)
    out = []
    for row in rows:
        date = i18n.format_date(row.published, lang)
        when = _("draft, to be published on {date} ({left})").format(
            date=date, left=days_left(row.published)) if row.draft else \
            _("published on {date}").format(date=date)
        out.append(f"{row.id}  {when} · {practice_count(len(row.practices))}")
        missing = todo(row, content, problems)
        if missing:
            out.append("  " + _("still missing: {items}").format(
                items=format_list([describe(item) for item in missing], locale=lang)))
        elif row.draft:
            out.append("  " + _("ready: proof it with python3 build_newsletter.py proof {edition}"
                                ).format(edition=row.id))
        entries = [(_("edito"), row.edito)] + [(p.slug, p.states) for p in row.practices]
        for name, states in entries:
            cells = [f"{code}: {pad(labels[states[code]], state_width)}" for code in LANGUAGES]
            out.append(f"  {pad(name, width)}  " + "  ".join(cells).rstrip())
    return out
