"""``make check`` rules for care cards: the cards file itself, and cards placed nowhere.

The cards themselves (``content_src/care_cards.yaml``, loaded and checked per file) are the model's
(``macros.model.cards``), as are the rules that hold a card's words to the urgent care policy
(``macros.model.care_rules``); how a placed card renders is ``macros.pages.render``'s.
"""

from __future__ import annotations

from ..core.problems import Problem
from ..model import SiteModel
from ..model.cards import card_texts
from ..model.index import placements
from ..model.links import link_problems


def check_care_cards(model: SiteModel) -> list[Problem]:
    """The cards file itself, and cards placed nowhere."""
    cards = model.kind("care_cards")
    problems = list(cards.problems)
    if cards.doc is not None and cards.cards:
        problems += link_problems(model, cards.doc, "", card_texts(cards))
    placed = {p.card_id for p in placements(model.project)}
    for card in cards:
        if card.id not in placed:
            problems.append(Problem.error(cards.path, card.line, (
                f"care card {card.id!r} is not placed on any page; place it with `- care_card: {card.id}` "
                "in a page's blocks, or remove it")))
    return sorted(problems)
