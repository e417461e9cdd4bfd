"""Problems as editors and CI read them: `path:line: message`, sorted."""
from __future__ import annotations

from .i18n import _
from .model import Problem


def format_problem(problem: Problem) -> str:
    where = f"{problem.path}:{problem.line}" if problem.line else problem.path
    if problem.is_error:
        return f"{where}: {problem.message}"
    warning = _("warning")
    return f"{where}: {warning}: {problem.message}"


def format_github(problem: Problem) -> str:
    """A GitHub Actions workflow command: an annotation on the file's line."""
    kind = "error" if problem.is_error else "warning"
    line = f",line={problem.line}" if problem.line else ""
    message = problem.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::{kind} file={problem.path}{line}::{message}"


def summary(problems: list[Problem]) -> str:
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    if not problems:
        return _("No problem found.")
    return _("{errors} error(s), {warnings} warning(s).").format(errors=errors, warnings=warnings)


def lines(problems: list[Problem], style: str = "text") -> list[str]:
    formatter = format_github if style == "github" else format_problem
    return [formatter(p) for p in sorted(problems, key=Problem.sort_key)]
