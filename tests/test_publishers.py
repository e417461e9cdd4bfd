"""Who publishes the letter (issue 19): federation.yml, the about page of each language,
the footer of every page, the landing page, the feeds; each side's readers write to their
side's office."""
from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import pytest
from lxml import html

from conftest import SAMPLE, run

PUBLISHERS = {"fr": ["Cités Unies France (CUF) – groupe-pays Corée",
                     "Association des gouverneurs de Corée (GAOK)"],
              "ko": ["프랑스 지방정부연합(CUF) 한국 국가그룹", "대한민국시도지사협의회(GAOK)"]}
OFFICE_EMAIL = {"fr": "groupe-coree@cites-unies-france.example.org",
                "ko": "international@gaok.example.org"}


def _page(site: Path, path: str) -> html.HtmlElement:
    return html.fromstring((site / path).read_bytes())


@pytest.mark.parametrize("lang", ["fr", "ko"])
def test_the_about_page_names_who_publishes_and_whom_to_write_to(sample_site: Path,
                                                                  lang: str) -> None:
    page = _page(sample_site, f"{lang}/about/index.html")
    text = page.text_content()
    for name in PUBLISHERS[lang]:
        assert name in text
    assert "9 rue Christiani, 75018 Paris, France" in text
    assert ("Direction de la publication" if lang == "fr" else "발행인") in text
    assert "GitHub Pages (GitHub, Inc.)" in text
    assert f"mailto:{OFFICE_EMAIL[lang]}" in [a.get("href") for a in page.iter("a")]
    licences = [a.get("href") for a in page.cssselect("#nl-licence ~ ul a")]
    assert "https://www.etalab.gouv.fr/licence-ouverte-open-licence/" in licences
    assert ("7\u00a0décembre\u00a02026" if lang == "fr" else "2026년 12월 7일") in text  # reviewed on
    assert ("cookie" if lang == "fr" else "쿠키") in text
    phone = "+33 1 23 45 67 89".replace(" ", "\u00a0")  # never cut across lines
    assert ("Téléphone\u00a0: " if lang == "fr" else "전화: ") + phone in text
    authority = "https://www.cnil.fr/" if lang == "fr" else "https://www.pipc.go.kr/"
    assert authority in [a.get("href") for a in page.cssselect("#nl-personal-data ~ p a")]
    assert "GitHub Pages (GitHub, Inc.)" in page.cssselect("#nl-personal-data ~ p")[1].text_content()
    headings = [h.get("id") for h in page.iter("h2")]
    assert headings == ["nl-publishers", "nl-contact", "nl-licence", "nl-accessibility",
                        "nl-personal-data"]


def test_every_page_links_the_about_page_and_names_the_publishers(sample_site: Path) -> None:
    pages = [p for p in sample_site.rglob("*.html")
             if p.parent != sample_site and "email" not in p.name]
    assert len(pages) > 60
    for path in pages:
        page = html.fromstring(path.read_bytes())
        footer = page.cssselect("footer.nl-footer")
        assert footer, path
        lang = path.relative_to(sample_site).parts[0]
        assert PUBLISHERS[lang][1] in footer[0].text_content(), path
        about = [a.get("href") for a in footer[0].iter("a")][-1]
        if path.name == "404.html":  # served at any address: absolute
            assert about == f"https://lettre.example.org/{lang}/about/index.html", about
            continue
        assert (path.parent / about).resolve() == (sample_site / lang / "about" / "index.html").resolve(), path


def test_the_landing_page_names_the_publishers_in_both_languages(sample_site: Path) -> None:
    text = (sample_site / "index.html").read_text(encoding="utf-8")
    for lang in ("fr", "ko"):
        for name in PUBLISHERS[lang]:
            assert html.fromstring(text).text_content().count(name) >= 1, name
    assert 'href="fr/about/index.html"' in text and 'href="ko/about/index.html"' in text


def test_the_feeds_name_the_publishers_and_the_licence(sample_site: Path) -> None:
    for lang in ("fr", "ko"):
        atom = feedparser.parse((sample_site / lang / "atom.xml").read_bytes())
        assert [a.name for a in atom.feed.authors] == PUBLISHERS[lang]
        assert "etalab" in atom.feed.rights and "kogl" in atom.feed.rights
        rss = (sample_site / lang / "feed.xml").read_text(encoding="utf-8")
        assert "<copyright>" in rss
        feed = json.loads((sample_site / lang / "feed.json").read_text(encoding="utf-8"))
        assert [a["name"] for a in feed["authors"]] == PUBLISHERS[lang]


# -- federation.yml --------------------------------------------------------------------------

def _checked(content: Path, text: str | None) -> str:
    file = content / "federation.yml"
    if text is None:
        file.unlink()
    else:
        file.write_text(text, encoding="utf-8")
    result = run("check", cwd=content)
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout


def test_without_federation_yml_check_warns_and_the_site_still_builds(content: Path,
                                                                     tmp_path: Path) -> None:
    said = _checked(content, None)
    assert "federation.yml: avertissement" in said and "éditeur" in said
    assert run("check", "--strict", cwd=content).returncode == 1
    out = tmp_path / "site"
    assert run("build", "--out", str(out), cwd=content).returncode == 0
    assert "pas encore indiqués" in (out / "fr/about/index.html").read_text(encoding="utf-8")


def test_a_wrong_federation_file_is_reported_at_its_lines(content: Path) -> None:
    text = (SAMPLE / "federation.yml").read_text(encoding="utf-8")
    text = text.replace("key: etalab-2.0", "key: <etalab>").replace(
        "address: 9 rue Christiani", "adress: 9 rue Christiani").replace(
        "phone: +82 2 123 4567", "phone: <a href=x>02 123</a>")
    said = _checked(content, text)
    lines = text.split("\n")
    assert re.search(rf"federation.yml:{lines.index('  - key: <etalab>') + 1}: .*etalab-2.0", said), said
    phone = lines.index("    phone: <a href=x>02 123</a>") + 1
    assert re.search(rf"federation.yml:{phone}: .*\+33 1 23 45 67 89", said), said
    assert "adress" in said and "address" in said


def test_the_older_single_office_serves_both_sides(content: Path, tmp_path: Path) -> None:
    text = (SAMPLE / "federation.yml").read_text(encoding="utf-8")
    head, _offices = text.split("offices:", 1)
    unsubscribe = text[text.index("# The unsubscribe"):]
    said = _checked(content, head + "office:\n  names: {fr: Bureau, ko: 사무국}\n"
                    "  email: bureau@example.org\n" + unsubscribe)
    assert "federation.yml" not in said, said
    out = tmp_path / "site"
    assert run("build", "--out", str(out), cwd=content).returncode == 0
    assert "mailto:bureau@example.org" in (out / "ko/about/index.html").read_text(encoding="utf-8")


def test_publishers_names_are_text_and_escaped_everywhere(content: Path, tmp_path: Path) -> None:
    text = (SAMPLE / "federation.yml").read_text(encoding="utf-8").replace(
        "fr: Association des gouverneurs de Corée (GAOK)",
        "fr: \"GAOK <img src=x onerror=alert(1)> & co\"")
    assert "federation.yml" not in _checked(content, text)
    out = tmp_path / "site"
    assert run("build", "--out", str(out), cwd=content).returncode == 0
    for path in ("fr/about/index.html", "fr/index.html", "index.html"):
        page = (out / path).read_text(encoding="utf-8")
        assert "<img src=x" not in page and "GAOK &lt;img src=x onerror=alert(1)&gt; &amp; co" in page
    assert "<img src=x" not in (out / "fr/atom.xml").read_text(encoding="utf-8").replace("&lt;img", "")


def test_each_side_s_readers_write_to_their_side_s_office(tmp_path: Path) -> None:
    from directory_content import make_directory_tree

    tree = make_directory_tree(tmp_path / "content")
    (tree / "federation.yml").write_text((SAMPLE / "federation.yml").read_text(encoding="utf-8"),
                                         encoding="utf-8")
    out = tmp_path / "site"
    assert run("build", "--out", str(out), cwd=tree).returncode == 0
    for lang in ("fr", "ko"):
        pages = list((out / lang / "collectivities").rglob("index.html"))
        offices = {a.get("href") for path in pages
                   for a in html.fromstring(path.read_bytes()).cssselect(
                       ".nl-suggestion__contact a, .nl-unmet a") if a.get("href", "").startswith("mailto:")}
        other = OFFICE_EMAIL["ko" if lang == "fr" else "fr"]
        assert f"mailto:{other}" not in offices, (lang, offices)
        assert f"mailto:{OFFICE_EMAIL[lang]}" in offices, (lang, offices)
