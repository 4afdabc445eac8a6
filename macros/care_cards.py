"""Care cards, defined once in ``content_src/care_cards.yaml`` and placed on pages by their id.

Each urgent instruction (call 999 now, get help today, see a GP, call the cancer team) is one
card: ``{level, action, items, after, cite}`` under an id such as ``emergency-999``. A page places
it with the block ``- care_card: emergency-999``, so the same card reads the same on every page.
``load_care_cards`` reads and validates the file once per build or check run; ``check_care_cards``
is what ``make check`` adds: cards placed nowhere, and text elsewhere that copies a card's action
line with different words (say the action the same way, or place the card).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .problems import ContentError, Problem
from .project import Project
from .schemas import load_validated
from .yamlsource import Document, strings

CARDS_PATH = "content_src/care_cards.yaml"
SCHEMA = "care-cards"
SCHEMA_COMMENT = "# yaml-language-server: $schema=../macros/schemas/care-cards.schema.json"
LEVEL_WORDS = {"emergency": "Emergency", "urgent": "Urgent", "non-urgent": "Non-urgent"}  # most urgent first


@dataclass(frozen=True)
class CareCard:
    id: str
    level: str
    action: str
    items: tuple[str, ...]
    after: str | None
    cite: tuple[str, ...]
    line: int
    in_summary: bool = False

    @property
    def label(self) -> str:
        """The level in words ("Emergency"), shown on the card and heard before its heading."""
        return LEVEL_WORDS[self.level]


@dataclass
class CareCards:
    path: str = CARDS_PATH
    cards: dict[str, CareCard] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    doc: Document | None = None

    def __contains__(self, card_id: object) -> bool:
        return card_id in self.cards

    def __getitem__(self, card_id: str) -> CareCard:
        return self.cards[card_id]

    def __iter__(self) -> Iterator[CareCard]:
        return iter(self.cards.values())

    def summary(self) -> list[CareCard]:
        """The cards marked ``in_summary``, most urgent first (file order within a level)."""
        order = list(LEVEL_WORDS)
        return sorted((c for c in self if c.in_summary), key=lambda c: order.index(c.level))

    def nearest(self, card_id: str, n: int = 3) -> list[str]:
        return difflib.get_close_matches(card_id, list(self.cards), n=n, cutoff=0.4)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def load_care_cards(project: Project) -> CareCards:
    """The project's care cards, read and validated once; a missing file is no cards."""
    return project.once(("care-cards",), lambda: _load(project))


def _load(project: Project) -> CareCards:
    found = load_validated(project, CARDS_PATH, SCHEMA, schema_line=SCHEMA_COMMENT, what="the cards")
    cards: dict[str, CareCard] = {}
    if found.clean:
        doc = found.doc
        for card_id, card in doc.data.items():
            cards[card_id] = CareCard(
                card_id, card["level"], card["action"], tuple(card["items"]), card.get("after"),
                tuple(card["cite"]), doc.line(card_id), bool(card.get("in_summary")))
    return CareCards(found.path, cards, list(found.problems), found.doc)


def require_valid(cards: CareCards) -> CareCards:
    """The cards, or ``ContentError`` with their problems when the file has any error (for the build)."""
    if cards.errors:
        raise ContentError(cards.errors)
    return cards


# --- where cards are placed ----------------------------------------------------------------------

@dataclass(frozen=True)
class Placement:
    slug: str       # the page whose data places the card
    doc: Document
    path: tuple     # the placing block's path in the page's data
    card_id: str


def placements(project: Project) -> list[Placement]:
    """Every ``care_card: <id>`` block of every page data file, in page and reading order."""
    from .pages.loading import page_file, page_slugs
    from .pages.walk import all_blocks

    found = []
    for slug in page_slugs(project):
        doc, _ = project.try_load(page_file(project, slug))
        if doc is None:
            continue  # the file's own check says why
        for path, block in all_blocks(doc.data):
            if isinstance(block.get("care_card"), str):
                found.append(Placement(slug, doc, path, block["care_card"]))
    return found


def placement_problems(doc: Document, cards: CareCards) -> list[Problem]:
    """A page's placing blocks that name no defined card (the schema checks their shape)."""
    from .pages.walk import all_blocks

    from .model import _section_headings

    if cards.errors:
        return []  # the cards file's own problems say what to fix first
    problems = []
    placed: dict[str, int] = {}
    sections = {section_id for section_id, _ in _section_headings(doc.data)}
    for path, block in all_blocks(doc.data):
        card_id = block.get("care_card")
        if not isinstance(card_id, str):
            continue
        where = path + ("care_card",)
        if card_id not in cards:
            nearest = cards.nearest(card_id)
            hint = f"nearest ids: {', '.join(nearest)}" if nearest else f"ids: {', '.join(cards.cards) or 'none yet'}"
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


# --- make check ----------------------------------------------------------------------------------

def check_care_cards(project: Project) -> list[Problem]:
    """The cards file itself, cards placed nowhere, and hand-written copies of a card's action."""
    cards = load_care_cards(project)
    problems = list(cards.problems)
    if cards.doc is not None and cards.cards:
        from .pages.links import link_problems
        problems += link_problems(project, cards.doc, "", card_texts(cards))
    placed = {p.card_id for p in placements(project)}
    for card in cards:
        if card.id not in placed:
            problems.append(Problem.error(cards.path, card.line, (
                f"care card {card.id!r} is not placed on any page; place it with `- care_card: {card.id}` "
                "in a page's blocks, or remove it")))
    problems += copied_action_problems(project, cards)
    return sorted(problems)


def card_texts(cards: Iterable[CareCard]):
    """Each card's reader-facing text, as ``pages.walk.Text`` items located in the cards file."""
    from .pages.walk import Text

    for card in cards:
        yield Text((card.id, "action"), "care_action", card.action)
        for i, item in enumerate(card.items):
            yield Text((card.id, "items", i), "care_item", item)
        if card.after:
            yield Text((card.id, "after"), "care_after", card.after)


_WORD_RE = re.compile(r"[a-z0-9&']+")
_SENTENCE_RE = re.compile(r"[^.!?:;]+[.!?:;]?")
_LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")
SIMILAR = 0.8         # word-sequence similarity above which a sentence is a copy of an action line
MIN_WORDS = 5         # shorter sentences ("Call 999") are short answers, not copies of a card


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD_RE.findall(_LINK_RE.sub(r"\1", text).lower().replace("\u2019", "'")))


def copied_action(text: str, cards: CareCards) -> tuple[CareCard, str] | None:
    """The card whose action ``text`` copies with different words, and the copied sentence."""
    for sentence in _SENTENCE_RE.findall(text):
        words = _words(sentence)
        if len(words) < MIN_WORDS:
            continue
        for card in cards:
            action = _words(card.action)
            if words != action and difflib.SequenceMatcher(None, words, action).ratio() >= SIMILAR:
                return card, sentence.strip()
    return None


def copied_action_problems(project: Project, cards: CareCards) -> list[Problem]:
    """Page and quiz text that looks like a card's action line written out by hand, but differs."""
    from .pages.loading import page_file, page_slugs
    from .pages.walk import texts
    from .quiz.banks import bank_files

    found: list[tuple[Document, tuple, str]] = []
    for slug in page_slugs(project):
        doc, _ = project.try_load(page_file(project, slug))
        if doc is not None:
            found += [(doc, t.path, t.text) for t in texts(doc.data)]
    for path in bank_files(project):
        doc, _ = project.try_load(path)
        if doc is not None:
            found += [(doc, where, text) for where, text in strings(doc.data)]
    problems = []
    for doc, where, text in found:
        copy = copied_action(text, cards)
        if copy:
            card, sentence = copy
            problems.append(doc.error(where, (
                f'"{sentence}" looks like the action of care card {card.id} written out by hand with different '
                f"words; place the card (`- care_card: {card.id}`) or write the action exactly as {CARDS_PATH} "
                f'has it: "{card.action}"')))
    return problems

