"""The PDF of an edition, with Typst: `<lang>/editions/<id>/<name>.pdf`.

A cover (title, number, date, the publishers), a table of contents with page numbers (also
as bookmarks), the edito, then each practice from a new page with its metadata panel, and a
last page that says who publishes the letter, under which licences and whom to write to;
the edition and the page numbers in the footer. `pdf_data` gathers what it shows; this
module compiles it. Korean is set in Noto Sans CJK (Debian's fonts-noto-cjk), embedded, so
the text can be selected and searched.

The PDF declares PDF/UA-1 (accessible: tagged, every text in its language, the title
shown) and PDF/A-2a (archivable), which Typst checks as it writes them.

Why Typst (PyPI `typst`, the compiler itself in a wheel: no system library) rather
than WeasyPrint: for the same edition it was 5 to 9 times faster here, with equal or
better typesetting (see README). Its one Korean weakness, breaking between any two
syllables, is handled in the template (`hangul-words`).

Safety: the bodies come from the same sanitised HTML as the site (`markup.to_html`),
turned into a plain tree of tags and strings, and handed to the template as JSON data
(`templates/edition.typ`): no text of the content is ever parsed as Typst markup or code.
Images are only the published copies of the practice's own validated files (`photos`:
without their metadata, turned upright), and the compiler's root is the folder of those
copies: nothing outside it can be read, the editors' files included.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import i18n
from ..content.model import Edition
from ..i18n import _

TEMPLATE = i18n.TOOL_ROOT / "templates" / "edition.typ"
FONT = "Noto Sans CJK KR"
MONO_FONT = "Noto Sans Mono CJK KR"
FONT_FILES = ("NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc")
FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/noto-cjk",
             "/usr/share/fonts/google-noto-cjk", "/usr/share/fonts/opentype/noto-cjk",
             "/usr/local/share/fonts", "/usr/share/fonts/truetype/noto")
STANDARDS = ["a-2a", "ua-1"]
"""PDF/A-2a and PDF/UA-1 (Typst refuses PDF/A-4 with PDF/UA-1: PDF 2.0 against 1.7)."""


class PdfUnavailable(Exception):
    """What is missing to make PDFs, said so that the user can install it."""


@dataclass(frozen=True)
class Fonts:
    dirs: tuple[str, ...]
    """Folders holding the Noto Sans CJK files."""
    files: tuple[str, ...]
    """The font files, for the cache key (a new font gives new PDFs)."""


def find_fonts(extra: str | None = None) -> Fonts | None:
    """The Noto Sans CJK font files (`NEWSLETTER_FONT_DIRS` first), or None."""
    candidates = [d for d in (extra or "").split(":") if d] if extra is not None else list(FONT_DIRS)
    for folder in candidates:
        files = [Path(folder) / name for name in FONT_FILES]
        if all(f.is_file() for f in files):
            stats = tuple(f"{f}:{f.stat().st_size}" for f in files)
            return Fonts((folder,), stats)
        found = sorted(Path(folder).rglob(FONT_FILES[0])) if Path(folder).is_dir() else []
        for regular in found:
            if (regular.parent / FONT_FILES[1]).is_file():
                files = [regular.parent / name for name in FONT_FILES]
                return Fonts((str(regular.parent),), tuple(f"{f}:{f.stat().st_size}" for f in files))
    return None


def unavailable(font_dirs: str | None = None) -> str | None:
    """Why PDFs cannot be made on this machine (what to install), or None."""
    try:
        import typst  # noqa: F401
    except ImportError:
        return _("PDFs not built: the Typst compiler is missing; install it with "
                      "pip install -e . (package typst)")
    if find_fonts(font_dirs) is None:
        return _("PDFs not built: the Korean font Noto Sans CJK is missing; install it "
                      "with apt-get install fonts-noto-cjk (Debian, Ubuntu)")
    return None


def file_name(edition: Edition, lang: str) -> str:
    return f"lettre-bonnes-pratiques-{edition.id}-{lang}.pdf"


# -- compiling ---------------------------------------------------------------------------

class PdfError(Exception):
    """Typst could not make the PDF (the message says why)."""

    def __init__(self, message: str, standard: bool = False) -> None:
        super().__init__(message)
        self.standard = standard
        """Refused by what PDF/UA or PDF/A asks for, not by the content."""


@functools.cache
def _compiler(images_root: Path, fonts: Fonts) -> Any:
    """One compiler per process: it loads the fonts once."""
    import typst

    images_root.mkdir(parents=True, exist_ok=True)  # empty when no practice shows an image
    return typst.Compiler(root=str(images_root), font_paths=list(fonts.dirs),
                          ignore_system_fonts=True)


def prepare(images_root: Path, fonts: Fonts) -> None:
    """Load the fonts now: processes forked afterwards share them (`artifacts`)."""
    _compiler(images_root, fonts)


def compile_pdf(data: dict[str, Any], images_root: Path, fonts: Fonts,
                strict: bool = False) -> bytes:
    """The PDF of `pdf_data.document(...)`. Images are read under `images_root` only: the
    folder of the published copies (`photos.folder()`).

    Should Typst refuse something PDF/UA or PDF/A asks for (`pdf_data` and the template
    keep to both: a refusal is a bug of ours), the PDF is made all the same, tagged, without
    claiming them; `strict` raises instead (the tests)."""
    try:
        return _compile(data, images_root, fonts, STANDARDS)
    except PdfError as error:
        if strict or not error.standard:
            raise
    return _compile(data, images_root, fonts, [])


def _compile(data: dict[str, Any], images_root: Path, fonts: Fonts,
             standards: list[str]) -> bytes:
    import typst

    source = TEMPLATE.read_bytes()
    compiler = _compiler(images_root, fonts)
    values = {**data, "font": FONT, "mono_font": MONO_FONT}
    try:
        pdf, warnings = compiler.compile_with_warnings(
            input=source, sys_inputs={"data": json.dumps(values, ensure_ascii=False)},
            format="pdf", pdf_standards=standards)
    except typst.TypstError as error:
        message = str(getattr(error, "message", error)).strip()
        raise PdfError(message, standard=message.startswith("PDF/")) from None
    missing = [w.message for w in warnings if "font" in w.message.lower()]
    if missing:
        raise PdfUnavailable(_(
            "PDFs not built: Typst does not find the font {font} ({detail}); install it with "
            "apt-get install fonts-noto-cjk (Debian, Ubuntu)").format(
                font=FONT, detail="; ".join(missing)))
    return without_suspects(pdf)


_SUSPECTS = b"/MarkInfo<</Marked true/Suspects false>>"


def without_suspects(pdf: bytes) -> bytes:
    """The PDF without `/Suspects false` in its catalog: poppler 22 (pdfinfo, pdftotext, the
    tools editors proof with) prints "Syntax Error: Suspects object is wrong type" on it.
    The entry only repeats its default; spaces of the same length take its place, so that
    no offset of the file's cross-reference table moves."""
    return pdf.replace(_SUSPECTS, b"/MarkInfo<</Marked true" + b" " * 15 + b">>", 1)
