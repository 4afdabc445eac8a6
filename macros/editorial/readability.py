"""Readability of each content page's body text, printed by ``make check``.

Two measures, both on a US school-grade scale, with a target of grade 9 or lower (the issue's
target; the NHS aims for a reading age of 9 to 11 and accepts 11 to 14 for medical topics):

* **SMOG** is the measure the NHS itself uses for health content ("use a readability tool to
  prioritise content", NHS digital service manual). It counts words of three or more syllables
  per 30 sentences, so it rewards plain words; it is the better guide for health information.
* **Flesch-Kincaid grade** is the most widely used grade formula (Word, Hemingway, most CMS
  tools), so writers can compare its number with what their editor shows. It weighs sentence
  length as well as syllables.

Both come from **textstat 0.7.3**, pinned: it counts syllables with Pyphen's bundled
hyphenation dictionaries and works offline. Later releases (0.7.13+) download NLTK's cmudict at
run time, which fails without a network (and in CI). Hyphenation points undercount syllables in
some words ("area", "every"): on this site's pages a vowel-group count puts Flesch-Kincaid about
half a grade to a grade higher, so treat a score near the target as at the target.

What is scored: the text a reader sees in the page's data (``content_src/pages/<slug>.yaml``):
section headings, paragraphs, lists, tables and callouts; not the title, the review dates or the
quiz. Care cards are defined once (``content_src/care_cards.yaml``) and placed on pages by id, so
they are scored once, as a row of their own; but the words of the cards a page places count towards that
page's length, as the reader reads them there (a page of cards is not a stub). Markdown, link targets and citation markers are removed, and headings, list
items, lead-ins and table cells get a full stop, as the NHS advises before scoring. textstat does
not count a "sentence" of two words or fewer, so short headings add words but no sentences; that nudges the
scores up slightly, never down. Scores are a prompt to look, not a verdict: an over-target page
prints a warning, never an error, and the report lists its longest sentences and paragraphs.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from importlib.metadata import version
from typing import Iterable

import textstat

from ..model import SiteModel
from ..model.cards import CareCards, card_texts
from ..citations.markers import TOKEN_RE
from ..model.links import LINK_RE
from ..model.pages import page_docs
from ..model.walk import Text, placed_cards, texts
from ..core.problems import Problem
from ..core.settings import SETTINGS
from ..core.yamlsource import Document
from .item_writing import clip

TARGET_GRADE = SETTINGS.target_grade
LONG_SENTENCE_WORDS = SETTINGS.max_sentence_words
MAX_PARAGRAPH_SENTENCES = SETTINGS.max_paragraph_sentences
PARAGRAPH_KINDS = frozenset({"paragraph", "list_intro", "care_after", "callout_text"})

# A sentence ends at . ! or ? (and any closing quote or bracket) before a capital letter or a digit,
# but not after the abbreviations health writing uses mid-sentence.
_SENTENCE_END = re.compile(
    r"(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bDr\.)(?<!\bvs\.)"
    r"(?<=[.!?])[\"'\u2019\u201d)\]]*\s+(?=[\"'\u2018\u201c(\[]?[A-Z0-9])")


@dataclass
class PageScore:
    slug: str
    path: str
    line: int
    words: int
    sentences: int
    fk_grade: float
    smog: float
    long_sentences: list[tuple[int, int, str]] = field(default_factory=list)  # (line, words, sentence)
    long_paragraphs: list[tuple[int, int]] = field(default_factory=list)      # (line, sentences)
    has_sections: bool = False  # prose in sections (not a line of data around a generated list)
    card_words: int = 0  # words of the care cards the page places (scored once, in the cards' own row)

    @property
    def words_read(self) -> int:
        """The words a reader reads on the page: its own and those of the cards it places."""
        return self.words + self.card_words

    @property
    def over_target(self) -> list[str]:
        """The measures above the target grade (empty when the page meets it)."""
        return [name for name, value in (("Flesch-Kincaid grade", self.fk_grade), ("SMOG", self.smog))
                if value > TARGET_GRADE]


def plain_text(markdown: str) -> str:
    """What a reader reads: Markdown, HTML, link targets and citation markers removed."""
    text = TOKEN_RE.sub("", markdown)
    text = LINK_RE.sub(lambda m: m.group("label"), text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"\*\*|\*|`|(?<!\w)_+|_+(?!\w)", "", text)
    return " ".join(html.unescape(text).split())


def as_sentence(text: str) -> str:
    """Headings, list items and lead-ins end with a full stop when scored ("Call 999 if:" -> "Call 999 if.")."""
    text = text.rstrip().rstrip(":;,\u2014-").rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."


def sentences(text: str) -> list[str]:
    """Split plain text into sentences (at . ! or ? followed by a capital letter or a digit)."""
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def scoring_text(items: Iterable[Text]) -> str:
    return " ".join(as_sentence(text) for text in (plain_text(item.text) for item in items) if text)


def score_page(doc: Document, slug: str, items: Iterable[Text] | None = None) -> PageScore:
    """Scores of ``doc``'s reader-facing text (a page's, unless ``items`` says which)."""
    items = list(texts(doc.data) if items is None else items)
    body = scoring_text(items)
    score = PageScore(
        slug=slug, path=doc.path, line=doc.line("title"),
        words=textstat.lexicon_count(body) if body else 0,
        sentences=textstat.sentence_count(body) if body else 0,
        fk_grade=float(textstat.flesch_kincaid_grade(body)) if body else 0.0,
        smog=float(textstat.smog_index(body)) if body else 0.0,
        has_sections=isinstance(doc.data, dict) and bool(doc.data.get("sections")),
    )
    for item in items:
        line = doc.line(*item.path)
        found = sentences(plain_text(item.text))
        for sentence in found:
            words = textstat.lexicon_count(sentence)
            if words > LONG_SENTENCE_WORDS:
                score.long_sentences.append((line, words, sentence))
        if item.kind in PARAGRAPH_KINDS and len(found) > MAX_PARAGRAPH_SENTENCES:
            score.long_paragraphs.append((line, len(found)))
    score.long_sentences.sort(key=lambda s: (-s[1], s[0]))
    return score


def placed_card_words(data: object, cards: CareCards) -> int:
    """How many words the care cards placed on a page (``care_card: <id>`` blocks) add to it."""
    placed = [cards[card_id] for card_id in placed_cards(data) if card_id in cards]
    body = scoring_text(card_texts(placed))
    return textstat.lexicon_count(body) if body else 0


def page_scores(model: SiteModel) -> list[PageScore]:
    """A score for every page data file of ``model`` that can be read."""
    scores = []
    project, cards = model.project, model.kind("care_cards")
    for slug, doc in page_docs(project):
        if isinstance(doc.data, dict):
            score = score_page(doc, slug)
            score.card_words = placed_card_words(doc.data, cards)
            scores.append(score)
    if cards.doc is not None and cards.cards:  # placed on pages by id, so scored once, as their own file
        scores.append(score_page(cards.doc, "(care cards)", card_texts(cards)))
    return scores


def report(model: SiteModel) -> list[str]:
    """The readability table ``make check`` prints, with each page's long sentences and paragraphs."""
    scores = page_scores(model)
    if not scores:
        return []
    width = max(len("page"), *(len(s.slug) for s in scores))
    lines = [
        f"Readability of each page's body text (textstat {version('textstat')}; "
        f"target: grade {TARGET_GRADE:g} or lower on both scales)",
        f"  {'page':<{width}}  {'words':>6}  {'sentences':>9}  {'FK grade':>8}  {'SMOG':>5}  target",
    ]
    for s in scores:
        verdict = "met" if not s.over_target else "over (" + ", ".join(s.over_target) + ")"
        lines.append(f"  {s.slug:<{width}}  {s.words:>6}  {s.sentences:>9}  {s.fk_grade:>8.1f}  "
                     f"{s.smog:>5.1f}  {verdict}")
    for s in scores:
        for line, words, sentence in s.long_sentences:
            lines.append(f"  {s.path}:{line}: sentence of {words} words (aim for {LONG_SENTENCE_WORDS} or fewer): "
                         f'"{clip(sentence, 90)}"')
        for line, count in s.long_paragraphs:
            lines.append(f"  {s.path}:{line}: paragraph of {count} sentences "
                         f"(aim for {MAX_PARAGRAPH_SENTENCES} or fewer)")
    lines.append("")
    return lines


def check_readability(model: SiteModel) -> Iterable[Problem]:
    """A warning on each page whose body text scores above the target grade; a warning on a stub page too.

    A page of prose has sections; a page without them (/quiz/, /sources/) is a line or two of data around
    a generated list, and is not held to the minimum length.
    """
    for s in page_scores(model):
        if s.has_sections and s.words_read < SETTINGS.min_words_per_page:
            yield Problem.warning(s.path, s.line, (
                f"the page's body text has {s.words_read} words; a page needs at least {SETTINGS.min_words_per_page} "
                "to say what a reader needs (or fold it into another page)"))
        if s.over_target:
            measures = " and ".join(
                f"{name} {value:.1f}" for name, value in (("Flesch-Kincaid grade", s.fk_grade), ("SMOG", s.smog))
                if name in s.over_target)
            yield Problem.warning(s.path, s.line, (
                f"readability: {measures} above the target of grade {TARGET_GRADE:g}; use shorter sentences "
                "and plainer words (the readability report lists the longest sentences)"))
