"""Work spread over processes, one per language.

Forked, so each worker starts with the parent's data (the site) without copying
it through a pipe. Workers ignore Ctrl-C: the parent gets it (or SIGTERM), ends
them at once and cleans up, so an interrupted build leaves nothing behind. A
worker whose parent is killed outright (`kill -9`) is killed with it, rather
than writing on for seconds into a folder that nobody will swap in.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
from contextlib import contextmanager
from multiprocessing import get_context
from typing import Any, Callable, Iterator, Sequence


_PR_SET_PDEATHSIG = 1


def usable_cores() -> int:
    """The cores this process may run on (a container's or `taskset`'s limit), not the
    machine's."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _start_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler: just stop
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    _die_with_parent()


def _die_with_parent() -> None:
    """Linux: be killed when the parent dies (prctl PR_SET_PDEATHSIG); elsewhere, nothing."""
    name = ctypes.util.find_library("c")
    prctl = getattr(ctypes.CDLL(name), "prctl", None) if name else None
    if prctl is not None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


@contextmanager
def running(function: Callable[[Any], Any], items: Sequence[Any],
            even_one: bool = False) -> Iterator[Callable[[], list]]:
    """Start `function` on every item in its own process; the block can do other work
    meanwhile, and calls the yielded function to wait for the results. A single item
    runs in this process, unless `even_one` (to keep its memory out of this one)."""
    if (len(items) < 2 and not even_one) or os.environ.get("NEWSLETTER_SERIAL"):
        results = [function(item) for item in items]
        yield lambda: results
        return
    # Ctrl-C and SIGTERM are held back while the workers are forked: until they ignore
    # them, they would interrupt them halfway through starting. This process gets them
    # right after.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        pool = get_context("fork").Pool(len(items), initializer=_start_worker)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    try:
        pending = pool.map_async(function, items)
        yield pending.get
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
