"""Rules a page's data must follow beyond its JSON Schema (which cannot express them)."""

from __future__ import annotations

import re
from typing import Any

from ..core.problems import Problem
from ..core.yamlsource import Document
from .walk import all_blocks, block_type, sections

# Sections start at ## (level 2); a care card's heading sits one level below its section, and
# HTML has six heading levels, so sections may nest three deep (##, ###, ####, #####).
MAX_SECTION_DEPTH = 3


# Ids the site writes itself on a page (References, citation markers and entries, quiz questions, the
# /sources/ and /glossary/ headings, tables' captions; Material's own start with "__").
GENERATED_IDS = {"references": "the id of the References section every page ends with",
                 "after-references": "the id of the line after the References section"}
GENERATED_ID_PATTERNS = (
    (re.compile(r"^(?:ref|cite)-"), "shaped like the id of a citation (ref-<key>, cite-<key>-<n>)"),
    (re.compile(r"^source-|^sources-(?:guideline|webpage|journal-article|book)$"),
     "shaped like the id of a source or a kind of source on /sources/ (source-<key>, sources-<kind>)"),
    (re.compile(r"^quiz-"), "shaped like the id of a quiz or its questions (quiz-<bank>, quiz-q-<id>)"),
    (re.compile(r"^letter-[a-z]$"), "the id of a letter's heading on /glossary/"),
    (re.compile(r"-table-\d+-caption$"), "shaped like the id of a table's caption"),
    (re.compile(r"^_"), "shaped like an id of the theme's own"),
)


def generated_id_clash(ident: str) -> str | None:
    """What the site generates under ``ident`` (or ids shaped like it), or None when it is free for a section."""
    if ident in GENERATED_IDS:
        return GENERATED_IDS[ident]
    return next((what for pattern, what in GENERATED_ID_PATTERNS if pattern.search(ident)), None)


def rule_problems(doc: Document) -> list[Problem]:
    """Problems with a page that already matches the schema."""
    return [*_section_problems(doc), *_block_problems(doc)]


def _section_problems(doc: Document) -> list[Problem]:
    problems = []
    first_use: dict[str, int] = {}
    for section in sections(doc.data):
        ident = section.data.get("id")
        if isinstance(ident, str):
            if ident in first_use:
                problems.append(doc.error(section.path + ("id",), (
                    f"duplicate section id {ident!r} (first used on line {first_use[ident]}); "
                    "each section needs its own id, because it is the section's address")))
            else:
                first_use[ident] = doc.line(*section.path, "id")
            clash = generated_id_clash(ident)
            if clash:
                problems.append(doc.error(section.path + ("id",), (
                    f"section id {ident!r} is {clash}, so a link to either would land on the wrong one; "
                    "choose another id")))
        if section.depth > MAX_SECTION_DEPTH:
            problems.append(doc.error(section.path, (
                f"sections nest {section.depth + 1} deep; at most {MAX_SECTION_DEPTH + 1} levels are possible "
                "(headings ## to #####)")))
    return problems


def _block_problems(doc: Document) -> list[Problem]:
    problems = []
    for path, block in all_blocks(doc.data):
        if "cite" in block and "no_citation_needed" in block:
            problems.append(doc.error(path + ("no_citation_needed",), (
                "a block either cites sources (cite) or says why it needs none (no_citation_needed), "
                "not both")))
        if block_type(block) == "table":
            problems += _table_problems(doc, path + ("table",), block["table"])
    return problems


def _table_problems(doc: Document, path: tuple, table: Any) -> list[Problem]:
    columns, rows = table.get("columns"), table.get("rows")
    if not isinstance(columns, list) or not isinstance(rows, list):
        return []
    return [
        doc.error(path + ("rows", r), (
            f"row {r + 1} has {len(row)} cell{'s' * (len(row) != 1)} but the table has "
            f"{len(columns)} columns; give every row one cell per column"))
        for r, row in enumerate(rows)
        if isinstance(row, list) and len(row) != len(columns)
    ]
