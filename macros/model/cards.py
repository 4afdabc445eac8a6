"""Care cards, defined once in ``content_src/care_cards.yaml`` and placed on pages by their id.

Each urgent instruction (call 999 now, get help today, see a GP, call the cancer team) is one
card: ``{level, audience, services, signs, action, items, after, relation, summary, cite}`` under an id such
as ``emergency-999``, typed against the urgent care policy (``content_src/urgent_care.yaml``,
``macros.model.urgent_care``). A page places it with the block ``- care_card: emergency-999``, so the same card
reads the same on every page. ``load_care_cards`` reads and validates the file into frozen objects (the site
model does, once for each state of the files); ``macros.cards.rules.check_care_cards`` is what ``make check`` adds: cards placed nowhere. The rules that
hold a card's words to the policy are ``macros.model.care_rules``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from ..core.characters import lookalike_note
from ..core.problems import Problem
from ..core.project import Project
from ..core.schemas import ById, load_validated
from ..core.yamlsource import Document
from .urgent_care import Policy, load_policy
from .walk import Text, card_blocks, section_headings

CARDS_PATH = "content_src/care_cards.yaml"
SCHEMA = "care-cards"
SCHEMA_COMMENT = "# yaml-language-server: $schema=../macros/schemas/care-cards.schema.json"
LEVELS = ("emergency", "urgent", "non-urgent")  # most urgent first (their words: content_src/urgent_care.yaml)


@dataclass(frozen=True)
class Relation:
    """How a card for a narrower audience relates to cards for everyone that share its signs."""
    to: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Summary:
    """The card in the help box: what to do in a few words, and every sign in short (written by a person)."""
    action: str
    signs: str


@dataclass(frozen=True)
class CareCard:
    id: str
    level: str
    action: str
    items: tuple[str, ...]
    after: str | None
    cite: tuple[str, ...]
    line: int
    audience: str = "everyone"
    services: tuple[str, ...] = ()
    signs: tuple[str, ...] = ()
    relation: Relation | None = None
    summary: Summary | None = None
    say: str | None = None      # what to say when you call, written out in full
    label: str = ""             # the level's label (content_src/urgent_care.yaml), shown on the card
    audience_label: str = ""    # who it is for, in words


@dataclass
class CareCards(ById[CareCard]):
    ENTRIES = "cards"

    path: str = CARDS_PATH
    cards: dict[str, CareCard] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    doc: Document | None = None
    numbers: tuple[str, ...] = ()   # the services' phone numbers (content_src/urgent_care.yaml), for the headings

    def summary(self) -> list[CareCard]:
        """The cards with a ``summary``, most urgent first; within a level, the narrower audience first (the
        site's core readers have or have had cancer, and their card says how it relates to the others)."""
        return sorted((c for c in self if c.summary is not None),
                      key=lambda c: (LEVELS.index(c.level), c.audience == "everyone"))


def load_care_cards(project: Project, policy: Policy | None = None) -> CareCards:
    """The project's care cards, read and validated against ``policy`` (the project's urgent care policy,
    loaded when not given); a missing file is no cards."""
    found = load_validated(project, CARDS_PATH, SCHEMA, schema_line=SCHEMA_COMMENT, what="the cards")
    cards: dict[str, CareCard] = {}
    problems = list(found.problems)
    if found.clean:
        doc = found.doc
        policy = load_policy(project) if policy is None else policy
        problems += _unknown_ids(doc, policy)
        for card_id, card in doc.data.items():
            relation = card.get("relation")
            summary = card.get("summary")
            level = policy.levels.get(card["level"])
            audience = policy.audiences.get(card["audience"])
            cards[card_id] = CareCard(
                card_id, card["level"], card["action"], tuple(card["items"]), card.get("after"),
                tuple(card["cite"]), doc.line(card_id), card["audience"], tuple(card["services"]),
                tuple(card["signs"]), relation and Relation(tuple(relation["to"]), relation["text"]),
                summary and Summary(summary["action"], summary["signs"]), card.get("say"),
                level.label if level else card["level"], audience.label if audience else card["audience"])
    return CareCards(found.path, cards, problems, found.doc, policy.numbers if found.clean else ())


def _unknown_ids(doc: Document, policy: Policy) -> list[Problem]:
    """Each card's audience, services, signs and related cards, against the policy and the other cards."""
    if policy.errors:
        return []  # the policy's own problems say what to fix first
    known = {"audience": policy.audiences, "services": policy.services, "signs": policy.signs}
    problems = []
    for card_id, card in doc.data.items():
        for key, ids in known.items():
            values = [card[key]] if isinstance(card[key], str) else card[key]
            for i, value in enumerate(values):
                if value not in ids:
                    where = (card_id, key) if isinstance(card[key], str) else (card_id, key, i)
                    problems.append(doc.error(where, (
                        f"{key}: unknown {key.rstrip('s')} {value!r}; use one of {', '.join(ids)} "
                        f"(defined in {policy.path}), or add it there")))
        for i, other in enumerate((card.get("relation") or {}).get("to") or ()):
            if other not in doc.data or other == card_id:
                problems.append(doc.error((card_id, "relation", "to", i), (
                    f"relation: {other!r} is not another card of this file; name the card for everyone whose "
                    f"signs this card shares ({', '.join(c for c in doc.data if c != card_id)})")))
    return problems


# --- where cards are placed ----------------------------------------------------------------------

def placement_problems(doc: Document, cards: CareCards) -> list[Problem]:
    """A page's placing blocks that name no defined card (the schema checks their shape)."""
    if cards.errors:
        return []  # the cards file's own problems say what to fix first
    problems = []
    placed: dict[str, int] = {}
    sections = {section_id for section_id, _ in section_headings(doc.data)}
    for path, card_id in card_blocks(doc.data):
        where = path + ("care_card",)
        if card_id not in cards:
            nearest = cards.nearest(card_id)
            hint = (f"nearest ids: {', '.join(nearest)}" if nearest else f"ids: {', '.join(cards.cards) or 'none yet'}") \
                + lookalike_note(card_id)
            problems.append(doc.error(where, (
                f"unknown care card {card_id!r} ({hint}); use an id defined in {CARDS_PATH} or define the card there")))
        elif card_id in placed:
            problems.append(doc.error(where, (
                f"care card {card_id!r} is already placed on this page (line {placed[card_id]}); place a card once "
                "a page, and link to it from elsewhere on the page")))
        elif card_id in sections:
            problems.append(doc.error(where, (
                f"care card {card_id!r} has the same id as a section of this page; the card's id is its address "
                "on the page, so rename the section")))
        placed.setdefault(card_id, doc.line(*where))
    return problems


def card_texts(cards: Iterable[CareCard]):
    """Each card's reader-facing text, as ``macros.model.walk.Text`` items located in the cards file."""
    for card in cards:
        yield Text((card.id, "action"), "care_action", card.action)
        for i, item in enumerate(card.items):
            yield Text((card.id, "items", i), "care_item", item)
        if card.after:
            yield Text((card.id, "after"), "care_after", card.after)
        if card.say:
            yield Text((card.id, "say"), "care_after", card.say)
        if card.relation:
            yield Text((card.id, "relation", "text"), "care_after", card.relation.text)
