"""Where batch inputs come from: directories, zip, tar (any compression) and JSON Lines.

Every source is iterated lazily and yields ``InputItem``s one at a time, so memory stays
bounded whatever the size of the archive: a directory item carries only its path (the
worker reads it), an archive member is read (bounded by ``max_member_bytes``) just before
it is yielded, a JSON Lines record is read one line at a time.

Problems with one input never stop the iteration: an unsafe archive member name
(``../x``, ``/etc/x``), a member over the size cap, a bad JSON line ... become items that
carry an ``error`` (or a ``skip`` reason for links and device files); the engine turns
them into report records like any other input.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import stat
import tarfile
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_INCLUDE = ("*.txt",)
# always left out: macOS AppleDouble companions ("._story.txt" is not an article)
ALWAYS_EXCLUDE = ("._*", "__MACOSX/*")
DEFAULT_MAX_MEMBER_BYTES = 16 * 1024 * 1024  # per input
DEFAULT_MAX_TOTAL_BYTES = 8 * 1024 * 1024 * 1024  # per archive, uncompressed
MAX_COMPRESSION_RATIO = 200  # a zip member expanding more than this is treated as a bomb
RATIO_MIN_BYTES = 1024 * 1024  # ... once it is at least this big (tiny members compress well)

TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
RECORD_OVERRIDES = ("date", "lang", "provider", "guid")


class SourceError(Exception):
    """A SOURCE argument that cannot be used at all (missing, unsupported kind)."""


@dataclass(slots=True)
class InputItem:
    """One article to convert (or one input that already failed / is skipped).

    ``id`` is stable across runs and unique in a batch; ``stem`` is the output path under
    DEST without the format suffix (``a/b/story`` for ``a/b/story.txt``).
    Exactly one of ``data`` / ``path`` is set for a convertible item.
    """

    id: str
    source: str
    stem: str | None = None
    data: bytes | None = None
    path: str | None = None  # a file in a source directory, read by the worker
    overrides: dict[str, Any] = field(default_factory=dict)  # per-record options (jsonl)
    error: str | None = None  # already failed: becomes an "error" record
    skip: str | None = None  # not an article: becomes a "skipped" record with this reason
    prior: dict[str, Any] | None = None  # manifest entry of a previous run (--resume)
    unreadable: bool = False  # the whole source (or its rest) could not be read: exit 2


@dataclass(frozen=True, slots=True)
class SourceFilter:
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()

    def wanted(self, rel: str) -> bool:
        return (_matches(rel, self.include) and not _matches(rel, self.exclude)
                and not _matches(rel, ALWAYS_EXCLUDE))


@dataclass(frozen=True, slots=True)
class Limits:
    max_member_bytes: int = DEFAULT_MAX_MEMBER_BYTES
    max_total_bytes: int = DEFAULT_MAX_TOTAL_BYTES


def _matches(rel: str, patterns: Sequence[str]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    for pat in patterns:
        if fnmatch.fnmatchcase(rel, pat):
            return True
        if "/" not in pat and fnmatch.fnmatchcase(name, pat):
            return True
    return False


def source_kind(path: str | os.PathLike[str]) -> str:
    """``dir``, ``zip``, ``tar`` or ``jsonl``; raises ``SourceError`` for anything else."""
    p = Path(path)
    if not os.path.lexists(p):
        raise SourceError(f"{path}: no such file or directory")
    if p.is_dir():
        return "dir"
    name = p.name.lower()
    if name.endswith(".jsonl") or name.endswith(".ndjson"):
        return "jsonl"
    if name.endswith(".zip"):
        return "zip"
    if name.endswith(TAR_SUFFIXES):
        return "tar"
    raise SourceError(
        f"{path}: unsupported source (expected a directory, .zip, .tar[.gz|.bz2|.xz], .tgz "
        "or .jsonl)"
    )


def source_label(path: str | os.PathLike[str]) -> str:
    """A folder name for a source's outputs when several sources share one DEST."""
    name = Path(path).resolve().name
    lower = name.lower()
    for suffix in (*TAR_SUFFIXES, ".zip", ".jsonl", ".ndjson"):
        if lower.endswith(suffix):
            return name[: -len(suffix)] or name
    return name


def safe_member_name(name: str) -> str | None:
    """The normalised relative POSIX path of an archive member, or None if unsafe.

    Refused: absolute paths (``/x``, ``C:\\x``, ``\\\\server``), any ``..`` component,
    NUL bytes, and names that normalise to nothing.
    """
    if not name or "\x00" in name:
        return None
    unified = name.replace("\\", "/")
    if unified.startswith("/") or re.match(r"^[A-Za-z]:", unified):
        return None
    parts = [p for p in unified.split("/") if p not in ("", ".")]
    if not parts or any(p == ".." for p in parts):
        return None
    return "/".join(parts)


def output_stem(rel: str) -> str:
    """``a/b/story.txt`` -> ``a/b/story`` (the last extension only; none -> unchanged)."""
    # plain string work: pathlib would intern every file name of the archive
    head, _sep, name = rel.rpartition("/")
    dot = name.rfind(".")
    if dot <= 0 or dot == len(name) - 1:  # no suffix, ".hidden", "trailing."
        return rel
    return f"{head}/{name[:dot]}" if head else name[:dot]


_UNSAFE_CHARS = re.compile(r"[^A-Za-z0-9._-]+")


def _safe_file_name(text: str) -> str:
    cleaned = _UNSAFE_CHARS.sub("_", text).strip("._") or "record"
    return cleaned[:200]


# --------------------------------------------------------------------------- directories


def iter_directory(root: str, filt: SourceFilter, limits: Limits, *,
                   exclude_dirs: Sequence[str] = ()) -> Iterator[InputItem]:
    """Files under ``root`` (sorted, recursive). Symlinks are followed only when they
    resolve inside ``root``; symlinked directories are never descended into."""
    root_real = os.path.realpath(root)
    excluded = {os.path.realpath(d) for d in exclude_dirs}
    for dirpath, dirnames, filenames in os.walk(root_real, followlinks=False):
        keep = []
        for d in sorted(dirnames):
            full = os.path.join(dirpath, d)
            if os.path.islink(full):
                rel = os.path.relpath(full, root_real).replace(os.sep, "/")
                yield InputItem(id=rel + "/", source=root, skip="symlinked directory not followed")
            elif os.path.realpath(full) not in excluded:
                keep.append(d)
        dirnames[:] = keep
        for name in sorted(filenames):
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, root_real).replace(os.sep, "/")
            if name.startswith(".newsml-") or not filt.wanted(rel):
                continue
            item = InputItem(id=rel, source=root, stem=output_stem(rel))
            try:
                st = os.lstat(full)
            except OSError as exc:
                item.error = f"cannot stat: {exc.strerror}"
                yield item
                continue
            if stat.S_ISLNK(st.st_mode):
                target = os.path.realpath(full)
                if os.path.commonpath([root_real, target]) != root_real:
                    item.skip = "symlink pointing outside the source directory"
                    yield item
                    continue
                try:
                    st = os.stat(target)
                except OSError:
                    item.skip = "broken symlink"
                    yield item
                    continue
                full = target
            if not stat.S_ISREG(st.st_mode):
                item.skip = "not a regular file (device, fifo or socket)"
            elif st.st_size > limits.max_member_bytes:
                item.error = (f"file is {st.st_size} bytes, over the {limits.max_member_bytes}"
                              "-byte limit (--max-member-bytes)")
            else:
                item.path = full
            yield item


def count_directory(root: str, filt: SourceFilter, exclude_dirs: Sequence[str] = ()) -> int:
    return sum(1 for _ in iter_directory(root, filt, Limits(), exclude_dirs=exclude_dirs))


# --------------------------------------------------------------------------- archives


def _read_bounded(fh: Any, cap: int) -> bytes | None:
    """Read at most ``cap`` bytes; None if there is more (the stream is not drained)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        block = fh.read(min(1 << 20, cap + 1 - size))
        if not block:
            break
        chunks.append(block)
        size += len(block)
        if size > cap:
            return None
    return b"".join(chunks)


def _too_big(size: int, limits: Limits) -> str:
    return (f"member is {size} bytes, over the {limits.max_member_bytes}-byte limit "
            "(--max-member-bytes)")


def _total_exceeded(limits: Limits) -> str:
    return (f"archive expands to more than {limits.max_total_bytes} bytes "
            "(--max-total-bytes); member not read")


def iter_zip(archive: str, filt: SourceFilter, limits: Limits) -> Iterator[InputItem]:
    """Members in archive order, read one by one through a bounded reader."""
    try:
        zf = zipfile.ZipFile(archive)
    except (OSError, zipfile.BadZipFile) as exc:
        yield InputItem(id=Path(archive).name, source=archive,
                        error=f"unreadable zip archive: {exc}", unreadable=True)
        return
    total = 0
    with zf:
        for info in zf.infolist():
            yield_item = _zip_member(zf, info, archive, filt, limits, total)
            if yield_item is None:
                continue
            item, nbytes = yield_item
            total += nbytes
            yield item


def _zip_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, archive: str,
                filt: SourceFilter, limits: Limits,
                total: int) -> tuple[InputItem, int] | None:
    rel = safe_member_name(info.filename)
    if rel is None:
        return InputItem(id=info.filename, source=archive,
                         error=f"unsafe member name refused: {info.filename!r}"), 0
    if info.is_dir() or not filt.wanted(rel):
        return None
    item = InputItem(id=rel, source=archive, stem=output_stem(rel))
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        item.skip = "symlink inside the archive"
        return item, 0
    if mode and not stat.S_ISREG(mode) and stat.S_IFMT(mode):
        item.skip = "not a regular file (device, fifo or socket)"
        return item, 0
    if info.file_size > limits.max_member_bytes:
        item.error = _too_big(info.file_size, limits)
        return item, 0
    if (info.file_size >= RATIO_MIN_BYTES and info.compress_size
            and info.file_size / info.compress_size > MAX_COMPRESSION_RATIO):
        item.error = (f"compression ratio {info.file_size // info.compress_size}:1 looks like "
                      "a decompression bomb; member not read")
        return item, 0
    if total + info.file_size > limits.max_total_bytes:
        item.error = _total_exceeded(limits)
        return item, 0
    try:
        with zf.open(info) as fh:
            data = _read_bounded(fh, limits.max_member_bytes)
    except (OSError, zipfile.BadZipFile, EOFError, ValueError,
            NotImplementedError, RuntimeError) as exc:
        item.error = f"cannot read member: {exc}"
        return item, 0
    if data is None:  # the header lied about the size
        item.error = _too_big(limits.max_member_bytes + 1, limits)
        return item, limits.max_member_bytes
    item.data = data
    return item, len(data)


def iter_tar(archive: str, filt: SourceFilter, limits: Limits) -> Iterator[InputItem]:
    """Members in stream order (``r|*``: sequential, any compression, never seeks)."""
    name = Path(archive).name
    try:
        tf = tarfile.open(archive, mode="r|*")  # noqa: SIM115 - closed by the with below
    except (OSError, tarfile.TarError) as exc:
        yield InputItem(id=name, source=archive, error=f"unreadable tar archive: {exc}",
                        unreadable=True)
        return
    total = 0
    with tf:
        members = iter(tf)
        while True:
            try:
                info = next(members)
            except StopIteration:
                # tarfile ends quietly when the stream stops at a member boundary; a real
                # end-of-archive marker is a full zero block, a cut-off stream is not
                stream = getattr(tf, "fileobj", None)
                if stream is not None and hasattr(stream, "tell") and \
                        stream.tell() - tf.offset != tarfile.BLOCKSIZE:
                    yield InputItem(id=f"{name}!", source=archive, unreadable=True,
                                    error=f"archive is truncated after {total} bytes "
                                          "(no end-of-archive marker)")
                return
            except (OSError, tarfile.TarError, EOFError, zlib_error()) as exc:
                yield InputItem(id=f"{name}!", source=archive,
                                error=f"archive is corrupt or truncated after "
                                      f"{total} bytes: {exc}", unreadable=True)
                return
            tf.members.clear()  # TarFile keeps every header it saw: memory would grow
            rel = safe_member_name(info.name)
            if rel is None:
                yield InputItem(id=info.name, source=archive,
                                error=f"unsafe member name refused: {info.name!r}")
                continue
            if info.isdir() or not filt.wanted(rel):
                continue
            item = InputItem(id=rel, source=archive, stem=output_stem(rel))
            if info.issym() or info.islnk():
                item.skip = f"{'symlink' if info.issym() else 'hard link'} inside the archive"
            elif not info.isfile():
                item.skip = "not a regular file (device, fifo or socket)"
            elif info.size > limits.max_member_bytes:
                item.error = _too_big(info.size, limits)
            elif total + info.size > limits.max_total_bytes:
                item.error = _total_exceeded(limits)
            else:
                try:
                    fh = tf.extractfile(info)
                    data = _read_bounded(fh, limits.max_member_bytes) if fh else None
                except (OSError, tarfile.TarError, EOFError, zlib_error()) as exc:
                    item.error = f"cannot read member: {exc}"
                    yield item
                    yield InputItem(id=f"{name}!", source=archive, unreadable=True,
                                    error=f"archive is corrupt or truncated: {exc}")
                    return
                if data is None:
                    item.error = _too_big(info.size, limits)
                else:
                    total += len(data)
                    item.data = data
            yield item


def zlib_error() -> type[Exception]:
    import zlib

    return zlib.error


# --------------------------------------------------------------------------- JSON Lines


def iter_jsonl(path: str, limits: Limits) -> Iterator[InputItem]:
    """One record per line: ``{"id", "text", optional "date", "lang", "provider", "guid",
    "path"}``. Blank lines are ignored; a bad line is an item with an ``error``."""
    name = Path(path).name
    stem_root = source_label(path)
    seen_ids: set[int] = set()  # hash() of each id: duplicates named, memory small
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below, generator-managed
    except OSError as exc:
        yield InputItem(id=name, source=path, error=f"cannot open: {exc.strerror}",
                        unreadable=True)
        return
    with fh:
        lineno = 0
        while True:
            raw = fh.readline(limits.max_member_bytes + 1)
            if not raw:
                return
            lineno += 1
            line_id = f"{name}:{lineno}"
            if len(raw) > limits.max_member_bytes and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # drain the rest of the line
                    raw = fh.readline(1 << 20)
                yield InputItem(id=line_id, source=path,
                                error=f"line is over the {limits.max_member_bytes}-byte "
                                      "limit (--max-member-bytes)")
                continue
            if not raw.strip():
                continue
            yield _jsonl_item(raw, line_id, lineno, path, stem_root, seen_ids)


def _jsonl_item(raw: bytes, line_id: str, lineno: int, path: str, stem_root: str,
                seen_ids: set[int]) -> InputItem:
    try:
        rec = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        return InputItem(id=line_id, source=path, error=f"not valid JSON: {exc}")
    if not isinstance(rec, dict):
        return InputItem(id=line_id, source=path, error="a line must hold a JSON object")
    rid = rec.get("id")
    if rid is not None and not isinstance(rid, (str, int)):
        return InputItem(id=line_id, source=path, error='"id" must be a string or a number')
    item_id = str(rid) if rid is not None and str(rid) != "" else line_id
    if hash(item_id) in seen_ids:  # a 64-bit hash clash is as good as impossible
        return InputItem(id=line_id, source=path,
                         error=f"duplicate id {item_id!r} (first seen earlier in the file)")
    seen_ids.add(hash(item_id))
    item = InputItem(id=item_id, source=path)
    text = rec.get("text")
    if not isinstance(text, str):
        item.error = 'missing "text" (a string)'
        return item
    for key in RECORD_OVERRIDES:
        value = rec.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            item.error = f'"{key}" must be a string'
            return item
        item.overrides[key] = value
    rel_path = rec.get("path")
    if rel_path is not None:
        safe = safe_member_name(rel_path) if isinstance(rel_path, str) else None
        if safe is None:
            item.error = f'unsafe or invalid "path" refused: {rel_path!r}'
            return item
        item.stem = output_stem(safe)
    elif rid is not None and str(rid) != "":
        item.stem = f"{stem_root}/{_safe_file_name(str(rid))}"
    else:
        item.stem = f"{stem_root}/line-{lineno:06d}"
    item.data = text.encode("utf-8", "surrogatepass")
    return item


def count_jsonl(path: str) -> int:
    count = 0
    with open(path, "rb") as fh:
        for line in fh:
            if line.strip():
                count += 1
    return count


def count_zip(archive: str, filt: SourceFilter) -> int | None:
    try:
        with zipfile.ZipFile(archive) as zf:
            return sum(
                1 for i in zf.infolist()
                if (safe_member_name(i.filename) is None)
                or (not i.is_dir() and filt.wanted(safe_member_name(i.filename) or ""))
            )
    except (OSError, zipfile.BadZipFile):
        return None
