"""Work spread over processes, one per language.

Forked, so each worker starts with the parent's data (the site) without copying
it through a pipe. Workers ignore Ctrl-C: the parent gets it, ends them at once
and cleans up, so an interrupted build leaves nothing behind.
"""
from __future__ import annotations

import os
import signal
from contextlib import contextmanager
from multiprocessing import get_context
from typing import Any, Callable, Iterator, Sequence


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


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
    # Ctrl-C is held back while the workers are forked: until they ignore it, it would
    # interrupt them halfway through starting. This process gets it right after.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        pool = get_context("fork").Pool(len(items), initializer=_ignore_interrupts)
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
