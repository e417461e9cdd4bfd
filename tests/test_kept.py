"""What reading found in each practice folder, kept between runs (`content.kept`): the
same content and problems as reading it all again, whatever changed and however."""
from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from newsletter import caches, i18n
from newsletter.content.loading import load

SLUG = "belvallon-concours-potagers-scolaires"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("NEWSLETTER_CACHE", str(folder))
    return folder


def store(cache: Path) -> Path:
    [file] = (cache / "content").glob("*.pickle")
    return file


def fresh(content: Path, cache: Path) -> tuple:
    """What a run without a kept store finds."""
    saved = {file: file.read_bytes() for file in (cache / "content").glob("*.pickle")}
    for file in saved:
        file.unlink()
    result = load(content)
    for file, data in saved.items():
        file.write_bytes(data)
    return result.content, result.problems


def test_a_second_run_finds_what_the_first_found(content: Path, cache: Path) -> None:
    first = load(content)
    assert store(cache).is_file()
    second = load(content)
    assert second.content == first.content and second.problems == first.problems


def test_a_text_changed_without_its_size_or_time_is_read_again(content: Path,
                                                               cache: Path) -> None:
    load(content)
    text = content / "practices" / SLUG / "fr.md"
    before = text.stat()
    data = text.read_text(encoding="utf-8")
    changed = data.replace("population: 8400", "population: 8500")
    assert changed != data and len(changed) == len(data)
    text.write_text(changed, encoding="utf-8")
    os.utime(text, ns=(before.st_atime_ns, before.st_mtime_ns))
    practice = next(p for p in load(content).content.practices if p.slug == SLUG)
    assert practice.population == 8500


def test_an_error_comes_back_until_it_is_fixed_and_in_the_editors_language(
        content: Path, cache: Path) -> None:
    text = content / "practices" / SLUG / "fr.md"
    data = text.read_text(encoding="utf-8")
    text.write_text(data.replace("country: FR", "country: France"), encoding="utf-8")
    first = [p for p in load(content).problems if p.path.endswith(f"{SLUG}/fr.md")]
    assert first and load(content).problems == fresh(content, cache)[1]
    before = i18n._messages, i18n._messages_language
    try:
        i18n.use_language("ko")
        korean = [p for p in load(content).problems if p.path.endswith(f"{SLUG}/fr.md")]
    finally:
        i18n._messages, i18n._messages_language = before
    assert [p.message for p in korean] != [p.message for p in first]
    text.write_text(data, encoding="utf-8")
    assert not [p for p in load(content).problems if p.path.endswith(f"{SLUG}/fr.md")]


def test_a_taxonomy_or_edition_change_checks_every_practice_again(content: Path,
                                                                  cache: Path) -> None:
    load(content)
    taxonomy = content / "taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8").replace(
        "agriculture-urbaine", "agriculture-en-ville"), encoding="utf-8")
    result = load(content)
    assert any("agriculture-urbaine" in p.message for p in result.problems)
    assert (result.content, result.problems) == fresh(content, cache)


class _Planted:
    """A pickle that runs code when loaded."""

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Path.touch, (Path(os.environ["NEWSLETTER_CACHE"]) / "ran",))


def test_a_damaged_or_planted_store_is_never_loaded(content: Path, cache: Path) -> None:
    expected = load(content)
    file = store(cache)
    file.write_bytes(b"0" * 64 + b"\n" + pickle.dumps(_Planted()))  # not its hash
    assert load(content).content == expected.content
    assert not (cache / "ran").exists()
    # With a matching hash, in a folder that others may write: still not loaded.
    data = pickle.dumps(_Planted())
    caches.write_hashed(file, data)
    file.parent.chmod(0o777)
    try:
        assert load(content).content == expected.content
        assert not (cache / "ran").exists()
    finally:
        file.parent.chmod(0o700)


def test_a_file_name_that_is_not_utf8_is_reported_not_a_crash(content: Path,
                                                              cache: Path) -> None:
    folder = content / "practices" / SLUG
    open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb").close()  # from another system
    for _ in range(2):
        result = load(content)
        assert result.content is not None
        assert any(p.slug == SLUG for p in result.content.practices)


def test_a_store_of_another_layout_is_no_store(content: Path, cache: Path) -> None:
    expected = load(content)
    file = store(cache)
    data = pickle.dumps({SLUG: 7, "other": ("key", (None, [3]))})
    caches.write_hashed(file, data)
    assert load(content).content == expected.content
