"""In real headless Chromium (Debian's /usr/bin/chromium, driven by playwright)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
import yaml
from urllib.parse import quote
from playwright.sync_api import Browser, Page

from conftest import serving

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SLUG_PENDING = "changwon-echanges-numeriques-montpellier"


@pytest.fixture(scope="module")
def server(sample_site: Path) -> Iterator[str]:
    with serving(sample_site) as address:
        yield address




def test_switcher_leads_from_a_french_practice_to_the_same_korean_practice(page: Page, server: str) -> None:
    page.goto(f"{server}/fr/practices/tours-marathon-numerique/")
    assert page.locator("html").get_attribute("lang") == "fr"
    page.locator("a.nl-switcher__link").click()
    page.wait_for_url("**/ko/practices/tours-marathon-numerique/index.html")
    assert page.locator("html").get_attribute("lang") == "ko"
    assert "마라톤" in page.locator("h1").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ko-practice.png"), full_page=True)


def test_korean_search_finds_its_practice(page: Page, server: str) -> None:
    # Typed Hangul fires no keyup in automation: the ?q= deep link is how readers share a search.
    page.goto(f"{server}/ko/?q=마라톤")
    result = page.locator("#nl-results ol a[href*='practices/tours-marathon-numerique']")
    result.first.wait_for(timeout=15_000)
    page.screenshot(path=str(ARTIFACTS / "ko-search.png"))
    result.first.click()
    page.wait_for_url("**/ko/practices/tours-marathon-numerique/index.html")


QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yml").read_text(encoding="utf-8"))


def _results(page: Page, server: str, lang: str, query: str) -> list[str]:
    page.goto(f"{server}/{lang}/?q={quote(query)}")
    page.wait_for_function("() => !document.getElementById('nl-results').hidden", timeout=15_000)
    hrefs = page.locator("#nl-results ol a").evaluate_all("links => links.map(a => a.href)")
    return [href.removesuffix("/index.html").rstrip("/").split("/")[-1] for href in hrefs]


@pytest.mark.parametrize("lang", ["ko", "fr"])
def test_search_recall_on_the_held_out_queries(page: Page, server: str, lang: str) -> None:
    queries = [q for q in QUERIES if q["lang"] == lang]
    assert len(queries) >= 20
    expected = found = 0
    misses = []
    for query in queries:
        results = _results(page, server, lang, query["query"])
        hits = [slug for slug in query["expect"] if slug in results]
        expected += len(query["expect"])
        found += len(hits)
        if len(hits) < len(query["expect"]):
            misses.append((query["query"], sorted(set(query["expect"]) - set(hits))))
    recall = found / expected
    print(f"search recall {lang}: {found}/{expected} = {recall:.1%}; misses: {misses}")
    assert recall >= 0.95, misses


def test_same_results_for_a_word_with_or_without_its_particles(page: Page, server: str) -> None:
    forms = [_results(page, server, "ko", query) for query in ("도시", "도시의", "도시에서")]
    assert forms[0] and forms[0] == forms[1] == forms[2]
    assert _results(page, server, "fr", "energie") == _results(page, server, "fr", "Énergies")


PAGES = ["", "editions/2026-s1/", "practices/tours-marathon-numerique/", "themes/cooperation/",
         "practices/", "stats/", "guide/", "about/", "submit/"]


@pytest.mark.parametrize("lang", ["fr", "ko"])
def test_axe_finds_no_serious_violation(page: Page, server: str, lang: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found = {}
    query = "marathon" if lang == "fr" else "마라톤"
    for path in PAGES + [f"?q={quote(query)}"]:
        page.goto(f"{server}/{lang}/{path}")
        if "?q=" in path:
            page.wait_for_function("() => !document.getElementById('nl-results').hidden")
        violations = axe.run(page).response["violations"]
        serious = [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations
                   if v["impact"] in ("serious", "critical")]
        found[path] = serious
    print(f"axe {lang}: " + ", ".join(f"{path or 'home'}: {len(v)}" for path, v in found.items()))
    assert all(not v for v in found.values()), found


@pytest.mark.parametrize("lang", ["fr", "ko"])
def test_no_horizontal_scroll_at_360_pixels(browser: Browser, server: str, lang: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    for path in PAGES + ["editions/", "sizes/grande-ville/", f"practices/{SLUG_PENDING}/"]:
        page.goto(f"{server}/{lang}/{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, overflow)
    context.close()


@pytest.mark.parametrize("lang", ["fr", "ko"])
def test_short_code_stays_whole_on_a_phone(browser: Browser, server: str, lang: str) -> None:
    """`--lang` never breaks after its first hyphen, nor `항목: 값` inside a word (issue 19)."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{server}/{lang}/guide/")
    broken = page.evaluate("""() => [...document.querySelectorAll(
        '.md-typeset :not(pre) > code.nl-whole, .md-typeset :not(pre) > code .nl-whole')]
        .filter(code => code.getClientRects().length > 1).map(code => code.textContent)""")
    count = page.evaluate("document.querySelectorAll('code.nl-whole, code .nl-whole').length")
    assert count > 20 and broken == [], broken
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    context.close()


@pytest.mark.parametrize("lang", ["fr", "ko"])
def test_home_page_is_light_and_loads_only_from_its_own_host(browser: Browser, server: str,
                                                             lang: str) -> None:
    page = browser.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(f"{server}/{lang}/")
    page.wait_for_load_state("networkidle")
    sizes = {r.url: len(r.body()) for r in responses if r.status == 200}
    failed = [r.url for r in responses if r.status >= 400]
    total = sum(size for url, size in sizes.items() if "nl-index" not in url)
    print(f"home {lang}: {total} bytes in {len(sizes)} responses")
    assert total <= 300_000, sizes
    assert failed == []
    assert all(url.startswith(server) for url in sizes)
    page.close()


def test_screenshots_for_review(browser: Browser, server: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for width, suffix in ((1280, ""), (360, "-360")):
        page = browser.new_page(viewport={"width": width, "height": 900})
        for lang in ("fr", "ko"):
            for path, name in (("", "home"), ("practices/tours-marathon-numerique/", "practice"),
                               ("stats/", "stats")):
                page.goto(f"{server}/{lang}/{path}")
                target = ARTIFACTS / f"{lang}-{name}{suffix}.png"
                page.screenshot(path=str(target), full_page=True)
                assert target.stat().st_size > 10_000
        page.close()


def test_filters_combine_count_and_live_in_the_address(page: Page, server: str) -> None:
    page.goto(f"{server}/fr/practices/")
    cards = page.locator(".nl-cards .nl-card:visible")
    total = cards.count()
    assert total == 11
    count = page.locator("#nl-count")
    cooperation = page.locator("input[name=theme][value=cooperation]")
    korea = page.locator("input[name=country][value=KR]")
    korea_count = page.locator(".nl-filters__count[data-facet=country][data-value=KR]").inner_text()
    cooperation.check()
    assert "theme=cooperation" in page.url
    after_one = cards.count()
    assert 0 < after_one < total
    assert page.locator(".nl-filters__count[data-facet=country][data-value=KR]").inner_text() != korea_count
    korea.focus()
    assert page.evaluate("document.activeElement.value") == "KR"
    page.keyboard.press("Space")  # keyboard works like a click
    assert korea.is_checked()
    assert "country=KR" in page.url
    both = cards.count()
    assert 0 < both < after_one
    assert str(both) in count.inner_text()
    assert all("KR" == c.get_attribute("data-country") for c in cards.all())
    page.reload()
    assert cooperation.is_checked() and korea.is_checked() and cards.count() == both
    switcher = page.locator("a.nl-switcher__link")
    switcher.click()
    page.wait_for_url("**/ko/practices/index.html?*")
    assert page.locator("input[name=country][value=KR]").is_checked()
    assert page.locator(".nl-cards .nl-card:visible").count() == both
    page.go_back()
    page.wait_for_url("**/fr/practices/**")
    page.go_back()  # before the second filter
    assert not page.locator("input[name=country][value=KR]").is_checked()
    assert page.locator(".nl-cards .nl-card:visible").count() == after_one
    page.locator("#nl-filters-clear").click()
    assert page.locator(".nl-cards .nl-card:visible").count() == total
    assert "?" not in page.url


_SPLIT_WORDS = """(selector) => {
  const broken = [];
  for (const element of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      let start = 0;
      for (const word of node.textContent.split(/(\\s+)/)) {
        if (/[가-힣]/.test(word) && word.trim().length > 1) {
          const range = document.createRange();
          range.setStart(node, start);
          range.setEnd(node, start + word.length);
          const lines = new Set(Array.from(range.getClientRects(), r => Math.round(r.top)));
          if (lines.size > 1) broken.push(word);
        }
        start += word.length;
      }
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("width", [360, 1280])
def test_korean_titles_break_between_words_never_inside(browser: Browser, server: str,
                                                       width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for path in ("", "practices/", "editions/2026-s2/", "practices/tours-marathon-numerique/"):
        page.goto(f"{server}/ko/{path}")
        broken = page.evaluate(_SPLIT_WORDS, ".nl-card__title a, h1, .nl-lead, .md-nav__link")
        assert broken == [], (path, width, broken)
    context.close()


def test_the_search_panel_shows_its_last_result_on_a_phone(browser: Browser, server: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 640})
    page = context.new_page()
    page.goto(f"{server}/ko/?q={quote('도시')}")
    page.wait_for_function("() => !document.getElementById('nl-results').hidden", timeout=15_000)
    assert page.locator("#nl-results ol li").count() >= 4
    fits = page.evaluate("""() => {
      const panel = document.getElementById('nl-results');
      panel.scrollTop = panel.scrollHeight;
      const items = panel.querySelectorAll('ol li');
      const last = items[items.length - 1].getBoundingClientRect();
      const box = panel.getBoundingClientRect();
      return [last.bottom <= box.bottom + 1, box.bottom <= window.innerHeight];
    }""")
    assert fits == [True, True]
    page.screenshot(path=str(ARTIFACTS / "ko-search-360.png"))
    context.close()


def test_subscribe_leads_to_a_page_that_explains_feeds(page: Page, server: str) -> None:
    for lang, words in (("ko", "피드"), ("fr", "flux")):
        page.goto(f"{server}/{lang}/")
        page.locator(".nl-subscribe a").first.click()
        page.wait_for_url("**/subscribe/index.html*")
        assert page.locator("html").get_attribute("lang") == lang
        assert words in page.locator("article").inner_text().lower()
        feeds = page.locator(".nl-feeds a").evaluate_all("links => links.map(a => a.href)")
        assert any(href.endswith(f"/{lang}/feed.xml") for href in feeds)
        assert any(href.endswith(f"/{lang}/atom.xml") for href in feeds)
        page.screenshot(path=str(ARTIFACTS / f"{lang}-subscribe.png"), full_page=True)


def test_the_site_works_opened_from_a_disk(browser: Browser, sample_site: Path) -> None:
    """A copy on a USB stick: file:// addresses, no server."""
    context = browser.new_context()
    page = context.new_page()
    page.goto((sample_site / "index.html").as_uri())
    page.locator(".nl-landing__enter").first.click()
    page.wait_for_url("**/fr/index.html")
    assert page.locator("h1").count() == 1 and page.locator(".nl-card").count() > 0
    page.locator(".md-nav__link", has_text="Toutes les pratiques").first.click()
    page.wait_for_url("**/fr/practices/index.html")
    page.locator(".nl-card__title a").first.click()
    page.wait_for_url("**/fr/practices/*/index.html")
    page.locator("a.nl-switcher__link").click()
    page.wait_for_url("**/ko/practices/*/index.html")
    page.goto((sample_site / "ko" / "index.html").as_uri() + "?q=" + quote("마라톤"))
    result = page.locator("#nl-results ol a[href*='tours-marathon-numerique']")
    result.first.wait_for(timeout=15_000)
    result.first.click()
    page.wait_for_url("**/ko/practices/tours-marathon-numerique/index.html")
    context.close()
