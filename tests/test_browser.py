"""In real headless Chromium (Debian's /usr/bin/chromium, driven by playwright)."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server(sample_site: Path) -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(sample_site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), f"Chromium is required at {CHROMIUM} (.ci/run installs it)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    foreign: list[str] = []
    page.on("request", lambda request: foreign.append(request.url)
            if not request.url.startswith((server, "data:", "blob:")) else None)
    yield page
    context.close()
    assert foreign == [], f"requests to another host: {foreign}"


def test_switcher_leads_from_a_french_practice_to_the_same_korean_practice(page: Page, server: str) -> None:
    page.goto(f"{server}/fr/practices/tours-marathon-numerique/")
    assert page.locator("html").get_attribute("lang") == "fr"
    page.locator("a.nl-switcher__link").click()
    page.wait_for_url("**/ko/practices/tours-marathon-numerique/")
    assert page.locator("html").get_attribute("lang") == "ko"
    assert "마라톤" in page.locator("h1").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ko-practice.png"), full_page=True)


def test_korean_search_finds_its_practice(page: Page, server: str) -> None:
    # Typed Hangul fires no keyup in automation: the ?q= deep link is how readers share a search.
    page.goto(f"{server}/ko/?q=마라톤")
    result = page.locator(".md-search-result__item a[href*='practices/tours-marathon-numerique']")
    result.first.wait_for(timeout=15_000)
    href = result.first.get_attribute("href")
    assert href and "tours-marathon-numerique" in href
    page.screenshot(path=str(ARTIFACTS / "ko-search.png"))
