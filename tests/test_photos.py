"""Issue 16: photos publish where they were taken — unless every published copy loses its
metadata (`newsletter/content/photos.py`).

Real images, made here with Pillow as phones and editing programs write them: a JPEG with
EXIF (GPS 48°51′N 2°17′E, camera, date, Orientation 6), XMP, IPTC and a comment; a PNG
with text chunks and eXIf; a WebP with EXIF and XMP; an animated GIF with a comment. The
site, the e-mail, the PDF and the live preview must publish none of it, the photo upright,
and the editors' files unchanged.
"""
from __future__ import annotations

import hashlib
import io
import re
import struct
import subprocess
from pathlib import Path

import pytest
from lxml import html as lxml_html
from PIL import ExifTags, Image, ImageDraw
from PIL.PngImagePlugin import PngInfo
from PIL.TiffImagePlugin import IFDRational

from conftest import SITE_URL, copy_content, run
from newsletter.content import photos

PHOTO_PRACTICE = "tours-marathon-numerique"  # a French original of 2026-s1 (published)
OTHERS_PRACTICE = "gumi-solaire-toitures-industrielles"  # a Korean original of 2026-s2
COMMENT = b"Prise par Jeanne depuis son balcon"
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
       b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
       b'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="SecretPhone Camera"/>'
       b'</rdf:RDF></x:xmpmeta>')
SECRETS = (b"Exif", b"GPS", b"http://ns.adobe.com/xap", b"Photoshop 3.0", COMMENT, b"Jeanne",
           b"SecretPhone", b"PhoneMaker", b"2026:05:10")
"""What no published copy may hold (the first bytes of an EXIF block, of its GPS
directory's tags as text, of XMP and IPTC segments, the comment, the camera, the date)."""
RED = (255, 0, 0)


# -- images as phones write them -----------------------------------------------------------

def exif(orientation: int = 1) -> Image.Exif:
    tags = Image.Exif()
    tags[ExifTags.Base.Make] = "PhoneMaker"
    tags[ExifTags.Base.Model] = "SecretPhone 12"
    tags[ExifTags.Base.DateTime] = "2026:05:10 09:30:00"
    tags[ExifTags.Base.Orientation] = orientation
    gps = tags.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (IFDRational(48), IFDRational(51), IFDRational(0))
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (IFDRational(2), IFDRational(17), IFDRational(0))
    gps[ExifTags.GPS.GPSProcessingMethod] = b"ASCII\x00\x00\x00GPS"  # as Android writes it
    return tags


def iptc_segment() -> bytes:
    """A JPEG APP13 segment: Photoshop's image resource block with an IPTC byline."""
    record = b"\x1c\x02\x50" + struct.pack(">H", 6) + b"Jeanne"
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(record)) \
        + record
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def picture(width: int = 640, height: int = 480) -> Image.Image:
    """A landscape picture, as the sensor stored it: a red marker in its top-left corner."""
    image = Image.new("RGB", (width, height), (40, 90, 160))
    ImageDraw.Draw(image).rectangle([0, 0, 119, 89], fill=RED)
    return image


def phone_jpeg() -> bytes:
    """As a phone held upright writes it: pixels stored sideways, Orientation 6 (turn
    them 90° clockwise to show them), GPS, camera, date, XMP, IPTC and a comment."""
    out = io.BytesIO()
    picture().save(out, "JPEG", quality=90, exif=exif(6), xmp=XMP, comment=COMMENT,
                   extra=iptc_segment())
    return out.getvalue()


def clean_jpeg() -> bytes:
    out = io.BytesIO()
    picture(320, 200).save(out, "JPEG", quality=85)
    return out.getvalue()


def png_with_text() -> bytes:
    info = PngInfo()
    info.add_text("Author", "Jeanne")
    info.add_itxt("Comment", COMMENT.decode(), lang="fr", tkey="Commentaire")
    info.add_text("XML:com.adobe.xmp", XMP.decode())
    out = io.BytesIO()
    picture(300, 200).save(out, "PNG", pnginfo=info, exif=exif())
    return out.getvalue()


def webp_with_exif() -> bytes:
    out = io.BytesIO()
    picture(300, 200).save(out, "WEBP", quality=80, exif=exif(), xmp=XMP)
    return out.getvalue()


def animated_gif() -> bytes:
    frames = [Image.new("P", (60, 40), index) for index in range(3)]
    for frame in frames:
        frame.putpalette([v for i in range(256) for v in (i, 255 - i, 100)])
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=[100, 200, 300],
                   loop=0, comment=COMMENT)
    return out.getvalue()


IMAGES = {
    PHOTO_PRACTICE: {"phone.jpg": phone_jpeg},
    OTHERS_PRACTICE: {"clean.jpg": clean_jpeg, "screen.png": png_with_text,
                      "photo.webp": webp_with_exif, "anim.gif": animated_gif},
}


def add_images(content: Path) -> dict[str, str]:
    """The images, shown in both languages' texts; the hash of each original."""
    hashes = {}
    for slug, images in IMAGES.items():
        folder = content / "practices" / slug
        for name, make in images.items():
            (folder / name).write_bytes(make())
            hashes[f"{slug}/{name}"] = sha256(folder / name)
        shown = "".join(f"\n![Illustration {name}]({name})\n" for name in images)
        for text in folder.glob("*.md"):
            body = text.read_text(encoding="utf-8")
            head, _, rest = body.partition("\n## ")
            text.write_text(f"{head}{shown}\n## {rest}", encoding="utf-8")
    return hashes


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def originals(content: Path) -> dict[str, str]:
    return {f"{slug}/{name}": sha256(content / "practices" / slug / name)
            for slug, images in IMAGES.items() for name in images}


def assert_clean(data: bytes, where: str) -> None:
    """No metadata in the bytes, nor in what Pillow reads of them."""
    for secret in SECRETS:
        assert secret not in data, (where, secret)
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        assert not image.getexif(), where
        kept = set(image.info) - {"jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi",
                                  "icc_profile", "progressive", "progression", "transparency",
                                  "version", "background", "duration", "loop", "timestamp",
                                  "extension"}
        assert kept == set(), (where, kept)
        assert not getattr(image, "text", None), where
        assert not [marker for marker, _payload in getattr(image, "applist", [])
                    if marker not in ("APP0", "APP2", "APP14")], where


# -- the site, the e-mail, the PDF ---------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("photos")
    content = copy_content(folder / "content")
    before = add_images(content)
    out = folder / "site"
    result = run("build", "--out", str(out), "--site-url", SITE_URL, cwd=content)
    assert result.returncode == 0, result.stderr
    return content, out, before


def test_the_test_images_do_hold_metadata() -> None:
    """What the other tests remove is there to begin with."""
    data = phone_jpeg()
    for secret in SECRETS:
        assert secret in data, secret
    with Image.open(io.BytesIO(data)) as image:
        assert image.getexif()[ExifTags.Base.Orientation] == 6
        assert image.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitude] == (48, 51, 0)
        assert "xmp" in image.info and "photoshop" in image.info and image.info["comment"] == COMMENT
    assert b"Jeanne" in png_with_text() and b"eXIf" in png_with_text()
    assert b"EXIF" in webp_with_exif() and b"XMP " in webp_with_exif()
    assert COMMENT in animated_gif()


def test_the_site_publishes_no_metadata(built: tuple[Path, Path, dict[str, str]]) -> None:
    content, out, before = built
    for lang in ("fr", "ko"):
        for slug, images in IMAGES.items():
            for name in images:
                published = out / lang / "practices" / slug / name
                assert published.is_file() and not published.is_symlink(), published
                assert_clean(published.read_bytes(), f"{lang}/{slug}/{name}")
    assert originals(content) == before  # the editors' files are untouched


def test_an_image_without_metadata_is_published_as_it_is(
        built: tuple[Path, Path, dict[str, str]]) -> None:
    content, out, _before = built
    original = (content / "practices" / OTHERS_PRACTICE / "clean.jpg").read_bytes()
    assert (out / "fr" / "practices" / OTHERS_PRACTICE / "clean.jpg").read_bytes() == original


def test_the_photo_is_turned_upright(built: tuple[Path, Path, dict[str, str]]) -> None:
    _content, out, _before = built
    with Image.open(out / "fr" / "practices" / PHOTO_PRACTICE / "phone.jpg") as image:
        assert image.size == (480, 640)  # stored 640 × 480, shown turned a quarter clockwise
        image = image.convert("RGB")
        near = lambda colour: all(abs(a - b) < 40 for a, b in zip(colour, RED))  # noqa: E731
        assert near(image.getpixel((480 - 20, 20)))  # the marker, now top right
        assert not near(image.getpixel((20, 20)))
        assert not near(image.getpixel((20, 640 - 20)))


def test_animations_stay_animated(built: tuple[Path, Path, dict[str, str]]) -> None:
    _content, out, _before = built
    with Image.open(out / "fr" / "practices" / OTHERS_PRACTICE / "anim.gif") as image:
        assert image.n_frames == 3
        durations = []
        for index in range(3):
            image.seek(index)
            durations.append(image.info["duration"])
        assert durations == [100, 200, 300] and image.info.get("loop") == 0


def test_pages_and_e_mails_give_the_turned_size(built: tuple[Path, Path, dict[str, str]]) -> None:
    _content, out, _before = built
    for lang in ("fr", "ko"):
        page = lxml_html.fromstring((out / lang / "practices" / PHOTO_PRACTICE / "index.html")
                                    .read_bytes())
        [image] = page.xpath("//img[@src='phone.jpg']")
        assert (image.get("width"), image.get("height")) == ("480", "640"), lang
        mail = lxml_html.fromstring((out / lang / "editions" / "2026-s1" / "email.html").read_bytes())
        [image] = mail.xpath(f"//img[@src='{SITE_URL}{lang}/practices/{PHOTO_PRACTICE}/phone.jpg']")
        assert (image.get("width"), image.get("height")) == ("480", "640"), lang
    page = lxml_html.fromstring((out / "fr" / "practices" / OTHERS_PRACTICE / "index.html").read_bytes())
    sizes = {img.get("src"): (img.get("width"), img.get("height")) for img in page.xpath("//img")}
    assert sizes["screen.png"] == ("300", "200") and sizes["anim.gif"] == ("60", "40")


def test_the_pdf_embeds_the_published_copies(built: tuple[Path, Path, dict[str, str]],
                                             tmp_path: Path) -> None:
    _content, out, _before = built
    published = (out / "fr" / "practices" / PHOTO_PRACTICE / "phone.jpg").read_bytes()
    for lang in ("fr", "ko"):
        [pdf] = (out / lang / "editions" / "2026-s1").glob("*.pdf")
        data = pdf.read_bytes()
        for secret in (b"GPS", b"Photoshop 3.0", COMMENT, b"Jeanne", b"SecretPhone", b"PhoneMaker",
                       b"Exif\x00\x00"):
            assert secret not in data, (lang, secret)
        extracted = tmp_path / lang
        extracted.mkdir()
        subprocess.run(["pdfimages", "-all", str(pdf), str(extracted / "image")], check=True,
                       capture_output=True)
        jpegs = [p.read_bytes() for p in sorted(extracted.glob("*.jpg"))]
        assert published in jpegs, lang  # Typst embeds a JPEG's bytes: those of the copy
        for jpeg in jpegs:
            assert_clean(jpeg, f"{lang} PDF")
    for lang in ("fr", "ko"):  # the other formats, in the other edition
        [pdf] = (out / lang / "editions" / "2026-s2").glob("*.pdf")
        for secret in (b"GPS", COMMENT, b"Jeanne", b"SecretPhone", b"PhoneMaker"):
            assert secret not in pdf.read_bytes(), (lang, secret)


def test_a_warm_build_reuses_the_copies(built: tuple[Path, Path, dict[str, str]],
                                        tmp_path: Path) -> None:
    content, _out, before = built
    cache = tmp_path / "cache"
    env = {"NEWSLETTER_CACHE": str(cache)}
    for attempt in ("first", "second"):
        result = run("build", "--out", str(tmp_path / attempt), "--site-url", SITE_URL,
                     cwd=content, env=env)
        assert result.returncode == 0, result.stderr
        copies = {p.name: p.stat().st_ino for p in (cache / "photos").iterdir()}
        if attempt == "first":
            made = copies
    assert copies == made and len(made) == 5  # named by content: found again, not made again
    assert originals(content) == before


# -- problems ------------------------------------------------------------------------------

def test_a_damaged_photo_is_a_clean_error(content: Path) -> None:
    folder = content / "practices" / PHOTO_PRACTICE
    data = phone_jpeg()
    (folder / "phone.jpg").write_bytes(data[:len(data) * 2 // 3])  # cut short
    (folder / "screen.png").write_bytes(b"\x89PNG\r\n\x1a\nnot a picture")
    text = folder / "fr.md"
    text.write_text(text.read_text(encoding="utf-8") + "\n![Photo](phone.jpg)\n\n![Écran](screen.png)\n",
                    encoding="utf-8")
    result = run("check", cwd=content)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert any(re.match(rf"^practices/{PHOTO_PRACTICE}/phone\.jpg: .*(tronqu|incomplet)", line)
               for line in lines), lines
    assert any(line.startswith(f"practices/{PHOTO_PRACTICE}/screen.png: ") for line in lines), lines
    korean = run("check", "--lang", "ko", cwd=content)
    assert f"practices/{PHOTO_PRACTICE}/phone.jpg: 이미지를 읽을 수 없습니다" in korean.stdout


def test_a_decompression_bomb_is_refused_before_it_is_decoded(content: Path) -> None:
    """A few hundred bytes that say 30 000 × 30 000 pixels (3.6 GB once decoded)."""
    folder = content / "practices" / PHOTO_PRACTICE
    header = struct.pack(">IIBBBBB", 30_000, 30_000, 8, 2, 0, 0, 0)
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(  # noqa: E731
        ">I", __import__("zlib").crc32(kind + data))
    (folder / "bomb.png").write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                                      + chunk(b"IDAT", b"x\x9c" + b"\x00" * 200) + chunk(b"IEND", b""))
    text = folder / "fr.md"
    text.write_text(text.read_text(encoding="utf-8") + "\n![Plan](bomb.png)\n", encoding="utf-8")
    result = run("check", cwd=content)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert re.search(rf"^practices/{PHOTO_PRACTICE}/bomb\.png: .*30000 × 30000", result.stdout,
                     re.M), result.stdout
    with pytest.raises(photos.Unreadable):  # past the header check too: Pillow's own limit
        photos.strip((folder / "bomb.png").read_bytes())


def test_strip_keeps_a_jpeg_s_quality_and_turns_without_loss_of_size() -> None:
    data = phone_jpeg()
    published, size = photos.strip(data)
    assert size == (480, 640)
    with Image.open(io.BytesIO(data)) as before, Image.open(io.BytesIO(published)) as after:
        assert after.format == "JPEG"
        assert after.mode == before.mode
    unturned = io.BytesIO()
    picture().save(unturned, "JPEG", quality=70, exif=exif(1), comment=COMMENT)
    kept, size = photos.strip(unturned.getvalue())
    assert size == (640, 480)
    with Image.open(unturned) as before, Image.open(io.BytesIO(kept)) as after:
        assert after.quantization == before.quantization  # quality "keep"
    assert_clean(kept, "quality kept")


# -- the live preview ----------------------------------------------------------------------

def test_the_preview_publishes_the_copies_too(content: Path, tmp_path: Path) -> None:
    from newsletter.commands.preview import Preview

    before = add_images(content)
    out = tmp_path / "preview"
    out.mkdir()
    preview = Preview(content, out, "http://127.0.0.1:8000/")
    try:
        assert preview.update(None)
        shown = out / "fr" / "practices" / PHOTO_PRACTICE / "phone.jpg"
        assert_clean(shown.read_bytes(), "preview")
        with Image.open(shown) as image:
            assert image.size == (480, 640)
        pdf, warnings = preview.edition_file("fr", "2026-s1",
                                             "lettre-bonnes-pratiques-2026-s1-fr.pdf")
        assert pdf is not None and pdf.startswith(b"%PDF"), warnings
        for secret in (b"GPS", b"Photoshop 3.0", COMMENT, b"SecretPhone", b"Exif\x00\x00"):
            assert secret not in pdf, secret

        # The editor replaces the photo with one taken the other way up: the preview shows it.
        photo = content / "practices" / PHOTO_PRACTICE / "phone.jpg"
        replacement = io.BytesIO()
        picture().save(replacement, "JPEG", exif=exif(8), comment=COMMENT)
        photo.write_bytes(replacement.getvalue())
        assert preview.update({photo})
        with Image.open(shown) as image:
            assert image.size == (480, 640)
            assert all(abs(a - b) < 40 for a, b in zip(image.convert("RGB").getpixel((20, 640 - 20)), RED))
        assert_clean(shown.read_bytes(), "preview, after a save")
        before[f"{PHOTO_PRACTICE}/phone.jpg"] = sha256(photo)
        assert originals(content) == before
    finally:
        preview.close()
