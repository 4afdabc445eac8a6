"""``make check`` rules for care cards: the cards file itself, and cards placed nowhere.

The cards themselves (``content_src/care_cards.yaml``, loaded and checked per file) are the model's
(``macros.model.cards``), as are the rules that hold a card's words to the urgent care policy
(``macros.model.care_rules``); how a placed card renders is ``macros.pages.render``'s.
"""

from __future__ import annotations

import re

from ..core.problems import Problem
from ..core.yamlsource import strings
from ..model import SiteModel
from ..model.cards import card_texts
from ..model.glossary import is_topic_page
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


def card_page_link_problems(model: SiteModel) -> list[Problem]:
    """A topic page placing a card the printable symptom card also shows must link to that page.

    The printable card (the page whose data says ``print: card``) collects the cards a reader may need
    on paper; a topic page that shows one of them offers the printout. Reported at the first placement
    (this was a rule only a 30-second browser timeout enforced).
    """
    printable = [s for s in model.shells if s.content in model.pages and model.pages[s.content].print_stylesheet]
    every = placements(model.project)
    problems = []
    for card_page in printable:
        on_card = {p.card_id for p in every if p.slug == card_page.content}
        link = re.compile(r"\]\(\s*<?(?:\.\./)*" + re.escape(card_page.src) + r"(?:#[^)>\s]*)?>?\s*\)")
        for shell in model.shells:
            if not is_topic_page(shell) or shell is card_page or shell.content not in model.pages:
                continue
            first = next((p for p in every if p.slug == shell.content and p.card_id in on_card), None)
            if first is not None and not any(link.search(text) for _, text in strings(first.doc.data)):
                problems.append(first.doc.error(first.path + ("care_card",), (
                    f"this page places care card {first.card_id!r}, which the printable card "
                    f"docs/{card_page.src} also shows: link to it on this page (for example "
                    f"[print the symptom card]({card_page.src})), so a reader can print what to do")))
    return problems
