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

import codecs
import fnmatch
import gzip
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
    renamable: bool = False  # stem made up for a JSON Lines record: disambiguated if taken
    line: int | None = None  # a JSON Lines record with its own id: its line, for messages


@dataclass(frozen=True, slots=True)
class SourceFilter:
    """Which files of a folder or archive are inputs. Globs ignore case, as `newsml
    validate`'s do (STORY.TXT is a *.txt article; archives from Windows and old newsroom
    systems are full of them). ``--include``: a glob without "/" matches the file name, one
    with "/" its relative path. ``--exclude``: a glob without "/" matches the file name or
    any folder on its path (``--exclude drafts`` leaves out a folder by name), one with "/"
    the relative path or that of one of its folders (``drafts/*``, ``2024/old``)."""

    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    _include_folded: tuple[str, ...] = field(init=False, repr=False, compare=False, default=())
    _exclude_names: Any = field(init=False, repr=False, compare=False, default=None)
    _exclude_paths: Any = field(init=False, repr=False, compare=False, default=None)
    _exclude_trees: Any = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_include_folded", tuple(p.lower() for p in self.include))
        excludes = [p.lower() for p in (*self.exclude, *ALWAYS_EXCLUDE)]
        object.__setattr__(self, "_exclude_names",
                           _glob_matcher([p for p in excludes if "/" not in p]))
        object.__setattr__(self, "_exclude_paths",
                           _glob_matcher([p for p in excludes if "/" in p]))
        # "old/*" leaves out everything under old/ (a "*" matches "/" too)
        object.__setattr__(self, "_exclude_trees", _glob_matcher(
            [p.rstrip("*")[:-1] for p in excludes if p.rstrip("*").endswith("/")
             and p.rstrip("*") != p and p.rstrip("*")[:-1]]))

    def wanted(self, rel: str) -> bool:
        folded = rel.lower()
        return _matches(folded, self._include_folded) and not self._excluded(folded)

    def excluded_dir(self, rel: str) -> bool:
        """Whether --exclude leaves out everything under the folder ``rel`` (not entered:
        an unreadable folder nobody wants is no error)."""
        folded = rel.lower()
        trees = self._exclude_trees
        return self._excluded(folded) or (trees is not None and bool(trees(folded)))

    def _excluded(self, folded: str) -> bool:
        parts = folded.split("/")
        names, paths = self._exclude_names, self._exclude_paths
        if names is not None and any(names(part) for part in parts):
            return True
        if paths is not None:
            return any(paths("/".join(parts[:i])) for i in range(1, len(parts) + 1))
        return False


def _glob_matcher(patterns: Sequence[str]) -> Any:
    """One compiled regex for several (already case-folded) globs; None for none."""
    if not patterns:
        return None
    return re.compile("|".join(fnmatch.translate(p) for p in patterns)).match


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


# characters no file system (or no Windows one) takes in a name, C0 controls, DEL and lone
# surrogates (a JSON ``\\ud800`` escape: not a character, cannot be encoded)
_UNSAFE_CHARS = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|\ud800-\udfff]')
_WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul", "conin$", "conout$"]
    + [f"{p}{i}" for p in ("com", "lpt") for i in (*range(10), "¹", "²", "³")])
MAX_NAME_BYTES = 200  # of a file name made from an id: room for "~<hash>" and a suffix (255)


def _safe_file_name(text: str) -> str:
    """A file name from a JSON Lines id: letters and digits of every script are kept;
    only what file systems refuse is replaced (``/ \\ : * ? " < > |``, control
    characters), leading dots (hidden files, ``..``) and trailing dots and spaces
    (Windows) are dropped, and Windows' reserved device names get a ``_``. At most
    ``MAX_NAME_BYTES`` bytes of UTF-8, cut at a character boundary."""
    cleaned = _UNSAFE_CHARS.sub("_", text).lstrip(". ").rstrip(". ") or "record"
    base, dot, rest = cleaned.partition(".")
    if base.rstrip(" ").lower() in _WINDOWS_RESERVED:  # "CON", "nul.txt": device names
        cleaned = f"{base}_{dot}{rest}"
    raw = cleaned.encode("utf-8")
    if len(raw) > MAX_NAME_BYTES:
        cleaned = raw[:MAX_NAME_BYTES].decode("utf-8", "ignore").rstrip(". ") or "record"
    return cleaned


# --------------------------------------------------------------------------- directories


def iter_directory(root: str, filt: SourceFilter, limits: Limits, *,
                   exclude_dirs: Sequence[str] = (), exclude_files: Sequence[str] = (),
                   exclude_suffixes: tuple[str, ...] = ()) -> Iterator[InputItem]:
    """Files under ``root`` (sorted, recursive). Symlinks are followed only when they
    resolve inside ``root``; symlinked directories are never descended into.

    Never inputs: ``.newsml-*`` names, ``exclude_dirs`` (a DEST inside the source),
    ``exclude_files`` (a ``.zip`` DEST, its temp file and lock, the report) and names
    ending with ``exclude_suffixes`` (outputs, when DEST is the source folder).
    A folder that cannot be listed is an ``error`` item (its files would be missing
    without a word); ``root`` itself an ``unreadable`` one (exit 2)."""
    root_real = os.path.realpath(root)
    excluded = {os.path.realpath(d) for d in exclude_dirs}
    # the folder resolved, not the file: a symlink named like DEST is DEST's name too
    own_files = {os.path.join(os.path.realpath(os.path.dirname(f)), os.path.basename(f))
                 for f in exclude_files}
    own_names = {os.path.basename(f) for f in own_files}  # a cheap first test per file
    failed: list[OSError] = []  # os.walk reports folders it cannot list here, and goes on
    for dirpath, dirnames, filenames in os.walk(root_real, onerror=failed.append,
                                                followlinks=False):
        yield from _unlisted(failed, root, root_real)
        rel_dir = ("" if dirpath == root_real
                   else os.path.relpath(dirpath, root_real).replace(os.sep, "/") + "/")
        keep = []
        for d in sorted(dirnames):
            full = os.path.join(dirpath, d)
            if filt.excluded_dir(rel_dir + d):
                continue
            if os.path.islink(full):
                yield InputItem(id=f"{rel_dir}{d}/", source=root,
                                skip="symlinked directory not followed")
            elif os.path.realpath(full) not in excluded:
                keep.append(d)
        dirnames[:] = keep
        for name in sorted(filenames):
            rel = rel_dir + name
            if name.startswith(".newsml-") or not filt.wanted(rel):
                continue
            full = os.path.join(dirpath, name)
            if (name in own_names and full in own_files) or (
                    exclude_suffixes and name.endswith(exclude_suffixes)):
                continue  # newsml's own files are never articles
            yield _directory_item(InputItem(id=rel, source=root, stem=output_stem(rel)),
                                  full, root_real, limits)
    yield from _unlisted(failed, root, root_real)


def _unlisted(failed: list[OSError], root: str, root_real: str) -> Iterator[InputItem]:
    """Items for the folders os.walk could not list since the last call."""
    while failed:
        exc = failed.pop(0)
        reason = exc.strerror or str(exc)
        folder = os.fspath(exc.filename) if exc.filename is not None else root_real
        if folder == root_real:
            yield InputItem(id=f"{os.path.basename(root_real) or root_real}/", source=root,
                            error=f"cannot read the SOURCE folder {root}: {reason}",
                            unreadable=True)
            continue
        rel = os.path.relpath(folder, root_real).replace(os.sep, "/")
        yield InputItem(id=f"{rel}/", source=root,
                        error=f"cannot list this folder: {reason}; its files are not converted")


def _directory_item(item: InputItem, full: str, root_real: str, limits: Limits) -> InputItem:
    """``item`` for the file ``full``: its path for the worker, or why it is no input."""
    try:
        st = os.lstat(full)
    except OSError as exc:
        item.error = f"cannot stat: {exc.strerror}"
        return item
    if stat.S_ISLNK(st.st_mode):
        target = os.path.realpath(full)
        if os.path.commonpath([root_real, target]) != root_real:
            item.skip = "symlink pointing outside the source directory"
            return item
        try:
            st = os.stat(target)
        except OSError:
            item.skip = "broken symlink"
            return item
        full = target
    if not stat.S_ISREG(st.st_mode):
        item.skip = "not a regular file (device, fifo or socket)"
    elif st.st_size > limits.max_member_bytes:
        item.error = (f"file is {st.st_size} bytes, over the {limits.max_member_bytes}"
                      "-byte limit (--max-member-bytes)")
    else:
        item.path = full
    return item


def count_directory(root: str, filt: SourceFilter, **excludes: Any) -> int:
    return sum(1 for _ in iter_directory(root, filt, Limits(), **excludes))


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
    except Exception as exc:  # zlib.error, lzma/bz2 errors, BadZipFile (CRC),
        # EOFError, NotImplementedError (compression method) ...: all this member's alone
        item.error = f"cannot read member: {exc or type(exc).__name__}"
        return item, 0
    if data is None:  # the header lied about the size
        item.error = _too_big(limits.max_member_bytes + 1, limits)
        return item, limits.max_member_bytes
    item.data = data
    return item, len(data)


class _TarStream:
    """The decompressed stream under a ``TarFile``, keeping the last block read (tarfile
    does not say whether the header block that ended the archive was the zero-filled
    end-of-archive marker or a damaged header) and refusing single reads no member needs
    (a pax or GNU long-name header claiming gigabytes is read into memory by tarfile)."""

    __slots__ = ("_max_read", "_read", "_stream", "last", "seek", "tell")

    def __init__(self, stream: Any, max_read: int) -> None:
        self._stream = stream
        self.last = b""
        self._max_read = max_read
        self._read = stream.read
        self.tell = stream.tell  # called for every member: no __getattr__ round trip
        self.seek = stream.seek

    def read(self, size: int) -> bytes:  # (tarfile always passes a size)
        if size > self._max_read:
            raise tarfile.ReadError(f"a header asks to read {size} bytes at once")
        data: bytes = self._read(size)
        self.last = data
        return data

    def __getattr__(self, name: str) -> Any:  # close, name ...
        return getattr(self._stream, name)


_ZERO_BLOCK = bytes(tarfile.BLOCKSIZE)


def iter_tar(archive: str, filt: SourceFilter, limits: Limits) -> Iterator[InputItem]:
    """Members in stream order (``r|*``: sequential, any compression, never seeks).

    ``--max-total-bytes`` counts every member's size, read or not: a stream has to be
    inflated to skip a member too. Once the next member would go over it, the rest of the
    archive is not read (a last ``error`` item, ``unreadable``)."""
    name = Path(archive).name
    try:
        with open(archive, "rb") as fh:
            gzipped = fh.read(2) == b"\x1f\x8b"
        tf = tarfile.open(archive, mode="r|*")  # noqa: SIM115 - closed by _tar_members
    except (OSError, tarfile.TarError, EOFError, zlib_error()) as exc:
        yield InputItem(id=name, source=archive, error=f"unreadable tar archive: {exc}",
                        unreadable=True)
        return
    broken = False
    for item in _tar_members(tf, archive, name, filt, limits):
        broken = broken or (item.unreadable and item.id == f"{name}!")
        yield item
    if gzipped and not broken:  # (a broken archive has its record already)
        error = _gzip_check(archive, limits.max_total_bytes)
        if error:
            yield InputItem(id=f"{name}!", source=archive, unreadable=True, error=error)


def _gzip_check(archive: str, budget: int) -> str | None:
    """tarfile's stream mode never checks gzip's CRC and length: read the stream once more
    through ``gzip`` (which does, at each member's end) and say what is wrong. At most
    ``budget`` bytes are inflated (--max-total-bytes); trailing garbage after the last
    member is ignored, as ``gzip -t`` does."""
    read = 0
    try:
        with gzip.GzipFile(archive, "rb") as gz:
            while block := gz.read(1 << 20):
                read += len(block)
                if read > budget:
                    return (f"the archive expands to more than {budget} bytes "
                            "(--max-total-bytes); its gzip stream was not checked to its end")
    except gzip.BadGzipFile as exc:
        if str(exc).startswith("Not a gzipped file"):
            # the first member's header was read (the magic was checked before): these are
            # bytes after the last gzip member, not part of the archive
            return None
        return _corrupt_gzip(exc)
    except (OSError, EOFError, zlib_error()) as exc:
        return _corrupt_gzip(exc)
    return None


def _corrupt_gzip(exc: BaseException) -> str:
    return (f"the gzip stream is corrupt ({exc}): what was read from it may be damaged; "
            "check the archive (gzip -t) and convert it again")


def _tar_members(tf: tarfile.TarFile, archive: str, name: str, filt: SourceFilter,
                 limits: Limits) -> Iterator[InputItem]:
    total = 0
    with tf:
        stream = tf.fileobj = _TarStream(
            tf.fileobj, max(limits.max_member_bytes, 1 << 20) + tarfile.BLOCKSIZE)
        members = iter(tf)
        while True:
            try:
                info = next(members)
            except StopIteration:
                # tarfile ends quietly on a cut-off stream and on a damaged header alike;
                # only a full block of zeros is a real end-of-archive marker
                read = stream.tell() - tf.offset
                if read == tarfile.BLOCKSIZE and stream.last == _ZERO_BLOCK:
                    return
                if tf.offset == 0 and tf.firstmember is None and not stream.last:
                    return  # an empty archive: tarfile.open itself read its end marker
                problem = (f"damaged member header at byte {tf.offset}"
                           if read == tarfile.BLOCKSIZE else "no end-of-archive marker")
                yield InputItem(id=f"{name}!", source=archive, unreadable=True,
                                error=f"archive is corrupt or truncated after {total} bytes "
                                      f"({problem}); the rest of it is not read")
                return
            except (OSError, tarfile.TarError, EOFError, zlib_error()) as exc:
                yield InputItem(id=f"{name}!", source=archive,
                                error=f"archive is corrupt or truncated after "
                                      f"{total} bytes: {exc}", unreadable=True)
                return
            tf.members.clear()  # TarFile keeps every header it saw: memory would grow
            # counted read or skipped (inflated either way), before deciding anything
            over = total + info.size > limits.max_total_bytes
            rel = safe_member_name(info.name)
            if info.isdir():
                item = None  # folders hold no article ("./" from `tar czf x.tgz -C dir .`)
            elif rel is None:
                item = InputItem(id=info.name, source=archive,
                                 error=f"unsafe member name refused: {info.name!r}")
            elif not filt.wanted(rel):
                item = None
            else:
                item = InputItem(id=rel, source=archive, stem=output_stem(rel))
                if info.issym() or info.islnk():
                    kind = "symlink" if info.issym() else "hard link"
                    item.skip = f"{kind} inside the archive"
                elif not info.isfile():
                    item.skip = "not a regular file (device, fifo or socket)"
                elif info.size > limits.max_member_bytes:
                    item.error = _too_big(info.size, limits)
                elif over:
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
                        item.data = data
            if item is not None:
                yield item
            if over:  # going on means inflating this member's data to skip it
                yield InputItem(id=f"{name}!", source=archive, unreadable=True,
                                error=f"archive expands to more than {limits.max_total_bytes}"
                                      " bytes (--max-total-bytes); the rest of it is not read")
                return
            total += info.size


def zlib_error() -> type[Exception]:
    import zlib

    return zlib.error


# --------------------------------------------------------------------------- JSON Lines


def iter_jsonl(path: str, limits: Limits) -> Iterator[InputItem]:
    """One record per line: ``{"id", "text", optional "date", "lang", "provider", "guid",
    "path"}``. Blank lines (and a first line holding only a BOM) are ignored; a bad line
    is an item with an ``error``."""
    name = Path(path).name
    stem_root = source_label(path)
    seen_ids: dict[int, int] = {}  # hash() of each id -> its line: duplicates named
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below, generator-managed
    except OSError as exc:
        yield InputItem(id=name, source=path, error=f"cannot open: {exc.strerror}",
                        unreadable=True)
        return
    with fh:
        wrong = _not_utf8_jsonl(fh.peek(4)[:4])
        if wrong is not None:
            yield InputItem(id=name, source=path, unreadable=True,
                            error=f"not UTF-8: the file {wrong}; JSON Lines must be UTF-8 "
                                  "(re-encode it, e.g. PowerShell: Out-File -Encoding utf8)")
            return
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
            if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]  # the BOM is no content: a blank line stays one
            if not raw.strip():
                continue
            yield _jsonl_item(raw, _Line(path, name, lineno, stem_root), seen_ids)


@dataclass(frozen=True, slots=True)
class _Line:
    """Where a JSON Lines record comes from."""

    path: str
    name: str  # the file's name
    number: int
    stem_root: str

    @property
    def id(self) -> str:
        """The id of a line without its own (or whose record is refused)."""
        return f"{self.name}:{self.number}"

    def names_other_line(self, item_id: str) -> bool:
        """``feed.jsonl:7`` on another line than 7 would clash with that line's id."""
        head, sep, tail = item_id.rpartition(":")
        return (sep == ":" and head == self.name and tail.isascii() and tail.isdigit()
                and int(tail) != self.number)


_UTF_BOMS = ((b"\x00\x00\xfe\xff", "UTF-32"), (b"\xff\xfe\x00\x00", "UTF-32"),
             (b"\xfe\xff", "UTF-16"), (b"\xff\xfe", "UTF-16"))


def _not_utf8_jsonl(head: bytes) -> str | None:
    """What is wrong with a JSON Lines file starting with ``head`` (4 bytes), or None.
    A UTF-16/32 file split at b"\\n" and parsed line by line would lose and invent
    records (``json.loads`` guesses the encoding of each piece); JSON text never holds a
    raw NUL, so NULs among the first bytes mean UTF-16/32 without a byte order mark."""
    for bom, encoding in _UTF_BOMS:
        if head.startswith(bom):
            return f"starts with a {encoding} byte order mark"
    if b"\x00" in head:
        return "looks like UTF-16 or UTF-32 (NUL bytes)"
    return None


def _lone_surrogate(text: str) -> int | None:
    """Index of the first lone surrogate (a JSON ``\\ud800`` escape) in ``text``, or None."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None


def _jsonl_item(raw: bytes, line: _Line, seen_ids: dict[int, int]) -> InputItem:
    line_id, path = line.id, line.path
    try:
        rec = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:  # also ints over 4300 digits
        return InputItem(id=line_id, source=path, error=f"not valid JSON: {exc}")
    except RecursionError:
        return InputItem(id=line_id, source=path,
                         error="not usable JSON: nested too deeply (arrays or objects)")
    if not isinstance(rec, dict):
        return InputItem(id=line_id, source=path, error="a line must hold a JSON object")
    rid = rec.get("id")
    if rid is not None and (not isinstance(rid, (str, int)) or isinstance(rid, bool)):
        return InputItem(id=line_id, source=path,
                         error=f'"id" must be a string or an integer, not {json.dumps(rid)}')
    own_id = rid is not None and str(rid) != ""
    item_id = str(rid) if own_id else line_id
    if own_id and line.names_other_line(item_id):
        return InputItem(id=line_id, source=path,
                         error=f"id {item_id!r} is refused: ids of the form "
                               f"{line.name}:LINE name the lines of this file")
    first = seen_ids.get(hash(item_id))  # a 64-bit hash clash is as good as impossible
    if first is not None:
        return InputItem(id=line_id, source=path,
                         error=f"duplicate id {item_id!r} (first seen on line {first})")
    seen_ids[hash(item_id)] = line.number
    item = InputItem(id=item_id, source=path, line=line.number if own_id else None)
    item.error = _record_fields(rec, item)
    if item.error is not None:
        return item
    rel_path = rec.get("path")
    if rel_path is not None:
        safe = safe_member_name(rel_path) if isinstance(rel_path, str) else None
        if safe is None:
            item.error = f'unsafe or invalid "path" refused: {rel_path!r}'
            return item
        if _lone_surrogate(safe) is not None:
            item.error = _surrogate_message("path", safe)
            return item
        item.stem = output_stem(safe)
    elif own_id:
        item.stem = f"{line.stem_root}/{_safe_file_name(item_id)}"
    else:
        item.stem = f"{line.stem_root}/line-{line.number:06d}"
    item.renamable = rel_path is None  # a made-up name: gets a "~hash" if already taken
    try:
        item.data = rec["text"].encode("utf-8")
    except UnicodeEncodeError:
        item.error = _surrogate_message("text", rec["text"])
    return item


def _record_fields(rec: dict[str, Any], item: InputItem) -> str | None:
    """Check a record's ``text`` and its per-record options (kept in ``item.overrides``);
    the error, or None."""
    if not isinstance(rec.get("text"), str):
        return 'missing "text" (a string)'
    for key in RECORD_OVERRIDES:
        value = rec.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            return f'"{key}" must be a string'
        if not value.isascii() and _lone_surrogate(value) is not None:
            return _surrogate_message(key, value)
        if key == "date" and value.strip().lower() == "now":
            value = "now"  # as --date now: the run's time; the word is what --resume keys on
        else:
            problem = _option_problem(key, value)
            if problem is not None:
                return f'"{key}": {problem}'
        item.overrides[key] = value
    return None


def _option_problem(key: str, value: str) -> str | None:
    """What ``newsml convert`` says of ``--<key> value`` (the same checks, the same
    words), or None when it takes the value."""
    if key == "date":
        from newsml_tools.convert import DateError, parse_date

        try:
            parse_date(value)
        except DateError as exc:
            return str(exc)
        return None
    from newsml_tools.option_checks import PROBLEMS

    return PROBLEMS[key](value)


def _surrogate_message(key: str, value: str) -> str:
    at = _lone_surrogate(value) or 0
    return (f'"{key}" holds a lone surrogate escape (\\u{ord(value[at]):04x} at character '
            f"{at}): not a Unicode character; the JSON must escape a character outside the "
            "BMP as a surrogate pair")


def count_jsonl(path: str) -> int:
    count = 0
    with open(path, "rb") as fh:
        for lineno, line in enumerate(fh, 1):
            if lineno == 1:
                line = line.removeprefix(codecs.BOM_UTF8)
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
