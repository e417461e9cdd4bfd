"""The live preview's incremental builds give what a full build gives."""
from __future__ import annotations

import re
from pathlib import Path

import feedparser
import pytest

from newsletter.preview import Preview


@pytest.fixture
def preview(content: Path, tmp_path: Path):
    out = tmp_path / "preview"
    out.mkdir()
    session = Preview(content, out, "http://127.0.0.1:8000/")
    assert session.update(None)
    yield session
    session.close()


def _edit_title(file: Path, title: str) -> None:
    text = file.read_text(encoding="utf-8")
    file.write_text(re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M),
                    encoding="utf-8")


def test_a_saved_practice_updates_its_pages_listings_and_feeds(preview: Preview, content: Path) -> None:
    out = preview.out
    slug = "tours-marathon-numerique"
    untouched = out / "fr/practices/gumi-solaire-toitures-industrielles/index.html"
    before = untouched.stat().st_mtime_ns
    _edit_title(content / "practices" / slug / "fr.md", "Course connectée de Tours")
    assert preview.update({content / "practices" / slug / "fr.md"})
    assert "Course connectée de Tours" in (out / f"fr/practices/{slug}/index.html").read_text(encoding="utf-8")
    for listing in ("fr/themes/sport", "fr/editions/2026-s1", "fr/practices", "fr/sizes/grande-ville"):
        assert "Course connectée de Tours" in (out / listing / "index.html").read_text(encoding="utf-8"), listing
    entries = feedparser.parse((out / "fr/feed.xml").read_bytes()).entries
    assert "Course connectée de Tours" in [e.title for e in entries]
    assert "Course connectée de Tours" in (out / "fr/search/nl-index.json").read_text(encoding="utf-8")
    assert untouched.stat().st_mtime_ns == before  # not rebuilt: it does not depend on the change


def test_a_practice_moved_to_another_theme_leaves_its_old_listing(preview: Preview, content: Path) -> None:
    file = content / "practices" / "tours-marathon-numerique" / "fr.md"
    file.write_text(file.read_text(encoding="utf-8").replace("themes: [sport, numerique]",
                                                             "themes: [numerique]"), encoding="utf-8")
    assert preview.update({file})
    assert not (preview.out / "fr/themes/sport").exists()  # no practice left in it
    assert "tours-marathon-numerique" in (preview.out / "fr/themes/numerique/index.html").read_text(encoding="utf-8")


def test_errors_keep_the_last_good_preview(preview: Preview, content: Path) -> None:
    page = preview.out / "fr/practices/tours-marathon-numerique/index.html"
    before = page.read_bytes()
    file = content / "practices" / "tours-marathon-numerique" / "fr.md"
    file.write_text(file.read_text(encoding="utf-8").replace("themes:", "themse:"), encoding="utf-8")
    assert not preview.update({file})
    assert page.read_bytes() == before


def test_an_edition_change_rebuilds_everything(preview: Preview, content: Path) -> None:
    file = content / "editions" / "2026-s1" / "fr.md"
    _edit_title(file, "Lettre — printemps 2026")
    assert preview.update({file})
    assert "Lettre — printemps 2026" in (preview.out / "fr/editions/index.html").read_text(encoding="utf-8")
    assert "Lettre — printemps 2026" in (preview.out / "fr/editions/2026-s1/index.html"
                                         ).read_text(encoding="utf-8")


def test_incremental_pages_keep_the_whole_navigation(preview: Preview, content: Path) -> None:
    from lxml import html

    page = preview.out / "fr/practices/tours-marathon-numerique/index.html"

    def navigation() -> list[str]:
        doc = html.fromstring(page.read_bytes())
        return [" ".join(a.text_content().split()) for a in doc.cssselect(".md-nav--primary a")]

    before = navigation()
    file = content / "practices" / "tours-marathon-numerique" / "fr.md"
    _edit_title(file, "Autre titre")
    assert preview.update({file})
    assert "Autre titre" in page.read_text(encoding="utf-8")
    assert navigation() == before and "Proposer une pratique" in before
