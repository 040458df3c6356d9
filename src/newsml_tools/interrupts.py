"""SIGTERM and SIGHUP end a command the way Ctrl-C does: cleanly.

CI runners, ``timeout``, container stops and closed terminals send SIGTERM or SIGHUP, whose
default action kills the process on the spot: temp files left behind, no report, workers
left to the kernel. Raised as an exception in the main thread instead, they run the same
cleanup as Ctrl-C and exit with the shell's code for the signal (128 + its number).
Worker processes leave Ctrl-C to the parent (it owns the shutdown) and still die of
SIGTERM (a broken pool is torn down with it, so it must not be ignored), after removing the
temp file of a write in progress.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from types import FrameType

_CAUGHT = tuple(
    s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s
)


class Terminated(KeyboardInterrupt):
    """A termination signal, delivered like Ctrl-C (so ``except KeyboardInterrupt`` and
    ``finally`` blocks run); ``signum`` says which."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def exit_code(exc: BaseException) -> int:
    """128 + the signal's number: 130 for Ctrl-C, 143 for SIGTERM, 129 for SIGHUP."""
    return 128 + getattr(exc, "signum", signal.SIGINT)


def _raise(signum: int, _frame: FrameType | None) -> None:
    raise Terminated(signum)


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM/SIGHUP raise ``Terminated`` (main thread only; a signal
    the caller ignores, as under ``nohup``, stays ignored). The old handlers come back."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    saved: dict[int, object] = {}
    for signum in _CAUGHT:
        with contextlib.suppress(ValueError, OSError):
            old = signal.getsignal(signum)
            if old is not signal.SIG_IGN:
                saved[signum] = old
                signal.signal(signum, _raise)
    try:
        yield
    finally:
        for signum, old in saved.items():
            with contextlib.suppress(ValueError, OSError, TypeError):
                signal.signal(signum, old)  # type: ignore[arg-type]


def worker_signals() -> None:
    """In a forked worker: ignore Ctrl-C (the parent stops the pool); SIGTERM/SIGHUP end
    the worker as by default, after removing the temp file of a write in progress (an
    exception, like ``_raise``, would be shipped back as the task's result instead)."""
    with contextlib.suppress(ValueError, OSError):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in _CAUGHT:
        with contextlib.suppress(ValueError, OSError):
            if signal.getsignal(signum) in (_raise, signal.SIG_DFL):
                signal.signal(signum, _die_cleanly)


def _die_cleanly(signum: int, _frame: FrameType | None) -> None:
    from newsml_tools.atomic import discard_current_temp

    discard_current_temp()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)  # the default action: the process ends by this signal
