#!/usr/bin/env python3
"""Lettre des bonnes pratiques / 우수사례 뉴스레터 — command-line entry point.

    python build_newsletter.py build [--out DIR] [--drafts] [--site-url URL]
    python build_newsletter.py check [--strict] [--format text|github]
    python build_newsletter.py new <slug> [--lang fr|ko]
    python build_newsletter.py status [--format text|json]
    python build_newsletter.py translated <slug> [--lang fr|ko]
    python build_newsletter.py serve

The logic lives in the `newsletter` package; see README.md.
"""
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def run() -> int:
    try:
        from newsletter.cli import main

        code = main()
    except KeyboardInterrupt:  # before or after the command's own handling
        code = 130
    # A Ctrl-C or SIGTERM from here on would only interrupt the interpreter's exit.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    return code


if __name__ == "__main__":
    sys.exit(run())
