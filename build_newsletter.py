#!/usr/bin/env python3
"""Lettre des bonnes pratiques / 우수사례 뉴스레터 — command-line entry point.

    python build_newsletter.py build [--out DIR] [--drafts] [--site-url URL]
    python build_newsletter.py check [--strict]
    python build_newsletter.py new <slug> [--lang fr|ko]
    python build_newsletter.py serve

The logic lives in the `newsletter` package; see README.md.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsletter.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
