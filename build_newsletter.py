#!/usr/bin/env python3
"""Lettre des bonnes pratiques / 우수사례 뉴스레터 — command-line entry point.

    python3 build_newsletter.py build [--out DIR] [--drafts] [--site-url URL]
    python3 build_newsletter.py check [--strict] [--format text|github]
    python3 build_newsletter.py new <slug> [--source fr|ko]
    python3 build_newsletter.py new-edition <id> [--published YYYY-MM-DD]
    python3 build_newsletter.py proof <id> [--out DIR] [--site-url URL]
    python3 build_newsletter.py status [--format text|json]
    python3 build_newsletter.py translated <slug> [--translation fr|ko]
    python3 build_newsletter.py serve [--host HOST] [--port PORT]

Run with any Python 3.11+: when the packages it needs are not installed there but
`make site` has set up `.venv` beside this file, the command runs again with the
Python of `.venv`. The logic lives in the `newsletter` package; see README.md.
"""
import importlib.util
import os
import signal
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
_VENV_PYTHON = HERE / ".venv" / "bin" / "python"


# The modules of the packages listed in pyproject.toml (PDFs and e-mails aside: without
# them the build says what to install and makes the rest).
_NEEDED = ("babel", "yaml", "jinja2", "markdown", "mkdocs", "material", "pydantic",
           "email_validator", "feedgen", "watchdog", "kiwipiepy", "nh3", "selectolax",
           "defusedxml", "imagesize", "PIL", "mjml", "css_inline")


def _missing_package() -> str | None:
    """The name of a package the newsletter needs that this Python lacks, or None."""
    return next((module for module in _NEEDED if importlib.util.find_spec(module) is None),
                None)


def _use_the_project_python() -> None:
    """Run again with `.venv`'s Python when this one lacks the packages, or explain."""
    missing = _missing_package()
    if missing is None:
        return
    if _VENV_PYTHON.exists() and Path(sys.prefix).resolve() != (HERE / ".venv").resolve():
        os.execv(str(_VENV_PYTHON), [str(_VENV_PYTHON), str(Path(__file__).resolve()),
                                     *sys.argv[1:]])
    # Without babel there is no catalog: this one message is written in both languages here.
    french = not os.environ.get("LANG", "").lower().startswith("ko")
    message = (f"Il manque le paquet Python « {missing} ». Lancez d’abord `make site` (qui "
               f"installe tout dans .venv), ou `pip install -e .` dans le dossier {HERE}."
               if french else
               f"Python 패키지 \"{missing}\"이(가) 없습니다. 먼저 `make site`를 실행하거나"
               f"(.venv에 모두 설치됩니다) {HERE} 폴더에서 `pip install -e .`를 실행하세요.")
    print(message, file=sys.stderr)
    sys.exit(2)


def run() -> int:
    _use_the_project_python()
    try:
        from newsletter.commands.cli import main

        code = main()
    except KeyboardInterrupt:  # before or after the command's own handling
        code = 130
    # A Ctrl-C or SIGTERM from here on would only interrupt the interpreter's exit.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    return code


if __name__ == "__main__":
    sys.exit(run())
