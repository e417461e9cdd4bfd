"""What a build shows while it runs, and the seconds per stage at the end.

On a terminal, one line rewritten in place: the seconds so far and what is running now
(each language's pages, the e-mails and PDFs counted, `12/38`). In a log (CI, a pipe,
a file: not a terminal, or `CI=true`), a plain line as each stage starts, and the count
of e-mails and PDFs now and then. Then, as Hugo prints its table, the seconds of each
stage; with `--quiet`, nothing of this (the problems and the last line only).

The build says what it does through `processes.Progress`, from whichever process does it;
`processes.relayed` brings it here, to a thread of the command's process.
"""
from __future__ import annotations

import os
import shutil
import sys
import time
from typing import Mapping, TextIO

from wcwidth import wcswidth, wcwidth

from .. import i18n
from ..i18n import N_, _
from ..processes import Step

LABELS = {
    "read+validate": N_("reading and checking the content"),
    "artifacts plan": N_("e-mails and PDFs: what to make"),
    "korean analysis": N_("Korean analysis (beside the pages)"),
    "render pages": N_("pages: our templates"),
    "mkdocs": N_("pages: mkdocs"),
    "feeds": N_("feeds"),
    "search": N_("search index"),
    "other outputs": N_("landing page and sitemap"),
    "artifacts": N_("e-mails and PDFs"),
    "artifacts wait": N_("waiting for the e-mails and PDFs"),
    "artifacts pdf (workers)": N_("PDFs (processor time, beside the rest)"),
    "artifacts e-mail (workers)": N_("e-mails (processor time, beside the rest)"),
}
"""The stages' keys (`BuildResult.stages`) and what they are called on screen. A stage
without a label here is shown by its key."""
BRIEF = frozenset({"artifacts plan", "other outputs"})
"""Stages of a few hundredths of a second: in the table, not in a log."""
COUNT_EVERY = 2.0
"""Seconds between two lines of a count in a log (its first and last are always shown)."""


def label(stage: str, lang: str | None = None) -> str:
    name = _(LABELS[stage]) if stage in LABELS else stage
    return _("{stage}, for the language {lang}").format(stage=name, lang=lang) if lang else name


def seconds_text(seconds: float, digits: int = 1) -> str:
    """"12,3" / "12.3": a number of seconds as the messages' language writes it."""
    return i18n.decimal(seconds, digits)


def live_terminal(stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """A line can be rewritten in place: a terminal, and not a CI job's log."""
    environ = os.environ if environ is None else environ
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):
        terminal = False
    return terminal and environ.get("CI", "").lower() not in ("true", "1") and \
        environ.get("TERM") != "dumb"


def fit(text: str, columns: int) -> str:
    """`text` cut to `columns` terminal columns (Hangul takes two), with "…" if cut."""
    if wcswidth(text) <= columns:
        return text
    kept, width = [], 0
    for character in text:
        width += max(wcwidth(character), 0)
        if width > columns - 1:
            break
        kept.append(character)
    return "".join(kept) + "…"


def pad(text: str, width: int, right: bool = False) -> str:
    """`text` filled with spaces to `width` terminal columns."""
    space = " " * max(0, width - wcswidth(text))
    return space + text if right else text + space


class Display:
    """Listens to a build (`processes.relayed`) and shows where it is."""

    def __init__(self, stream: TextIO | None = None, quiet: bool = False,
                 live: bool | None = None):
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.live = live_terminal(self.stream) if live is None else live
        self.began = time.monotonic()
        self.running: dict[tuple[str, str | None], float] = {}
        """What runs now: (stage, language) -> when it started."""
        self.counts: dict[str, list[int]] = {}
        """Counted stages: [made, to make]."""
        self.by_language: dict[tuple[str, str], float] = {}
        """Seconds of the stages run once per language."""
        self.counted_at = 0.0
        self.drawn = ""
        """The live line as shown now ("": none)."""

    def __call__(self, step: Step | None) -> None:
        if self.quiet:
            return
        if step is not None:
            self.hear(step)
        if self.live:
            self.draw()

    def hear(self, step: Step) -> None:
        key = (step.stage, step.lang)
        if step.seconds is not None:  # over
            self.running.pop(key, None)
            if step.lang:
                self.by_language[(step.stage, step.lang)] = step.seconds
            return
        if step.advanced:
            count = self.counts.setdefault(step.stage, [0, 0])
            count[0] += step.advanced
            now = time.monotonic()
            if not self.live and (count[0] >= count[1] or now - self.counted_at >= COUNT_EVERY):
                self.counted_at = now
                self.line(self.count_text(step.stage))
            return
        self.running[key] = time.monotonic()
        if step.total is not None:
            self.counts[step.stage] = [0, step.total]
        if self.live or step.stage in BRIEF:
            return
        if step.stage == "artifacts wait" and self.counts.get("artifacts", [0, 0])[0] >= \
                self.counts.get("artifacts", [0, 0])[1]:
            return  # nothing to wait for
        self.line(self.count_text(step.stage) if step.total is not None else
                  label(step.stage, step.lang))

    def count_text(self, stage: str) -> str:
        done, total = self.counts[stage]
        return _("{stage}: {done} made of {total}").format(stage=label(stage), done=done,
                                                           total=total)

    def elapsed(self) -> str:
        return _("{seconds} s since the start").format(
            seconds=seconds_text(time.monotonic() - self.began))

    def line(self, text: str) -> None:
        """A plain line of a log: the seconds so far, then what starts."""
        print(f"{pad(self.elapsed(), 8, right=True)}  {text}", file=self.stream, flush=True)

    def now_text(self) -> str:
        """The live line: the seconds so far, what runs, the counts."""
        parts = [label(stage, lang) for (stage, lang) in self.running
                 if stage not in self.counts and stage != "artifacts wait"]
        parts += [self.count_text(stage) for stage in self.counts
                  if (stage, None) in self.running]
        if not parts and ("artifacts wait", None) in self.running:
            parts = [label("artifacts wait")]
        return " · ".join([self.elapsed()] + parts)

    def draw(self) -> None:
        """The live line, rewritten (carriage return, the line cleared) when it changed."""
        columns = shutil.get_terminal_size((80, 24)).columns
        text = fit(self.now_text(), max(columns - 1, 10))
        if text != self.drawn:
            self.stream.write("\r\x1b[2K" + text)
            self.stream.flush()
            self.drawn = text

    def close(self) -> None:
        """Clear the live line: what is printed next starts on a clean line."""
        if self.drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self.drawn = ""

    def table(self, stages: Mapping[str, float]) -> list[str]:
        """The seconds of each stage, in the order they ran: the stages run once per
        language with each language's seconds beside the slower one's."""
        languages = sorted({lang for _stage, lang in self.by_language})
        head = [_("stage"), _("seconds")] + languages
        rows = []
        for stage, seconds in stages.items():
            cells = [label(stage), seconds_text(seconds, 2)]
            cells += [seconds_text(self.by_language[(stage, lang)], 2)
                      if (stage, lang) in self.by_language else "" for lang in languages]
            rows.append(cells)
        widths = [max(wcswidth(row[column]) for row in [head] + rows)
                  for column in range(len(head))]

        def joined(cells: list[str]) -> str:
            return " | ".join([pad(cells[0], widths[0])] + [
                pad(cell, width, right=True) for cell, width in zip(cells[1:], widths[1:])]
                ).rstrip()

        rule = "-+-".join("-" * width for width in widths)
        return [joined(head), rule] + [joined(row) for row in rows]
