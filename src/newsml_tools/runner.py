"""Validate many inputs: expand paths, run the validator (in parallel), keep input order.

``expand_paths`` turns command-line arguments into ``Target``s: files (always checked, as
named), directories (walked recursively, files matching the include globs and not the
exclude globs, VCS/cache folders skipped), glob patterns (expanded here, so quoting works on
any shell; ``**`` recurses), ``-`` (standard input) and ``--files-from`` lists. A missing
path or a pattern matching nothing becomes a ``FileResult`` with ``error`` (exit 2), never an
exception.

``validate_paths`` runs a per-file check function over the targets -- by default
``newsml_tools.validation.validate_file`` -- and returns a ``Report`` in input order.
With more than one job it uses a process pool (``fork`` on Linux, so schemas compiled by
the first file checked in the parent are inherited by the workers; elsewhere each worker
compiles them once through the validator's module cache), feeding files in chunks so the
per-file overhead is small; if a pool cannot be created or breaks, it carries on in-process.
The check function is a parameter so tests (and other tools) can plug their own in.
A worker returns a whole chunk's results at once: a file with nothing to report as its
kind alone (the parent knows the names), the others as plain tuples (``_pack``), which are
several times cheaper to pickle than the dataclasses. Embedding in a multi-threaded program: pass
``jobs=1`` (forking a process that runs threads is unsafe).

``--cache`` (``cache=True``) keeps per-file results on disk, keyed on the file's bytes and
everything that can change them; see ``cache_salt``.
"""

from __future__ import annotations

import contextlib
import fnmatch
import functools
import glob
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import BinaryIO

from newsml_tools.findings import FileResult, Finding, Report, Severity

DEFAULT_INCLUDE: tuple[str, ...] = ("*.xml", "*.json", "*.jsonld", "*.html", "*.htm", "*.nitf")
#: folders never walked into (explicitly named files inside them are still checked)
SKIP_DIRS = frozenset({
    ".git", ".hg", ".svn", ".bzr", "__pycache__", ".tox", ".nox", ".venv", "venv",
    "node_modules", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".hypothesis",
})
STDIN_NAME = "<stdin>"
#: default bound on what we read from standard input: the validator's default file bound
STDIN_LIMIT = 64 * 1024 * 1024
FILES_FROM_LIMIT = 64 * 1024 * 1024  # a list of paths; /dev/zero is not one
_MAGIC = ("*", "?", "[")


@dataclass(frozen=True, slots=True)
class Target:
    """One input: a file ``name``, or stdin ``data``, or a path that failed (``error``)."""

    name: str
    data: bytes | None = None
    error: str | None = None
    #: standard input over this many bytes: refused (SEC002)
    too_large: int | None = None


@dataclass(frozen=True, slots=True)
class CheckOptions:
    kind: str | None = None
    schema: str | None = None
    ninjs_version: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    #: size bound passed to the validator (``None`` = its default)
    max_bytes: int | None = None
    #: results cache folder (``None`` = no cache) and the salt that invalidates it
    cache_dir: str | None = None
    cache_salt: str = ""
    #: False: the schemas only (no NG/NI/NJ/LD rules are computed), like xmllint
    rules: bool = True


#: ``check(path, options) -> FileResult`` -- must be a module-level function (picklable)
CheckFile = Callable[[str, CheckOptions], FileResult]
CheckData = Callable[[bytes, str, CheckOptions], FileResult]


# ---------------------------------------------------------------------------- expansion
def _has_magic(p: str) -> bool:
    return any(c in p for c in _MAGIC)


@functools.lru_cache(maxsize=32)
def _name_matcher(patterns: tuple[str, ...]) -> Callable[[str], object]:
    """One compiled, case-insensitive regex for a set of file-name globs."""
    return re.compile("|".join(fnmatch.translate(p.lower()) for p in patterns)).match


def _matches(name: str, patterns: Sequence[str]) -> bool:
    return bool(patterns) and _name_matcher(tuple(patterns))(name.lower()) is not None


def _fixed_prefix(pattern: str) -> str:
    """The folder part of ``pattern`` before its first wildcard ("dir/sub" of
    "dir/sub/*/x.xml"; "" when the first component has one)."""
    parts = _components(pattern)
    fixed: list[str] = []
    for part in parts[:-1]:
        if _has_magic(part):
            break
        fixed.append(part)
    return os.sep.join(fixed)


def _below(path: str, folder: str) -> str:
    """``path`` relative to ``folder`` (``path`` itself when it is not below it)."""
    if not folder:
        return path
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    return path[len(prefix):] if path.startswith(prefix) else path


def _excluded(display: str, rel: str, patterns: Sequence[str]) -> bool:
    """Case-insensitive, as --include is: ``--exclude '*.json'`` leaves out ``A.JSON``.
    A glob without "/" matches the file's name or a folder's name below the folder
    walked (``drafts``; ``.*`` is never the "." of ``./a.xml``); one with "/" matches the
    path relative to that folder, or the path as given (``feeds/old/*``)."""
    if not patterns:
        return False
    rel_posix = rel.replace(os.sep, "/").lower()
    parts = [part for part in rel_posix.split("/") if part not in ("", ".", "..")]
    disp_posix = display.replace(os.sep, "/").lower()
    bare = disp_posix
    while bare.startswith("./"):
        bare = bare[2:]
    for p in map(str.lower, patterns):
        if len(p) > 1 and p.endswith("/"):  # "old/": the folder old
            p = p.rstrip("/")
        if "/" not in p:
            if any(fnmatch.fnmatchcase(part, p) for part in parts):
                return True
        elif any(fnmatch.fnmatchcase(path, p) or fnmatch.fnmatchcase(path, "*/" + p)
                 for path in (rel_posix, disp_posix, bare)):
            return True
    return False


def _include_matchers(
    include: Sequence[str],
) -> tuple[Callable[[str], object] | None, Callable[[str], object] | None]:
    """Matchers for the --include globs without a "/" (against a file's name) and with one
    (``feeds/*.xml``: against its path relative to the folder walked)."""
    names = tuple(p for p in include if "/" not in p)
    paths = tuple(p for p in include if "/" in p)
    return (_name_matcher(names) if names else None,
            _name_matcher(paths) if paths else None)


def _special(path: str) -> bool:
    """A FIFO, socket or device (opening a FIFO can block forever): never a document.
    A name that cannot be stat'ed is kept, so it is reported as unreadable."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def walk_dir(root: str, include: Sequence[str], exclude: Sequence[str]) -> list[str]:
    """Files under ``root`` matching ``include`` (basename, case-insensitive), sorted."""
    return [full for full, _, _ in _walk(root, include, exclude)]


def _walk(
    root: str, include: Sequence[str], exclude: Sequence[str],
    unreadable: list[tuple[str, str]] | None = None,
) -> list[tuple[str, str, bool]]:
    """``(path, path relative to root, is a symlink)`` of the files ``walk_dir`` lists:
    like ``os.walk`` top-down (a folder's files, sorted, then its subfolders; symlinked
    folders are not followed; folders that cannot be listed are put in ``unreadable``,
    with the reason, when it is given), but the directory entries' types tell regular
    files apart without a ``stat`` per file."""
    found: list[tuple[str, str, bool]] = []
    by_name, by_path = _include_matchers(include) if include else (None, None)

    def visit(dirpath: str, rel_dir: str) -> None:
        try:
            with os.scandir(dirpath) as it:
                entries = list(it)
        except OSError as exc:  # said, not skipped: its files would go unchecked
            if unreadable is not None:
                unreadable.append((dirpath, exc.strerror or str(exc)))
            return
        prefix = dirpath if dirpath.endswith(os.sep) else dirpath + os.sep
        subdirs: list[str] = []
        for e in sorted(entries, key=_entry_name):
            name = e.name
            try:
                is_dir = e.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                subdirs.append(name)
                continue
            rel = rel_dir + name
            if not (
                (by_name is not None and by_name(name.lower()) is not None)
                or (by_path is not None
                    and by_path(rel.replace(os.sep, "/").lower()) is not None)
            ):
                continue
            full = prefix + name
            if exclude and _excluded(full, rel, exclude):
                continue
            if not _regular(e, full):
                continue
            try:
                link = e.is_symlink()
            except OSError:
                link = True
            found.append((full, rel, link))
        for d in subdirs:
            rel = rel_dir + d
            full = prefix + d
            if d in SKIP_DIRS or _excluded(full, rel, exclude) or os.path.islink(full):
                continue
            visit(full, rel + os.sep)

    visit(root, "")
    return found


def _entry_name(e: os.DirEntry) -> str:
    return e.name


def _regular(e: os.DirEntry, full: str) -> bool:
    """Not a FIFO, socket or device (see ``_special``); from the entry's type when the
    directory listing tells it (no ``stat``)."""
    try:
        if e.is_file():
            return True
    except OSError:
        pass
    return not _special(full)


def stdin_buffer() -> BinaryIO:
    """``sys.stdin.buffer``; OSError when there is no standard input (started with it
    closed: ``newsml validate - <&-``)."""
    import errno

    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise OSError(errno.EBADF, "standard input is closed")
    return stream


# ------------------------------------------------------------------ recursive globs
def _components(pattern: str) -> list[str]:
    """A path pattern's components (either separator on Windows)."""
    norm = pattern.replace(os.altsep, os.sep) if os.altsep else pattern
    return norm.split(os.sep)


def _glob(pattern: str) -> list[str]:
    """``glob.glob(pattern, recursive=True)``, but ``**`` does not descend into symlinked
    folders (like directory arguments): a link to an ancestor would list the same files
    again and again, and two such links make the expansion exponential."""
    sep = os.sep
    parts = _components(pattern)
    if "**" not in parts:
        return glob.glob(pattern)
    # "a//b" is "a/b" to glob (a leading "" is the root, a trailing one "folders only")
    parts = [p for k, p in enumerate(parts) if p or k in (0, len(parts) - 1)]
    if len(parts) > 1 and parts[-1] == "":  # "a/**/": folders only, named with the "/"
        found = _glob(sep.join(parts[:-1]))
        return [d if d.endswith(sep) else d + sep for d in found if os.path.isdir(d)]
    i = parts.index("**")
    head, rest = sep.join(parts[:i]) or (sep if i else ""), parts[i:]
    if i == 0:
        bases = [""]
    elif _has_magic(head):
        bases = [b for b in glob.glob(head) if os.path.isdir(b)]
    else:
        bases = [head] if os.path.isdir(head or sep) else []
    match = re.compile(_rest_regex(rest)).fullmatch
    hidden_ok = any(r.startswith(".") for r in rest)
    out: list[str] = []
    for base in bases:
        prefix = base if not base or base.endswith(sep) else base + sep
        if prefix and match(""):  # "base/**" matches the folder itself: "base/"
            out.append(prefix)
        for rel in _rlist(base or os.curdir, hidden_ok):
            if match(rel):
                out.append(prefix + rel.replace("/", sep))
    return out


def _rlist(folder: str, hidden_ok: bool) -> list[str]:
    """Every entry below ``folder`` as a "/"-separated relative path; symlinked folders
    are listed but not entered; hidden folders are entered only when ``hidden_ok``."""
    out: list[str] = []
    stack = [("", folder)]
    while stack:
        rel, path = stack.pop()
        try:
            with os.scandir(path) as it:
                entries = list(it)
        except OSError:
            continue
        for e in entries:
            r = rel + e.name
            out.append(r)
            try:
                is_dir = e.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir and (hidden_ok or not e.name.startswith(".")):
                stack.append((r + "/", e.path))
    return out


def _rest_regex(parts: list[str]) -> str:
    """A regex over "/"-separated relative paths for glob components (``**`` = any number
    of folders); wildcards do not match a leading dot, as in ``glob``."""
    out = ""
    for k, comp in enumerate(parts):
        last = k == len(parts) - 1
        if comp == "**":
            out += r"(?:(?!\.)[^/]+/)*" if not last else r"(?:(?!\.)[^/]+(?:/(?!$)|$))*"
            continue
        if not _has_magic(comp):
            out += re.escape(comp)
        else:
            out += ("(?=[^/])" if comp.startswith(".") else "(?=[^./])") + _component_regex(comp)
        if not last:
            out += "/"
    return out


def _component_regex(comp: str) -> str:
    """One path component's glob (``*``, ``?``, ``[...]``) as a regex that stays within it.
    Bracket sets are read as ``glob`` reads them (``fnmatch.translate``: ``[!a]`` negates,
    ``[^a]`` is literal, ``[z-a]`` matches nothing); a negated set never matches "/"."""
    res, i, n = "", 0, len(comp)
    while i < n:
        c = comp[i]
        i += 1
        if c == "*":
            res += "[^/]*"
        elif c == "?":
            res += "[^/]"
        elif c == "[":
            k = i + 1 if comp[i : i + 1] == "!" else i
            k = k + 1 if comp[k : k + 1] == "]" else k  # "[]…]", "[!]…]": "]" is a member
            j = comp.find("]", k)
            if j < 0:
                res += re.escape(c)
                continue
            body = _bracket_regex(comp[i - 1 : j + 1])
            res += body
            i = j + 1
        else:
            res += re.escape(c)
    return res


def _bracket_regex(bracket: str) -> str:
    """``[...]`` as fnmatch translates it, without its anchors, "/" kept out of a
    negated set (the regex runs over "/"-separated paths)."""
    translated = fnmatch.translate(bracket)  # "(?s:[...])\\Z"
    body = translated[translated.index(":") + 1 : translated.rindex(")")]
    if body.startswith("[^") and body.endswith("]"):
        body = body[:-1] + "/]"  # at the end: a "]" first in the set is a member
    elif body == ".":  # "[!z-a]": a negated empty set is any character (but "/")
        body = "[^/]"
    elif body.startswith("["):
        body = "(?!/)" + body  # a range such as [.-0] holds "/": never across folders
    return body


def read_files_from(source: str, stdin: BinaryIO | None = None) -> list[str]:
    """Paths listed one per line in ``source`` (``-`` = standard input); blank lines skipped.

    A list containing NUL bytes is NUL-separated instead (``find -print0``, ``git ls-files
    -z``), so names with newlines survive.
    """
    from newsml_tools.validation.safety import read_limited  # TooLarge past the bound

    if source == "-":
        raw = read_limited(stdin or stdin_buffer(), FILES_FROM_LIMIT)
    else:
        with open(source, "rb") as fh:
            raw = read_limited(fh, FILES_FROM_LIMIT)
    text = _list_text(raw)
    if "\0" in text:
        names = [name for name in text.split("\0") if name]
        if all(len(name) == 1 for name in names) and any(n in "./" for n in names):
            # one letter per NUL, a "." or "/" among them: UTF-16 text without a BOM or a
            # line break ("ff/a.xml"), not a find -print0 list; read so, it would check
            # the whole working directory
            raise ListError("it looks like UTF-16 without a byte-order mark or a line "
                            "break; save it as UTF-8, or as UTF-16 with a BOM")
        return names
    return [line.strip("\r") for line in text.split("\n") if line.strip()]


class ListError(ValueError):
    """A --files-from list that cannot be read as a list of paths."""


def _aligned(raw: bytes, unit: bytes) -> bool:
    """Does the two-byte ``unit`` occur in ``raw`` at an even offset (a UTF-16 code unit)?"""
    k = raw.find(unit)
    while k >= 0:
        if k % 2 == 0:
            return True
        k = raw.find(unit, k + 1)
    return False


def _print0_list(raw: bytes) -> bool:
    """Could ``raw`` be a find -print0 list: NUL-separated UTF-8 names without control
    characters (a newline aside)? UTF-16 of Cyrillic or CJK names could not."""
    for name in raw.split(b"\0"):
        try:
            text = name.decode("utf-8")
        except UnicodeDecodeError:
            return False
        if any(c < " " and c != "\n" for c in text):
            return False
    return True


def _list_text(raw: bytes) -> str:
    """A list of paths as text: UTF-8 (a BOM dropped), or UTF-16/32 by its BOM, or BOM-less
    UTF-16 (PowerShell's ``Out-File -Encoding unicode`` and ``>`` write UTF-16) -- whose
    NUL bytes would otherwise read as a NUL-separated list. BOM-less UTF-16 is told by
    aligned CR LF code units, or by aligned LFs with every NUL in the high-byte position
    and either NULs making up a fifth of the bytes or more, or bytes no find -print0 list
    could hold (a -print0 list, names ending in a newline included, has one NUL per
    name, names of five bytes and more, all UTF-8)."""
    import codecs

    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            return raw.decode(codec, "surrogateescape")
    if b"\0" in raw and len(raw) % 2 == 0:
        nuls = raw.count(0)
        for codec, crlf, lf, high in (("utf-16-le", b"\r\0\n\0", b"\n\0", 1),
                                      ("utf-16-be", b"\0\r\0\n", b"\0\n", 0)):
            if not (_aligned(raw, crlf) or (
                    _aligned(raw, lf) and raw[high::2].count(0) == nuls
                    and (5 * nuls >= len(raw) or not _print0_list(raw)))):
                continue
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError:
                continue
            if "\0" not in text:
                return text
    return raw.decode("utf-8", "surrogateescape")


def expand_paths(
    paths: Iterable[str],
    *,
    include: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
    stdin: BinaryIO | None = None,
    stdin_limit: int | None = None,
    not_inputs: Sequence[str] = (),
) -> list[Target]:
    """Command-line inputs to targets, in order, each file once.

    Standard input larger than ``stdin_limit`` bytes (default ``STDIN_LIMIT``) is an
    unreadable target. ``not_inputs``: files a folder walk or a pattern never takes (the
    run's own report: ``validate . -o report.json`` twice must not check the first
    report in the second run).
    """
    limit = STDIN_LIMIT if stdin_limit is None else stdin_limit
    include = tuple(include) if include else DEFAULT_INCLUDE
    exclude = tuple(exclude)
    out: list[Target] = []
    cwd = os.getcwd()
    own = {os.path.normcase(os.path.realpath(os.path.join(cwd, p))) for p in not_inputs}
    seen: set[str] = set(own)

    def add(name: str, key: str | None = None) -> bool:
        """Take the file ``name`` once; False when it is the run's own report (no input:
        a folder or a pattern holding only it has nothing to check)."""
        # files are told apart by their real path: a file reached through a symlink (or
        # twice through a pattern) is checked once
        if key is None:
            key = os.path.normcase(os.path.realpath(os.path.join(cwd, name)))
        if key not in seen:
            seen.add(key)
            out.append(Target(name))
        return key not in own

    def add_dir(folder: str) -> int:
        # the key of each file is its folder's real path plus its relative path (the walk
        # enters no symlinked folder and names real entries: no "." or ".." to normalise);
        # a symlinked file: its own real path
        base = os.path.normcase(os.path.realpath(os.path.join(cwd, folder)))
        base = base if base.endswith(os.sep) else base + os.sep
        unreadable: list[tuple[str, str]] = []
        found = _walk(folder, include, exclude, unreadable)
        inputs = 0
        for full, rel, link in found:
            inputs += add(full, None if link else base + os.path.normcase(rel))
        for where, why in unreadable:
            out.append(Target(where, error=f"cannot list this folder: {why}"))
        return inputs + len(unreadable)

    for p in paths:
        if p == "-":
            if STDIN_NAME in seen:
                continue
            seen.add(STDIN_NAME)
            from newsml_tools.validation.safety import TooLarge, read_limited

            try:
                # in chunks: read(limit + 1) would allocate the whole bound at once
                stream = stdin or stdin_buffer()
                out.append(Target(STDIN_NAME, data=read_limited(stream, limit)))
            except TooLarge:
                out.append(Target(STDIN_NAME, too_large=limit))
            except OSError as exc:
                out.append(Target(STDIN_NAME, error="cannot read standard input: "
                                  f"{exc.strerror or exc}"))
        elif os.path.isdir(p):
            if not add_dir(p):  # as an unmatched pattern: a CI gate must not pass on nothing
                out.append(Target(p, error="no file in this folder matches --include "
                                  f"({', '.join(include)})"
                                  + (" and is not --exclude'd" if exclude else "")))
        elif os.path.lexists(p):
            add(p)
        elif _has_magic(p):
            matches = sorted(_glob(p))
            if not matches:
                out.append(Target(p, error="no files match this pattern"))
                continue
            recursive = "**" in _components(p)  # a component: "x**" is a plain glob
            # --exclude reads what the pattern matched below its fixed part: "/tmp/x/*.xml
            # --exclude tmp" excludes nothing of it, as "validate /tmp/x --exclude tmp"
            fixed = _fixed_prefix(p)
            taken = dropped = 0
            for m in matches:
                if _excluded(m, _below(m.rstrip(os.sep), fixed), exclude):
                    dropped += 1
                    continue
                if os.path.isdir(m):
                    if recursive and os.path.islink(m.rstrip(os.sep) or m):
                        continue  # "a/**" lists a symlinked folder but does not enter it
                    taken += add_dir(m)
                elif not _special(m):
                    taken += add(m)
            if not taken:  # as a folder with nothing to check: a gate must not pass on it
                out.append(Target(p, error="every file this pattern matches is --exclude'd"
                                  if dropped else "this pattern matches no file to check"))
        else:
            out.append(Target(p, error="no such file or directory"))
    return out


# --------------------------------------------------------------------------- filtering
#: findings that cannot be ignored (--select/--ignore): each says the input was not
#: validated at all -- it does not parse, its kind is unknown, or it was refused as hostile
#: (entity declarations, over the size bound, nested too deeply)
UNIGNORABLE = frozenset({"parse", "kind", "SEC001", "SEC002", "SEC003"})


_CODED_RULE = re.compile(r"[A-Za-z]+[0-9]+")


def rule_matches(rule: str, prefixes: Iterable[str]) -> bool:
    """Prefix match on coded rule ids, like ruff: ``NG`` matches ``NG001``; a word id
    (``xsd``, ``json-schema``) only matches itself, so ``JS`` is not ``json-schema`` and
    ``X`` is not ``xsd``. Case-insensitive."""
    r = rule.upper()
    if _CODED_RULE.fullmatch(rule) is None:
        return any(r == p.upper() for p in prefixes)
    return any(r.startswith(p.upper()) for p in prefixes)


def filter_result(result: FileResult, select: Sequence[str], ignore: Sequence[str]) -> FileResult:
    """Keep findings selected by ``select`` (all if empty) and not ``ignore``d."""
    if not select and not ignore:
        return result
    kept = [
        f for f in result.findings
        if f.rule in UNIGNORABLE
        or ((not select or rule_matches(f.rule, select)) and not rule_matches(f.rule, ignore))
    ]
    if len(kept) == len(result.findings):
        return result
    return replace(result, findings=kept)


# ---------------------------------------------------------------------------- checking
def _limit(options: CheckOptions) -> dict[str, int]:
    return {} if options.max_bytes is None else {"max_bytes": options.max_bytes}


_validate_file: Callable[..., FileResult] | None = None


def default_check_file(path: str, options: CheckOptions) -> FileResult:
    global _validate_file
    if _validate_file is None:  # imported on first use (fast start), then kept
        from newsml_tools.validation import validate_file

        _validate_file = validate_file
    return _validate_file(path, kind=options.kind, schema=options.schema,
                          ninjs_version=options.ninjs_version, rules=options.rules,
                          **_limit(options))


def default_check_data(data: bytes, name: str, options: CheckOptions) -> FileResult:
    from newsml_tools import validation

    validate_data = getattr(validation, "validate_data", None)
    if validate_data is not None:
        return validate_data(data, options.kind, filename=name, schema=options.schema,
                             ninjs_version=options.ninjs_version, rules=options.rules,
                             **_limit(options))
    report = validation.validate(data, options.kind, filename=name, schema=options.schema,
                                 ninjs_version=options.ninjs_version, rules=options.rules)
    if len(report.results) == 1:
        return report.results[0]
    merged = FileResult(file=name, kind=report.results[0].kind if report.results else None)
    for r in report.results:
        merged.findings.extend(r.findings)
        merged.items.extend(r.items)
        merged.error = merged.error or r.error
    return merged


# ------------------------------------------------------------------------------- cache
# Opt-in (``--cache``): results keyed on sha256(salt + file bytes), where the salt covers the
# tool version, the validator's code and schemas (names, sizes, mtimes -- so an edited
# checkout invalidates it too) and the options that change results (kind, schema file and
# its content, ninjs version). --select/--ignore are applied after the cache, so they do not
# invalidate it. Entries are small JSON files written atomically; delete the folder to clear.
CACHE_FORMAT = "validate-v1"


def cache_dir() -> str:
    """``$NEWSML_CACHE_DIR``, else ``$XDG_CACHE_HOME/newsml-tools``, else ``~/.cache/…``."""
    env = os.environ.get("NEWSML_CACHE_DIR")
    if env:
        return os.path.join(env, CACHE_FORMAT)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "newsml-tools", CACHE_FORMAT)


def cache_salt(kind: str | None, schema: str | None, ninjs_version: str | None,
               rules: bool = True) -> str:
    import hashlib

    from newsml_tools import __version__

    h = hashlib.sha256()
    h.update(f"{CACHE_FORMAT}\0{__version__}\0{kind}\0{ninjs_version}\0{rules}\0".encode())
    import newsml_tools.validation as validation_pkg

    roots = [os.path.dirname(os.path.abspath(validation_pkg.__file__ or ""))]
    try:
        from newsml_tools.resources import schemas_dir

        roots.append(str(schemas_dir()))
    except (ImportError, FileNotFoundError):  # pragma: no cover
        pass
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for fn in sorted(filenames):
                if fn.endswith((".pyc", ".pyo")):
                    continue
                p = os.path.join(dirpath, fn)
                try:
                    st = os.stat(p)
                except OSError:
                    continue
                h.update(f"{os.path.relpath(p, root)}\0{st.st_size}\0{st.st_mtime_ns}\0"
                         .encode("utf-8", "surrogateescape"))
    if schema:
        with open(schema, "rb") as fh:
            h.update(os.path.abspath(schema).encode("utf-8", "surrogateescape") + b"\0")
            h.update(fh.read())
    return h.hexdigest()


def _to_cache(result: FileResult) -> str:
    import json

    _, kind, error, items, findings = _pack(result)  # the name is not part of the entry
    # ASCII: a lone surrogate (from a JSON "\ud800" escape) survives the round trip
    return json.dumps([kind, error, items, findings])


def _from_cache(text: str, name: str) -> FileResult | None:
    import json

    try:
        kind, error, items, findings = json.loads(text)
        return _unpack((name, kind, error, items, findings))
    except (ValueError, KeyError, TypeError):  # a damaged entry is a miss
        return None


def cached_check_file(path: str, options: CheckOptions) -> FileResult:
    """``default_check_file`` through the on-disk results cache (``options.cache_dir``)."""
    import hashlib

    from newsml_tools.validation import TooLarge, read_file_limited

    try:
        data = read_file_limited(path, **_limit(options))
    except (OSError, TooLarge):  # let the validator report it the usual way
        return default_check_file(path, options)
    # with --kind auto the file name can decide the kind (detect_kind falls back on the
    # extension): page.html and page.txt with the same bytes are different entries
    named = b""
    if options.kind is None:
        from newsml_tools.validation.detect import kind_from_name

        named = (kind_from_name(path) or "").encode()
    key = hashlib.sha256(options.cache_salt.encode() + b"\0" + named + b"\0" + data).hexdigest()
    assert options.cache_dir is not None
    entry = os.path.join(options.cache_dir, key[:2], key + ".json")
    try:
        with open(entry, encoding="utf-8") as fh:
            hit = _from_cache(fh.read(), path)
        if hit is not None:
            return hit
    except OSError:
        pass
    result = default_check_data(data, path, options)
    if result.error is None:
        _cache_write(entry, _to_cache(result))
    return result


_made_dirs: set[str] = set()


def _cache_write(entry: str, text: str) -> None:
    """Write a cache entry atomically (temp file + rename); failures are ignored."""
    folder = os.path.dirname(entry)
    tmp = f"{entry}.{os.getpid()}.tmp"
    try:
        if folder not in _made_dirs:
            os.makedirs(folder, exist_ok=True)
            _made_dirs.add(folder)
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, entry)
    except OSError:  # a read-only or full cache is not an error
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _safe(fn: Callable[[], FileResult], name: str) -> FileResult:
    try:
        return fn()
    except MemoryError:
        return FileResult(file=name, error="out of memory while validating")
    except RecursionError:
        return FileResult(file=name, error="input nested too deeply to validate")
    except Exception as exc:  # a validator bug must not take the whole run down
        return FileResult(
            file=name,
            error=f"internal error while validating ({type(exc).__name__}: {exc}); "
            "please report this",
        )


def run_one(name: str, check: CheckFile, options: CheckOptions) -> FileResult:
    result = _safe(lambda: check(name, options), name)
    return filter_result(result, options.select, options.ignore)


# pool worker state, set once per process by the initializer
_WORKER: tuple[CheckFile, CheckOptions] | None = None


def _init_worker(check: CheckFile, options: CheckOptions) -> None:
    global _WORKER
    _WORKER = (check, options)
    # Ctrl-C is handled by the parent, which cancels the rest: no traceback per worker
    from newsml_tools.interrupts import worker_signals

    worker_signals()


Packed = tuple  # (file, kind, error, items | None, findings | None), see _pack


def _pack(r: FileResult) -> Packed:
    """A FileResult as plain tuples: several times cheaper to pickle than the dataclasses,
    which matters when 20,000 results come back from the workers."""
    fs = tuple(
        (None if f.file == r.file else f.file, f.line, f.column, f.path, f.rule,
         f.severity.value, f.message, f.hint, f.item)
        for f in r.findings
    )
    return (r.file, r.kind, r.error, tuple(r.items) or None, fs or None)


_SEVERITY = {s.value: s for s in Severity}


def _unpack(t: Packed) -> FileResult:
    file, kind, error, items, fs = t
    findings = [
        Finding(file if ff is None else ff, line, col, path, rule, _SEVERITY[sev], msg, hint,
                item)
        for ff, line, col, path, rule, sev, msg, hint, item in fs
    ] if fs else []
    return FileResult(file=file, kind=kind, findings=findings, error=error,
                      items=list(items) if items else [])


def _work(names: Sequence[str]) -> list[Packed | str | None]:
    """Check a chunk of files in a worker. A result with nothing to say (no findings,
    items or error: most files) travels as its kind alone; the parent knows the names."""
    assert _WORKER is not None
    check, options = _WORKER
    out: list[Packed | str | None] = []
    for name in names:
        r = run_one(name, check, options)
        if r.findings or r.items or r.error is not None or r.file != name:
            out.append(_pack(r))
        else:
            out.append(r.kind)
    return out


def _receive(names: Sequence[str], packed: list[Packed | str | None]) -> list[FileResult]:
    return [FileResult(file=name, kind=p) if p is None or type(p) is str else _unpack(p)
            for name, p in zip(names, packed, strict=True)]


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _mp_context():
    import multiprocessing

    if sys.platform.startswith("linux"):
        try:
            return multiprocessing.get_context("fork")
        except ValueError:  # pragma: no cover
            pass
    return multiprocessing.get_context()


def _chunksize(n: int, jobs: int) -> int:
    return max(1, min(256, n // (jobs * 8)))


def _chunks(names: Sequence[str], size: int) -> list[Sequence[str]]:
    return [names[i:i + size] for i in range(0, len(names), size)]


#: below this many files a pool costs more than it saves
MIN_FILES_FOR_POOL = 8


def check_names(
    names: Sequence[str], check: CheckFile, options: CheckOptions, jobs: int
) -> list[FileResult]:
    """``run_one`` over ``names`` in order, with ``jobs`` processes when worthwhile."""
    if jobs <= 1 or len(names) < MIN_FILES_FOR_POOL:
        return [run_one(n, check, options) for n in names]
    # Check the first file here: the validator compiles (and caches) its schema, and forked
    # workers inherit it instead of compiling it again each.
    results = [run_one(names[0], check, options)]
    rest = names[1:]
    jobs = min(jobs, len(rest))
    try:
        from concurrent.futures import ProcessPoolExecutor

        executor = ProcessPoolExecutor(
            max_workers=jobs, mp_context=_mp_context(),
            initializer=_init_worker, initargs=(check, options),
        )
    except (OSError, ImportError, NotImplementedError, ValueError):
        # no working multiprocessing here (e.g. no /dev/shm, AWS Lambda): carry on serially
        return results + [run_one(n, check, options) for n in rest]
    try:
        from concurrent.futures.process import BrokenProcessPool

        chunks = _chunks(rest, _chunksize(len(rest), jobs))
        try:
            for chunk, packed in zip(chunks, executor.map(_work, chunks), strict=False):
                results.extend(_receive(chunk, packed))
        except (BrokenProcessPool, OSError):
            # a worker died (or could not start): finish what is left in-process
            done = len(results) - 1
            results.extend(run_one(n, check, options) for n in rest[done:])
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
    return results


def validate_targets(
    targets: Sequence[Target],
    *,
    jobs: int | None = None,
    options: CheckOptions = CheckOptions(),
    strict: bool = False,
    check: CheckFile | None = None,
    check_data: CheckData | None = None,
) -> Report:
    check = check or default_check_file
    check_data = check_data or default_check_data
    jobs = default_jobs() if jobs is None or jobs <= 0 else jobs
    slots: list[FileResult | None] = [None] * len(targets)
    file_idx: list[int] = []
    for i, t in enumerate(targets):
        if t.error is not None:
            slots[i] = FileResult(file=t.name, error=t.error)
        elif t.too_large is not None:  # as a file over the bound: SEC002, exit 1
            from newsml_tools.validation.core import refused_too_large

            slots[i] = refused_too_large(
                t.name, options.kind, f"standard input is larger than {t.too_large} bytes; "
                "refused")
        elif t.data is not None:
            data = t.data
            r = _safe(lambda data=data, name=t.name: check_data(data, name, options), t.name)
            slots[i] = filter_result(r, options.select, options.ignore)
        else:
            file_idx.append(i)
    checked = check_names([targets[i].name for i in file_idx], check, options, jobs)
    for i, r in zip(file_idx, checked, strict=True):
        slots[i] = r
    return Report(results=[r for r in slots if r is not None], strict=strict)


def validate_paths(
    paths: Iterable[str],
    *,
    jobs: int | None = None,
    kind: str | None = None,
    schema: str | None = None,
    ninjs_version: str | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    strict: bool = False,
    include: Sequence[str] | None = None,
    exclude: Sequence[str] = (),
    stdin: BinaryIO | None = None,
    max_bytes: int | None = None,
    cache: bool = False,
    check: CheckFile | None = None,
    check_data: CheckData | None = None,
    rules: bool = True,
    not_inputs: Sequence[str] = (),
) -> Report:
    """Expand ``paths`` and validate every input; results in input order.

    ``jobs``: processes to use (``None``/0 = all cores, 1 = in-process). ``select`` /
    ``ignore``: rule-id prefixes. ``strict``: warnings make a file invalid. ``check`` /
    ``check_data``: per-file functions (default: the validator's ``validate_file`` /
    ``validate``); ``check`` must be a module-level function so a pool can run it.
    ``max_bytes``: larger inputs are refused (default: the validator's bound).
    ``cache``: reuse results of unchanged files from earlier runs (see ``cache_dir``);
    only with the default ``check``. ``rules=False``: the schemas only, none of the
    rules beyond them is computed (parse, schema and hostile-input findings remain).
    ``not_inputs``: see ``expand_paths``.
    """
    targets = expand_paths(paths, include=include, exclude=exclude, stdin=stdin,
                           stdin_limit=max_bytes, not_inputs=not_inputs)
    options = CheckOptions(kind=kind, schema=schema, ninjs_version=ninjs_version,
                           select=tuple(select), ignore=tuple(ignore), max_bytes=max_bytes,
                           rules=rules)
    if cache and check is None:
        options = replace(options, cache_dir=cache_dir(),
                          cache_salt=cache_salt(kind, schema, ninjs_version, rules))
        check = cached_check_file
    return validate_targets(targets, jobs=jobs, options=options, strict=strict,
                            check=check, check_data=check_data)
