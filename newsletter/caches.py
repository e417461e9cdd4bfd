"""The user's cache folder, where builds keep what they can make again.

`$NEWSLETTER_CACHE`, else `$XDG_CACHE_HOME/lettre-bonnes-pratiques/`, else
`~/.cache/lettre-bonnes-pratiques/`. It holds the Korean analyses (`search`), the
editions' e-mails and PDFs (`artifacts`) and the published copies of the practices'
images (`photos`); each is named by what it is made of, so the folder may be deleted
at any time: the next build is only slower.
"""
from __future__ import annotations

import os
from pathlib import Path


def folder() -> Path:
    return Path(os.environ.get("NEWSLETTER_CACHE") or
                Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
                / "lettre-bonnes-pratiques")
