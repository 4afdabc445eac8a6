"""What each review record reviewed: the reader-facing content it covers, and that content's digest.

* A **page** (``content_src/pages/<slug>.yaml``) covers its own data (all but its ``review`` block), the
  care cards it places as loaded (their words from ``content_src/care_cards.yaml`` and what the urgent
  care policy gives them, such as their level's label and the numbers that call: a card changed is a
  change to every page that shows it), and what a generated list on its page shows: the glossary's entries on
  the page calling ``glossary_list()``, the source registry on the page calling ``sources_list()``.
* A **question bank** (``quiz/banks/<id>.yaml``) covers its own data, all but its ``review`` block.

Digests come from the loaded data (``macros/core/digest.py``), so comments and formatting are not changes.
Model layer: reads the model (every ``model`` here is the ``SiteModel``), decides nothing; the rules are
``macros/model/review_records.py``.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ..core.digest import digest, without
from .shells import GLOSSARY_LIST_MACRO, SOURCES_LIST_MACRO
from .walk import placed_cards


def page_content(model, slug: str, data: Any) -> dict[str, Any]:
    """Everything readers see on page ``slug`` that its review covers (``data``: the page's loaded data)."""
    content: dict[str, Any] = {"page": without(data, "review")}
    cards = model.kind("care_cards")
    placed = list(dict.fromkeys(placed_cards(data)))
    if placed:  # each card as the page shows it: the loaded card (its words, and what the urgent care policy
        # gives it, such as its level's label), without where it is written in its file
        content["care_cards"] = {card_id: without(asdict(cards[card_id]), "line") if card_id in cards else None
                                 for card_id in placed}
        content["phone_numbers"] = list(cards.numbers)
    for shell in model.shells_showing_content(slug):
        if shell.calls_named(GLOSSARY_LIST_MACRO):
            glossary = model.kind("glossary").doc
            content["glossary"] = glossary.data if glossary is not None else None
        if shell.calls_named(SOURCES_LIST_MACRO):
            content["sources"] = {source.key: source.fields for source in model.registry}
    return content


def page_files(model, slug: str, data: Any) -> list[str]:
    """The project-relative files whose content ``page_content`` covers (for when they last changed)."""
    content = page_content(model, slug, data)
    files = [model.project.rel(model.project.content_dir / "pages" / f"{slug}.yaml")]
    return files + [model.kind(kind).path for kind in ("care_cards", "glossary", "sources") if kind in content]


def is_clinical(data: Any) -> bool:
    """A page that cites a source or places a care card: its review cycle is the clinical one."""
    def cites(value: Any) -> bool:
        if isinstance(value, dict):
            return bool(value.get("cite")) or any(cites(v) for k, v in value.items() if k != "review")
        return isinstance(value, list) and any(cites(v) for v in value)

    return cites(data) or any(True for _ in placed_cards(data))


def page_digest(model, slug: str, data: Any) -> str:
    return digest(page_content(model, slug, data))


def bank_digest(data: Any) -> str:
    return digest(without(data, "review"))
