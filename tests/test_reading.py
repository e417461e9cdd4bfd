"""Reading content files: decoding, normalisation and front matter (newsletter.content.reading)."""
from __future__ import annotations

import gettext
import unicodedata
from pathlib import Path

import pytest

import newsletter.i18n
from newsletter.content.model import Problem
from newsletter.content.reading import Document, read_document


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages are the English msgids, whatever the catalogs hold today."""
    monkeypatch.setattr(newsletter.i18n, "_messages", gettext.NullTranslations())


def read(tmp_path: Path, content: str | bytes) -> tuple[Document | None, list[Problem]]:
    """Write `content` to a file (str as UTF-8, bytes as they are) and read it back."""
    file = tmp_path / "fr.md"
    file.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return read_document(file, "practices/x/fr.md")


def read_ok(tmp_path: Path, content: str | bytes) -> Document:
    document, problems = read(tmp_path, content)
    assert problems == []
    assert document is not None
    return document


def only_problem(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    assert problems[0].path == "practices/x/fr.md"
    assert problems[0].is_error
    return problems[0]


SIMPLE = "---\ntitle: Un marathon\nsummary: Court.\n---\n\nLe corps.\n"


# -- decoding ----------------------------------------------------------------------

def test_byte_order_mark_is_accepted_and_dropped(tmp_path: Path) -> None:
    document = read_ok(tmp_path, b"\xef\xbb\xbf" + SIMPLE.encode("utf-8"))
    assert document.fields == {"title": "Un marathon", "summary": "Court."}
    assert "\ufeff" not in document.body
    assert document.lines[("title",)] == 2


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_windows_line_endings_are_accepted(tmp_path: Path, newline: str) -> None:
    document = read_ok(tmp_path, SIMPLE.replace("\n", newline))
    assert document.fields == {"title": "Un marathon", "summary": "Court."}
    assert "\r" not in document.body
    assert document.body == "\nLe corps.\n"
    assert document.body_line == 5
    assert document.line_of(("summary",)) == 3


def test_bom_and_crlf_together_keep_the_lines_right(tmp_path: Path) -> None:
    text = "---\r\ntitle: Un marathon\r\ntitle: Deux\r\n---\r\n"
    document, problems = read(tmp_path, b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert document is not None
    assert only_problem(problems).line == 3


def test_decomposed_hangul_is_normalised_to_nfc(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "서울")
    assert decomposed != "서울"  # the test would prove nothing otherwise
    document = read_ok(tmp_path, f"---\ntitle: {decomposed} 마라톤\n---\n{decomposed}\n")
    assert document.fields["title"] == "서울 마라톤"
    assert unicodedata.is_normalized("NFC", document.fields["title"])
    assert document.body == "서울\n"


def test_decomposed_french_accent_is_normalised(tmp_path: Path) -> None:
    document = read_ok(tmp_path, "---\ntitle: " + unicodedata.normalize("NFD", "Épicerie") + "\n---\n")
    assert document.fields["title"] == "Épicerie"
    assert len(document.fields["title"]) == 8


def test_non_utf8_file_is_one_problem_naming_the_line(tmp_path: Path) -> None:
    latin1 = "---\ntitle: Un marathon\ncollectivity: Ville de Séné\n---\n".encode("latin-1")
    document, problems = read(tmp_path, latin1)
    assert document is None
    problem = only_problem(problems)
    assert problem.line == 3
    assert "UTF-8" in problem.message
    assert "save it again" in problem.message
    assert "0xe9" in problem.message


def test_utf16_file_is_reported_as_not_utf8(tmp_path: Path) -> None:
    document, problems = read(tmp_path, SIMPLE.encode("utf-16"))
    assert document is None
    problem = only_problem(problems)
    assert problem.line == 1
    assert "not in UTF-8" in problem.message


# -- the front matter fences ---------------------------------------------------------

@pytest.mark.parametrize("content", ["", "\n\n  \n"], ids=["empty", "blank"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    document, problems = read(tmp_path, content)
    assert document is None
    problem = only_problem(problems)
    assert problem.line is None
    assert "the file is empty" in problem.message
    assert '"---"' in problem.message


def test_file_without_opening_fence(tmp_path: Path) -> None:
    document, problems = read(tmp_path, "title: Un marathon\n---\nbody\n")
    assert document is None
    problem = only_problem(problems)
    assert problem.line == 1
    assert 'must start with a line "---"' in problem.message


def test_unclosed_front_matter(tmp_path: Path) -> None:
    document, problems = read(tmp_path, "---\ntitle: Un marathon\nsummary: Court.\n\nLe corps.\n")
    assert document is None
    problem = only_problem(problems)
    assert problem.line == 1
    assert "never closed" in problem.message
    assert '"---"' in problem.message


def test_empty_front_matter_is_an_empty_mapping(tmp_path: Path) -> None:
    document = read_ok(tmp_path, "---\n---\nbody\n")
    assert document.fields == {}
    assert document.body == "body\n"
    assert document.body_line == 3


def test_body_and_its_first_line(tmp_path: Path) -> None:
    document = read_ok(tmp_path, SIMPLE)
    assert document.body == "\nLe corps.\n"
    # line 4 is the closing fence; the body starts right after it
    assert document.body_line == 5


@pytest.mark.parametrize(("front", "kind"), [
    ("- title\n- summary\n", "a list"),
    ("Un marathon numérique\n", "a single value"),
], ids=["list", "scalar"])
def test_front_matter_that_is_not_a_mapping(tmp_path: Path, front: str, kind: str) -> None:
    document, problems = read(tmp_path, f"---\n{front}---\nbody\n")
    assert document is None
    problem = only_problem(problems)
    assert problem.line == 2
    assert f"the front matter is {kind}" in problem.message
    assert "`name: value`" in problem.message


@pytest.mark.parametrize("bad_line, says", [
    ("collectivity: Ville: de Tours", 'put the whole value in quotes: collectivity: "Ville: de Tours"'),
    ("\tcollectivity: Ville de Tours", "a tab is used to indent this line"),
    ('collectivity: "Ville de Tours', "a quote or a bracket opened on this line is never closed"),
    ("themes: [sport, numerique", "a list written [a, b] on this line is not closed properly"),
    ("title: @Tours", "put the whole value in quotes"),
], ids=["colon", "tab", "unclosed-quote", "unclosed-list", "special-start"])
def test_yaml_error_is_reported_at_its_line_in_the_file(tmp_path: Path, bad_line: str,
                                                       says: str) -> None:
    # file line 4 is the third line of the front matter block
    text = f"---\ntitle: Un marathon\nsummary: Court.\n{bad_line}\n---\nbody\n"
    document, problems = read(tmp_path, text)
    assert document is None
    problem = only_problem(problems)
    assert problem.line == 4
    assert says in problem.message
    assert "mapping values" not in problem.message and "token" not in problem.message


def test_yaml_error_deeper_in_the_file(tmp_path: Path) -> None:
    text = "---\ntitle: a\nsummary: b\ncollectivity: c\ncontact:\n  name: x\n  email: a: b\n---\n"
    document, problems = read(tmp_path, text)
    assert only_problem(problems).line == 7


# -- keys and values -----------------------------------------------------------------

def test_duplicate_key_is_reported_at_the_second_one(tmp_path: Path) -> None:
    text = "---\ntitle: Un marathon\nsummary: Court.\ntitle: Un autre titre\n---\n"
    document, problems = read(tmp_path, text)
    problem = only_problem(problems)
    assert problem.line == 4
    assert '"title" is given twice' in problem.message
    assert "first on line 2" in problem.message
    # the first value is kept, not silently overwritten by the second
    assert document is not None and document.fields["title"] == "Un marathon"


def test_duplicate_nested_key_names_the_full_field(tmp_path: Path) -> None:
    text = "---\ncontact:\n  email: a@example.org\n  name: x\n  email: b@example.org\n---\n"
    _, problems = read(tmp_path, text)
    problem = only_problem(problems)
    assert problem.line == 5
    assert '"contact.email" is given twice (first on line 3)' in problem.message


@pytest.mark.parametrize(("line", "key", "expected"), [
    ("country: NO", "country", "NO"),
    ("population: 0123", "population", "0123"),
    ("flag: on", "flag", "on"),
    ("flag: yes", "flag", "yes"),
    ("flag: off", "flag", "off"),
    ("flag: no", "flag", "no"),
    ("population: 1.5e3", "population", "1.5e3"),
    ("date: 2020-05-10", "date", "2020-05-10"),
    ("title: 12:30", "title", "12:30"),
])
def test_scalars_stay_strings(tmp_path: Path, line: str, key: str, expected: str) -> None:
    document = read_ok(tmp_path, f"---\n{line}\n---\n")
    assert document.fields[key] == expected
    assert type(document.fields[key]) is str


def test_nested_scalars_stay_strings(tmp_path: Path) -> None:
    document = read_ok(tmp_path, "---\nthemes: [yes, 2020]\ncontact: {name: NO}\n---\n")
    assert document.fields == {"themes": ["yes", "2020"], "contact": {"name": "NO"}}


@pytest.mark.parametrize("value", ["", " ~", " null"])
def test_empty_values_are_none(tmp_path: Path, value: str) -> None:
    document = read_ok(tmp_path, f"---\ntitle:{value}\n---\n")
    assert document.fields == {"title": None}


def test_quoted_null_is_a_string(tmp_path: Path) -> None:
    document = read_ok(tmp_path, '---\ntitle: "null"\n---\n')
    assert document.fields["title"] == "null"


# -- control characters --------------------------------------------------------------

def test_control_character_in_body_is_reported_with_its_line(tmp_path: Path) -> None:
    document, problems = read(tmp_path, "---\ntitle: Un marathon\n---\n\nLigne\x0b coupée.\n")
    problem = only_problem(problems)
    assert problem.line == 5
    assert "U+000B" in problem.message
    assert "column 6" in problem.message
    assert document is not None


def test_control_character_in_front_matter_is_reported_with_its_line(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "---\ntitle: Un\x0bmarathon\n---\n")
    assert any(p.line == 2 and "U+000B" in p.message for p in problems), problems


def test_control_character_in_front_matter_is_reported_once(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "---\ntitle: Un\x0bmarathon\n---\n")
    problem = only_problem(problems)
    assert problem.line == 2
    assert "U+000B" in problem.message


def test_line_separator_does_not_shift_the_lines_of_later_fields(tmp_path: Path) -> None:
    text = '---\ntitle: "Un\u2028marathon"\nsummary: a\nsummary: b\n---\n'
    document, problems = read(tmp_path, text)
    assert document is not None
    assert document.line_of(("summary",)) == 3
    assert any(p.line == 2 and "U+2028" in p.message for p in problems)
    duplicate = [p for p in problems if "twice" in p.message]
    assert len(duplicate) == 1 and duplicate[0].line == 4, problems


# -- Document.line_of ----------------------------------------------------------------

NESTED = """\
---
title: Un marathon
themes:
  - sport
  - numerique
contact:
  name: Direction des sports
  email: sports@example.org
links:
  - title: Compte rendu
    url: https://example.org/a
  - title: Photos
    url: https://example.org/b
---
"""


@pytest.mark.parametrize(("location", "line"), [
    (("title",), 2),
    (("themes",), 3),
    (("themes", 0), 4),
    (("themes", 1), 5),
    (("contact",), 6),
    (("contact", "email"), 8),
    (("links", 0), 10),
    (("links", 0, "url"), 11),
    (("links", 1, "title"), 12),
    (("links", 1, "url"), 13),
])
def test_line_of_nested_paths(tmp_path: Path, location: tuple, line: int) -> None:
    assert read_ok(tmp_path, NESTED).line_of(location) == line


def test_line_of_falls_back_to_the_enclosing_field(tmp_path: Path) -> None:
    document = read_ok(tmp_path, NESTED)
    assert document.line_of(("contact", "url")) == 6       # absent: the line of contact
    assert document.line_of(("links", 0, "missing")) == 10  # absent: the line of the item
    assert document.line_of(("summary",)) is None           # nothing encloses it


def test_next_line_character_is_reported_as_invisible_at_its_line(tmp_path: Path) -> None:
    text = "---\ntitle: Un\x85marathon\nsummary: a\nsummary: b\n---\n"
    document, problems = read(tmp_path, text)
    assert document is not None, problems
    assert document.line_of(("summary",)) == 3
    assert any(p.line == 2 and "U+0085" in p.message for p in problems), problems
    duplicate = [p for p in problems if "twice" in p.message]
    assert len(duplicate) == 1 and duplicate[0].line == 4, problems
