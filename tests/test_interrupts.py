"""SIGTERM / SIGHUP end a command like Ctrl-C: an exception, cleanup, 128 + signal."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from newsml_tools.interrupts import Terminated, exit_code, terminate_as_interrupt, worker_signals


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_signal_raises_inside_and_handler_is_restored(signum, code):
    before = signal.getsignal(signum)
    with pytest.raises(Terminated) as info, terminate_as_interrupt():
        os.kill(os.getpid(), signum)
        time.sleep(5)  # the handler interrupts this
    assert isinstance(info.value, KeyboardInterrupt)
    assert info.value.signum == signum
    assert exit_code(info.value) == code
    assert signal.getsignal(signum) == before
    assert exit_code(KeyboardInterrupt()) == 130


def test_an_ignored_signal_stays_ignored():
    """Under nohup SIGHUP is ignored: the command must not start dying on it."""
    old = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        with terminate_as_interrupt():
            assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
            os.kill(os.getpid(), signal.SIGHUP)  # nothing happens
    finally:
        signal.signal(signal.SIGHUP, old)


def test_worker_dies_of_sigterm_leaving_no_temp_file(tmp_path):
    """A forked worker inherits the raising handler; it must die of SIGTERM instead (a
    broken process pool is torn down with SIGTERM and joined), and a write in progress
    must not leave its temp file behind (a process group stopped by `timeout`)."""
    import newsml_tools.atomic as atomic

    ready_r, ready_w = os.pipe()
    with terminate_as_interrupt():
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            os.close(ready_r)
            worker_signals()
            assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
            _fd, tmp = atomic._open_temp(str(tmp_path))  # a write in progress
            atomic._current = tmp
            os.write(ready_w, b"x")
            time.sleep(30)  # the signal ends this
            os._exit(3)
        os.close(ready_w)
        assert os.read(ready_r, 1) == b"x"
        assert list(tmp_path.glob(".newsml-tmp-*"))
        os.kill(pid, signal.SIGTERM)
        _, status = os.waitpid(pid, 0)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM
    assert not list(tmp_path.glob(".newsml-tmp-*"))


def _catches(pid: int, signum: int) -> bool:
    """Whether the process has a handler for ``signum`` (Linux: SigCgt in /proc)."""
    with open(f"/proc/{pid}/status") as fh:
        lines = fh.read().splitlines()
    for line in lines:
        if line.startswith("SigCgt:"):
            return bool(int(line.split()[1], 16) >> (signum - 1) & 1)
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_validate_on_sigterm_exits_143_without_traceback(tmp_path):
    """A CI timeout stopping `newsml validate -` (waiting on stdin) mid-run."""
    proc = subprocess.Popen([sys.executable, "-m", "newsml_tools", "validate", "-"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while not _catches(proc.pid, signal.SIGTERM) and time.monotonic() < deadline:
        time.sleep(0.01)  # until the command has installed its handler
    proc.send_signal(signal.SIGTERM)
    err = proc.communicate(timeout=30)[1]
    assert proc.returncode == 143, err
    assert "Traceback" not in err
    assert "interrupted" in err
