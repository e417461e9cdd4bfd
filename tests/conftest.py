"""Shared fixtures: the tests' own sample content, scratch copies of it, built sites,
and a real browser.

The tests never read the shipped content (practices/, editions/ of the project):
editors change it, and `make test` must stay green when they do. They use
`tests/fixtures/sample/`, a frozen copy with every case the tests need (a missing
and an outdated translation, Korean originals, …)."""
from __future__ import annotations

import atexit
import calendar
import functools
import hashlib
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parent.parent
ENTRY = ROOT / "build_newsletter.py"
SAMPLE = Path(__file__).resolve().parent / "fixtures" / "sample"
"""The tests' content tree (never the shipped one)."""
# "Today" for every build of the test run: the sample's editions are both published then.
TODAY_EPOCH = calendar.timegm((2026, 11, 28, 12, 0, 0))
SITE_URL = "https://lettre.example.org/"
# Korean word analyses, e-mails and PDFs are cached between builds; the tests keep theirs
# to themselves, even where a cache is set for builds (CI's, an editor's shell): their
# content trees are temporary folders, whose files would pile up in it.
os.environ["NEWSLETTER_CACHE"] = tempfile.mkdtemp(prefix="newsletter-test-cache-")
atexit.register(shutil.rmtree, os.environ["NEWSLETTER_CACHE"], True)


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
        ) -> subprocess.CompletedProcess[str]:
    """The real command line, as an editor runs it."""
    environment = {**os.environ, "SOURCE_DATE_EPOCH": str(TODAY_EPOCH), "LANG": "C.UTF-8",
                   **(env or {})}
    environment.pop("NEWSLETTER_DEBUG", None)
    return subprocess.run([sys.executable, str(ENTRY), *args], cwd=cwd or SAMPLE, env=environment,
                          capture_output=True, text=True, timeout=300)


def copy_content(target: Path, source: Path = SAMPLE) -> Path:
    """A scratch copy of a content tree (the tests' sample by default) that a test may change."""
    target.mkdir(parents=True, exist_ok=True)
    for entry in source.iterdir():
        if entry.is_dir() and entry.name != "site":
            shutil.copytree(entry, target / entry.name)
        elif entry.name.endswith(".yml"):
            shutil.copy(entry, target / entry.name)
    return target


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return copy_content(tmp_path / "content")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample content built once for the whole run."""
    out = tmp_path_factory.mktemp("sample") / "site"
    result = run("build", "--out", str(out), "--site-url", SITE_URL)
    assert result.returncode == 0, result.stderr
    return out


def practice_slugs() -> list[str]:
    return sorted(p.name for p in (SAMPLE / "practices").iterdir() if p.is_dir())


def digest(folder: Path) -> dict[str, str]:
    """Every file under `folder` with the hash of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# -- a real browser ----------------------------------------------------------------------

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """`folder` served over HTTP on localhost; yields the server's address."""
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by playwright (which cannot download its own)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"Chromium is required at {CHROMIUM} (.ci/run installs it)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server: str):
    """A 1280-pixel page of `browser` (the module's `server` fixture gives the site), which
    fails the test if it requested anything from another host."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    foreign: list[str] = []
    page.on("request", lambda request: foreign.append(request.url)
            if not request.url.startswith((server, "data:", "blob:")) else None)
    yield page
    context.close()
    assert foreign == [], f"requests to another host: {foreign}"


CONTENT_NAMES = ("practices", "editions", "collectivities", "taxonomy.yml", "federation.yml")
"""What editors write: the shipped content, which no test reads."""


def project_copy(target: Path, content: Path = SAMPLE) -> Path:
    """The project as a fresh clone has it (tracked and new files, not .venv or site/),
    with the `.venv` that `make site` would have made, and the tests' own `content` in
    place of the shipped one (which editors change)."""
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "--cached", "--others",
                             "--exclude-standard"], capture_output=True, text=True, check=True)
    for name in listed.stdout.splitlines():
        source = ROOT / name
        if source.is_file() and name.split("/")[0] not in CONTENT_NAMES:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    copy_content(target, content)
    (target / ".venv").symlink_to(ROOT / ".venv")
    return target
