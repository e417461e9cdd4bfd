"""The site layer's side of `reuse`: an mkdocs plugin that renders only the pages
whose inputs changed since the last build, and copies the others from the store.

It runs mkdocs's own "dirty" build (mkdocs.commands.build: `_populate_page` and
`_build_page` skip a page whose `file.is_modified()` is false), deciding for each
page instead of comparing files' times:

- `on_files`: the docs files' lookups (`Files.get_file_from_path`: how mkdocs
  resolves a relative link) are recorded, per page, while pages are read.
- `on_nav`: a page whose key and lookups are those of the store's entry, and whose
  kept bytes check out, is written to the site now and skipped by mkdocs. Pages of
  the navigation are still read (cheap, a dozen), as a full build reads them: every
  page's menu shows them as a full build has them.
- `on_post_page`: the bytes of every page rendered are kept, with its key.
- `on_post_build`: this build's entries become the store's.

mkdocs's warnings about a page (a link to a missing file…) are kept with it and
given again when the page is reused, as a full build would give them.
"""
from __future__ import annotations

import logging
from pathlib import PurePath
from typing import Any, Callable

from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files

from .. import templating
from .reuse import Entry, Request, Store, digest

log = logging.getLogger("mkdocs.plugins.nl_reuse")


def _true() -> bool:
    return True


def _false() -> bool:
    return False


class _PageWarnings(logging.Handler):
    """mkdocs's warnings, by the page being read or written when they came."""

    def __init__(self, plugin: Reuse) -> None:
        super().__init__(logging.WARNING)
        self.plugin = plugin

    def emit(self, record: logging.LogRecord) -> None:
        plugin = self.plugin
        if plugin.current is not None and record.name != log.name:
            plugin.warnings.setdefault(plugin.current, {}).setdefault(
                plugin.phase, []).append(record.getMessage())


class Reuse(BasePlugin):  # type: ignore[type-arg]
    def __init__(self, request: Request, config_key: str) -> None:
        super().__init__()
        self.request = request
        self.config_key = config_key
        """The hash of the tool, the language's configuration and the build's date."""
        self.store = Store(request.store)
        self.keys: dict[str, str] = {}
        self.entries: dict[str, Entry] = {}
        """This build's, by docs file: reused or rendered."""
        self.reused: set[str] = set()
        self.read_again: list[Any] = []
        """Reused pages of the navigation: read by mkdocs, not written."""
        self.current: str | None = None
        self.phase = "read"
        self.lookups: dict[str, set[tuple[str, bool]]] = {}
        self.warnings: dict[str, dict[str, list[str]]] = {}
        self.handler = _PageWarnings(self)
        self._find: Callable[[str], Any] | None = None

    def on_pre_build(self, config: Any) -> None:
        logging.getLogger("mkdocs").addHandler(self.handler)

    def on_files(self, files: Files, config: Any) -> Files:
        find = self._find = files.get_file_from_path

        def recording(path: str) -> Any:
            found = find(path)
            if self.current is not None and self.phase == "read":
                self.lookups.setdefault(self.current, set()).add(
                    (PurePath(path).as_posix(), found is not None))
            return found

        files.get_file_from_path = recording  # type: ignore[method-assign]
        return files

    def on_nav(self, nav: Any, config: Any, files: Files) -> Any:
        previous = self.request.previous
        in_nav = {page.file.src_uri for page in nav.pages}
        empty = self.request.placeholders
        for file in files.documentation_pages():
            uri = file.src_uri
            file.is_modified = _true  # rendered, unless reused below
            page_digest = self.request.pages.get(uri)
            if page_digest is None:
                continue  # not one of ours: always rendered, never kept
            # mkdocs reads the navigation's pages, and those it renders, next
            # (`_populate_page`): their docs files are written first (then older than their
            # HTML, should a live preview's "dirty" build compare them).
            if uri in empty and uri in in_nav:
                self._write_out(uri)
            if not self._reuse(file, uri, page_digest, previous, in_nav) \
                    and uri in empty and uri not in in_nav:
                self._write_out(uri)
        return nav

    def _write_out(self, uri: str) -> None:
        assert self.request.write_out is not None
        self.request.write_out(uri)

    def _reuse(self, file: Any, uri: str, page_digest: str, previous: Any,
               in_nav: set[str]) -> bool:
        """Whether the page is reused: its bytes written to the site now, and mkdocs told."""
        key = self.keys[uri] = digest(self.config_key, uri, page_digest)
        entry = previous.get(uri)
        if entry is None or entry.key != key or not self._same_lookups(entry):
            return False
        data = self.store.read(entry.sha)
        if data is None:
            return False
        self.store.place(data, file.abs_dest_path)
        self.reused.add(uri)
        self.entries[uri] = entry
        if uri in in_nav:  # read, as a full build reads it, but not written
            self.read_again.append(file)
        else:
            file.is_modified = _false
        for phase, messages in sorted(entry.warnings.items()):
            if phase == "write" or uri not in in_nav:
                for message in messages:
                    log.warning(message)
        return True

    def _same_lookups(self, entry: Entry) -> bool:
        assert self._find is not None
        return all((self._find(uri) is not None) == found for uri, found in entry.lookups)

    def on_pre_page(self, page: Any, config: Any, files: Files) -> Any:
        self.current, self.phase = page.file.src_uri, "read"
        return page

    def on_env(self, env: Any, config: Any, files: Files) -> Any:
        self.current = None
        # Material's templates, compiled once for all builds (the 404 page needs them all).
        env.bytecode_cache = templating.bytecode_cache("mkdocs", self.config_key)
        for file in self.read_again:
            file.is_modified = _false
        return env

    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        self.current, self.phase = page.file.src_uri, "write"
        return context

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        uri = page.file.src_uri
        self.current = None
        key = self.keys.get(uri)
        if key is not None and output.strip():
            # The bytes mkdocs writes (mkdocs.commands.build._build_page).
            sha = self.store.write(output.encode("utf-8", errors="xmlcharrefreplace"))
            if sha is not None:
                self.entries[uri] = Entry(key, sha, sorted(self.lookups.get(uri, ())),
                                          self.warnings.get(uri, {}), self.request.pages[uri])
        return output

    def on_post_build(self, config: Any) -> None:
        self._detach()
        self.store.save(self.entries, set(self.keys) - self.reused)

    def on_build_error(self, error: Exception) -> None:
        self._detach()

    def _detach(self) -> None:
        self.current = None
        logging.getLogger("mkdocs").removeHandler(self.handler)
