"""The page data format: what the schema and the rules reject, each at its exact path:line:col."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from macros.model.pages import structure_problems
from macros.core.schemas import SCHEMA_DIR
from macros.core.yamlsource import parse_yaml

HEAD = """\
# yaml-language-server: $schema=../../macros/schemas/page.schema.json
title: Red flags
description: Warning signs that back pain could be caused by cancer and needs checking.
review:
  last_reviewed: 2026-11-22
  next_review_due: 2027-11-22
  checked_against: [nhs-back-pain]
  checked_by: the site's editors
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
      - care_card: see-a-gp
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


@pytest.mark.parametrize("block", ["list: [a]", "table: {caption: c, columns: [a, b], rows: [[x, y]]}"])
def test_lists_and_tables_need_citations_too(block):
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


def test_misspelt_block_type_is_named_once():
    """The misspelt kind is one mistake: its unknown-field message names it at its line with the fields a block
    may hold, the kinds among them; "a block needs one of" would say the same mistake again."""
    assert with_blocks("      - parargaph: Text.\n        cite: [a]\n") == [
        "content_src/pages/p.yaml:13:9: error: sections[0].blocks[0]: unknown field 'parargaph' (allowed: "
        "callout, care_card, cite, intro, list, no_citation_needed, ordered, paragraph, table)",
    ]


def test_a_block_of_no_kind_says_the_kinds():
    assert with_blocks("      - cite: [a]\n") == [
        "content_src/pages/p.yaml:13:9: error: sections[0].blocks[0]: a block needs one of: paragraph, list, "
        "table, care_card, callout"]


def test_field_of_another_block_type_is_unknown():
    assert with_blocks("      - paragraph: Text.\n        intro: Lead-in\n        cite: [a]\n") == [
        "content_src/pages/p.yaml:14:9: error: sections[0].blocks[0]: unknown field 'intro' "
        "(allowed: cite, no_citation_needed, paragraph)"]


def test_an_unknown_field_in_a_block_is_one_message_from_its_kind():
    """Every block is checked against the block schema (each kind's fields) and against its own kind's; an unknown
    field fails both, and the block's own kind, which names the fields this block may hold, says so once."""
    assert with_blocks("      - paragraph: Text.\n        cite: [a]\n        colour: red\n") == [
        "content_src/pages/p.yaml:15:9: error: sections[0].blocks[0]: unknown field 'colour' "
        "(allowed: cite, no_citation_needed, paragraph)"]
    assert with_blocks("      - list: [One, Two]\n        intro: Lead-in\n        colour: red\n        cite: [a]\n") == [
        "content_src/pages/p.yaml:15:9: error: sections[0].blocks[0]: unknown field 'colour' "
        "(allowed: cite, intro, list, no_citation_needed, ordered)"]


def test_an_unknown_field_beside_a_field_of_another_block_type_is_one_message_naming_both():
    assert with_blocks("      - paragraph: Text.\n        intro: Lead-in\n        colour: red\n        cite: [a]\n") == [
        "content_src/pages/p.yaml:14:9: error: sections[0].blocks[0]: unknown fields 'colour', 'intro' "
        "(allowed: cite, no_citation_needed, paragraph)"]


def test_bad_source_key_points_at_the_key():
    assert with_blocks("      - paragraph: Text.\n        cite: [nice-ng234, NHS_Back]\n") == [
        "content_src/pages/p.yaml:14:28: error: sections[0].blocks[0].cite[1]: 'NHS_Back' is not valid: "
        "a source key: lowercase letters, digits and single hyphens"]


def test_a_care_card_written_out_on_a_page_is_refused_with_what_to_write_instead():
    assert with_blocks("""\
      - care_card:
          level: urgent
          action: "Act:"
          items: [a]
""") == ["content_src/pages/p.yaml:13:9: error: sections[0].blocks[0].care_card: a care card is written once, "
         "in content_src/care_cards.yaml, and placed by its id; move this card there (or use the card there that "
         "says the same) and write `- care_card: <id>`, for example `- care_card: emergency-999`"]


@pytest.mark.parametrize("field", ["cite: [nhs-back-pain]", "no_citation_needed: the card cites its sources"])
def test_a_placed_care_card_carries_its_own_citations(field):
    [message] = with_blocks(f"      - care_card: emergency-999\n        {field}\n")
    name = field.split(":")[0]
    assert message.startswith(f"content_src/pages/p.yaml:14:9: error: sections[0].blocks[0]: a placed care card "
                              f"carries its own citations: remove '{name}' here")


def test_a_care_card_id_is_an_id():
    [message] = with_blocks("      - care_card: Emergency 999\n")
    assert message.startswith("content_src/pages/p.yaml:13:9: error: sections[0].blocks[0].care_card: "
                              "'Emergency 999' is not valid: The id of a card in content_src/care_cards.yaml")
