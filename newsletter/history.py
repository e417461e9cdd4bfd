"""When each content file last changed: the date Atom's `updated` reports.

Decision (see README, "Feeds"): in a git repository, the committer date of the
last commit that touched the file, so that every clone builds the same feeds;
for a file with uncommitted changes, or outside git, its modification time.
Never the build time. One `git log` for the whole tree, not one per file.
"""
from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

_UTC = dt.timezone.utc


def last_changes(root: Path, folders: tuple[str, ...] = ("practices", "editions")) -> dict[str, dt.datetime]:
    """Relative path (posix) -> last change, for every file under `folders` of `root`."""
    committed = _committed(root, folders)
    dirty = _dirty(root, folders) if committed else None
    changes: dict[str, dt.datetime] = {}
    for folder in folders:
        base = root / folder
        if not base.is_dir():
            continue
        for file in base.rglob("*"):
            if not file.is_file():
                continue
            path = file.relative_to(root).as_posix()
            if path in committed and (dirty is None or path not in dirty):
                changes[path] = committed[path]
            else:
                changes[path] = dt.datetime.fromtimestamp(int(file.stat().st_mtime), _UTC)
    return changes


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-c", "core.quotepath=off", "-C", str(root), *args],
                                capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def _committed(root: Path, folders: tuple[str, ...]) -> dict[str, dt.datetime]:
    log = _git(root, "log", "--format=@@%ct", "--name-only", "--relative", "--", *folders)
    if not log:
        return {}
    dates: dict[str, dt.datetime] = {}
    current: dt.datetime | None = None
    for line in log.splitlines():
        if line.startswith("@@"):
            current = dt.datetime.fromtimestamp(int(line[2:]), _UTC)
        elif line and current is not None:
            dates.setdefault(line, current)  # newest first: keep the first seen
    return dates


def _dirty(root: Path, folders: tuple[str, ...]) -> set[str]:
    status = _git(root, "status", "--porcelain", "--untracked-files=all", "--", *folders)
    prefix = _git(root, "rev-parse", "--show-prefix") or ""
    prefix = prefix.strip()
    return {line[3:].split(" -> ")[-1].removeprefix(prefix)
            for line in (status or "").splitlines() if len(line) > 3}
