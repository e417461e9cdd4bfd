"""French typography (`content.typography`) as readers meet it: in the site's pages and the
e-mails, the text between tags gets its no-break spaces and raised ordinals, while code,
addresses and attributes stay as written; Korean pages are left as they are."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsletter.content.typography import NBSP, NNBSP, french, french_html

SEOCHO = "practices/seocho-film-antibacterien-paris-15/index.html"


@pytest.mark.parametrize("text, typeset", [
    ("Pourquoi ? Parce que ; enfin !", f"Pourquoi{NNBSP}? Parce que{NNBSP}; enfin{NNBSP}!"),
    ("Bilan : 137 000 habitants, 30 %", f"Bilan{NBSP}: 137{NNBSP}000 habitants, 30{NNBSP}%"),
    ("« Séoul »", f"«{NBSP}Séoul{NBSP}»"),
    ("le 15 juin 2027", f"le 15{NBSP}juin{NBSP}2027"),
    ("https://example.org/?a=1;b=2", "https://example.org/?a=1;b=2"),
])
def test_french_spaces(text: str, typeset: str) -> None:
    assert french(text) == typeset


def test_html_text_is_typeset_and_the_rest_kept() -> None:
    html = ('<title>Le 15e arrondissement : bilan</title><p title="a : b">Le 1er prix ; '
            '<code>a ; b</code> <a href="x?y=1 ;">lien</a></p><pre>x ?</pre>'
            '<svg><text>2e semestre</text></svg>')
    assert french_html(html) == (
        f'<title>Le 15e{NBSP}arrondissement{NBSP}: bilan</title><p title="a : b">'
        f'Le 1<sup>er</sup>{NBSP}prix{NNBSP}; <code>a ; b</code> <a href="x?y=1 ;">lien</a>'
        f'</p><pre>x ?</pre><svg><text>2e{NBSP}semestre</text></svg>')


def test_the_sanitiser_s_no_break_space_entities_count_as_spaces() -> None:
    assert french_html("<p>«&nbsp;drive&nbsp;» ; 2&nbsp;300 coureurs, 30&#160;%&nbsp;!</p>") == \
        f"<p>«{NBSP}drive{NBSP}»{NNBSP}; 2{NNBSP}300 coureurs, 30{NNBSP}%{NNBSP}!</p>"


def test_french_pages_raise_ordinals_and_korean_pages_do_not(sample_site: Path) -> None:
    french_page = (sample_site / "fr" / SEOCHO).read_text(encoding="utf-8")
    assert "15<sup>e</sup>" in french_page
    assert f"<title>Seocho envoie des films antibactériens à la mairie du 15e{NBSP}" in french_page
    assert "<sup>" not in (sample_site / "ko" / SEOCHO).read_text(encoding="utf-8")
    for page in (sample_site / "fr").rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(rf"(&nbsp;|{NBSP})[;!?]|«(&nbsp;|{NBSP}){{2}}", text), page
    stats = (sample_site / "fr" / "stats" / "index.html").read_text(encoding="utf-8")
    assert f"semestre 2026{NBSP}: " in stats


def test_the_french_email_is_typeset_in_both_versions(sample_site: Path) -> None:
    html = (sample_site / "fr" / "editions" / "2026-s1" / "email.html").read_text(
        encoding="utf-8")
    text = (sample_site / "fr" / "editions" / "2026-s1" / "email.txt").read_text(
        encoding="utf-8")
    assert "1<sup style=\"line-height:0\">er</sup>" in html
    assert f"{NBSP}: http" in text
    assert " : " not in text and " ; " not in text


def test_french_feeds_are_typeset(sample_site: Path) -> None:
    import feedparser

    titles = [entry.title for entry in
              feedparser.parse((sample_site / "fr" / "feed.xml").read_bytes()).entries]
    assert titles and not any(" : " in title or " ?" in title for title in titles), titles
    assert any(f"{NBSP}: " in title for title in titles), titles
