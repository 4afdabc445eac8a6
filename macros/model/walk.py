"""Walking a page's data: its sections, its blocks and every piece of text a reader sees.

Checks (links, citations) and the readability report all need the same traversal, so it lives
here once. Each item carries its path inside the YAML document, so a problem can name its line.
The walkers are defensive: they skip values of the wrong type (the schema reports those).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

Path = tuple[Any, ...]

BLOCK_TYPES = ("paragraph", "list", "table", "care_card", "callout")


@dataclass(frozen=True)
class Text:
    path: Path   # e.g. ("sections", 0, "blocks", 1, "paragraph")
    kind: str    # heading, paragraph, list_intro, list_item, caption, column, cell, callout_title,
                 # callout_text; and care_action, care_item, care_after in content_src/care_cards.yaml
                 # (a page places a card by its id: the card's words are not the page's data)
    text: str

@dataclass(frozen=True)
class Section:
    path: Path       # e.g. ("sections", 2, "sections", 0)
    depth: int       # 0 for a top-level section
    data: dict


def block_type(block: Any) -> str | None:
    """Which kind of block this is (``paragraph``, ``list``...), or None if it is none of them."""
    if isinstance(block, dict):
        for name in BLOCK_TYPES:
            if name in block:
                return name
    return None


def sections(data: Any, path: Path = (), depth: int = 0) -> Iterator[Section]:
    """Every section, depth first, in reading order."""
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        return
    for i, section in enumerate(data["sections"]):
        if isinstance(section, dict):
            here = path + ("sections", i)
            yield Section(here, depth, section)
            yield from sections(section, here, depth + 1)


def blocks_of(container: Any, path: Path) -> Iterator[tuple[Path, dict]]:
    """The blocks directly inside ``container`` (a page's ``intro`` list is passed as the page)."""
    key = "intro" if path == () else "blocks"
    items = container.get(key) if isinstance(container, dict) else None
    if isinstance(items, list):
        for i, block in enumerate(items):
            if isinstance(block, dict):
                yield path + (key, i), block


def all_blocks(data: Any) -> Iterator[tuple[Path, dict]]:
    """Every block of the page in reading order: the intro first, then each section's."""
    yield from blocks_of(data, ())
    for section in sections(data):
        yield from blocks_of(section.data, section.path)


def texts(data: Any) -> Iterator[Text]:
    """Every piece of reader-facing text on the page, in reading order (the title excluded)."""
    for path, block in blocks_of(data, ()):
        yield from block_texts(path, block)
    for section in sections(data):
        yield from _strings([(section.path + ("heading",), "heading", section.data.get("heading"))])
        for path, block in blocks_of(section.data, section.path):
            yield from block_texts(path, block)


def block_texts(path: Path, block: dict) -> Iterator[Text]:
    kind = block_type(block)
    found: list[tuple[Path, str, Any]] = []
    if kind == "paragraph":
        found.append((path + ("paragraph",), "paragraph", block["paragraph"]))
    elif kind == "list":
        found.append((path + ("intro",), "list_intro", block.get("intro")))
        found += _each(path + ("list",), "list_item", block["list"])
    elif kind == "table" and isinstance(block["table"], dict):
        table = block["table"]
        found.append((path + ("table", "caption"), "caption", table.get("caption")))
        found += _each(path + ("table", "columns"), "column", table.get("columns"))
        rows = table.get("rows")
        for r, row in enumerate(rows if isinstance(rows, list) else []):
            found += _each(path + ("table", "rows", r), "cell", row)
    elif kind == "callout" and isinstance(block["callout"], dict):
        callout = block["callout"]
        found.append((path + ("callout", "title"), "callout_title", callout.get("title")))
        found.append((path + ("callout", "text"), "callout_text", callout.get("text")))
    yield from _strings(found)


def _each(path: Path, kind: str, values: Any) -> list[tuple[Path, str, Any]]:
    if not isinstance(values, list):
        return []
    return [(path + (i,), kind, value) for i, value in enumerate(values)]


def _strings(found: list[tuple[Path, str, Any]]) -> Iterator[Text]:
    for path, kind, value in found:
        if isinstance(value, str) and value.strip():
            yield Text(path, kind, value)


def card_blocks(data: Any) -> Iterator[tuple[Path, str]]:
    """(path, card id) of every ``care_card: <id>`` block of the page, in reading order: the one walk
    that finds where cards are placed."""
    for path, block in all_blocks(data):
        if isinstance(block.get("care_card"), str):
            yield path, block["care_card"]


def placed_cards(data: Any) -> Iterator[str]:
    """The id of every care card the page places, in reading order."""
    return (card_id for _, card_id in card_blocks(data))


def section_headings(data: Any) -> Iterator[tuple[str, str]]:
    """(id, heading) of every section, depth first."""
    for section in sections(data):
        if isinstance(section.data.get("id"), str) and isinstance(section.data.get("heading"), str):
            yield section.data["id"], section.data["heading"]
