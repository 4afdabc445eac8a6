"""The strict YAML loader: plain values, a line for every value, and located refusals."""

import pytest

from macros.core.problems import ContentError
from macros.core.yamlsource import parse_yaml


def _errors(raw: bytes) -> list[str]:
    with pytest.raises(ContentError) as info:
        parse_yaml(raw, "x.yaml")
    return [p.format() for p in info.value.problems]


def test_values_and_lines():
    doc = parse_yaml(b"a: 1\nb:\n  - c: 2026-11-22\n  - d: true\n", "x.yaml")
    assert doc.data == {"a": 1, "b": [{"c": "2026-11-22"}, {"d": True}]}
    assert doc.line("b", 1, "d") == 4
    assert doc.line("b", 0, "c") == 3
    assert doc.line("b", 5) == 2  # unknown paths fall back to the nearest known ancestor


def test_dates_stay_strings_so_schemas_can_check_them():
    assert parse_yaml(b"when: 2026-11-22\n", "x.yaml").data == {"when": "2026-11-22"}


def test_duplicate_key_names_both_lines():
    assert _errors(b"a: 1\nb: 2\na: 3\n") == [
        "x.yaml:3: error: duplicate key 'a' (first defined on line 1); YAML would silently keep only the last one"]


def test_aliases_are_refused():
    assert "anchors and aliases" in _errors(b"a: &x [1, 2]\nb: *x\n")[0]


def test_syntax_error_is_located():
    [msg] = _errors(b"a: 1\nb: [1, 2\nc: 3\n")
    assert msg.startswith("x.yaml:3:") and "YAML syntax error" in msg


def test_tabs_in_indentation_are_located():
    assert _errors(b"a:\n\t- 1\n") == ["x.yaml:2:1: error: tab character in indentation; YAML needs spaces"]


def test_non_utf8_names_the_line():
    assert _errors(b"a: 1\nb: caf\xe9\n") == ["x.yaml:2: error: file is not valid UTF-8 text (save it with UTF-8 encoding)"]


def test_empty_and_comment_only_files():
    assert _errors(b"") == ["x.yaml:1: error: file is empty"]
    assert _errors(b"# only a comment\n\n") == ["x.yaml:1: error: file is empty"]


def test_huge_file_is_refused_before_parsing():
    [msg] = _errors(b"a: " + b"x" * 1_000_001)
    assert "content files must be under 1,000,000 bytes" in msg


# --- values read exactly as written (no YAML 1.1 surprises) ---------------------------------

@pytest.mark.parametrize("typed, reading", [
    ("0123456", "the number 42798"),   # octal in YAML 1.1: PubMed record 42798, not 0123456
    ("12:30", "the number 750"),       # sexagesimal
    ("no", "false"),
    ("Yes", "true"),
    ("off", "false"),
    ("1e3", "YAML 1.2"),               # text to PyYAML, a number to editors' IDEs
    ("1.10", "the number 1.1"),        # a version or a DOI prefix would lose its zero
    ("0x1F", "the number 31"),
    ("1_000", "the number 1000"),
    ("+1", "the number 1"),
    ("NULL", "null"),
    (".inf", "the number inf"),
])
def test_an_ambiguous_plain_value_asks_for_quotes_at_its_line(typed, reading):
    with pytest.raises(ContentError) as info:
        parse_yaml(f"id: x\nvalue: {typed}\n".encode(), "f.yaml")
    [problem] = info.value.problems
    assert problem.format().startswith(f"f.yaml:2:8: error: {typed} is ambiguous: ")
    assert reading in problem.message
    assert f'put it in quotes ("{typed}")' in problem.message


@pytest.mark.parametrize("typed", ['"0123456"', "'12:30'", '"no"', '"1e3"', "!!str 0123"])
def test_quoted_or_tagged_text_keeps_the_characters_typed(typed):
    assert parse_yaml(f"value: {typed}\n".encode(), "f.yaml").data["value"] == typed.strip("\"'").removeprefix("!!str ")


def test_plain_values_that_mean_one_thing_keep_their_type():
    doc = parse_yaml(b"year: 2026\nneg: -3\nzero: 0\nyes_: true\nno_: false\nnothing: null\nempty:\n"
                     b"text: 10.1000/abc\nversion: 3.0.1\n", "f.yaml")
    assert doc.data == {"year": 2026, "neg": -3, "zero": 0, "yes_": True, "no_": False, "nothing": None,
                        "empty": None, "text": "10.1000/abc", "version": "3.0.1"}


@pytest.mark.parametrize("text", ["title: Area in m²\n", "formula: CO₂\n", "notes: |\n  ² marks a footnote\n"])
def test_a_superscript_at_a_line_end_is_text_not_a_crash(text):
    """A superscript or subscript digit beside no digit is ordinary text (m², CO₂), even first or last on its line:
    it was read against an empty neighbour, which raised a traceback."""
    assert parse_yaml(text.encode("utf-8"), "x.yaml").data


def test_a_superscript_digit_beside_digits_is_refused_at_its_column():
    with pytest.raises(ContentError) as raised:
        parse_yaml("phone: 99⁹\n".encode("utf-8"), "x.yaml")
    assert str(raised.value).startswith("x.yaml:1:10: error: U+2079 SUPERSCRIPT NINE at column 10 is not the digit 9")
