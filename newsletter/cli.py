"""The command line: `python3 build_newsletter.py build|check|new|serve`.

Exit codes: 0 done (warnings allowed), 1 content errors, 2 usage errors.
No traceback reaches the user.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from . import i18n
from .i18n import _


class UsageError(Exception):
    """A mistake in the command itself (exit code 2)."""


class Terminated(KeyboardInterrupt):
    """SIGTERM (a service manager, `timeout`, `kill`): stopped like Ctrl-C, cleaned up."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="build_newsletter.py",
        description="Lettre des bonnes pratiques / 우수사례 뉴스레터: build, check and preview.")
    main.add_argument("--content", type=Path, default=Path("."), metavar="DIR",
                      help="the content folder (practices/, editions/, taxonomy.yml); default: .")
    main.add_argument("--lang", choices=("fr", "ko"),
                      help="language of the messages (default: from LANG, else fr)")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="check the content, then build the site")
    build.add_argument("--out", type=Path, default=Path("site"), metavar="DIR",
                       help="output folder (default: site/)")
    build.add_argument("--drafts", action="store_true",
                       help="include draft editions (published after today), marked as drafts")
    build.add_argument("--site-url", metavar="URL",
                       help="the site's public address (default: site_url of mkdocs.yml)")

    check = commands.add_parser("check", help="validate the content only")
    check.add_argument("--strict", action="store_true", help="count warnings as errors")
    check.add_argument("--format", choices=("text", "github"), default="text",
                       help="github: annotations for GitHub Actions")

    new = commands.add_parser("new", help="create a practice from a model (never overwrites)")
    new.add_argument("slug", help="the practice's permanent name, e.g. tours-marathon-numerique")
    new.add_argument("--source", dest="source_lang", choices=("fr", "ko"), default="fr",
                     help="language of the original text (default: fr)")

    status = commands.add_parser("status", help="translation status, per edition and practice")
    status.add_argument("--format", choices=("text", "json"), default="text")

    translated = commands.add_parser(
        "translated", help="mark a practice's translation as matching its current original")
    translated.add_argument("slug")
    translated.add_argument("--translation", dest="translation_lang", choices=("fr", "ko"),
                            help="the translation to mark (default: every translation)")

    serve = commands.add_parser("serve", help="live preview with drafts, rebuilt on every change")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--host", default="127.0.0.1")
    # `--lang` and `--content` mean one thing wherever they are written.
    for command in commands.choices.values():
        command.add_argument("--lang", dest="lang_after", choices=("fr", "ko"),
                             help="language of the messages (default: from LANG, else fr)")
        command.add_argument("--content", dest="content_after", type=Path, metavar="DIR",
                             help="the content folder (default: .)")
    return main


def main(argv: list[str] | None = None) -> int:
    try:
        arguments = parser().parse_args(argv)
    except SystemExit as exit:
        return int(exit.code or 0)
    i18n.use_language(arguments.lang_after or arguments.lang or
                      i18n.language_from_environment())
    signal.signal(signal.SIGTERM, _terminate)
    try:
        return _run(arguments)
    except UsageError as error:
        print(f"build_newsletter.py: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as interruption:
        print(_("Interrupted; the previous site is left as it was."), file=sys.stderr)
        return 143 if isinstance(interruption, Terminated) else 130
    except BrokenPipeError:  # `status | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # noqa: BLE001 - the last line of defence: no traceback
        if os.environ.get("NEWSLETTER_DEBUG"):
            raise
        print(_("internal error: {error} (run again with NEWSLETTER_DEBUG=1 for details, "
                "and report it)").format(error=f"{type(error).__name__}: {error}"),
              file=sys.stderr)
        return 1


def _run(arguments: argparse.Namespace) -> int:
    root = arguments.content_after or arguments.content
    if not root.is_dir():
        raise UsageError(_("the content folder {path} does not exist").format(path=root))
    if arguments.command == "check":
        from .commands import check
        return check(root, strict=arguments.strict, style=arguments.format)
    if arguments.command == "build":
        from .commands import build_site
        return build_site(root, arguments.out, arguments.site_url, arguments.drafts)
    if arguments.command == "new":
        from .scaffold import scaffold
        return scaffold(root, arguments.slug, arguments.source_lang)
    if arguments.command == "status":
        from .commands import status
        return status(root, style=arguments.format)
    if arguments.command == "translated":
        from .commands import translated
        return translated(root, arguments.slug, arguments.translation_lang)
    if arguments.command == "serve":
        from .serve import serve
        return serve(root, arguments.host, arguments.port)
    raise UsageError(arguments.command)  # pragma: no cover - argparse rejects it first
