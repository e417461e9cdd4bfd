"""The cache folder is only a cache: whatever is in it (another program's files, a link
planted in it, a hostile or damaged file) never costs a file outside it, never stops a
build, and a file made by another version of the tool is not used (issue 21, review)."""
from __future__ import annotations

import hashlib
import json
import os
from importlib import metadata
from pathlib import Path

import pytest

from newsletter import caches
from newsletter.site import reuse

DEEP = "[" * 200_000
"""Valid JSON's start, nested deeper than Python's stack: `json.loads` raises RecursionError."""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("NEWSLETTER_CACHE", str(folder))
    return folder


def entry(sha: str) -> reuse.Entry:
    return reuse.Entry("key", sha, [], {})


def test_the_store_removes_only_its_own_unused_objects(tmp_path: Path) -> None:
    store = reuse.Store(tmp_path / "pages" / "fr")
    kept, dropped = store.write(b"kept"), store.write(b"dropped")
    assert kept and dropped
    (store.objects / "notes.txt").write_text("not ours")
    store.save({"index.md": entry(kept)})
    assert sorted(p.name for p in store.objects.iterdir()) == sorted([kept, "notes.txt"])


def test_a_link_planted_for_a_store_folder_costs_nothing_elsewhere(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "thesis.tex").write_text("precious")
    unused = elsewhere / hashlib.sha256(b"x").hexdigest()
    unused.write_text("named like an object")
    folder = tmp_path / "pages" / "fr"
    folder.mkdir(parents=True)
    (folder / "objects").symlink_to(elsewhere)
    (folder / "rendered").symlink_to(elsewhere)
    reuse.Store(folder).save({})
    rendered = object.__new__(reuse.Rendered)
    rendered.folder, rendered.used = folder / "rendered", set()
    rendered.prune()
    assert (elsewhere / "thesis.tex").exists() and unused.exists()


def test_an_index_nested_too_deep_is_no_index(tmp_path: Path) -> None:
    store = reuse.Store(tmp_path)
    store.index_file.write_text(DEEP)
    assert store.load() == {}


def test_a_memo_nested_too_deep_is_no_memo(cache: Path) -> None:
    cache.mkdir()
    (cache / "m.json").write_text(hashlib.sha256(DEEP.encode()).hexdigest() + "\n" + DEEP)
    assert caches.Memo("m").get("k", lambda: "made") == "made"


def test_the_tool_key_follows_the_libraries_of_the_kept_fiche(
        monkeypatch: pytest.MonkeyPatch) -> None:
    before = caches.tool_key()
    real = metadata.version

    def version(name: str) -> str:
        return "0.0-other" if name == "python-docx" else real(name)

    caches.tool_key.cache_clear()
    monkeypatch.setattr(metadata, "version", version)
    try:
        assert caches.tool_key() != before
    finally:
        caches.tool_key.cache_clear()


def test_korean_terms_are_kept_for_this_tool_only_and_checked(
        cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsletter.site.search import TermCache

    terms = TermCache()
    terms.words["서울시"] = ["서울", "서울시"]
    terms.save()
    assert TermCache().words == {"서울시": ["서울", "서울시"]}
    # Another version of the tool (its grouping of Kiwi's tokens changed): not read.
    with monkeypatch.context() as patched:
        patched.setattr(caches, "tool_key", lambda: "another tool")
        assert TermCache().words == {}
    # Damaged, or of another shape: not read, and no error.
    file = TermCache().file
    for text in ("[]", '{"서울": 5}', DEEP, file.read_text(encoding="utf-8")[:-3]):
        file.write_text(text, encoding="utf-8")
        assert TermCache().words == {}


def test_feed_bodies_follow_the_images_of_a_practice() -> None:
    """A live preview keeps bodies in memory: an image added under the name the body
    already shows is in the next feed."""
    from newsletter.letters.feeds import _FeedWriter

    class Words:
        body = "![Une photo](photo.png)"

    class Practice:
        images: tuple[str, ...] = ()

        def text(self, lang: str) -> Words:
            return Words()

    class Site:
        editions = ()

    html: dict[tuple[str, ...], str] = {}
    writer = _FeedWriter(Site(), "fr", "https://x.example/", html)  # type: ignore[arg-type]
    practice = Practice()
    without = writer.body_html(practice, "https://x.example/fr/practices/a/")  # type: ignore[arg-type]
    practice.images = ("photo.png",)
    with_image = writer.body_html(practice, "https://x.example/fr/practices/a/")  # type: ignore[arg-type]
    assert "src=" not in without and 'src="https://x.example/fr/practices/a/photo.png"' in with_image
    assert json.dumps(sorted(html)) != "[]"


def test_old_compiled_templates_go_and_nothing_else(cache: Path) -> None:
    import os

    from newsletter import templating

    folder = cache / "jinja"
    old, foreign = folder / ("0" * 24), folder / "my-templates"
    for path in (old, foreign):
        path.mkdir(parents=True)
        os.utime(path, (0, 0))
    templating.bytecode_cache("test")
    assert not old.exists() and foreign.exists()


@pytest.mark.parametrize("mode", [0o700, 0o755, 0o775, 0o777])
def test_compiled_templates_are_kept_in_folders_no_one_else_writes(cache: Path,
                                                                    mode: int) -> None:
    """Compiled templates are code: the folders that hold them are made this user's alone
    (a cache folder of ours made under a loose umask is tightened)."""
    from jinja2 import DictLoader, Environment

    from newsletter import templating

    cache.mkdir()
    cache.chmod(mode)
    bytecode = templating.bytecode_cache("test")
    assert cache.stat().st_mode & 0o777 == (0o700 if mode & 0o022 else mode)
    environment = Environment(loader=DictLoader({"t": "{{ 1 + 1 }}"}), bytecode_cache=bytecode)
    assert environment.get_template("t").render() == "2"
    assert [path for path in (cache / "jinja").rglob("*") if path.is_file()]


@pytest.mark.skipif(os.getuid() != 0, reason="needs another user's folder: run as root (CI)")
def test_compiled_templates_are_never_read_from_a_folder_of_another_user(cache: Path) -> None:
    """A cache folder shared in /tmp, made by another user: they could put their code in
    it; templates are compiled each time instead."""
    from jinja2 import DictLoader, Environment

    from newsletter import templating

    cache.mkdir()
    os.chown(cache, 65534, 65534)  # nobody
    kept = False
    bytecode = templating.bytecode_cache("test")
    environment = Environment(loader=DictLoader({"t": "{{ 1 + 1 }}"}), bytecode_cache=bytecode)
    assert environment.get_template("t").render() == "2"
    stored = [path for path in (cache / "jinja").rglob("*") if path.is_file()]
    assert bool(stored) == kept, stored


def test_a_cache_folder_that_is_a_link_holds_no_compiled_template(
        cache: Path, tmp_path: Path) -> None:
    from newsletter import templating

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    cache.symlink_to(elsewhere)
    assert not caches.is_private(cache / "jinja")
    assert type(templating.bytecode_cache("test")).__name__ == "_NoBytecodeCache"
