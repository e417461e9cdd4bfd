"""The one exception every command may raise: a mistake in the command itself (exit 2)."""
from __future__ import annotations


class UsageError(Exception):
    """A mistake in the command itself (exit code 2); its message says what would be right."""
