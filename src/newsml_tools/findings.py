"""Findings are data; reporters only render them.

A ``Finding`` is one problem at one place. A ``FileResult`` is everything found in one
input (or one item of a feed file, see ``Finding.item``). A ``Report`` is a run over many
inputs and owns the exit-code policy (0 valid, 1 invalid, 2 usage error/unreadable).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import Enum

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Finding:
    file: str
    line: int | None
    column: int | None
    path: str | None  # XPath-like for XML, JSON pointer for JSON
    rule: str  # rule id, e.g. "xsd", "NG001"; listed by `newsml rules`
    severity: Severity
    message: str
    hint: str | None = None  # e.g. "expected one of: guid, catalogRef"
    item: str | None = None  # the guid/uri of the feed item the finding belongs to


@dataclass(slots=True)
class FileResult:
    """The outcome for one input. ``error`` is set when it could not be read/parsed at all."""

    file: str
    kind: str | None = None  # "newsml-g2", "nitf", "ninjs", "jsonld", "html"
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  # unreadable input (exit 2) -- distinct from invalid content
    items: list[str] = field(default_factory=list)  # guids/uris of items inside a feed

    def failed(self, strict: bool = False) -> bool:
        bad = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
        return any(f.severity in bad for f in self.findings)

    @property
    def valid(self) -> bool:
        return self.error is None and not self.failed()


@dataclass(slots=True)
class Report:
    """A run over one or more inputs; owns the exit code."""

    results: list[FileResult] = field(default_factory=list)
    strict: bool = False

    def add(self, result: FileResult) -> None:
        self.results.append(result)

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]

    @property
    def valid(self) -> bool:
        return all(r.error is None and not r.failed(self.strict) for r in self.results)

    @property
    def unreadable(self) -> int:
        return sum(1 for r in self.results if r.error is not None)

    @property
    def invalid(self) -> int:
        return sum(1 for r in self.results if r.error is None and r.failed(self.strict))

    @property
    def by_severity(self) -> Counter[str]:
        return Counter(f.severity.value for f in self.findings)

    @property
    def exit_code(self) -> int:
        if self.unreadable:
            return EXIT_USAGE
        return EXIT_OK if self.valid else EXIT_INVALID

    def summary(self) -> str:
        sev = self.by_severity
        checked = len(self.results)
        ok = checked - self.invalid - self.unreadable
        parts = [f"{checked} file{'s' if checked != 1 else ''} checked", f"{ok} valid",
                 f"{self.invalid} invalid"]
        if self.unreadable:
            parts.append(f"{self.unreadable} unreadable")
        parts.append(
            f"{sev.get('error', 0)} errors, {sev.get('warning', 0)} warnings, "
            f"{sev.get('info', 0)} info"
        )
        return ", ".join(parts)


def format_finding(f: Finding) -> str:
    """``file:line:col: severity [rule] message (hint)`` -- the compiler-style text form."""
    where = f.file
    if f.line is not None:
        where += f":{f.line}"
        if f.column is not None:
            where += f":{f.column}"
    item = f" (item {f.item})" if f.item else ""
    hint = f" ({f.hint})" if f.hint else ""
    return f"{where}: {f.severity.value} [{f.rule}] {f.message}{hint}{item}"
