"""GitLab Code Quality report (a JSON array, CodeClimate subset).

Each finding: ``description`` (``[rule] message (hint) [item …]``), ``check_name`` (rule
id), ``fingerprint`` (sha256 of file, line, column, rule, message and item, truncated to 32
hex digits; exact duplicates get a counter so every fingerprint is unique), ``severity``
and ``location.path`` (relative, forward slashes) + ``location.lines.begin`` (1 when the
line is unknown, GitLab requires a line).

Severity: info → ``info``, warning → ``minor``, error → ``major``, a document that is not
well-formed (rule ``parse``) → ``critical``, an unreadable input → ``blocker``.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from newsml_tools.findings import Report, Severity
from newsml_tools.reporters._common import full_message, posix_path
from newsml_tools.reporters.base import Reporter

SEVERITIES = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}


def _fingerprint(*parts: object) -> str:
    import hashlib  # lazily: OpenSSL's import is a noticeable part of a cold start

    raw = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:32]


class GitlabReporter(Reporter):
    name = "gitlab"
    extension = "json"

    def to_data(self, report: Report) -> list[dict[str, Any]]:
        seen: Counter[str] = Counter()
        issues: list[dict[str, Any]] = []

        def add(desc: str, check: str, severity: str, path: str, line: int | None,
                key: tuple[object, ...]) -> None:
            fp = _fingerprint(*key)
            seen[fp] += 1
            if seen[fp] > 1:  # exact duplicate finding: disambiguate
                fp = _fingerprint(*key, seen[fp])
            issues.append({
                "description": desc,
                "check_name": check,
                "fingerprint": fp,
                "severity": severity,
                "location": {"path": path, "lines": {"begin": line if line and line > 0 else 1}},
            })

        for r in report.results:
            if r.error is not None:
                path = posix_path(r.file, self.base)
                add(f"[unreadable] {r.error}", "unreadable", "blocker", path, None,
                    (path, None, None, "unreadable", r.error, None))
            for f in r.findings:
                path = posix_path(f.file or r.file, self.base)
                sev = "critical" if f.rule == "parse" and f.severity is Severity.ERROR \
                    else SEVERITIES[f.severity]
                add(f"[{f.rule}] {full_message(f)}", f.rule, sev, path, f.line,
                    (path, f.line, f.column, f.rule, f.message, f.item))
        return issues

    def render(self, report: Report) -> str:
        return json.dumps(self.to_data(report), indent=2, ensure_ascii=False) + "\n"
