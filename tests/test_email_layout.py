"""Issue 16: an edition's e-mail holds at 320 px in both languages, whatever the words.

A word longer than the line (a 60-syllable Korean word, a long French word, a long
address) is broken rather than widening the message; ordinary Korean still breaks
between words only (`word-break: keep-all`). Issue 19: with its footer (publishers,
addresses, the office to write to, licence, unsubscribe), at a desktop client's 600 px and
a phone's 375 px. Rendered in real headless Chromium from a real build.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, SITE_URL, run, serving
from test_artifacts import ARTIFACTS, png

KOREAN_WORD = "".join(chr(0xAC00 + (i * 37) % 11172) for i in range(60))
FRENCH_WORD = "anticonstitutionnellement" * 3
URL = "https://www.example.org/" + "une-adresse-tres-longue-sans-espace-" * 5 + "fin"
ORDINARY_KO = "파리 15구에 항균 필름을 보낸 서초구"  # seocho-film's title and summary
ORDINARY_SUMMARY_KO = "서초구는 자매도시인 파리 15구에 항균 필름을 보냈습니다."


def _replace(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, (file, old)
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("email-layout")
    content = folder / "content"
    shutil.copytree(ROOT / "tests" / "corpus" / "base", content)
    marathon = content / "practices" / "tours-marathon"
    _replace(marathon / "ko.md", "title: 온라인 마라톤", f"title: {KOREAN_WORD}")
    _replace(marathon / "ko.md", "summary: 투르시는", f"summary: {KOREAN_WORD} {URL} 투르시는")
    _replace(marathon / "fr.md", "title: Un marathon numérique",
             f"title: Un marathon {FRENCH_WORD}")
    _replace(marathon / "fr.md", "summary: La Ville", f"summary: {FRENCH_WORD} {URL} La Ville")
    _replace(marathon / "fr.md", "collectivity: Ville de Tours",
             f"collectivity: Ville de {FRENCH_WORD}")
    (marathon / "photo.png").write_bytes(png(800, 400))
    _replace(marathon / "fr.md", "## Résultats", "![Coureurs](photo.png)\n\n## Résultats")
    for lang, words in (("fr", FRENCH_WORD), ("ko", KOREAN_WORD)):
        edito = content / "editions" / "2026-s1" / f"{lang}.md"
        edito.write_text(edito.read_text(encoding="utf-8")
                         + f"\n{words} [{URL}]({URL}) <{URL}>\n\n"
                         f"```\n{'code_sans_espace_' * 8}\n```\n\n| a | b |\n|---|---|\n"
                         f"| {FRENCH_WORD} | {KOREAN_WORD} |\n", encoding="utf-8")
    out = folder / "site"
    result = run("build", "--out", str(out), "--site-url", SITE_URL, cwd=content)
    assert result.returncode == 0, result.stderr
    return out


_WORDS_ON_ONE_LINE = """(element) => {
    // How many lines each word of the element's text is drawn on.
    const text = element.firstChild;
    const lines = [];
    let start = 0;
    for (const word of text.data.split(' ')) {
        const range = document.createRange();
        range.setStart(text, start);
        range.setEnd(text, start + word.length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        lines.push([word, tops.size]);
        start += word.length + 1;
    }
    return lines;
}"""


def _open_email(browser, site: Path, server: str, lang: str,  # type: ignore[no-untyped-def]
                width: int):
    """The sample's 2026-s1 e-mail in `lang` at `width` pixels, its images served from the
    built site; no wider than the screen."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    context.route(f"{SITE_URL}**", lambda route: route.fulfill(
        path=str(site / route.request.url[len(SITE_URL):].split("?")[0])))
    page = context.new_page()
    page.goto(f"{server}/{lang}/editions/2026-s1/email.html")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, lang
    return context, page


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 360, 375])
def test_the_email_holds_at_a_phone_s_width_whatever_the_words(site: Path, browser,
                                                               width: int) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    with serving(site) as server:
        for lang in ("fr", "ko"):
            context, page = _open_email(browser, site, server, lang, width)
            wider = page.evaluate("""(width) => [...document.body.querySelectorAll('*')]
                .filter(e => e.getBoundingClientRect().right > width + 0.5)
                .map(e => e.tagName + ' ' + e.textContent.slice(0, 30))""", width)
            assert wider == [], (lang, wider)
            titles = page.locator("h2 a")
            long_title = titles.filter(has_text=KOREAN_WORD if lang == "ko" else FRENCH_WORD)
            assert long_title.count() == 1
            # The long word is broken over several lines, inside the screen.
            lines = dict(long_title.evaluate(_WORDS_ON_ONE_LINE))
            assert lines[KOREAN_WORD if lang == "ko" else FRENCH_WORD] > 1
            if lang == "ko":
                # Ordinary Korean still breaks between words only: seocho-film's title and
                # summary (the summary wraps at both widths, the title at 320 px).
                for ordinary in (titles.filter(has_text=ORDINARY_KO),
                                 page.locator("p", has_text=ORDINARY_SUMMARY_KO)):
                    assert ordinary.count() == 1
                    style = ordinary.evaluate("e => [getComputedStyle(e).wordBreak, "
                                              "getComputedStyle(e).overflowWrap]")
                    assert style == ["keep-all", "anywhere"]
                    lines = ordinary.evaluate(_WORDS_ON_ONE_LINE)
                    assert " ".join(word for word, _ in lines) == ordinary.text_content()
                    assert all(count == 1 for _, count in lines), lines
                rows = page.locator("p", has_text=ORDINARY_SUMMARY_KO).evaluate(
                    "e => Math.round(e.getBoundingClientRect().height / parseFloat("
                    "getComputedStyle(e).lineHeight))")
                assert rows >= 2  # it wraps, between words
            page.screenshot(path=str(ARTIFACTS / f"email-{lang}-{width}.png"), full_page=True)
            context.close()


def test_the_wrapping_survives_inlining(site: Path) -> None:
    """css-inline keeps both declarations, on the text cells only (not on every element:
    Gmail clips at 102 KB)."""
    for lang in ("fr", "ko"):
        html = (site / lang / "editions" / "2026-s1" / "email.html").read_text(encoding="utf-8")
        assert "<style" not in html
        cells = html.count('class="nl-text')
        assert html.count("word-wrap: break-word;overflow-wrap: anywhere") == cells
        assert cells >= 6
        assert ("word-break: keep-all" in html) == (lang == "ko")


@pytest.mark.browser
@pytest.mark.parametrize("width", [600, 375])
def test_the_footer_shows_whole_at_600_and_375_px(site: Path, browser, width: int) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    with serving(site) as server:
        for lang in ("fr", "ko"):
            context, page = _open_email(browser, site, server, lang, width)
            footer = page.locator("td.footer")
            links = footer.locator("a")
            assert links.count() == 6  # home, mailto, two licences, about, unsubscribe
            boxes = links.evaluate_all("links => links.map(a => a.getBoundingClientRect())"
                                       ".map(r => [r.left, r.right, r.width, r.height])")
            for left, right, box_width, height in boxes:
                assert 0 <= left and right <= width + 0.5 and box_width > 0 and height > 0
            assert footer.locator("a[href='*|UNSUB|*']").is_visible()
            # The preheader stays hidden: nothing of it takes room on the page.
            assert page.evaluate("document.body.firstElementChild.getBoundingClientRect()"
                                 ".height") == 0
            page.screenshot(path=str(ARTIFACTS / f"email-footer-{lang}-{width}.png"),
                            full_page=True)
            context.close()
