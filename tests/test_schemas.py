"""Schema errors become one located, readable problem per failing value."""

from jsonschema import Draft202012Validator, FormatChecker

from macros.schemas import validate_with
from macros.yamlsource import parse_yaml

SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["title", "items"],
    "properties": {
        "title": {"type": "string"},
        "when": {"type": "string", "format": "date"},
        "kind": {"enum": ["a", "b"]},
        "items": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "properties": {"key": {"type": "string", "pattern": "^[a-z]+$",
                                   "description": "lowercase letters only"}}}},
    },
}
CHECKER = Draft202012Validator(SCHEMA, format_checker=FormatChecker())


def _problems(text: str) -> list[str]:
    return [p.format() for p in validate_with(parse_yaml(text.encode(), "f.yaml"), CHECKER)]


def test_valid_document_has_no_problems():
    assert _problems("title: x\nitems:\n  - key: abc\n") == []


def test_unknown_field_is_named_with_allowed_fields():
    assert _problems("title: x\nitems: []\ncolour: red\n") == [
        "f.yaml:3:1: error: unknown field 'colour' (allowed: items, kind, title, when)"]


def test_missing_required_field():
    assert _problems("title: x\n") == ["f.yaml:1:1: error: 'items' is required"]


def test_nested_problem_points_at_its_own_line():
    out = _problems("title: x\nitems:\n  - key: abc\n  - key: ABC\n")
    assert out == ["f.yaml:4:5: error: items[1].key: 'ABC' is not valid: lowercase letters only"]


def test_wrong_type_is_said_in_plain_words():
    assert _problems("title: [1]\nitems: []\n") == ["f.yaml:1:1: error: title: expected text, found a list"]


def test_bad_date_and_enum():
    out = _problems("title: x\nitems: []\nwhen: 2026-13-01\nkind: c\n")
    assert out == [
        "f.yaml:3:1: error: when: '2026-13-01' is not a valid date",
        "f.yaml:4:1: error: kind: 'c' is not one of 'a', 'b'",
    ]
