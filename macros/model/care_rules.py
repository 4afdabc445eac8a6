"""The rules that hold the care cards' words to the urgent care policy (``content_src/urgent_care.yaml``).

People write every heading and line of a card; these rules check them, each as a ``path:line`` error an editor
can act on (one message for one mistake):

* ``services``: a card's services are ones its level may send a reader to (a relabelled card fails here);
* ``action``: the action names one of the card's services and no service the card does not send to;
* ``slower``: a card never sends the reader to a slower service than its level (an emergency card never says
  "see a GP"), never names what its level must not name (a non-urgent card never names 999), never says what
  its level must not say ("you do not need to call 999"), and its action and after line use no slower
  level's time words ("in the next few weeks" on an emergency card);
* ``relation``: a card for a narrower audience that shares signs with a card for a wider one says how they
  relate, in words a person wrote;
* ``summary``: the help box's lines are complete (no "…") and their action names the card's services.

These read the cards file and the policy only, and a page that places a card is refused while its card breaks
one (``macros.model.pages``). The rules that hold other files to the cards (phone numbers in any text, quiz
copies of a card, level labels in page headings) are the cards feature's (``macros.cards.rules``).
"""

from __future__ import annotations

import re
from typing import Iterator

from ..core.problems import Problem
from ..core.yamlsource import Document
from .cards import CareCard, CareCards
from .urgent_care import POLICY_PATH, Policy

_LINK_TARGET_RE = re.compile(r"\]\([^)]*\)")
ELLIPSIS = ("\u2026", "...")


def plain(text: str) -> str:
    """Text as read: Markdown link targets and emphasis dropped, curly apostrophes straightened."""
    return _LINK_TARGET_RE.sub("]", text).replace("**", "").replace("\u2019", "'")


def _has(text: str, phrase: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", plain(text), re.I) is not None


def _names(policy: Policy, ids) -> str:
    return ", ".join(policy.services[s].name if s in policy.services else s for s in ids)


# --- each card on its own ------------------------------------------------------------------------

def instructions(card: CareCard) -> Iterator[tuple[tuple, str]]:
    """(path in the cards file, text) of every instruction a card gives (not its signs)."""
    yield (card.id, "action"), card.action
    if card.after:
        yield (card.id, "after"), card.after
    if card.relation:
        yield (card.id, "relation", "text"), card.relation.text
    if card.say:
        yield (card.id, "say"), card.say
    if card.summary:
        yield (card.id, "summary", "action"), card.summary.action


def card_problems(card: CareCard, policy: Policy, doc: Document) -> list[Problem]:
    level = policy.levels[card.level]
    where = f"levels.{card.level}.services in {POLICY_PATH}"
    refused = [s for s in card.services if s not in level.services]
    if refused:
        return [doc.error((card.id, "level"), (
            f"this {card.level} card sends the reader to {_names(policy, refused)}, which {level.label.lower()} "
            f"cards may not send a reader to (they may: {_names(policy, level.services)}; the policy is {where}); "
            "change the card's level, or its services and action"))]
    problems = []
    named = policy.services_named(plain(card.action))
    if not any(s in card.services for s in named):
        problems.append(doc.error((card.id, "action"), (
            f"the action names none of the card's services ({_names(policy, card.services)}); say in the heading "
            "what the reader does, naming where they go: for example \"Call 999 or go to A&E now if:\"")))
    elif extra := [s for s in named if s not in card.services]:
        problems.append(doc.error((card.id, "action"), (
            f"the action names {_names(policy, extra)}, which is not among the card's services "
            f"({_names(policy, card.services)}); add it to services if a {card.level} card may send a reader "
            "there, or reword the action")))
    slower_words = [w for lv in policy.levels.values() if lv.rank > level.rank for w in lv.words]
    for path, text in [*instructions(card), *(((card.id, "items", i), item) for i, item in enumerate(card.items))]:
        problem = _text_problem(text, card, level, policy, slower_words, is_item=path[1] == "items")
        if problem and not (path[1] == "action" and problems):
            problems.append(doc.error(path, problem))
    if card.summary:
        for key in ("action", "signs"):
            if any(e in getattr(card.summary, key) for e in ELLIPSIS):
                problems.append(doc.error((card.id, "summary", key), (
                    "the help box shows this line whole: write it out in full, without \u2026 (shorten the words, "
                    "not the sentence)")))
        if not problems and not any(s in card.services for s in policy.services_named(plain(card.summary.action))):
            problems.append(doc.error((card.id, "summary", "action"), (
                f"the help box's action names none of the card's services ({_names(policy, card.services)}); "
                "say where the reader goes, as the card's heading does")))
    return problems


def _text_problem(text: str, card: CareCard, level, policy: Policy, slower_words: list[str],
                  is_item: bool) -> str | None:
    """What is wrong with one text of a card, or None: the first of the level's rules it breaks."""
    for phrase in level.never_say:
        if _has(text, phrase):
            return (f"a {card.level} card must never say \"{phrase}\": the reader must act "
                    f"(levels.{card.level}.never_say in {POLICY_PATH})")
    named = policy.services_named(plain(text))
    banned = [s for s in named if s in level.never_name]
    if banned:
        return (f"a {card.level} card must never name {_names(policy, banned)} "
                f"(levels.{card.level}.never_name in {POLICY_PATH}); if these signs need it, the card's level is wrong")
    if is_item:
        return None  # a sign may mention anything else; what to do is said by the action and the after line
    slower = [s for s in named if policy.fastest_level(s) > level.rank]
    if slower:
        return (f"a {card.level} card must not send the reader to a slower service: {_names(policy, slower)} "
                f"is for less urgent help (levels in {POLICY_PATH}); name only services a {card.level} card may "
                f"send to ({_names(policy, level.services)})")
    words = [w for w in slower_words if _has(text, w)]
    if words:
        return (f"\"{words[0]}\" is a time for less urgent help, and this card is {card.level} "
                f"({level.label.lower()}: {', '.join(level.words) or 'no fixed time'}); say the card's own time")
    return None


def relation_problems(cards: CareCards, policy: Policy, doc: Document) -> list[Problem]:
    """A card for a narrower audience sharing signs with a card for a wider one must say how they relate."""
    problems = []
    for card in cards:
        wider = policy.wider(card.audience)
        for other in cards:
            if other.id == card.id or other.audience not in wider:
                continue
            shared = [s for s in card.signs if s in other.signs]
            if shared and not (card.relation and other.id in card.relation.to):
                problems.append(doc.error((card.id, "relation") if card.relation else (card.id, "signs"), (
                    f"this card is for '{card.audience}' and shares signs ({', '.join(shared)}) with card "
                    f"{other.id}, which is for '{other.audience}': a reader who has both in front of them must "
                    f"know which to follow; add `relation: {{to: [{other.id}], text: \"...\"}}` saying it "
                    "(for example: call your 24-hour number first, and 999 if you cannot get through at once)")))
    return problems


def cards_problems(cards: CareCards, policy: Policy) -> list[Problem]:
    """Every rule about the cards themselves (no pages or quiz needed); what the build refuses too
    (``SiteModel.card_rule_problems``)."""
    if cards.errors or policy.errors or cards.doc is None:
        return []  # the files' own problems come first
    problems = [p for card in cards for p in card_problems(card, policy, cards.doc)]
    return sorted(problems + relation_problems(cards, policy, cards.doc))
