"""Bulk conversion of archives: ``newsml batch``.

- ``sources``: directories, zip, tar(.gz/.bz2/.xz) and JSON Lines, streamed lazily with
  archive-safety checks (zip slip, bombs, links, devices).
- ``work``: the per-article function (decode, convert, write outputs atomically, record).
- ``engines``: in-process, process pool, Dask; ordered results, bounded in-flight work.
- ``manifest``: the append-only resume journal.
- ``runner``: ``run_batch(BatchConfig) -> BatchResult`` ties them together.
- ``progress``: progress bar and summary table for the CLI.

The library has no click dependency; ``newsml_tools.cli.batch_cmd`` is the thin layer.
"""

from __future__ import annotations

from newsml_tools.batch.engines import DASK_MISSING, EngineError
from newsml_tools.batch.runner import (
    REPORT_NAME,
    BatchConfig,
    BatchError,
    BatchResult,
    default_report_path,
    run_batch,
)
from newsml_tools.batch.sources import SourceError

__all__ = [
    "DASK_MISSING",
    "REPORT_NAME",
    "BatchConfig",
    "BatchError",
    "BatchResult",
    "EngineError",
    "SourceError",
    "default_report_path",
    "run_batch",
]
