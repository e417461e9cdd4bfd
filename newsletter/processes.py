"""Work spread over processes, one per language.

Forked, so each worker starts with the parent's data (the site) without copying
it through a pipe. Workers ignore Ctrl-C: the parent gets it (or SIGTERM), ends
them at once and cleans up, so an interrupted build leaves nothing behind. A
worker whose parent is killed outright (`kill -9`) is killed with it, rather
than writing on for seconds into a folder that nobody will swap in.

A build says how far it is through a `Progress`: its stages as they start and end, the
e-mails and PDFs one by one. `relayed` carries what any of its processes says to one
listener in the process that started them (the command, which shows it).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import pickle
import select
import signal
import struct
import threading
from contextlib import contextmanager
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Beside:
    """A function running in a process of its own (`beside`), started before the
    processes that need its result: this process, or any forked from it afterwards,
    waits for it with `result()`."""

    ended: int
    """The reading end of a pipe whose only writer is that process: it ends, the pipe
    reads its end."""
    file: str
    """Where it leaves its result (or its exception), pickled."""

    def result(self) -> Any:
        while os.read(self.ended, 4096):
            pass
        try:
            with open(self.file, "rb") as file:
                outcome = pickle.load(file)
        except (OSError, EOFError, pickle.UnpicklingError):
            raise RuntimeError("a worker process ended without its result") from None
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome


@dataclass(frozen=True)
class Given:
    """A result there is no need to compute in a process (the `Beside` of nothing)."""

    value: Any

    def result(self) -> Any:
        return self.value


@contextmanager
def beside(function: Callable[..., Any], *arguments: Any, folder: str) -> Iterator[Beside]:
    """`function(*arguments)` in a forked process, while this one goes on; its result is
    pickled into `folder` (a private temporary folder). Leaving the block ends the
    process if it still runs (an error, Ctrl-C)."""
    reading, writing = os.pipe()
    file = os.path.join(folder, f"beside-{os.getpid()}-{reading}.pickle")
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        pid = os.fork()
        if pid == 0:  # the child: only it holds `writing`, until it ends
            os.close(reading)
            _start_worker()
            try:
                outcome = function(*arguments)
            except BaseException as error:  # noqa: BLE001 - raised by `result()`
                outcome = error
            try:
                try:
                    data = pickle.dumps(outcome)
                except Exception:  # noqa: BLE001 - an exception that does not pickle
                    data = pickle.dumps(RuntimeError(f"{type(outcome).__name__}: {outcome}"))
                with open(file + ".tmp", "wb") as out:
                    out.write(data)
                os.replace(file + ".tmp", file)
            finally:
                os._exit(0)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    os.close(writing)
    try:
        yield Beside(reading, file)
    finally:
        os.close(reading)
        if os.waitpid(pid, os.WNOHANG) == (0, 0):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        try:
            os.unlink(file)
        except OSError:
            pass


@dataclass(frozen=True)
class Step:
    """One thing a build says as it runs."""

    stage: str
    """The stage's key, as in `BuildResult.stages` ("read+validate", "mkdocs", …)."""
    lang: str | None = None
    """The language, for a stage that runs once per language."""
    total: int | None = None
    """When a counted stage starts: how many things it will make."""
    advanced: int = 0
    """How many more of them are made."""
    seconds: float | None = None
    """When the stage is over: how long it took."""


class Progress:
    """Where a build says how far it is: nowhere, unless a command listens (`relayed`).
    Picklable, so that it goes with the work into the worker processes."""

    def __call__(self, step: Step) -> None:
        pass

    def started(self, stage: str, lang: str | None = None, total: int | None = None) -> None:
        self(Step(stage, lang, total=total))

    def advanced(self, stage: str, count: int = 1) -> None:
        self(Step(stage, advanced=count))

    def finished(self, stage: str, seconds: float, lang: str | None = None) -> None:
        self(Step(stage, lang, seconds=seconds))

    def stages(self) -> "Stages":
        """A dict of seconds per stage that says each stage's end as it is set."""
        return Stages(self)


class Stages(dict):
    """Seconds per stage; setting one says that the stage is over."""

    def __init__(self, progress: Progress):
        super().__init__()
        self.progress = progress

    def __setitem__(self, stage: str, seconds: float) -> None:
        super().__setitem__(stage, seconds)
        self.progress.finished(stage, seconds)

    def record(self, stage: str, seconds: float) -> None:
        """A stage whose end the process that ran it has said already."""
        super().__setitem__(stage, seconds)

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return dict, (dict(self),)


SILENT = Progress()

_HEADER = struct.Struct("=I")
_WRITING = threading.Lock()
"""Held while a listener runs, and across a fork: a child never starts with the lock of a
stream that the listener was writing to at that moment."""


def _after_fork_in_child() -> None:
    global _WRITING
    _WRITING = threading.Lock()


os.register_at_fork(before=lambda: _WRITING.acquire(), after_in_parent=lambda: _WRITING.release(),
                    after_in_child=_after_fork_in_child)


class _Relay(Progress):
    """Says each step into a pipe, from this process or any process forked from it."""

    def __init__(self, fd: int):
        self.fd = fd

    def __call__(self, step: Step | None) -> None:
        data = pickle.dumps(step)
        try:  # one write of less than PIPE_BUF bytes: never mixed with another process's
            os.write(self.fd, _HEADER.pack(len(data)) + data)
        except OSError:
            pass  # nobody listens any more: what a build says is not worth failing it


@contextmanager
def relayed(listener: Callable[[Step | None], None], tick: float = 0.25) -> Iterator[Progress]:
    """A `Progress` whose steps, said in this process or in the processes it forks, reach
    `listener` in a thread of this one, in order; `listener(None)` every `tick` seconds
    meanwhile (a clock to show)."""
    reading, writing = os.pipe()
    relay = _Relay(writing)

    def hear(step: Step | None) -> None:
        try:
            with _WRITING:
                listener(step)
        except Exception:  # noqa: BLE001 - a display that fails stops neither the build
            pass  # nor the reading of the pipe (whose writers would block once it is full)

    def listen() -> None:
        buffer = b""
        while True:
            ready, _w, _x = select.select([reading], [], [], tick)
            if not ready:
                hear(None)
                continue
            chunk = os.read(reading, 1 << 16)
            if not chunk:
                return
            buffer += chunk
            while len(buffer) >= _HEADER.size:
                size = _HEADER.unpack_from(buffer)[0]
                if len(buffer) < _HEADER.size + size:
                    break
                step = pickle.loads(buffer[_HEADER.size:_HEADER.size + size])
                buffer = buffer[_HEADER.size + size:]
                if step is None:  # the end (see below)
                    return
                hear(step)

    thread = threading.Thread(target=listen, name="progress", daemon=True)
    thread.start()
    try:
        yield relay
    finally:
        relay(None)
        relay.fd = -1  # from now on, says nothing (the number may be another file's)
        thread.join(timeout=10)
        os.close(writing)
        if not thread.is_alive():  # else it may still read it: left open
            os.close(reading)
