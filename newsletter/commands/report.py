"""Problems as editors and CI read them: `path:line: message`, sorted."""
from __future__ import annotations

import re

from ..i18n import _, ngettext
from ..content.model import Problem

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Control characters shown as escapes: a file name holding a line break must not
    print a line of its own (which a CI would read as a message)."""
    return _CONTROL.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"),
                        text)


def format_problem(problem: Problem) -> str:
    where = f"{problem.path}:{problem.line}" if problem.line else problem.path
    if problem.is_error:
        return printable(f"{where}: {problem.message}")
    return printable(f"{where}: " + _("warning: {message}").format(message=problem.message))


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problem: Problem) -> str:
    """A GitHub Actions workflow command: an annotation on the file's line, escaped as
    GitHub's runner expects (properties and message), so that no name or message can
    end the command early or start another one."""
    kind = "error" if problem.is_error else "warning"
    line = f",line={problem.line}" if problem.line else ""
    return f"::{kind} file={_github_property(problem.path)}{line}::{_github_data(problem.message)}"


def summary(problems: list[Problem]) -> str:
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    if not problems:
        return _("No problem found.")
    return _("{errors}, {warnings}.").format(
        errors=ngettext("{count} error", "{count} errors", errors).format(count=errors),
        warnings=ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings))


def lines(problems: list[Problem], style: str = "text") -> list[str]:
    formatter = format_github if style == "github" else format_problem
    return [formatter(p) for p in sorted(problems, key=Problem.sort_key)]
