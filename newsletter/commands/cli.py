"""The command line: `python3 build_newsletter.py build|check|new|new-edition|proof|status|
translated|import|export|serve`.

Exit codes: 0 done (warnings allowed), 1 content errors, 2 usage errors.
No traceback reaches the user.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from .. import i18n
from ..i18n import N_, _
from ..usage import UsageError


class Terminated(KeyboardInterrupt):
    """SIGTERM (a service manager, `timeout`, `kill`): stopped like Ctrl-C, cleaned up."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


# argparse writes its own words (usage, errors, "show this help message and exit")
# through its module's `_` and `ngettext`, its only hook for translation: listed here so
# that the catalogs hold them, and given the chosen language by `localise_argparse`.
ARGPARSE_WORDS = (
    N_("usage: "), N_("positional arguments"), N_("options"),
    N_("show this help message and exit"), N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"), N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"), N_("expected one argument"),
    N_("expected at least one argument"), N_("expected at most one argument"),
    N_("ignored explicit argument %r"), N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"), N_("one of the arguments %s is required"),
)


def localise_argparse() -> None:
    """argparse's own words in the language of the messages (see ARGPARSE_WORDS)."""
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]


def _port(value: str) -> int:
    if value.isdigit() and 0 < int(value) < 65536:
        return int(value)
    raise argparse.ArgumentTypeError(_("\"{value}\" is not a port number (1 to 65535)").format(
        value=value))


def parser() -> argparse.ArgumentParser:
    """The command line, its help in the language of the messages (`i18n.use_language`)."""
    language = _("language of the messages (default: from LANG, else fr)")
    folder = _("the content folder (practices/, editions/, taxonomy.yml); default: .")
    main = argparse.ArgumentParser(
        prog="build_newsletter.py",
        description=_("Lettre des bonnes pratiques / 우수사례 뉴스레터: check, build and "
                      "preview the newsletter, and prepare each edition."))
    main.add_argument("--content", type=Path, default=Path("."), metavar="DIR", help=folder)
    main.add_argument("--lang", choices=("fr", "ko"), help=language)
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                   title=_("commands"))
    site_url = _("the site's public address, for the links and images of feeds, e-mails "
                 "and PDFs (default: site_url of mkdocs.yml)")

    build = commands.add_parser("build", help=_("check the content, then build the site"))
    build.add_argument("--out", type=Path, default=Path("site"), metavar="DIR",
                       help=_("output folder (default: site/)"))
    build.add_argument("--drafts", action="store_true",
                       help=_("include draft editions (published after today), marked as drafts"))
    build.add_argument("--site-url", metavar="URL", help=site_url)
    build.add_argument("--quiet", action="store_true", help=_(
        "show only the problems and the last line (not the stages as they run, nor "
        "their seconds)"))

    check = commands.add_parser("check", help=_("validate the content only"))
    check.add_argument("--strict", action="store_true", help=_("count warnings as errors"))
    check.add_argument("--format", choices=("text", "github"), default="text",
                       help=_("github: annotations for GitHub Actions"))

    new = commands.add_parser("new", help=_("create a practice from a model, in the next "
                                            "edition (never overwrites)"))
    new.add_argument("slug", help=_("the practice's permanent name, e.g. tours-velo-ecole"))
    new.add_argument("--source", dest="source_lang", choices=("fr", "ko"), default="fr",
                     help=_("language of the original text (default: fr)"))

    edition = commands.add_parser("new-edition", help=_(
        "open an edition: its edito in both languages, from a model (never overwrites)"))
    edition.add_argument("edition_id", metavar="ID", help=_("YYYY-s1 or YYYY-s2, e.g. 2027-s1"))
    edition.add_argument("--published", metavar="YYYY-MM-DD", help=_(
        "its publication date (default: June 15 for s1, December 15 for s2)"))

    proof = commands.add_parser("proof", help=_(
        "an edition's e-mail and PDF in both languages, as they will be sent, whatever the date"))
    proof.add_argument("edition_id", metavar="ID", help=_("the edition, e.g. 2027-s1"))
    proof.add_argument("--out", type=Path, metavar="DIR",
                       help=_("output folder (default: proofs/<ID>/)"))
    proof.add_argument("--site-url", metavar="URL", help=site_url)

    status = commands.add_parser("status", help=_(
        "per edition: its date, its practices, what is missing before it can go out"))
    status.add_argument("--format", choices=("text", "json"), default="text",
                        help=_("json: for other tools"))

    translated = commands.add_parser(
        "translated", help=_("mark a practice's translation as matching its current original"))
    translated.add_argument("slug", help=_("the practice, e.g. tours-velo-ecole"))
    translated.add_argument("--translation", dest="translation_lang", choices=("fr", "ko"),
                            help=_("the translation to mark (default: every translation)"))

    # issue 20: Word fiches in and out. Their `--lang` is the fiche's language; the
    # language of the messages is given before the command (or by LANG).
    document = _("the fiche's language (default: {default})")
    importing = commands.add_parser("import", help=_(
        "a Word fiche (or any Word document) into a practice (never overwrites)"))
    importing.add_argument("file", type=Path, metavar="FILE", help=_("the .docx document"))
    importing.add_argument("--slug", help=_(
        "the new practice's permanent name, e.g. tours-velo-ecole (default: the one an "
        "exported fiche gives)"))
    importing.add_argument("--translation-of", dest="translation_of", metavar="SLUG", help=_(
        "the document is the translation of this practice: write its translated fields and "
        "text"))
    importing.add_argument("--lang", dest="document_lang", choices=("fr", "ko"),
                           help=document.format(default=_("found from the document")))
    exporting = commands.add_parser("export", help=_(
        "a practice as a filled fiche (.docx), to correct or to translate"))
    exporting.add_argument("slug", help=_("the practice, e.g. tours-velo-ecole"))
    exporting.add_argument("--out", type=Path, metavar="FILE", help=_(
        "the file to write (default: fiches/<slug>-<lang>.docx); never replaced"))
    exporting.add_argument("--lang", dest="document_lang", choices=("fr", "ko"),
                           help=document.format(default=_("the original's")))

    serve = commands.add_parser("serve", help=_(
        "live preview with drafts, rebuilt on every change"))
    serve.add_argument("--port", type=_port, default=8000,
                       help=_("the port to listen on (default: 8000)"))
    serve.add_argument("--host", default="127.0.0.1", help=_(
        "the address to listen on (default: 127.0.0.1, this computer only)"))
    # `--lang` and `--content` mean one thing wherever they are written.
    for name, command in commands.choices.items():
        if name not in DOCUMENT_COMMANDS:
            command.add_argument("--lang", dest="lang_after", choices=("fr", "ko"), help=language)
        command.add_argument("--content", dest="content_after", type=Path, metavar="DIR",
                             help=folder)
    return main


DOCUMENT_COMMANDS = ("import", "export")
"""Commands whose `--lang`, after the command, is the language of a fiche."""


def language_asked(argv: list[str]) -> str | None:
    """The `--lang` of the command line, read before parsing it: the help and the usage
    errors are in that language. After `import` or `export`, `--lang` is the fiche's."""
    for command in DOCUMENT_COMMANDS:
        if command in argv:
            argv = argv[:argv.index(command)]
    for index, word in enumerate(argv):
        if word == "--lang" and index + 1 < len(argv) and argv[index + 1] in ("fr", "ko"):
            return argv[index + 1]
        if word in ("--lang=fr", "--lang=ko"):
            return word.split("=", 1)[1]
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    i18n.use_language(language_asked(argv) or i18n.language_from_environment())
    localise_argparse()
    try:
        arguments = parser().parse_args(argv)
    except SystemExit as exit:
        return int(exit.code or 0)
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
        from .core import check
        return check(root, strict=arguments.strict, style=arguments.format)
    if arguments.command == "build":
        from .core import build_site
        return build_site(root, arguments.out, arguments.site_url, arguments.drafts,
                          quiet=arguments.quiet)
    if arguments.command == "new":
        from .scaffold import scaffold
        return scaffold(root, arguments.slug, arguments.source_lang)
    if arguments.command == "new-edition":
        from .scaffold import scaffold_edition
        return scaffold_edition(root, arguments.edition_id, arguments.published)
    if arguments.command == "proof":
        from .proof import proof
        return proof(root, arguments.edition_id, arguments.out, arguments.site_url)
    if arguments.command == "status":
        from .status import status
        return status(root, style=arguments.format)
    if arguments.command == "translated":
        from .core import translated
        return translated(root, arguments.slug, arguments.translation_lang)
    if arguments.command == "import":
        from .importer import import_document
        return import_document(root, arguments.file, arguments.slug, arguments.translation_of,
                               arguments.document_lang)
    if arguments.command == "export":
        from .exporter import export
        return export(root, arguments.slug, arguments.out, arguments.document_lang)
    if arguments.command == "serve":
        from .serve import serve
        return serve(root, arguments.host, arguments.port)
    raise UsageError(arguments.command)  # pragma: no cover - argparse rejects it first
