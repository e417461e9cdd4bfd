"""The live preview's incremental builds give what a full build gives."""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import feedparser
import pytest

from conftest import ENTRY, ROOT, TODAY_EPOCH, copy_content, project_copy
from newsletter.commands.preview import Preview


@pytest.fixture
def preview(content: Path, tmp_path: Path):
    out = tmp_path / "preview"
    out.mkdir()
    session = Preview(content, out, "http://127.0.0.1:8000/")
    assert session.update(None)
    yield session
    session.close()


def _edit_title(file: Path, title: str) -> None:
    text = file.read_text(encoding="utf-8")
    file.write_text(re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M),
                    encoding="utf-8")


def test_a_saved_practice_updates_its_pages_listings_and_feeds(preview: Preview, content: Path) -> None:
    out = preview.out
    slug = "tours-marathon-numerique"
    untouched = out / "fr/practices/gumi-solaire-toitures-industrielles/index.html"
    before = untouched.stat().st_mtime_ns
    _edit_title(content / "practices" / slug / "fr.md", "Course connectée de Tours")
    assert preview.update({content / "practices" / slug / "fr.md"})
    assert "Course connectée de Tours" in (out / f"fr/practices/{slug}/index.html").read_text(encoding="utf-8")
    for listing in ("fr/themes/sport", "fr/editions/2026-s1", "fr/practices", "fr/sizes/grande-ville"):
        assert "Course connectée de Tours" in (out / listing / "index.html").read_text(encoding="utf-8"), listing
    entries = feedparser.parse((out / "fr/feed.xml").read_bytes()).entries
    assert "Course connectée de Tours" in [e.title for e in entries]
    assert "Course connectée de Tours" in (out / "fr/search/nl-index.js").read_text(encoding="utf-8")
    assert untouched.stat().st_mtime_ns == before  # not rebuilt: it does not depend on the change


def test_a_practice_moved_to_another_theme_leaves_its_old_listing(preview: Preview, content: Path) -> None:
    file = content / "practices" / "tours-marathon-numerique" / "fr.md"
    file.write_text(file.read_text(encoding="utf-8").replace("themes: [sport, numerique]",
                                                             "themes: [numerique]"), encoding="utf-8")
    assert preview.update({file})
    assert not (preview.out / "fr/themes/sport").exists()  # no practice left in it
    assert "tours-marathon-numerique" in (preview.out / "fr/themes/numerique/index.html").read_text(encoding="utf-8")


def test_errors_keep_the_last_good_preview(preview: Preview, content: Path) -> None:
    page = preview.out / "fr/practices/tours-marathon-numerique/index.html"
    before = page.read_bytes()
    file = content / "practices" / "tours-marathon-numerique" / "fr.md"
    file.write_text(file.read_text(encoding="utf-8").replace("themes:", "themse:"), encoding="utf-8")
    assert not preview.update({file})
    assert page.read_bytes() == before


def test_an_edition_change_rebuilds_everything(preview: Preview, content: Path) -> None:
    file = content / "editions" / "2026-s1" / "fr.md"
    _edit_title(file, "Lettre — printemps 2026")
    assert preview.update({file})
    assert "Lettre — printemps 2026" in (preview.out / "fr/editions/index.html").read_text(encoding="utf-8")
    assert "Lettre — printemps 2026" in (preview.out / "fr/editions/2026-s1/index.html"
                                         ).read_text(encoding="utf-8")


def test_incremental_pages_keep_the_whole_navigation(preview: Preview, content: Path) -> None:
    from lxml import html

    page = preview.out / "fr/practices/tours-marathon-numerique/index.html"

    def navigation() -> list[str]:
        doc = html.fromstring(page.read_bytes())
        return [" ".join(a.text_content().split()) for a in doc.cssselect(".md-nav--primary a")]

    before = navigation()
    file = content / "practices" / "tours-marathon-numerique" / "fr.md"
    _edit_title(file, "Autre titre")
    assert preview.update({file})
    assert "Autre titre" in page.read_text(encoding="utf-8")
    assert navigation() == before and "Proposer une pratique" in before


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_serve_survives_a_broken_save_and_watches_content_anywhere(tmp_path: Path) -> None:
    content = copy_content(tmp_path / "contenu")
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    port = _free_port()
    environment = {**os.environ, "SOURCE_DATE_EPOCH": str(TODAY_EPOCH), "LANG": "C.UTF-8"}
    process = subprocess.Popen(
        [sys.executable, str(ENTRY), "--content", "../contenu", "serve", "--port", str(port)],
        cwd=elsewhere, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    page = f"http://127.0.0.1:{port}/fr/practices/tours-marathon-numerique/"
    file = content / "practices" / "tours-marathon-numerique" / "fr.md"
    original = file.read_text(encoding="utf-8")
    try:
        assert _wait_for(lambda: (_get(page) or "").count("marathon") > 0), "the preview never started"
        bomb = original.replace("partners:", "bomb: &a [x, x, x, x, x, x, x, x]\nbomb2: [*a, *a, *a]\npartners:", 1)
        file.write_text(bomb, encoding="utf-8")
        # The problems show over the page, where the editor looks, with their lines.
        assert _wait_for(lambda: 'id="nl-preview-errors"' in (_get(page) or ""))
        assert "practices/tours-marathon-numerique/fr.md:" in (_get(page) or "")
        assert process.poll() is None
        file.write_text(original, encoding="utf-8")
        _edit_title(file, "Marathon relancé après une erreur")
        assert _wait_for(lambda: "Marathon relancé après une erreur" in (_get(page) or "")), \
            "the preview did not rebuild after the broken save was fixed"
        assert _wait_for(lambda: 'id="nl-preview-errors"' not in (_get(page) or ""))
    finally:
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    assert "Traceback" not in stderr
    assert "practices/tours-marathon-numerique/fr.md:" in stderr  # the broken save was reported


def _get_bytes(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        return error.code, b"", ""


def _pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())  # pypdf gives Typst's spaces as U+00A0


def _make_next_edition_a_draft(content: Path) -> None:
    for lang in ("fr", "ko"):  # the second edition becomes the next one, a draft
        edito = content / "editions" / "2026-s2" / f"{lang}.md"
        edito.write_text(re.sub(r"^published: .*$", "published: 2026-12-20",
                                edito.read_text(encoding="utf-8"), count=1, flags=re.M),
                         encoding="utf-8")


def _serve(content: Path, port: int, project: Path = ROOT) -> subprocess.Popen:
    """`serve` in a session of its own: Ctrl-C in a terminal reaches the whole group."""
    environment = {**os.environ, "SOURCE_DATE_EPOCH": str(TODAY_EPOCH), "LANG": "C.UTF-8"}
    return subprocess.Popen(
        [sys.executable, str(project / "build_newsletter.py"), "--content", str(content),
         "serve", "--port", str(port)],
        env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True)


def _ctrl_c(process: subprocess.Popen) -> str:
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    return stderr


def test_serve_shows_the_next_edition_s_e_mail_and_pdf_before_it_is_published(
        tmp_path: Path) -> None:
    content = copy_content(tmp_path / "contenu")
    _make_next_edition_a_draft(content)
    edito = content / "editions" / "2026-s2" / "fr.md"
    port = _free_port()
    process = _serve(content, port)
    base = f"http://127.0.0.1:{port}/"
    page = base + "fr/editions/2026-s2/index.html"
    pdf_url = base + "fr/editions/2026-s2/lettre-bonnes-pratiques-2026-s2-fr.pdf"
    try:
        assert _wait_for(lambda: "email.html" in (_get(page) or "")), "no e-mail link on the draft"
        assert 'href="lettre-bonnes-pratiques-2026-s2-fr.pdf"' in (_get(page) or "")
        status, data, kind = _get_bytes(pdf_url)
        assert (status, kind) == (200, "application/pdf") and data.startswith(b"%PDF")
        assert "2e semestre 2026" in _pdf_text(data)
        head = urllib.request.urlopen(urllib.request.Request(pdf_url, method="HEAD"), timeout=60)
        assert head.status == 200 and head.headers["Content-Length"] == str(len(data))
        status, data, kind = _get_bytes(base + "ko/editions/2026-s2/email.html")
        assert status == 200 and kind.startswith("text/html") and "<table" in data.decode("utf-8")
        status, data, kind = _get_bytes(base + "fr/editions/2026-s2/email.txt")
        assert status == 200 and kind.startswith("text/plain")
        # Saved, the edito is in the next PDF asked for.
        original = edito.read_text(encoding="utf-8")
        edito.write_text(original.replace(
            "\n---\n", "\n---\n\nUne phrase toute neuve de l’édito.\n", 1), encoding="utf-8")
        assert _wait_for(lambda: "toute neuve" in (_get(page) or ""))
        assert "toute neuve" in _pdf_text(_get_bytes(pdf_url)[1])
        # Content that does not build: like the pages, the PDF stays the last good one.
        edito.write_text(original.replace("published:", "published: [", 1), encoding="utf-8")
        assert _wait_for(lambda: 'id="nl-preview-errors"' in (_get(page) or ""))
        status, data, _kind = _get_bytes(pdf_url)
        assert status == 200 and "toute neuve" in _pdf_text(data)
        # Only the files the edition pages link are made.
        for wrong in ("fr/editions/2026-s2/autre.pdf", "fr/editions/2099-s1/email.html",
                      "fr/editions/2026-s2/lettre-bonnes-pratiques-2026-s2-ko.pdf"):
            assert _get_bytes(base + wrong)[0] == 404, wrong
    finally:
        _ctrl_c(process)


def test_serve_makes_the_e_mail_again_when_its_template_changes(tmp_path: Path) -> None:
    project = project_copy(tmp_path / "projet")
    content = copy_content(tmp_path / "contenu")
    port = _free_port()
    process = _serve(content, port, project)
    url = f"http://127.0.0.1:{port}/fr/editions/2026-s2/email.html"
    template = project / "templates" / "email.mjml.j2"
    try:
        assert _wait_for(lambda: _get(url) is not None), "the preview never started"
        assert "Bonjour d’un gabarit modifié" not in (_get(url) or "")
        template.write_text(template.read_text(encoding="utf-8").replace(
            "{{ site_name }} · {{ number_label }}",
            "Bonjour d’un gabarit modifié · {{ site_name }} · {{ number_label }}", 1),
            encoding="utf-8")
        assert _wait_for(lambda: "Bonjour d’un gabarit modifié" in (_get(url) or ""))
    finally:
        _ctrl_c(process)


def _raw_request(address: tuple[str, int], method: str, path: str, hosts: list[str],
                 headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """One request with exactly the `Host` headers given (none, one, or several)."""
    import http.client

    connection = http.client.HTTPConnection(*address, timeout=60)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for host in hosts:
            connection.putheader("Host", host)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_serve_answers_only_to_its_own_host_names(tmp_path: Path) -> None:
    """A DNS rebinding gives a page of another site the preview's address under the
    other site's name: with that name in `Host`, nothing is served, not even the next
    edition's e-mail."""
    content = copy_content(tmp_path / "contenu")
    _make_next_edition_a_draft(content)
    given = "127.0.0.2"  # the `--host` (all of 127/8 is the loopback on Linux)
    port = _free_port()
    environment = {**os.environ, "SOURCE_DATE_EPOCH": str(TODAY_EPOCH), "LANG": "C.UTF-8"}
    process = subprocess.Popen(
        [sys.executable, str(ENTRY), "--content", str(content), "serve", "--host", given,
         "--port", str(port)],
        env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True)
    address = (given, port)
    paths = ["/fr/", "/fr/practices/tours-marathon-numerique/", "/__preview_version",
             "/fr/editions/2026-s2/email.html", "/ko/editions/2026-s2/email.txt",
             "/fr/editions/2026-s2/lettre-bonnes-pratiques-2026-s2-fr.pdf",
             "/data/practices.json", "/fr/assets/stylesheets/nl.css", "/nowhere"]
    try:
        assert _wait_for(lambda: _get(f"http://{given}:{port}/fr/") is not None), \
            "the preview never started"
        refused = [[], ["rebind.attacker.example"], [f"rebind.attacker.example:{port}"],
                   [f"{given}.attacker.example:{port}"], ["localhost.:" + str(port)],
                   [f"127.0.0.1:{port + 1}"], [f"127.0.0.1:{port}", "rebind.attacker.example"],
                   [f"attacker.example@127.0.0.1:{port}"], ["0.0.0.0"]]
        for method in ("GET", "HEAD"):
            for path in paths:
                for hosts in refused:
                    status, headers, body = _raw_request(address, method, path, hosts)
                    assert status == 421, (method, path, hosts, status)
                    assert headers["Content-Type"] == "text/plain; charset=utf-8"
                    if method == "HEAD":
                        assert body == b""
                    else:
                        text = body.decode("utf-8")  # one line, in French by default
                        assert text == f"Cet aperçu ne répond qu’à sa propre adresse, " \
                            f"http://{given}:{port}/\n", text
        # An absolute address as the request's target names another host too.
        status, _headers, body = _raw_request(
            address, "GET", "http://rebind.attacker.example/fr/", [f"{given}:{port}"])
        assert status == 421 and b"<" not in body
        # Its own names, with or without the port, in any case.
        for host in (f"{given}:{port}", given, f"127.0.0.1:{port}", "127.0.0.1",
                     f"LocalHost:{port}", "localhost", f"[::1]:{port}", "[::1]"):
            status, headers, body = _raw_request(address, "GET", "/fr/", [host])
            assert status == 200 and b"</html>" in body.lower(), host
        status, headers, body = _raw_request(
            address, "GET", "/fr/editions/2026-s2/email.html", [f"localhost:{port}"])
        assert status == 200 and b"<table" in body
        status, headers, body = _raw_request(
            address, "HEAD", "/fr/editions/2026-s2/lettre-bonnes-pratiques-2026-s2-fr.pdf",
            [f"127.0.0.1:{port}"])
        assert status == 200 and headers["Content-Type"] == "application/pdf"
        # A page of another site that loads the drafts' search index as a <script> or
        # an <img> is refused; following a link to the preview is not.
        own = [f"{given}:{port}"]
        for fetch, expected in ((("cross-site", "no-cors"), 403), (("same-site", "cors"), 403),
                                (("cross-site", "navigate"), 200), (("same-origin", "cors"), 200),
                                (("none", "navigate"), 200)):
            status, headers, body = _raw_request(
                address, "GET", "/fr/search/nl-index.js", own,
                {"Sec-Fetch-Site": fetch[0], "Sec-Fetch-Mode": fetch[1]})
            assert status == expected, (fetch, status)
            assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
            assert headers["X-Content-Type-Options"] == "nosniff"
            if expected == 403:
                assert body.decode("utf-8") == "Les fichiers de cet aperçu ne servent qu’à " \
                    f"ses propres pages, http://{given}:{port}/\n"
    finally:
        _ctrl_c(process)


def test_the_allowed_host_names() -> None:
    from newsletter.commands.serve import allowed_hosts

    assert allowed_hosts("127.0.0.1", 8000) == {
        "127.0.0.1", "localhost", "[::1]", "127.0.0.1:8000", "localhost:8000", "[::1]:8000"}
    assert {"preview.lan", "preview.lan:8080"} <= allowed_hosts("Preview.LAN", 8080)
    assert {"[fe80::1]", "[fe80::1]:8000"} <= allowed_hosts("fe80::1", 8000)
