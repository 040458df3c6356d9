"""JSON Schema validation with jsonschema-rs when it supports the draft, else jsonschema.

Both are configured alike: formats are annotations only (not asserted), matching the
official ninjs test suite; remote ``$ref`` s are served from vendored copies (GeoJSON)
and nothing is fetched. Errors come back as (instance pointer parts, message, keyword).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsml_tools.resources import schema_path

GEOJSON_URI = "https://geojson.org/schema/GeoJSON.json"
_RS_DRAFTS = (
    "http://json-schema.org/draft-04/schema",
    "http://json-schema.org/draft-06/schema",
    "http://json-schema.org/draft-07/schema",
    "https://json-schema.org/draft/2019-09/schema",
    "https://json-schema.org/draft/2020-12/schema",
)


@dataclass(frozen=True, slots=True)
class SchemaError:
    path: tuple[Any, ...]
    message: str
    keyword: str | None


class CompiledJsonSchema:
    def __init__(self, schema: dict, *, prefer_rs: bool = True) -> None:
        self.schema = schema
        self.engine = "jsonschema"
        self._rs = None
        self._py = None
        draft = str(schema.get("$schema", "")).rstrip("#")
        if prefer_rs and draft in _RS_DRAFTS:
            try:
                import jsonschema_rs

                registry = jsonschema_rs.Registry([(GEOJSON_URI, _geojson())])
                self._rs = jsonschema_rs.validator_for(
                    schema, validate_formats=False, registry=registry
                )
                self.engine = "jsonschema-rs"
            except Exception:  # older jsonschema-rs, unsupported feature: fall back
                self._rs = None
        if self._rs is None:
            self._python()

    def _python(self) -> Any:
        """The pure-Python validator (built on first use when jsonschema-rs is the engine)."""
        if self._py is None:
            import jsonschema
            from referencing import Registry, Resource

            registry = Registry().with_resource(GEOJSON_URI, Resource.from_contents(_geojson()))
            cls = jsonschema.validators.validator_for(self.schema)
            self._py = cls(self.schema, registry=registry)
        return self._py

    def errors(self, instance: Any, limit: int = 100) -> list[SchemaError]:
        out: list[SchemaError] = []
        if self._rs is not None:
            try:
                if self._rs.is_valid(instance):
                    return out
                for err in self._rs.iter_errors(instance):
                    sp = list(err.schema_path)
                    out.append(
                        SchemaError(
                            tuple(err.instance_path), err.message, str(sp[-1]) if sp else None
                        )
                    )
                    if len(out) >= limit:
                        break
                return out
            except UnicodeEncodeError:
                # a lone surrogate (JSON "\ud800" escape) cannot cross into Rust: this
                # document is validated by the pure-Python engine instead
                out = []
        for err in self._python().iter_errors(instance):
            out.append(
                SchemaError(
                    tuple(err.absolute_path),
                    err.message,
                    str(err.validator) if err.validator else None,
                )
            )
            if len(out) >= limit:
                break
        return out


_lock = threading.Lock()
_cache: dict[tuple[str, bool], CompiledJsonSchema] = {}
_geo: dict | None = None


def _geojson() -> dict:
    global _geo
    if _geo is None:
        _geo = json.loads(schema_path("ninjs", "GeoJSON-schema.json").read_text("utf-8"))
    return _geo


def get_json_schema(path: Path | str, prefer_rs: bool = True) -> CompiledJsonSchema:
    key = (str(path), prefer_rs)
    hit = _cache.get(key)
    if hit is not None:
        return hit
    with _lock:
        hit = _cache.get(key)
        if hit is None:
            schema = json.loads(Path(path).read_text("utf-8"))
            hit = CompiledJsonSchema(schema, prefer_rs=prefer_rs)
            _cache[key] = hit
    return hit
