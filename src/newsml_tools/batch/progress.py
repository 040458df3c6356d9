"""A one-line progress bar (rate, ETA) and the end-of-run summary table."""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
from collections import Counter
from typing import Any, TextIO

from newsml_tools.batch.runner import BatchResult

STATUS_ORDER = ("ok", "invalid", "error", "skipped")
MIN_BAR = 10  # narrower than this, the bar goes: the counts say more

# what a terminal acts on instead of showing: C0/C1 controls (ESC starts escape
# sequences, CR/LF fake lines), line/paragraph separators, bidirectional overrides
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def terminal_safe(text: str) -> str:
    """``text`` as a terminal should print it: control characters escaped (``\\x1b``,
    ``\\n``), lone surrogates (a non-UTF-8 file name) as ``\\udcff``."""
    text = _UNPRINTABLE.sub(_escape, text)
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in _NAMED:
        return _NAMED[ch]
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def progress_wanted(stream: TextIO, quiet: bool) -> bool:
    """Only on an interactive terminal, never in CI or with ``--quiet``."""
    if quiet or os.environ.get("CI", "").strip().lower() in ("true", "1", "yes"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _clock(seconds: float) -> str:
    seconds = int(max(0, seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class ProgressBar:
    """Redraws at most 10 times a second: ``[####----] 1200/5000 24% 2,031/s ETA 0:02``."""

    def __init__(self, stream: TextIO | None = None, width: int = 24) -> None:
        self.stream = stream or sys.stderr
        self.width = width
        self.start = time.monotonic()
        self.last = 0.0
        self.counts: Counter[str] = Counter()
        self._drawn = False

    def __call__(self, record: dict[str, Any], done: int, total: int | None) -> None:
        self.counts[record["status"]] += 1
        now = time.monotonic()
        if now - self.last >= 0.1 or (total is not None and done >= total):
            self.last = now
            self._draw(done, total, now)

    def line(self, done: int, total: int | None, now: float,
             columns: int | None = None) -> str:
        """The progress line, at most ``columns`` characters (default: the terminal's
        width less one, so it never wraps): the bar shrinks, then the rate, the bar and
        the problem counts go, in that order."""
        elapsed = max(now - self.start, 1e-9)
        rate = done / elapsed
        room = self._columns() if columns is None else columns
        bad = "  ".join(f"{s} {self.counts[s]}" for s in STATUS_ORDER[1:] if self.counts[s])
        if total:
            frac = min(done / total, 1.0)
            count = f"{done}/{total} {frac:4.0%}"
            eta = _clock((total - done) / rate if rate > 0 else 0)
            variants = [(count, f"{rate:,.0f}/s ETA {eta}", bad),
                        (count, f"ETA {eta}", bad), (count, f"ETA {eta}"), (count,)]
        else:
            frac = None
            count = f"{done} done"
            variants = [(count, f"{rate:,.0f}/s {_clock(elapsed)}", bad),
                        (count, _clock(elapsed), bad), (count, _clock(elapsed)), (count,)]
        for parts in variants:
            text = "  ".join(p for p in parts if p)
            if frac is not None:
                width = min(self.width, room - len(text) - 3)  # "[", "] "
                if width >= MIN_BAR:
                    filled = int(frac * width)
                    return f"[{'#' * filled}{'-' * (width - filled)}] {text}"
            if len(text) <= room:
                return text
        return text[:max(room, 0)]

    def _columns(self) -> int:
        try:  # the terminal the bar is drawn on (stdout may be a file)
            columns = os.get_terminal_size(self.stream.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
        if columns <= 0:  # not a terminal, or one that does not say (a bare pty): $COLUMNS or 80
            columns = shutil.get_terminal_size().columns
        return max(columns - 1, 1)  # the last column would wrap on some terminals

    def _draw(self, done: int, total: int | None, now: float) -> None:
        self.stream.write("\r\x1b[2K" + self.line(done, total, now))
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()


def format_summary(result: BatchResult) -> str:
    """Counts by status, throughput, wall time and the five slowest inputs."""
    rows = [(status, str(result.counts.get(status, 0))) for status in STATUS_ORDER]
    rows.append(("total", str(result.total)))
    rows.append(("wall time", f"{result.wall:.2f} s"))
    rows.append(("throughput", f"{result.rate:,.1f} articles/s"))
    width = max(len(k) for k, _ in rows)
    vwidth = max(len(v) for _, v in rows)
    lines = [f"{k:<{width}}  {v:>{vwidth}}" for k, v in rows]
    if result.slowest:
        lines.append("slowest:")
        lines += [f"  {seconds:8.3f} s  {terminal_safe(item_id)}"
                  for seconds, item_id in result.slowest]
    lines.append(f"report: {terminal_safe(result.report)}")
    return "\n".join(lines)
