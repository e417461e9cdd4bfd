"""The user's cache folder, where builds keep what they can make again.

`$NEWSLETTER_CACHE`, else `$XDG_CACHE_HOME/lettre-bonnes-pratiques/`, else
`~/.cache/lettre-bonnes-pratiques/`. It holds what each practice folder gave when it was
read and checked (`content.kept`), the Korean analyses (`search`), the
editions' e-mails and PDFs (`artifacts`), the published copies of the practices'
images (`photos`), the pages of the last build (`site.reuse`) and the feeds' bodies as
HTML (`Memo`); each is named by what it is made of, so the folder may be deleted at any
time: the next build is only slower. For a moment after a build, it also holds the site
that the build replaced, while a process of its own deletes it (`output.discard`).
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

TOOL_ROOT = Path(__file__).resolve().parent.parent
TOOL_FILES = ("newsletter", "templates", "overrides", "locales", "mkdocs.yml")
"""What, under the tool's root, makes or changes an output (the catalogs as .po)."""
LIBRARIES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "pygments",
             "jinja2", "markupsafe", "nh3", "pyyaml", "babel", "feedgen", "python-docx", "lxml",
             "pydantic", "pydantic-core", "email-validator", "selectolax")
"""Those whose version changes an output kept in the cache folder (python-docx and lxml:
the blank fiche, which `build.write_fiche` keeps; lxml also writes the feeds; pydantic,
email-validator and selectolax decide what checking a practice finds, `content.kept`)."""


def folder() -> Path:
    return Path(os.environ.get("NEWSLETTER_CACHE") or
                Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
                / "lettre-bonnes-pratiques")


@functools.cache
def tool_key() -> str:
    """The hash of the tool: its files that make outputs, Python's and the libraries'
    versions. What a build keeps is keyed with it: a change of code, template, override
    or catalog makes everything again."""
    digest = hashlib.sha256(f"{sys.version}\0".encode())
    for name in LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version}\0".encode())
    for top in TOOL_FILES:
        path = TOOL_ROOT / top
        files = [path] if path.is_file() else sorted(
            p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts
            and p.suffix not in (".pyc", ".mo"))  # .mo: compiled from the .po, by the build
        for file in files:
            digest.update(file.relative_to(TOOL_ROOT).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def is_private(path: Path) -> bool:
    """Whether `path`, and every folder between it and the cache folder, belongs to this
    user and no one else may write into it: what holds code (compiled templates) is read
    only from such a place, never from a cache folder shared in /tmp."""
    root = folder()
    try:
        for step in (path, *path.parents):
            status = step.lstat()
            if step.is_symlink() or status.st_uid != os.getuid() or status.st_mode & 0o022:
                return False
            if step == root:
                return True
    except OSError:
        return False
    return False


def key(*texts: str) -> str:
    """The hash of texts, with the tool's."""
    return hashlib.sha256("\0".join((tool_key(), *texts)).encode("utf-8")).hexdigest()


def read_checked(file: Path) -> Any:
    """The JSON value of a cache file written by `write_checked`, or None when there is
    none or it is not what its hash says (damaged, or nested deeper than Python's stack)."""
    data = read_hashed(file)
    try:
        return None if data is None else json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeError, RecursionError):
        return None


def write_checked(file: Path, value: Any) -> None:
    """`value` as JSON after its hash, replacing `file` at once (never half written)."""
    write_hashed(file, json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8"))


def read_hashed(file: Path) -> bytes | None:
    """The bytes that `write_hashed` wrote, or None when there are none or they are not
    what their hash says."""
    try:
        sha, _line, data = file.read_bytes().partition(b"\n")
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest().encode("ascii") == sha else None


def write_hashed(file: Path, data: bytes) -> None:
    """`data` after its hash, replacing `file` at once (never half written)."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        temporary = file.with_name(f".{file.name}.{os.getpid()}.tmp")
        temporary.write_bytes(hashlib.sha256(data).hexdigest().encode("ascii") + b"\n" + data)
        temporary.replace(file)
    except OSError:
        pass  # a cache that cannot be written only makes the next build slower


class Memo:
    """Texts a pure function made in earlier builds, by the `key` of its inputs: one file
    in the cache folder (its hash, then the texts as JSON), of which a build keeps only
    what it used. A file that does not match its hash is not read."""

    def __init__(self, name: str):
        self.file = folder() / f"{name}.json"
        kept = read_checked(self.file)
        self.kept: dict[str, str] = {k: v for k, v in kept.items() if isinstance(v, str)} \
            if isinstance(kept, dict) else {}
        self.used: dict[str, str] = {}

    def get(self, key: str, make: Callable[[], str]) -> str:
        if key not in self.used:
            kept = self.kept.get(key)
            self.used[key] = make() if kept is None else kept
        return self.used[key]

    def save(self) -> None:
        if self.used == self.kept:
            return
        write_checked(self.file, self.used)
        self.kept = dict(self.used)
