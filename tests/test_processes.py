"""`processes.beside`: a function in a process of its own, whose result the processes
forked afterwards wait for (the Korean analysis beside the languages' pages)."""
from __future__ import annotations

import functools
import os
import signal
import time
from pathlib import Path

import pytest

from newsletter.processes import Beside, beside, running


def _square(n: int) -> int:
    return n * n


def _fail(message: str) -> None:
    raise ValueError(message)


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _slow(pid_file: str) -> None:
    Path(pid_file).write_text(str(os.getpid()))
    time.sleep(60)


def _wait_for(analysis: Beside, n: int) -> int:
    return analysis.result() + n


def test_the_result_reaches_this_process_and_the_ones_forked_after(tmp_path: Path) -> None:
    with beside(_square, 7, folder=str(tmp_path)) as analysis:
        with running(functools.partial(_wait_for, analysis), [1, 2]) as results:
            assert results() == [50, 51]
        assert analysis.result() == 49
    assert list(tmp_path.iterdir()) == []  # its result file goes with it


def test_its_exception_is_raised_where_the_result_is_asked_for(tmp_path: Path) -> None:
    with beside(_fail, "Kiwi refused", folder=str(tmp_path)) as analysis:
        with pytest.raises(ValueError, match="Kiwi refused"):
            analysis.result()


def test_a_process_killed_gives_an_error_not_a_wait(tmp_path: Path) -> None:
    with beside(_die, folder=str(tmp_path)) as analysis:
        with pytest.raises(RuntimeError, match="without its result"):
            analysis.result()


def test_leaving_the_block_early_ends_the_process(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    with pytest.raises(KeyboardInterrupt):
        with beside(_slow, str(pid_file), folder=str(tmp_path)):
            while not pid_file.exists():
                time.sleep(0.01)
            raise KeyboardInterrupt
    pid = int(pid_file.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # ended and reaped
