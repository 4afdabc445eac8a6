"""Schema errors become one located, readable problem per failing value."""

from jsonschema import Draft202012Validator, FormatChecker

from macros.core.schemas import validate_with
from macros.core.yamlsource import parse_yaml

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


# --- load_validated: one content kind's file, loaded and checked once ------------------------------

GLOSSARY_LINE = "# yaml-language-server: $schema=../macros/schemas/glossary.schema.json\n"


def _validated(tmp_path, text: str | None):
    from macros.core.project import Project
    from macros.core.schemas import load_validated

    if text is not None:
        (tmp_path / "content_src").mkdir(exist_ok=True)
        (tmp_path / "content_src" / "glossary.yaml").write_text(text, encoding="utf-8")
    return load_validated(Project(tmp_path), "content_src/glossary.yaml", "glossary",
                          schema_line=GLOSSARY_LINE.rstrip("\n"), what="the glossary")


def test_a_missing_file_is_an_empty_kind_with_no_problems(tmp_path):
    found = _validated(tmp_path, None)
    assert (found.exists, found.doc, found.problems, found.clean) == (False, None, (), False)
    assert found.path == "content_src/glossary.yaml"


def test_a_file_that_does_not_load_has_its_loading_problems_and_no_document(tmp_path):
    found = _validated(tmp_path, GLOSSARY_LINE + "terms: [\n")
    assert found.exists and found.doc is None and not found.clean
    assert [p.path for p in found.problems] == ["content_src/glossary.yaml"] and found.problems[0].is_error


def test_schema_and_first_line_problems_come_sorted_at_their_lines(tmp_path):
    found = _validated(tmp_path, "terms:\n  - id: x\n")
    assert found.doc is not None and not found.clean
    messages = [p.format() for p in found.problems]
    assert messages[0] == ("content_src/glossary.yaml:1: error: line 1 must be `" + GLOSSARY_LINE.rstrip("\n")
                           + "` so editors check the glossary as you type")
    assert any(m.startswith("content_src/glossary.yaml:2:") and "is required" in m for m in messages[1:]), messages
    assert list(found.problems) == sorted(found.problems)


def test_a_clean_file_is_ready_to_build_from(tmp_path):
    found = _validated(tmp_path, GLOSSARY_LINE + "terms:\n  - id: mri\n    term: MRI scan\n"
                       "    definition: A scan that uses magnets.\n    cite: [nice-ng234]\n")
    assert found.clean and found.problems == () and found.doc.data["terms"][0]["id"] == "mri"


# --- one unknown field, one message, from the schema the value is meant for -------------------------------

BRANCHED = Draft202012Validator({
    "type": "object",
    "additionalProperties": False,
    "properties": {"note": True, "table": True, "cite": True, "colour": True},
    "allOf": [
        {"if": {"required": ["note"]}, "then": {"additionalProperties": False, "properties": {"note": True, "cite": True}}},
        {"if": {"required": ["colour"]}, "then": {"additionalProperties": False, "properties": {"table": True}}},
    ],
})


def _branched(text: str) -> list[str]:
    return [p.format() for p in validate_with(parse_yaml(text.encode(), "f.yaml"), BRANCHED)]


def test_an_unknown_field_is_said_once_by_the_branch_the_value_is_meant_for():
    # the general schema and the note branch both refuse 'size': the note branch, whose fields the value uses, says it
    assert _branched("note: x\nsize: 3\n") == ["f.yaml:2:1: error: unknown field 'size' (allowed: cite, note)"]
    # the branch names every field the general schema refuses, and more: its message says all of them
    assert _branched("note: x\ntable: t\nsize: 3\n") == [
        "f.yaml:2:1: error: unknown fields 'size', 'table' (allowed: cite, note)"]
    # no branch applies: the general schema's message stands
    assert _branched("table: t\nsize: 3\n") == ["f.yaml:2:1: error: unknown field 'size' (allowed: cite, colour, note, table)"]


def test_a_branch_that_names_none_of_the_values_fields_does_not_speak_for_it():
    # 'colour' brings in a branch allowing only 'table', which the value does not have: both messages stay
    assert _branched("colour: red\nsize: 3\n") == [
        "f.yaml:1:1: error: unknown fields 'colour', 'size' (allowed: table)",
        "f.yaml:2:1: error: unknown field 'size' (allowed: cite, colour, note, table)",
    ]


def test_an_unknown_field_anywhere_in_the_real_content_is_one_message():
    """Every schema, every mapping of every real content file: one added field gives one problem naming it."""
    from macros.core.schemas import validator
    from macros.core.yamlsource import Document, load_yaml
    from tests.test_schema_inlining import CONTENT, _mutations, _set

    checked = 0
    for name, files in CONTENT.items():
        for file in files:
            doc = load_yaml(file)
            for path, kind, value in _mutations(doc.data):
                if kind != "unknown field":
                    continue
                problems = validate_with(Document(doc.path, _set(doc.data, path, value), doc.where), validator(name))
                unknown = [p.format() for p in problems if "unknown field 'zz_unknown'" in p.message]
                assert len(unknown) <= 1, unknown
                checked += len(unknown)
    assert checked > 100


# --- one mistake, one message: errors that follow from another are not said again --------------------------

KNOCK_ONS = Draft202012Validator({
    "type": "object",
    "additionalProperties": False,
    "required": ["title", "kind"],
    "properties": {
        "title": {"type": "string", "minLength": 1, "pattern": "^[^\\n]*\\S[^\\n]*$",
                  "description": "One line of text (no line breaks)."},
        "when": {"type": "string", "minLength": 1, "format": "date"},
        "tags": {"type": "array", "minItems": 1, "items": {"type": "string"}},
        "kind": {"enum": ["single", "yes_no"]},
        "answer": {"type": "boolean"},
        "options": {"type": "array"},
        "block": {
            "type": "object", "additionalProperties": False,
            "properties": {"paragraph": True, "list": True, "cite": True},
            "anyOf": [{"required": ["paragraph"]}, {"required": ["list"]}],
        },
    },
    "if": {"properties": {"kind": {"const": "yes_no"}}, "required": ["kind"]},
    "then": {"required": ["answer"]},
    "else": {"required": ["options"]},
}, format_checker=FormatChecker())


def _knock_ons(text: str) -> list[str]:
    return [p.format() for p in validate_with(parse_yaml(text.encode(), "f.yaml"), KNOCK_ONS)]


def test_an_empty_value_is_said_to_be_empty_once():
    # '' fails minLength and, since it has no character, the pattern (and a format) too: one mistake, said once
    assert _knock_ons('title: ""\nkind: yes_no\nanswer: true\n') == ["f.yaml:1:1: error: title: '' should be non-empty"]
    assert _knock_ons('title: x\nwhen: ""\nkind: yes_no\nanswer: true\n') == [
        "f.yaml:2:1: error: when: '' should be non-empty"]
    # a value that is there but wrong still says why
    assert _knock_ons('title: " "\nkind: yes_no\nanswer: true\n') == [
        "f.yaml:1:1: error: title: ' ' is not valid: One line of text (no line breaks)."]


def test_two_empty_values_are_two_messages():
    assert _knock_ons('title: ""\nwhen: ""\ntags: []\nkind: yes_no\nanswer: true\n') == [
        "f.yaml:1:1: error: title: '' should be non-empty",
        "f.yaml:2:1: error: when: '' should be non-empty",
        "f.yaml:3:1: error: tags: [] should be non-empty",
    ]


def test_a_misspelt_required_field_is_said_once_at_its_line():
    # 'titel' is unknown and 'title' missing: one misspelling, named where it is, with the names allowed
    assert _knock_ons("kind: yes_no\nanswer: true\ntitel: x\n") == [
        "f.yaml:3:1: error: unknown field 'titel' (allowed: answer, block, kind, options, tags, title, when)"]
    # one of the fields an anyOf asks for, misspelt: the same
    assert _knock_ons("title: x\nkind: yes_no\nanswer: true\nblock:\n  paragrap: Text.\n  cite: [a]\n") == [
        "f.yaml:5:3: error: block: unknown field 'paragrap' (allowed: cite, list, paragraph)"]
    # two letters swapped in a short name
    assert _knock_ons("kind: yes_no\nanswer: true\ntitle: x\nknid: single\n") == [
        "f.yaml:4:1: error: unknown field 'knid' (allowed: answer, block, kind, options, tags, title, when)"]


def test_an_unknown_field_unlike_the_missing_one_is_a_separate_mistake():
    assert _knock_ons("kind: yes_no\nanswer: true\ncolour: red\n") == [
        "f.yaml:1:1: error: 'title' is required",
        "f.yaml:3:1: error: unknown field 'colour' (allowed: answer, block, kind, options, tags, title, when)"]
    assert _knock_ons("title: x\nkind: yes_no\nanswer: true\nblock:\n  colour: red\n") == [
        "f.yaml:4:1: error: block: 'paragraph' is required",
        "f.yaml:5:3: error: block: unknown field 'colour' (allowed: cite, list, paragraph)"]


def test_a_branch_chosen_because_its_field_is_missing_or_wrong_says_nothing():
    # with kind missing the if fails and the else asks for options: that follows from the missing kind
    assert _knock_ons("title: x\nanswer: true\n") == ["f.yaml:1:1: error: 'kind' is required"]
    assert _knock_ons("title: x\nkind: yes-no\nanswer: true\n") == [
        "f.yaml:2:1: error: kind: 'yes-no' is not one of 'single', 'yes_no'"]
    # kind is right: what its branch asks for is the mistake
    assert _knock_ons("title: x\nkind: single\nanswer: true\n") == ["f.yaml:1:1: error: 'options' is required"]
    assert _knock_ons("title: x\nkind: yes_no\n") == ["f.yaml:1:1: error: 'answer' is required"]
