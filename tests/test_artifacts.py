"""Issue 11: each edition's e-mail and PDF, the open data, the JSON Feed, and their cache.

Sites are built from a small tree of our own (tests/corpus/base, plus a second edition,
an image and a hostile practice), never from the shipped sample.
"""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from lxml import etree, html as lxml_html

from conftest import ROOT, SITE_URL, run, serving
from newsletter import i18n

BASE = ROOT / "tests" / "corpus" / "base"
UNSUBSCRIBE = "*|UNSUB|*"
"""The unsubscribe merge tag of the base corpus's federation.yml."""
ARTIFACTS = ROOT / "tests" / "artifacts"
HOSTILE_TITLE = 'Titre #import "@preview/x": * $x^2$ ] [ \\ <lab> @ref // pas un commentaire /* non */ `code` ~ #read("/etc/passwd")'
HOSTILE_BODY = """## Section #set page(fill: red)

Texte avec #read("/etc/passwd") et #import "/etc/hosts", des $maths$, un ] seul, \\ et <étiquette> @ref.

- // pas un commentaire
- /* pas un bloc */ et `#eval("1+1")`

```
#show: none
```
"""


def png(width: int, height: int) -> bytes:
    """A small valid PNG, one colour."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + \
            struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + b"\x30\x60\xa0" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def make_content(target: Path, hostile: bool = True) -> Path:
    """tests/corpus/base, with a second edition, an image and (optionally) a hostile practice."""
    shutil.copytree(BASE, target)
    second = target / "editions" / "2026-s2"
    second.mkdir()
    (second / "fr.md").write_text("---\ntitle: Lettre — 2e semestre 2026\npublished: 2026-11-20\n---\n\n"
                                  "Édito du second numéro : bonne lecture !\n", encoding="utf-8")
    (second / "ko.md").write_text("---\ntitle: 뉴스레터 — 2026년 하반기호\n---\n\n두 번째 호의 머리말입니다.\n",
                                  encoding="utf-8")
    marathon = target / "practices" / "tours-marathon"
    (marathon / "photo.png").write_bytes(png(800, 400))
    text = (marathon / "fr.md").read_text(encoding="utf-8")
    (marathon / "fr.md").write_text(text.replace("## Résultats", "![Coureurs au départ](photo.png)\n\n## Résultats"),
                                    encoding="utf-8")
    if hostile:
        folder = target / "practices" / "hostile-texte"
        folder.mkdir()
        (folder / "fr.md").write_text(f"""---
title: '{HOSTILE_TITLE.replace("'", "''")}'
summary: 'Résumé = formule ? #strong[non] <b>non</b>'
collectivity: '=Ville de Tours'
country: FR
population: 1000
themes: [culture]
edition: 2026-s2
date: 2026-01-01
---

{HOSTILE_BODY}""", encoding="utf-8")
    return target


def build(content: Path, out: Path, *extra: str, env: dict[str, str] | None = None,
          site_url: str = SITE_URL) -> subprocess.CompletedProcess[str]:
    result = run("build", "--out", str(out), "--site-url", site_url, *extra, cwd=content, env=env)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def travel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of our content, built once for the module."""
    folder = tmp_path_factory.mktemp("travel")
    content = make_content(folder / "content")
    out = folder / "site"
    build(content, out)
    return out


EDITIONS = ("2026-s1", "2026-s2")
LANGS = ("fr", "ko")


def editions(site: Path):
    for lang in LANGS:
        for edition in EDITIONS:
            yield lang, edition, site / lang / "editions" / edition


# -- e-mail -----------------------------------------------------------------------------

def test_every_edition_has_a_self_contained_email_with_absolute_urls(travel: Path) -> None:
    for lang, edition, folder in editions(travel):
        data = (folder / "email.html").read_bytes()
        assert len(data) < 102 * 1024, (lang, edition, len(data))
        tree = lxml_html.fromstring(data)
        assert tree.xpath("//style") == []
        assert tree.xpath("//link[contains(@rel, 'stylesheet')]") == []
        assert tree.get("lang") == lang
        for element in tree.xpath("//*[@href or @src]"):
            url = element.get("href") or element.get("src")
            if url == UNSUBSCRIBE:
                continue  # the mailing tool's merge tag: it puts each reader's link there
            assert re.match(r"^(https?://|mailto:|tel:)", url), (edition, lang, url)
        for image in tree.xpath("//img"):
            assert image.get("src").startswith(SITE_URL)
            assert image.get("width", "").isdigit() and image.get("height", "").isdigit()
            assert image.get("alt")
        text = (folder / "email.txt").read_text(encoding="utf-8")
        assert f"{SITE_URL}{lang}/editions/{edition}/" in text
    korean = (travel / "ko" / "editions" / "2026-s1" / "email.html").read_text(encoding="utf-8")
    assert "Malgun Gothic" in korean and "keep-all" in korean
    french = lxml_html.fromstring((travel / "fr" / "editions" / "2026-s1" / "email.html").read_bytes())
    image = french.xpath("//img")[0]
    assert image.get("src") == f"{SITE_URL}fr/practices/tours-marathon/photo.png"
    assert (image.get("width"), image.get("height")) == ("552", "276")  # 800 × 400, shown 552 wide
    assert image.get("alt") == "Un marathon numérique"  # it links to the practice


def test_email_plain_text_lists_every_practice(travel: Path) -> None:
    text = (travel / "fr" / "editions" / "2026-s1" / "email.txt").read_text(encoding="utf-8")
    for slug in ("tours-marathon", "seocho-film"):
        assert f"{SITE_URL}fr/practices/{slug}/" in text
    assert "Un marathon numérique" in text and "<" not in text.replace(f"<{SITE_URL}", "")


@pytest.mark.browser
def test_email_renders_in_chromium_without_console_errors(travel: Path, browser) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    with serving(travel) as server:
        for lang in LANGS:
            context = browser.new_context(viewport={"width": 700, "height": 900})
            # The e-mail's absolute URLs name the public site: served here from the build.
            context.route(f"{SITE_URL}**", lambda route: route.fulfill(
                path=str(travel / route.request.url[len(SITE_URL):].split("?")[0])))
            page = context.new_page()
            errors: list[str] = []
            failed: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("requestfailed", lambda r: failed.append(r.url))
            page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
            page.goto(f"{server}/{lang}/editions/2026-s1/email.html")
            page.wait_for_load_state("networkidle")
            assert errors == [] and failed == [], (errors, failed)
            assert page.evaluate("document.images.length") >= (1 if lang == "fr" else 0)
            assert page.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
            page.screenshot(path=str(ARTIFACTS / f"email-{lang}.png"), full_page=True)
            context.close()


def test_a_big_edition_keeps_its_email_under_gmail_limit(tmp_path: Path) -> None:
    import datetime as dt

    from newsletter.content.editions import collect
    from newsletter.letters.email import SIZE_LIMIT, render_email
    from newsletter.content.loading import load

    content = make_content(tmp_path / "content", hostile=False)
    source = content / "practices" / "seocho-film"
    for number in range(160):
        shutil.copytree(source, content / "practices" / f"copie-{number}")
    loaded = load(content, history=False)
    assert loaded.content is not None, loaded.problems
    site = collect(loaded.content, dt.date(2026, 11, 28), False)
    edition = site.edition("2026-s1")
    for lang in LANGS:
        mail = render_email(site, edition, lang, SITE_URL, 1, None)
        assert len(mail.html.encode("utf-8")) <= SIZE_LIMIT
        assert mail.html.count("/practices/copie-") >= 20  # as many as fit, not none
        assert mail.text.count("/practices/copie-") == 160  # the text lists them all


# -- PDF --------------------------------------------------------------------------------

def pdf_of(site: Path, lang: str, edition: str) -> Path:
    found = sorted((site / lang / "editions" / edition).glob("*.pdf"))
    assert len(found) == 1, found
    return found[0]


def pdf_text(path: Path) -> str:
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                            text=True, check=True)
    return " ".join(result.stdout.split())


def test_pdfs_have_pages_embedded_fonts_and_extractable_text(travel: Path) -> None:
    from pypdf import PdfReader

    for lang, edition, _folder in editions(travel):
        path = pdf_of(travel, lang, edition)
        assert path.name == f"lettre-bonnes-pratiques-{edition}-{lang}.pdf"
        assert len(PdfReader(path).pages) > 1
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                               check=True).stdout.splitlines()[2:]
        assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # "emb"
        assert any("NotoSansCJK" in line for line in fonts)
    korean = pdf_text(pdf_of(travel, "ko", "2026-s1"))
    assert "디지털 마라톤" in korean or "마라톤" in korean
    assert "투르" in korean
    french = pdf_text(pdf_of(travel, "fr", "2026-s1"))
    assert "Un marathon numérique" in french and "Les inscriptions se faisaient en ligne." in french
    assert "Coureurs au départ" in french  # the image's caption: its alt text
    reader = PdfReader(pdf_of(travel, "fr", "2026-s1"))
    assert sum(len(page.images) for page in reader.pages) == 1  # the practice's photo


def _korean_title(content_root: Path, slug: str) -> str:
    text = (content_root / "practices" / slug / "ko.md").read_text(encoding="utf-8")
    return re.search(r"^title: (.+)$", text, re.M)[1].strip()


def test_pdf_table_of_contents_matches_the_practices(travel: Path) -> None:
    from pypdf import PdfReader

    for lang, edition, folder in editions(travel):
        reader = PdfReader(pdf_of(travel, lang, edition))
        outline = [(item.title, reader.get_destination_page_number(item) + 1)
                   for item in reader.outline if not isinstance(item, list)]
        page = lxml_html.fromstring((folder / "index.html").read_bytes())
        titles = [" ".join(a.text_content().split())
                  for a in page.xpath("//article[contains(@class,'nl-card')]//h3/a")]
        gettext = i18n.catalog(lang).gettext
        assert outline[0][0] == gettext("Editorial")
        assert outline[-1][0] == gettext("About this newsletter")  # the last page
        assert sorted(" ".join(t.split()) for t, _p in outline[1:-1]) == sorted(titles), \
            (outline, titles)
        pages = [p for _t, p in outline]
        # After the cover; a short edito shares the page of the contents.
        assert pages == sorted(pages) and pages[0] >= 2 and pages[1] >= 3
        assert pages[-1] == len(reader.pages)
        contents = " ".join(reader.pages[1].extract_text().split())
        for title, number in outline:
            short = " ".join(title.split())[:25]
            assert re.search(re.escape(short) + r".*?\s(\.\s?)*" + str(number) + r"\b", contents), \
                (title, number, contents)


def test_pdf_shows_hostile_text_as_written(travel: Path) -> None:
    text = pdf_text(pdf_of(travel, "fr", "2026-s2"))
    for literal in ('#import "@preview/x"', "$x^2$", "<lab>", "@ref", "// pas un commentaire",
                    "/* non */", '#read("/etc/passwd")', "#set page(fill: red)",
                    '#eval("1+1")', "#show: none", "<étiquette>"):
        assert literal in text, literal
    assert "root:" not in text  # nothing was read from outside the content
    email = (travel / "fr" / "editions" / "2026-s2" / "email.html").read_text(encoding="utf-8")
    assert "&lt;lab&gt;" in email and "<lab>" not in email


def test_edition_pages_link_their_pdf_and_email(travel: Path) -> None:
    for lang, edition, folder in editions(travel):
        page = lxml_html.fromstring((folder / "index.html").read_bytes())
        gettext = i18n.catalog(lang).gettext
        link = page.xpath("//p[@class='nl-downloads']/a[@type='application/pdf']")[0]
        assert link.get("href") == f"lettre-bonnes-pratiques-{edition}-{lang}.pdf"
        assert link.text_content() == gettext("Download the PDF")
        assert page.xpath("//p[@class='nl-downloads']/a[@href='email.html']")


def test_without_the_korean_font_the_build_says_what_to_install_and_builds_the_rest(
        tmp_path: Path) -> None:
    content = make_content(tmp_path / "content", hostile=False)
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    out = tmp_path / "site"
    result = build(content, out, env={"NEWSLETTER_FONT_DIRS": str(empty),
                                      "NEWSLETTER_CACHE": str(tmp_path / "cache")})
    assert "apt-get install fonts-noto-cjk" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(out.rglob("*.pdf")) == []
    for lang, edition, folder in editions(out):
        assert (folder / "email.html").is_file() and (folder / "email.txt").is_file()
        assert ".pdf" not in (folder / "index.html").read_text(encoding="utf-8")
    assert (out / "data" / "practices.json").is_file()


def test_an_image_typst_cannot_read_leaves_the_pdf_without_it(tmp_path: Path) -> None:
    """A damaged image is an error of `check` (tests/test_photos.py); should Typst still
    fail on a published copy (here: cut short in the cache, behind an intact header),
    the PDF is made without images, and the build says so."""
    content = make_content(tmp_path / "content", hostile=False)
    env = {"NEWSLETTER_CACHE": str(tmp_path / "cache")}
    build(content, tmp_path / "first", env=env)
    [copy] = (tmp_path / "cache" / "photos").glob("*.png")
    copy.write_bytes(copy.read_bytes()[:60])
    practice = content / "practices" / "tours-marathon" / "fr.md"  # its edition is made again
    practice.write_text(practice.read_text(encoding="utf-8") + "\nUne phrase de plus.\n",
                        encoding="utf-8")
    out = tmp_path / "site"
    result = build(content, out, env=env)
    assert "2026-s1 (fr)" in result.stderr and "Traceback" not in result.stderr
    assert "Les inscriptions se faisaient en ligne." in pdf_text(pdf_of(out, "fr", "2026-s1"))


# -- the cache --------------------------------------------------------------------------

def _cache_files(cache: Path) -> dict[str, int]:
    return {p.name: p.stat().st_ino for p in (cache / "artifacts").rglob("*") if p.is_file()}


def test_a_rebuild_remakes_only_the_edited_practices_edition(tmp_path: Path) -> None:
    content = make_content(tmp_path / "content")
    cache = tmp_path / "cache"
    env = {"NEWSLETTER_CACHE": str(cache)}
    first = tmp_path / "first"
    build(content, first, env=env)
    before = _cache_files(cache)
    assert len(before) == 2 * 2 * 3  # editions × languages × (PDF, e-mail, text)
    build(content, tmp_path / "same", env=env)
    assert _cache_files(cache) == before  # nothing made again

    practice = content / "practices" / "tours-marathon" / "fr.md"
    practice.write_text(practice.read_text(encoding="utf-8") + "\nUne phrase de plus.\n",
                        encoding="utf-8")
    edited = tmp_path / "edited"
    build(content, edited, env=env)
    after = _cache_files(cache)
    changed = {name for name in after if before.get(name) != after[name]}
    assert {name.split(".")[0] + "." + name.split(".")[1] for name in changed} == \
        {"2026-s1.fr", "2026-s1.ko"}  # the edition of the practice, in both languages
    assert len(changed) == 6 and len(after) == len(before)  # older versions removed
    for lang in LANGS:
        other = pdf_of(first, lang, "2026-s2").read_bytes()
        assert pdf_of(edited, lang, "2026-s2").read_bytes() == other
        assert "Une phrase de plus." in pdf_text(pdf_of(edited, "fr", "2026-s1"))

    shutil.rmtree(cache)  # safe to delete: the next build makes the same files again
    again = tmp_path / "again"
    build(content, again, env=env)
    for lang, edition, folder in editions(edited):
        for name in ("email.html", "email.txt", pdf_of(edited, lang, edition).name):
            assert (again / lang / "editions" / edition / name).read_bytes() == \
                (folder / name).read_bytes(), (lang, edition, name)


# -- open data --------------------------------------------------------------------------

def test_open_data_validates_and_round_trips(travel: Path) -> None:
    import jsonschema

    data = json.loads((travel / "data" / "practices.json").read_text(encoding="utf-8"))
    schema = json.loads((travel / "data" / "practices.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER).validate(data)
    slugs = sorted(p["slug"] for p in data["practices"])
    assert slugs == ["hostile-texte", "seocho-film", "tours-marathon"]
    marathon = next(p for p in data["practices"] if p["slug"] == "tours-marathon")
    assert marathon["texts"]["fr"]["translation"] == "original"
    assert marathon["texts"]["ko"]["title"] and "## Contexte" in marathon["texts"]["fr"]["body_markdown"]

    raw = (travel / "data" / "practices.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len({row["slug"] for row in rows}) == len(data["practices"])
    assert len(rows) == sum(len(p["texts"]) for p in data["practices"])
    hostile = next(row for row in rows if row["slug"] == "hostile-texte")
    assert hostile["collectivity"] == "'=Ville de Tours"  # not a formula in a spreadsheet
    assert hostile["title"] == next(p for p in data["practices"]
                                    if p["slug"] == "hostile-texte")["texts"]["fr"]["title"]
    korean = next(row for row in rows if row["slug"] == "tours-marathon" and row["lang"] == "ko")
    assert korean["title"] == marathon["texts"]["ko"]["title"]


def test_json_feed_has_the_rss_feeds_ids(travel: Path) -> None:
    for lang in LANGS:
        feed = json.loads((travel / lang / "feed.json").read_text(encoding="utf-8"))
        assert feed["version"] == "https://jsonfeed.org/version/1.1"
        assert feed["feed_url"] == f"{SITE_URL}{lang}/feed.json"
        rss = etree.parse(str(travel / lang / "feed.xml"))
        assert [item["id"] for item in feed["items"]] == rss.xpath("//item/guid/text()")
        assert [item["url"] for item in feed["items"]] == rss.xpath("//item/link/text()")
        assert all(item["content_html"] and item["date_published"] for item in feed["items"])


def test_open_data_page_links_every_file(travel: Path) -> None:
    for lang in LANGS:
        page = travel / lang / "open-data" / "index.html"
        tree = lxml_html.fromstring(page.read_bytes())
        hrefs = {a.get("href") for a in tree.xpath("//ul[@class='nl-data']//a")}
        for target in ("../../data/practices.json", "../../data/practices.schema.json",
                       "../../data/practices.csv", "../feed.json"):
            assert target in hrefs, (lang, hrefs)
            assert (page.parent / target).resolve().is_file()


def test_the_cache_key_holds_the_code_the_files_are_made_of_and_no_other() -> None:
    from newsletter.letters import artifacts

    modules = artifacts.made_by("letters.making", "letters.email", "letters.pdf")
    assert {"letters.making", "letters.artifacts", "letters.email", "letters.pdf",
            "content.markup", "content.structure", "content.photos", "i18n", "templating",
            "content.model", "content.editions"} <= modules
    # A change to the site, the feeds or the checks does not remake every PDF.
    assert not modules & {"site.search", "site.pages", "letters.feeds", "content.validation",
                          "content.schema", "site.mkdocs_site", "build", "commands.cli"}
    assert artifacts.templates_of("edition.typ", "email.mjml.j2") >= {"edition.typ", "email.mjml.j2"}
    assert "_macros.j2" in artifacts.templates_of("edition.html.j2")  # what imports count
