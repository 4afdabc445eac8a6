"""The page data format: what the schema and the rules reject, each at its exact path:line:col."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from macros.pages.loading import structure_problems
from macros.schemas import SCHEMA_DIR
from macros.yamlsource import parse_yaml

HEAD = """\
# yaml-language-server: $schema=../../macros/schemas/page.schema.json
title: Red flags
description: Warning signs that back pain could be caused by cancer and needs checking.
review:
  last_reviewed: 2026-11-22
  next_review_due: 2027-11-22
  review_type: Editorial check against NICE NG234
  clinician_reviewed: false
sections:
  - id: night-pain
    heading: Pain at night
    blocks:
"""  # blocks start on line 13


def problems(text: str) -> list[str]:
    return [p.format() for p in structure_problems(parse_yaml(text.encode(), "content_src/pages/p.yaml"))]


def with_blocks(blocks: str) -> list[str]:
    return problems(HEAD + blocks)


def test_schema_is_valid_draft_2020_12_and_closed_everywhere():
    schema = json.loads((SCHEMA_DIR / "page.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["additionalProperties"] is False

    def objects(node):
        if isinstance(node, dict):
            if node.get("type") == "object":
                yield node
            for value in node.values():
                yield from objects(value)
        elif isinstance(node, list):
            for value in node:
                yield from objects(value)

    closed = list(objects(schema))
    assert len(closed) >= 10
    assert all(o.get("additionalProperties") is False for o in closed)


def test_every_kind_of_block_is_accepted():
    assert with_blocks("""\
      - paragraph: "Text with **bold** and [a link](red-flags.md#night-pain)."
        cite: [nice-ng234]
      - list: [one, two]
        intro: "Lead-in:"
        ordered: true
        cite: [nhs-back-pain]
      - table:
          caption: Compared
          columns: [Feature, Common, Check]
          rows:
            - [Night pain, eases, wakes you]
          row_headers: true
        cite: [nice-ng234]
      - care_card:
          level: non-urgent
          action: "See a GP if:"
          items: [a, b]
          after: Closing words.
        cite: [nhs-back-pain]
      - callout:
          type: tip
          title: Remember
          text: A tip.
      - paragraph: Read the next page.
        no_citation_needed: navigation text only
""") == []


def test_factual_block_without_citation_is_rejected_at_the_block():
    assert with_blocks("      - paragraph: Night pain matters.\n") == [
        "content_src/pages/p.yaml:13:9: error: sections[0].blocks[0]: 'cite' is required: list the sources "
        "that support this block (cite: [source-key]), or say why it needs none (no_citation_needed: <reason>)"]


@pytest.mark.parametrize("block", ["list: [a]", "table: {caption: c, columns: [a, b], rows: [[x, y]]}",
                                   "care_card: {level: urgent, action: 'Act:', items: [a]}"])
def test_lists_tables_and_care_cards_need_citations_too(block):
    [message] = with_blocks(f"      - {block}\n")
    assert message.startswith("content_src/pages/p.yaml:13:9: error: sections[0].blocks[0]: 'cite' is required")


def test_callout_may_go_without_citation():
    assert with_blocks("      - callout: {type: note, text: A note.}\n") == []


def test_citation_and_excuse_together_are_rejected():
    assert with_blocks("""\
      - paragraph: Text.
        cite: [a]
        no_citation_needed: navigation only
""") == ["content_src/pages/p.yaml:15:9: error: a block either cites sources (cite) or says why it needs none "
         "(no_citation_needed), not both"]


def test_excuse_must_give_a_reason():
    [message] = with_blocks("      - paragraph: Text.\n        no_citation_needed: none\n")
    assert message == ("content_src/pages/p.yaml:14:9: error: sections[0].blocks[0].no_citation_needed: "
                       "'none' is too short")


def test_misspelt_block_type_is_named():
    assert with_blocks("      - parargaph: Text.\n        cite: [a]\n") == [
        "content_src/pages/p.yaml:13:9: error: sections[0].blocks[0]: a block needs one of: paragraph, list, "
        "table, care_card, callout",
        "content_src/pages/p.yaml:13:9: error: sections[0].blocks[0]: unknown field 'parargaph' (allowed: "
        "callout, care_card, cite, intro, list, no_citation_needed, ordered, paragraph, table)",
    ]


def test_field_of_another_block_type_is_unknown():
    assert with_blocks("      - paragraph: Text.\n        intro: Lead-in\n        cite: [a]\n") == [
        "content_src/pages/p.yaml:14:9: error: sections[0].blocks[0]: unknown field 'intro' "
        "(allowed: cite, no_citation_needed, paragraph)"]


def test_bad_source_key_points_at_the_key():
    assert with_blocks("      - paragraph: Text.\n        cite: [nice-ng234, NHS_Back]\n") == [
        "content_src/pages/p.yaml:14:28: error: sections[0].blocks[0].cite[1]: 'NHS_Back' is not valid: "
        "a source key: lowercase letters, digits and single hyphens"]


def test_care_card_level_is_one_of_three():
    assert with_blocks("""\
      - care_card:
          level: soon
          action: "Act:"
          items: [a]
        cite: [a]
""") == ["content_src/pages/p.yaml:14:11: error: sections[0].blocks[0].care_card.level: 'soon' is not one of "
         "'emergency', 'urgent', 'non-urgent'"]


def test_care_card_list_is_kept_short():
    [message] = with_blocks("""\
      - care_card: {level: urgent, action: "Act:", items: [a, b, c, d, e, f, g]}
        cite: [a]
""")
    assert message.startswith("content_src/pages/p.yaml:13:52: error: sections[0].blocks[0].care_card.items: ")
    assert "is too long" in message


def test_table_row_with_wrong_number_of_cells_is_reported_at_the_row():
    assert with_blocks("""\
      - table:
          caption: Compared
          columns: [Feature, Common, Check]
          rows:
            - [Night pain, eases, wakes you]
            - [Course, gets better]
        cite: [a]
""") == ["content_src/pages/p.yaml:18:15: error: row 2 has 2 cells but the table has 3 columns; "
         "give every row one cell per column"]


def test_section_id_must_be_lowercase_hyphenated():
    text = HEAD.replace("id: night-pain", "id: Night_Pain") + "      - paragraph: T.\n        cite: [a]\n"
    assert problems(text) == [
        "content_src/pages/p.yaml:10:5: error: sections[0].id: 'Night_Pain' is not valid: "
        "lowercase letters, digits and single hyphens, for example night-pain"]


def test_duplicate_section_id_is_reported_at_the_second_use():
    text = HEAD + """\
      - paragraph: T.
        cite: [a]
  - id: night-pain
    heading: Again
    blocks:
      - paragraph: T.
        cite: [a]
"""
    assert problems(text) == [
        "content_src/pages/p.yaml:15:5: error: duplicate section id 'night-pain' (first used on line 10); "
        "each section needs its own id, because it is the section's address"]


def test_sections_may_nest_but_not_beyond_h5():
    def nest(depth: int) -> str:
        lines, indent = [], "  "
        for d in range(depth):
            lines += [f"{indent}- id: s{d}", f"{indent}  heading: S{d}",
                      f"{indent}  blocks: [{{paragraph: T., cite: [a]}}]", f"{indent}  sections:"]
            indent += "    "
        lines += [f"{indent}- id: leaf", f"{indent}  heading: Leaf", f"{indent}  blocks: [{{callout: {{type: note, text: x}}}}]"]
        return HEAD.split("sections:\n")[0] + "sections:\n" + "\n".join(lines) + "\n"

    assert problems(nest(3)) == []
    [message] = problems(nest(4))
    assert message.endswith("error: sections nest 5 deep; at most 4 levels are possible (headings ## to #####)")


def test_description_length_is_checked():
    short = HEAD.replace("Warning signs that back pain could be caused by cancer and needs checking.", "Too short.")
    [message] = problems(short + "      - paragraph: T.\n        cite: [a]\n")
    assert message == "content_src/pages/p.yaml:3:1: error: description: 'Too short.' is too short"
    long = HEAD.replace("needs checking.", "needs checking. " + "x" * 120)
    [message] = problems(long + "      - paragraph: T.\n        cite: [a]\n")
    assert message.startswith("content_src/pages/p.yaml:3:1: error: description: ") and "is too long" in message


def test_review_needs_every_field_and_real_dates():
    text = HEAD.replace("  next_review_due: 2027-11-22\n", "  next_review_due: 2027-02-30\n").replace(
        "  clinician_reviewed: false\n", "") + "      - paragraph: T.\n        cite: [a]\n"
    assert problems(text) == [
        "content_src/pages/p.yaml:4:1: error: review: 'clinician_reviewed' is required",
        "content_src/pages/p.yaml:6:3: error: review.next_review_due: '2027-02-30' is not a valid date",
    ]


def test_page_needs_a_title_description_review_and_some_content():
    assert problems("title: Only a title\n") == [
        "content_src/pages/p.yaml:1:1: error: 'description' is required",
        "content_src/pages/p.yaml:1:1: error: 'review' is required",
        "content_src/pages/p.yaml:1:1: error: 'sections' is required",
    ]


def test_real_content_files_start_with_the_schema_comment():
    for path in sorted(Path("content_src/pages").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../macros/schemas/page.schema.json", path
