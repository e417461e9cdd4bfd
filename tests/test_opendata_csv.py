"""Issue 16: `data/practices.csv` is safe in a spreadsheet of any locale.

French-locale spreadsheets split a comma-separated file on semicolons (their list
separator), and our lists (partners, themes) are joined with semicolons: a partner
written `=cmd|' /C calc'!A0` must not become a formula there, nor anywhere else a
spreadsheet may cut a cell. The site is built for real, from tests/corpus/base and one
practice of hostile texts.
"""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, SITE_URL, run
from newsletter.letters.opendata import CSV_COLUMNS, _cell

ATTACK = "=cmd|' /C calc'!A0"
TRIGGERS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
HOSTILE_FR = f"""---
title: "{ATTACK}"
summary: "Bilan; {ATTACK}, puis +1 école;-20 % de déchets;@SUM(A1)"
collectivity: "{ATTACK}"
partners: [Ville de Suwon, "{ATTACK}", "+33 Ville", '"=HYPERLINK(""http://x"")']
country: FR
population: 1000
themes: [culture]
edition: 2026-s1
date: 2026-01-01
contact:
  name: "{ATTACK}"
  email: culture@example.org
---

Texte.
"""
LOOK_ALIKES_KO = """---
title: "=> 30 % 절감"
summary: "+1 학교, -20 % 폐기물, 3-4월 진행"
collectivity: "-서울특별시"
partners: ["@수원시"]
contact:
  name: "＝국제협력과"
---

본문입니다.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("csv")
    content = folder / "content"
    shutil.copytree(ROOT / "tests" / "corpus" / "base", content)
    practice = content / "practices" / "formules"
    practice.mkdir()
    (practice / "fr.md").write_text(HOSTILE_FR, encoding="utf-8")
    (practice / "ko.md").write_text(LOOK_ALIKES_KO, encoding="utf-8")
    out = folder / "site"
    result = run("build", "--out", str(out), "--site-url", SITE_URL, cwd=content)
    assert result.returncode == 0, result.stderr
    return out / "data"


def _raw(data: Path) -> str:
    raw = (data / "practices.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return raw.decode("utf-8")[1:]


def _dangerous(field: str) -> bool:
    """A field that a spreadsheet could run: a trigger first, whatever spaces, tabs, CRs
    and quotes come before it (some spreadsheets strip them)."""
    return field.lstrip(" \t\r\n\"").startswith(TRIGGERS)


def test_no_field_starts_a_formula_however_a_spreadsheet_splits_the_file(built: Path) -> None:
    text = _raw(built)
    assert ATTACK in text  # the texts are there, only neutralised
    # As French-locale spreadsheets split it: on ";", quotes ignored; and on ",", on tabs.
    for separator in (";", ",", "\t"):
        for line in re.split(r"\r\n|\r|\n", text):
            for field in line.split(separator):
                assert not _dangerous(field), (separator, field, line)
    # The standard way (RFC 4180), then each cell cut wherever a spreadsheet may cut it.
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    for row in rows:
        for cell in row:
            for part in re.split(r"[;,\t\r\n]", cell):
                assert not _dangerous(part), (part, cell)
    issue = next(row for row in csv.DictReader(io.StringIO(text, newline=""))
                 if row["slug"] == "formules" and row["lang"] == "fr")
    assert issue["partners"] == \
        "Ville de Suwon;'=cmd|' /C calc'!A0;'+33 Ville;\"'=HYPERLINK(\"\"http://x\"\")"
    for column in ("title", "collectivity", "contact_name"):
        assert issue[column] == "'" + ATTACK, column


def _as_written(cell: str) -> str:
    """The text back from a cell: the apostrophes that `_cell` adds, removed."""
    return re.sub(r"(^|[,;\t\r\n])([\s\"]*)'(?='*[=+\-@\uff1d\uff0b\uff0d\uff20])", r"\1\2", cell)


def test_look_alikes_read_as_written_with_one_apostrophe(built: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(_raw(built), newline="")))
    document = json.loads((built / "practices.json").read_text(encoding="utf-8"))
    korean = next(row for row in rows if row["slug"] == "formules" and row["lang"] == "ko")
    assert korean["title"] == "'=> 30 % 절감"
    assert korean["summary"] == "'+1 학교, '-20 % 폐기물, 3-4월 진행"  # a hyphen inside stays
    assert korean["collectivity"] == "'-서울특별시" and korean["partners"] == "'@수원시"
    assert korean["contact_name"] == "'＝국제협력과"
    # Nothing but those apostrophes: the JSON holds the texts as written.
    texts = {p["slug"]: p["texts"] for p in document["practices"]}
    for row in rows:
        words = texts[row["slug"]][row["lang"]]
        for column in ("title", "summary", "collectivity"):
            assert _as_written(row[column]) == words[column], (row["slug"], column)
        assert _as_written(row["partners"]) == ";".join(words["partners"])
    ordinary = next(row for row in rows if row["slug"] == "tours-marathon" and row["lang"] == "fr")
    assert ordinary["title"] == "Un marathon numérique" and "'" not in "".join(ordinary.values())


def test_the_file_stays_rfc_4180(built: Path) -> None:
    text = _raw(built)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    assert rows[0] == list(CSV_COLUMNS)
    assert all(len(row) == len(CSV_COLUMNS) for row in rows)
    # Every text quoted (quotes inside doubled), the population a bare number.
    field = r'(?:"(?:[^"]|"")*"|\d+)'
    for line in text.split("\r\n")[:-1]:
        assert re.fullmatch(rf"{field}(?:,{field})*", line), line
    population = CSV_COLUMNS.index("population")
    assert {row[population] for row in rows[1:]} >= {"1000", "137000"}


@pytest.mark.parametrize(("text", "cell"), [
    ("\t=1+1", "\t'=1+1"), ("\r=1+1", "\r'=1+1"), ("a\r\n@x", "a\r\n'@x"),
    ("a;\t-1", "a;\t'-1"), ('a, "+1"', "a, \"'+1\""), ("=a;=b;=c", "'=a;'=b;'=c"),
    ("'=déjà", "''=déjà"), ("x=1; a-b, c+d", "x=1; a-b, c+d"), ("\uff1d1", "'\uff1d1"),
])
def test_tab_and_line_break_variants(text: str, cell: str) -> None:
    """Plain-text fields cannot hold tabs or line breaks today (they are read as spaces):
    the CSV does not count on it."""
    assert _cell(text) == cell and _as_written(cell) == text
    assert _cell(1000) == 1000
