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
* ``summary``: the help box's lines are complete (no "…") and their action names the card's services;
* ``numbers``: every phone number in any text (pages, cards, glossary, quiz) is a registered service's number;
* ``quiz copies``: quiz text that quotes a card's action (or its short action) quotes it word for word, so
  rewording a card never leaves an old copy behind;
* ``level labels``: a section heading that starts with an urgency word ("Soon:") uses the label of the level
  of the cards it places ("Non-urgent:"), one fixed set of words everywhere.
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
from .banks import bank_files
from .cards import CARDS_PATH, CareCard, CareCards, load_care_cards
from .glossary import GLOSSARY_PATH
from .index import placements
from .pages import page_file, page_slugs
from .urgent_care import POLICY_PATH, Policy, load_policy
from .walk import texts

_LINK_TARGET_RE = re.compile(r"\]\([^)]*\)")
_WORD_RE = re.compile(r"[a-z0-9&']+")
_SENTENCE_RE = re.compile(r"[^.!?:;]+[.!?:;]?")
ELLIPSIS = ("\u2026", "...")


def _plain(text: str) -> str:
    """Text as read: Markdown link targets and emphasis dropped, curly apostrophes straightened."""
    return _LINK_TARGET_RE.sub("]", text).replace("**", "").replace("\u2019", "'")


def _has(text: str, phrase: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", _plain(text), re.I) is not None


def _names(policy: Policy, ids) -> str:
    return ", ".join(policy.services[s].name if s in policy.services else s for s in ids)


# --- each card on its own ------------------------------------------------------------------------

def _texts(card: CareCard) -> Iterator[tuple[tuple, str]]:
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


def card_problems(card: CareCard, cards: CareCards, policy: Policy, doc: Document) -> list[Problem]:
    level = policy.levels[card.level]
    where = f"levels.{card.level}.services in {POLICY_PATH}"
    refused = [s for s in card.services if s not in level.services]
    if refused:
        return [doc.error((card.id, "level"), (
            f"this {card.level} card sends the reader to {_names(policy, refused)}, which {level.label.lower()} "
            f"cards may not send a reader to (they may: {_names(policy, level.services)}; the policy is {where}); "
            "change the card's level, or its services and action"))]
    problems = []
    named = policy.services_named(_plain(card.action))
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
    for path, text in [*_texts(card), *(((card.id, "items", i), item) for i, item in enumerate(card.items))]:
        problem = _text_problem(text, card, level, policy, slower_words, is_item=path[1] == "items")
        if problem and not (path[1] == "action" and problems):
            problems.append(doc.error(path, problem))
    if card.summary:
        for key in ("action", "signs"):
            if any(e in getattr(card.summary, key) for e in ELLIPSIS):
                problems.append(doc.error((card.id, "summary", key), (
                    "the help box shows this line whole: write it out in full, without \u2026 (shorten the words, "
                    "not the sentence)")))
        if not problems and not any(s in card.services for s in policy.services_named(_plain(card.summary.action))):
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
    named = policy.services_named(_plain(text))
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


def cards_problems(project: Project) -> list[Problem]:
    """Every rule about the cards themselves (no pages or quiz needed); what the build refuses too."""
    return project.once(("care-rules",), lambda: _cards_problems(project))


def _cards_problems(project: Project) -> list[Problem]:
    cards, policy = load_care_cards(project), load_policy(project)
    if cards.errors or policy.errors or cards.doc is None:
        return []  # the files' own problems come first
    problems = []
    for card in cards:
        problems += card_problems(card, cards, policy, cards.doc)
    problems += relation_problems(cards, policy, cards.doc)
    return sorted(problems)


# --- text anywhere ------------------------------------------------------------------------------

# A phone number: after a word that says to ring it ("call 101", "ring 0808 808 00 00"), or written as a
# UK phone number (0 then two or more groups), or in a tel: link.
_CALL_RE = re.compile(
    r"\b(?:call|calling|ring|ringing|phone|phoning|dial|dialling|text|freephone)\s+(?:\w+\s+on\s+|on\s+)?"
    r"\**\[?(?P<a>\+?\d[\d ]{1,16}\d)(?![\d.,]\d)", re.I)
_UK_RE = re.compile(r"(?<![\w.\-/])(?P<b>0\d{2,4}(?: \d{2,4}){1,4})(?![\w\-/]|\.\d)")
_TEL_RE = re.compile(r"\(tel:(?P<c>[+\d ]+)\)")


def numbers_in(text: str) -> list[str]:
    """The phone numbers ``text`` gives a reader, as written (spaces kept)."""
    found = []
    for pattern in (_CALL_RE, _UK_RE, _TEL_RE):
        for match in pattern.finditer(text):
            number = next(g for g in match.groups() if g).strip()
            if number not in found:
                found.append(number)
    return found


def number_problem(text: str, policy: Policy) -> str | None:
    registered = {n.replace(" ", "") for n in policy.numbers}
    unknown = [n for n in numbers_in(text) if n.replace(" ", "") not in registered]
    if not unknown:
        return None
    return (f"{unknown[0]} is not the number of a service in {POLICY_PATH} ({', '.join(policy.numbers)}): "
            "a reader must be able to trust every number; add the service there (its name, numbers and where "
            "it works), or correct the number")


def content_texts(project: Project) -> Iterator[tuple[Document, tuple, str, str]]:
    """(document, path, text, kind) of every text a reader may read: pages, cards, glossary, quiz."""
    for slug in page_slugs(project):
        doc, _ = project.try_load(page_file(project, slug))
        if doc is not None:
            for t in texts(doc.data):
                yield doc, t.path, t.text, "page"
    for relpath in (CARDS_PATH, GLOSSARY_PATH):
        if (project.root / relpath).exists():
            doc, _ = project.try_load(relpath)
            if doc is not None:
                for where, text in strings(doc.data):
                    if where[-1] not in ("cite", "level", "audience", "services", "signs", "to", "id", "also"):
                        yield doc, where, text, "content"
    for path in bank_files(project):
        doc, _ = project.try_load(path)
        if doc is not None:
            for where, text in strings(doc.data):
                yield doc, where, text, "quiz"


# --- quiz copies ----------------------------------------------------------------------------------

MIN_WORDS = 5       # shorter sentences ("Call 999") are short answers, not copies of a card
SIMILAR = 0.8       # a sentence this close to part of a card's action, but not the same words, is an old copy
_SAME = {"her": "your", "his": "your", "their": "your", "the": "your", "my": "your", "you": "you"}


def _words(text: str, policy: Policy | None = None) -> tuple[str, ...]:
    """The words of ``text`` as the copy check compares them: lower case, "her"/"the" read as "your", and each
    level's time words as its first one ("straight away" reads as "now"), so that a quote told of another
    person, or with a time word of the same level, is still a quote."""
    text = _plain(text).lower()
    for level in (policy.levels.values() if policy else ()):
        for word in level.words[1:]:
            text = re.sub(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", level.words[0].lower(), text)
    return tuple(_SAME.get(w, w) for w in _WORD_RE.findall(text))


def drifted_copy(text: str, cards: CareCards, policy: Policy | None = None,
                 said: "_Said | None" = None) -> tuple[CareCard, str, str] | None:
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


def said_by_cards(cards: CareCards, policy: Policy | None) -> _Said:
    """What the cards say, in the words the copy check compares, worked out once."""
    quotable = tuple(_words(t, policy) for card in cards for _, t in _texts(card))
    actions = tuple((card, original, _words(original, policy)) for card in cards
                    for original in (card.action, card.summary.action if card.summary else "") if original)
    return _Said(quotable, actions)


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


# --- make check -----------------------------------------------------------------------------------

def check_care_rules(project: Project) -> list[Problem]:
    """``make check``: the cards' rules, numbers in every text, quiz copies of a card, and level labels."""
    cards, policy = load_care_cards(project), load_policy(project)
    problems = list(cards_problems(project))
    if cards.errors or policy.errors:
        return problems
    said = said_by_cards(cards, policy)
    for doc, where, text, kind in content_texts(project):
        problem = number_problem(text, policy) if policy.services else None
        if problem:
            problems.append(doc.error(where, problem))
        elif kind in ("quiz", "page") and cards.cards and (copy := drifted_copy(text, cards, policy, said)):
            card, sentence, original = copy
            problems.append(doc.error(where, (
                f'"{sentence}" copies what care card {card.id} says with different words; {CARDS_PATH} says: '
                f'"{original}". Quote the card word for word (or place it with `- care_card: {card.id}`), so that '
                "changing the card shows every copy")))
    problems += label_problems(project, cards, policy)
    return sorted(problems)


def label_problems(project: Project, cards: CareCards, policy: Policy) -> list[Problem]:
    """A section heading "Word: ..." above placed cards uses their level's label as the word."""
    labels = {lv.label.lower() for lv in policy.levels.values()}
    urgency_words = labels | {w.lower() for w in policy.urgency_words}
    problems = []
    seen = set()
    placed_all = placements(project)
    for placement in placed_all:
        section_path = placement.path[:-2]  # ... sections, i, blocks, j -> the section
        key = (placement.doc.path, section_path)
        if key in seen or placement.card_id not in cards:
            continue
        seen.add(key)
        section = placement.doc.data
        for part in section_path:
            section = section[part]
        heading = section.get("heading") if isinstance(section, dict) else None
        if not isinstance(heading, str) or ":" not in heading:
            continue
        word = heading.split(":", 1)[0].strip()
        if word.lower() not in urgency_words:
            continue
        placed = [p.card_id for p in placed_all if p.doc is placement.doc and p.path[:-2] == section_path]
        level = min((policy.levels[cards[c].level] for c in placed if c in cards), key=lambda lv: lv.rank)
        if word != level.label:
            problems.append(placement.doc.error(section_path + ("heading",), (
                f'"{word}:" names an urgency in other words than the card below it: say "{level.label}:", the '
                f"label of {level.id} cards everywhere on the site (levels.{level.id}.label in {POLICY_PATH})")))
    return problems
