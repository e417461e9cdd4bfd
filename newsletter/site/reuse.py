"""Pages made by an earlier build, kept in the cache folder to be used again.

A page's HTML is a function of its inputs: its Markdown document and the HTML around
it (`Page.document`, `Page.parts`: what the build writes into mkdocs's docs folder),
the configuration of its language (the navigation and everything else of
`mkdocs-<lang>.yml`, `mkdocs.yml`), the tool (our code, templates, theme overrides,
catalogs, the versions of mkdocs, Material, Markdown and the libraries they use),
the build's date (`SOURCE_DATE_EPOCH`), and which other files its links found
(mkdocs rewrites a relative link only when its target is among the docs).
`Request` holds the first ones; the site layer (`mkdocs_reuse`) records the links'
lookups of every page it renders and stores the page's bytes here, under the hash of
all of that. A later build renders only the pages whose key or lookups changed, and
copies the others from here.

The store is `<cache>/pages/<lang>/`: `index.json` (per page: its key, its lookups,
the hash of its bytes, mkdocs's warnings about it; and which pages the last build
rendered) and `objects/<hash of the bytes>`. Every copy is checked against its hash, and any
failure (no index, a corrupt one, a missing or altered object) only means that the
page is rendered again: the cache may be deleted at any time, never gives a wrong
page, and one build's entries replace the previous build's.
"""
from __future__ import annotations

import hashlib
import dataclasses
import json
import os
import pickle
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Collection, Mapping

from .. import caches
from ..content.editions import Site
from .page import Page

FORMAT = 2
"""The store's layout; another value is a store this version does not read."""
tool_key = caches.tool_key
"""The tool (code, templates, overrides, catalogs, libraries): part of every key."""


def store_folder(lang: str) -> Path:
    """Where the pages of `lang` are kept (whatever the content's folder: a copy of the
    project, a CI checkout restored elsewhere, reuse them)."""
    return caches.folder() / "pages" / lang


def digest(*texts: str) -> str:
    return hashlib.sha256("\0".join(texts).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Request:
    """What the build knows of a language's pages before mkdocs runs."""

    store: Path
    pages: Mapping[str, str]
    """Docs file (`practices/<slug>/index.md`) -> `page_digest` of its page."""
    previous: Mapping[str, Entry] = field(default_factory=dict)
    """The store's entries (`Store.load`), by docs file."""
    write_out: Callable[[str], None] | None = None
    """Writes a docs file left empty (`placeholders`) in full, should mkdocs read it."""

    @property
    def placeholders(self) -> set[str]:
        """The docs files that mkdocs will most likely reuse, their page being the one
        the last build rendered: written empty (mkdocs only needs them to exist), and in
        full by `write_out` if mkdocs reads them after all (`mkdocs_reuse`)."""
        return {uri for uri, page in self.pages.items()
                if uri in self.previous and self.previous[uri].page == page}


def page_digest(page: Page) -> str:
    """The hash of what a page's docs file is made of (`Page.document`, `Page.parts`
    are functions of the page, the tool and its catalogs), without writing it: its fields
    as JSON with sorted keys, as `Rendered` keeps pages (and gives them back, dictionaries
    in another order)."""
    try:
        return digest(page_json(page))
    except (TypeError, ValueError, RecursionError):
        return os.urandom(32).hex()  # a page that cannot be written down is never kept


def page_json(page: Page) -> str:
    return json.dumps({f.name: getattr(page, f.name) for f in dataclasses.fields(Page)},
                      ensure_ascii=False, sort_keys=True)


@dataclass
class Entry:
    key: str
    sha: str
    """Hash of the page's bytes (the object's name)."""
    lookups: list[tuple[str, bool]]
    """The docs files that its links looked for, and whether each was there."""
    warnings: dict[str, list[str]] = field(default_factory=dict)
    """mkdocs's warnings while reading ("read") and writing ("write") the page."""
    page: str = ""
    """The `page_digest` of the page it was rendered from (part of `key`)."""

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "sha": self.sha, "lookups": self.lookups,
                "warnings": self.warnings, "page": self.page}

    @staticmethod
    def from_json(data: Any) -> Entry | None:
        try:
            entry = Entry(str(data["key"]), str(data["sha"]),
                          [(str(uri), bool(found)) for uri, found in data["lookups"]],
                          {str(k): [str(m) for m in v] for k, v in data["warnings"].items()},
                          str(data["page"]))
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
        return entry if len(entry.sha) == 64 else None


class Store:
    """One language's pages of an earlier build (see the module's docstring)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.objects = folder / "objects"
        self.index_file = folder / "index.json"

    def load(self) -> dict[str, Entry]:
        """The previous build's entries by docs file; none when unreadable."""
        try:
            data = json.loads(self.index_file.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return {}
            entries = {str(uri): Entry.from_json(value) for uri, value in data["pages"].items()}
        except (OSError, ValueError, AttributeError, KeyError, TypeError, RecursionError):
            return {}
        return {uri: entry for uri, entry in entries.items() if entry is not None}

    def read(self, sha: str) -> bytes | None:
        """An object's bytes, or None when missing or not what its name says."""
        try:
            data = (self.objects / sha).read_bytes()
        except OSError:
            return None
        return data if hashlib.sha256(data).hexdigest() == sha else None

    def write(self, data: bytes) -> str | None:
        """Keep `data`; its hash, or None when it could not be kept. (Written again even
        when there, whatever a damaged file held.)"""
        sha = hashlib.sha256(data).hexdigest()
        target = self.objects / sha
        try:
            self.objects.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".{sha}.{os.getpid()}.tmp")
            temporary.write_bytes(data)
            temporary.replace(target)
        except OSError:
            return None
        return sha

    def place(self, data: bytes, target: str) -> None:
        """Put an object (`data`, read and checked) at `target`, as a copy: never a hard
        link, which would make every site built from this cache one file (a site changed
        in place, by a deploy script, would change the others)."""
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as output:
            output.write(data)

    def save(self, entries: Mapping[str, Entry], rendered: Collection[str] = ()) -> None:
        """This build's entries replace the previous ones; objects no entry names go.
        `rendered`: the pages this build rendered (the others were reused)."""
        data = {"format": FORMAT, "rendered": sorted(rendered),
                "pages": {uri: entry.to_json() for uri, entry in sorted(entries.items())}}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = self.index_file.with_name(f".index.{os.getpid()}.tmp")
            temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            temporary.replace(self.index_file)
        except OSError:
            return  # a cache that cannot be written only makes the next build slower
        _remove_unused(self.objects, {entry.sha for entry in entries.values()})


class Rendered:
    """Practice pages (`Page` values) rendered by earlier builds, by a key of all they
    are made of: the tool, the language, the site's address, the practice, and what the
    site holds besides its practices (`without_practices`), which is all that a practice
    page sees (`pages.render`). Each is a file named by its key, holding the page as JSON
    after the hash of that JSON; one that is damaged is rendered again."""

    def __init__(self, folder: Path, site: Site, lang: str, site_url: str):
        self.folder = folder / "rendered"
        seen = dataclasses.replace(without_practices(site), drafts=frozenset())
        self.base = digest(tool_key(), lang, site_url, fingerprint(seen), repr(sorted(site.drafts)))
        self.used: set[str] = set()

    def page(self, practice: object, make: Callable[[], Page]) -> Page:
        """The page that `make` renders for `practice`: kept, or rendered and kept."""
        key = digest(self.base, fingerprint(practice))
        self.used.add(key)
        kept = self._read(key)
        if kept is not None:
            return kept
        page = make()
        data = page_json(page)
        if _page(json.loads(data)) == page:  # only what JSON gives back as it was
            self._write(key, data)
        return page

    def _read(self, key: str) -> Page | None:
        try:
            sha, _line, data = (self.folder / key).read_text(encoding="utf-8").partition("\n")
            if hashlib.sha256(data.encode("utf-8")).hexdigest() != sha:
                return None
            return _page(json.loads(data))
        except (OSError, ValueError, TypeError, KeyError, UnicodeError, RecursionError):
            return None

    def _write(self, key: str, data: str) -> None:
        text = hashlib.sha256(data.encode("utf-8")).hexdigest() + "\n" + data
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary = self.folder / f".{key}.{os.getpid()}.tmp"
            temporary.write_text(text, encoding="utf-8")
            temporary.replace(self.folder / key)
        except OSError:
            pass

    def prune(self) -> None:
        """Forget the pages that this build did not ask for."""
        _remove_unused(self.folder, self.used)


def _page(fields: dict[str, Any]) -> Page:
    return Page(**{**fields, "images": tuple(fields["images"]),
                   "image_sizes": tuple(tuple(size) for size in fields["image_sizes"])})


def without_practices(site: Site) -> Site:
    """What a practice page sees of the site: all but the practices."""
    return dataclasses.replace(site, practices=())


def fingerprint(value: object) -> str:
    """A hash of a value of the model (frozen dataclasses, tuples, dicts, dates…): equal
    hashes are equal values, as pickle gives back what it was given. (Equal values may
    hash differently, sets being in no order: then the page is only rendered again.)"""
    try:
        return hashlib.sha256(pickle.dumps(value, protocol=5)).hexdigest()
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return os.urandom(32).hex()  # a value that cannot be written down is never kept


_OURS = re.compile(r"[0-9a-f]{64}")
_TEMPORARY = re.compile(r"\.[0-9a-f]{64}\.[0-9]+\.tmp")
"""The names of the files that `Store` and `Rendered` write: a hash, or its temporary file."""


def _remove_unused(folder: Path, kept: Collection[str]) -> None:
    """The files of `folder` that this build did not keep: only those this module wrote
    (named by a hash), never another file, and nothing when `folder` is a symbolic link
    (planted there, it would lead elsewhere)."""
    try:
        if folder.is_symlink():
            return
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if name in kept or not (_OURS.fullmatch(name) or (_TEMPORARY.fullmatch(name)
                                                         and _stale(folder / name))):
            continue
        try:
            os.unlink(folder / name)
        except OSError:
            pass


def _stale(path: Path) -> bool:
    """A temporary file left by a build that was killed while writing it."""
    try:
        return time.time() - path.stat().st_mtime > 3600
    except OSError:
        return False
