"""SARIF 2.1.0 (validated in tests against the official OASIS schema).

- ``runs[0].tool.driver``: name, version, informationUri, and ``rules`` (every rule of the
  registry, sorted by id, with ``shortDescription`` and ``defaultConfiguration.level``;
  rule ids seen in findings but not registered are appended).
- ``results``: ``ruleId``, ``ruleIndex``, ``level`` (error/warning/note), ``message.text``
  (message + hint), one location with ``artifactLocation.uri`` (relative, forward slashes,
  percent-encoded; ``file://`` for absolute paths outside the working directory) and a
  ``region`` only when the line is known (``startColumn`` only when the column is known too;
  both 1-based). The XPath / JSON pointer goes to ``logicalLocations``; a feed item's guid to
  ``properties.item``.
- Unreadable inputs are ``invocations[0].toolExecutionNotifications`` and make
  ``executionSuccessful`` false.
"""

from __future__ import annotations

import json
from typing import Any

from newsml_tools import __version__
from newsml_tools.findings import Report, Severity
from newsml_tools.reporters._common import (
    INFORMATION_URI,
    TOOL_NAME,
    full_message,
    path_uri,
    rule_table,
)
from newsml_tools.reporters.base import Reporter

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_LEVEL_BY_NAME = {"error": "error", "warning": "warning", "info": "note"}


class SarifReporter(Reporter):
    name = "sarif"
    extension = "sarif"

    def to_data(self, report: Report) -> dict[str, Any]:
        table = rule_table(self.rules)
        ids = sorted(table)
        for f in report.findings:
            if f.rule not in table:
                table[f.rule] = {"severity": f.severity.value, "description": f.rule, "kinds": []}
                ids.append(f.rule)
        index = {rid: i for i, rid in enumerate(ids)}
        rules = []
        for rid in ids:
            meta = table[rid]
            rule: dict[str, Any] = {
                "id": rid,
                "shortDescription": {"text": meta["description"]},
                "defaultConfiguration": {
                    "level": _LEVEL_BY_NAME.get(meta["severity"], "warning")
                },
            }
            if meta["kinds"]:
                rule["properties"] = {"kinds": meta["kinds"]}
            rules.append(rule)

        results = []
        notifications = []
        for r in report.results:
            if r.error is not None:
                notifications.append({
                    "level": "error",
                    "message": {"text": f"unreadable: {r.error}"},
                    "locations": [{"physicalLocation": {
                        "artifactLocation": {"uri": path_uri(r.file, self.base)}}}],
                })
            for f in r.findings:
                physical: dict[str, Any] = {
                    "artifactLocation": {"uri": path_uri(f.file or r.file, self.base)}
                }
                if f.line is not None and f.line >= 1:
                    region: dict[str, int] = {"startLine": f.line}
                    if f.column is not None and f.column >= 1:
                        region["startColumn"] = f.column
                    physical["region"] = region
                location: dict[str, Any] = {"physicalLocation": physical}
                if f.path:
                    location["logicalLocations"] = [{"fullyQualifiedName": f.path}]
                result: dict[str, Any] = {
                    "ruleId": f.rule,
                    "ruleIndex": index[f.rule],
                    "level": LEVELS[f.severity],
                    "message": {"text": full_message(f, item=False)},
                    "locations": [location],
                }
                if f.item:
                    result["properties"] = {"item": f.item}
                results.append(result)

        invocation: dict[str, Any] = {"executionSuccessful": not notifications}
        if notifications:
            invocation["toolExecutionNotifications"] = notifications
        run = {
            "tool": {"driver": {
                "name": TOOL_NAME,
                "version": __version__,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }
        return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}

    def render(self, report: Report) -> str:
        return json.dumps(self.to_data(report), indent=2, ensure_ascii=False) + "\n"
