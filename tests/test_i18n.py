"""The catalogs: every string of the templates and the code is translated, in both languages."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from newsletter import i18n
from newsletter.commands import report
from newsletter.content import schema
from newsletter.content.model import Problem, Severity

from conftest import ROOT

PLACEHOLDER = re.compile(r"\{[a-z_]+(?::[^}]*)?\}|%\([a-z_]+\)[sd]")


def test_every_extracted_string_is_translated_with_its_placeholders(tmp_path: Path) -> None:
    pot = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run([str(pybabel), "extract", "-F", "babel.cfg", "-k", "N_", "-k", "ngettext:1,2",
                    "--no-location", "--omit-header", "-o", str(pot), "."], cwd=ROOT, check=True,
                   capture_output=True)
    with pot.open("rb") as file:
        wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(file) if m.id}
    assert len(wanted) > 150
    for lang in ("fr", "ko"):
        with (ROOT / "locales" / lang / "LC_MESSAGES" / "messages.po").open("rb") as file:
            catalog = {(m.id if isinstance(m.id, str) else m.id[0]): m for m in read_po(file) if m.id}
        missing = sorted(wanted - catalog.keys())
        assert missing == [], f"{lang}: run `make catalogs`, then translate {missing}"
        for key in wanted:
            message = catalog[key]
            strings = [message.string] if isinstance(message.string, str) else list(message.string)
            assert all(strings), f"{lang}: not translated: {key!r}"
            ids = [message.id] if isinstance(message.id, str) else list(message.id)
            expected = set(PLACEHOLDER.findall(ids[-1]))
            for string in strings:
                assert set(PLACEHOLDER.findall(string)) == expected, (lang, key, string)


MATERIAL_LANGUAGES = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages"
_ENTRY = re.compile(r'^\s*"([a-z.]+)": "(.*)",?$', re.M)


def _material_strings(lang: str) -> dict[str, str]:
    return dict(_ENTRY.findall((MATERIAL_LANGUAGES / f"{lang}.html").read_text(encoding="utf-8")))


def _english_patterns(lang: str) -> list[re.Pattern[str]]:
    """Every English interface string that has a translation in `lang`: ours (the
    catalog's msgids) and Material's, as patterns (placeholders match anything)."""
    with (ROOT / "locales" / lang / "LC_MESSAGES" / "messages.po").open("rb") as file:
        messages = [m for m in read_po(file) if m.id]
    english = {m.id if isinstance(m.id, str) else m.id[0] for m in messages
               if (m.string if isinstance(m.string, str) else m.string[0])
               != (m.id if isinstance(m.id, str) else m.id[0])}
    theirs = _material_strings(lang)
    english |= {value for key, value in _material_strings("en").items()
                if theirs.get(key, value) != value and "#" not in value}
    return [re.compile(PLACEHOLDER.sub(".+", re.escape(text).replace(r"\{", "{").replace(r"\}", "}")
                                       .replace(r"\(", "(").replace(r"\)", ")")) + r"\Z")
            for text in english if re.search(r"[A-Za-z]{3}", text)]


def test_built_pages_hold_no_english_interface_string(sample_site: Path) -> None:
    from lxml import html as lxml_html

    for lang in ("fr", "ko"):
        patterns = _english_patterns(lang)
        found = []
        for page in sorted((sample_site / lang).rglob("*.html")):
            doc = lxml_html.fromstring(page.read_bytes())
            texts = [t.strip() for t in doc.xpath("//body//text()[not(ancestor::script)]")
                     if t.strip()]
            texts += [value.strip() for attribute in ("title", "aria-label", "alt", "placeholder",
                                                       "data-none", "data-one", "data-many")
                      for value in doc.xpath(f"//@{attribute}")]
            texts.append(doc.findtext(".//title") or "")
            found += [(page.relative_to(sample_site).as_posix(), text) for text in set(texts)
                      if any(pattern.match(text) for pattern in patterns)]
        assert found == [], f"{lang}: English left in built pages: {found[:20]}"
    korean = " ".join(page.read_text(encoding="utf-8") for page in (sample_site / "ko").rglob("*.html"))
    for word in ("네비게이션", "상단/헤더", "하단/푸터", "신재생에너지", "Permanent link"):
        assert word not in korean, word


@pytest.mark.parametrize(("lang", "counts", "expected"), [
    ("fr", (1, 0), "1 erreur, 0 avertissement."),
    ("fr", (2, 3), "2 erreurs, 3 avertissements."),
    ("ko", (1, 0), "오류 1건, 경고 0건."),
    ("ko", (2, 3), "오류 2건, 경고 3건."),
])
def test_the_check_summary_agrees_with_its_counts(monkeypatch: pytest.MonkeyPatch, lang: str,
                                                  counts: tuple[int, int], expected: str) -> None:
    monkeypatch.setattr(i18n, "_messages", i18n.catalog(lang))
    errors, warnings = counts
    problems = [Problem("practices/a/fr.md", 1, "x")] * errors + \
        [Problem("practices/a/fr.md", 2, "y", Severity.WARNING)] * warnings
    assert report.summary(problems) == expected


@pytest.mark.parametrize("lang", ["fr", "ko"])
def test_values_in_messages_are_quoted_like_the_field_names_beside_them(
        monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    monkeypatch.setattr(i18n, "_messages", i18n.catalog(lang))
    message = i18n._("\"{field}\": {value} is not valid ({reason}); write {hint}").format(
        field="date", value=schema.describe("14/11/2020"), reason="x", hint="y")
    assert '"date"' in message and '"14/11/2020"' in message
