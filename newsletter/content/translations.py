"""Translation status: which translation is missing, which is out of date.

A translation records the version of the original it translates: a short hash
of the original's words (title, summary, collectivity, partners, body), written
into its front matter as `source_version` by `python3 build_newsletter.py
translated <slug>`. It travels with the files through git, so every clone
knows the same status. When the original's words change, the hash no longer
matches and the translation is reported as outdated until it is updated and
marked again.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .editions import is_draft
from ..i18n import _
from .model import LANGUAGES, Content, Practice, Problem, Severity, TranslationState

_FIELD = re.compile(r"^source_version:[^\r\n]*", re.M)


@dataclass(frozen=True)
class PracticeStatus:
    slug: str
    states: dict[str, TranslationState]


@dataclass(frozen=True)
class EditionStatus:
    id: str
    published: dt.date
    draft: bool
    edito: dict[str, TranslationState]
    practices: list[PracticeStatus]


def status(content: Content, today: dt.date) -> list[EditionStatus]:
    """Every edition, newest first, with the state of each text in each language."""
    rows = []
    for edition in sorted(content.editions, key=lambda e: e.id, reverse=True):
        edito = {lang: TranslationState.ORIGINAL if lang == "fr" else
                 (TranslationState.UP_TO_DATE if lang in edition.texts else TranslationState.MISSING)
                 for lang in LANGUAGES}
        practices = [PracticeStatus(p.slug, {lang: p.translation_state(lang) for lang in LANGUAGES})
                     for p in content.practices if p.edition == edition.id]
        rows.append(EditionStatus(edition.id, edition.published, is_draft(edition, today),
                                  edito, practices))
    return rows


def warnings(content: Content, today: dt.date) -> list[Problem]:
    """Missing and outdated translations of published editions."""
    published = {e.id for e in content.editions if not is_draft(e, today)}
    problems = []
    for practice in content.practices:
        if practice.edition not in published:
            continue
        for lang in LANGUAGES:
            problem = _warning(practice, lang)
            if problem:
                problems.append(problem)
    return problems


def _warning(practice: Practice, lang: str) -> Problem | None:
    state = practice.translation_state(lang)
    folder = f"practices/{practice.slug}"
    if state is TranslationState.MISSING:
        return Problem(f"{folder}/{lang}.md", None, _(
            "the translation is missing: readers of this language see the original text "
            "under a notice"), Severity.WARNING)
    if state is TranslationState.OUTDATED:
        translation = practice.translations[lang]
        if translation.source_version is None:
            message = _("the translation is not marked as up to date; once it matches the "
                        "original, run `python3 build_newsletter.py translated {slug}`")
        else:
            message = _("the original has changed since this translation; update it, then "
                        "run `python3 build_newsletter.py translated {slug}`")
        return Problem(translation.path, None, message.format(slug=practice.slug),
                       Severity.WARNING)
    return None


def mark_translated(root: Path, practice: Practice, lang: str) -> Path:
    """Write the original's version into the translation's front matter.

    Only that one line of that one file changes; the file is replaced atomically.
    """
    file = root / practice.translations[lang].path
    data = file.read_bytes()
    bom = data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8") if bom else data.decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    line = f"source_version: {practice.source.version}"
    lines = text.split(newline)
    closing = next(i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "..."))
    front = newline.join(lines[1:closing])
    if _FIELD.search(front):
        front = _FIELD.sub(line, front, count=1)
    else:
        front = f"{front}{newline}{line}" if front else line
    updated = newline.join([lines[0], front, *lines[closing:]])
    temporary = file.with_name(f".{file.name}.{os.getpid()}.tmp")
    temporary.write_bytes((b"\xef\xbb\xbf" if bom else b"") + updated.encode("utf-8"))
    os.replace(temporary, file)
    return file
