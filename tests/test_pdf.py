"""Issue 19, "The PDF": accessible (PDF/UA-1, PDF/A-2a), in the reader's language to the
last word a screen reader says, signed by its publishers, and without wasted pages.

The PDFs are those of the tests' sample (tests/fixtures/sample), built once for the run.
"""
from __future__ import annotations

import datetime as dt
import random
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from conftest import SAMPLE, SITE_URL, copy_content
from test_artifacts import png
from pdf_reading import objects, runs, strings_of, text_of, words
from newsletter import i18n
from newsletter.content import markup
from newsletter.content.editions import collect
from newsletter.content.loading import load
from newsletter.content.typography import french, ordinal_parts
from newsletter.letters import making, pdf, pdf_body, pdf_data

EDITIONS = ("2026-s1", "2026-s2")
LANGS = ("fr", "ko")
PAGES = {("2026-s1", "fr"): 9, ("2026-s1", "ko"): 9, ("2026-s2", "fr"): 8, ("2026-s2", "ko"): 8}
"""At most (issue 19 found 15, 11, 13 and 8 without the last page: a practice that spilled
a few lines took a page more, the edito a page of its own)."""
ENGLISH = re.compile(r"\b(Section|Email|E-mail|Figure|Table|Page|Heading|Contents|Chapter"
                     r"|Footnote|Equation|Telephone|Listing|Bibliography)\b")
TODAY = dt.date(2026, 11, 28)
MARGIN = 20 / 25.4 * 72
"""The template's margin on either side (20 mm), in points."""
OVERHANG = 4.0
"""How far past the margin a line's last glyph may reach: Typst hangs punctuation and
hyphens there (2.7 points at most in the sample)."""


def pdf_path(site: Path, edition: str, lang: str) -> Path:
    return site / lang / "editions" / edition / f"lettre-bonnes-pratiques-{edition}-{lang}.pdf"


def every_pdf(site: Path):
    for edition in EDITIONS:
        for lang in LANGS:
            yield edition, lang, pdf_path(site, edition, lang)


def page_text(path: Path, page: int, layout: bool = False) -> str:
    options = ["-layout"] if layout else []
    return subprocess.run(["pdftotext", *options, "-enc", "UTF-8", "-f", str(page), "-l", str(page),
                           str(path), "-"], capture_output=True, text=True, check=True).stdout


def flat(text: str) -> str:
    """Words separated by one space (no-break spaces included)."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def site():
    loaded = load(SAMPLE, history=False)
    return collect(loaded.content, TODAY, False)


def test_every_pdf_declares_pdf_ua_and_pdf_a_and_shows_its_title(sample_site: Path, site) -> None:
    for edition, lang, path in every_pdf(sample_site):
        reader = PdfReader(path)
        root = reader.trailer["/Root"]
        assert root["/ViewerPreferences"]["/DisplayDocTitle"] is True or \
            bool(root["/ViewerPreferences"]["/DisplayDocTitle"]), (edition, lang)
        metadata = root["/Metadata"].get_object().get_data().decode("utf-8")
        assert re.search(r"pdfuaid:part(>|=\")1\b", metadata), (edition, lang)
        assert re.search(r"pdfaid:part(>|=\")2\b", metadata) and \
            re.search(r"pdfaid:conformance(>|=\")A\b", metadata), (edition, lang)
        assert root["/Lang"] == lang
        assert flat(reader.metadata.title) == flat(site.edition(edition).text(lang).title)
        assert root["/MarkInfo"]["/Marked"]  # tagged
        # poppler, which editors proof with, reads it without a complaint (issue 19)
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True)
        assert info.returncode == 0 and info.stderr == "", info.stderr
        assert PdfReader(path, strict=True).pages  # the cross-reference table still holds


def test_korean_pdfs_say_nothing_in_english_to_screen_readers(sample_site: Path) -> None:
    """No "Section, 페이지 3" (a link to a heading), no "Email …" (a mailto: link), no
    /Lang (en) on URLs and addresses: every text is in the language it is written in."""
    for edition, lang, path in every_pdf(sample_site):
        languages: set[str] = set()
        said: list[str] = []
        for value, data in objects(path):
            languages |= set(strings_of(value, ("/Lang",)))
            said += strings_of(value, ("/Alt", "/ActualText", "/Contents", "/T", "/E", "/TU"))
            languages |= {m.decode() for m in re.findall(rb"/Lang\s*\(([^)]*)\)", data)}
        assert languages <= {"fr", "ko"}, (edition, lang, languages)
        if lang == "ko":
            english = [s for s in said if not s.startswith(("http", "MAILTO:", "mailto:"))
                       and ENGLISH.search(s)]
            assert english == [], (edition, english)
        assert any(", " in s and re.search(r"\b(page|페이지) \d+$", s) for s in said), \
            "a link of the contents names its heading and its page"


def test_the_cover_names_both_publishers_and_the_date(sample_site: Path, site) -> None:
    publishers = site.federation.publishers
    for edition, lang, path in every_pdf(sample_site):
        cover = flat(page_text(path, 1))
        for publisher in publishers:
            assert flat(publisher.name(lang)) in cover, (edition, lang, cover)
        other = "ko" if lang == "fr" else "fr"
        assert publishers[0].name(other) not in cover
    assert "Publié le 4 juillet 2026" in flat(page_text(pdf_path(sample_site, "2026-s1", "fr"), 1))
    assert "2026년 7월 4일 발행" in flat(page_text(pdf_path(sample_site, "2026-s1", "ko"), 1))


def test_the_last_page_says_who_publishes_under_which_licences_whom_to_write_to(
        sample_site: Path, site) -> None:
    federation = site.federation
    for edition, lang, path in every_pdf(sample_site):
        last = flat(page_text(path, len(PdfReader(path).pages)))
        gettext = i18n.catalog(lang).gettext
        expected = [gettext("About this newsletter"), gettext("Director of publication"),
                    federation.director[lang], federation.office(lang).name(lang),
                    federation.office(lang).email, federation.office(lang).url]
        for publisher in federation.publishers:
            expected += [publisher.name(lang), publisher.address, publisher.url]
        for licence in federation.licences:
            expected += [licence.name(lang), licence.url]
        missing = [text for text in expected if flat(french(text) if lang == "fr" else text)
                   not in last]
        assert missing == [], (edition, lang, missing, last)
        other = "ko" if lang == "fr" else "fr"
        assert federation.office(other).email not in last  # the office of the PDF's language
    links = {annotation.get_object()["/A"]["/URI"]
             for annotation in PdfReader(pdf_path(sample_site, "2026-s1", "fr")).pages[-1]["/Annots"]}
    assert f"mailto:{federation.office('fr').email}" in links


def test_without_federation_the_pdf_has_no_last_page(tmp_path: Path) -> None:
    tree = copy_content(tmp_path / "content")
    (tree / "federation.yml").unlink()
    site = collect(load(tree, history=False).content, TODAY, False)
    assert site.federation is None
    edition = site.edition("2026-s2")
    fonts = pdf.find_fonts()
    for lang in LANGS:
        data = pdf_data.document(site, edition, lang, SITE_URL, 2)
        assert data["about"] is None and data["publishers"] == []
        path = tmp_path / f"{lang}.pdf"
        path.write_bytes(making.in_child(pdf.compile_pdf, data, tmp_path / "images", fonts, True))
        reader = PdfReader(path)
        assert [item.title for item in reader.outline][-1] == \
            " ".join(site.in_edition("2026-s2")[-1].text(lang).title.split())
        assert "GAOK" not in flat(page_text(path, 1))


def _headings(path: Path) -> set[str]:
    """The text of every heading, from the structure tree."""
    found = set()
    for value, _data in objects(path):
        if isinstance(value, DictionaryObject) and re.fullmatch(r"/H\d", str(value.get("/S", ""))):
            found |= {"".join(title.split()) for title in strings_of(value, ("/T",))}
    return found


def test_a_heading_is_never_the_last_line_of_a_page(sample_site: Path) -> None:
    for edition, lang, path in every_pdf(sample_site):
        headings = _headings(path)
        label = "".join(i18n.catalog(lang).gettext("Further reading").split())
        assert label in headings
        for number in range(1, len(PdfReader(path).pages) + 1):
            lines = [line for line in page_text(path, number, layout=True).splitlines()
                     if line.strip() and not re.search(r"\d+ / \d+\s*$", line)]  # the footer
            last = ["".join(line.split()) for line in lines[-2:]]
            assert last[-1] not in headings and "".join(last) not in headings, \
                (edition, lang, number, lines[-2:])
            # Nor a heading with its few links alone on a page of their own.
            assert "".join(lines[0].split()) != label, (edition, lang, number)


def test_pages_are_not_wasted(sample_site: Path) -> None:
    for edition, lang, path in every_pdf(sample_site):
        reader = PdfReader(path)
        assert len(reader.pages) <= PAGES[edition, lang], (edition, lang, len(reader.pages))
        outline = [reader.get_destination_page_number(item) + 1 for item in reader.outline]
        assert outline[0] == 2, "a short edito shares the page of the contents"


def test_french_numbers_hold_together_ordinals_are_raised_words_hyphenated(sample_site: Path) -> None:
    pages = runs(pdf_path(sample_site, "2026-s1", "fr"))
    text = "".join(text_of(page) for page in pages)
    assert "137\u202f000" in text and "2\u202f300 coureurs" in text  # a number and an editor's
    # (a telephone number keeps its groups, with no-break spaces: "+82 2 123 4567")
    numbers = re.sub(r"\+\d[\d\u00a0]+", "", text)
    assert not re.search(r"\d[ \u00a0]\d{3}\b", numbers), re.findall(r".{20}\d[ \u00a0]\d{3}", numbers)
    assert "15e\u00a0arrondissement" in text and "Publié le 4\u00a0juillet\u00a02026" in text
    raised = [(before.text[-2:], run.text, run.size < before.size) for page in pages
              for before, run in zip(page, page[1:]) if run.text in ("e", "er")
              and before.text[-1:].isdigit()]
    assert raised and all(smaller for _b, _r, smaller in raised), raised
    hyphenated = {lang: sum(line.endswith("\u00ad") for number in range(3, 6) for line in
                            page_text(pdf_path(sample_site, "2026-s1", lang), number).splitlines())
                  for lang in LANGS}
    assert hyphenated["fr"] > 0 and hyphenated["ko"] == 0, hyphenated  # French only
    korean = "".join(text_of(page) for page in runs(pdf_path(sample_site, "2026-s1", "ko")))
    assert "15구" in korean and not re.search("[가-힣][\u202f\u00a0]|[\u202f\u00a0][가-힣]", korean)


def test_what_pdf_ua_asks_of_a_body_is_settled_before_typst(tmp_path: Path, site) -> None:
    """Headings that skip levels or have no words, underline inside strike-through, an
    image without alt text: Typst would refuse them in a PDF/UA document."""
    body = ("#### Tout de suite au niveau 4\n\n## \n\nTexte <u>souligné <del>et barré</del></u> "
            "et <del>barré <u>et souligné</u></del>.\n\n![](photo.png)\n\n![Une photo](photo.png)\n")
    tree = pdf_data.body_tree(markup.to_html(body, ("photo.png",)), {"photo.png": "copy.png"}, "fr")
    headings = [node[1]["level"] for node in tree if node[0] == "h"]
    assert headings == [2]
    (tmp_path / "copy.png").write_bytes(png(40, 20))
    data = pdf_data.document(site, site.edition("2026-s2"), "fr", SITE_URL, 2)
    data["practices"][0]["body"] = tree
    fonts = pdf.find_fonts()
    made = making.in_child(pdf.compile_pdf, data, tmp_path, fonts, True)
    assert made.startswith(b"%PDF")


def test_french_typography() -> None:
    assert french("Environ 2 300 coureurs ; 137 000 habitants : « oui » !") == \
        "Environ 2\u202f300 coureurs\u202f; 137\u202f000 habitants\u00a0: «\u00a0oui\u00a0»\u202f!"
    assert french("en 2020 300 personnes, 1 000,5 km, 30 %") == \
        "en 2020 300 personnes, 1\u202f000,5 km, 30\u202f%"
    assert french("le 15 juin 2027, le 1er semestre, le 15e arrondissement, n° 3") == \
        "le 15\u00a0juin\u00a02027, le 1er\u00a0semestre, le 15e\u00a0arrondissement, n°\u00a03"
    assert french("https://x.org/a?b=1!") == "https://x.org/a?b=1!"  # no space, left alone
    assert ordinal_parts("le 1er et le 15e, 2es") == [
        ("le 1", False), ("er", True), (" et le 15", False), ("e", True), (", 2", False),
        ("es", True)]
    assert ordinal_parts("https://x.org/15e-arr, x15e, 15e@x.org") == [
        ("https://x.org/15e-arr, x15e, 15e@x.org", False)]


def _compiled(tmp_path: Path, site, lang: str, body: str, **texts: str) -> Path:
    """The 2026-s2 edition in `lang`, its first practice with `body` (Markdown) and `texts`
    (its title, its summary), compiled as a build does, PDF/UA and PDF/A checked."""
    data = pdf_data.document(site, site.edition("2026-s2"), lang, SITE_URL, 2)
    practice = data["practices"][0]
    practice["body"] = pdf_data.body_tree(markup.to_html(body), {}, lang)
    practice.update({key: pdf_data.shown(text, lang) for key, text in texts.items()})
    path = tmp_path / f"{lang}.pdf"
    path.write_bytes(making.in_child(pdf.compile_pdf, data, tmp_path / "images",
                                     pdf.find_fonts(), True))
    return path


def _all_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def _korean_words(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    syllables = "가나다라마바사아자차카타파하민주시청구도로"
    return ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 5)))
            for _ in range(count)]


def _in_order(wanted: list[str], found: list[str]) -> bool:
    """Whether `wanted` are among `found` whole, in their order."""
    rest = iter(found)
    return all(any(word == other for other in rest) for word in wanted)


def _outside(path: Path) -> list[tuple[int, str]]:
    """The words drawn past the text area's left or right edge."""
    return [(word.page, word.text) for word in words(path)
            if word.left < MARGIN - OVERHANG or word.right > word.page_width - MARGIN + OVERHANG]


def _overlapping(path: Path) -> list[tuple[str, str]]:
    """Words drawn over the next word of their line (a table's cell over its neighbour)."""
    lines: dict[tuple[int, float], list] = {}
    for word in words(path):
        lines.setdefault((word.page, round(word.top, 1)), []).append(word)
    found = []
    for line in lines.values():
        line.sort(key=lambda word: word.left)
        found += [(one.text, two.text) for one, two in zip(line, line[1:])
                  if one.right > two.left + 0.5]
    return found


def test_a_run_of_text_is_cut_every_run_of_words_wherever_it_is() -> None:
    """Typst stops at 512 Korean words in one run of text: `bounded` ends a run every
    RUN spaces or line breaks, inside spans and across them, the text itself unchanged."""
    numbered = [f"w{n}" for n in range(300)]
    tree = [["p", {}, [" ".join(numbered[:50]) + " ", ["span", {}, [" ".join(numbered[50:120])]],
                       " ", ["br", {}, []], " ".join(numbered[120:])]]]

    def text(nodes: list) -> str:
        return "".join(node if isinstance(node, str) else
                       ("\n" if node[0] == "br" else "") + text(node[2]) for node in nodes)

    counts = [0]

    def count(nodes: list) -> None:
        for node in nodes:
            if isinstance(node, str):
                counts[-1] += len(re.findall(r"\s+", node))
            elif node[0] == "sep":
                counts.append(0)
            else:
                counts[-1] += node[0] == "br"
                count(node[2])

    cut = pdf_body.bounded(tree)
    count(cut)
    assert text(cut) == text(tree)
    assert max(counts) <= pdf_body.RUN and len(counts) >= 300 // pdf_body.RUN
    assert pdf_body.bounded_text("deux mots") == "deux mots"
    assert pdf_data.shown(" ".join(numbered), "ko")[0] == "span"


def test_a_korean_paragraph_of_any_length_is_laid_out_its_words_whole(
        tmp_path: Path, site) -> None:
    """Korean words are kept whole by a show rule that Typst applied word after word to a
    run of text, refusing the 512th ("maximum grouping depth exceeded"): a paragraph, a
    paragraph of short lines, a summary of 600 words each."""
    plain, lines, summary = (_korean_words(600, seed) for seed in (1, 2, 3))
    body = (" ".join(plain) + "\n\n"
            + "".join(f"{one} {two}  \n" for one, two in zip(lines[::2], lines[1::2])))
    path = _compiled(tmp_path, site, "ko", body, summary=" ".join(summary))
    found = _all_text(path).split()
    for wanted in (summary, plain, lines):
        assert _in_order(wanted, found)
    assert _outside(path) == []


def test_long_words_addresses_and_wide_tables_stay_on_the_page(tmp_path: Path, site) -> None:
    """A word of 200 letters, an address without its scheme, a long e-mail address, code
    without a space, a title of 40 capitals, a table of 40 columns ran off the page, and an
    e-mail address over its neighbour in a table of six. They break now, and only they:
    French words are hyphenated, as they were, never broken anywhere."""
    email = "relations.internationales.et.cooperation@montpellier3m.example.org"
    body = (f"Un mot {'x' * 200} puis la suite, anticonstitutionnellement et longuement.\n\n"
            f"Voir example.org/?q={'z' * 150} ou écrire à {email} directement.\n\n"
            f"Du code `{'y' * 150}` en ligne.\n\n"
            + "|" + "|".join(f"h{n}" for n in range(40)) + "|\n|" + "---|" * 40 + "\n|"
            + "|".join("motsansfin" * 3 for _ in range(40)) + "|\n\n"
            "| Collectivité | Contact | Téléphone | Thème | Population | Remarque |\n"
            "|---|---|---|---|---|---|\n"
            f"| Montpellier | {email} | +33 4 67 13 60 00 | Coopération décentralisée | 500 000 "
            "| Développement et anticonstitutionnellement |\n")
    path = _compiled(tmp_path, site, "fr", body, title="W" * 40 + " et la suite")
    assert _outside(path) == []
    assert _overlapping(path) == []
    text = _all_text(path)
    squeezed = "".join(text.split())
    for written in ("x" * 200, "z" * 150, email, "y" * 150, "motsansfin" * 3, "W" * 40):
        assert written in squeezed, written
    joined = text.replace("\u00ad\n", "").split()
    assert joined.count("anticonstitutionnellement") == 2 and "Développement" in joined \
        and "décentralisée" in joined, joined
