"""What each command does, in terms of the pipeline; `cli` only parses arguments."""
from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit

from . import report
from .build import BuildResult, BuildSettings, build
from .editions import today
from .i18n import _
from .loading import load
from .mkdocs_site import SiteLayerError, configured_site_url


def check(root: Path, strict: bool = False, style: str = "text") -> int:
    loaded = load(root)
    for line in report.lines(loaded.problems, style):
        print(line)
    if style == "text":
        print(report.summary(loaded.problems), file=sys.stderr)
    failed = loaded.errors or (strict and loaded.warnings)
    return 1 if failed else 0


def site_url_or_default(site_url: str | None) -> str:
    from .cli import UsageError

    url = site_url or configured_site_url()
    if not url:
        raise UsageError(_("no site address: pass --site-url https://… or set site_url in "
                           "mkdocs.yml"))
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(_("--site-url must be a full address such as "
                           "https://lettre.example.org/, not \"{url}\"").format(url=url))
    return url.rstrip("/") + "/"


def build_site(root: Path, out: Path, site_url: str | None, drafts: bool,
               quiet: bool = False) -> int:
    settings = BuildSettings(root, out, site_url_or_default(site_url), today(), drafts)
    try:
        result = build(settings)
    except SiteLayerError as error:
        print(_("the site could not be built, and {out} is left as it was:\n{error}").format(
            out=out, error=error), file=sys.stderr)
        return 1
    _print_result(result, out, quiet)
    return 0 if result.built else 1


def _print_result(result: BuildResult, out: Path, quiet: bool) -> None:
    for line in report.lines(result.problems):
        print(line, file=sys.stderr)
    if not result.built:
        print(_("Build refused: fix the errors above; {out} is left as it was.").format(out=out),
              file=sys.stderr)
        return
    for warning in result.site_warnings:
        print(f"mkdocs: {warning}", file=sys.stderr)
    if not quiet:
        print(_("Built {pages} pages into {out} in {seconds:.1f} s.").format(
            pages=result.pages, out=out, seconds=result.seconds), file=sys.stderr)
