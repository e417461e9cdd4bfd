"""The templates of `templates/` with the catalog of a language: the site's pages, the
e-mails and the scaffolds of `new` all render through this one environment."""
from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
import time

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache

from . import caches, i18n

TEMPLATES_DIR = i18n.TOOL_ROOT / "templates"
_FOLDER = re.compile(r"[0-9a-f]{24}")
"""The name of a folder of compiled templates (`bytecode_cache`)."""


@functools.cache
def environment(lang: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        bytecode_cache=bytecode_cache("templates"),
    )
    env.install_gettext_translations(i18n.catalog(lang), newstyle=True)  # type: ignore[attr-defined]
    return env


class _CheckedBytecodeCache(FileSystemBytecodeCache):
    """Jinja's compiled templates in the cache folder, each after its hash: one that is
    damaged is compiled again (Jinja itself only checks the template's source)."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            with open(self._get_cache_filename(bucket), "rb") as file:
                data = file.read()
        except OSError:
            return
        if hashlib.sha256(data[32:]).digest() == data[:32]:
            bucket.bytecode_from_string(data[32:])

    def dump_bytecode(self, bucket: Bucket) -> None:
        data = bucket.bytecode_to_string()
        target = self._get_cache_filename(bucket)
        temporary = f"{target}.{os.getpid()}.tmp"
        try:
            os.makedirs(self.directory, exist_ok=True)
            with open(temporary, "wb") as file:
                file.write(hashlib.sha256(data).digest() + data)
            os.replace(temporary, target)
        except OSError:
            pass  # compiled again next time


def bytecode_cache(name: str, key: str = "") -> jinja2.BytecodeCache:
    """Where an environment keeps its compiled templates between builds: a folder per
    version of the tool (and `key`: what else decides how they compile), so that a
    change of code or library never runs another's; folders unused for a day go."""
    folder = caches.folder() / "jinja" / hashlib.sha256(
        f"{name}\0{caches.tool_key()}\0{key}".encode()).hexdigest()[:24]
    try:
        for level in (caches.folder(), folder.parent, folder):  # none that others may write
            level.mkdir(mode=0o700, parents=True, exist_ok=True)
            status = level.lstat()
            if status.st_uid == os.getuid() and status.st_mode & 0o022 and not level.is_symlink():
                level.chmod(0o700)  # ours, made under a loose umask: what it holds may not be
                if level == folder:
                    shutil.rmtree(folder)
                    folder.mkdir(mode=0o700)
        os.utime(folder)
        for other in folder.parent.iterdir():  # only folders named as ours are
            if other != folder and _FOLDER.fullmatch(other.name) and \
                    time.time() - other.stat().st_mtime > 86_400:
                shutil.rmtree(other, ignore_errors=True)
    except OSError:
        pass
    if not caches.is_private(folder):  # compiled templates are code: compiled again
        return _NoBytecodeCache()
    return _CheckedBytecodeCache(str(folder))


class _NoBytecodeCache(jinja2.BytecodeCache):
    def load_bytecode(self, bucket: Bucket) -> None:
        pass

    def dump_bytecode(self, bucket: Bucket) -> None:
        pass
