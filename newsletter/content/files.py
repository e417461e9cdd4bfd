"""The content tree on disk, as the build may use it: regular files and folders inside
the content folder. A link that leaves it, a broken link, a pipe or a device is a problem,
never read (a pipe would block the build; a link to /etc/passwd named photo.png would
publish it); hidden entries and misnamed files are reported.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from ..i18n import _
from .model import LANGUAGES, Problem, Severity
from .reading import Document, read_document, read_yaml_file
from .schema import parse

IGNORED = (".DS_Store", "Thumbs.db", "desktop.ini")
"""Files that systems put in folders by themselves."""

FileListing = tuple[tuple[str, int, int], ...]


class Files:
    """The content tree's files as the build may use them: regular files and folders
    inside the content folder. A link that leaves it, a broken link, a pipe or a
    device is a problem, never read (a pipe would block the build; a link to
    /etc/passwd named photo.png would publish it)."""

    def __init__(self, root: Path):
        self.root = root

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def problem(self, entry: Path) -> Problem | None:
        """Why `entry` cannot be used, or None. Content is regular files and folders:
        a link, even to a file inside the content folder (the project's .git/config
        is inside it), could publish any file of the computer."""
        path = self.relative(entry)
        if entry.is_symlink():
            try:
                entry.resolve(strict=True)
            except (OSError, RuntimeError):
                return Problem(path, None, _(
                    "this is a link to \"{target}\", which does not exist; put the file "
                    "itself here").format(target=link_target(entry)))
            return Problem(path, None, _(
                "this is a link to \"{target}\", not a file; put the file itself here (the "
                "newsletter publishes no link, which could lead to any file of the computer)"
            ).format(target=link_target(entry)))
        try:
            mode = entry.stat().st_mode
        except OSError as error:
            return Problem(path, None, _("cannot read the file: {error}").format(
                error=error.strerror or error))
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            return Problem(path, None, _(
                "this is neither a file nor a folder (a pipe, a socket or a device); "
                "remove it"))
        return None

    def listing(self, folder: Path, problems: list[Problem]) -> FileListing:
        """The regular files under `folder` (relative names) with their modification
        times and sizes: one walk gives the files beside a practice and the key under
        which a live preview's `LoadCache` keeps it. Unusable entries are reported."""
        found = []
        for directory, subfolders, names in os.walk(folder):
            base = Path(directory)
            usable = []
            for name in sorted(subfolders):
                problem = self.problem(base / name)
                if problem:
                    problems.append(problem)
                else:
                    usable.append(name)
            subfolders[:] = usable
            for name in sorted(names):
                file = base / name
                problem = self.problem(file)
                if problem:
                    problems.append(problem)
                    continue
                info = file.stat()
                found.append((file.relative_to(folder).as_posix(), info.st_mtime_ns,
                              info.st_size))
        return tuple(sorted(found))


def link_target(link: Path) -> str:
    try:
        return os.readlink(link)
    except OSError:
        return "?"


def read_settings(file: Path, path: str, model: Any, problems: list[Problem]
                   ) -> tuple[Document | None, Any]:
    """A YAML file of the content root, read and checked against `model` (its problems
    added to `problems`): the document and its fields, each None when it is wrong."""
    document, found = read_yaml_file(file, path)
    problems += found
    if document is None:
        return None, None
    fields, found = parse(model, document)
    problems += found
    return document, fields


def subfolders(files: Files, name: str, problems: list[Problem], hint: str) -> list[Path]:
    parent = files.root / name
    problem = files.problem(parent) if parent.exists() or parent.is_symlink() else None
    if problem:
        problems.append(problem)
        return []
    if not parent.is_dir():
        problems.append(Problem(name, None, _(
            "the folder is missing; {hint}").format(hint=hint)))
        return []
    folders = []
    for entry in sorted(parent.iterdir()):
        if entry.name in IGNORED:
            continue
        problem = files.problem(entry)
        if problem:
            problems.append(problem)
        elif entry.name.startswith("."):
            if entry.is_dir():
                problems.append(Problem(files.relative(entry), None, _(
                    "this hidden folder is ignored; remove the dot at the start of its name "
                    "to publish it, or move it out of {parent}/").format(parent=name),
                    Severity.WARNING))
        elif entry.is_dir():
            folders.append(entry)
        else:
            problems.append(Problem(files.relative(entry), None, _(
                "this file is not in its own folder; {hint}").format(hint=hint)))
    return folders


def read_language_files(files: Files, folder: Path, listing: FileListing,
                         problems: list[Problem]) -> dict[str, Document]:
    """The fr.md and ko.md of a folder, among the usable files of its `listing`."""
    documents = {}
    for name, _mtime, _size in listing:
        if "/" in name or name.startswith(".") or not name.lower().endswith(".md"):
            continue
        entry = folder / name
        path = files.relative(entry)
        if name.lower() in ("fr.md", "ko.md") and name not in ("fr.md", "ko.md"):
            problems.append(Problem(path, None, _(
                "the file must be named {expected}, in lower case; rename it").format(
                    expected=name.lower())))
            continue
        lang = name.removesuffix(".md")
        if lang not in LANGUAGES:
            problems.append(Problem(path, None, _(
                "unexpected file name; the texts are named fr.md (French) and ko.md (Korean)")))
            continue
        document, found = read_document(entry, path)
        problems += found
        if document is not None:
            documents[lang] = document
    return documents
