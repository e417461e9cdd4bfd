"""The guides and the README quote the messages the tool really prints (issue 19): every
example line of a ```text block is made of the current catalog's words, in the guide's
language, with its typography (no "1 erreur(s)", no straight quotes the tool no longer
prints)."""
from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from conftest import ROOT

_PLACEHOLDER = re.compile(r"\{[a-z_]*(?::[^}]*)?\}|%\([a-z_]+\)[sd]|%[sd]")
_PROBLEM = re.compile(r"^(?P<path>[^:\s][^:]*?)(?::(?P<line>\d+))?: (?P<message>.+)$")


def _patterns(lang: str) -> list[re.Pattern[str]]:
    """Every message of the catalog as a pattern: its words as written, any value in place
    of its placeholders."""
    catalog = read_po((ROOT / "locales" / lang / "LC_MESSAGES" / "messages.po").open("rb"))
    patterns = []
    for message in catalog:
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        for text in strings:
            if not text or len(text) < 12:
                continue
            parts = _PLACEHOLDER.split(text.replace("{{", "{").replace("}}", "}"))
            patterns.append(re.compile("^" + "(.+?)".join(re.escape(p) for p in parts) + "$"))
    return patterns


def _summaries(lang: str) -> set[str]:
    """The last line `check` prints, for up to 30 errors and warnings."""
    from newsletter import i18n
    from newsletter.commands import report
    from newsletter.content.model import Problem, Severity

    i18n.use_language(lang)
    try:
        return {report.summary([Problem("x", None, "e")] * errors +
                               [Problem("x", None, "w", Severity.WARNING)] * warnings)
                for errors in range(31) for warnings in range(31)}
    finally:
        i18n.use_language("fr")


def _examples(document: str) -> list[str]:
    text = (ROOT / document).read_text(encoding="utf-8")
    lines = []
    for block in re.findall(r"```text\n(.*?)```", text, re.S):
        lines += [line for line in block.strip().split("\n") if line and not line.startswith("$")]
    return lines


@pytest.mark.parametrize(("document", "lang"), [("guide/fr.md", "fr"), ("guide/ko.md", "ko"),
                                                ("README.md", "fr")])
def test_the_documentation_quotes_the_messages_as_the_tool_prints_them(document: str,
                                                                        lang: str) -> None:
    patterns = _patterns(lang)
    examples = _examples(document)
    assert len(examples) >= 5, examples
    summaries = _summaries(lang)
    wrong = []
    for line in examples:
        match = _PROBLEM.match(line)
        if match is None:  # the last line: the count of problems
            if line not in summaries:
                wrong.append(line)
            continue
        if not any(pattern.match(match["message"]) for pattern in patterns):
            wrong.append(line)
    assert wrong == [], "\n".join(wrong)
