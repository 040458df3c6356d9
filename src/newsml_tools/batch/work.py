"""The per-article work, run in worker processes (or in-process with ``-j 1``).

``process_chunk(items, ctx)`` is the only thing an engine maps: it takes ``InputItem``s
and returns one report record (a plain dict) per item, in order. It never raises for a
bad input. For a directory DEST the worker writes its own outputs atomically (no output
bytes travel back to the parent); for a ``.zip`` DEST it returns the bytes instead and
the parent writes the archive.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import os
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from newsml_tools.atomic import write_file_atomic
from newsml_tools.batch.sources import DEFAULT_MAX_MEMBER_BYTES, InputItem

STATUSES = ("ok", "invalid", "error", "skipped")
RESUME_REASON = "unchanged since the previous run (--resume): input and outputs verified"

ConvertFn = Callable[..., Any]  # (text, options, *, source_name) -> Conversion


def default_convert(text: str, options: Any, *, source_name: str) -> Any:
    """The real converter, imported lazily (workers import it once, on first use)."""
    from newsml_tools.convert import convert_text

    return convert_text(text, options, source_name=source_name)


@dataclasses.dataclass(frozen=True, slots=True)
class WorkContext:
    """Everything a worker needs; picklable (the convert function by qualified name)."""

    options: Any  # ConvertOptions for the whole batch; per-record fields override it
    formats: tuple[str, ...]
    suffixes: dict[str, str]  # format -> output suffix (OUTPUT_SUFFIX)
    options_key: str  # fingerprint of options + package version, for --resume
    dest: str | None = None  # a directory DEST: workers write there; None: return bytes
    convert: ConvertFn = default_convert
    max_member_bytes: int = DEFAULT_MAX_MEMBER_BYTES
    # environment the converter reads, carried to workers that do not inherit the
    # driver's environment (a remote Dask cluster); None means unset
    env: tuple[tuple[str, str | None], ...] = ()
    run_id: str = ""  # unique per batch run: scopes per-process caches to one run
    now: datetime | None = None  # the run's time, for a record's "date": "now" (as --date now)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_text(data: bytes) -> str:
    """UTF-8, with or without BOM. Anything else raises ``UnicodeDecodeError`` (the
    input becomes an ``error`` record: guessing an encoding would silently garble names)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\0")
    if nul >= 0:  # valid UTF-8 but never text (BOM-less UTF-16): refused, as convert does
        raise UnicodeDecodeError("utf-8", data, nul, nul + 1, "a NUL byte")
    return data.decode("utf-8")


def finding_to_dict(f: Any) -> dict[str, Any]:
    if dataclasses.is_dataclass(f):
        d = {name: getattr(f, name) for name in _field_names(type(f))}
    else:  # pragma: no cover - tolerate a mapping from a stand-in converter
        d = dict(f)
    sev = d.get("severity")
    if sev is not None:
        d["severity"] = getattr(sev, "value", sev)
    return d


@functools.lru_cache(maxsize=8)
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(fld.name for fld in dataclasses.fields(cls))


def record_options_key(base_key: str, overrides: dict[str, Any]) -> str:
    if not overrides:
        return base_key
    blob = json.dumps([base_key, overrides], sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


def effective_options(options: Any, overrides: dict[str, Any],
                      now: datetime | None = None) -> Any:
    if not overrides:
        return options
    from newsml_tools.convert import parse_date  # same rules as --date (no zone = UTC)

    changes: dict[str, Any] = {}
    for key, value in overrides.items():
        if key == "date" and value == "now":  # one time for the whole run, as --date now
            changes["date"] = now or datetime.now(timezone.utc).replace(microsecond=0)
        elif key == "date":
            try:
                changes["date"] = parse_date(value)
            except ValueError as exc:
                raise ValueError(f'"date": {exc}') from None
        else:
            changes[key] = value
    return dataclasses.replace(options, **changes)


def _new_record(item: InputItem) -> dict[str, Any]:
    return {"id": item.id, "source": item.source, "status": "error", "outputs": [],
            "sha256": None, "findings": []}


def _output_names(item: InputItem, ctx: WorkContext) -> list[tuple[str, str]]:
    assert item.stem is not None
    return [(fmt, item.stem + ctx.suffixes[fmt]) for fmt in ctx.formats]


def _outside_dest(item: InputItem, ctx: WorkContext) -> bool:
    """Whether this input's outputs would land outside DEST through a symlinked folder
    that already exists in DEST (writes and stale-output removal both follow it)."""
    if ctx.dest is None or item.stem is None or os.sep not in os.path.normpath(item.stem):
        return False
    return _folder_outside(ctx.run_id, ctx.dest, os.path.dirname(item.stem))


@functools.lru_cache(maxsize=4096)
def _folder_outside(run_id: str, dest: str, folder: str) -> bool:
    """Cached per process: a batch writes hundreds of files per folder, and resolving
    every path component twice per input cost more than writing the outputs. (A symlink
    swapped in by someone who can write to DEST during the run was never preventable by
    a check before the write; it is about folders already there.) Keyed by the run, so a
    long-lived worker (Dask) never reuses an answer from an earlier batch."""
    root = os.path.realpath(dest)
    where = os.path.realpath(os.path.join(dest, folder))
    return os.path.commonpath([root, where]) != root


def _suffix_format(ctx: WorkContext, suffix: str) -> str | None:
    return next((fmt for fmt, s in ctx.suffixes.items() if s == suffix), None)


def _remove_stale(item: InputItem, ctx: WorkContext, keep: set[str]) -> None:
    """Outputs a previous run left for this input that this run does not produce: this
    run's formats, and with --resume what the journal says that run wrote under other
    formats (``--to`` narrowed), if still what it wrote (a file edited since is kept).
    Outputs under another name (before or after a clash renamed the input) are left:
    another input of this run may hold that name now."""
    if ctx.dest is None or item.stem is None or _outside_dest(item, ctx):
        return
    for _fmt, name in _output_names(item, ctx):
        if name not in keep:
            with contextlib.suppress(FileNotFoundError, IsADirectoryError, NotADirectoryError):
                os.unlink(os.path.join(ctx.dest, name))
    hashes = item.prior.get("output_sha256") if item.prior else None
    if not isinstance(hashes, dict):
        return
    # only this input's own stem with another format's suffix: any other name in the
    # journal (the plain name before a clash renamed it, a "~<hash>" name it had) may be
    # another input's in this run -- an id can even be spelt "ABC~b5d4045c"
    for name in hashes:
        if name in keep or not isinstance(name, str) or not name.startswith(item.stem):
            continue
        tail = name[len(item.stem):]
        fmt = _suffix_format(ctx, tail)
        if fmt is None or fmt in ctx.formats:
            continue  # not an output name of this stem, or this run's own format
        path = os.path.join(ctx.dest, name)
        try:
            with open(path, "rb") as fh:
                same = sha256_hex(fh.read()) == hashes[name]
            if same:
                os.unlink(path)
        except OSError:
            continue


def _resume_hit(item: InputItem, ctx: WorkContext, sha: str, key: str,
                rec: dict[str, Any]) -> bool:
    prior = item.prior
    if (ctx.dest is None or not prior or prior.get("status") not in ("ok", "skipped")
            or prior.get("sha256") != sha or prior.get("options_key") != key):
        return False
    hashes: dict[str, str] = prior.get("output_sha256") or {}
    expected = [name for _fmt, name in _output_names(item, ctx)]
    if set(hashes) != set(expected):
        return False
    for name, digest in hashes.items():
        try:
            data = Path(ctx.dest, name).read_bytes()
        except OSError:
            return False
        if sha256_hex(data) != digest:
            return False
    rec.update(status="skipped", outputs=expected, findings=prior.get("findings", []),
               reason=RESUME_REASON, output_sha256=hashes)
    return True


def _read_input(item: InputItem, max_bytes: int) -> bytes:
    if item.data is not None:
        return item.data
    assert item.path is not None
    # item.path is already resolved (symlinks vetted by the source): refuse a symlink
    # swapped in since then, and re-check the size cap in case the file grew.
    fd = os.open(item.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _TooBig(f"file is over the {max_bytes}-byte limit (--max-member-bytes)")
    return data


class _TooBig(Exception):
    pass


def process_one(item: InputItem, ctx: WorkContext) -> dict[str, Any]:
    """Convert one input; the returned record is what the report and manifest hold."""
    t0 = time.perf_counter()
    if ctx.env:
        apply_env(ctx)
    rec = _new_record(item)
    try:
        _process(item, ctx, rec)
    except Exception as exc:  # a bug (ours or the converter's): record it, carry on
        rec.update(status="error", error=f"{type(exc).__name__}: {exc}")
        rec.pop("_data", None)
    rec["seconds"] = round(time.perf_counter() - t0, 6)
    return rec


def _process(item: InputItem, ctx: WorkContext, rec: dict[str, Any]) -> None:
    if item.skip is not None:
        rec.update(status="skipped", reason=item.skip)
        return
    if _outside_dest(item, ctx):
        rec["error"] = ("refused: its output folder in DEST is a symlink leading outside "
                        "DEST")
        return
    if item.error is not None:
        rec["error"] = located(item, item.error)
        _remove_stale(item, ctx, set())
        return
    try:
        data = _read_input(item, ctx.max_member_bytes)
    except OSError as exc:
        rec["error"] = f"cannot read: {exc.strerror or exc}"
        return
    except _TooBig as exc:
        rec["error"] = str(exc)
        _remove_stale(item, ctx, set())
        return
    sha = sha256_hex(data)
    rec["sha256"] = sha
    key = record_options_key(ctx.options_key, item.overrides)
    rec["options_key"] = key
    if _resume_hit(item, ctx, sha, key, rec):
        return
    try:
        text = decode_text(data)
    except UnicodeDecodeError as exc:
        rec["error"] = (f"not valid UTF-8 (byte {exc.start}: {data[exc.start:exc.start + 4]!r}); "
                        "re-encode the input as UTF-8")
        _remove_stale(item, ctx, set())
        return
    try:
        options = effective_options(ctx.options, item.overrides, ctx.now)
    except ValueError as exc:
        rec["error"] = located(item, str(exc))
        _remove_stale(item, ctx, set())
        return
    try:
        conv = ctx.convert(text, options, source_name=item.id)
    except Exception as exc:
        rec["error"] = f"converter raised {type(exc).__name__}: {exc} (a bug, please report)"
        _remove_stale(item, ctx, set())
        return
    rec["findings"] = [finding_to_dict(f) for f in conv.findings]
    written: dict[str, str] = {}
    payload: list[tuple[str, bytes]] = []
    for fmt, name in _output_names(item, ctx):
        out = conv.outputs.get(fmt)
        if out is None:
            continue
        if ctx.dest is not None:
            try:
                write_file_atomic(os.path.join(ctx.dest, name), out)
            except OSError as exc:  # a name too long, a full disk ...: none of its outputs
                _undo_outputs(item, ctx, written)
                rec["error"] = f"cannot write {name}: {exc.strerror or exc}"
                return
        else:
            payload.append((name, out))
        written[name] = sha256_hex(out)
    _remove_stale(item, ctx, set(written))
    rec["outputs"] = list(written)
    rec["output_sha256"] = written
    rec["status"] = "ok" if conv.ok else "invalid"
    if payload:
        rec["_data"] = payload


def located(item: InputItem, message: str) -> str:
    """``message`` about ``item``, followed by the file and line of a JSON Lines record
    that has its own id (an id made from the line, ``feed.jsonl:4``, names it already)."""
    if item.line is None:
        return message
    return f"{message} ({os.path.basename(item.source)}, line {item.line})"


def _undo_outputs(item: InputItem, ctx: WorkContext, written: dict[str, str]) -> None:
    """An input whose outputs could not all be written keeps none: those written so far
    in this run, and what an earlier run left for it (as for any input that fails)."""
    assert ctx.dest is not None
    for name in written:
        with contextlib.suppress(OSError):
            os.unlink(os.path.join(ctx.dest, name))
    with contextlib.suppress(OSError):
        _remove_stale(item, ctx, set())


def apply_env(ctx: WorkContext) -> None:
    for key, value in ctx.env:
        if value is None:
            os.environ.pop(key, None)
        elif os.environ.get(key) != value:
            os.environ[key] = value


def process_chunk(items: Sequence[InputItem], ctx: WorkContext) -> list[dict[str, Any]]:
    return [process_one(item, ctx) for item in items]
