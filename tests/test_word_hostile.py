"""Word documents from outside, treated as untrusted (issue 20): each hostile case ends
with a clear message, without a traceback, and nothing is written outside the new
practice's folder (nothing at all when the document is refused)."""
from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import docx
import pytest

from conftest import digest, run
from word_documents import filled_fiche, hyperlink, photo

SLUG = "tours-fiche-recue"


@pytest.fixture
def opened(content: Path) -> Path:
    assert run("new-edition", "2027-s1", cwd=content).returncode == 0
    return content


def _rezip(source: Path, target: Path, change=None, add: dict[str, bytes] | None = None,
           method: int = zipfile.ZIP_DEFLATED) -> Path:
    """`source`'s parts into `target`, `change(name, data)` applied, `add` added."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", method) as new:
        for name in old.namelist():
            data = old.read(name)
            new.writestr(name, change(name, data) if change else data)
        for name, data in (add or {}).items():
            new.writestr(name, data)
    return target


def _import(content: Path, file: Path, *more: str):
    before = {k: v for k, v in digest(content).items() if not k.startswith(f"practices/{SLUG}/")}
    started = time.perf_counter()
    result = run("import", str(file), "--slug", SLUG, *more, cwd=content)
    seconds = time.perf_counter() - started
    after = {k: v for k, v in digest(content).items() if not k.startswith(f"practices/{SLUG}/")}
    assert before == after, "something was written outside the practice's folder"
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "internal error" not in output, output
    return result, output, seconds


def _base(content: Path, tmp_path: Path) -> Path:
    return filled_fiche("fr", content, tmp_path / "fiche.docx")


def test_macros_are_refused_and_nothing_is_written(opened: Path, tmp_path: Path) -> None:
    base = _base(opened, tmp_path)
    docm = tmp_path / "fiche.docm"
    docm.write_bytes(base.read_bytes())
    result, output, _s = _import(opened, docm)
    assert result.returncode == 1 and "macro" in output and not (opened / "practices" / SLUG).exists()
    inside = _rezip(base, tmp_path / "vba.docx", add={"word/vbaProject.bin": b"\xd0\xcf" * 100})
    result, output, _s = _import(opened, inside)
    assert result.returncode == 1 and "vbaProject.bin" in output
    enabled = _rezip(base, tmp_path / "enabled.docx", change=lambda name, data: data.replace(
        b"document.main+xml", b"document.macroEnabled.main+xml") if name == "[Content_Types].xml"
        else data)
    result, output, _s = _import(opened, enabled)
    assert result.returncode == 1 and "macro" in output
    assert not (opened / "practices" / SLUG).exists()


def test_a_zip_bomb_ends_quickly_with_a_clear_error(opened: Path, tmp_path: Path) -> None:
    base = _base(opened, tmp_path)
    bomb = _rezip(base, tmp_path / "bomb.docx",
                  add={"word/media/image99.png": b"\0" * 300_000_000})
    assert bomb.stat().st_size < 2_000_000
    result, output, seconds = _import(opened, bomb)
    assert result.returncode == 1 and "zip" in output and seconds < 20, output
    lying = tmp_path / "lying.docx"  # a header that understates the part's size
    data = bytearray(bomb.read_bytes())
    with zipfile.ZipFile(bomb) as archive:
        info = archive.getinfo("word/media/image99.png")
    for offset in (info.header_offset + 22, data.rfind(b"word/media/image99.png") - 46 + 24):
        data[offset:offset + 4] = (1000).to_bytes(4, "little")
    lying.write_bytes(bytes(data))
    result, output, seconds = _import(opened, lying)
    assert result.returncode == 1 and seconds < 20, output
    assert not (opened / "practices" / SLUG).exists()


def test_xml_with_a_dtd_or_entities_is_refused(opened: Path, tmp_path: Path) -> None:
    base = _base(opened, tmp_path)
    laughs = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
              b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">'
              b']>')
    hostile = _rezip(base, tmp_path / "laughs.docx", change=lambda name, data: laughs + data[
        data.index(b"?>") + 2:] if name == "word/document.xml" else data)
    result, output, _s = _import(opened, hostile)
    assert result.returncode == 1 and "DTD" in output and "word/document.xml" in output
    external = _rezip(base, tmp_path / "xxe.docx", change=lambda name, data: data.replace(
        b"?>", b'?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', 1)
        if name == "word/styles.xml" else data)
    result, output, _s = _import(opened, external)
    assert result.returncode == 1 and "DTD" in output and "root:" not in output
    assert not (opened / "practices" / SLUG).exists()


def test_linked_pictures_are_never_fetched_and_objects_are_skipped(opened: Path,
                                                                   tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Un document avec des liens", level=0)
    document.add_paragraph("Une photo liée, un objet incorporé, des liens piégés.")
    run_ = document.add_paragraph().add_run()
    run_.add_picture(str(photo(tmp_path / "vraie.jpg")))
    paragraph = document.add_paragraph("Voir ")
    hyperlink(paragraph, "javascript:alert(document.cookie)", "ce lien")
    hyperlink(paragraph, "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "celui-ci")
    hyperlink(paragraph, "https://www.example.org/ok", "une vraie page")
    document.add_paragraph("<script>alert(1)</script> reste du texte.")
    source = tmp_path / "source.docx"
    document.save(source)
    secret = tmp_path / "secret.png"
    secret.write_bytes((tmp_path / "vraie.jpg").read_bytes())

    def link_it(name: str, data: bytes) -> bytes:
        if name == "word/_rels/document.xml.rels":
            start = data.index(b'Target="media/')
            end = data.index(b'"', start + 8)
            return data[:start] + f'Target="file://{secret}" TargetMode="External'.encode() + \
                data[end:]
        if name == "word/document.xml":
            return data.replace(b"r:embed=", b"r:link=")
        return data

    linked = _rezip(source, tmp_path / "linked.docx", change=link_it,
                    add={"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 500,
                         "word/charts/chart1.xml": b"<c:chartSpace xmlns:c='urn:x'/>"})
    result, output, _s = _import(opened, linked)
    folder = opened / "practices" / SLUG
    assert result.returncode == 1, output  # a free document: fields left to fill
    assert str(secret) in output and "2 " in output and "objet" in output
    assert "javascript:" in output and "data:" in output
    text = (folder / "fr.md").read_text(encoding="utf-8")
    assert "javascript" not in text and "data:" not in text and "ce lien" in text
    assert "[une vraie page](https://www.example.org/ok)" in text
    assert "&lt;script>alert(1)&lt;/script> reste du texte." in text
    assert [p.name for p in folder.iterdir()] == ["fr.md"]  # the linked picture: not fetched
    checked = run("check", cwd=opened)
    assert "script" not in checked.stdout


def test_pictures_past_the_limits_are_left_out_and_names_are_made_safe(
        opened: Path, tmp_path: Path) -> None:
    from PIL import Image

    document = docx.Document()
    document.add_heading("Photos", level=0)
    big = tmp_path / "big.png"
    Image.new("1", (8000, 6000)).save(big)  # 48 million pixels, a few kilobytes
    document.add_paragraph().add_run().add_picture(str(big), width=docx.shared.Cm(5))
    small = photo(tmp_path / "small.jpg")
    document.add_paragraph().add_run().add_picture(str(small), width=docx.shared.Cm(5))
    named = tmp_path / "named.docx"
    document.save(named)
    evil = _rezip(named, tmp_path / "evil.docx", change=lambda name, data: data.replace(
        b'name="small.jpg"', b'name="../../../CON..\\evil name.jpg"')
        if name == "word/document.xml" else data)
    result, output, _s = _import(opened, evil)
    folder = opened / "practices" / SLUG
    names = sorted(p.name for p in folder.iterdir())
    assert "8000 × 6000" in output and len(names) == 2, (names, output)
    assert names[0] == "con-evil-name.jpg" or names[0].startswith(("con", "photo")), names
    assert all(n == "fr.md" or n.replace("-", "").replace(".", "").isalnum() for n in names)


def test_other_files_get_a_clear_message(opened: Path, tmp_path: Path) -> None:
    cases = {
        "ancien.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".doc"),
        "texte.docx": ("Ceci n’est pas un document Word.".encode(), ".docx"),
        "archive.docx": (_zip({"a.txt": b"x"}), "word/document.xml"),
        "tronque.docx": (_base(opened, tmp_path).read_bytes()[:3000], "docx"),
    }
    for name, (data, expected) in cases.items():
        file = tmp_path / name
        file.write_bytes(data)
        result, output, _s = _import(opened, file)
        assert result.returncode == 1 and expected in output, (name, output)
    hangul = tmp_path / "보고서.hwpx"
    hangul.write_bytes(_zip({"mimetype": b"application/hwp+zip"}))
    result, output, _s = _import(opened, hangul)
    assert result.returncode == 2 and ".docx" in output and "한글" in output
    missing = run("import", str(tmp_path / "absent.docx"), "--slug", SLUG, cwd=opened)
    assert missing.returncode == 2
    assert not (opened / "practices" / SLUG).exists()


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()
