"""Lettre des bonnes pratiques / 우수사례 뉴스레터: a bilingual newsletter built as a static site.

One way through, a folder per stage, imports only downward (ARCHITECTURE.md; an
import-linter contract in pyproject.toml keeps it so):

    commands/   what editors run: cli, check/build, new, new-edition, proof, status, serve
    build.py    the whole build: content -> site and letters, written atomically (output.py)
    site/       the website: pages through templates/, mkdocs (Material), search, map, stats
    letters/    what travels: feeds, e-mails, PDFs, open data, and their cache
    content/    the editors' files -> validated model objects (Content, Site) + Problems
    i18n.py, templating.py, processes.py, caches.py, output.py, usage.py: used by all
"""
