"""Nothing is lost: interrupted builds, reproducible output, read-only commands."""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ENTRY, TODAY_EPOCH, run


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_ctrl_c_during_a_build_leaves_the_old_site_and_no_temporary_folder(
        content: Path, tmp_path: Path) -> None:
    out = tmp_path / "public" / "site"
    assert run("build", "--out", str(out), cwd=content).returncode == 0
    before = digest(out)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    environment = {**os.environ, "SOURCE_DATE_EPOCH": str(TODAY_EPOCH), "TMPDIR": str(temporary)}
    interrupted = 0
    for delay in (0.0, 0.1, 0.3, 0.6):
        process = subprocess.Popen([sys.executable, str(ENTRY), "build", "--out", str(out)],
                                   cwd=content, env=environment, start_new_session=True,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 30
        while not any(p.name.startswith(".site.building-") for p in out.parent.iterdir()):
            assert process.poll() is None and time.monotonic() < deadline, "the build never started"
            time.sleep(0.01)
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGINT)  # what a terminal's Ctrl-C does
        _, stderr = process.communicate(timeout=60)
        assert "Traceback" not in stderr
        if process.returncode == 0:
            continue  # finished before the signal: then it must be a complete site
        assert process.returncode == 130, stderr
        interrupted += 1
        assert digest(out) == before
        assert [p.name for p in out.parent.iterdir()] == ["site"]
        assert list(temporary.iterdir()) == []
        assert not list(Path("/dev/shm").glob(f"newsletter-docs-{process.pid}-*"))
    assert interrupted >= 1
    assert digest(out) == before  # the same content gives the same site


def test_two_builds_at_different_times_into_different_folders_are_identical(
        content: Path, tmp_path: Path) -> None:
    environment = {**os.environ}
    environment.pop("SOURCE_DATE_EPOCH", None)
    outputs = []
    for name in ("first", "second"):
        out = tmp_path / name / "site"
        result = subprocess.run([sys.executable, str(ENTRY), "build", "--out", str(out)],
                                cwd=content, env=environment, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        outputs.append(digest(out))
        time.sleep(1.1)
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 50


def test_only_new_and_translated_write_into_the_content(content: Path, tmp_path: Path) -> None:
    before = digest(content)
    for arguments in (["check"], ["check", "--strict"], ["status"], ["status", "--format", "json"],
                      ["build", "--out", str(tmp_path / "site")],
                      ["build", "--drafts", "--out", str(tmp_path / "preview")]):
        run(*arguments, cwd=content)
    assert digest(content) == before


def test_the_previous_site_is_deleted_after_the_build_without_being_waited_for(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`output.discard`: the replaced tree goes to the cache's trash and a process of its
    own deletes it, running no code of the current folder; a tree that an earlier deleting
    process left (killed) goes with the next one; nothing else in the trash is touched."""
    from newsletter import caches, output

    marker = tmp_path / "ran"
    (tmp_path / "shutil.py").write_text(f"open({str(marker)!r}, 'w').close()\n",
                                        encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # a content folder holding a module of that name

    trash = caches.folder() / output.DISCARDED
    trash.mkdir(parents=True, exist_ok=True)
    left = trash / f"{int(time.time()) - 3600}-1-0badc0de"
    (left / "fr").mkdir(parents=True)
    (left / "fr" / "index.html").write_text("old", encoding="utf-8")
    recent = trash / f"{int(time.time())}-1-5ee1ab1e"
    recent.mkdir()
    elsewhere = tmp_path / "precious"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("keep", encoding="utf-8")
    planted = trash / f"{int(time.time()) - 3600}-2-0badc0de"
    planted.symlink_to(elsewhere, target_is_directory=True)
    old = tmp_path / "old-site"
    for lang in ("fr", "ko"):
        (old / lang / "practices").mkdir(parents=True)
        (old / lang / "index.html").write_text(lang, encoding="utf-8")

    output.discard(old)

    assert not old.exists() and not left.exists()
    assert recent.is_dir() and (elsewhere / "keep.txt").read_text(encoding="utf-8") == "keep"
    deadline = time.monotonic() + 30
    while any(p.name not in {recent.name, planted.name} for p in trash.iterdir()):
        assert time.monotonic() < deadline, sorted(p.name for p in trash.iterdir())
        time.sleep(0.05)
    assert not marker.exists()
    recent.rmdir()
    planted.unlink()


def test_a_trash_that_others_may_write_or_that_links_elsewhere_is_not_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache folder shared in /tmp: the replaced site is deleted at once, in place, and
    nothing is deleted or moved through a planted `discarded` link."""
    from newsletter import output

    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    monkeypatch.setenv("NEWSLETTER_CACHE", str(shared))
    victim = tmp_path / "victim"
    precious = victim / f"{int(time.time()) - 3600}-1-0badc0de"  # named as an old tree
    precious.mkdir(parents=True)
    (shared / output.DISCARDED).symlink_to(victim, target_is_directory=True)
    for folder in ("old-site", "other-site"):
        (tmp_path / folder / "fr").mkdir(parents=True)
        output.discard(tmp_path / folder)
        assert not (tmp_path / folder).exists()
        shared.chmod(0o755)  # ours and closed, but `discarded` still a link
    assert list(victim.iterdir()) == [precious]


def test_a_cache_inside_the_output_gets_no_trash(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from newsletter import output

    out = tmp_path / "site"
    monkeypatch.setenv("NEWSLETTER_CACHE", str(out / "cache"))
    old = tmp_path / "old"
    (old / "fr").mkdir(parents=True)
    output.discard(old, beside=out)
    assert not old.exists() and not (out / "cache" / output.DISCARDED).exists()
