"""The published copy of a practice's image: content in, the file readers get out.

A phone's JPEG carries EXIF (where the photo was taken, with which camera, when), often
XMP and IPTC too: personal data of whoever took it, which every copy of the newsletter
would spread. So nothing the build publishes is the editor's file: the site's pages (and
the feeds and e-mails, which link the site's copy), the PDFs and the live preview show
its published copy, made here with Pillow:

- **Metadata removed**: EXIF, XMP, IPTC and Photoshop blocks, JPEG and GIF comments,
  PNG text chunks (tEXt, zTXt, iTXt) and eXIf, WebP EXIF and XMP chunks, any other
  JPEG application segment (thumbnails, maker notes, a second picture of an MPO).
  The ICC colour profile stays: without it, colours shift.
- **Orientation applied first**: the pixels are turned as the EXIF Orientation says
  (then the tag goes with the rest), and pages and e-mails give the turned size.
- **No needless loss**: an image with no metadata is published as its own bytes; a
  JPEG re-saved keeps its quantisation tables (`quality="keep"`), or, turned, a high
  quality; a lossless WebP stays lossless; animations stay animated. SVG files are
  published as they are (`validation` checks them as XML).
- **Decoded once, entirely**: a damaged file is an error of `check` (`Unreadable`), not
  a broken image for readers; one of more than `MAX_PIXELS` is never decoded (`TooLarge`).
- **The editor's file is only read**, never written.

The copies are kept in the cache folder (`caches`), in `photos/`, named by a hash of
the original's bytes, of `FORMAT` and of Pillow's version: a warm build only hashes
each image and finds its copy. That folder is also the PDF compiler's root (`pdf`):
Typst can read the published copies and nothing else.
"""
from __future__ import annotations

import hashlib
import io
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import imagesize
from PIL import GifImagePlugin, Image, ImageOps, JpegImagePlugin, UnidentifiedImageError
from PIL import __version__ as PILLOW_VERSION

from .. import caches
from ..i18n import _
from ..processes import usable_cores

FORMAT = 1
"""Bump when the copies change (they are made again)."""
MAX_PIXELS = 40_000_000
"""More pixels than any photo needs (a 40-megapixel camera): beyond, an error of `check`
(`validation.check_image`), and the image is never decoded."""
_SUFFIXES = {"JPEG": ".jpg", "MPO": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}
"""The formats an image may have (whatever its name says): its copy's suffix, Typst's guide."""
ANIMATION_MAX_PIXELS = 40_000_000
"""Frames × width × height, as for a photo (four 6 000 × 6 000 frames took 3 GB)."""
ROTATED_QUALITY = 92
"""A turned JPEG is encoded again from its pixels: at a quality that loses nothing visible."""
WEBP_QUALITY = 90
THREADS = 2
"""Images published at once: each may hold hundreds of megabytes of pixels."""
_ORIENTATION = 0x0112
_HARMLESS = frozenset({
    "jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi", "icc_profile", "adobe",
    "adobe_transform", "progressive", "progression", "transparency", "gamma", "chromaticity",
    "srgb", "aspect", "interlace", "version", "background", "duration", "loop", "disposal",
    "blend", "bbox", "default_image", "timestamp", "extension"})
"""Keys of Pillow's `info` that say nothing about who made the image, or where: any
other one (exif, xmp, comment, photoshop, a PNG text…) makes the image saved again."""
_GIF_LOOPS = (b"NETSCAPE2.0", b"ANIMEXTS1.0")
"""A GIF's application extensions that only say how many times the animation plays."""
_PNG_CHUNKS = frozenset({b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"cHRM", b"gAMA", b"iCCP",
                         b"sBIT", b"sRGB", b"bKGD", b"hIST", b"pHYs", b"sPLT", b"acTL", b"fcTL",
                         b"fdAT", b"cICP", b"mDCV", b"cLLI"})
"""PNG chunks of pixels, colours and animation: any other (tEXt, zTXt, iTXt, eXIf, tIME,
a private one) makes the image saved again."""
_WEBP_CHUNKS = frozenset({b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"})
_JPEG_SEGMENTS = (("APP0", b"JFIF\x00"), ("APP2", b"ICC_PROFILE\x00"), ("APP14", b"Adobe"))
"""The JPEG application segments that stay: JFIF's header, the colour profile, Adobe's
colour transform."""
# A GIF's frames keep their palette when they can (Pillow's default turns every frame
# after the first into RGB, which saving then reduces to a palette again).
GifImagePlugin.LOADING_STRATEGY = GifImagePlugin.LoadingStrategy.RGB_AFTER_DIFFERENT_PALETTE_ONLY


class Unreadable(Exception):
    """The image cannot be published; the message says why, for the editor."""


class TooLarge(Exception):
    """More pixels than `MAX_PIXELS`: not decoded (`validation.check_image` says so)."""

    def __init__(self, width: int, height: int):
        super().__init__(f"{width} × {height}")
        self.width, self.height = width, height


@dataclass(frozen=True)
class Photo:
    """The published copy of one image."""

    name: str
    """Its file name in `folder()`."""
    width: int | None  # as published (turned upright); None for SVG
    height: int | None


def folder() -> Path:
    """The published copies, and nothing else: the PDF compiler's root."""
    return (caches.folder() / "photos").absolute()  # links to it hold whole paths


def publish(source: Path) -> Photo:
    """The published copy of the image file `source`, made now unless the cache has it.
    Raises `TooLarge` or `Unreadable`."""
    svg = source.suffix.lower() == ".svg"
    if not svg:
        try:  # from the header: the pixels of a huge image are never decoded
            width, height = imagesize.get(source)
        except (OSError, ValueError):
            width = height = -1
        if width > 0 and height > 0 and width * height > MAX_PIXELS:
            raise TooLarge(width, height)
    try:
        data = source.read_bytes()
    except OSError as error:
        raise Unreadable(_("cannot read the file: {error}").format(
            error=error.strerror or error)) from None
    digest = hashlib.sha256(f"{FORMAT}\0{PILLOW_VERSION}\0".encode() + data).hexdigest()[:40]
    if svg:
        target = folder() / f"{digest}.svg"
        if not target.is_file():
            _store(target, data)
        return Photo(target.name, None, None)
    with _opened(data) as image:  # its format names the copy: Typst goes by the suffix
        target = folder() / f"{digest}{_SUFFIXES[image.format]}"
    size = _size_of(target)
    if size is None:
        published, size = strip(data)
        _store(target, published)
    return Photo(target.name, *size)


def publish_all(sources: list[Path]) -> dict[Path, Photo | Unreadable | TooLarge]:
    """`publish` of each file, several at once (Pillow and hashlib let go of the interpreter
    while they work): for each, its copy or why it has none."""
    def one(source: Path) -> Photo | Unreadable | TooLarge:
        try:
            return publish(source)
        except (Unreadable, TooLarge) as error:
            return error
    unique = list(dict.fromkeys(sources))
    if len(unique) < 2:
        return {source: one(source) for source in unique}
    with ThreadPoolExecutor(min(len(unique), usable_cores(), THREADS)) as pool:
        return dict(zip(unique, pool.map(one, unique)))


def path_of(name: str, source: Path) -> Path:
    """The published copy `name` (from `publish`) of `source`; made again if the cache
    lost it since (then from `source` as it is now: never `source` itself)."""
    target = folder() / name
    if not target.is_file():
        target = folder() / publish(source).name
    return target


def strip(data: bytes) -> tuple[bytes, tuple[int, int]]:
    """The published bytes of an image (`data` itself when it holds no metadata and
    needs no turning) and their width and height. Raises `TooLarge` or `Unreadable`."""
    with _opened(data) as image:
        try:
            return _strip(image, data)
        except (TooLarge, Unreadable):
            raise
        except Exception as error:  # noqa: BLE001 - Pillow raises OSError, SyntaxError…
            raise Unreadable(_damaged(error)) from None


@contextmanager
def _opened(data: bytes) -> Iterator[Any]:
    """`data` opened by Pillow (only its header read yet), or `Unreadable` saying why."""
    try:
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as error:  # a header `imagesize` could not read
        raise Unreadable(_("the image has more pixels than the newsletter can lay out "
                           "({error}); resize it (1600 pixels wide is plenty)").format(
                               error=error)) from None
    except UnidentifiedImageError:
        raise Unreadable(_("this file is not an image that the newsletter can publish (JPEG, "
                           "PNG, GIF or WebP), or it is damaged; open it in an image editor "
                           "and export it again as JPEG or PNG")) from None
    except Exception as error:  # noqa: BLE001 - a damaged header: any of Pillow's errors
        raise Unreadable(_damaged(error)) from None
    with image:
        if image.format not in _SUFFIXES:
            raise Unreadable(_("this is a {format} image, which browsers and PDFs do not all "
                               "show; export it as JPEG or PNG").format(format=image.format))
        yield image


def _damaged(error: Exception) -> str:
    return _("the image cannot be read ({error}): the file is damaged or cut short; open it "
             "in an image editor and export it again as JPEG or PNG").format(
                 error=str(error) or type(error).__name__)


def _strip(image: Any, data: bytes) -> tuple[bytes, tuple[int, int]]:
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise TooLarge(width, height)
    frames = 1 if image.format == "MPO" else getattr(image, "n_frames", 1)  # MPO: its first
    if frames * width * height > ANIMATION_MAX_PIXELS:
        raise Unreadable(_(
            "the animation has {frames} frames of {width} × {height} pixels, too many to "
            "publish; make it shorter or smaller").format(frames=frames, width=width,
                                                         height=height))
    # Every frame decoded: a file cut short is found now. Metadata may come with any frame.
    found = set()
    for index in range(frames):
        image.seek(index)
        image.load()
        found |= _metadata(image)
    image.seek(0)
    orientation = image.getexif().get(_ORIENTATION, 1) if frames == 1 else 1
    found |= _metadata(image)
    if not found and orientation in (1, None) and not _other_blocks(data, image.format):
        return data, (width, height)
    published = _saved(image, frames, orientation, data)
    with Image.open(io.BytesIO(published)) as check:  # Pillow must not have copied any
        if check.getexif() or _metadata(check) or (
                check.format != "JPEG" and _other_blocks(published, check.format)):
            raise Unreadable(_("the image's metadata could not be removed; export it again "
                               "as PNG"))
        return published, check.size


def _metadata(image: Any) -> set[str]:
    """What `image` (as read so far) holds besides its pixels and colours, as Pillow
    reads it."""
    found = {str(key) for key in image.info if key not in _HARMLESS}
    extension = image.info.get("extension")
    if extension and not extension[0].startswith(_GIF_LOOPS):
        found.add("extension")
    if image.format == "MPO":
        found.add("mpo")
    for marker, payload in getattr(image, "applist", ()):
        if not any(marker == kept and payload.startswith(prefix)
                   for kept, prefix in _JPEG_SEGMENTS):
            found.add(marker)
    if image.format == "PNG" and getattr(image, "text", None):
        found.add("text")
    return found


def _other_blocks(data: bytes, kind: str) -> bool:
    """Whether the file holds blocks that Pillow does not report (a PNG's tIME or
    private chunks, a WebP's unknown chunks, a GIF's application extensions after the
    first, bytes after a JPEG's end). Only read, to decide whether to save the image
    again (a false alarm only costs that)."""
    if kind == "PNG":
        return not data.endswith(b"IEND\xaeB`\x82") or any(
            name not in _PNG_CHUNKS for name, _start, _length in _chunks(data, 8, "big"))
    if kind == "WEBP":
        return any(name not in _WEBP_CHUNKS for name, _start, _length in
                   _chunks(data, 12, "little"))
    if kind == "GIF":
        try:
            return _gif_extras(data)
        except IndexError:  # cut short: saved again
            return True
    return not data.rstrip(b"\x00").endswith(b"\xff\xd9")  # JPEG


def _gif_extras(data: bytes) -> bool:
    """Whether a GIF holds a comment, a plain-text or an application extension other than
    the loop count, or bytes after its end (its blocks walked through, as GIF89a lays
    them out)."""
    offset = 13 + (3 << ((data[10] & 7) + 1) if data[10] & 0x80 else 0)  # the colour table
    while True:
        kind = data[offset]
        if kind == 0x3B:  # the end
            return len(data.rstrip(b"\x00")) > offset + 1
        if kind == 0x21:  # an extension: its label, then sub-blocks
            label, offset = data[offset + 1], offset + 2
            if label in (0xFE, 0x01) or (label == 0xFF and not data[offset + 1:offset + 12]
                                         .startswith(_GIF_LOOPS)):
                return True
        elif kind == 0x2C:  # a picture: its place, its colour table, LZW sub-blocks
            flags = data[offset + 9]
            offset += 11 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
        else:
            return True
        while data[offset]:
            offset += data[offset] + 1
        offset += 1


def _chunks(data: bytes, offset: int, order: str) -> Iterator[tuple[bytes, int, int]]:
    """(name, start of the content, length) of the chunks of a PNG ("big") or a WebP
    ("little") file, from `offset`."""
    png = order == "big"
    while offset + 8 <= len(data) and data[offset - 8:offset - 4] != b"IEND":
        name = data[offset + 4:offset + 8] if png else data[offset:offset + 4]
        length = int.from_bytes(data[offset:offset + 4] if png else data[offset + 4:offset + 8],
                                order)
        yield name, offset + 8, length
        offset += 8 + length + (4 if png else length & 1)


def _saved(image: Any, frames: int, orientation: int, data: bytes) -> bytes:
    """`image` saved again, in its format, with its colour profile and nothing else."""
    info, out = dict(image.info), io.BytesIO()
    options: dict[str, Any] = {"icc_profile": info["icc_profile"]} if "icc_profile" in info else {}
    if frames > 1:
        _save_animation(image, frames, options, data, out)
        return out.getvalue()
    turned = orientation in range(2, 9)
    result = ImageOps.exif_transpose(image) if turned else image
    result.info = {}  # what Pillow would copy into the new file otherwise
    if image.format in ("JPEG", "MPO"):
        sampling = JpegImagePlugin.get_sampling(image)
        if turned:  # tables and subsampling are the original's when they do not turn
            options.update(quality=ROTATED_QUALITY,
                           subsampling=sampling if sampling in (0, 2) else 2)
        elif image.format == "JPEG":
            options.update(quality="keep")
        else:  # an MPO's first picture: the same as "keep"
            options.update(qtables=image.quantization, subsampling=sampling)
        result.save(out, "JPEG", progressive=bool(info.get("progressive")), **options)
    elif image.format == "WEBP":
        result.save(out, "WEBP", lossless=_lossless_webp(data), quality=WEBP_QUALITY,
                    exact=True, **options)
    else:
        if info.get("transparency") is not None:
            options["transparency"] = info["transparency"]
        result.save(out, image.format, **options)
    return out.getvalue()


def _save_animation(image: Any, frames: int, options: dict[str, Any], data: bytes,
                    out: io.BytesIO) -> None:
    """Every frame (as Pillow composes it), with its duration and disposal, none of the
    file's metadata."""
    loop, background = image.info.get("loop"), image.info.get("background")
    copies, durations, disposals = [], [], []
    for index in range(frames):
        image.seek(index)
        image.load()  # a WebP's frame says its duration once loaded
        durations.append(image.info.get("duration", 0))
        disposals.append(getattr(image, "disposal_method", image.info.get("disposal", 0)))
        copy = image.copy()
        copy.info = {key: image.info[key] for key in ("transparency",) if key in image.info}
        copies.append(copy)
    options = {**options, "save_all": True, "append_images": copies[1:], "duration": durations}
    options.update({"loop": loop} if loop is not None else {})
    if image.format == "WEBP":
        options.update(lossless=_lossless_webp(data), quality=WEBP_QUALITY)
    else:
        options["disposal"] = disposals
        if image.format == "GIF" and background is not None:
            options["background"] = background
    copies[0].save(out, image.format, **options)


def _lossless_webp(data: bytes) -> bool:
    """Whether a WebP's first picture is lossless (VP8L, at the top or in the first
    frame of an animation) rather than lossy (VP8, with or without an ALPH chunk)."""
    for name, start, length in _chunks(data, 12, "little"):
        if name == b"ANMF":  # a frame: 16 bytes of placement, then its picture's chunks
            name = next((kind for kind, _start, _length in _chunks(data[:start + length],
                         start + 16, "little") if kind in (b"VP8L", b"VP8 ")), b"")
        if name in (b"VP8L", b"VP8 "):
            return name == b"VP8L"
    return False


def _size_of(path: Path) -> tuple[int, int] | None:
    """The width and height of a copy in the cache, or None when it is not there."""
    try:
        with Image.open(path) as image:
            return image.size
    except (OSError, ValueError, SyntaxError):
        return None


def _store(target: Path, data: bytes) -> None:
    """Write a copy into the cache, atomically (another build may read it meanwhile)."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        temporary.replace(target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise Unreadable(_("the published copy of the image (without its metadata) cannot be "
                           "written into {folder}: {error}; name a folder that can be written "
                           "with NEWSLETTER_CACHE").format(folder=target.parent,
                                                           error=error.strerror or error)) from None
