"""A yes/no JSON Schema check, three times faster than jsonschema's, for the usual case: a valid file.

A build validates every page and question bank, and nearly always finds nothing. jsonschema spends
most of that time on bookkeeping for errors it will not report (a new validator object for every
value, paths for every error, errors built for ``if`` and ``anyOf`` branches and then dropped).
``quick_check`` runs jsonschema's own keyword rules (``Draft202012Validator.VALIDATORS``, so the
meaning is jsonschema's) through a light stand-in for the validator that only asks "is there any
error?". When it says no, ``macros.core.schemas.validate`` asks jsonschema for the located messages.

It only takes schemas it fully understands: local ``#/$defs/...`` references and the keywords whose
rules need nothing but the stand-in. Any other schema gets ``None`` and is always checked in full.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema import _keywords
from jsonschema.exceptions import ValidationError

# jsonschema keywords whose rules use only descend/is_type/evolve/is_valid/format_checker/references.
SUPPORTED = {
    "type", "enum", "const", "properties", "patternProperties", "additionalProperties", "required",
    "propertyNames", "minProperties", "maxProperties", "dependentRequired", "dependentSchemas",
    "items", "prefixItems", "minItems", "maxItems", "uniqueItems", "contains",
    "pattern", "minLength", "maxLength", "format",
    "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
    "allOf", "anyOf", "oneOf", "not", "if", "$ref",
}
# Keywords that say nothing about validity (``then``/``else``/``minContains`` are read by their partners).
ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "examples", "default",
               "deprecated", "readOnly", "writeOnly", "then", "else", "minContains", "maxContains"}
DEFS = "#/$defs/"  # the one kind of reference understood
# Keywords whose value is a subschema or a list of them, and those whose value maps names to subschemas.
_SUBSCHEMAS = {"then", "else", "allOf", "anyOf", "oneOf", "prefixItems", "items", "not", "if", "contains",
               "propertyNames", "additionalProperties"}
_NAMED_SUBSCHEMAS = {"properties", "patternProperties", "dependentSchemas", "$defs"}


def _only_required(subschema: Any) -> list | None:
    """The names in ``{"required": [...]}``, when that is all the subschema says."""
    if isinstance(subschema, dict) and subschema.keys() == {"required"} and isinstance(subschema["required"], list):
        return subschema["required"]
    return None


def _has_all(instance: Any, names: list) -> bool:
    return not isinstance(instance, dict) or all(name in instance for name in names)


def _quick_if(validator, if_schema, instance, schema):
    """``if: {required: [...]}`` decided without building the error jsonschema would throw away."""
    names = _only_required(if_schema)
    if names is None:
        yield from _keywords.if_(validator, if_schema, instance, schema)
    else:  # a branch left out allows anything
        yield from validator.descend(instance, schema.get("then" if _has_all(instance, names) else "else", True))


def _quick_any_of(validator, any_of, instance, schema):
    """``anyOf`` of ``{required: [...]}`` branches passes at once when one holds (else the usual rule)."""
    branches = [_only_required(branch) for branch in any_of]
    if all(names is not None for names in branches) and any(_has_all(instance, names) for names in branches):
        return
    yield from _keywords.anyOf(validator, any_of, instance, schema)


_RULES = {**Draft202012Validator.VALIDATORS, "if": _quick_if, "anyOf": _quick_any_of}


class _Checker:
    """What jsonschema's keyword rules ask of a validator, and nothing else."""

    is_type = staticmethod(Draft202012Validator.TYPE_CHECKER.is_type)

    def __init__(self, schema: Any, root: dict, format_checker: FormatChecker) -> None:
        self.schema = schema
        self.root = root
        self.format_checker = format_checker

    def evolve(self, schema: Any) -> _Checker:
        return _Checker(schema, self.root, self.format_checker)

    def is_valid(self, instance: Any) -> bool:
        return next(self.descend(instance, self.schema), None) is None

    def descend(self, instance: Any, schema: Any, path: Any = None, schema_path: Any = None,
                resolver: Any = None) -> Iterator[ValidationError]:
        if schema is True:
            return
        if schema is False:
            yield ValidationError("False schema does not allow this value")
            return
        for keyword, value in schema.items():
            rule = _RULES.get(keyword)
            if rule is not None:
                yield from rule(self, value, instance, schema)

    def _validate_reference(self, ref: str, instance: Any) -> Iterator[ValidationError]:
        yield from self.descend(instance, self.root["$defs"][ref[len(DEFS):]])


def _understood(node: Any, defs: dict) -> bool:
    """Whether every keyword and reference in the schema is one this module handles."""
    if isinstance(node, list):
        return all(_understood(item, defs) for item in node)
    if not isinstance(node, dict):
        return isinstance(node, bool)
    for keyword, value in node.items():
        if keyword == "$ref":
            ok = isinstance(value, str) and value.startswith(DEFS) and value[len(DEFS):] in defs
        elif keyword in _SUBSCHEMAS:
            ok = _understood(value, defs)
        elif keyword in _NAMED_SUBSCHEMAS:
            ok = all(_understood(sub, defs) for sub in value.values())
        else:
            ok = keyword in SUPPORTED or keyword in ANNOTATIONS
        if not ok:
            return False
    return True


def quick_check(schema: dict, format_checker: FormatChecker | None = None) -> Callable[[Any], bool] | None:
    """A function telling whether a value is valid against ``schema``; None if the schema is not supported."""
    defs = schema.get("$defs", {})
    if not isinstance(defs, dict) or not _understood(schema, defs):
        return None
    return _Checker(schema, schema, format_checker or FormatChecker()).is_valid
