"""Validate loaded YAML documents against the JSON Schemas in ``macros/schemas/``.

The schemas are the contract editors' IDEs use too (see CONTRIBUTING.md); this module turns
jsonschema's errors into ``path:line`` problems a person can act on. ``load_validated`` is how a
content kind kept in one file (care cards, the glossary, the citation registry) is read: loaded
once, checked against its schema and its first line, before the kind builds its objects.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar, Generic, Iterator, Mapping, Sequence, TypeVar

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from .characters import lookalike_note
from .problems import ContentError, Problem
from .project import Project
from .quickcheck import DEFS, quick_check
from .yamlsource import Document

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "schemas"
# The one spelling of an id (the schemas' ``^[a-z0-9]+(-[a-z0-9]+)*$``): page slugs, source keys, section,
# card and glossary ids: lowercase letters and digits in words joined by single hyphens.
ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
ID_RE = re.compile(rf"^{ID_PATTERN}$")


@lru_cache(maxsize=None)
def validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(inline_refs(schema), format_checker=FormatChecker())


UNROLL = 6  # a recursive definition (a page's sections) is written out this many levels deep


def inline_refs(schema: dict) -> dict:
    """The same schema with its ``#/$defs/<name>`` references written out where they are used.

    jsonschema looks a ``$ref`` up again every time it meets one, which was most of the time a page
    took to validate; written out, the same checks run twice as fast and report the same errors.
    A reference with other keywords beside it becomes ``allOf: [definition]``, which means the same
    in JSON Schema 2020-12. A recursive definition is written out ``UNROLL`` levels deep and keeps
    its ``$ref`` below that (``$defs`` stays), so documents nested deeper are still checked in full.
    """
    defs = schema.get("$defs", {})

    def expand(node: Any, depth: dict[str, int]) -> Any:
        if isinstance(node, list):
            return [expand(item, depth) for item in node]
        if not isinstance(node, dict):
            return node
        out = {key: expand(value, depth) for key, value in node.items() if key not in ("$ref", "$defs")}
        ref = node.get("$ref")
        name = ref[len(DEFS):] if isinstance(ref, str) and ref.startswith(DEFS) else None
        if name in defs and depth.get(name, 0) < UNROLL:
            target = expand(defs[name], {**depth, name: depth.get(name, 0) + 1})
            if not out:
                return target
            out["allOf"] = [*out.get("allOf", []), target]
        elif ref is not None:
            out["$ref"] = ref
        return out

    inlined = expand(schema, {})
    if defs:
        inlined["$defs"] = defs
    return inlined


@lru_cache(maxsize=None)
def _quick(name: str):
    return quick_check(validator(name).schema, validator(name).format_checker)


def validate(doc: Document, schema_name: str) -> list[Problem]:
    """All problems of ``doc`` against ``macros/schemas/<schema_name>.schema.json``.

    A quick yes/no check goes first (``macros/core/quickcheck.py``); jsonschema itself runs only to
    locate and word the problems of a file that has some.
    """
    quick = _quick(schema_name)
    if quick is not None and quick(doc.data):
        return []
    return validate_with(doc, validator(schema_name))


def validate_with(doc: Document, checker: Draft202012Validator) -> list[Problem]:
    """All schema problems of ``doc``, one per mistake, each at its value's line (an unknown field at its own).

    The errors that follow from another one go: when another says the same mistake better (``_said_better``),
    when its value is empty and another error says so (``_empty_said``), when the field it finds missing is
    there misspelt (``_misspelt_elsewhere``), or when it comes from the branch an ``if`` chose on a field that
    is itself missing or wrong (``_branch_of_wrong_field``).
    """
    leaves = [_leaf(err) for err in checker.iter_errors(doc.data)]
    return sorted({doc.error(tuple(leaf.absolute_path) + tuple(_unknown_fields(leaf)[:1]), _message(leaf))
                   for leaf in leaves
                   if not (_said_better(leaf, leaves) or _empty_said(leaf, leaves) or _misspelt_elsewhere(leaf, leaves)
                           or _branch_of_wrong_field(leaf, leaves, checker.schema))})


def _unknown_fields(err: ValidationError) -> list:
    """The fields an ``additionalProperties`` error refuses, in the order written (none for any other error)."""
    if err.validator != "additionalProperties":  # a rule jsonschema applies to mappings only
        return []
    return [key for key in err.instance if key not in err.schema.get("properties", {})]


def _said_better(err: ValidationError, others: Sequence[ValidationError]) -> bool:
    """Is ``err`` an unknown-field error that another error on the same value says better?

    A value can be checked by a general schema and by the branch it evidently belongs to: a page block
    by the block schema (every kind's fields) and, through ``if``/``then``, by its kind's own (a
    paragraph block's). One unknown field then fails both. The branch's error is the one to report:
    its schema names a field the value has (the kind key), allows fewer fields than the general one
    and so names every field the general error names, and its allowed list is what the value may hold.
    """
    unknown = set(_unknown_fields(err))
    if not unknown:
        return False
    allowed, fields, where = set(err.schema.get("properties", {})), set(err.instance), tuple(err.absolute_path)

    def says_better(other: ValidationError) -> bool:
        narrower = set(other.schema.get("properties", {}))
        return (tuple(other.absolute_path) == where and set(_unknown_fields(other)) >= unknown
                and narrower < allowed and bool(narrower & fields))

    return any(says_better(other) for other in others if other is not err)


def _says_empty(err: ValidationError) -> bool:
    """Is ``err`` a minimum length or count failed by an empty value (``''`` or ``[]``)?"""
    return err.validator in ("minLength", "minItems") and isinstance(err.instance, (str, list)) and not err.instance


def _empty_said(err: ValidationError, others: Sequence[ValidationError]) -> bool:
    """Is ``err`` another error of a value that is empty, which an error saying it is empty reports?

    An empty value fails its pattern (or format) too; "should be non-empty" is the mistake, and the
    pattern's failure follows from it.
    """
    where = tuple(err.absolute_path)
    return not _says_empty(err) and any(_says_empty(other) and tuple(other.absolute_path) == where for other in others)


def _missing_fields(err: ValidationError) -> set:
    """The fields a ``required`` error finds missing, with those of the other ways of an ``anyOf``/``oneOf``
    it is one of (a block needs paragraph, or list, or ...), or that another field present needs
    (``dependentRequired``). Both rules apply to mappings only."""
    if err.validator == "dependentRequired":
        return {name for key, names in err.validator_value.items() if key in err.instance
                for name in names if name not in err.instance}
    if err.validator != "required":
        return set()
    ways = err.parent.context if err.parent is not None and err.parent.validator in ("anyOf", "oneOf") else [err]
    return {name for way in ways if way.validator == "required" and isinstance(way.validator_value, list)
            for name in way.validator_value if name not in err.instance}


def _misspelt_elsewhere(err: ValidationError, others: Sequence[ValidationError]) -> bool:
    """Is ``err`` a missing field that the same mapping has under a misspelt name (``titel:`` for ``title:``)?

    The unknown field's error names it at its line and lists the allowed names, the missing one among them;
    an unknown field not like any missing name is a separate mistake and leaves this error be.
    """
    missing = _missing_fields(err)
    where = tuple(err.absolute_path)
    return bool(missing) and any(
        _misspelling(str(field), name) for other in others if tuple(other.absolute_path) == where
        for field in _unknown_fields(other) for name in missing)


MISSPELT = 0.75  # how alike (difflib's ratio) an unknown field and a missing one must be to be one misspelling


def _misspelling(written: str, meant: str) -> bool:
    """Could ``written`` be ``meant`` misspelt: alike (``MISSPELT``), or two neighbouring letters swapped
    (``ulr`` for ``url``, which is too short for the ratio)?"""
    return difflib.SequenceMatcher(None, written, meant).ratio() >= MISSPELT or any(
        written == meant[:i] + meant[i + 1] + meant[i] + meant[i + 2:] for i in range(len(meant) - 1))


# Keywords of a schema path that step into the value's members (the instance path gets one step), and those
# followed by a name or index in the schema path.
_INTO_MEMBER = {"properties", "patternProperties", "additionalProperties", "items", "prefixItems", "contains",
                "unevaluatedProperties", "unevaluatedItems", "additionalItems"}
_NAMED = {"properties", "patternProperties", "prefixItems", "allOf", "anyOf", "oneOf", "dependentSchemas"}


def _branch_of_wrong_field(err: ValidationError, others: Sequence[ValidationError], schema: Mapping) -> bool:
    """Is ``err`` from the ``else`` an ``if`` chose because a field it tests is missing or wrong?

    A true/false question needs ``answer`` and the others ``options``, chosen by ``type``; with ``type``
    left out the ``if`` fails, and "'options' is required" follows from the missing type, which is
    reported. Errors of the ``if``'s fields from outside this ``if``/``else`` are what the editor fixes.
    """
    steps = list(err.absolute_schema_path)
    if "else" not in steps:
        return False
    at = len(steps) - 1 - steps[::-1].index("else")
    defs = {DEFS + name: definition for name, definition in schema.get("$defs", {}).items()}
    node: Any = schema
    for step in steps[:at]:
        # jsonschema's path goes on into what a reference names as if it were written out: follow it
        seen: set = set()
        while isinstance(node, dict) and step not in node and node.get("$ref") in defs and node["$ref"] not in seen:
            seen.add(node["$ref"])
            node = defs[node["$ref"]]
        if not isinstance(node, (dict, list)) or (isinstance(node, dict) and step not in node):
            return False  # a reference to another file: leave the error be
        node = node[step]
    test = node.get("if") if isinstance(node, dict) else None
    if not isinstance(test, dict):
        return False
    deeper, i = 0, at + 1
    while i < len(steps):
        deeper += steps[i] in _INTO_MEMBER
        i += 2 if steps[i] in _NAMED else 1
    if deeper > len(err.absolute_path):
        return False
    value_path = tuple(err.absolute_path)[: len(err.absolute_path) - deeper]
    fields = set(test.get("required", [])) | set(test.get("properties", {}))
    branch = tuple(steps[:at])

    def of_tested_field(other: ValidationError) -> bool:
        if tuple(other.absolute_schema_path)[: len(branch) + 1] in (branch + ("then",), branch + ("else",)):
            return False
        path = tuple(other.absolute_path)
        return ((len(path) > len(value_path) and path[: len(value_path)] == value_path
                 and path[len(value_path)] in fields)
                or (path == value_path and bool(_missing_fields(other) & fields)))

    return any(of_tested_field(other) for other in others if other is not err)


def _leaf(err: ValidationError) -> ValidationError:
    """For oneOf/anyOf failures report the most relevant branch, not all of them."""
    while err.context:
        err = min(err.context, key=lambda e: (-len(e.absolute_path), e.validator in ("oneOf", "anyOf")))
    return err


def _message(err: ValidationError) -> str:
    where = _dotted(err.absolute_path)
    prefix = f"{where}: " if where else ""
    if err.validator == "additionalProperties":
        extra = sorted(_unknown_fields(err))
        allowed = ", ".join(sorted(err.schema.get("properties", {})))
        return f"{prefix}unknown field{'s' if len(extra) > 1 else ''} {', '.join(map(repr, extra))} (allowed: {allowed})"
    if err.validator == "required":
        return f"{prefix}{err.message.replace(' is a required property', '')} is required"
    if err.validator == "dependentRequired":
        needed, missing = next((key, name) for key, names in err.validator_value.items() if key in err.instance
                               for name in names if name not in err.instance)
        what = err.schema.get("properties", {}).get(missing, {}).get("description")
        return f"{prefix}{missing!r} is required with {needed!r}" + (f": {what}" if what else "")
    if err.validator == "enum":
        return f"{prefix}{err.instance!r} is not one of {', '.join(map(repr, err.validator_value))}"
    if err.validator == "format":
        return f"{prefix}{err.instance!r} is not a valid {err.validator_value}"
    if err.validator == "pattern":
        hint = err.schema.get("description") or f"it must match {err.validator_value}"
        note = lookalike_note(err.instance) if isinstance(err.instance, str) else ""
        return f"{prefix}{err.instance!r} is not valid: {hint}{note}"
    if err.validator == "type":
        found = _JSON_TYPES.get(type(err.instance), type(err.instance).__name__)
        return f"{prefix}expected {_type_name(err.validator_value)}, found {_type_name(found)}"
    return f"{prefix}{err.message}"


def _dotted(path: Any) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


_JSON_TYPES = {dict: "object", list: "array", str: "string", bool: "boolean", int: "integer", float: "number",
               type(None): "null"}
_TYPE_NAMES = {"object": "a mapping (key: value)", "array": "a list", "string": "text", "boolean": "true or false",
               "integer": "a whole number", "number": "a number", "null": "nothing"}


def _type_name(types: str | list) -> str:
    """A JSON Schema type (or a list of them) as the editor reads it."""
    return " or ".join(_TYPE_NAMES.get(t, t) for t in ([types] if isinstance(types, str) else types))


def schema_line_problems(root: Path, doc: Document, comment: str, what: str) -> list[Problem]:
    """An error unless line 1 of ``doc`` is ``comment``, the schema line editors' IDEs read to check ``what``."""
    try:
        text = (Path(root) / doc.path).read_text(encoding="utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError):
        return []  # loading the file already reported why
    if text.split("\n", 1)[0].rstrip() != comment:
        return [Problem.error(doc.path, 1, f"line 1 must be `{comment}` so editors check {what} as you type")]
    return []


@dataclass(frozen=True)
class Validated:
    """A content file of one kind, loaded and checked against its schema (``load_validated``)."""

    path: str                       # project-relative, as problems name it
    exists: bool = False
    doc: Document | None = None     # None when the file is missing or unusable
    problems: tuple[Problem, ...] = ()

    @property
    def clean(self) -> bool:
        """Loaded with no problem: the kind's objects can be built from ``doc.data`` as the schema says."""
        return self.doc is not None and not self.problems


def load_validated(project: Project, relpath: str, schema: str, *, schema_line: str | None = None,
                   what: str = "") -> Validated:
    """``relpath`` of ``project`` loaded once (``Project.try_load``) and checked against ``schema``.

    A missing file is ``exists=False`` with no problems (the kind is empty); a file that cannot be
    loaded has its loading problems and no ``doc``; otherwise ``problems`` are the schema's, and, when
    ``schema_line`` is given, an error unless line 1 is that comment (which IDEs read to check ``what``).
    """
    path = project.root / relpath
    if not path.exists():
        return Validated(relpath)
    doc, problems = project.try_load(path)
    if doc is None:
        return Validated(relpath, True, None, tuple(problems))
    problems = validate(doc, schema)
    if schema_line is not None:
        problems += schema_line_problems(project.root, doc, schema_line, what)
    return Validated(doc.path, True, doc, tuple(sorted(problems)))


# --- what a kind loads into ------------------------------------------------------------------------

T = TypeVar("T")
L = TypeVar("L", bound="Loaded")


class Loaded:
    """What a content file loads into (a kind's value): it carries the file's own ``problems``."""

    problems: Sequence[Problem]

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop a build."""
        return [p for p in self.problems if p.is_error]

    def require_valid(self: L) -> L:
        """This value, or ``ContentError`` with its errors when the file has any (for the build)."""
        if self.errors:
            raise ContentError(self.errors)
        return self


class ById(Loaded, Generic[T]):
    """A kind's entries by id, read as a collection (``id in x``, ``x[id]``, ``for entry in x``), with
    ``nearest(id)`` for "did you mean" messages. ``ENTRIES`` names the field that holds them."""

    ENTRIES: ClassVar[str]
    CUTOFF: ClassVar[float] = 0.4   # how alike an id must be to be offered (difflib's ratio)

    def _entries(self) -> Mapping[str, T]:
        return getattr(self, self.ENTRIES)

    def __contains__(self, key: object) -> bool:
        return key in self._entries()

    def __getitem__(self, key: str) -> T:
        return self._entries()[key]

    def __iter__(self) -> Iterator[T]:
        return iter(self._entries().values())

    def nearest(self, key: str, n: int = 3) -> list[str]:
        """The ids most like ``key``, best first."""
        return difflib.get_close_matches(key, list(self._entries()), n=n, cutoff=self.CUTOFF)
