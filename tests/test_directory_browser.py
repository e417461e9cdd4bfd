"""The directory's pages and the map in real headless Chromium (issue 12), on a site
built from the tests' own content (directory_content)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page

from conftest import SITE_URL, run, serving
from directory_content import make_directory_tree

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
WITH_PRACTICES = {"tours", "lyon", "seocho"}
"""The collectivities of the fixture's published practices."""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = make_directory_tree(tmp_path_factory.mktemp("directory-browser") / "content")
    out = root.parent / "site"
    result = run("build", "--out", str(out), "--site-url", SITE_URL, cwd=root)
    assert result.returncode == 0, result.stderr
    with serving(out) as address:
        yield address




@pytest.mark.parametrize("lang", ["fr", "ko"])
def test_map_shows_one_point_per_collectivity_with_practices_and_each_link_resolves(
        page: Page, server: str, lang: str) -> None:
    page.goto(f"{server}/{lang}/map/")
    filled = page.locator("svg.nl-map a.nl-map__place:has(circle:not(.nl-map__point--empty))")
    assert filled.count() == len(WITH_PRACTICES)
    places = page.locator("svg.nl-map a.nl-map__place")
    targets = places.evaluate_all(
        "links => links.map(a => [a.getAttribute('aria-label'), "
        "new URL(a.getAttribute('href'), document.baseURI).href])")
    assert len(targets) == len(WITH_PRACTICES) + 2  # and the two partners without practice
    keys = set()
    for label, url in targets:
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        # The heading has French typography (a no-break space after « 15e »), not the label.
        assert " ".join(page.locator("h1").inner_text().split()) == label
        keys.add(url.removesuffix("index.html").rstrip("/").split("/")[-1])
    assert WITH_PRACTICES < keys
    # A point is a link that the keyboard reaches, with a visible focus.
    page.goto(f"{server}/{lang}/map/")
    first = places.first
    first.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    style = first.evaluate("a => getComputedStyle(a).outlineStyle + ' ' + "
                           "getComputedStyle(a.querySelector('circle')).strokeWidth")
    assert style.startswith("solid ") and style != "solid 1.5px", style
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{lang}-map.png"), full_page=True)


def test_clicking_a_point_opens_its_page(page: Page, server: str) -> None:
    page.goto(f"{server}/fr/map/")
    page.locator("svg.nl-map a.nl-map__place[aria-label='Ville de Tours']").click()
    page.wait_for_url(re.compile(r".*/fr/collectivities/tours/(index\.html)?$"))
    assert page.locator("h1").inner_text() == "Ville de Tours"


PAGES = ["collectivities/", "collectivities/gumi/", "collectivities/tours/", "map/"]


@pytest.mark.parametrize("lang", ["fr", "ko"])
def test_axe_finds_no_serious_violation_on_the_directory_pages(page: Page, server: str,
                                                               lang: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found = {}
    for path in PAGES:
        page.goto(f"{server}/{lang}/{path}")
        violations = axe.run(page).response["violations"]
        found[path] = [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations
                       if v["impact"] in ("serious", "critical")]
    assert all(not v for v in found.values()), found


def test_directory_filters_by_country_type_and_interest(page: Page, server: str) -> None:
    page.goto(f"{server}/fr/collectivities/")
    cards = page.locator(".nl-group .nl-place")
    assert cards.count() == 6
    page.locator("input[name=country][value=KR]").check()
    page.wait_for_url(re.compile(r".*/fr/collectivities/(index\.html)?\?country=KR$"))
    assert page.locator(".nl-group .nl-place:visible").count() == 3
    page.locator("input[name=interest][value=energies-renouvelables]").check()
    visible = page.locator(".nl-group .nl-place:visible h3").all_inner_texts()
    assert sorted(visible) == ["Arrondissement de Seocho (Séoul)", "Ville de Gumi"]
    assert "2" in page.locator("#nl-count").inner_text()
    page.locator("input[name=type][value=gu]").check()
    assert page.locator(".nl-group .nl-place:visible h3").all_inner_texts() == [
        "Arrondissement de Seocho (Séoul)"]
    # The French group, now empty, is hidden; the selection survives a reload.
    assert not page.locator("#nl-group-fr").is_visible()
    page.reload()
    assert page.locator(".nl-group .nl-place:visible").count() == 1
    page.locator("#nl-filters-clear").click()
    assert page.locator(".nl-group .nl-place:visible").count() == 6


def test_without_javascript_the_directory_lists_everything(browser: Browser, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/ko/collectivities/")
    assert page.locator(".nl-group .nl-place:visible").count() == 6
    assert not page.locator("#nl-filters").is_visible()
    context.close()


@pytest.mark.parametrize("lang", ["fr", "ko"])
def test_no_horizontal_scroll_at_360_pixels(browser: Browser, server: str, lang: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    for path in PAGES:
        page.goto(f"{server}/{lang}/{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, overflow)
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{server}/{lang}/collectivities/gumi/")
    page.screenshot(path=str(ARTIFACTS / f"{lang}-collectivity-360.png"), full_page=True)
    context.close()
