"""What each command does, in terms of the pipeline; `cli` only parses arguments."""
from __future__ import annotations

import datetime as dt
import re
import signal
import sys
from pathlib import Path
from urllib.parse import urlsplit

from ..content import translations
from .. import i18n
from . import report
from .progress import Display
from ..build import BuildResult, BuildSettings, build
from ..content.editions import today
from ..usage import UsageError
from ..i18n import _, ngettext
from ..content.loading import load
from ..letters.artifacts import ArtifactError
from ..site.mkdocs_site import SiteLayerError, configured_site_url
from ..output import refusal, remove_own_leftovers
from ..processes import relayed


def check(root: Path, strict: bool = False, style: str = "text") -> int:
    loaded = load(root)
    problems = loaded.problems
    if loaded.content is not None:
        problems = problems + translations.warnings(loaded.content, today())
    for line in report.lines(problems, style):
        print(line)
    if style == "text":
        print(report.summary(problems), file=sys.stderr)
    failed = any(p.is_error or strict for p in problems)
    return 1 if failed else 0


def _date(day: dt.date) -> str:
    return i18n.format_date(day, i18n.current_language())


def days_left(day: dt.date) -> str:
    days = (day - today()).days
    return ngettext("{count} day left", "{count} days left", days).format(count=days)


def practice_count(count: int) -> str:
    if count == 0:
        return _("no practice yet")
    return ngettext("{count} practice", "{count} practices", count).format(count=count)


def translated(root: Path, slug: str, lang: str | None) -> int:
    loaded = load(root)
    practice = next((p for p in (loaded.content.practices if loaded.content else ())
                     if p.slug == slug), None)
    if practice is None:
        mine = [p for p in loaded.errors if p.path.startswith(f"practices/{slug}/")
                or p.path == f"practices/{slug}"]
        if mine or (root / "practices" / slug).is_dir():
            for line in report.lines(mine or loaded.errors):
                print(line, file=sys.stderr)
            print(_("Fix these errors first; nothing was written."), file=sys.stderr)
            return 1
        raise UsageError(_("no practice \"{slug}\" in practices/").format(slug=slug))
    targets = [lang] if lang else [code for code in practice.translations
                                   if code != practice.source_lang]
    if not targets or any(code == practice.source_lang or code not in practice.translations
                          for code in targets):
        raise UsageError(_("{slug} has no translation to mark (its original is {lang}.md)").format(
            slug=slug, lang=practice.source_lang))
    for code in targets:
        file = translations.mark_translated(root, practice, code)
        print(_("{file}: marked as the translation of the current original").format(
            file=file.relative_to(root).as_posix()))
    return 0


def site_url_or_default(site_url: str | None) -> str:
    url = site_url or configured_site_url()
    if not url:
        raise UsageError(_("no site address: pass --site-url https://… or set site_url in "
                           "mkdocs.yml"))
    if not valid_site_url(url):
        raise UsageError(_("--site-url must be a full address such as "
                           "https://lettre.example.org/ or https://host/letter/ (http or "
                           "https, no spaces, quotes, query or fragment), not \"{url}\""
                           ).format(url=url))
    return url.rstrip("/") + "/"


PLACEHOLDER_HOSTS = {"lettre.example.org", "example.org", "example.com", "example.net"}
"""The address mkdocs.yml ships with, and the documentation's examples."""
_URL_CHARACTERS = re.compile(r"^[A-Za-z0-9\-._~:/\[\]@!$&()*+,;=%]+$")


def valid_site_url(url: str) -> bool:
    """An absolute http(s) address made of URL characters only: it is printed into
    every page, feed and sitemap."""
    if not _URL_CHARACTERS.match(url) or "'" in url:
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and \
        not parts.username and not parts.password and not parts.query and not parts.fragment


def build_site(root: Path, out: Path, site_url: str | None, drafts: bool,
               quiet: bool = False) -> int:
    refused = refusal(out, root)
    if refused:
        raise UsageError(_("--out: {reason}. The build replaces its output folder entirely, "
                           "so it only writes into a new or empty folder, or one it wrote "
                           "before (default: site/).").format(reason=refused))
    settings = BuildSettings(root, out, site_url_or_default(site_url), today(), drafts)
    if urlsplit(settings.site_url).hostname in PLACEHOLDER_HOSTS:
        print(_("warning: the site's address is still the example {url}; feeds, the sitemap "
                "and search engines will point there. Pass --site-url with the real address, "
                "or set site_url in mkdocs.yml.").format(url=settings.site_url), file=sys.stderr)
    display = Display(sys.stderr, quiet=quiet)
    try:
        with relayed(display) as progress:
            result = build(settings, progress)
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: nothing of this build is left behind
        for name in (signal.SIGINT, signal.SIGTERM):
            signal.signal(name, signal.SIG_IGN)
        remove_own_leftovers(out)
        raise
    except (SiteLayerError, ArtifactError) as error:
        display.close()
        print(_("the site could not be built, and {out} is left as it was:\n{error}").format(
            out=out, error=error), file=sys.stderr)
        return 1
    finally:
        display.close()
    _print_result(result, out, quiet, display)
    return 0 if result.built else 1


def _print_result(result: BuildResult, out: Path, quiet: bool, display: Display) -> None:
    for line in report.lines(result.problems):
        print(line, file=sys.stderr)
    if result.shallow_history:
        print(_("note: this is a shallow git clone, so the feeds date each practice by its "
                "\"updated\" field or its edition, not by git; fetch the full history "
                "(fetch-depth: 0) to date practices by their last commit."), file=sys.stderr)
    if not result.built:
        print(_("Build refused: fix the errors above; {out} is left as it was.").format(out=out),
              file=sys.stderr)
        return
    for warning in result.site_warnings:
        print(f"mkdocs: {warning}", file=sys.stderr)
    for warning in result.artifact_warnings:
        print(_("warning: {message}").format(message=warning), file=sys.stderr)
    for draft in result.drafts_left_out:
        print(_("left out: {edition}, a draft until {date} ({left}), {practices}; see it with "
                "make serve, its e-mail and PDF with python3 build_newsletter.py proof "
                "{edition}").format(edition=draft.id, date=_date(draft.published),
                                    left=days_left(draft.published),
                                    practices=practice_count(draft.practices)), file=sys.stderr)
    if not quiet:
        for line in display.table(result.stages):
            print(line, file=sys.stderr)
    print(_("Built {pages} pages into {out} in {seconds} s.").format(
        pages=result.pages, out=out, seconds=i18n.decimal(result.seconds)), file=sys.stderr)
