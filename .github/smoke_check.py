#!/usr/bin/env python3
"""A smoke check of a built site, for the content's workflows (deploy.yml, content.yml):
seconds, not the code's test suite. Standard library only.

    python .github/smoke_check.py site

Checks that the landing page, each language's home, the sitemap and the feeds are there
and well-formed; that each published edition has its page, its e-mail (HTML and text)
and its PDF; and that the links of those pages and of the listing pages lead to files of
the site. Prints what is wrong and exits 1, else one line and 0.
"""
from __future__ import annotations

import sys
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LANGUAGES = ("fr", "ko")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and ((tag == "a" and name == "href") or (tag in ("img", "script") and name == "src")
                          or (tag == "link" and name == "href")):
                self.links.append(value)
        self._in_title = tag == "title"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False


def _broken_links(page: Path, site: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    problems = [] if parser.title.strip() else [f"{page.relative_to(site)}: no <title>"]
    for link in parser.links:
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        target = (page.parent / unquote(parts.path)).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            problems.append(f"{page.relative_to(site)}: broken link {link}")
    return problems


def check(site: Path) -> tuple[list[str], int]:
    problems: list[str] = []
    pages = [site / "index.html"] + [site / lang / "index.html" for lang in LANGUAGES]
    for required in pages + [site / "sitemap.xml"]:
        if not required.is_file():
            problems.append(f"missing: {required.relative_to(site)}")
    feeds = [site / lang / name for lang in LANGUAGES for name in ("feed.xml", "atom.xml")]
    for feed in feeds + [site / "sitemap.xml"]:
        try:
            ElementTree.parse(feed)
        except (OSError, ElementTree.ParseError) as error:
            problems.append(f"{feed.relative_to(site)}: not well-formed XML ({error})")
    for lang in LANGUAGES:
        for folder in sorted((site / lang / "editions").glob("*-s[12]")):
            for name in ("index.html", "email.html", "email.txt"):
                if not (folder / name).is_file():
                    problems.append(f"missing: {(folder / name).relative_to(site)}")
            documents = list(folder.glob("*.pdf"))
            if not documents or not all(d.read_bytes()[:5] == b"%PDF-" for d in documents):
                problems.append(f"{folder.relative_to(site)}: no PDF, or not a PDF")
            pages.append(folder / "index.html")
        for listing in ("practices", "themes", "sizes", "editions"):
            pages += sorted((site / lang / listing).glob("*/index.html"))[:50] if listing != "practices" \
                else [site / lang / "practices" / "index.html"]
    for page in pages:
        if page.is_file():
            problems += _broken_links(page, site)
    return problems, len(pages)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: python .github/smoke_check.py SITE_FOLDER", file=sys.stderr)
        return 2
    problems, pages = check(Path(argv[0]))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f"smoke check: {pages} pages, their links, the feeds, the sitemap and each "
          "edition's e-mail and PDF are there")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
