"""Reading content files: bytes to text, text to front matter and body.

Everything is normalised here (byte-order mark, CRLF, Unicode NFC) so that the
rest of the pipeline sees one form. YAML is composed into nodes and turned into
plain values ourselves, so that:

- every scalar stays a string (no YAML 1.1 surprises: `country: NO` is "NO",
  `population: 0123` is "0123"); the schemas then parse numbers and dates;
- a key given twice is a problem, not a silent overwrite;
- every field keeps the line it was written on, for error messages;
- anchors and aliases (`&a`, `*a`) are refused: editors never need them, and a
  few hundred bytes of nested aliases expand to gigabytes;
- nesting is bounded, so that no input reaches Python's recursion limit.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..i18n import N_, _
from .model import Problem

Location = tuple[str | int, ...]
"""A path into the front matter: ("contact", "email"), ("links", 0, "url")."""

HIDDEN_FORMAT = re.compile("[\u202a-\u202e\u2066-\u2069\u206a-\u206f\ufff9-\ufffb"
                           "\U000e0000-\U000e007f\U000e0100-\U000e01ef]")
"""Invisible characters that change how a text reads on screen: direction overrides and
isolates ("Trojan source"), deprecated format characters, interlinear annotations, tag
characters and supplementary variation selectors (hidden text). The direction marks U+200E and U+200F only hint a direction,
and are fine."""
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029"
                      "\ufdd0-\ufdef\ufffe\uffff]")
"""Control characters, and the noncharacters (U+FFFE, U+FFFF…) that XML refuses."""
_FENCE = "---"
_NULLS = {"", "~", "null", "Null", "NULL"}
# libyaml's parser when PyYAML has it (ten times faster), with the same nodes and marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 8
"""Deeper than any front matter needs (links[1].url is 3 levels)."""


@dataclass(frozen=True)
class Document:
    """A Markdown file with YAML front matter, read but not yet validated."""

    path: str
    fields: dict[str, Any]
    lines: dict[Location, int] = field(repr=False)
    """The line of every key and list item of the front matter."""
    body: str
    body_line: int
    """Line of the file where the body starts."""

    def line_of(self, location: Location) -> int | None:
        """The line of `location`, or of its closest enclosing field."""
        for end in range(len(location), 0, -1):
            if location[:end] in self.lines:
                return self.lines[location[:end]]
        return None


def decode(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 bytes (with or without BOM, any line ending) to NFC text with LF."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, [Problem(path, line, _(
            "the file is not in UTF-8 (byte 0x{byte:02x} cannot be read); save it again "
            "choosing the encoding \"UTF-8\" (in Word: Save As, Plain text, UTF-8)"
        ).format(byte=data[error.start]))]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text), []


def control_characters(text: str, path: str, first_line: int = 1) -> list[Problem]:
    """Invisible characters (often pasted from Word) that break feeds and search."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=first_line):
        for match in _CONTROL.finditer(line):
            problems.append(Problem(path, number, _(
                "invisible control character U+{code:04X} at column {column} (often pasted "
                "from a word processor); delete it or retype the text around it"
            ).format(code=ord(match.group()), column=match.start() + 1)))
    return problems


def read_text(file: Path, path: str) -> tuple[str | None, list[Problem]]:
    """A content file's text, normalised; control characters are reported, then
    blanked, so that YAML neither chokes on them nor counts U+2028 as a line break
    (which would shift every later line)."""
    try:
        data = file.read_bytes()
    except OSError as error:
        return None, [Problem(path, None, _("cannot read the file: {error}").format(
            error=error.strerror or error))]
    text, problems = decode(data, path)
    if text is None:
        return None, problems
    found = control_characters(text, path)
    return (_CONTROL.sub(" ", text) if found else text), problems + found


def read_document(file: Path, path: str) -> tuple[Document | None, list[Problem]]:
    """Read a Markdown file with front matter. `path` is the name used in messages."""
    text, problems = read_text(file, path)
    if text is None:
        return None, problems
    document, parse_problems = parse_document(text, path)
    return document, problems + parse_problems


def parse_document(text: str, path: str) -> tuple[Document | None, list[Problem]]:
    if not text.strip():
        return None, [Problem(path, None, _(
            "the file is empty; it must start with a front matter between two lines "
            "\"---\" (run `python3 build_newsletter.py new <slug>` for a model)"))]
    lines = text.split("\n")
    if lines[0].strip() != _FENCE:
        return None, [Problem(path, 1, _(
            "the file must start with a line \"---\" that opens the front matter "
            "(the fields title, summary, …), closed by another line \"---\""))]
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() in (_FENCE, "...")), None)
    if closing is None:
        return None, [Problem(path, 1, _(
            "the front matter opened on line 1 is never closed; add a line \"---\" "
            "after the last field"))]
    front = "\n".join(lines[1:closing])
    body = "\n".join(lines[closing + 1:])
    fields, locations, problems = parse_front_matter(front, path, first_line=2)
    if fields is None:
        return None, problems
    return Document(path, fields, locations, body, closing + 2), problems


def parse_front_matter(
    text: str, path: str, first_line: int
) -> tuple[dict[str, Any] | None, dict[Location, int], list[Problem]]:
    """YAML text to a mapping of plain values, with the line of every field."""
    try:
        aliases = _aliases(text, path, first_line) if ("&" in text or "*" in text) else []
        if aliases:
            return None, {}, aliases
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context_mark and ("end of stream" in str(error.problem)
                                   or "flow" in str(error.context)):
            # The cause is where the unfinished thing (a quote, a bracket) began.
            mark = error.context_mark
        line = first_line + mark.line if mark else None
        written = text.split("\n")[mark.line] if mark and mark.line < text.count("\n") + 1 else ""
        return None, {}, [Problem(path, line, yaml_message(error, written))]
    except yaml.YAMLError as error:  # pragma: no cover - PyYAML always marks errors
        return None, {}, [Problem(path, None, str(error))]
    if node is None:
        return {}, {}, []
    if not isinstance(node, yaml.MappingNode):
        kind = _("a list") if isinstance(node, yaml.SequenceNode) else _("a single value")
        return None, {}, [Problem(path, first_line + node.start_mark.line, _(
            "the front matter is {kind}; it must be fields written `name: value`, one per line"
        ).format(kind=kind))]
    converter = _Converter(path, first_line)
    value = converter.convert(node, ())
    return value, converter.lines, converter.problems


_GENERAL_ADVICE = N_("write one field per line as `name: value`, indent nested fields with "
                     "spaces, and put quotes around a value that contains \": \" or starts "
                     "with a special character")


def yaml_message(error: yaml.MarkedYAMLError, line: str) -> str:
    """What the YAML parser's English complaint means for an editor, at that `line`."""
    problem, context = str(error.problem or ""), str(error.context or "")
    key, _colon, value = line.partition(":")
    if "\t" in line[: len(line) - len(line.lstrip())] or "'\\t'" in problem:
        return _("a tab is used to indent this line; indent with spaces only")
    if "mapping values are not allowed" in problem and line[:1].isspace():
        return _("this line is indented, so YAML reads it as the continuation of the line "
                 "above; remove the spaces at its start, or put the value above in quotes")
    if "mapping values are not allowed" in problem and value.strip():
        quoted = value.strip().replace("\\", "\\\\").replace('"', '\\"')
        return _("the value of \"{field}\" contains \": \", which YAML reads as a new field; "
                 "put the whole value in quotes: {example}").format(
                     field=key.strip(), example=f'{key.strip()}: "{quoted}"')
    if "end of stream" in problem or "quoted scalar" in context:
        return _("a quote or a bracket opened on this line is never closed; close it, or "
                 "remove it")
    if "flow sequence" in context or "flow mapping" in context:
        return _("a list written [a, b] on this line is not closed properly; separate the "
                 "items with commas and end the list with ]")
    if "cannot start any token" in problem:
        return _("a value cannot start with this character; put the whole value in quotes")
    if "could not find expected ':'" in problem or "simple key" in context:
        return _("this line is not a field written `name: value`; if it continues the line "
                 "above, put that whole value in quotes on one line")
    if "block" in context or "indentation" in problem:
        return _("the indentation of this line does not match the lines around it; {advice}"
                 ).format(advice=_(_GENERAL_ADVICE))
    return _("the front matter cannot be read from this line; {advice}").format(
        advice=_(_GENERAL_ADVICE))


def _aliases(text: str, path: str, first_line: int) -> list[Problem]:
    """Anchors and aliases, found from the parser's events before anything is built."""
    problems = []
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            problems.append(Problem(path, first_line + event.start_mark.line, _(
                "YAML anchors and aliases (&name, *name) are not allowed in the front matter; "
                "write the value itself")))
    return problems


class _Converter:
    """YAML nodes to plain Python values; every scalar stays a string."""

    def __init__(self, path: str, first_line: int):
        self.path = path
        self.first_line = first_line
        self.lines: dict[Location, int] = {}
        self.problems: list[Problem] = []

    def line(self, node: yaml.Node) -> int:
        return self.first_line + node.start_mark.line

    def convert(self, node: yaml.Node, location: Location) -> Any:
        if len(location) > MAX_DEPTH:
            self.problems.append(Problem(self.path, self.line(node), _(
                "the fields are nested too deeply (more than {depth} levels); no field of "
                "the front matter needs that").format(depth=MAX_DEPTH)))
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, location)
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                self.lines[location + (index,)] = self.line(item)
                items.append(self.convert(item, location + (index,)))
            return items
        value = node.value
        if node.tag == "tag:yaml.org,2002:null" or (node.style is None and value in _NULLS):
            return None
        control = _CONTROL.search(value)
        if control:  # written as an escape ("\uFFFF"): the text itself held none
            self.problems.append(Problem(self.path, self.line(node), _(
                "the value holds the invisible control character U+{code:04X} (written as an "
                "escape between quotes); remove it").format(code=ord(control.group()))))
            return _CONTROL.sub(" ", value)
        return value

    def mapping(self, node: yaml.MappingNode, location: Location) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):  # `? [a, b]`: a list as a name
                self.problems.append(Problem(self.path, self.line(key_node), _(
                    "a field's name is a plain word followed by \": \" (here it is a list or a "
                    "group of fields); write the field as name: value")))
                continue
            key = key_node.value
            here = location + (key,)
            if key in result:
                self.problems.append(Problem(self.path, self.line(key_node), _(
                    "the field \"{field}\" is given twice (first on line {first}); keep only one"
                ).format(field=".".join(map(str, here)), first=self.lines[here])))
                continue
            self.lines[here] = self.line(key_node)
            result[key] = self.convert(value_node, here)
        return result


def read_yaml_file(file: Path, path: str) -> tuple[Document | None, list[Problem]]:
    """A plain YAML file (taxonomy.yml) as a Document without body."""
    text, problems = read_text(file, path)
    if text is None:
        return None, problems
    fields, locations, parse_problems = parse_front_matter(text, path, first_line=1)
    if fields is None:
        return None, problems + parse_problems
    return Document(path, fields, locations, "", 0), problems + parse_problems
