"""Feeds, read back by feedparser (a real reader's parser) and checked against RFC 4287."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from lxml import etree, html

from conftest import SITE_URL, run
from test_site import PENDING, _add_draft

SCHEMA = Path(__file__).parent / "schemas" / "atom.rng"
THEME_LABELS = {"fr": "Sport", "ko": "체육"}


def feeds_of(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.xml") if p.name in ("feed.xml", "atom.xml"))


def parse(path: Path) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, (path, parsed.get("bozo_exception"))
    return parsed


def page_of(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    return site / urlsplit(url).path.lstrip("/") / "index.html"


def test_the_contract_feeds_exist(sample_site: Path) -> None:
    for lang in ("fr", "ko"):
        for name in ("feed.xml", "atom.xml", "editions/feed.xml", "themes/sport/feed.xml",
                     "themes/energies-renouvelables/feed.xml"):
            assert (sample_site / lang / name).is_file(), f"{lang}/{name}"


def test_every_feed_parses_without_error_and_links_to_real_pages(sample_site: Path) -> None:
    for path in feeds_of(sample_site):
        parsed = parse(path)
        lang = path.relative_to(sample_site).parts[0]
        assert parsed.feed.language == lang
        assert page_of(sample_site, parsed.feed.link).is_file()
        assert parsed.entries, path
        for entry in parsed.entries:
            assert page_of(sample_site, entry.link).is_file(), entry.link
            content = entry.content[0].value if "content" in entry else ""
            for url in re.findall(r'(?:href|src)="([^"]+)"', content):
                assert re.match(r"(https?:|mailto:)", url), (path, url)


def test_language_feeds_hold_each_readable_practice_once_newest_edition_first(sample_site: Path) -> None:
    for lang in ("fr", "ko"):
        rss = parse(sample_site / lang / "feed.xml")
        atom = parse(sample_site / lang / "atom.xml")
        links = [e.link for e in rss.entries]
        assert links == [e.link for e in atom.entries]
        assert len(links) == len(set(links))
        expected = 11 if lang == "ko" else 10  # the French translation of one is pending
        assert len(links) == expected
        ids = [e.id for e in rss.entries]
        assert len(set(ids)) == len(ids)
        published = [e.published_parsed for e in rss.entries]
        assert published == sorted(published, reverse=True)
        assert published[0][:3] == (2026, 11, 20)
    assert PENDING not in (sample_site / "fr" / "feed.xml").read_text(encoding="utf-8")
    assert PENDING in (sample_site / "ko" / "feed.xml").read_text(encoding="utf-8")


def test_items_carry_summary_full_body_categories_author_and_dates(sample_site: Path) -> None:
    for lang in ("fr", "ko"):
        for name in ("feed.xml", "atom.xml"):
            parsed = parse(sample_site / lang / name)
            entry = next(e for e in parsed.entries if "tours-marathon-numerique" in e.link)
            assert entry.summary and "<" not in entry.summary
            body = entry.content[0].value
            assert "<h2" in body and len(body) > 1000
            terms = {t.get("label") or t.term for t in entry.tags}
            assert THEME_LABELS[lang] in terms
            assert entry.author
            assert entry.published_parsed[:3] == (2026, 7, 4)
            assert entry.id.startswith("tag:") and "tours-marathon-numerique" in entry.id


def test_rss_guid_is_not_a_permalink_and_channel_points_at_the_site(sample_site: Path) -> None:
    raw = (sample_site / "fr" / "feed.xml").read_text(encoding="utf-8")
    assert re.search(r'<guid isPermaLink="false">tag:', raw)
    tree = etree.fromstring(raw.encode())
    assert tree.findtext("channel/link") == f"{SITE_URL}fr/"
    self_link = tree.find("channel/{http://www.w3.org/2005/Atom}link")
    assert self_link.get("rel") == "self" and self_link.get("href") == f"{SITE_URL}fr/feed.xml"
    assert re.search(r"<lastBuildDate>\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0000</lastBuildDate>", raw)


def test_atom_feeds_are_valid_rfc_4287(sample_site: Path) -> None:
    schema = etree.RelaxNG(etree.parse(str(SCHEMA)))
    for lang in ("fr", "ko"):
        document = etree.parse(str(sample_site / lang / "atom.xml"))
        assert schema.validate(document), schema.error_log
        root = document.getroot()
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        assert root.find("{http://www.w3.org/2005/Atom}author") is not None
        updated = root.findtext("{http://www.w3.org/2005/Atom}updated")
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d([+-]\d\d:\d\d|Z)", updated)


def test_theme_feed_holds_only_that_theme(sample_site: Path) -> None:
    for lang in ("fr", "ko"):
        parsed = parse(sample_site / lang / "themes" / "cooperation" / "feed.xml")
        assert parsed.entries
        label = "Coopération décentralisée" if lang == "fr" else "국제교류·협력"
        for entry in parsed.entries:
            assert label in {t.get("label") or t.term for t in entry.tags}


def test_edition_feed_has_one_item_per_edition_with_every_practice(sample_site: Path) -> None:
    for lang in ("fr", "ko"):
        parsed = parse(sample_site / lang / "editions" / "feed.xml")
        assert [e.link for e in parsed.entries] == [
            f"{SITE_URL}{lang}/editions/2026-s2/", f"{SITE_URL}{lang}/editions/2026-s1/"]
        for entry in parsed.entries:
            edition_page = html.fromstring(page_of(sample_site, entry.link).read_bytes())
            practices = {a.get("href").split("/")[-2]
                         for a in edition_page.cssselect(".nl-card__title a")}
            body = entry.content[0].value if "content" in entry else entry.description
            assert practices and all(f"practices/{slug}/" in body for slug in practices)


def test_feeds_are_discoverable_and_subscribe_links_are_visible(sample_site: Path) -> None:
    for path, extra in (("fr", None), ("ko/themes/sport", "feed.xml"), ("fr/editions/2026-s1", None)):
        doc = html.fromstring((sample_site / path / "index.html").read_bytes())
        types = [l.get("type") for l in doc.cssselect('link[rel="alternate"][type]')]
        assert "application/rss+xml" in types and "application/atom+xml" in types
        for link in doc.cssselect('link[rel="alternate"][type]'):
            assert (sample_site / path / link.get("href")).resolve().is_file()
        subscribe = doc.cssselect(".nl-subscribe a")  # to the page that explains the feeds
        assert subscribe and (sample_site / path / subscribe[0].get("href").split("#")[0]).is_file()
        if extra:
            assert extra in [l.get("href") for l in doc.cssselect('link[rel="alternate"][type]')]
    doc = html.fromstring((sample_site / "ko" / "index.html").read_bytes())
    assert doc.cssselect(".nl-subscribe a")[0].text_content() == "구독"


def _build(content: Path, out: Path, *extra: str) -> None:
    result = run("build", "--out", str(out), *extra, cwd=content)
    assert result.returncode == 0, result.stderr


def _ids_and_updated(site: Path, slug: str) -> dict[str, tuple[str, str]]:
    found = {}
    for lang in ("fr", "ko"):
        entry = next(e for e in parse(site / lang / "atom.xml").entries if slug in e.link)
        found[lang] = (entry.id, entry.updated)
    return found


def test_ids_survive_edits_and_a_new_site_url_while_updated_moves(content: Path, tmp_path: Path) -> None:
    slug = "tours-marathon-numerique"
    _build(content, tmp_path / "before")
    before = _ids_and_updated(tmp_path / "before", slug)
    for name in ("fr.md", "ko.md"):
        file = content / "practices" / slug / name
        text = file.read_text(encoding="utf-8")
        text = re.sub(r"^title: .*$", "title: Nouveau titre / 새 제목", text, count=1, flags=re.M)
        if name == "fr.md":  # the original: outside git, its `updated` field dates the change
            text = re.sub(r"^(date: .*)$", r"\1\nupdated: 2026-11-27", text, count=1, flags=re.M)
        file.write_text(text + "\nUn paragraphe ajouté.\n", encoding="utf-8")
    _build(content, tmp_path / "after")
    _build(content, tmp_path / "moved", "--site-url", "https://autre.example.net/lettre/")
    after = _ids_and_updated(tmp_path / "after", slug)
    moved = _ids_and_updated(tmp_path / "moved", slug)
    for lang in ("fr", "ko"):
        assert after[lang][0] == before[lang][0] == moved[lang][0]
        assert after[lang][1] > before[lang][1]
    entry = next(e for e in parse(tmp_path / "moved" / "fr" / "feed.xml").entries if slug in e.link)
    assert entry.link == f"https://autre.example.net/lettre/fr/practices/{slug}/"


def test_a_script_in_a_title_is_escaped_in_every_feed(content: Path, tmp_path: Path) -> None:
    file = content / "practices" / "tours-marathon-numerique" / "fr.md"
    file.write_text(re.sub(r"^title: .*$", 'title: "<script>alert(1)</script> Marathon"',
                           file.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8")
    _build(content, tmp_path / "site")
    checked = 0
    for path in feeds_of(tmp_path / "site"):
        raw = path.read_text(encoding="utf-8")
        assert "<script>" not in raw, path
        if "Marathon" in raw and path.parts[-3:-1] != ("ko", "themes"):
            titles = [e.title for e in parse(path).entries]
            if path.relative_to(tmp_path / "site").parts[0] == "fr" and "editions" not in path.parts:
                assert "<script>alert(1)</script> Marathon" in titles
                checked += 1
    assert checked >= 3


def test_drafts_never_in_public_feeds_and_marked_in_preview(content: Path, tmp_path: Path) -> None:
    _add_draft(content)
    _build(content, tmp_path / "public")
    _build(content, tmp_path / "preview", "--drafts")
    for path in feeds_of(tmp_path / "public"):
        raw = path.read_text(encoding="utf-8")
        assert "lyon-brouillon" not in raw and "2027-s1" not in raw, path
    entries = parse(tmp_path / "preview" / "fr" / "feed.xml").entries
    draft = next(e for e in entries if "lyon-brouillon" in e.link)
    assert draft.title.startswith("[Brouillon]")


@pytest.mark.parametrize("lang", ["fr", "ko"])
def test_feeds_hold_the_last_two_editions_and_at_least_fifty_items(content: Path, tmp_path: Path,
                                                                    lang: str) -> None:
    # 60 more practices in an older edition: the feed keeps 50 items, all of the last two editions.
    edition = content / "editions" / "2025-s2"
    edition.mkdir()
    for code in ("fr", "ko"):
        (edition / f"{code}.md").write_text(
            f"---\ntitle: Ancien numéro {code}\npublished: 2025-12-15\n---\n\nÉdito.\n",
            encoding="utf-8")
    for index in range(60):
        folder = content / "practices" / f"ancienne-{index:02d}"
        folder.mkdir()
        (folder / "fr.md").write_text(
            f"---\ntitle: Pratique {index}\nsummary: Résumé.\ncollectivity: Ville {index}\n"
            f"population: 5000\nthemes: [sport]\nedition: 2025-s2\ndate: 2020-01-{index % 28 + 1:02d}\n"
            "---\n\nTexte.\n", encoding="utf-8")
        (folder / "ko.md").write_text(
            f"---\ntitle: 사례 {index}\nsummary: 요약.\ncollectivity: 도시 {index}\n---\n\n본문.\n",
            encoding="utf-8")
    _build(content, tmp_path / "site")
    entries = parse(tmp_path / "site" / lang / "feed.xml").entries
    assert len(entries) == 50
    recent = sum(1 for e in entries if e.published_parsed[:2] in ((2026, 7), (2026, 11)))
    assert recent == (11 if lang == "ko" else 10)
