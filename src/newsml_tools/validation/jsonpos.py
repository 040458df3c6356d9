"""JSON helpers: safe loading, depth bound, and JSON pointer -> (line, column).

Positions are recovered only when a finding needs them: an iterative (no recursion)
token scanner maps every value's JSON pointer to its offset in the text.
"""

from __future__ import annotations

import bisect
import json
import re
import threading
from typing import Any

_STR = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_SCALAR_START = re.compile(r'[^\s{}\[\]:,"]')  # what _TOKEN's scalar alternative starts with
_TOKEN = re.compile(r'[ \t\r\n]*(?:("(?:[^"\\]|\\.)*")|([{}\[\]:,])|([^\s{}\[\]:,"]+))', re.S)


class TooDeep(Exception):
    pass


def depth_exceeds(text: str, limit: int) -> bool:
    """True when brackets nest deeper than about ``limit`` (only call on valid JSON)."""
    s = _NOT_BRACKET.sub("", _STR.sub("", text))
    for _ in range(limit):
        if not s:
            return False
        t = s.replace("[]", "").replace("{}", "")
        if t == s:
            return False
        s = t
    return bool(s)


class _NotJson(Exception):
    pass


def _constant_error(text: str, name: str) -> json.JSONDecodeError:
    """NaN / Infinity (accepted by Python, not by JSON): where the first one is."""
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.group(3) is not None and m.group(3).lstrip("-") in ("NaN", "Infinity"):
            pos = m.start(3)
            break
    return json.JSONDecodeError(f"{name} is not a JSON value (RFC 8259)", text, pos)


class NumberTooLong(json.JSONDecodeError):
    """Well-formed JSON with an integer too long to read."""


_DIGIT_RUN = re.compile(r"[0-9]+")


def _long_number_error(text: str, exc: ValueError) -> json.JSONDecodeError:
    """An integer too long to read (Python refuses more than 4300 digits by default; I-JSON,
    RFC 7493, expects no more precision than an IEEE double): where it is."""
    import sys

    limit = sys.get_int_max_str_digits() or 4300
    # each run of digits once (a "[0-9]{4301,}" search retries inside every long run)
    m = next((r for r in _DIGIT_RUN.finditer(text) if r.end() - r.start() > limit), None)
    digits = len(m.group()) if m else None
    what = f"an integer of {digits} digits" if digits else f"a number ({exc})"
    return NumberTooLong(
        f"{what} is too long to read (the limit is {limit} digits); I-JSON (RFC 7493) "
        "numbers fit an IEEE double",
        text,
        m.start() if m else 0,
    )


class _Duplicates(threading.local):
    seen = False


_dups = _Duplicates()


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """json's object hook: the dict json.loads builds (the last value of a repeated key
    wins), noting that a key was repeated -- a flag only, positions are found later."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        _dups.seen = True
    return obj


def _no_constant(name: str) -> Any:
    raise _NotJson(name)


_DECODER = json.JSONDecoder(object_pairs_hook=_object, parse_constant=_no_constant)


def loads(text: str, max_depth: int) -> tuple[Any, bool]:
    """json.loads with a nesting bound; raises TooDeep or json.JSONDecodeError. The second
    value says whether some object repeats a key (``Positions.duplicate_keys`` says where)."""
    if text.startswith("\ufeff"):  # what json.loads says (the decoder alone would not)
        raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
    _dups.seen = False
    try:
        value = _DECODER.decode(text)
    except RecursionError as exc:
        raise TooDeep("JSON nesting is too deep to parse") from exc
    except _NotJson as exc:
        raise _constant_error(text, str(exc)) from None
    except json.JSONDecodeError:
        raise
    except ValueError as exc:  # an integer past Python's digit limit (int_max_str_digits)
        raise _long_number_error(text, exc) from None
    if (
        isinstance(value, (dict, list))
        # fewer opening brackets (strings included) than the bound: cannot nest deeper
        and text.count("[") + text.count("{") > max_depth
        and depth_exceeds(text, max_depth)
    ):
        raise TooDeep(f"JSON nests deeper than {max_depth} levels")
    return value, _dups.seen


def _esc(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def pointer(parts) -> str:
    return "".join("/" + _esc(str(p)) for p in parts)


def _drop_discarded(out: dict[str, int], repeated: list[tuple[str, str, int, int]]) -> None:
    """Forget the positions under the earlier values of a repeated key (json.loads keeps
    the last): one pass, each pointer's ancestors looked up (no scan per repeat)."""
    kept_from: dict[str, int] = {}  # a repeated key's value pointer -> its last key's offset
    for obj_ptr, key, _first, at in repeated:
        vp = obj_ptr + "/" + _esc(key)
        kept_from[vp] = max(kept_from.get(vp, -1), at)
    for p in list(out):
        i = p.find("/", 1)
        while i != -1:
            at = kept_from.get(p[:i])
            if at is not None and out[p] < at:
                del out[p]
                break
            i = p.find("/", i + 1)


class Positions:
    """Maps JSON pointers (RFC 6901) to 1-based (line, column) in ``text``."""

    def __init__(self, text: str, line_offset: int = 0, col_offset_first_line: int = 0) -> None:
        self.text = text
        self.line_offset = line_offset
        self.col0 = col_offset_first_line
        self._offsets: dict[str, int] | None = None
        self._repeated: list[tuple[str, str, int, int]] = []
        self._nl: list[int] | None = None
        self._first = False

    def duplicate_keys(self) -> list[tuple[str, str, int, int]]:
        """Every repeated key of an object: (object's pointer, key, offset of the first
        occurrence, offset of the repeat), in document order."""
        if self._offsets is None:
            self._offsets = self._scan()
        return self._repeated

    def _scan(self) -> dict[str, int]:
        text = self.text
        out: dict[str, int] = {}
        repeated = self._repeated
        # frame: [is_object, pointer, index, key, {key: offset} for objects]
        stack: list[list[Any]] = []
        state = "value"
        pos = 0
        n = len(text)
        while pos < n:
            m = _TOKEN.match(text, pos)
            if m is None:
                break
            pos = m.end()
            s, punct, scalar = m.group(1), m.group(2), m.group(3)
            start = m.start(1 if s is not None else (2 if punct is not None else 3))
            if state == "key":
                if s is not None:
                    top = stack[-1]
                    try:
                        key = json.loads(s)
                    except ValueError:
                        key = s[1:-1]
                    top[3] = key
                    first = top[4].setdefault(key, start)
                    if first != start:
                        repeated.append((top[1], key, first, start))
                    state = "colon"
                    continue
                if punct == "}":
                    stack.pop()
                    state = "after"
                    continue
                break
            if state == "colon":
                if punct == ":":
                    state = "value"
                    continue
                break
            if state == "value":
                if punct == "]" and stack and not stack[-1][0] and stack[-1][2] == 0:
                    stack.pop()  # empty array
                    state = "after"
                    continue
                if stack:
                    top = stack[-1]
                    ptr = top[1] + "/" + (_esc(top[3]) if top[0] else str(top[2]))
                else:
                    ptr = ""
                out[ptr] = start  # a repeated key: the last occurrence wins, as in json.loads
                if punct == "{":
                    stack.append([True, ptr, 0, None, {}])
                    state = "key"
                elif punct == "[":
                    stack.append([False, ptr, 0, None, None])
                    state = "value"
                elif s is not None or scalar is not None:
                    state = "after"
                else:
                    break
                continue
            # state == "after"
            if punct == ",":
                if stack and stack[-1][0]:
                    state = "key"
                elif stack:
                    stack[-1][2] += 1
                    state = "value"
                continue
            if punct in ("}", "]") and stack:
                stack.pop()
                state = "after"
                continue
            break
        if repeated:
            _drop_discarded(out, repeated)
        return out

    def offset(self, ptr: str) -> int | None:
        if self._offsets is None:
            if not ptr:
                # the document itself: its first token, no scan needed
                text = self.text
                i = len(text) - len(text.lstrip(" \t\r\n"))
                if i < len(text) and (text[i] in "{[" or _SCALAR_START.match(text, i)):
                    return i
            self._offsets = self._scan()
        # fall back to the nearest ancestor that has a position
        while True:
            off = self._offsets.get(ptr)
            if off is not None or not ptr:
                return off
            ptr = ptr.rsplit("/", 1)[0]

    def line_col(self, ptr: str) -> tuple[int | None, int | None]:
        off = self.offset(ptr)
        if off is None:
            return None, None
        return self.line_col_of_offset(off)

    def line_col_of_offset(self, off: int) -> tuple[int, int]:
        if self._nl is None:
            if not self._first:
                # the first (often only) position: no newline table
                self._first = True
                text = self.text
                line = text.count("\n", 0, off) + 1
                col = off - (text.rfind("\n", 0, off) + 1) + 1
                if line == 1:
                    col += self.col0
                return line + self.line_offset, col
            self._nl = [m.start() for m in re.finditer("\n", self.text)]
        k = bisect.bisect_left(self._nl, off)
        line = k + 1
        col = off - (self._nl[k - 1] + 1 if k else 0) + 1
        if line == 1:
            col += self.col0
        return line + self.line_offset, col
