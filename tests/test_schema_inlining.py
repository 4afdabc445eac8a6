"""``macros.core.schemas`` validates with its schemas' references written out in place (twice as fast).

The written-out schema must accept and reject exactly what the schema file does, with the same
messages at the same lines: checked here on the real content, on many broken copies of it, and on
sections nested deeper than the references are written out.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Iterator

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from macros.core.schemas import SCHEMA_DIR, UNROLL, inline_refs, validate_with, validator
from macros.core.yamlsource import Document, LineMap, load_yaml
from tests.support.sites import REPO

SCHEMAS = sorted(p.name.removesuffix(".schema.json") for p in SCHEMA_DIR.glob("*.schema.json"))
CONTENT = {
    "page": sorted((REPO / "content_src" / "pages").glob("*.yaml")),
    "quiz-bank": sorted((REPO / "quiz" / "banks").glob("*.yaml")),
    "sources": [REPO / "content_src" / "sources.yaml"],
    "care-cards": [REPO / "content_src" / "care_cards.yaml"],
    "urgent-care": [REPO / "content_src" / "urgent_care.yaml"],
    "glossary": [REPO / "content_src" / "glossary.yaml"],
    "reviewers": [REPO / "content_src" / "reviewers.yaml"],
    # a site has content_src/moved.yaml only once a page has moved: until then, an example in the real format
    "moved": sorted((REPO / "content_src").glob("moved.yaml")) or [REPO / "tests/fixtures/content/moved.yaml"],
}


def _original(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"]
        for key, value in node.items():
            if key != "$defs":
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def _mutations(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, str, Any]]:
    """(path, kind, new value) for one mistake at every place in the document."""
    if isinstance(data, dict):
        yield path, "unknown field", {**data, "zz_unknown": "x"}
        for key in list(data)[:3]:
            yield path, "missing field", {k: v for k, v in data.items() if k != key}
        for key, value in data.items():
            yield from _mutations(value, path + (key,))
    elif isinstance(data, list):
        yield path, "wrong type", "not a list"
        yield path, "empty list", []
        for index, item in enumerate(data[:2]):
            yield from _mutations(item, path + (index,))
    elif isinstance(data, str):
        yield path, "wrong type", 12
        yield path, "bad text", "Not A Valid id or date!"
        yield path, "empty text", ""
    elif isinstance(data, bool):
        yield path, "wrong type", "yes"


def _set(data: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    data = copy.copy(data)
    data[path[0]] = _set(data[path[0]], path[1:], value)
    return data


@pytest.mark.parametrize("name", SCHEMAS)
def test_written_out_schema_keeps_only_recursive_references(name):
    schema = validator(name).schema
    Draft202012Validator.check_schema(schema)
    assert set(_refs(schema)) <= {"#/$defs/section"}


@pytest.mark.parametrize("name", SCHEMAS)
def test_same_problems_on_real_content_and_broken_copies(name):
    files = CONTENT[name]
    assert files
    original, fast = _original(name), validator(name)
    docs = [load_yaml(file) for file in files]
    for doc in docs:
        assert validate_with(doc, fast) == validate_with(doc, original) == []
    broken = [(doc, path, kind, value) for doc in docs for path, kind, value in _mutations(doc.data)]
    step = max(1, len(broken) // 300)  # an even sample of every kind of mistake, everywhere
    for doc, path, kind, value in broken[::step]:
        mutated = Document(doc.path, _set(doc.data, path, value), doc.where)
        assert validate_with(mutated, fast) == validate_with(mutated, original), (doc.path, path, kind)
    assert len(broken[::step]) > 100 or (step == 1 and len(broken) >= 10)  # many, or all of a small file's


def test_sections_nested_deeper_than_written_out_are_still_checked():
    section: dict = {"id": "deepest", "heading": "Deep", "blocks": [{"paragraph": "x", "cite": ["Bad Key"]}]}
    for level in range(UNROLL + 3):
        section = {"id": f"level-{level}", "heading": "Level", "sections": [section]}
    data = {"title": "T", "description": "d" * 60, "sections": [section],
            "review": {"last_reviewed": "2026-11-22", "next_review_due": "2027-11-22",
                       "checked_against": ["nhs-back-pain"], "checked_by": "editors"}}
    doc = Document("p.yaml", data, LineMap())
    expected = validate_with(doc, _original("page"))
    assert expected and any("Bad Key" in str(p) for p in expected)
    assert validate_with(doc, validator("page")) == expected


def test_a_reference_beside_other_keywords_becomes_all_of():
    schema = {"$defs": {"n": {"type": "integer"}}, "properties": {"a": {"$ref": "#/$defs/n", "minimum": 3}}}
    out = inline_refs(schema)
    assert out["properties"]["a"] == {"minimum": 3, "allOf": [{"type": "integer"}]}
    assert out["$defs"] == schema["$defs"]
