"""Atomic file writes: a reader never sees a half-written output."""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import stat
import tempfile
from pathlib import Path

TEMP_PREFIX = ".newsml-tmp-"  # so a crashed run's leftovers are recognisable and ignorable


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# mkstemp creates 0600 files; published outputs get the mode a plain open() would give.
FILE_MODE = 0o666 & ~_umask()


_serial = itertools.count()
_current: str | None = None  # the temp file being written now (see discard_current_temp)
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def _open_temp(folder: str) -> tuple[int, str]:
    """A new temp file in ``folder``, named by pid and a counter: no random names and no
    chmod (``open`` applies the umask, as for a plain write), which matters when a batch
    writes tens of thousands of files. ``O_EXCL`` never follows or reuses what is there."""
    global _current
    prefix = os.path.join(folder, f"{TEMP_PREFIX}{os.getpid()}.")
    for _attempt in range(100):  # a crashed run with the same pid may have left names
        tmp = f"{prefix}{next(_serial)}"
        _current = tmp  # before it exists: a signal during the open still finds it
        try:
            return os.open(tmp, _FLAGS, 0o666), tmp
        except FileExistsError:
            _current = None  # not ours: a signal now must not remove it
            continue
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=folder)
    os.chmod(tmp, FILE_MODE)
    return fd, tmp


def write_atomic(path: str | os.PathLike[str], data: bytes, *, fsync: bool = False) -> Path:
    """Write ``data`` to ``path`` via a temp file in the same folder, then rename."""
    write_file_atomic(os.fspath(path), data, fsync=fsync)
    return Path(path)


def discard_current_temp() -> None:
    """Remove the temp file a write in progress has open: for a signal handler about to
    end the process (a worker told to stop mid-write leaves nothing behind)."""
    tmp = _current
    if tmp is not None:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:  # os.write may write less than asked (signals, pipes, quotas)
        view = view[os.write(fd, view):]


def _stage(path: str, data: bytes, fsync: bool) -> str:
    """``data`` in a new temp file next to ``path``; returns the temp file's name."""
    global _current
    folder = os.path.dirname(path) or "."
    try:
        fd, tmp = _open_temp(folder)
    except FileNotFoundError:  # only now pay for creating the folders
        os.makedirs(folder, exist_ok=True)
        fd, tmp = _open_temp(folder)
    _current = tmp
    try:
        try:
            _write_all(fd, data)
            if fsync:
                os.fsync(fd)
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        _current = None
        raise
    return tmp


def write_file_atomic(path: str, data: bytes, *, fsync: bool = False) -> None:
    """``write_atomic`` on a plain ``str`` path, with no ``Path`` objects: the form a batch
    calls tens of thousands of times."""
    global _current
    tmp = _stage(path, data, fsync)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    finally:
        _current = None


def _naming(exc: OSError, path: str) -> OSError:
    """``exc`` about ``path`` (not about the temp file that was being written)."""
    if exc.errno is None:
        return exc
    return type(exc)(exc.errno, exc.strerror, path)


def write_group_atomic(items: list[tuple[str, bytes]]) -> None:
    """Write several files all or nothing, as far as a file system allows: a target that
    is a folder is refused before anything is written, every file is staged in a temp
    file first (a full disk or a denied folder leaves none of them), and only then are
    they renamed into place. An error names the target, not the temp file."""
    global _current
    for path, _data in items:
        if os.path.isdir(path):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), path)
    staged: list[tuple[str, str]] = []
    try:
        for path, data in items:
            try:
                staged.append((_stage(path, data, False), path))
            except OSError as exc:
                raise _naming(exc, path) from None
            finally:
                _current = None
        while staged:
            tmp, path = staged[0]
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise _naming(exc, path) from None
            staged.pop(0)
    finally:
        for tmp, _path in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def write_report(path: str, data: bytes) -> None:
    """A report for ``-o PATH``: atomically into a regular file (through a symlink to
    one, which stays a symlink), but straight into anything else that is there -- a
    FIFO, a terminal -- which a rename would replace instead. ``/dev/stdout`` (or any
    name of this process's stdout or stderr) is written through that descriptor: it may
    be a log file the shell opened (``>> log``), whose other lines a rename would lose."""
    try:
        target = os.stat(path)
    except OSError:
        target = None
    if target is not None:
        for fd in (1, 2):
            try:
                same = os.path.samestat(target, os.fstat(fd))
            except OSError:
                continue
            if same:
                _write_all(fd, data)
                return
    real = os.path.realpath(path)
    if target is not None and not stat.S_ISREG(target.st_mode):
        with open(real, "ab") as fh:  # a FIFO, a device: append never truncates
            fh.write(data)
        return
    write_file_atomic(real, data)
