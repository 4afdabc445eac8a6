"""``make check`` rules for care cards across files: the cards file's links and cards placed nowhere, the
printable card's link, and what other files say against the cards (``check_care_rules``):

* ``numbers``: every phone number in any text (pages, cards, glossary, quiz) is a registered service's number;
* ``quiz copies``: quiz text that quotes a card's action (or its short action) quotes it word for word, so
  rewording a card never leaves an old copy behind;
* ``level labels``: a section heading that starts with an urgency word ("Soon:") uses the label of the level
  of the cards it places ("Non-urgent:"), one fixed set of words everywhere.

The cards themselves (``content_src/care_cards.yaml``, loaded and checked per file) are the model's
(``macros.model.cards``), as are the rules that hold a card's own words to the urgent care policy
(``macros.model.care_rules``); how a card renders is ``render.py``'s.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterator

from ..core.problems import Problem
from ..core.project import Project
from ..core.yamlsource import Document, strings
from ..model import SiteModel
from ..model.banks import bank_files
from ..model.cards import CARDS_PATH, CareCard, CareCards, card_texts
from ..model.care_rules import instructions, plain
from ..model.glossary import GLOSSARY_PATH
from ..model.links import link_problems
from ..model.pages import page_docs
from ..model.urgent_care import POLICY_PATH, Policy
from ..model.walk import texts

_WORD_RE = re.compile(r"[a-z0-9&']+")
_SENTENCE_RE = re.compile(r"[^.!?:;]+[.!?:;]?")


def check_care_cards(model: SiteModel) -> list[Problem]:
    """The cards file's links, and cards placed nowhere (the file's own problems are the model's)."""
    cards = model.kind("care_cards")
    problems = []
    if cards.doc is not None and cards.cards:
        problems += link_problems(model, cards.doc, "", card_texts(cards))
    placed = {p.card_id for p in model.placements}
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
    every = model.placements
    problems = []
    for card_page in printable:
        on_card = {p.card_id for p in every if p.slug == card_page.content}
        link = re.compile(r"\]\(\s*<?(?:\.\./)*" + re.escape(card_page.src) + r"(?:#[^)>\s]*)?>?\s*\)")
        for shell in model.shells:
            if not shell.is_topic_page or shell is card_page or shell.content not in model.pages:
                continue
            first = next((p for p in every if p.slug == shell.content and p.card_id in on_card), None)
            if first is not None and not any(link.search(text) for _, text in strings(first.doc.data)):
                problems.append(first.doc.error(first.path + ("care_card",), (
                    f"this page places care card {first.card_id!r}, which the printable card "
                    f"docs/{card_page.src} also shows: link to it on this page (for example "
                    f"[print the symptom card]({card_page.src})), so a reader can print what to do")))
    return problems


# --- phone numbers in any text ------------------------------------------------------------------------------

# A phone number: after a word that says to ring it ("call 101", "ring 0808 808 00 00"), or written as a
# UK phone number (0 then two or more groups), or in a tel: link.
_CALL_RE = re.compile(
    r"\b(?:call|calling|ring|ringing|phone|phoning|dial|dialling|text|freephone)\s+(?:\w+\s+on\s+|on\s+)?"
    r"\**\[?(\+?\d[\d ]{1,16}\d)(?![\d.,]\d)", re.I)
_UK_RE = re.compile(r"(?<![\w.\-/])(0\d{2,4}(?: \d{2,4}){1,4})(?![\w\-/]|\.\d)")
_TEL_RE = re.compile(r"\(tel:([+\d ]+)\)")


def numbers_in(text: str) -> list[str]:
    """The phone numbers ``text`` gives a reader, as written (spaces kept)."""
    found = [match.group(1).strip() for pattern in (_CALL_RE, _UK_RE, _TEL_RE) for match in pattern.finditer(text)]
    return list(dict.fromkeys(found))


def number_problem(text: str, policy: Policy) -> str | None:
    registered = {n.replace(" ", "") for n in policy.numbers}
    unknown = [n for n in numbers_in(text) if n.replace(" ", "") not in registered]
    if not unknown:
        return None
    return (f"{unknown[0]} is not the number of a service in {POLICY_PATH} ({', '.join(policy.numbers)}): "
            "a reader must be able to trust every number; add the service there (its name, numbers and where "
            "it works), or correct the number")


_NOT_TEXT = ("cite", "level", "audience", "services", "signs", "to", "id", "also")  # card and glossary fields


def content_texts(project: Project) -> Iterator[tuple[Document, tuple, str, str]]:
    """(document, path, text, kind) of every text a reader may read: pages, cards, glossary, quiz."""
    for _, doc in page_docs(project):
        for t in texts(doc.data):
            yield doc, t.path, t.text, "page"
    files = [(CARDS_PATH, "content"), (GLOSSARY_PATH, "content")] + [(path, "quiz") for path in bank_files(project)]
    for path, kind in files:
        doc, _ = project.try_load(path)  # None: the file is missing or does not load
        for where, text in strings(doc.data) if doc is not None else ():
            if kind == "quiz" or where[-1] not in _NOT_TEXT:
                yield doc, where, text, kind


# --- quiz copies ----------------------------------------------------------------------------------

MIN_WORDS = 5       # shorter sentences ("Call 999") are short answers, not copies of a card
SIMILAR = 0.8       # a sentence this close to part of a card's action, but not the same words, is an old copy
_SAME = {"her": "your", "his": "your", "their": "your", "the": "your", "my": "your", "you": "you"}


def _words(text: str, policy: Policy) -> tuple[str, ...]:
    """The words of ``text`` as the copy check compares them: lower case, "her"/"the" read as "your", and each
    level's time words as its first one ("straight away" reads as "now"), so that a quote told of another
    person, or with a time word of the same level, is still a quote."""
    text = plain(text).lower()
    for level in policy.levels.values():
        for word in level.words[1:]:
            text = re.sub(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", level.words[0].lower(), text)
    return tuple(_SAME.get(w, w) for w in _WORD_RE.findall(text))


def drifted_copy(text: str, cards: CareCards, policy: Policy,
                 said: _Said | None = None) -> tuple[CareCard, str, str] | None:
    """(card, the sentence, the card's words it copies) when a sentence of ``text`` copies part of a card's action
    or short action with different words; a word-for-word quote of any instruction of any card is fine.
    ``said`` is what ``said_by_cards`` works out once for many texts."""
    said = said or said_by_cards(cards, policy)
    for sentence in _SENTENCE_RE.findall(text):
        words = _words(sentence, policy)
        if len(words) < MIN_WORDS or any(_contains(quote, words) for quote in said.quotable):
            continue
        for card, original, action in said.actions:
            shared = sum((Counter(words) & Counter(action)).values())
            if 2 * shared / (2 * len(words) - 2) < SIMILAR:
                continue  # no window of the action can be close enough
            for size in range(max(1, len(words) - 2), len(words) + 3):
                for start in range(0, max(1, len(action) - size + 1)):
                    matcher = difflib.SequenceMatcher(None, words, action[start:start + size])
                    if matcher.quick_ratio() >= SIMILAR and matcher.ratio() >= SIMILAR:
                        return card, sentence.strip(), original
    return None


@dataclass(frozen=True)
class _Said:
    quotable: tuple[tuple[str, ...], ...]                  # every instruction of every card, as compared
    actions: tuple[tuple[CareCard, str, tuple[str, ...]], ...]  # (card, its action or short action, its words)


def said_by_cards(cards: CareCards, policy: Policy) -> _Said:
    """What the cards say, in the words the copy check compares, worked out once."""
    quotable = tuple(_words(t, policy) for card in cards for _, t in instructions(card))
    actions = tuple((card, original, _words(original, policy)) for card in cards
                    for original in (card.action, card.summary.action if card.summary else "") if original)
    return _Said(quotable, actions)


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


# --- make check -----------------------------------------------------------------------------------

def check_care_rules(model: SiteModel) -> list[Problem]:
    """``make check``: the cards' rules, numbers in every text, quiz copies of a card, and level labels."""
    cards, policy = model.kind("care_cards"), model.kind("urgent_care")
    problems = list(model.card_rule_problems)
    if cards.errors or policy.errors:
        return problems
    said = said_by_cards(cards, policy)
    for doc, where, text, kind in content_texts(model.project):
        problem = number_problem(text, policy) if policy.services else None
        if problem:
            problems.append(doc.error(where, problem))
        elif kind in ("quiz", "page") and cards.cards and (copy := drifted_copy(text, cards, policy, said)):
            card, sentence, original = copy
            problems.append(doc.error(where, (
                f'"{sentence}" copies what care card {card.id} says with different words; {CARDS_PATH} says: '
                f'"{original}". Quote the card word for word (or place it with `- care_card: {card.id}`), so that '
                "changing the card shows every copy")))
    problems += label_problems(model, cards, policy)
    return sorted(problems)


def label_problems(model: SiteModel, cards: CareCards, policy: Policy) -> list[Problem]:
    """A section heading "Word: ..." above placed cards uses their level's label as the word."""
    labels = {lv.label.lower() for lv in policy.levels.values()}
    urgency_words = labels | {w.lower() for w in policy.urgency_words}
    sections: dict[tuple, tuple[Document, list[str]]] = {}  # (file, section's path) -> (its doc, the cards placed)
    for p in model.placements:
        if p.card_id in cards:  # ... sections, i, blocks, j -> the section
            sections.setdefault((p.doc.path, p.path[:-2]), (p.doc, []))[1].append(p.card_id)
    problems = []
    for (_, section_path), (doc, placed) in sections.items():
        section = doc.data
        for part in section_path:
            section = section[part]
        heading = section.get("heading") if isinstance(section, dict) else None
        if not isinstance(heading, str) or ":" not in heading:
            continue
        word = heading.split(":", 1)[0].strip()
        if word.lower() not in urgency_words:
            continue
        level = min((policy.levels[cards[c].level] for c in placed), key=lambda lv: lv.rank)
        if word != level.label:
            problems.append(doc.error(section_path + ("heading",), (
                f'"{word}:" names an urgency in other words than the card below it: say "{level.label}:", the '
                f"label of {level.id} cards everywhere on the site (levels.{level.id}.label in {POLICY_PATH})")))
    return problems
