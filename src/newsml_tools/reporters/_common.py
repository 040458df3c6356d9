"""Helpers shared by the reporters: paths, messages, severities, rule metadata."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from newsml_tools.findings import FileResult, Finding, Report

TOOL_NAME = "newsml-tools"
INFORMATION_URI = "https://github.com/newsml-tools/newsml-tools"

# Characters XML 1.0 cannot carry at all (even escaped): C0 controls other than tab/LF/CR,
# surrogates, U+FFFE/U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


_SURROGATE = re.compile("[\ud800-\udfff]")


def unsurrogate(text: str) -> str:
    """Bytes that were not UTF-8 in a file name (decoded with ``surrogateescape``) shown as
    ``\\xNN``, so the report stays valid UTF-8."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def posix_path(name: str, base: str | None = None) -> str:
    """``name`` with forward slashes, relative to ``base`` (default: cwd) when inside it;
    undecodable bytes and control characters escaped (see ``unsurrogate``, ``printable``).

    Pseudo-names such as ``<stdin>`` are returned unchanged.
    """
    return _PATH_CONTROL.sub(_escape_control, unsurrogate(_posix_path(name, base)))


def _posix_path(name: str, base: str | None = None) -> str:
    if name.startswith("<") and name.endswith(">"):
        return name
    if "\\" in name and os.sep == "\\":  # pragma: no cover - Windows
        name = PureWindowsPath(name).as_posix()
    if os.path.isabs(name):
        root = os.path.abspath(base if base is not None else os.getcwd())
        rel = _inside(name, root)
        if rel is None and base is None:
            # cwd is a real path; the user's names may go through a symlinked folder
            # ($PWD, /tmp -> /private/tmp on macOS, a linked CI workspace)
            logical = _logical_cwd(os.environ.get("PWD"), root)
            rel = (_inside(name, logical) if logical else None) or _inside(
                os.path.realpath(name), root)
        if rel is not None:
            name = rel
        if os.sep == "\\":  # pragma: no cover - Windows
            name = PureWindowsPath(name).as_posix()
    given = name
    while name.startswith("./"):
        name = name[2:]
    if not name:
        return "." if given else given  # "./" is the current folder; "" stays ""
    return str(PurePosixPath(name))


def _inside(name: str, root: str) -> str | None:
    """``name`` relative to ``root`` when it lies inside it, else None."""
    try:
        rel = os.path.relpath(name, root)
    except ValueError:  # pragma: no cover - other drive on Windows
        return None
    return None if rel == ".." or rel.startswith(".." + os.sep) else rel


@functools.lru_cache(maxsize=4)
def _logical_cwd(pwd: str | None, cwd: str) -> str | None:
    """``$PWD`` when it names the working directory by another path (a symlink)."""
    if not pwd or pwd == cwd or not os.path.isabs(pwd):
        return None
    try:
        return pwd if os.path.samefile(pwd, cwd) else None
    except OSError:
        return None


def path_uri(name: str, base: str | None = None) -> str:
    """A URI reference for ``name``: relative and percent-encoded, or ``file://`` if absolute."""
    p = _posix_path(name, base).encode("utf-8", "surrogateescape")  # exact bytes, %-encoded
    if p.startswith(b"/"):
        return "file://" + quote(p, safe="/")
    return quote(p, safe="/")


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_PATH_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")  # tab and LF too


def _escape_control(m: re.Match[str]) -> str:
    c = ord(m.group())
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def printable(text: str) -> str:
    """Control characters (and Unicode line/paragraph separators) as ``\\xNN``/``\\uNNNN``:
    a hostile document or file name must not break lines or drive the terminal."""
    return _CONTROL.sub(_escape_control, text)


def one_line(text: str) -> str:
    """Collapse line breaks so one finding stays on one line; see ``printable``."""
    if "\n" in text or "\r" in text:
        text = " ".join(part.strip() for part in text.splitlines() if part.strip())
    return printable(text)


def xml_safe(text: str) -> str:
    """Replace characters that XML 1.0 cannot represent with U+FFFD."""
    return _XML_ILLEGAL.sub("\ufffd", text)


def full_message(f: Finding, *, item: bool = True) -> str:
    """Message plus the hint in parentheses and the feed item, if any."""
    msg = f.message
    if f.hint:
        msg = f"{msg} ({f.hint})"
    if item and f.item:
        msg = f"{msg} [item {f.item}]"
    return msg


def iter_findings(report: Report) -> Iterator[tuple[FileResult, Finding]]:
    for r in report.results:
        for f in r.findings:
            yield r, f


def file_failed(report: Report, r: FileResult) -> bool:
    return r.error is None and r.failed(report.strict)


def rule_table(rules: Mapping[str, Any] | None) -> dict[str, dict[str, Any]]:
    """Normalise a ``RULES``-like mapping to ``{id: {severity, description, kinds}}``.

    ``None`` loads ``newsml_tools.validation.RULES`` (empty if the validator is missing).
    """
    if rules is None:
        try:
            from newsml_tools.validation import RULES as rules
        except Exception:  # pragma: no cover - validator not installed/broken
            rules = {}
    out: dict[str, dict[str, Any]] = {}
    for rid, rule in rules.items():
        sev = getattr(rule, "severity", "error")
        kinds: Iterable[str] = getattr(rule, "kinds", ()) or ()
        out[str(rid)] = {
            "severity": str(getattr(sev, "value", sev)),
            "description": str(getattr(rule, "description", "") or rid),
            "kinds": [str(k) for k in kinds],
        }
    return out
