"""A one-line progress bar (rate, ETA) and the end-of-run summary table."""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from typing import Any, TextIO

from newsml_tools.batch.runner import BatchResult

STATUS_ORDER = ("ok", "invalid", "error", "skipped")


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

    def line(self, done: int, total: int | None, now: float) -> str:
        elapsed = max(now - self.start, 1e-9)
        rate = done / elapsed
        parts = []
        if total:
            frac = min(done / total, 1.0)
            filled = int(frac * self.width)
            parts.append(f"[{'#' * filled}{'-' * (self.width - filled)}] {done}/{total} "
                         f"{frac:4.0%}")
            eta = (total - done) / rate if rate > 0 else 0
            parts.append(f"{rate:,.0f}/s ETA {_clock(eta)}")
        else:
            parts.append(f"{done} done")
            parts.append(f"{rate:,.0f}/s {_clock(elapsed)}")
        bad = "  ".join(f"{s} {self.counts[s]}" for s in STATUS_ORDER[1:] if self.counts[s])
        if bad:
            parts.append(bad)
        return "  ".join(parts)

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
        lines += [f"  {seconds:8.3f} s  {item_id}" for seconds, item_id in result.slowest]
    lines.append(f"report: {result.report}")
    return "\n".join(lines)
