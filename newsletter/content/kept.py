"""What `loading` found in each practice folder, kept between runs in the cache folder: a
folder whose texts, file names and sizes, taxonomy, editions and directory are those it had
is not read and checked again (0.6 s of the 0.9 s that reading a 2 000-practice archive
takes).

Keyed by the bytes of the two texts, not by the files' times (a checkout or a copy changes
those), with everything else that checking a practice looks at, the tool and the language
of the messages. The practices are pickled, and a pickle is code: the file is read only
from a folder that no other user may write (`caches.is_private`), and only when it matches
the hash written before it (a damaged file is no cache).
"""
from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import Any

from .. import caches, i18n
from .files import FileListing
from .model import Practice, Problem

TEXTS = ("fr.md", "ko.md")
LARGEST_TEXT = 4 * 1024 * 1024
"""A folder with a larger text is read again every time (reading reports the size)."""

Found = tuple[Practice | None, list[Problem]]
_NAMES = ("utf-8", "surrogateescape")
"""How a file name is hashed: as its bytes, UTF-8 or not (`os.fsencode`)."""


class KeptPractices:
    """The practices found under one content root by the last run, by folder name."""

    def __init__(self, root: Path, context: Any):
        """`context`: what, beside a folder's files, checking a practice depends on
        (taxonomy, edition ids, directory); its `repr` goes into every key."""
        self.file = caches.folder() / "content" / (
            hashlib.sha256(str(root.resolve()).encode("utf-8")).hexdigest()[:16] + ".pickle")
        self.base = caches.key("practices", i18n.messages_key(), repr(context))
        self.kept = _read(self.file)
        self.used: dict[str, tuple[str, Found]] = {}

    def key(self, folder: Path, listing: FileListing) -> str | None:
        """The key of a folder's practice, None when it is not to be kept."""
        digest = hashlib.sha256(f"{self.base}\0{folder.name}\0".encode(*_NAMES))
        for name, _mtime, size in listing:
            digest.update(f"{name}\0{size}\0".encode(*_NAMES))
            if name in TEXTS:
                if size > LARGEST_TEXT:
                    return None
                try:
                    digest.update(hashlib.sha256((folder / name).read_bytes()).digest())
                except OSError:
                    return None
        return digest.hexdigest()

    def get(self, name: str, key: str) -> Found | None:
        entry = self.kept.get(name)
        if entry is None or entry[0] != key:
            return None
        self.used[name] = entry
        return entry[1]

    def put(self, name: str, key: str, found: Found) -> None:
        self.used[name] = (key, found)

    def save(self) -> None:
        """Keep what this run used (a folder gone is forgotten)."""
        if self.used.keys() == self.kept.keys() and all(
                self.used[name] is self.kept[name] for name in self.used):
            return
        try:
            self.file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            if caches.is_private(self.file.parent):
                caches.write_hashed(self.file, pickle.dumps(self.used, pickle.HIGHEST_PROTOCOL))
        except (OSError, pickle.PicklingError, RecursionError):
            pass  # only the next run is slower


def _read(file: Path) -> dict[str, tuple[str, Found]]:
    data = caches.read_hashed(file) if caches.is_private(file) else None
    if data is None:
        return {}
    try:
        kept = pickle.loads(data)
    except Exception:  # noqa: BLE001 - a cache that does not load is no cache
        return {}
    if not isinstance(kept, dict):
        return {}
    return {name: entry for name, entry in kept.items() if _well_formed(name, entry)}


def _well_formed(name: Any, entry: Any) -> bool:
    """An entry as `put` keeps it (a file of another layout is no cache)."""
    return isinstance(name, str) and isinstance(entry, tuple) and len(entry) == 2 \
        and isinstance(entry[0], str) and isinstance(entry[1], tuple) and len(entry[1]) == 2 \
        and isinstance(entry[1][0], (Practice, type(None))) and isinstance(entry[1][1], list) \
        and all(isinstance(problem, Problem) for problem in entry[1][1])
