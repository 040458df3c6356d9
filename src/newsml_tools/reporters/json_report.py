"""A stable, documented JSON document (``"format": "newsml-validate", "version": 1``).

Shape (keys always present, in this order; ``null`` when unknown)::

    {
      "format": "newsml-validate", "version": 1,
      "tool": {"name": "newsml-tools", "version": "0.1.0"},
      "strict": false,
      "summary": {"files": 3, "valid": 1, "invalid": 1, "unreadable": 1,
                  "errors": 2, "warnings": 1, "info": 0, "exit_code": 2},
      "files": [
        {"file": "a.xml", "kind": "newsml-g2", "valid": false, "error": null,
         "items": [], "findings": [
            {"line": 3, "column": 5, "path": "/newsItem", "rule": "xsd",
             "severity": "error", "message": "...", "hint": null, "item": null}]}
      ]
    }

``file`` is the path as given (forward slashes); ``valid`` honours ``strict``.
New keys may be added in a minor release; existing ones keep their meaning.
"""

from __future__ import annotations

import json
from typing import Any

from newsml_tools import __version__
from newsml_tools.findings import Report
from newsml_tools.reporters._common import posix_path
from newsml_tools.reporters.base import Reporter

SCHEMA_VERSION = 1


class JsonReporter(Reporter):
    name = "json"
    extension = "json"

    def to_data(self, report: Report) -> dict[str, Any]:
        sev = report.by_severity
        files = []
        for r in report.results:
            files.append({
                "file": posix_path(r.file, self.base),
                "kind": r.kind,
                "valid": r.error is None and not r.failed(report.strict),
                "error": r.error,
                "items": list(r.items),
                "findings": [
                    {
                        "line": f.line,
                        "column": f.column,
                        "path": f.path,
                        "rule": f.rule,
                        "severity": f.severity.value,
                        "message": f.message,
                        "hint": f.hint,
                        "item": f.item,
                    }
                    for f in r.findings
                ],
            })
        return {
            "format": "newsml-validate",
            "version": SCHEMA_VERSION,
            "tool": {"name": "newsml-tools", "version": __version__},
            "strict": report.strict,
            "summary": {
                "files": len(report.results),
                "valid": len(report.results) - report.invalid - report.unreadable,
                "invalid": report.invalid,
                "unreadable": report.unreadable,
                "errors": sev.get("error", 0),
                "warnings": sev.get("warning", 0),
                "info": sev.get("info", 0),
                "exit_code": report.exit_code,
            },
            "files": files,
        }

    def render(self, report: Report) -> str:
        return json.dumps(self.to_data(report), indent=2, ensure_ascii=False) + "\n"
