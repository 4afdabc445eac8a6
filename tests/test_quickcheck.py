"""``macros.core.quickcheck``: the fast yes/no schema check agrees with jsonschema on every document.

If it ever said "valid" where jsonschema finds a problem, a mistake would pass the build silently;
so it is compared with jsonschema on the real content and on hundreds of broken copies of it.
"""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from macros.core.quickcheck import quick_check
from macros.core.schemas import _quick, validate, validator
from macros.core.yamlsource import Document, LineMap, load_yaml
from tests.test_schema_inlining import CONTENT, SCHEMAS, _mutations, _set


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_real_schema_gets_a_quick_check(name):
    assert _quick(name) is not None


@pytest.mark.parametrize("name", SCHEMAS)
def test_quick_check_agrees_with_jsonschema_on_real_content_and_broken_copies(name):
    quick, full = _quick(name), validator(name)
    docs = [load_yaml(file) for file in CONTENT[name]]
    broken = [_set(doc.data, path, value) for doc in docs for path, _kind, value in _mutations(doc.data)]
    step = max(1, len(broken) // 400)
    samples = [doc.data for doc in docs] + broken[::step]
    verdicts = [(quick(data), next(full.iter_errors(data), None) is None) for data in samples]
    assert all(q == f for q, f in verdicts)
    invalid = sum(not f for _, f in verdicts)
    assert invalid > 100 or (step == 1 and invalid >= 8)  # the comparison saw many (or all) invalid documents


def test_validate_still_locates_problems_when_the_quick_check_fails():
    doc = Document("p.yaml", {"title": 5}, LineMap())
    problems = [str(p) for p in validate(doc, "page")]
    assert any("title" in p and "expected text" in p for p in problems)
    assert any("description" in p and "is required" in p for p in problems)


@pytest.mark.parametrize("schema, good, bad", [
    ({"type": "integer"}, 3, True),                                     # bool is not an integer
    ({"enum": [1, "a"]}, 1, True),                                      # nor equal to 1
    ({"uniqueItems": True}, [1, "1"], [1, 1.0]),
    ({"type": "string", "format": "date"}, "2026-02-28", "2026-02-30"),  # the real calendar
    ({"pattern": "^[a-z]+$"}, "abc", "abc1"),
    ({"minLength": 2}, "ab", "é"),
    ({"if": {"required": ["a"]}, "then": {"required": ["b"]}}, {"c": 1}, {"a": 1}),
    ({"anyOf": [{"required": ["a"]}, {"required": ["b"]}]}, {"b": 1}, {"c": 1}),
    ({"$defs": {"n": {"type": "number"}}, "items": {"$ref": "#/$defs/n"}}, [1, 2.5], [1, "x"]),
    ({"propertyNames": {"pattern": "^x"}}, {"xa": 1}, {"ya": 1}),
    ({"additionalProperties": False, "properties": {"a": {}}}, {"a": 1}, {"b": 1}),
])
def test_quick_check_keyword_by_keyword(schema, good, bad):
    quick = quick_check(schema)
    full = Draft202012Validator(schema, format_checker=FormatChecker())
    assert quick(good) is True and full.is_valid(good)
    assert quick(bad) is False and not full.is_valid(bad)


@pytest.mark.parametrize("schema", [
    {"unevaluatedProperties": False},
    {"$ref": "https://example.org/other.json"},
    {"properties": {"a": {"$dynamicRef": "#x"}}},
    {"items": {"$ref": "#/$defs/missing"}},
])
def test_schemas_it_does_not_understand_get_no_quick_check(schema):
    assert quick_check(schema) is None
