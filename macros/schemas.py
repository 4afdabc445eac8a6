"""Validate loaded YAML documents against the JSON Schemas in ``macros/schemas/``.

The schemas are the contract editors' IDEs use too (see CONTRIBUTING.md); this module turns
jsonschema's errors into ``path:line`` problems a person can act on.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from .problems import Problem
from .yamlsource import Document

SCHEMA_DIR = Path(__file__).parent / "schemas"


@lru_cache(maxsize=None)
def validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def validate(doc: Document, schema_name: str) -> list[Problem]:
    """All problems of ``doc`` against ``macros/schemas/<schema_name>.schema.json``."""
    return validate_with(doc, validator(schema_name))


def validate_with(doc: Document, checker: Draft202012Validator) -> list[Problem]:
    """All schema problems of ``doc``, one per failing value, each at that value's line."""
    problems = []
    for err in checker.iter_errors(doc.data):
        for leaf in _leaves(err):
            problems.append(doc.error(_where(leaf), _message(leaf)))
    return sorted(set(problems))


def _where(err: ValidationError) -> tuple:
    """The path to point at: an unknown field is reported on its own line, not its parent's."""
    path = tuple(err.absolute_path)
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        extra = [k for k in err.instance if k not in err.schema.get("properties", {})]
        if extra:
            return path + (extra[0],)
    return path


def _leaves(err: ValidationError) -> list[ValidationError]:
    """For oneOf/anyOf failures report the most relevant branch, not all of them."""
    if err.context:
        best = min(err.context, key=lambda e: (-len(e.absolute_path), e.validator in ("oneOf", "anyOf")))
        return _leaves(best)
    return [err]


def _message(err: ValidationError) -> str:
    where = _dotted(err.absolute_path)
    prefix = f"{where}: " if where else ""
    if err.validator == "additionalProperties":
        extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
        allowed = ", ".join(sorted(err.schema.get("properties", {})))
        return f"{prefix}unknown field{'s' if len(extra) > 1 else ''} {', '.join(map(repr, extra))} (allowed: {allowed})"
    if err.validator == "required":
        return f"{prefix}{err.message.replace(' is a required property', '')} is required"
    if err.validator == "enum":
        return f"{prefix}{err.instance!r} is not one of {', '.join(map(repr, err.validator_value))}"
    if err.validator == "format":
        return f"{prefix}{err.instance!r} is not a valid {err.validator_value}"
    if err.validator == "pattern":
        hint = err.schema.get("description") or f"it must match {err.validator_value}"
        return f"{prefix}{err.instance!r} is not valid: {hint}"
    if err.validator == "type":
        return f"{prefix}expected {_type_name(err.validator_value)}, found {_type_name(_json_type(err.instance))}"
    return f"{prefix}{err.message}"


def _dotted(path: Any) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _json_type(value: Any) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", int: "integer",
            float: "number", type(None): "null"}.get(type(value), type(value).__name__)


def _type_name(t: Any) -> str:
    names = {"object": "a mapping (key: value)", "array": "a list", "string": "text", "boolean": "true or false",
             "integer": "a whole number", "number": "a number", "null": "nothing"}
    if isinstance(t, list):
        return " or ".join(names.get(x, x) for x in t)
    return names.get(t, t)
