"""When each practice last changed: the date Atom's `updated` reports.

Decision (see README, "Feed decisions"): the practice's own `updated:` field when
it gives one; else, in a git repository with its full history, the committer
date of the last commit that touched the practice's files, so that every clone
builds the same feeds; else nothing, and the feeds use the edition's date.
Never a file's modification time nor the build time: the same content gives the
same feeds, wherever and whenever it is copied.

A shallow clone (CI checkouts fetch one commit by default) would give every file
that one commit's date, marking every entry updated at each deploy: its history
is not used, and the build says so.
"""
from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

_UTC = dt.timezone.utc


@dataclass(frozen=True)
class History:
    dates: dict[str, dt.datetime] = field(default_factory=dict)
    """Relative path (posix) -> date of the last commit that touched it."""
    shallow: bool = False
    """A shallow clone: `dates` is empty, whatever the commits say."""


def last_changes(root: Path, folders: tuple[str, ...] = ("practices", "editions")) -> History:
    """The last commit date of every committed file under `folders` of `root`."""
    if (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true":
        return History(shallow=True)
    return History(_committed(root, folders))


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
