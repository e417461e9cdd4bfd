"""A build shows its stages as they run (issue 21): plain lines in a log, one live line on
a terminal, in the editor's language, then the seconds per stage; `--quiet` keeps only the
problems and the last line."""
from __future__ import annotations

import functools
import io
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from wcwidth import wcswidth

from newsletter import i18n
from newsletter.commands.progress import Display, fit, live_terminal
from newsletter.processes import Progress, Step, relayed, running

from conftest import ENTRY, SAMPLE, TODAY_EPOCH, run

URL = "https://lettre.cites-unies.example.net/"
"""Not one of the example addresses, which a build warns of."""
PROBLEM = re.compile(r"^practices/[^:]+\.md(?::\d+)?: ")


def _build(tmp_path: Path, *options: str, lang: str = "fr") -> subprocess.CompletedProcess[str]:
    """The sample built as an editor builds it, with a cache of its own: the e-mails and
    PDFs are made (and counted) by this build."""
    return run("--lang", lang, "build", "--out", str(tmp_path / "site"), "--site-url",
               URL, *options,
               env={"NEWSLETTER_CACHE": str(tmp_path / "cache")})


def _table(lines: list[str], head: str) -> list[str]:
    start = next(i for i, line in enumerate(lines) if line.startswith(head))
    return lines[start:-1]


def test_a_build_in_a_log_prints_its_stages_as_plain_lines_then_their_seconds(
        tmp_path: Path) -> None:
    result = _build(tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert "\r" not in result.stderr and "\x1b" not in result.stderr
    stages = [line for line in lines if re.match(r"^ *\d+,\d\u00a0s  ", line)]
    said = [line.strip().split("  ", 1)[1] for line in stages]
    for expected in ("lecture et vérification du contenu",
                     "analyse du coréen (en parallèle des pages)",
                     "pages\u00a0: nos gabarits (fr)", "pages\u00a0: nos gabarits (ko)",
                     "pages\u00a0: mkdocs (fr)", "pages\u00a0: mkdocs (ko)",
                     "index de recherche (fr)", "flux (ko)", "e-mails et PDF\u00a0: 0/4",
                     "e-mails et PDF\u00a0: 4/4"):
        assert expected in said, (expected, said)
    assert said[0] == "lecture et vérification du contenu"
    seconds = [float(line.split("\u00a0s")[0].replace(",", ".")) for line in stages]
    assert seconds == sorted(seconds)  # each line says when, from the start
    table = _table(lines, "étape")
    assert table[0].split("|")[0].strip() == "étape" and "secondes" in table[0]
    assert set(table[1]) <= {"-", "+"}
    rows = {row.split("|")[0].strip(): [cell.strip() for cell in row.split("|")[1:]]
            for row in table[2:]}
    assert {"lecture et vérification du contenu", "analyse du coréen (en parallèle des pages)",
            "pages\u00a0: mkdocs",
            "index de recherche", "flux"} <= rows.keys()
    assert re.fullmatch(r"\d+,\d\d", rows["pages\u00a0: mkdocs"][0])
    assert all(cell for cell in rows["pages\u00a0: mkdocs"])  # fr and ko beside it
    assert re.fullmatch(r"\d+ pages générées dans .+ en \d+,\d\u00a0s\.", lines[-1]), lines[-1]


def test_the_stages_and_the_table_speak_korean_too(tmp_path: Path) -> None:
    result = _build(tmp_path, lang="ko")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    said = [line.strip().split("  ", 1)[1] for line in lines if re.match(r"^ *\d+\.\d초  ", line)]
    for expected in ("내용 읽기와 검사", "한국어 형태소 분석(페이지 생성과 병행)", "페이지: 템플릿(ko)",
                     "페이지: mkdocs(fr)", "검색 색인(ko)", "이메일·PDF: 4/4"):
        assert expected in said, (expected, said)
    table = _table(lines, "단계")
    # Hangul takes two columns of a terminal: the bars still line up.
    bars = {tuple(wcswidth(row[:i]) for i, character in enumerate(row) if character in "|+")
            for row in table}
    assert len(bars) == 1, table
    assert lines[-1].startswith("페이지 ") and "생성했습니다" in lines[-1]


def test_quiet_keeps_only_the_problems_and_the_last_line(tmp_path: Path) -> None:
    result = _build(tmp_path, "--quiet")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[:-1] and all(PROBLEM.match(line) for line in lines[:-1]), lines
    assert "pages générées dans" in lines[-1]


def test_a_refused_build_says_what_it_read_then_the_errors(content: Path, tmp_path: Path) -> None:
    page = content / "practices" / "tours-marathon-numerique" / "fr.md"
    page.write_text(page.read_text(encoding="utf-8").replace("themes:", "themse:", 1),
                    encoding="utf-8")
    result = run("build", "--out", str(tmp_path / "site"), "--site-url", URL, cwd=content)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].endswith("lecture et vérification du contenu")
    assert not any(line.startswith("étape") for line in lines)  # no table: nothing was built
    quiet = run("build", "--quiet", "--out", str(tmp_path / "site"), "--site-url", URL,
                cwd=content)
    assert quiet.returncode == 1 and "lecture" not in quiet.stderr
    assert "themse" in quiet.stderr


def _in_a_terminal(*args: str, env: dict[str, str]) -> str:
    """The command run in a pseudo-terminal (as in a terminal window); what it showed."""
    main, secondary = pty.openpty()
    environment = {**os.environ, "SOURCE_DATE_EPOCH": str(TODAY_EPOCH), "LANG": "C.UTF-8",
                   "TERM": "xterm", "COLUMNS": "120", **env}
    environment.pop("NEWSLETTER_DEBUG", None)
    if env.get("CI") is None:
        environment.pop("CI", None)
    process = subprocess.Popen([sys.executable, str(ENTRY), *args], cwd=SAMPLE, env=environment,
                               stdin=secondary, stdout=secondary, stderr=secondary,
                               close_fds=True)
    os.close(secondary)
    shown = b""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        ready, _w, _x = select.select([main], [], [], 1)
        if not ready:
            if process.poll() is not None:
                break
            continue
        try:
            chunk = os.read(main, 1 << 16)
        except OSError:  # the terminal's other end is closed: the command ended
            break
        if not chunk:
            break
        shown += chunk
    os.close(main)
    assert process.wait(timeout=60) == 0, shown.decode("utf-8", "replace")
    return shown.decode("utf-8")


def test_on_a_terminal_the_stages_are_one_line_rewritten_in_place(tmp_path: Path) -> None:
    shown = _in_a_terminal("build", "--out", str(tmp_path / "site"), "--site-url",
                           URL,
                           env={"NEWSLETTER_CACHE": str(tmp_path / "cache")})
    live, _cleared, after = shown.rpartition("\r\x1b[2K")
    states = [state for state in live.split("\r\x1b[2K") if state]
    assert len(states) > 5
    assert all("\n" not in state for state in states), states  # one line, rewritten
    assert any("lecture et vérification du contenu" in state for state in states)
    assert any("(fr)" in state and "(ko)" in state for state in states), states  # side by side
    assert any(re.search("e-mails et PDF\u00a0: [0-4]/4", state) for state in states)
    assert all(wcswidth(state) <= 119 for state in states)
    # Then what stays: the problems, the table, the last line, as plain lines.
    lines = after.replace("\r\n", "\n").strip().split("\n")
    assert any(line.startswith("étape") for line in lines)
    assert "pages générées dans" in lines[-1]


def test_in_ci_a_terminal_gets_plain_lines(tmp_path: Path) -> None:
    shown = _in_a_terminal("build", "--out", str(tmp_path / "site"), "--site-url",
                           URL, env={"CI": "true"})
    assert "\x1b[2K" not in shown
    assert "lecture et vérification du contenu\r\n" in shown


def _work(lang: str, progress: Progress) -> str:
    """What a language's process says (in a process of its own)."""
    progress.started("mkdocs", lang)
    for _ in range(50):
        progress.advanced("artifacts")
    progress.finished("mkdocs", 1.5, lang)
    return lang


def test_what_every_process_says_reaches_the_listener_in_order() -> None:
    heard: list[Step | None] = []
    with relayed(heard.append, tick=0.05) as progress:
        progress.started("artifacts", total=100)
        with running(functools.partial(_work, progress=progress), ["fr", "ko"]) as results:
            assert results() == ["fr", "ko"]
        time.sleep(0.2)
    steps = [step for step in heard if step is not None]
    assert None in heard  # the clock ticked meanwhile
    assert steps[0] == Step("artifacts", total=100)
    assert sum(step.advanced for step in steps) == 100
    for lang in ("fr", "ko"):
        mine = [step for step in steps if step.lang == lang]
        assert mine == [Step("mkdocs", lang), Step("mkdocs", lang, seconds=1.5)]
    progress.started("late")  # after the end: says nothing, and does not fail


def test_the_display_counts_and_the_table_aligns() -> None:
    i18n.use_language("ko")
    try:
        stream = io.StringIO()
        display = Display(stream, live=False)
        display(Step("artifacts", total=3))
        for _ in range(3):
            display(Step("artifacts", advanced=1))
        display(Step("mkdocs", "fr", seconds=2.0))
        display(Step("mkdocs", "ko", seconds=3.25))
        table = display.table({"read+validate": 0.5, "mkdocs": 3.25, "a new stage": 1.0})
    finally:
        i18n.use_language("fr")
    lines = stream.getvalue().splitlines()
    assert lines[0].endswith("이메일·PDF: 0/3") and lines[-1].endswith("이메일·PDF: 3/3")
    assert table[0].split() == ["단계", "|", "초", "|", "fr", "|", "ko"]
    assert [cell.strip() for cell in table[3].split("|")] == ["페이지: mkdocs", "3.25", "2.00",
                                                             "3.25"]
    assert table[4].startswith("a new stage")  # a stage without a label: its key
    assert len({wcswidth(row.split("|")[0]) for row in table if "|" in row}) == 1


def test_a_live_line_fits_the_terminal_and_quiet_shows_nothing() -> None:
    assert fit("페이지: mkdocs(fr) · 페이지: mkdocs(ko)", 12) == "페이지: mkd…"
    assert wcswidth(fit("가" * 50, 21)) <= 21
    quiet = io.StringIO()
    display = Display(quiet, quiet=True, live=True)
    display(Step("mkdocs", "fr"))
    display(None)
    display.close()
    assert quiet.getvalue() == ""
    assert not live_terminal(io.StringIO())


@pytest.mark.parametrize("ci", ["true", "1"])
def test_ci_means_a_log(ci: str) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert live_terminal(Terminal(), {"TERM": "xterm"})
    assert not live_terminal(Terminal(), {"TERM": "xterm", "CI": ci})
    assert not live_terminal(Terminal(), {"TERM": "dumb"})
