"""`proof <id>`: an edition's e-mail (HTML and text) and PDF in both languages, exactly as
they will be sent on its publication day (the public addresses, no draft mark), whatever
today's date: for the team to read them and send itself a test before the day.

Written into `DIR/fr/` and `DIR/ko/` (default `proofs/<id>/`, which git ignores). The
folder is the command's own: it holds a `.newsletter-proof` file, and a folder without
it that holds anything is never written into.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from ..letters import artifacts, making
from . import report
from .core import PLACEHOLDER_HOSTS, site_url_or_default
from ..content.editions import collect, today
from ..i18n import _
from ..content.loading import load
from ..content.model import LANGUAGES
from ..usage import UsageError

MARK = ".newsletter-proof"


def proof(root: Path, edition_id: str, out: Path | None, site_url: str | None) -> int:
    url = site_url_or_default(site_url)
    loaded = load(root)
    if loaded.errors or loaded.content is None:
        for line in report.lines(loaded.errors):
            print(line, file=sys.stderr)
        print(_("Fix these errors first; nothing was written."), file=sys.stderr)
        return 1
    content = loaded.content
    edition = next((e for e in content.editions if e.id == edition_id), None)
    if edition is None:
        known = ", ".join(sorted(e.id for e in content.editions)) or "—"
        raise UsageError(_("there is no edition \"{edition}\" (editions: {known}); to open it: "
                           "python3 build_newsletter.py new-edition {edition}").format(
                               edition=edition_id, known=known))
    folder = out if out is not None else root / "proofs" / edition_id
    _claim(folder, root)
    # The site as it will be on the day: this edition published, those after it not yet.
    site = collect(content, max(today(), edition.published), include_drafts=False)
    written, warnings = [], []
    missing = False
    for lang in LANGUAGES:
        files, said = making.make_now(site, edition, lang, root, url)
        warnings += said
        missing = missing or not any(name.endswith(".pdf") for name in files)
        for name, data in sorted(files.items()):
            written.append(_write(folder, lang, name, data))
    for warning in warnings:
        print(warning, file=sys.stderr)
    for path in written:
        print(path.as_posix())
    if not written:
        return 1
    host = url.split("/")[2].split(":")[0]
    if host in PLACEHOLDER_HOSTS:
        print(_("note: the links and images point at {url}, an example address; pass the "
                "public address with --site-url https://…").format(url=url), file=sys.stderr)
    print(_("The e-mail's images load from {url} once the edition is deployed. Send yourself "
            "a test: import email.html into the mailing tool (email.txt is its text version) "
            "and attach or link the PDF.").format(url=url), file=sys.stderr)
    return 1 if missing and artifacts.pdf_problem() is None else 0


def _write(folder: Path, lang: str, name: str, data: bytes) -> Path:
    """One file, never through a link (a link committed in proofs/ could lead anywhere)."""
    sub = folder / lang
    if sub.is_symlink() or (sub.exists() and not sub.is_dir()):
        raise UsageError(_("--out: {path} is a link or a file, not a folder; nothing more "
                           "was written").format(path=sub))
    sub.mkdir(exist_ok=True)
    target = sub / name
    if target.is_symlink():
        target.unlink()  # our own folder: a link there is replaced by the file, never followed
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)
    return target


def _claim(folder: Path, root: Path) -> None:
    """Make `folder` the command's own, or refuse it (it holds someone else's files, or a
    folder on its way is a link)."""
    folder, root = Path(os.path.abspath(folder)), Path(os.path.abspath(root))
    inside = [part for part in [folder, *folder.parents]
              if part == folder or (part.is_relative_to(root) and part != root)]
    for part in inside:  # a link committed in the content (proofs/ itself) could lead anywhere
        if part.is_symlink():
            raise UsageError(_("--out: {path} is a link; proofs are written into real "
                               "folders only, nothing was written").format(path=part))
    if folder.exists() and not folder.is_dir():
        raise UsageError(_("--out: {path} is not a folder; nothing was written").format(
            path=folder))
    if folder.is_dir() and any(folder.iterdir()) and not (folder / MARK).is_file():
        raise UsageError(_("--out: {path} already holds files that proof did not write; "
                           "choose an empty or new folder").format(path=folder))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARK).write_text("written by build_newsletter.py proof\n", encoding="utf-8")
