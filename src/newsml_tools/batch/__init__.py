"""Bulk conversion of archives: ``newsml batch SOURCE... -o DEST``.

Behaviour (the reference for the README's "Bulk conversion" section):

Sources
    Directories (recursive, sorted; ``--include`` default ``*.txt``, ``--exclude``; a
    symlink is followed only if it resolves inside the source root, symlinked folders are
    never entered, fifos/devices are skipped; a subfolder that cannot be listed is an
    ``error`` record, a SOURCE folder that cannot be read an unreadable SOURCE),
    ``.zip``, ``.tar`` / ``.tar.gz`` / ``.tgz`` / ``.tar.bz2`` / ``.tar.xz`` (streamed,
    ``r|*``) and ``.jsonl`` (one
    ``{"id", "text", "date"?, "lang"?, "provider"?, "guid"?, "path"?}`` per line). All are
    read lazily: memory does not grow with the content (a zip's central directory,
    ~0.6 KB per member, is the one thing held; tar and JSON Lines hold nothing per input
    beyond two 64-bit digests for duplicate detection, and a line number for JSON Lines).
    Globs ignore case. ``--include``: without "/" against the file name, with "/"
    against the relative path. ``--exclude``: without "/" against the file name and every
    folder name on the path (``--exclude drafts`` leaves out the folder), with "/"
    against the relative path and those of its folders (``drafts/*``). A SOURCE that
    gives no input at all (nothing matches ``--include``, an empty ``.jsonl``) is an
    error (exit 2, "SOURCE: no ... matches --include"), as in ``newsml validate``.
    macOS AppleDouble files (``._*``, ``__MACOSX/``) are never inputs, nor are newsml's
    own files in a source
    folder: ``.newsml-*`` names, a ``.zip`` DEST with its ``.tmp`` and lock, the report;
    and when DEST is the source folder (``-o`` equal to SOURCE is allowed: outputs next
    to the articles) or contains it, files ending in an output suffix (``.newsml.xml``,
    ``.jsonld``, ``.nitf.xml``, ``.ninjs.json``), so a second run with ``--include '*'``
    does not convert the first run's outputs.
    A tar stream ends only at its zero-filled end-of-archive block: a damaged header or a
    cut-off stream is a corrupt/truncated archive (an ``error`` record, exit 2; the
    members before it keep their records). A zip member that cannot be inflated (damaged
    data, bad CRC, unsupported method) is an ``error`` record for that member alone. A
    ``.jsonl`` must be UTF-8 (a BOM is fine): a UTF-16/32 file (PowerShell's default) is
    refused as an unreadable SOURCE (exit 2); a line nested too deeply, or holding an
    integer over Python's 4300-digit limit, is an ``error`` record for that line. Blank
    lines, and a first line holding only a BOM, are ignored. The message of a record's
    error ends with ``(<file>, line <n>)``; a duplicate id names the line of the first.
Ids and outputs
    An input's id is its relative path in the source (``a/b/story.txt``), or for JSON
    Lines the record's ``id`` (a string or an integer; ``true`` is refused) (else
    ``<file>:<line>``, a form reserved for this: an id ``<file>:<other line>`` is
    refused). Outputs mirror the relative path with the format suffix:
    ``DEST/a/b/story.newsml.xml`` and ``DEST/a/b/story.jsonld``;
    a JSON Lines record goes to its ``path`` if given, else ``DEST/<file stem>/<id>``:
    the id's letters and digits of any script are kept, only ``/ \\ : * ? " < > |``,
    control characters and lone surrogates become ``_``, leading dots and trailing
    dots/spaces are dropped, Windows device names (``CON``, ``nul.txt``) get a ``_``, and
    the name is cut to 200 bytes of UTF-8.
    With several SOURCEs each gets a folder named after it (``2024.zip`` -> ``2024/``).
    Output names are compared as written (in a ``.zip`` DEST a non-UTF-8 byte becomes
    U+FFFD) and ignoring case (a case-insensitive file system, or unzipping on one, would
    merge them). Two inputs that would write the same output: the second is an ``error``
    record - except a JSON Lines record without ``path`` (named after its id or line),
    which gets the stem ``<name>~<first 8 hex digits of sha256(id)>`` instead (``id/1``
    and ``id:1``, ``abc`` and ``ABC``); the record's ``outputs`` name the files written.
    The same input order gives the same names, so ``--resume`` finds them again.
Per-record options
    A JSON Lines record's ``date``/``lang``/``provider``/``guid`` apply to that record and
    take precedence over ``--date``/``--lang``/``--provider`` (the command-line values
    are the defaults for the batch). They pass the checks of the ``convert`` options of
    the same name, with the same words (else an ``error`` record); ``"date": "now"``
    means what ``--date now`` does (the run's time; ``--resume`` keys on the word).
    ``--guid`` itself is refused by ``batch``.
Text
    UTF-8 with or without BOM. Anything else is an ``error`` record naming the byte
    offset (no guessing of legacy encodings: a wrong guess silently garbles names). A
    JSON Lines ``text`` (or ``path``, ``date``, ``lang``, ``provider``, ``guid``) holding a
    lone surrogate escape (``\\ud800``) is an ``error`` record saying so.
Report
    JSON Lines, exactly one record per input, in input order: ``id``, ``source``,
    ``status`` (``ok`` / ``invalid`` / ``error`` / ``skipped``), ``outputs`` (paths
    relative to DEST), ``sha256`` (of the input bytes), ``findings``, ``error`` or
    ``reason`` when relevant, ``seconds``. Default ``DEST/batch-report.jsonl``
    (``out.zip`` -> ``out.report.jsonl``), or ``--report``. Written to a temp file
    (``.newsml-tmp-report-<hash of its name>-*`` next to it) and renamed into place at the
    end, after the outputs are synced to disk; a run first removes such temp files a
    killed run left for the same report (regular files only, never through a symlink).
    ``--report`` is refused (usage error) when it is ``-`` (the summary goes to standard
    output; give a file), or names DEST, a folder, a SOURCE, one of
    newsml's files (a ``.newsml-*`` name in DEST, ``DEST.tmp`` or the lock of a ``.zip``
    DEST) or a file in DEST ending in an output suffix.
Validate before export
    Only outputs in ``Conversion.outputs`` are written; ``invalid`` when the conversion is
    not ok. Outputs a previous run left for an input that now fails are removed. An input
    one of whose outputs cannot be written (name too long, disk full) keeps none: the
    ones already written are removed and the record is an ``error`` naming the cause.
Exit codes
    0 every input ``ok`` or ``skipped``; 1 any ``invalid`` or ``error`` record; 2 usage
    error (missing or unsupported SOURCE, bad option, dask extra missing, another batch
    holding DEST's lock, an unusable ``--report``) - nothing is converted - or a SOURCE
    that cannot be opened, is corrupt or truncated, or (a tar stream) goes over
    ``--max-total-bytes`` (its records so far are in the report, the rest of the batch
    ran).
Resume (``--resume``)
    ``DEST/.newsml-manifest.jsonl`` is an append-only journal written by the parent after
    each input's outputs are in place. An input is skipped (status ``skipped``, reason
    "unchanged since the previous run") only when its input hash, the options (and
    package version, ``SOURCE_DATE_EPOCH``) and the hash of every output on disk all match;
    everything else is converted again. Leftover ``.newsml-tmp-*`` files in DEST are
    removed first (by every run, not only ``--resume``). The report is rewritten with
    one record per input; the journal is compacted.
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
    Workers stopped by SIGTERM themselves (``timeout`` signals the whole process group)
    remove the temp file of a write in progress first. When the journal or the report
    cannot be written (a full disk), the run stops the same way (``BatchWriteError``,
    exit 2) and publishes the records so far if the report's disk allows.
Archive safety
    Members with absolute paths or ``..`` are refused (``error`` record naming the
    member; nothing is written outside DEST). ``--max-member-bytes`` (16 MiB) caps every
    input, read through a bounded reader; a zip member expanding more than 200:1 is
    refused unread; ``--max-total-bytes`` (8 GiB) bounds what one archive may expand to:
    in a tar stream every member counts, read or not (skipping one still inflates it),
    and the stream is not read past the bound (a last ``error`` record, exit 2). A pax
    or GNU long-name header bigger than ``--max-member-bytes`` makes the tar corrupt.
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
    to the local engine's (the report up to its timings). A malformed ``--scheduler``
    (no port, ``http://``) is a usage error; a scheduler that cannot be reached within
    ``$NEWSML_DASK_TIMEOUT`` seconds (30), or answers in another protocol, is exit 2
    with nothing converted; one lost during the run stops it as a full disk does (exit
    2, the records so far published). A scheduler without workers is said once on
    stderr ("waiting for workers"). The local cluster's processes block SIGINT: Ctrl-C
    stops the run through this process alone (no worker tracebacks).
Terminal
    Control characters in ids and messages (ESC, CR, LF ...) are printed escaped
    (``\x1b``, ``\n``); the report keeps them as they are. The progress line fits the
    terminal's width.

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
    BatchEngineError,
    BatchError,
    BatchInterrupted,
    BatchResult,
    BatchWriteError,
    default_report_path,
    run_batch,
)
from newsml_tools.batch.sources import SourceError

__all__ = [
    "DASK_MISSING",
    "REPORT_NAME",
    "BatchConfig",
    "BatchEngineError",
    "BatchError",
    "BatchInterrupted",
    "BatchResult",
    "BatchWriteError",
    "EngineError",
    "SourceError",
    "default_report_path",
    "run_batch",
]
