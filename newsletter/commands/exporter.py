"""`export SLUG [--out FILE] [--lang fr|ko]` (issue 20): a practice as a filled fiche
(`letters.fiche`), for its local government to correct or for a translator to fill in
the other language; `import` (or `import --translation-of`) brings it back.

Without `--out`, the fiche goes to `fiches/<slug>-<lang>.docx` (git ignores `fiches/`).
An existing file is never replaced.
"""
from __future__ import annotations

import sys
from pathlib import Path

from . import report
from ..content.loading import load
from ..i18n import _
from ..letters import fiche
from ..usage import UsageError


def export(root: Path, slug: str, out: Path | None, lang: str | None) -> int:
    loaded = load(root, history=False)  # `updated` as written, not git's date
    content = loaded.content
    practice = next((p for p in content.practices if p.slug == slug), None) if content else None
    if practice is None or content is None:
        mine = [p for p in loaded.errors if p.path.startswith(f"practices/{slug}/")
                or p.path == f"practices/{slug}"]
        if mine or content is None:
            for line in report.lines(mine or loaded.errors):
                print(line, file=sys.stderr)
            print(_("Fix these errors first; nothing was written."), file=sys.stderr)
            return 1
        raise UsageError(_("no practice \"{slug}\" in practices/").format(slug=slug))
    lang = lang or practice.source_lang
    target = out if out is not None else root / "fiches" / f"{slug}-{lang}.docx"
    if target.suffix.lower() != ".docx":
        raise UsageError(_("--out: {path} must end with .docx").format(path=target))
    if target.exists() or target.is_symlink():
        raise UsageError(_("{path} already exists; nothing was written (remove it, or choose "
                           "another --out)").format(path=target))
    edition = next((e for e in content.editions if e.id == practice.edition), None)
    office = content.federation.office(lang) if content.federation else None
    made = fiche.filled(practice, lang, content.taxonomy, office,
                        root / "practices" / slug, edition.published if edition else practice.date)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("xb") as file:
        file.write(made.data)
    print(target.as_posix())
    for name in made.skipped_images:
        print(_("warning: the image {name} is not in the fiche (an SVG drawing, which Word "
                "documents made here cannot hold): send it apart").format(name=name),
              file=sys.stderr)
    if lang != practice.source_lang and not practice.is_translated(lang):
        print(_("The fiche holds the original's words, for a translator to write over; bring "
                "it back with: python3 build_newsletter.py import FILE --translation-of {slug}"
                ).format(slug=slug), file=sys.stderr)
    elif lang != practice.source_lang:
        print(_("The fiche holds the translation; bring it back corrected with: python3 "
                "build_newsletter.py import FILE --translation-of {slug} (move {file} away "
                "first: import never overwrites)").format(
                    slug=slug, file=f"practices/{slug}/{lang}.md"), file=sys.stderr)
    return 0
