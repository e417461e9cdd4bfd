"""Safe by construction (issue 9): hostile content, dangerous --out paths, links,
inputs that would exhaust the machine, interrupted builds, and reproducible feeds."""
from __future__ import annotations

import os
import re
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
import yaml
from lxml import etree
from PIL import Image
from selectolax.lexbor import LexborHTMLParser

from conftest import ENTRY, ROOT, SITE_URL, TODAY_EPOCH, digest, run, serving
from test_corpus import CORPUS, LINE, make_tree

HOSTILE = yaml.safe_load((CORPUS / "hostile.yml").read_text(encoding="utf-8"))
REFUSED = [case for case in HOSTILE if not case.get("accepted")]
ACCEPTED = [case for case in HOSTILE if case.get("accepted")]


def _problems(output: str) -> list[tuple[str, int | None, str]]:
    found = []
    for line in output.splitlines():
        match = LINE.match(line)
        assert match, line
        found.append((match["path"], int(match["line"]) if match["line"] else None,
                      match["message"]))
    return found


@pytest.mark.parametrize("case", REFUSED, ids=[case["name"] for case in REFUSED])
def test_hostile_content_is_refused_at_its_line(case: dict, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    content = make_tree(tmp_path / "content", case, outside)
    started = time.monotonic()
    checked = run("check", cwd=content)
    output = checked.stdout + checked.stderr
    assert "Traceback" not in output and "internal error" not in output, output
    assert time.monotonic() - started < 60, "the check must not hang"
    assert checked.returncode == case.get("exit", 1), output
    found = _problems(checked.stdout)
    expected = [(want["path"], want["line"], want["says"].replace("{outside}", str(outside)))
                for want in case["problems"]]
    assert len(found) == len(expected), found
    for path, line, says in expected:
        assert any(p == path and n == line and says in m for p, n, m in found), \
            (path, line, says, found)
    site = tmp_path / "site"
    built = run("build", "--out", str(site), cwd=content)
    assert "Traceback" not in built.stdout + built.stderr
    if case.get("exit", 1) == 1:
        assert built.returncode == 1 and not site.exists()
    else:
        assert built.returncode == 0, built.stderr


def _html_problems(html: str) -> list[str]:
    """Anything in a page or a feed's HTML that could run code or load from elsewhere."""
    tree = LexborHTMLParser(html)
    found = []
    for node in tree.root.traverse(include_text=False) if tree.root else ():
        for name, value in (node.attributes or {}).items():
            value = value or ""
            if name.lower().startswith("on"):
                found.append(f"<{node.tag} {name}=…>")
            if name in ("href", "src", "action", "formaction") and \
                    re.sub(r"[\x00-\x20]", "", value).lower().startswith(("javascript:", "data:")):
                found.append(f"<{node.tag} {name}={value!r}>")
        if node.tag in ("script", "iframe", "object", "embed") and "alert(" in (node.text() or ""):
            found.append(f"<{node.tag}>")
    return found


def _feed_html(feed: Path) -> list[str]:
    """The parts of a feed's items that feed readers show as HTML: RSS description and
    content:encoded, Atom content and summary of type html."""
    tree = etree.parse(str(feed))
    names = {"content": "http://purl.org/rss/1.0/modules/content/",
             "atom": "http://www.w3.org/2005/Atom"}
    parts = tree.xpath("//item/description/text() | //item/content:encoded/text()",
                       namespaces=names)
    parts += tree.xpath("//atom:entry/atom:*[self::atom:content or self::atom:summary]"
                        "[@type='html']/text()", namespaces=names)
    return [str(part) for part in parts]


@pytest.mark.browser
@pytest.mark.parametrize("case", ACCEPTED, ids=[case["name"] for case in ACCEPTED])
def test_accepted_content_runs_nothing_and_loads_nothing_from_elsewhere(
        case: dict, tmp_path: Path, browser) -> None:
    content = make_tree(tmp_path / "content", case)
    checked = run("check", cwd=content)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    site = tmp_path / "site"
    built = run("build", "--out", str(site), "--site-url", SITE_URL, cwd=content)
    assert built.returncode == 0, built.stderr
    pages = sorted(site.rglob("*.html"))
    for page in pages:
        assert _html_problems(page.read_text(encoding="utf-8")) == [], page
    for feed in sorted(site.rglob("*.xml")):
        for html in _feed_html(feed):
            assert _html_problems(html) == [], (feed, html)
    dialogs: list[str] = []
    foreign: list[str] = []
    with serving(site) as server:
        context = browser.new_context()
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("request", lambda request: foreign.append(request.url)
                if not request.url.startswith((server, "data:", "blob:")) else None)
        for path in pages:
            if "/practices/" in path.as_posix() and "tours-marathon" not in path.as_posix():
                continue  # the changed practice, and every listing, are enough
            page.goto(f"{server}/{path.relative_to(site).as_posix()}")
            page.wait_for_load_state("load")
            page.keyboard.press("Tab")  # autofocus-style payloads fire on focus
        context.close()
    assert dialogs == [] and foreign == []


def test_html_in_plain_text_fields_is_printed_as_text(tmp_path: Path) -> None:
    case = next(c for c in ACCEPTED if c["name"] == "html-in-every-plain-text-field")
    content = make_tree(tmp_path / "content", case)
    site = tmp_path / "site"
    assert run("build", "--out", str(site), cwd=content).returncode == 0
    page = (site / "fr/practices/tours-marathon/index.html").read_text(encoding="utf-8")
    tree = LexborHTMLParser(page)
    assert tree.css_first("h1").text().startswith("<img src=x onerror=alert(1)> Marathon")
    assert "Suwon </dd><img src=x onerror=alert(6)>" in tree.css_first(".nl-facts").text()
    theme = (site / "fr/themes/sport/index.html").read_text(encoding="utf-8")
    assert "Sport <img src=x onerror=alert(10)>" in LexborHTMLParser(theme).css_first("h1").text()
    korean = (site / "ko/themes/sport/index.html").read_text(encoding="utf-8")
    assert not any(node.text().count("alert(11)") for node in LexborHTMLParser(korean).css("script"))


# -- --out ------------------------------------------------------------------------------

def _out_refused(content: Path, out: Path | str, cwd: Path | None = None) -> str:
    result = run("build", "--out", str(out), cwd=cwd or content)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


def test_out_never_replaces_the_content_or_a_folder_it_did_not_write(
        content: Path, tmp_path: Path) -> None:
    before = digest(content)
    for out in (content, content / "practices", content / "practices" / "tours-marathon-numerique",
                content.parent, Path("/"), Path.home()):
        assert "--out" in _out_refused(content, out)
    assert digest(content) == before

    mine = tmp_path / "mes-documents"
    mine.mkdir()
    (mine / "rapport.odt").write_text("à garder", encoding="utf-8")
    assert ".newsletter-site" in _out_refused(content, mine)
    assert (mine / "rapport.odt").read_text(encoding="utf-8") == "à garder"

    a_file = tmp_path / "fichier.txt"
    a_file.write_text("x", encoding="utf-8")
    _out_refused(content, a_file)
    assert a_file.read_text() == "x"

    real = tmp_path / "real-site"
    assert run("build", "--out", str(real), cwd=content).returncode == 0
    link = tmp_path / "link-site"
    link.symlink_to(real)
    _out_refused(content, link)

    clone = tmp_path / "clone"
    subprocess.run(["git", "init", "-q", str(clone)], check=True)
    (clone / "README.md").write_text("x", encoding="utf-8")
    _out_refused(content, clone)
    assert (clone / ".git").is_dir() and (clone / "README.md").exists()

    assert run("build", "--out", str(ROOT), cwd=content).returncode == 2
    assert (ROOT / ".git").exists()


def test_out_replaces_what_a_build_wrote_and_empty_folders(content: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("build", "--out", str(empty), cwd=content).returncode == 0
    assert (empty / ".newsletter-site").is_file() and (empty / "fr" / "index.html").is_file()
    assert run("build", "--out", str(empty), cwd=content).returncode == 0


def test_a_mount_point_is_refused(content: Path) -> None:
    assert os.path.ismount("/proc")
    assert "--out" in _out_refused(content, "/proc")


# -- bounded inputs ----------------------------------------------------------------------

def _limit_memory() -> None:
    limit = 1_500_000_000  # far more than a build of the sample takes, far less than a bomb
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def test_an_alias_bomb_is_refused_quickly_under_a_memory_limit(tmp_path: Path) -> None:
    bomb = next(case for case in REFUSED if case["name"] == "yaml-alias-bomb")
    content = make_tree(tmp_path / "content", bomb)
    environment = {**os.environ, "SOURCE_DATE_EPOCH": str(TODAY_EPOCH), "LANG": "C.UTF-8"}
    result = subprocess.run([sys.executable, str(ENTRY), "check"], cwd=content, env=environment,
                            capture_output=True, text=True, timeout=120,
                            preexec_fn=_limit_memory)
    assert result.returncode == 1, result.stderr
    assert "MemoryError" not in result.stderr and "Traceback" not in result.stderr
    assert "practices/tours-marathon/fr.md:6:" in result.stdout


def test_big_bodies_and_images_are_warned_about(tmp_path: Path) -> None:
    content = make_tree(tmp_path / "content", {})
    french = content / "practices" / "tours-marathon" / "fr.md"
    paragraph = "Une phrase assez longue pour remplir la page de la pratique. " * 20
    french.write_text(french.read_text(encoding="utf-8") + ("\n\n" + paragraph) * 250
                      + "\n\n![Grand plan](plan.png)\n", encoding="utf-8")
    noise = Image.frombytes("RGB", (1000, 840), os.urandom(1000 * 840 * 3))  # does not compress
    noise.save(content / "practices" / "tours-marathon" / "plan.png")
    result = run("check", cwd=content)
    assert result.returncode == 0, result.stdout
    assert re.search(r"^practices/tours-marathon/fr\.md: avertissement.*\d+ Ko", result.stdout, re.M), \
        result.stdout
    assert re.search(r"^practices/tours-marathon/plan\.png: avertissement.*2,5 Mo", result.stdout,
                     re.M), result.stdout


def test_an_unreferenced_image_is_not_published(tmp_path: Path) -> None:
    content = make_tree(tmp_path / "content", {})
    folder = content / "practices" / "tours-marathon"
    png = (CORPUS / "base").parent / "hostile.yml"  # any bytes will do for an unshown file
    (folder / "brouillon.png").write_bytes(png.read_bytes())
    site = tmp_path / "site"
    assert run("build", "--out", str(site), cwd=content).returncode == 0
    assert not list(site.rglob("brouillon.png"))


def test_site_url_must_be_a_plain_absolute_address(content: Path, tmp_path: Path) -> None:
    for url in ('https://x/"><img src=x onerror=alert(1)>', "javascript:alert(1)",
                "https://user:pw@host/", "https://host/?q=1", "ftp://host/", "/relative/",
                "https://host/ space/"):
        result = run("build", "--out", str(tmp_path / "site"), "--site-url", url, cwd=content)
        assert result.returncode == 2 and "--site-url" in result.stderr, url
    assert not (tmp_path / "site").exists()


def test_github_annotations_escape_names_and_messages(tmp_path: Path) -> None:
    content = make_tree(tmp_path / "content", {})
    evil = "x\n::add-mask::secret,line=1"
    (content / "practices" / evil).mkdir()
    (content / "practices" / evil / "fr.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    result = run("check", "--format", "github", cwd=content)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert all(line.startswith(("::error file=", "::warning file=")) for line in lines), lines
    assert any("x%0A%3A%3Aadd-mask%3A%3Asecret%2Cline=1" in line for line in lines), lines
    text = run("check", cwd=content).stdout.splitlines()
    assert all(line.startswith("practices/x\\n::add-mask::") for line in text), text


def test_new_refuses_a_slug_too_long_with_the_limit(content: Path) -> None:
    result = run("new", "a" * 300, cwd=content)
    assert result.returncode == 2 and "80" in result.stderr and "Traceback" not in result.stderr
    assert not list((content / "practices").glob("aaa*"))


# -- interrupted builds ---------------------------------------------------------------------

def _start_build(content: Path, out: Path, temporary: Path) -> subprocess.Popen[str]:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": str(TODAY_EPOCH), "TMPDIR": str(temporary)}
    return subprocess.Popen([sys.executable, str(ENTRY), "build", "--out", str(out)], cwd=content,
                            env=environment, start_new_session=True, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _wait_for_staging(process: subprocess.Popen[str], parent: Path) -> None:
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".site.building-") for p in parent.iterdir()):
        assert process.poll() is None and time.monotonic() < deadline, "the build never started"
        time.sleep(0.01)


def _leftovers(parent: Path, temporary: Path, pid: int) -> list[str]:
    """What a build of process `pid` left: beside the site, in TMPDIR, in /dev/shm."""
    found = [p.name for p in parent.iterdir() if p.name != "site"]
    found += [p.name for p in temporary.iterdir()]
    shm = Path("/dev/shm")
    return found + ([p.name for p in shm.glob(f"newsletter-*-{pid}-*")] if shm.is_dir() else [])


def test_sigterm_stops_a_build_like_ctrl_c(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "public" / "site"
    assert run("build", "--out", str(out), cwd=content).returncode == 0
    before = digest(out)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    stopped = 0
    for delay in (0.0, 0.2, 0.5):
        process = _start_build(content, out, temporary)
        _wait_for_staging(process, out.parent)
        time.sleep(delay)
        process.send_signal(signal.SIGTERM)  # the parent only, as `kill` does
        _, stderr = process.communicate(timeout=60)
        assert "Traceback" not in stderr
        if process.returncode == 0:
            continue  # finished before the signal: then it must be a complete site
        assert process.returncode == 143, stderr
        stopped += 1
        time.sleep(0.5)  # a worker that outlived its parent would write now
        assert digest(out) == before
        assert _leftovers(out.parent, temporary, process.pid) == []
    assert stopped >= 1


def test_a_killed_build_leaves_nothing_after_the_next_one(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "public" / "site"
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    assert run("build", "--out", str(out), cwd=content).returncode == 0
    before = digest(out)
    process = _start_build(content, out, temporary)
    _wait_for_staging(process, out.parent)
    time.sleep(0.3)
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)
    time.sleep(0.5)
    assert digest(out) == before
    environment = {"TMPDIR": str(temporary)}
    assert run("build", "--out", str(out), cwd=content, env=environment).returncode == 0
    assert _leftovers(out.parent, temporary, process.pid) == []
    assert digest(out) == before


# -- reproducible feeds ------------------------------------------------------------------------

def _feeds(site: Path) -> dict[str, str]:
    return {path: data for path, data in digest(site).items() if path.endswith(".xml")}


def test_same_content_with_other_modification_times_gives_the_same_site(
        content: Path, tmp_path: Path) -> None:
    assert run("build", "--out", str(tmp_path / "first"), cwd=content).returncode == 0
    for number, file in enumerate(sorted(content.rglob("*"))):
        os.utime(file, (1_700_000_000 + number * 7919, 1_700_000_000 + number * 7919))
    assert run("build", "--out", str(tmp_path / "second"), cwd=content).returncode == 0
    assert digest(tmp_path / "first") == digest(tmp_path / "second")


def _git(folder: Path, *args: str, date: str | None = None) -> None:
    environment = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                   "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if date:
        environment.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", "-C", str(folder), *args], check=True, env=environment,
                   capture_output=True)


def test_a_shallow_clone_does_not_mark_every_entry_updated(content: Path, tmp_path: Path) -> None:
    _git(content, "init", "-q")
    _git(content, "add", "-A")
    _git(content, "commit", "-qm", "first", date="2026-07-10T10:00:00Z")
    (content / "practices" / "tours-marathon-numerique" / "ko.md").write_text(
        (content / "practices" / "tours-marathon-numerique" / "ko.md").read_text(encoding="utf-8")
        + "\n추가 문단.\n", encoding="utf-8")
    _git(content, "commit", "-qam", "second", date="2026-11-26T10:00:00Z")
    full, shallow = tmp_path / "full", tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", f"file://{content}", str(full)], check=True)
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{content}", str(shallow)],
                   check=True)
    sites = {}
    for clone in (full, shallow, shallow):
        out = tmp_path / f"site-{len(sites)}"
        result = run("build", "--out", str(out), cwd=clone)
        assert result.returncode == 0, result.stderr
        sites[len(sites)] = out
        if clone == shallow:
            assert "fetch-depth: 0" in result.stderr or "historique complet" in result.stderr
    assert _feeds(sites[1]) == _feeds(sites[2])
    updated = {e.id: e.updated for e in feedparser.parse((sites[1] / "fr" / "atom.xml").read_bytes()).entries}
    assert not any(value.startswith("2026-11-26") for value in updated.values()), updated
    full_updated = {e.id: e.updated for e in
                    feedparser.parse((sites[0] / "fr" / "atom.xml").read_bytes()).entries}
    assert any(value.startswith("2026-11-26") for value in full_updated.values())
    assert sum(value.startswith("2026-11-26") for value in full_updated.values()) == 1


def test_feed_links_stay_on_the_site_address(tmp_path: Path) -> None:
    case = next(c for c in ACCEPTED if c["name"] == "code-and-prose-about-scripts")
    content = make_tree(tmp_path / "content", case)
    site = tmp_path / "site"
    assert run("build", "--out", str(site), "--site-url", SITE_URL, cwd=content).returncode == 0
    feed = feedparser.parse((site / "fr" / "atom.xml").read_bytes())
    html = next(e for e in feed.entries if "tours-marathon" in e.link).content[0].value
    for node in LexborHTMLParser(html).css("[href], [src]"):
        url = node.attributes.get("href") or node.attributes.get("src") or ""
        assert urlsplit(url).scheme in ("https", "http", "mailto", "tel"), url


def test_intermediate_files_go_to_the_disk_when_memory_is_missing_or_small(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from newsletter import build

    monkeypatch.setattr(build, "MEMORY", tmp_path / "no-shm")
    assert build.memory_folder(0) is None
    monkeypatch.setattr(build, "MEMORY", tmp_path)
    assert build.memory_folder(0) == str(tmp_path)
    assert build.memory_folder(10 ** 15) is None  # more than any disk: the disk's temp folder
