"""ninjs 1.0 – 3.1 against the official IPTC schemas; arrays / {"items": [...]} are feeds."""

from __future__ import annotations

import re
from typing import Any

from newsml_tools.findings import Finding, Severity
from newsml_tools.resources import schema_path
from newsml_tools.validation.jschema import CompiledJsonSchema, get_json_schema
from newsml_tools.validation.jsonpos import Positions, pointer
from newsml_tools.validation.rules import RULES

NINJS_VERSIONS = (
    "1.0",
    "1.1",
    "1.2",
    "1.3",
    "1.4",
    "1.5",
    "1.6",
    "2.0",
    "2.1",
    "2.2",
    "3.0",
    "3.1",
)
LATEST = "3.1"
_SCHEMA_URL = re.compile(r"ninjs-schema_(\d+\.\d+)\.json")


def ninjs_schema_file(version: str):
    return schema_path("ninjs", version, f"ninjs-schema_{version}.json")


_by_version: dict[str, CompiledJsonSchema] = {}


def ninjs_schema(version: str) -> CompiledJsonSchema:
    """The compiled schema of one ninjs version, cached per process (no path work)."""
    hit = _by_version.get(version)
    if hit is None:
        hit = _by_version[version] = get_json_schema(ninjs_schema_file(version))
    return hit


def declared_version(item: dict) -> str | None:
    s = item.get("$schema")
    if isinstance(s, str):
        m = _SCHEMA_URL.search(s)
        if m:
            return m.group(1)
    std = item.get("standard")
    if isinstance(std, dict) and isinstance(std.get("schema"), str):
        m = _SCHEMA_URL.search(std["schema"])
        if m:
            return m.group(1)
    if isinstance(std, dict) and isinstance(std.get("version"), str):
        v = std["version"].strip()
        m = re.match(r"^(\d+)\.(\d+)", v)
        if m:
            return f"{m.group(1)}.{m.group(2)}"
    return None


def feed_items(doc: Any) -> tuple[bool, list[tuple[tuple, Any]]]:
    if isinstance(doc, list):
        return True, [((i,), x) for i, x in enumerate(doc)]
    if isinstance(doc, dict) and isinstance(doc.get("items"), list) and "uri" not in doc:
        return True, [(("items", i), x) for i, x in enumerate(doc["items"])]
    return False, [((), doc)]


def check_ninjs(
    doc: Any,
    pos: Positions,
    filename: str,
    findings: list[Finding],
    items_out: list[str],
    ninjs_version: str | None = None,
    *,
    rules: bool = True,
) -> None:
    if ninjs_version is not None and ninjs_version not in NINJS_VERSIONS:
        raise ValueError(
            f"unknown ninjs version {ninjs_version!r}; known: {', '.join(NINJS_VERSIONS)}"
        )
    is_feed, items = feed_items(doc)

    def add(
        rule: str,
        msg: str,
        parts: tuple,
        item: str | None,
        hint: str | None = None,
        severity: Severity | None = None,
    ) -> None:
        ptr = pointer(parts)
        line, col = pos.line_col(ptr)
        findings.append(
            Finding(
                filename,
                line,
                col,
                ptr or "/",
                rule,
                severity or RULES[rule].severity,
                msg,
                hint,
                item,
            )
        )

    seen: dict[str, str] = {}
    for base, item in items:
        uri = item.get("uri") if isinstance(item, dict) else None
        uri = uri if isinstance(uri, str) else None
        if is_feed:
            items_out.append(uri or "")
            if uri is not None and rules:
                if uri in seen:
                    add(
                        "NJ001",
                        f"uri {uri!r} occurs more than once in this feed (first at {seen[uri]})",
                        (*base, "uri"),
                        uri,
                    )
                else:
                    seen[uri] = pointer(base) or "/"
        declared = declared_version(item) if isinstance(item, dict) else None
        version = ninjs_version or declared
        if ninjs_version and declared and declared != ninjs_version and declared in NINJS_VERSIONS:
            add(
                "NJ003",
                f"document declares ninjs {declared}; validated as ninjs "
                f"{ninjs_version} as requested",
                base,
                uri,
            )
        undeclared = False
        if version not in NINJS_VERSIONS:
            if declared is not None:
                add(
                    "NJ002",
                    f"ninjs version {declared!r} is unknown; validated against ninjs {LATEST}",
                    base,
                    uri,
                )
            else:
                undeclared = True
            version = LATEST
        schema = ninjs_schema(version)
        errors = schema.errors(item)
        if undeclared:
            # no version said: a valid 1.x/2.x document is not a 3.1 one with errors; the
            # newest version it is valid under (only when 3.1 reports errors)
            older = _valid_older_version(item) if errors and not _camel_keys(item) else None
            if older is not None:
                # a warning, not a note: older schemas accept unknown properties, so a
                # 3.x document with a misspelt field could pass as an older version
                add(
                    "NJ002",
                    "ninjs version not declared ($schema or standard.version); not valid "
                    f"as ninjs {LATEST}, valid as ninjs {older}: validated against ninjs "
                    f"{older}",
                    base,
                    uri,
                    hint="declare the version ($schema) or pass --ninjs-version",
                    severity=Severity.WARNING,
                )
                continue
            add(
                "NJ002",
                "ninjs version not declared ($schema or standard.version); "
                f"validated against ninjs {LATEST}",
                base,
                uri,
                hint="pass --ninjs-version to choose",
            )
        said: set[tuple[str, tuple, str | None]] = set()
        for err in errors:
            # the 3.1 schema states "type": "object" at its root and again in ninjsType:
            # one error in the document, one finding
            key = (err.message, tuple(err.path), err.keyword)
            if key in said:
                continue
            said.add(key)
            add(
                "json-schema",
                f"{err.message} (ninjs {version})",
                base + tuple(err.path),
                uri,
                hint=f"schema keyword: {err.keyword}" if err.keyword else None,
            )


def _camel_keys(item: Any) -> bool:
    """ninjs 3.x names its properties in camelCase (versionCreated, pubStatus, bodies'
    contentType); 1.x and 2.x in lower case (versioncreated, body_text): a document with a
    camelCase property is a 3.x one, whatever else it gets wrong."""
    return isinstance(item, dict) and any(
        isinstance(k, str) and not k.startswith("$") and k != k.lower() for k in item)


def _valid_older_version(item: Any) -> str | None:
    """The newest ninjs version before the latest whose schema ``item`` is valid under."""
    for v in reversed(NINJS_VERSIONS[:-1]):
        if not ninjs_schema(v).errors(item, limit=1):
            return v
    return None
