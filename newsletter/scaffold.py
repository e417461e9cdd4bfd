"""`new <slug>`: a practice's two files from a model, every field explained.

Never overwrites: if the folder already holds a file, nothing is written.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .editions import today
from .i18n import _
from .loading import load
from .model import other_language
from .pages import environment
from .validation import check_slug

_EXAMPLES = {"fr": ("Ville de Tours", "Ville de Suwon"), "ko": ("서울특별시 서초구", "파리 15구")}


def scaffold(root: Path, slug: str, source_lang: str) -> int:
    from .cli import UsageError

    problems = check_slug(slug, f"practices/{slug}")
    if problems:
        raise UsageError(problems[0].message)
    folder = root / "practices" / slug
    targets = {lang: folder / f"{lang}.md" for lang in (source_lang, other_language(source_lang))}
    existing = [path for path in targets.values() if path.exists()]
    if existing:
        raise UsageError(_("{path} already exists; nothing was written (choose another slug, "
                           "or edit the existing files)").format(path=existing[0]))
    texts = {source_lang: _render("new/source.md.j2", root, source_lang),
             other_language(source_lang): _render("new/translation.md.j2", root,
                                                  other_language(source_lang))}
    folder.mkdir(parents=True, exist_ok=True)
    for lang, path in targets.items():
        with path.open("x", encoding="utf-8") as file:  # "x": fails rather than overwrite
            file.write(texts[lang])
        print(path.as_posix())
    print(_("Created. Fill in the fields, then check with: python3 build_newsletter.py check"),
          file=sys.stderr)
    return 0


def _render(template: str, root: Path, lang: str) -> str:
    content = load(root).content
    taxonomy = content.taxonomy if content else None
    edition_ids = [e.id for e in content.editions] if content else []
    day = today()
    current = f"{day.year}-s{1 if day.month <= 6 else 2}"
    bands = ", ".join(f"{s.key} ({s.population_min or 0}–{s.population_max or '∞'})"
                      for s in (taxonomy.sizes if taxonomy else ()) if s.is_band)
    # Each file is written in its own language: headings and explanations included.
    env = environment(lang)
    return env.get_template(template).render(
        lang=lang,
        country="KR" if lang == "ko" else "FR",
        collectivity_example=_EXAMPLES[lang][0],
        partner_example=_EXAMPLES[lang][1],
        bands=bands,
        sizes=", ".join(s.key for s in taxonomy.sizes) if taxonomy else "",
        themes=", ".join(t.key for t in taxonomy.themes) if taxonomy else "",
        edition_ids=", ".join(edition_ids),
        edition=max(edition_ids) if edition_ids else current,
        today=day.isoformat(),
    )
