"""`import FILE [--slug SLUG] [--translation-of SLUG] [--lang fr|ko]` (issue 20): a Word
document becomes `practices/<slug>/<lang>.md` and its pictures.

A filled fiche gives the fields and the text; any other document gives its title and its
text, and the fields are left for the editor, each with its explanation. With
`--translation-of`, the document is the translation of an existing practice: only the
translated fields and the text are written. Never overwrites; writes nothing outside
the practice's folder, and nothing at all when the document is refused (`word`). Ends
with `check` on what it wrote: what is left to fill, at its line; exit 1 when something
required is missing, 0 when the practice is complete.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml

from . import report
from ..content import translations, word
from ..content.editions import today
from ..content.fiche import FIELDS, words
from ..content.loading import load
from ..content.model import Content, Practice, Problem, other_language
from ..content.validation import check_slug
from ..i18n import N_, _
from ..usage import UsageError
from .scaffold import what_is_known

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EXPLANATIONS = {field.key: field.explanation for field in FIELDS}
# What a field of the file means, as `new` explains it (templates/new/source.md.j2).
_EXPLANATIONS.update(
    collectivity=N_("The local government's name, in this file's language:"),
    population=N_("Number of inhabitants, digits only; the size is derived from it:"),
    themes=N_("1 to 3 theme keys among:"),
    date=N_("When the practice was reported or started (YYYY-MM-DD):"))


def import_document(root: Path, file: Path, slug: str | None, translation_of: str | None,
                    lang: str | None) -> int:
    if not file.is_file():
        raise UsageError(_("{path}: no such file").format(path=file))
    suffix = file.suffix.lower()
    if suffix in (".hwpx", ".hwp"):
        raise UsageError(_(
            "{path}: documents of 한글 (.hwp, .hwpx) are not read; open it in 한글 and save it "
            "as .docx (파일, 다른 이름으로 저장하기, 파일 형식 “MS Word 문서 (*.docx)”), then "
            "import the .docx").format(path=file))
    loaded = load(root, history=False)
    content = loaded.content
    if content is None:
        for line in report.lines(loaded.errors):
            print(line, file=sys.stderr)
        print(_("Fix these errors first; nothing was written."), file=sys.stderr)
        return 1
    original: Practice | None = None
    if translation_of is not None:
        original = next((p for p in content.practices if p.slug == translation_of), None)
        if original is None:
            raise UsageError(_("--translation-of: no practice \"{slug}\" in practices/ (or it "
                               "has errors: run check)").format(slug=translation_of))
        wanted = other_language(original.source_lang)
        if lang is not None and lang != wanted:
            raise UsageError(_("--lang {lang}: the original of {slug} is in this language; its "
                               "translation is in {wanted}").format(
                                   lang=lang, slug=translation_of, wanted=wanted))
        lang, slug = wanted, translation_of
    shown = file.name
    document = word.read(file, shown, content.taxonomy, lang)
    if document.refused:
        for line in report.lines(document.problems):
            print(line, file=sys.stderr)
        print(_("Nothing was written."), file=sys.stderr)
        return 1
    slug = slug or document.fields.get("slug")
    if not slug:
        raise UsageError(_("--slug is needed: the practice's permanent name, e.g. "
                           "--slug tours-velo-ecole (the local government, then the subject "
                           "in two or three words)"))
    problems = check_slug(slug, f"practices/{slug}")
    if problems:
        raise UsageError(problems[0].message)
    lang = lang if original is not None else (lang or document.lang)
    folder = _folder(root, slug, lang, original is not None)
    missing: list[tuple[int, str]] = []
    if original is not None:
        text = _translation(document, original, lang)
    else:
        text = _original(document, content, slug, lang, missing)
    written = _write(folder, lang, text, document.pictures)
    for path in written:
        print(path.relative_to(root).as_posix() if path.is_relative_to(root) else path)
    return _report(root, slug, lang, document.problems + [Problem(
        f"practices/{slug}/{lang}.md", line, _("\"{field}\" is left to fill: the document "
                                               "does not give it").format(field=key))
        for line, key in missing], original is not None, document.body)


def _folder(root: Path, slug: str, lang: str, translation: bool) -> Path:
    """The practice's folder, checked: inside practices/, no link, the file not there."""
    practices = root / "practices"
    folder = practices / slug
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise UsageError(_("{path} is not a folder; nothing was written").format(
            path=folder.as_posix()))
    if folder.exists() and folder.resolve().parent != practices.resolve():
        raise UsageError(_("{path} leads outside practices/; nothing was written").format(
            path=folder.as_posix()))
    target = folder / f"{lang}.md"
    if not translation:
        there = [name for name in ("fr.md", "ko.md") if (folder / name).exists()]
        if there:
            raise UsageError(_("practices/{slug} already holds a practice ({file}); nothing was "
                               "written: to add its translation, use --translation-of {slug}"
                               ).format(slug=slug, file=there[0]))
    if target.exists() or target.is_symlink():
        raise UsageError(_("{path} already exists; nothing was written (move it away first, "
                           "or import under another --slug)").format(path=target.as_posix()))
    return folder


def _write(folder: Path, lang: str, text: str, pictures: list[word.Picture]) -> list[Path]:
    """The text and the pictures, each created (never replaced) in the practice's folder."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    suffixes = (*word.IMAGE_TYPES.values(), ".jpeg")
    existing = {p.name: p.read_bytes() for p in folder.iterdir()
                if p.is_file() and not p.is_symlink() and p.suffix.lower() in suffixes}
    renames: dict[str, str] = {}
    for picture in pictures:
        same = next((name for name, data in existing.items() if data == picture.data), None)
        if same is not None:  # the original's picture, brought back by a translation
            renames[picture.name] = same
            continue
        name, number = picture.name, 2
        stem, dot, suffix = picture.name.rpartition(".")
        while (folder / name).exists() or (folder / name).is_symlink():
            name, number = f"{stem}-{number}{dot}{suffix}", number + 1
        renames[picture.name] = name
        with (folder / name).open("xb") as out:
            out.write(picture.data)
        written.append(folder / name)
    for old, new in renames.items():
        if old != new:
            text = text.replace(f"]({old})", f"]({new})")
    target = folder / f"{lang}.md"
    with target.open("x", encoding="utf-8") as out:
        out.write(text)
    return [target] + written


def _original(document: word.Imported, content: Content, slug: str, lang: str,
              missing: list[tuple[int, str]]) -> str:
    """The original's file: every field the document gives, the others explained (and
    added to `missing`, with their lines)."""
    fields = document.fields
    known = what_is_known(content, slug, today())
    own = known.collectivity
    lines: list[str] = []
    hints = {"collectivity": " Ville de Tours" if lang == "fr" else " 서울특별시 서초구",
             "themes": " " + ", ".join(t.key for t in content.taxonomy.themes),
             "population": " " + ", ".join(f"{s.key} ({s.population_min or 0}–"
                                           f"{s.population_max or '∞'})"
                                           for s in content.taxonomy.sizes if s.is_band)}

    def put(key: str, value: Any, explained: str | None = None, required: bool = False) -> None:
        if value in (None, "", [], {}):
            if explained:
                lines.append(f"# {words(lang, explained)}{hints.get(key, '')}")
            if required:
                lines.append(f"{key}:" if key != "themes" else "themes: []")
                missing.append((len(lines) + 1, key))
            return
        lines.append(_yaml(key, value))

    put("title", fields.get("title"), _EXPLANATIONS["title"], True)
    put("summary", fields.get("summary"), _EXPLANATIONS["summary"], True)
    put("collectivity", fields.get("collectivity") or (own.names[lang] if own else None),
        _EXPLANATIONS["collectivity"], True)
    put("partners", fields.get("partners"))
    if lang == "ko":
        lines.append("source: ko")
    country = fields.get("country") or (own.country if own else ("KR" if lang == "ko" else "FR"))
    lines.append(f"country: {country}")
    population = fields.get("population") or (own.population if own else None)
    if fields.get("size"):
        put("size", fields["size"])
    if population or not fields.get("size"):
        put("population", population, _EXPLANATIONS["population"], True)
    put("themes", fields.get("themes"), _EXPLANATIONS["themes"], True)
    lines.append(f"edition: {fields.get('edition') or known.edition}")
    put("date", fields.get("date"), _EXPLANATIONS["date"], True)
    put("updated", fields.get("updated"))
    key = fields.get("collectivity_key") or (own.key if own else None)
    put("collectivity_key", key)
    put("partner_keys", fields.get("partner_keys"))
    contact = {name: fields[f"contact_{name}"] for name in ("name", "email", "url")
               if fields.get(f"contact_{name}")}
    put("contact", contact)
    put("links", fields.get("links"))
    return _file(lines, document.body, lang)


def _translation(document: word.Imported, original: Practice, lang: str) -> str:
    """The translation's file: its words only (the other fields are the original's)."""
    fields = document.fields
    lines = [_yaml(key, fields.get(key) or "") for key in ("title", "summary", "collectivity")]
    if fields.get("partners"):
        lines.append(_yaml("partners", fields["partners"]))
    source_name = original.contact.name if original.contact else None
    if fields.get("contact_name") and fields["contact_name"] != source_name:
        lines.append(_yaml("contact", {"name": fields["contact_name"]}))
    links = fields.get("links") or []
    if [link["url"] for link in links] == [link.url for link in original.links] and \
            [link["title"] for link in links] != [link.title for link in original.links]:
        lines.append(_yaml("links", links))
    return _file(lines, document.body, lang)


def _file(lines: list[str], body: str, lang: str) -> str:
    if not body.strip():
        body = "\n\n".join(f"## {words(lang, heading)}" for heading in
                           ("Context", "What was done", "Results and lessons"))
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body.strip() + "\n"


def _yaml(key: str, value: Any) -> str:
    """One field as YAML, as editors write it."""
    if key in ("date", "updated") and isinstance(value, str) and _ISO.match(value):
        return f"{key}: {value}"
    if key in ("themes", "partner_keys") and isinstance(value, list):
        return f"{key}: [{', '.join(value)}]"
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return f"{key}:\n" + "\n".join("  - " + _yaml("x", v)[3:] for v in value)
    dumped = yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=10**9,
                            default_flow_style=False).rstrip("\n")
    if isinstance(value, list):  # list items indented as in the samples
        dumped = "\n".join(line if index == 0 else "  " + line
                           for index, line in enumerate(dumped.split("\n")))
    return dumped


def _report(root: Path, slug: str, lang: str, found: list[Problem], translation: bool,
            body: str) -> int:
    """`check` on the practice just written, and the document's own remarks: what is
    left to fill, at its line, in the editor's language."""
    loaded = load(root, history=False)
    mine = [p for p in loaded.problems
            if p.path == f"practices/{slug}" or p.path.startswith(f"practices/{slug}/")]
    if loaded.content is not None:
        mine += [p for p in translations.warnings(loaded.content, today())
                 if p.path.startswith(f"practices/{slug}/")]
    if not body.strip():
        mine.append(Problem(f"practices/{slug}/{lang}.md", None, _(
            "the document gave no text: write the practice under its headings")))
    taken = {(p.path, p.line) for p in mine}
    mine += [p for p in found if (p.path, p.line) not in taken]
    for line in report.lines(mine):
        print(line)
    if any(p.is_error for p in mine):
        print(_("Written; fill in what is listed above, then run: python3 build_newsletter.py "
                "check"), file=sys.stderr)
        return 1
    if translation:
        print(_("Complete. Once the translation is reviewed: python3 build_newsletter.py "
                "translated {slug}").format(slug=slug), file=sys.stderr)
    else:
        print(_("Complete: the practice passes check."), file=sys.stderr)
    return 0
