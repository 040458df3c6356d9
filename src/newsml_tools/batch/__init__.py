"""Bulk conversion of archives: ``newsml batch SOURCE... -o DEST``.

Behaviour (the reference for the README's "Bulk conversion" section):

Sources
    Directories (recursive, sorted; ``--include`` default ``*.txt``, ``--exclude``; a
    symlink is followed only if it resolves inside the source root, symlinked folders are
    never entered, fifos/devices are skipped), ``.zip``, ``.tar`` / ``.tar.gz`` / ``.tgz``
    / ``.tar.bz2`` / ``.tar.xz`` (streamed, ``r|*``) and ``.jsonl`` (one
    ``{"id", "text", "date"?, "lang"?, "provider"?, "guid"?, "path"?}`` per line). All are
    read lazily: memory does not grow with the content (a zip's central directory,
    ~0.6 KB per member, is the one thing held; tar and JSON Lines hold nothing per input
    beyond two 64-bit digests for duplicate detection). macOS AppleDouble files
    (``._*``, ``__MACOSX/``) are never inputs.
Ids and outputs
    An input's id is its relative path in the source (``a/b/story.txt``), or for JSON
    Lines the record's ``id`` (else ``<file>:<line>``). Outputs mirror the relative path
    with the format suffix: ``DEST/a/b/story.newsml.xml`` and ``DEST/a/b/story.jsonld``;
    a JSON Lines record goes to its ``path`` if given, else ``DEST/<file stem>/<id>``.
    With several SOURCEs each gets a folder named after it (``2024.zip`` -> ``2024/``).
    Two inputs that would write the same output: the second is an ``error`` record.
Per-record options
    A JSON Lines record's ``date``/``lang``/``provider``/``guid`` apply to that record and
    take precedence over ``--date``/``--lang``/``--provider`` (the command-line values
    are the defaults for the batch). ``--guid`` itself is refused by ``batch``.
Text
    UTF-8 with or without BOM. Anything else is an ``error`` record naming the byte
    offset (no guessing of legacy encodings: a wrong guess silently garbles names).
Report
    JSON Lines, exactly one record per input, in input order: ``id``, ``source``,
    ``status`` (``ok`` / ``invalid`` / ``error`` / ``skipped``), ``outputs`` (paths
    relative to DEST), ``sha256`` (of the input bytes), ``findings``, ``error`` or
    ``reason`` when relevant, ``seconds``. Default ``DEST/batch-report.jsonl``
    (``out.zip`` -> ``out.report.jsonl``), or ``--report``. Written to a temp file and
    renamed into place at the end, after the outputs are synced to disk.
Validate before export
    Only outputs in ``Conversion.outputs`` are written; ``invalid`` when the conversion is
    not ok. Outputs a previous run left for an input that now fails are removed.
Exit codes
    0 every input ``ok`` or ``skipped``; 1 any ``invalid`` or ``error`` record; 2 usage
    error (missing or unsupported SOURCE, bad option, dask extra missing, another batch
    holding DEST's lock) - nothing is converted - or a SOURCE archive that cannot be
    opened or is truncated (its records are in the report, the rest of the batch ran).
Resume (``--resume``)
    ``DEST/.newsml-manifest.jsonl`` is an append-only journal written by the parent after
    each input's outputs are in place. An input is skipped (status ``skipped``, reason
    "unchanged since the previous run") only when its input hash, the options (and
    package version, ``SOURCE_DATE_EPOCH``) and the hash of every output on disk all match;
    everything else is converted again. Leftover ``.newsml-tmp-*`` files are removed
    first. The report is rewritten with one record per input; the journal is compacted.
    Outputs of inputs that are no longer in the sources are left in DEST untouched. An
    input that now fails loses its old outputs; with ``--to`` narrowed, the formats the
    journal says the previous run wrote for an input and this run does not are removed
    (unless edited since). Without ``--resume``, files of formats not asked for are left
    alone, so formats can be added to a DEST run by run.
    Without ``--resume`` every input is converted and the journal starts afresh.
    A ``.zip`` DEST is written as ``DEST.tmp`` and renamed at the end (members in input
    order, fixed timestamps: byte-identical for the same inputs); a killed run leaves no
    DEST to resume from, so ``--resume`` with a ``.zip`` DEST converts everything again.
Interruption
    Ctrl-C, SIGTERM and SIGHUP stop a run cleanly (``BatchInterrupted``; exit 130, 143,
    129): no new work is handed out, the workers finish their tasks, and the report is
    published with the records of the inputs finished so far (a ``.zip`` DEST is all or
    nothing: no zip and no report). ``--resume`` then does the rest and rewrites the
    report with one record per input. A ``kill -9`` leaves no report; ``--resume`` too.
Archive safety
    Members with absolute paths or ``..`` are refused (``error`` record naming the
    member; nothing is written outside DEST). ``--max-member-bytes`` (16 MiB) caps every
    input, read through a bounded reader; a zip member expanding more than 200:1 is
    refused unread; ``--max-total-bytes`` (8 GiB) bounds what one archive may expand to.
    Symlinks, hard links and devices inside archives are ``skipped`` with a reason.
Engines
    ``-j N`` worker processes (default: all cores; ``-j 1`` runs in-process). Workers
    write their own outputs atomically and return small records; results are consumed
    in input order with a bounded number of chunks in flight. A worker that dies
    (segfault, OOM kill) costs only the input that killed it (an ``error`` record).
    ``--engine dask`` maps the same per-article function over ``dask.bag`` partitions on
    ``--scheduler ADDRESS`` or a ``LocalCluster`` (``-j`` workers, one thread each); it
    needs ``pip install 'newsml-tools[dask]'`` and, with a remote scheduler, workers that
    see SOURCE directories and DEST at the same paths. Outputs and report are identical
    to the local engine's (the report up to its timings).

Modules: ``sources`` (inputs and safety), ``work`` (the per-article function),
``engines`` (in-process, process pool, Dask), ``manifest`` (resume journal), ``runner``
(``run_batch``), ``progress`` (progress bar and summary). The library has no click
dependency; ``newsml_tools.cli.batch_cmd`` is the thin layer.
"""

from __future__ import annotations

from newsml_tools.batch.engines import DASK_MISSING, EngineError
from newsml_tools.batch.runner import (
    REPORT_NAME,
    BatchConfig,
    BatchError,
    BatchInterrupted,
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
    "BatchInterrupted",
    "BatchResult",
    "EngineError",
    "SourceError",
    "default_report_path",
    "run_batch",
]
