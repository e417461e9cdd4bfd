"""Writing the output directory safely: build beside it, then swap.

A failed or interrupted build leaves the previous site exactly as it was and
no temporary directory behind; a build killed outright (`kill -9`) leaves
folders that the next build removes. `--out` may only name a folder that a
build wrote (it holds `MARKER`), an empty folder, or a new one: never the
content, the tool, a git working tree, a home folder or a mount point.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from . import caches
from .i18n import TOOL_ROOT, _

MARKER = ".newsletter-site"
"""Written at the root of every built site: the proof that a build may replace it."""
_MARKER_TEXT = ("This folder was written by `python3 build_newsletter.py build`; the next "
                "build replaces it entirely. Do not keep your own files here.\n")
# What an earlier version of the build wrote at the site's root, before the marker.
_EARLIER_SITE = {"index.html", "sitemap.xml", "fr", "ko"}
_CONTENT_NAMES = ("practices", "editions", "taxonomy.yml", "collectivities")
_TOOL_NAMES = ("newsletter", "templates", "overrides", "locales", "tests", "guide", "bench",
               ".git", ".venv")
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_STALE_AFTER = 24 * 3600
"""A temporary folder of a build without a process id in its name, older than this, is stale."""


def refusal(out: Path, content_root: Path) -> str | None:
    """Why `out` must not be replaced by a build, or None when it may be."""
    if out.is_symlink():
        return _("{out} is a symbolic link; give the real folder").format(out=out)
    if out.exists() and not out.is_dir():
        return _("{out} is a file, not a folder").format(out=out)
    real = out.resolve()
    if real == Path(real.anchor) or real == Path.home().resolve():
        return _("{out} is the root or the home folder").format(out=out)
    if out.exists() and os.path.ismount(real):
        return _("{out} is a mount point").format(out=out)
    content = content_root.resolve()
    if content.is_relative_to(real) or any(real.is_relative_to(content / name)
                                          for name in _CONTENT_NAMES):
        return _("{out} holds the content, or is inside it").format(out=out)
    if TOOL_ROOT.is_relative_to(real) or any(real.is_relative_to(TOOL_ROOT / name)
                                            for name in _TOOL_NAMES):
        return _("{out} holds the newsletter's programs, or is inside them").format(out=out)
    if (real / ".git").exists():
        return _("{out} is a git working tree").format(out=out)
    if out.exists() and not _replaceable(out):
        return _("{out} is not empty and was not written by a build (it has no {marker} "
                 "file); choose a new or empty folder, or empty this one yourself"
                 ).format(out=out, marker=MARKER)
    return None


def _replaceable(folder: Path) -> bool:
    names = {entry.name for entry in folder.iterdir()}
    return not names or MARKER in names or ({"fr", "ko"} <= names <= _EARLIER_SITE | {"data"})


@contextmanager
def staged_directory(out: Path) -> Iterator[Path]:
    """Yield an empty directory beside `out`; when the block succeeds, it becomes `out`."""
    out = out.absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(out.parent, f".{out.name}.building-")
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-{os.getpid()}-",
                                    dir=out.parent))
    try:
        yield staging
        (staging / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
        os.chmod(staging, 0o755)
        _swap(staging, out)
    finally:
        discard(staging, beside=out)


DISCARDED = "discarded"
"""The cache's folder of output trees on their way out (`discard`)."""
_DISCARDED_AFTER = 600
"""A tree left there longer than this (seconds), its deleting process gone, is deleted by
the next `discard`."""


def discard(tree: Path, beside: Path | None = None) -> None:
    """Delete `tree`, an output folder of ours (the previous site, after a swap): moved
    into the cache's folder and deleted there by a process that this one does not wait
    for (a build's wait ends when its site is in place: deleting the 8 000 files, 250 MB,
    of a 2 000-practice site takes 0.75 s); here when it is empty, when it cannot move
    there (another file system, a cache folder that others may write) or when the cache
    is inside it or inside `beside` (the output)."""
    if not tree.is_dir() or tree.is_symlink():
        return
    moved = None if next(tree.iterdir(), None) is None else _move_to_trash(tree, beside)
    if moved is None:
        shutil.rmtree(tree, ignore_errors=True)
        return
    try:  # isolated (-I): nothing of the current folder or the environment is imported
        subprocess.Popen([sys.executable, "-I", "-c", _DELETE, str(moved)], cwd="/",
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, close_fds=True, start_new_session=True)
    except OSError:
        shutil.rmtree(moved, ignore_errors=True)


def _move_to_trash(tree: Path, beside: Path | None) -> Path | None:
    trash = caches.folder().absolute() / DISCARDED
    if any(trash.is_relative_to(folder.absolute()) for folder in (tree, beside) if folder):
        return None
    try:
        trash.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not caches.is_private(trash):
            return None
        _remove_old_discarded(trash)
        target = trash / f"{int(time.time())}-{os.getpid()}-{os.urandom(4).hex()}"
        tree.rename(target)
    except OSError:
        return None
    return target


_OURS = re.compile(r"(\d+)-\d+-[0-9a-f]{8}")
"""The name of a tree in the trash: when it was moved there, by which process."""
_DELETE = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"


def _remove_old_discarded(trash: Path) -> None:
    """Trees that a deleting process left (it was killed): the oldest first."""
    now = time.time()
    for entry in trash.iterdir():
        ours = _OURS.fullmatch(entry.name)
        if ours and now - int(ours[1]) > _DISCARDED_AFTER \
                and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)


def temporary_folder(prefix: str, where: str | None = None) -> Path:
    """A new temporary folder whose name carries this process's id, so that a later
    build can tell that it is left over from a build that died."""
    parent = Path(where or tempfile.gettempdir())
    remove_stale(parent, prefix)
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=parent))


def remove_stale(parent: Path, prefix: str) -> None:
    """Remove `parent/<prefix><pid>-…` folders whose process is gone."""
    pattern = re.compile(re.escape(prefix) + r"(\d+)-")
    try:
        entries = [e for e in parent.iterdir() if e.name.startswith(prefix)]
    except OSError:
        return
    for entry in entries:
        match = pattern.match(entry.name)
        try:
            stale = not _alive(int(match[1])) if match else \
                time.time() - entry.lstat().st_mtime > _STALE_AFTER
        except OSError:
            continue
        if stale and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)


def remove_own_leftovers(out: Path) -> None:
    """After an interruption: this process's staging and temporary folders, whatever
    moment the signal came at (even inside a `finally` that was removing them)."""
    pid = os.getpid()
    places = [(out.absolute().parent, f".{out.name}.building-{pid}-"),
              (Path(tempfile.gettempdir()), f"newsletter-docs-{pid}-"),
              (Path("/dev/shm"), f"newsletter-docs-{pid}-")]
    for parent, prefix in places:
        try:
            entries = [e for e in parent.iterdir() if e.name.startswith(prefix)]
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _swap(new: Path, out: Path) -> None:
    """Put `new` at `out`; the previous `out` ends up at `new` (to be deleted)."""
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"{out} exists and is not a directory")
    if not out.exists():
        new.rename(out)
        new.mkdir()
        return
    if _exchange(new, out):
        return
    old = new.with_name(new.name + ".old")
    out.rename(old)
    new.rename(out)
    old.rename(new)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two directories (Linux renameat2); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0
