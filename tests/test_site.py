"""End to end: build the sample content and read the HTML back."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from lxml import html

from conftest import SITE_URL, practice_slugs, run

PENDING = "changwon-echanges-numeriques-montpellier"  # Korean original, French pending


def page(site: Path, path: str) -> html.HtmlElement:
    return html.fromstring((site / path / "index.html").read_bytes())


def test_every_practice_has_a_page_in_both_languages(sample_site: Path) -> None:
    for lang in ("fr", "ko"):
        built = sorted(p.name for p in (sample_site / lang / "practices").iterdir() if p.is_dir())
        assert built == practice_slugs()


def test_html_lang_is_the_page_language(sample_site: Path) -> None:
    for lang in ("fr", "ko"):
        for path in (f"{lang}", f"{lang}/practices/tours-marathon-numerique",
                     f"{lang}/editions/2026-s1", f"{lang}/themes/sport"):
            assert page(sample_site, path).get("lang") == lang, path


def test_dates_and_numbers_are_localized(sample_site: Path) -> None:
    fr = page(sample_site, "fr/editions/2026-s1").text_content()
    ko = page(sample_site, "ko/editions/2026-s1").text_content()
    assert "4\u00a0juillet\u00a02026" in fr  # no line break inside a French date
    assert "2026년 7월 4일" in ko
    fr_practice = page(sample_site, "fr/practices/tours-marathon-numerique").text_content()
    assert re.search(r"137[\u202f\u00a0 ]000", fr_practice)
    assert "137,000" in page(sample_site, "ko/practices/tours-marathon-numerique").text_content()


def test_labels_come_from_the_catalogs(sample_site: Path) -> None:
    fr = page(sample_site, "fr/practices/tours-marathon-numerique")
    ko = page(sample_site, "ko/practices/tours-marathon-numerique")
    assert "1er\u00a0semestre 2026" in fr.text_content()  # "er" raised: 1<sup>er</sup>
    assert "2026년 상반기" in ko.text_content()
    fr_terms = [dt.text_content() for dt in fr.cssselect(".nl-facts dt")]
    ko_terms = [dt.text_content() for dt in ko.cssselect(".nl-facts dt")]
    assert "Collectivité" in fr_terms and "Pays" in fr_terms
    assert len(ko_terms) == len(fr_terms) and not set(ko_terms) & set(fr_terms)
    assert all(re.search("[가-힣]", term) for term in ko_terms)
    # Strings of the theme overrides too (mkdocs installs the catalog of theme.locale).
    assert fr.cssselect("#nl-q")[0].get("placeholder") == "Rechercher"
    assert ko.cssselect("#nl-q")[0].get("placeholder") == "검색"


def test_taxonomy_labels_in_each_language(sample_site: Path) -> None:
    assert "Sport" in page(sample_site, "fr/themes/sport").cssselect("h1")[0].text_content()
    assert page(sample_site, "ko/themes/sport").cssselect("h1")[0].text_content() == "체육"
    assert "소도시 (인구 2만 명 미만)" in page(sample_site, "ko/sizes/petite-ville").text_content()


def test_pending_translation_shows_the_original_under_a_notice(sample_site: Path) -> None:
    fr = page(sample_site, f"fr/practices/{PENDING}")
    notice = fr.cssselect(".nl-pending")
    assert notice, "the French page of a Korean practice without translation has a notice"
    assert re.search("[a-zé]", notice[0].text_content()) and not re.search(
        "[가-힣]", notice[0].text_content())
    body = fr.cssselect(".nl-body")[0]
    assert body.get("lang") == "ko" and re.search("[가-힣]", body.text_content())
    assert fr.cssselect("h1")[0].get("lang") == "ko"
    assert not page(sample_site, f"ko/practices/{PENDING}").cssselect(".nl-pending")


def search_index(language_root: Path) -> dict:
    """The search index of a language: a script that sets window.nlSearchIndex."""
    script = (language_root / "search" / "nl-index.js").read_text(encoding="utf-8")
    prefix = "window.nlSearchIndex="
    assert script.startswith(prefix)
    return json.loads(script[len(prefix):].rstrip().rstrip(";"))


def test_language_switcher_leads_to_the_same_page(sample_site: Path) -> None:
    for path in ("fr/practices/tours-marathon-numerique", "fr/editions/2026-s2",
                 "fr/themes/culture", "fr", "ko/sizes/metropole"):
        doc = page(sample_site, path)
        link = doc.cssselect("a.nl-switcher__link")[0]
        other = "ko" if path.startswith("fr") else "fr"
        target = (sample_site / path / link.get("href")).resolve()
        assert target == (sample_site / (other + path[2:]) / "index.html").resolve(), path
        assert target.is_file()


def test_hreflang_alternates_are_reciprocal(sample_site: Path) -> None:
    for slug in practice_slugs():
        for lang, other in (("fr", "ko"), ("ko", "fr")):
            doc = page(sample_site, f"{lang}/practices/{slug}")
            links = {l.get("hreflang"): l.get("href")
                     for l in doc.cssselect('link[rel="alternate"][hreflang]')}
            # Fully qualified (search engines ignore relative ones), x-default the landing page.
            assert links[lang] == f"{SITE_URL}{lang}/practices/{slug}/"
            assert links[other] == f"{SITE_URL}{other}/practices/{slug}/"
            assert links["x-default"] == SITE_URL
            assert doc.cssselect('link[rel="canonical"]')[0].get("href") == links[lang]


def test_korean_headings_keep_hangul_anchors(sample_site: Path) -> None:
    doc = page(sample_site, "ko/practices/tours-marathon-numerique")
    ids = [h.get("id") for h in doc.cssselect(".nl-body h2")]
    assert ids and all(re.search("[가-힣]", i) for i in ids), ids


def test_home_shows_latest_edition_cards_and_archive(sample_site: Path) -> None:
    home = page(sample_site, "fr")
    assert "2e\u00a0semestre 2026" in home.cssselect("h1")[0].text_content()
    cards = home.cssselect(".nl-card")
    assert len(cards) == 5
    card = cards[0].text_content()
    assert card.strip()
    archive = [a.get("href") for a in home.cssselect(".nl-editions a")]
    assert archive == ["editions/2026-s2/index.html", "editions/2026-s1/index.html"]


def test_edition_page_shows_its_practices_in_one_grid_with_their_themes(sample_site: Path) -> None:
    doc = page(sample_site, "fr/editions/2026-s1")
    grids = doc.cssselect(".nl-cards")
    assert len(grids) == 1 and len(grids[0].cssselect(".nl-card")) == 6
    assert any("Sport" in tag.text_content() for tag in doc.cssselect(".nl-card .nl-tag"))


def test_search_index_is_split_per_language_and_normalised(sample_site: Path) -> None:

    for lang, term in (("fr", "energie"), ("ko", "주민")):
        index = search_index(sample_site / lang)
        assert len(index["docs"]) == len(practice_slugs())
        assert term in index["terms"]
        assert all((sample_site / lang / doc[0]).is_file() for doc in index["docs"])
    assert not (sample_site / "fr" / "search" / "search_index.json").exists()
    korean = search_index(sample_site / "ko")
    assert "주민들이" not in korean["terms"] and "소상공인" in korean["terms"]


def test_practice_pages_are_kept_out_of_the_navigation(sample_site: Path) -> None:
    doc = page(sample_site, "fr/practices/tours-marathon-numerique")
    nav_links = [a.get("href") for a in doc.cssselect("nav.md-nav--primary a")]
    assert nav_links and not any("practices/" in href for href in nav_links)


def test_nothing_is_loaded_from_another_host(sample_site: Path) -> None:
    for file in sample_site.rglob("*.html"):
        doc = html.fromstring(file.read_bytes())
        for element in doc.xpath("//script[@src] | //link[@href] | //img[@src] | //iframe"):
            url = element.get("src") or element.get("href") or ""
            if element.tag == "link" and element.get("rel") in ("canonical", "alternate"):
                continue
            assert not re.match(r"(https?:)?//", url), (file, url)
    css = "".join(p.read_text(encoding="utf-8") for p in sample_site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_sitemap_lists_public_pages_with_reciprocal_alternates(sample_site: Path) -> None:
    tree = ET.parse(sample_site / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {u.findtext("s:loc", namespaces=ns): {
        l.get("hreflang"): l.get("href") for l in u.findall("x:link", ns)}
        for u in tree.getroot().findall("s:url", ns)}
    practice = f"{SITE_URL}fr/practices/tours-marathon-numerique/"
    assert entries[practice] == {"fr": practice, "ko": practice.replace("/fr/", "/ko/")}
    assert entries[practice.replace("/fr/", "/ko/")]["fr"] == practice
    for loc in entries:
        path = loc.removeprefix(SITE_URL)
        assert (sample_site / path / "index.html").is_file(), loc
    assert "404" not in " ".join(entries)


def test_the_404_pages_skip_link_has_a_target(sample_site: Path) -> None:
    for lang in ("fr", "ko"):
        doc = html.fromstring((sample_site / lang / "404.html").read_bytes())
        target = doc.cssselect("a.nl-skip")[0].get("href").lstrip("#")
        assert doc.get_element_by_id(target) is not None


def test_landing_page_links_both_languages(sample_site: Path) -> None:
    doc = html.fromstring((sample_site / "index.html").read_bytes())
    hrefs = {a.get("href") for a in doc.cssselect("a")}
    assert {"fr/index.html", "ko/index.html"} <= hrefs
    assert doc.cssselect('[lang="ko"]')
    alternates = {l.get("hreflang"): l.get("href")
                  for l in doc.cssselect('link[rel="alternate"][hreflang]:not([type])')}
    assert alternates == {"fr": f"{SITE_URL}fr/", "ko": f"{SITE_URL}ko/", "x-default": SITE_URL}
    feeds = {(l.get("hreflang"), l.get("type")): l.get("href")
             for l in doc.cssselect('link[rel="alternate"][type]')}
    for lang in ("fr", "ko"):
        assert feeds[(lang, "application/rss+xml")] == f"{lang}/feed.xml"
        assert (sample_site / lang / "feed.xml").is_file()


def test_title_is_escaped_everywhere(content: Path, tmp_path: Path) -> None:
    file = content / "practices" / "tours-marathon-numerique" / "fr.md"
    text = file.read_text(encoding="utf-8")
    file.write_text(re.sub(r"^title: .*$", "title: \"<script>alert(1)</script> & « Tours »\"",
                           text, count=1, flags=re.M), encoding="utf-8")
    out = tmp_path / "site"
    assert run("build", "--out", str(out), cwd=content).returncode == 0
    raw = (out / "fr/practices/tours-marathon-numerique/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; «\u00a0Tours\u00a0»" in raw
    for listing in ("fr/index.html", "fr/themes/sport/index.html"):
        assert "<script>alert(1)" not in (out / listing).read_text(encoding="utf-8")


def _add_draft(content: Path) -> None:
    edition = content / "editions" / "2027-s1"
    edition.mkdir()
    (edition / "fr.md").write_text("---\ntitle: Lettre — 1er semestre 2027\npublished: 2027-01-15\n"
                                    "---\n\nÉdito à venir.\n", encoding="utf-8")
    (edition / "ko.md").write_text("---\ntitle: 뉴스레터 — 2027년 상반기호\n---\n\n곧 발행됩니다.\n",
                                   encoding="utf-8")
    practice = content / "practices" / "lyon-brouillon"
    practice.mkdir()
    (practice / "fr.md").write_text(
        "---\ntitle: Pratique en préparation\nsummary: Pas encore publiée.\n"
        "collectivity: Ville de Lyon\npopulation: 520000\nthemes: [culture]\nedition: 2027-s1\n"
        "date: 2026-10-01\n---\n\nTexte.\n", encoding="utf-8")


def test_drafts_are_absent_without_drafts_and_present_with_it(content: Path, tmp_path: Path) -> None:
    _add_draft(content)
    public, preview = tmp_path / "public", tmp_path / "preview"
    assert run("build", "--out", str(public), cwd=content).returncode == 0
    assert run("build", "--out", str(preview), "--drafts", cwd=content).returncode == 0
    assert not (public / "fr/editions/2027-s1").exists()
    assert not (public / "fr/practices/lyon-brouillon").exists()
    assert "lyon-brouillon" not in (public / "sitemap.xml").read_text(encoding="utf-8")
    assert "2027" not in (public / "fr/index.html").read_text(encoding="utf-8")
    draft = page(preview, "fr/practices/lyon-brouillon")
    assert draft.cssselect(".nl-draft")
    assert page(preview, "fr/editions/2027-s1").cssselect(".nl-draft")
    assert "lyon-brouillon" not in (preview / "sitemap.xml").read_text(encoding="utf-8")
    # The draft does not become the latest edition of the home page.
    assert "2026" in page(preview, "fr").cssselect("h1")[0].text_content()


def test_failed_build_leaves_the_previous_site_untouched(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert run("build", "--out", str(out), cwd=content).returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    file = content / "practices" / "tours-marathon-numerique" / "fr.md"
    file.write_text(file.read_text(encoding="utf-8").replace("themes:", "themse:"), encoding="utf-8")
    result = run("build", "--out", str(out), cwd=content)
    assert result.returncode == 1
    assert "practices/tours-marathon-numerique/fr.md:" in result.stderr
    assert "Traceback" not in result.stderr
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_build_is_byte_identical_twice(content: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert run("build", "--out", str(first), cwd=content).returncode == 0
    assert run("build", "--out", str(second), cwd=content).returncode == 0
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    different = [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []


def test_outdated_translation_shows_a_notice_linking_to_the_original(sample_site: Path) -> None:
    slug = "tours-epicerie-solidaire-mobile"
    korean = page(sample_site, f"ko/practices/{slug}")
    notice = korean.cssselect(".nl-outdated")
    assert notice and "원문이 수정되었습니다" in notice[0].text_content()
    link = notice[0].cssselect("a")[0]
    here = sample_site / "ko" / "practices" / slug
    assert (here / link.get("href")).resolve() == (sample_site / "fr" / "practices" / slug / "index.html").resolve()
    assert not page(sample_site, f"fr/practices/{slug}").cssselect(".nl-outdated")
    assert not page(sample_site, "ko/practices/tours-marathon-numerique").cssselect(".nl-outdated")
