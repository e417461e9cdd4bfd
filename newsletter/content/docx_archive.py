"""A Word document from outside, opened as untrusted (issue 20): fiches come by e-mail.

Before any converter sees it, the file must be a plain `.docx`:

- a zip archive of at most `MAX_ARCHIVE_BYTES`, `MAX_ENTRIES` entries, each part at most
  `MAX_PART_BYTES` once decompressed and all of them `MAX_TOTAL_BYTES`: read with a cap,
  whatever the archive's headers claim, so a zip bomb stops after a few megabytes;
- no macros: a `.docm`/`.dotm`, a macro-enabled content type or a `vbaProject.bin` is
  refused (nothing of it is run anyway: it is not even read);
- every XML part parsed with defusedxml: a DTD, an entity declaration or an external
  reference is refused, and no element nests deeper than `MAX_DEPTH`;
- embedded objects (OLE, charts, SmartArt, ActiveX, embedded files) are left out, with
  a warning; the converter gets a new archive of the vetted parts only.

Problems are data: `Problem(path, None, message)`, the path being the file as given.
"""
from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import ElementTree as SafeTree
from defusedxml.common import DefusedXmlException

from ..i18n import _
from .model import Problem, Severity

MAX_ARCHIVE_BYTES = 64_000_000
MAX_ENTRIES = 2_000
MAX_PART_BYTES = 40_000_000
"""A part decompressed: an XML part of a long report is a few megabytes, a photo less than
this; beyond, the document is refused."""
MAX_TOTAL_BYTES = 160_000_000
MAX_DEPTH = 200
"""XML elements in one another: Word's deepest (tables in tables) are far below."""
_MACRO_TYPES = ("macroEnabled", "vbaProject", "vbaData")
_OBJECT_FOLDERS = ("word/embeddings/", "word/activeX/", "word/charts/", "word/diagrams/")
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Archive:
    """The vetted parts of a .docx."""

    parts: dict[str, bytes]
    problems: list[Problem] = field(default_factory=list)
    objects: list[str] = field(default_factory=list)
    """Embedded objects left out (their part names)."""

    @property
    def refused(self) -> bool:
        return any(p.is_error for p in self.problems)

    def docx(self) -> io.BytesIO:
        """The vetted parts as a new archive, for the converter."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as out:
            for name, data in self.parts.items():
                out.writestr(name, data)
        buffer.seek(0)
        return buffer


def open_docx(file: Path, path: str) -> Archive:
    """The parts of `file` that a converter may read, or an Archive whose problems say
    why it is refused."""
    def refuse(message: str) -> Archive:
        return Archive({}, [Problem(path, None, message)])

    suffix = file.suffix.lower()
    if suffix in (".docm", ".dotm"):
        return refuse(_("a document with macros (.docm) is refused: macros could run code on "
                        "the computer of whoever opens it; ask for it again saved as .docx "
                        "(Word: File, Save as, “Word Document (*.docx)”)"))
    try:
        size = file.stat().st_size
        with file.open("rb") as stream:
            head = stream.read(8)
    except OSError as error:
        return refuse(_("cannot be read: {error}").format(error=error.strerror or error))
    if size > MAX_ARCHIVE_BYTES:
        return refuse(_("the document weighs {size} MB, more than {limit} MB; save its photos "
                        "smaller (Word: Picture Format, Compress Pictures) or send them apart"
                        ).format(size=size // 1_000_000, limit=MAX_ARCHIVE_BYTES // 1_000_000))
    if head == _OLE_MAGIC:
        return refuse(_("this is not a .docx but an older Word document (.doc) or a document "
                        "protected by a password; open it and save it as .docx (Word: File, "
                        "Save as, “Word Document (*.docx)”), without a password"))
    if not head.startswith(b"PK"):
        return refuse(_("this is not a Word document (.docx); open it in its word processor and "
                        "save it as .docx (in 한글: 파일, 다른 이름으로 저장하기, “MS Word "
                        "문서 (*.docx)”)"))
    try:
        with zipfile.ZipFile(file) as archive:
            return _read(archive, path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError,
            NotImplementedError, RuntimeError) as error:
        return refuse(_("the .docx is damaged ({error}); open it in Word or LibreOffice and "
                        "save it again").format(error=error))


def _read(archive: zipfile.ZipFile, path: str) -> Archive:
    entries = archive.infolist()
    found = Archive({})

    def refuse(message: str) -> Archive:
        return Archive({}, [Problem(path, None, message)])

    if len(entries) > MAX_ENTRIES:
        return refuse(_("the archive holds {count} parts, more than a Word document has "
                        "({limit} at most): it is refused").format(count=len(entries),
                                                                   limit=MAX_ENTRIES))
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        return refuse(_("this zip archive is not a Word document (.docx): it has no "
                        "word/document.xml; save the document as .docx"))
    total = 0
    for entry in entries:
        name = entry.filename
        if name.endswith("/"):
            continue
        lowered = name.lower()
        if "vbaproject" in lowered or "vbadata" in lowered:
            return refuse(_("the document holds macros ({part}): it is refused, as macros could "
                            "run code; ask for it again saved as .docx without macros"
                            ).format(part=name))
        if lowered.startswith(_OBJECT_FOLDERS):
            found.objects.append(name)
            continue
        if not (lowered.endswith(_XML_SUFFIXES) or lowered.startswith("word/media/")):
            continue  # thumbnails, fonts, custom parts: nothing the text needs
        if entry.file_size > MAX_PART_BYTES:
            return refuse(_bomb(name, entry.file_size))
        with archive.open(entry) as stream:
            data = stream.read(MAX_PART_BYTES + 1)  # whatever the header said
        if len(data) > MAX_PART_BYTES:
            return refuse(_bomb(name, len(data)))
        total += len(data)
        if total > MAX_TOTAL_BYTES:
            return refuse(_("the document decompresses to more than {limit} MB: it is refused "
                            "(a “zip bomb”, or photos far too large)").format(
                                limit=MAX_TOTAL_BYTES // 1_000_000))
        if lowered.endswith(_XML_SUFFIXES):
            problem = _xml_problem(data, name, path)
            if problem:
                return Archive({}, [problem])
        found.parts[name] = data
    types = found.parts.get("[Content_Types].xml", b"").decode("utf-8", "replace")
    if any(marker in types for marker in _MACRO_TYPES):
        return refuse(_("the document is macro-enabled: it is refused, as macros could run "
                        "code; ask for it again saved as .docx (“Word Document”)"))
    if found.objects:
        found.problems.append(Problem(path, None, _(
            "{count} embedded object(s) (a chart, a spreadsheet, a diagram or another file "
            "inside the document) left out: the newsletter shows text and pictures only; "
            "paste a chart as a picture, or link to the file").format(
                count=len({posixpath.dirname(o) + "/" + posixpath.basename(o).split(".")[0]
                           for o in found.objects if not o.endswith(".rels")})),
            Severity.WARNING))
    return found


def _bomb(name: str, size: int) -> str:
    return _("the part {part} decompresses to more than {limit} MB: the document is refused "
             "(a “zip bomb”, or a picture far too large)").format(
                 part=name, limit=MAX_PART_BYTES // 1_000_000)


def _xml_problem(data: bytes, name: str, path: str) -> Problem | None:
    """A DTD, an entity, an external reference or an absurd depth in an XML part."""
    depth = 0
    try:
        for event, _element in SafeTree.iterparse(io.BytesIO(data), events=("start", "end"),
                                                  forbid_dtd=True, forbid_entities=True,
                                                  forbid_external=True):
            depth += 1 if event == "start" else -1
            if depth > MAX_DEPTH:
                return Problem(path, None, _(
                    "the part {part} nests elements more than {limit} deep: the document is "
                    "refused; save it again from Word").format(part=name, limit=MAX_DEPTH))
    except DefusedXmlException:
        return Problem(path, None, _(
            "the part {part} declares a DTD or entities, which Word never writes and which "
            "can make a reader fetch files or fill its memory: the document is refused"
        ).format(part=name))
    except SafeTree.ParseError as error:
        return Problem(path, None, _("the part {part} is not well-formed XML ({error}); open "
                                     "the document in Word and save it again").format(
                                         part=name, error=error))
    return None
