"""Pages of the real site picked by what they hold, never by name, so that adding, renaming or removing a
page as CONTRIBUTING.md says needs no test edit (the way ``tests/conftest.py`` discovers ``PAGES``)."""

from __future__ import annotations

from macros.model.index import placements
from macros.model.shells import QUIZ_INDEX_MACRO, Shell
from macros.model.walk import all_blocks, block_type
from macros.core.yamlsource import strings
from tests.support.sites import real_model

QUESTION_TYPES = {"single", "multiple", "true_false"}


def topic_pages() -> list[Shell]:
    """The pages that show their own content and their own question bank, in nav order."""
    return [shell for shell in real_model().shells if shell.is_topic_page]


def words(shell: Shell) -> int:
    """How many words the content the page shows has (every text field of its data file)."""
    page = real_model().pages[shell.content]
    return sum(len(text.split()) for _, text in strings(page.data))


def longest_topic_page() -> Shell:
    """The topic page with the most words: the one that scrolls furthest."""
    return max(topic_pages(), key=words)


def pages_placing(card_id: str) -> list[Shell]:
    """The pages whose content places care card ``card_id``, in nav order."""
    model = real_model()
    slugs = {p.slug for p in placements(model.project) if p.card_id == card_id}
    return [shell for shell in model.shells if shell.content in slugs]


def most_placed_card() -> str:
    """The care card placed on the most pages (the first such card in the cards file on a tie)."""
    model = real_model()
    cards = [card.id for card in model.kind("care_cards")]
    return max(cards, key=lambda card_id: len(pages_placing(card_id)))


def page_placing_most_cards() -> Shell:
    """The page whose content places the most care cards."""
    model = real_model()
    counts: dict[str, int] = {}
    for placement in placements(model.project):
        counts[placement.slug] = counts.get(placement.slug, 0) + 1
    return max((s for s in model.shells if s.content in counts), key=lambda s: counts[s.content])


def quiz_page() -> Shell:
    """The quiz page: it lists the topic quizzes (``{{ quiz_index() }}``); each bank is on its topic page."""
    return next(shell for shell in real_model().shells if shell.calls_named(QUIZ_INDEX_MACRO))


def content_file(shell: Shell) -> str:
    """The project-relative content file a page shows (named after the page)."""
    return f"content_src/pages/{shell.content}.yaml"


def bank_file(shell: Shell) -> str:
    """The project-relative question bank a topic page shows (named after the page)."""
    return f"quiz/banks/{shell.content}.yaml"


def topic_with_every_question_type() -> Shell:
    """The first topic page whose bank asks questions of every type (single, multiple, true_false)."""
    model = real_model()
    return next(shell for shell in topic_pages()
                if {q["type"] for q in model.banks[shell.content].data["questions"]} >= QUESTION_TYPES)


def page_with_block(kind: str) -> Shell:
    """The first page (nav order) whose content has a block of ``kind`` (``table``, ``callout``...)."""
    model = real_model()
    return next(shell for shell in model.shells if shell.content in model.pages
                and any(block_type(block) == kind for _, block in all_blocks(model.pages[shell.content].data)))


def page_with_every_card_level() -> Shell:
    """The page whose content places cards of the most urgency levels (the most cards on a tie)."""
    model = real_model()
    cards = model.kind("care_cards")
    levels: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    for placement in placements(model.project):
        if placement.card_id in cards:
            levels.setdefault(placement.slug, set()).add(cards[placement.card_id].level)
            counts[placement.slug] = counts.get(placement.slug, 0) + 1
    return max((s for s in model.shells if s.content in levels),
               key=lambda s: (len(levels[s.content]), counts[s.content]))
