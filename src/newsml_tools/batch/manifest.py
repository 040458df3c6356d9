"""The resume journal: ``DEST/.newsml-manifest.jsonl``, append-only JSON Lines.

One line per finished input, appended by the parent only after the worker has put the
outputs in place. Lines are flushed to the OS after every chunk (a ``kill -9`` loses
nothing) and fsynced at most once a second (a power cut loses at most the last second of
journal; resume re-checks every output's hash anyway, so it can never skip work whose
outputs did not survive). A line holds the report record
plus what ``--resume`` checks: ``options_key`` (options + package version) and
``output_sha256`` (output path -> hash). Later lines win; a torn last line (``kill -9``
mid-write) is ignored. At the end of a complete run the journal is compacted to this
run's lines only, so it never grows across runs.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from newsml_tools.atomic import TEMP_PREFIX

MANIFEST_NAME = ".newsml-manifest.jsonl"
LOCK_NAME = ".newsml-batch.lock"
FSYNC_INTERVAL = 1.0  # seconds


class Manifest:
    def __init__(self, path: str | os.PathLike[str], *, resume: bool) -> None:
        self.path = Path(path)
        if self.path.is_symlink():  # never ours: do not read or write through it
            self.path.unlink()
        self._prior: dict[str, str] = {}  # id -> its last JSON line of earlier runs
        if resume and self.path.exists():
            self._load()
        mode = "ab" if resume else "wb"
        self._fh = open(self.path, mode)  # noqa: SIM115 - closed in close()
        if resume and self._fh.tell() > 0 and not self._ends_with_newline():
            self._fh.write(b"\n")  # terminate a torn line so ours start clean
        self.start = self._fh.tell()  # where this run's lines begin
        self._dirty = False
        self._last_fsync = time.monotonic()

    def _ends_with_newline(self) -> bool:
        with open(self.path, "rb") as fh:
            fh.seek(-1, os.SEEK_END)
            return fh.read(1) == b"\n"

    def _load(self) -> None:
        with open(self.path, "rb") as fh:
            for raw in fh:
                if not raw.endswith(b"\n"):
                    break  # torn by a crash
                try:
                    entry_id = json.loads(raw).get("id")
                except (ValueError, AttributeError):
                    continue
                if isinstance(entry_id, str):
                    self._prior[entry_id] = raw.decode("utf-8")

    def __len__(self) -> int:
        return len(self._prior)

    def prior(self, item_id: str) -> dict[str, Any] | None:
        line = self._prior.get(item_id)
        return json.loads(line) if line is not None else None

    def append(self, entry: dict[str, Any]) -> None:
        self.append_line(json.dumps(entry, ensure_ascii=False))

    def append_line(self, line: str) -> None:
        """One JSON object, already serialised (no newline inside)."""
        self._fh.write(line.encode("utf-8", "backslashreplace") + b"\n")
        self._dirty = True

    def sync(self, *, force: bool = False) -> None:
        """Flush to the OS now; fsync if forced or a second has passed since the last."""
        if not self._dirty:
            return
        self._fh.flush()
        now = time.monotonic()
        if force or now - self._last_fsync >= FSYNC_INTERVAL:
            os.fsync(self._fh.fileno())
            self._last_fsync = now
            self._dirty = False

    def close(self) -> None:
        if not self._fh.closed:
            try:
                self.sync(force=True)
            finally:
                with contextlib.suppress(OSError):  # a full disk: what was flushed stays
                    self._fh.close()

    def compact(self) -> None:
        """Keep only this run's lines (one per input); atomic, streaming."""
        self.close()
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=self.path.parent)
        try:
            with os.fdopen(fd, "wb") as out, open(self.path, "rb") as src:
                src.seek(self.start)
                while block := src.read(1 << 20):
                    out.write(block)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._prior.clear()
