"""``run_batch``: sources -> engine -> outputs, manifest and report.

The parent streams inputs, hands chunks to the engine, and for every record coming back
(in input order) appends it to the manifest (fsync per chunk) and to the report. With a
directory DEST the workers have already written the outputs atomically before the record
exists; with a ``.zip`` DEST the parent adds the returned bytes to ``DEST.tmp``, renamed
to DEST at the end. The report is written to a temp file and renamed into place at the
end of the run, after ``os.sync()``; it holds exactly one record per input. An interrupted
run (Ctrl-C, SIGTERM) publishes the records finished so far and raises BatchInterrupted.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import hashlib
import heapq
import json
import os
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from newsml_tools.atomic import TEMP_PREFIX
from newsml_tools.batch import engines
from newsml_tools.batch.manifest import LOCK_NAME, MANIFEST_NAME, Manifest
from newsml_tools.batch.sources import (
    DEFAULT_INCLUDE,
    DEFAULT_MAX_MEMBER_BYTES,
    DEFAULT_MAX_TOTAL_BYTES,
    InputItem,
    Limits,
    SourceError,
    SourceFilter,
    count_directory,
    count_jsonl,
    count_zip,
    iter_directory,
    iter_jsonl,
    iter_tar,
    iter_zip,
    source_kind,
    source_label,
)
from newsml_tools.batch.work import ConvertFn, WorkContext, default_convert

REPORT_NAME = "batch-report.jsonl"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # fixed member timestamps: a deterministic archive
MANIFEST_ONLY = ("options_key", "output_sha256")  # kept in the manifest, not the report
CONVERTER_ENV = ("SOURCE_DATE_EPOCH",)  # read by convert; shipped to (remote) workers


class BatchError(Exception):
    """The batch cannot start (usage error): exit code 2."""


class BatchWriteError(Exception):
    """Writing the journal or the report failed (a full disk): the run stopped. The
    records of the inputs finished before are in the report when it could be published."""

    def __init__(self, result: BatchResult, cause: OSError, published: bool) -> None:
        where = f" {cause.filename}" if getattr(cause, "filename", None) else ""
        super().__init__(f"cannot write{where}: {cause.strerror or cause}")
        self.result = result
        self.published = published


class BatchEngineError(engines.EngineError):
    """The engine failed during the run (a lost Dask scheduler): the run stopped. The
    records of the inputs finished before are in the report when it could be published."""

    def __init__(self, result: BatchResult, cause: engines.EngineError,
                 published: bool) -> None:
        super().__init__(str(cause))
        self.result = result
        self.published = published


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C or a termination signal stopped the run. The records of the inputs finished
    before it are in the report (``result``); ``--resume`` finishes the rest."""

    def __init__(self, result: BatchResult, cause: KeyboardInterrupt) -> None:
        super().__init__(str(cause))
        self.result = result
        self.signum = getattr(cause, "signum", 2)


@dataclass
class BatchConfig:
    sources: list[str]
    dest: str
    options: Any  # newsml_tools.convert.ConvertOptions
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    resume: bool = False
    report: str | None = None
    engine: str = "local"  # "local" or "dask"
    scheduler: str | None = None
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    max_member_bytes: int = DEFAULT_MAX_MEMBER_BYTES
    max_total_bytes: int = DEFAULT_MAX_TOTAL_BYTES
    chunk_size: int = 64  # inputs per task: fewer round trips to the workers (parent CPU)
    convert: ConvertFn = default_convert
    suffixes: dict[str, str] | None = None  # default: newsml_tools.convert.OUTPUT_SUFFIX
    count_total: bool = False  # pre-count inputs (for a progress ETA) where cheap
    date_now: bool = False  # options.date came from --date now (see options_key)
    notify: Callable[[str], None] | None = None  # a notice while running (default: stderr)


@dataclass
class BatchResult:
    dest: str
    report: str
    counts: Counter[str] = field(default_factory=Counter)
    wall: float = 0.0
    slowest: list[tuple[float, str]] = field(default_factory=list)
    unreadable_sources: int = 0
    empty_sources: list[str] = field(default_factory=list)  # why a SOURCE gave no input

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def rate(self) -> float:
        return self.total / self.wall if self.wall > 0 else 0.0

    @property
    def exit_code(self) -> int:
        """0: every input ok (or skipped); 1: any invalid or error; 2: a source unreadable
        or giving no input at all (as `newsml validate`: a gate must not pass on nothing)."""
        if self.unreadable_sources or self.empty_sources:
            return 2
        return 1 if self.counts["invalid"] or self.counts["error"] else 0


Progress = Callable[[dict[str, Any], int, "int | None"], None]


def options_key(options: Any, date_now: bool = False) -> str:
    """What --resume compares. With ``--date now`` the date is the word "now", not the
    clock's value: resuming that run must not convert everything again (each output keeps
    the time of the run that wrote it)."""
    from newsml_tools import __version__

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if date_now:
        options = dataclasses.replace(options, date="now")
    blob = f"{__version__}\n{options!r}\nSOURCE_DATE_EPOCH={epoch}"
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


def _is_zip_dest(dest: str) -> bool:
    return dest.lower().endswith(".zip")


def default_report_path(dest: str) -> str:
    if _is_zip_dest(dest):
        return dest[: -len(".zip")] + ".report.jsonl"
    return os.path.join(dest, REPORT_NAME)


def _clean_temp_files(dest: str) -> int:
    removed = 0
    for dirpath, _dirs, files in os.walk(dest):
        for name in files:
            if name.startswith(TEMP_PREFIX):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(os.path.join(dirpath, name))
                    removed += 1
    return removed


@contextlib.contextmanager
def _lock(path: str) -> Iterator[None]:
    try:  # O_NOFOLLOW: a symlink planted in DEST must not create or open a file elsewhere
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError as exc:
        raise BatchError(f"cannot lock DEST ({path}): {exc.strerror or exc}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BatchError(f"another `newsml batch` is writing to this DEST ({path})") from None
        yield
    finally:
        os.close(fd)


class _Inputs:
    """All sources as one stream of items: ids and output stems made unique."""

    def __init__(self, config: BatchConfig, manifest: Manifest | None) -> None:
        self.config = config
        self.manifest = manifest
        self.kinds = [(s, source_kind(s)) for s in config.sources]  # raises SourceError
        labels = [source_label(s) for s in config.sources]
        self.prefix: list[str] = [""] * len(labels)
        if len(labels) > 1:
            if len(set(labels)) != len(labels):
                raise SourceError("two SOURCEs have the same name; their outputs would mix: "
                                  + ", ".join(config.sources))
            self.prefix = [f"{label}/" for label in labels]
        self.filt = SourceFilter(tuple(config.include), tuple(config.exclude))
        self.limits = Limits(config.max_member_bytes, config.max_total_bytes)
        self.unreadable = 0
        self.empty: list[str] = []  # a message per SOURCE that gave no input
        self.zip_dest = _is_zip_dest(config.dest)
        dest = os.path.abspath(config.dest)
        report = _report_path(config)
        if self.zip_dest:
            self.exclude_dirs: list[str] = []
            self.exclude_files = [dest, dest + ".tmp", _zip_lock_path(dest), report]
        else:
            self.exclude_dirs = [dest]
            self.exclude_files = [report]
        self.dest_real = os.path.realpath(dest)
        self.suffixes = tuple((config.suffixes or {}).values())

    def _dir_excludes(self, src: str) -> dict[str, Any]:
        """What a directory source leaves out: DEST's own files and, when DEST is the
        source folder (or holds it), files with the output suffixes (earlier outputs)."""
        excludes: dict[str, Any] = {"exclude_dirs": self.exclude_dirs,
                                    "exclude_files": self.exclude_files}
        if not self.zip_dest:
            src_real = os.path.realpath(src)
            if os.path.commonpath([src_real, self.dest_real]) == self.dest_real:
                excludes["exclude_suffixes"] = self.suffixes
        return excludes

    def count(self) -> int | None:
        total = 0
        for src, kind in self.kinds:
            if kind == "dir":
                total += count_directory(src, self.filt, **self._dir_excludes(src))
            elif kind == "jsonl":
                total += count_jsonl(src)
            elif kind == "zip":
                n = count_zip(src, self.filt)
                if n is None:
                    return None
                total += n
            else:
                return None  # a compressed tar stream: unknown without reading it all
        return total

    def _raw(self) -> Iterator[tuple[str, InputItem]]:
        for (src, kind), prefix in zip(self.kinds, self.prefix, strict=True):
            if kind == "dir":
                it = iter_directory(src, self.filt, self.limits, **self._dir_excludes(src))
            elif kind == "zip":
                it = iter_zip(src, self.filt, self.limits)
            elif kind == "tar":
                it = iter_tar(src, self.filt, self.limits)
            else:
                it = iter_jsonl(src, self.limits)
            found = False
            for item in it:
                found = True
                yield prefix, item
            if not found:
                self.empty.append(self._nothing_in(src, kind))

    def _nothing_in(self, src: str, kind: str) -> str:
        if kind == "jsonl":
            return f"{src}: no record in this file (it is empty or blank)"
        where = "file in this folder" if kind == "dir" else "member of this archive"
        return (f"{src}: no {where} matches --include ({', '.join(self.config.include)})"
                + (" and is not --exclude'd" if self.config.exclude else ""))

    def __iter__(self) -> Iterator[InputItem]:
        # one 64-bit digest per output name (~70 bytes per input, not the strings): two
        # inputs with the same id necessarily share an output name, so this also catches
        # duplicate ids (a zip may hold the same name twice). The names compared are the
        # ones written (in a .zip DEST non-UTF-8 bytes become U+FFFD), ignoring case (a
        # case-insensitive file system, or unzipping on one, would merge them).
        stems: set[int] = set()
        zip_dest = self.zip_dest
        for prefix, item in self._raw():
            if item.unreadable:
                self.unreadable += 1
            item.id = prefix + item.id
            if item.stem is not None:
                item.stem = prefix + item.stem
            if item.stem is not None and item.stem.rsplit("/", 1)[-1].startswith(".newsml-"):
                item.error = f"output name {item.stem!r} is reserved for newsml's own files"
                item.stem, item.data, item.path = None, None, None
            if item.stem is not None:
                name = (_zip_name(item.stem) if zip_dest and not item.stem.isascii()
                        else item.stem)
                key = _digest(name.lower())
                if key in stems and item.renamable:
                    name, key = _disambiguate(item, stems, zip_dest)
                if key in stems:
                    where = " in the zip" if name != item.stem else ""
                    item.error = ("its outputs would overwrite those of an earlier input "
                                  f"(same output name {name!r}{where}, ignoring case)")
                    item.stem, item.data, item.path = None, None, None
                else:
                    stems.add(key)
            if self.manifest is not None and item.error is None and item.skip is None:
                item.prior = self.manifest.prior(item.id)
            yield item


def _disambiguate(item: InputItem, taken: set[int], zip_dest: bool) -> tuple[str, int]:
    """A JSON Lines record whose id-made name is taken (``id/1`` and ``id:1`` both make
    ``id_1``; ``abc`` and ``ABC`` meet on a case-insensitive file system) gets the stem
    ``<name>~<first 8 hex of sha256(id)>``: deterministic, so --resume finds it again.
    Returns the name and key to use (still taken only in a contrived case: an error)."""
    assert item.stem is not None
    tag = hashlib.sha256(item.id.encode("utf-8", "surrogatepass")).hexdigest()
    name, key = item.stem, 0
    for width in (8, 16, 64):
        stem = f"{item.stem}~{tag[:width]}"
        name = _zip_name(stem) if zip_dest else stem
        key = _digest(name.lower())
        if key not in taken:
            item.stem = stem
            break
    return name, key


def _digest(text: str) -> int:
    raw = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(raw, "big")


def _chunks(items: Iterator[InputItem], size: int) -> Iterator[list[InputItem]]:
    """Chunks of 1, 2, 4, ... up to ``size`` inputs: the first ones reach every worker at
    once (a batch of a few dozen inputs is not left to one worker), the later large ones
    keep the round trips per input low."""
    chunk: list[InputItem] = []
    target = 1
    for item in items:
        chunk.append(item)
        if len(chunk) >= target:
            yield chunk
            chunk = []
            target = min(size, target * 2)
    if chunk:
        yield chunk


def run_batch(config: BatchConfig, progress: Progress | None = None) -> BatchResult:
    """Convert every input of ``config.sources`` into ``config.dest``; see the module doc."""
    if config.suffixes is None:
        from newsml_tools.convert import OUTPUT_SUFFIX

        config.suffixes = dict(OUTPUT_SUFFIX)
    if config.engine not in ("local", "dask"):
        raise BatchError(f"unknown engine {config.engine!r} (local or dask)")
    if config.jobs < 1:
        raise BatchError("-j must be at least 1")
    if config.engine == "dask":
        engines.check_dask(config.scheduler)  # the extra, the address: usage errors
    inputs = _Inputs(config, None)  # SourceError now, before DEST is touched
    zip_dest = _is_zip_dest(config.dest)
    dest = os.path.abspath(config.dest)
    report_path = _report_path(config)
    _check_dest(dest, config)
    lock_path = _zip_lock_path(dest) if zip_dest else os.path.join(dest, LOCK_NAME)
    # BatchError now, not after the whole run (and before DEST is created)
    _check_report_path(report_path, dest, zip_dest, lock_path, config)
    t0 = time.perf_counter()
    ctx = _work_context(config, dest, zip_dest)
    chunks = _chunks(iter(inputs), config.chunk_size)  # (lazy: inputs.manifest is set later)
    # the dask engine connects now: a scheduler that cannot be reached leaves DEST (and
    # the journal of the previous run, for --resume) untouched
    stream = _engine_stream(config, ctx, chunks)
    try:
        _make_dest(config, dest, zip_dest)
        _check_report_writable(report_path)
        locked = False
        try:
            with _lock(lock_path):
                locked = True
                return _run_locked(config, inputs, stream, dest, report_path, zip_dest,
                                   progress, t0)
        finally:
            if zip_dest and locked:  # also after a failure (a folder DEST keeps its lock)
                with contextlib.suppress(OSError):
                    os.unlink(lock_path)
    finally:
        stream.close()  # (idempotent: the run closes it as soon as it stops)


def _make_dest(config: BatchConfig, dest: str, zip_dest: bool) -> None:
    try:
        if zip_dest:
            Path(dest).parent.mkdir(parents=True, exist_ok=True)
        else:
            Path(dest).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BatchError(f"cannot create DEST {config.dest}: {exc.strerror or exc}") from None


def _zip_lock_path(dest: str) -> str:
    """``out.zip`` -> ``.out.zip.newsml-batch.lock`` next to it."""
    return os.path.join(os.path.dirname(dest), f".{os.path.basename(dest)}{LOCK_NAME}")


def _work_context(config: BatchConfig, dest: str, zip_dest: bool) -> WorkContext:
    assert config.suffixes is not None
    now = config.options.date if config.date_now else None
    return WorkContext(options=config.options, formats=tuple(config.options.formats),
                       suffixes=config.suffixes,
                       options_key=options_key(config.options, config.date_now),
                       dest=None if zip_dest else dest, convert=config.convert,
                       max_member_bytes=config.max_member_bytes,
                       env=tuple((k, os.environ.get(k)) for k in CONVERTER_ENV),
                       run_id=f"{os.getpid()}-{time.time_ns()}",
                       # "date": "now" in a record: one time for the run, as --date now
                       now=now or datetime.now(timezone.utc).replace(microsecond=0))


def _engine_stream(config: BatchConfig, ctx: WorkContext,
                   chunks: Iterator[list[InputItem]]) -> Any:
    """The engine's records, chunk by chunk; ``close()`` stops it."""
    if config.engine == "dask":
        return engines.map_dask(chunks, ctx, config.jobs, config.scheduler,
                                notify=config.notify)
    if config.jobs == 1:
        return engines.map_serial(chunks, ctx)
    return engines.map_processes(chunks, ctx, config.jobs)


def _run_locked(config: BatchConfig, inputs: _Inputs, stream: Any, dest: str,
                report_path: str, zip_dest: bool, progress: Progress | None,
                t0: float) -> BatchResult:
    manifest = None
    zip_tmp = dest + ".tmp"
    if zip_dest:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(zip_tmp)
    else:
        _clean_temp_files(dest)
        manifest = Manifest(os.path.join(dest, MANIFEST_NAME), resume=config.resume)
    report_dir = os.path.dirname(report_path)
    if zip_dest or os.path.commonpath([report_dir, dest]) != dest:
        _clean_report_temps(report_path)  # (inside a folder DEST: cleaned just above)
    inputs.manifest = manifest if config.resume else None
    total = inputs.count() if config.count_total else None

    result = BatchResult(dest=config.dest, report=report_path)
    slow: list[tuple[float, str]] = []
    rfd, report_tmp = _mkstemp(report_dir, _report_temp_prefix(report_path))
    zf = zipfile.ZipFile(zip_tmp, "w", zipfile.ZIP_DEFLATED) if zip_dest else None
    done = 0
    interrupted: KeyboardInterrupt | None = None
    failed: OSError | engines.EngineError | None = None
    published = False
    try:
        with os.fdopen(rfd, "wb") as report_fh:
            try:
                for records in stream:
                    for rec in records:
                        _record(rec, report_fh, manifest, zf, result, slow)
                        done += 1
                        if progress is not None:
                            progress(rec, done, total)
                    if manifest is not None:
                        manifest.sync()
            except KeyboardInterrupt as exc:  # Ctrl-C, SIGTERM, SIGHUP
                if zf is not None:
                    raise  # a .zip DEST is all or nothing: no outputs, so no report
                interrupted = exc
                stream.close()  # the pool finishes its tasks; their records are dropped
            except (OSError, engines.EngineError) as exc:
                # the journal (or the report) cannot be written; the Dask scheduler is lost
                if zf is not None:
                    raise
                failed = exc  # stop, and still publish the records so far if possible
                stream.close()
            report_fh.flush()
            os.fsync(report_fh.fileno())
        if zf is not None:
            zf.close()
            zf = None
            _publish_mode(zip_tmp)
            os.replace(zip_tmp, dest)
        else:
            _sync_filesystem(dest)  # outputs durable before the report claims them
        _publish_mode(report_tmp)
        os.replace(report_tmp, report_path)
        published = True
        if manifest is not None and interrupted is None and failed is None:
            manifest.compact()  # (an interrupted run keeps the older lines for --resume)
    except OSError:
        if failed is None:
            raise
        # the records so far could not be published either: the first failure is the news
    finally:
        # every step runs even if an earlier one fails (a full disk fails zf.close too)
        _all_steps(
            stream.close,  # stop the engine now (pool shut down), not when collected
            # still open only on failure: the zip is abandoned, its close may fail again
            (lambda: _abandon_zip(zf, zip_tmp)) if zf is not None else None,
            lambda: _unlink_quietly(report_tmp),
            (manifest.close if failed is None else lambda: _quietly(manifest.close))
            if manifest is not None else None,
        )
    result.unreadable_sources = inputs.unreadable
    result.empty_sources = list(inputs.empty)
    result.slowest = sorted(slow, reverse=True)
    result.wall = time.perf_counter() - t0
    if interrupted is not None:
        raise BatchInterrupted(result, interrupted) from interrupted
    if isinstance(failed, engines.EngineError):
        raise BatchEngineError(result, failed, published) from failed
    if failed is not None:
        raise BatchWriteError(result, failed, published) from failed
    return result


def _record(rec: dict[str, Any], report_fh: Any, manifest: Manifest | None,
            zf: zipfile.ZipFile | None, result: BatchResult,
            slow: list[tuple[float, str]]) -> None:
    """One finished input: its outputs into a .zip DEST, its line into the report and the
    journal, its status into the counts."""
    payload = rec.pop("_data", None)
    if zf is not None and payload:
        for name, data in payload:
            safe = _zip_name(name)
            if safe != name:  # the report names what is in the zip
                rec["outputs"] = [safe if o == name else o for o in rec.get("outputs", [])]
            info = zipfile.ZipInfo(safe, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    extra = {k: rec.pop(k) for k in MANIFEST_ONLY if k in rec}
    line = json.dumps(rec, ensure_ascii=False)
    report_fh.write(_utf8(line) + b"\n")
    if manifest is not None:  # the report line plus what resume checks
        manifest.append_line(
            line[:-1] + ", " + json.dumps(extra, ensure_ascii=False)[1:] if extra else line)
    result.counts[rec["status"]] += 1
    item = (rec.get("seconds", 0.0), rec["id"])
    if len(slow) < 5:
        heapq.heappush(slow, item)
    else:
        heapq.heappushpop(slow, item)


def _all_steps(*steps: Callable[[], object] | None) -> None:
    """Run every step, even after one raised; then raise the first failure."""
    first: BaseException | None = None
    for step in steps:
        if step is None:
            continue
        try:
            step()
        except BaseException as exc:
            if first is None:
                first = exc
    if first is not None:
        raise first


def _abandon_zip(zf: zipfile.ZipFile, zip_tmp: str) -> None:
    with contextlib.suppress(Exception):
        zf.close()
    _unlink_quietly(zip_tmp)


def _quietly(step: Callable[[], object]) -> None:
    """A clean-up step after a write failure: the same failure again is no news."""
    with contextlib.suppress(OSError):
        step()


def _unlink_quietly(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def _sync_filesystem(path: str) -> None:
    """syncfs(2) on Linux (only DEST's filesystem), else sync(2)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        fd = os.open(path, os.O_RDONLY)
        try:
            if libc.syncfs(fd) == 0:
                return
        finally:
            os.close(fd)
    except (OSError, AttributeError):
        pass
    os.sync()


def _publish_mode(path: str) -> None:
    """mkstemp makes 0600 files; give the report the usual umask-based mode."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def _zip_name(name: str) -> str:
    """Zip member names are UTF-8: bytes of a non-UTF-8 file name become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _utf8(json_line: str) -> bytes:
    """A lone surrogate (a file name that is not UTF-8) becomes its JSON escape (\\udcff),
    which json.loads turns back into the same str: the record is kept, resume still matches."""
    return json_line.encode("utf-8", "backslashreplace")


def _report_path(config: BatchConfig) -> str:
    return os.path.abspath(config.report or default_report_path(config.dest))


def _check_report_path(report_path: str, dest: str, zip_dest: bool, lock_path: str,
                       config: BatchConfig) -> None:
    """The report must not be DEST, one of newsml's own files, an article output or a
    SOURCE: it is renamed over whatever is there at the end of the run."""
    if report_path == dest or os.path.isdir(report_path):
        raise BatchError(f"the report {report_path} is a folder (or DEST itself); "
                         "give --report a file name")
    real = os.path.realpath(report_path)
    if zip_dest:
        own = real in {os.path.realpath(p) for p in (dest + ".tmp", lock_path)}
    else:
        dest_real = os.path.realpath(dest)
        name = os.path.basename(real).lower()
        own = os.path.commonpath([real, dest_real]) == dest_real and (
            name.startswith(".newsml-")
            or name.endswith(tuple(s.lower() for s in (config.suffixes or {}).values())))
    if own:
        raise BatchError(f"the report {report_path} would replace one of newsml's own files "
                         "or an article output in DEST; give --report another name")
    filt = SourceFilter(tuple(config.include), tuple(config.exclude))
    # the name replaced is the report path itself (a symlink there is replaced, not what it
    # points to): look at it as given, and as resolved, in every folder SOURCE
    parent = os.path.realpath(os.path.dirname(report_path))
    as_named = os.path.join(parent, os.path.basename(report_path))
    for src in config.sources:
        src_real = os.path.realpath(src)
        if real == src_real:
            raise BatchError(f"the report {report_path} would replace a SOURCE")
        if not os.path.isdir(src_real) or not os.path.lexists(as_named):
            continue
        for where in {as_named, real}:
            if (os.path.commonpath([where, src_real]) == src_real
                    and filt.wanted(os.path.relpath(where, src_real).replace(os.sep, "/"))
                    and not _is_report(as_named)):
                raise BatchError(f"the report {report_path} would replace an article of "
                                 f"the SOURCE {src}; give --report another name")


def _is_report(path: str) -> bool:
    """Whether ``path`` is a report an earlier run wrote (its first line a record), not an
    article that happens to match the SOURCE's --include."""
    try:
        with open(path, "rb") as fh:
            first = json.loads(fh.readline() or b"null")
    except (OSError, ValueError):
        return False
    return isinstance(first, dict) and {"id", "status"} <= first.keys()


def _check_dest(dest: str, config: BatchConfig) -> None:
    """A .zip DEST is written as DEST.tmp and renamed over DEST at the end: never over a
    SOURCE archive (its articles would be gone). (A folder DEST may be a SOURCE folder.)"""
    if not _is_zip_dest(dest):
        return
    real = os.path.realpath(dest)
    for src in config.sources:
        if real == os.path.realpath(src):
            raise BatchError(f"DEST {dest} is also a SOURCE: its articles would be "
                             "replaced by the outputs; give another DEST")


def _check_report_writable(report_path: str) -> None:
    """The report is renamed into place at the very end: make sure that can work."""
    try:
        Path(report_path).parent.mkdir(parents=True, exist_ok=True)
        fd, probe = _mkstemp(os.path.dirname(report_path))
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise BatchError(f"cannot write the report {report_path}: "
                         f"{exc.strerror or exc}") from None


def _report_temp_prefix(report_path: str) -> str:
    """Temp names of this report only (``.newsml-tmp-report-<hash>-``): a run cleans
    what a killed run left next to its report without touching another run's files in a
    shared folder (DEST's lock makes the report path this run's)."""
    tag = hashlib.blake2b(os.path.basename(report_path).encode("utf-8", "surrogateescape"),
                          digest_size=4).hexdigest()
    return f"{TEMP_PREFIX}report-{tag}-"


def _clean_report_temps(report_path: str) -> int:
    """Remove this report's temp files a killed run left (regular files only; a symlink
    is never followed nor removed)."""
    prefix = _report_temp_prefix(report_path)
    removed = 0
    try:
        entries = os.scandir(os.path.dirname(report_path))
    except OSError:
        return 0
    with entries:
        for entry in entries:
            try:
                if entry.name.startswith(prefix) and entry.is_file(follow_symlinks=False):
                    os.unlink(entry.path)
                    removed += 1
            except OSError:
                continue
    return removed


def _mkstemp(directory: str, prefix: str = TEMP_PREFIX) -> tuple[int, str]:
    import tempfile

    return tempfile.mkstemp(prefix=prefix, dir=directory)
