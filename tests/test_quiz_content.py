"""The real question banks: enough questions, written to item-writing practice, citing real sources."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from macros.citations.registry import load_registry
from macros.project import Project
from macros.quiz.banks import bank_files
from tests.support.sites import REPO

BANK_IDS = ["how-cancer-causes-back-pain", "red-flags", "tumour-vs-mechanical-pain", "when-to-get-help"]
PROJECT = Project(REPO)
BANKS = {path.stem: PROJECT.load(path).data for path in bank_files(PROJECT)}
QUESTIONS = [(bank_id, q) for bank_id, bank in BANKS.items() for q in bank["questions"]]
CHOICE_QUESTIONS = [(b, q) for b, q in QUESTIONS if q["type"] != "true_false"]
NEGATION = re.compile(r"\b(not|except|never|cannot|can't|none)\b", re.I)


def qid(item) -> str:
    return item[1]["id"]


def test_four_banks_of_at_least_six_questions_and_24_in_all():
    assert sorted(BANKS) == BANK_IDS
    assert all(len(bank["questions"]) >= 6 for bank in BANKS.values())
    assert len(QUESTIONS) >= 24


def test_every_type_is_used():
    assert {q["type"] for _, q in QUESTIONS} == {"single", "multiple", "true_false"}


@pytest.mark.parametrize("item", QUESTIONS, ids=qid)
def test_no_all_or_none_of_the_above(item):
    texts = [o["text"] for o in item[1].get("options", [])]
    assert not any(re.search(r"\b(all|none|both) of (the|these) (above|answers|options)\b", t, re.I) for t in texts)


@pytest.mark.parametrize("item", QUESTIONS, ids=qid)
def test_the_question_itself_is_not_a_trick_negative(item):
    """The lead-in (a true/false statement, or a prompt's last sentence) asks positively."""
    prompt = item[1]["prompt"]
    lead_in = prompt if item[1]["type"] == "true_false" else re.split(r"(?<=[.?!])\s+", prompt)[-1]
    assert not NEGATION.search(lead_in), lead_in


@pytest.mark.parametrize("item", CHOICE_QUESTIONS, ids=qid)
def test_every_wrong_option_teaches_with_its_own_feedback(item):
    wrong = [o for o in item[1]["options"] if not o.get("correct")]
    assert wrong and all(o.get("feedback") for o in wrong)


@pytest.mark.parametrize("item", QUESTIONS, ids=qid)
def test_explanations_are_plain_and_cite_known_sources(item):
    question = item[1]
    registry = load_registry(PROJECT)
    assert all(key in registry for key in question["sources"])
    text = " ".join([question["prompt"], question["explanation"]]
                    + [o["text"] + " " + o.get("feedback", "") for o in question.get("options", [])])
    assert "UNVERIFIED" not in text.upper()


@pytest.mark.parametrize("item", QUESTIONS, ids=qid)
def test_sentences_are_short(item):
    """The NHS writes sentences of up to 20 words; so do the prompts, options, feedback and explanations."""
    question = item[1]
    texts = [question["prompt"], question["explanation"]]
    texts += [t for o in question.get("options", []) for t in (o["text"], o.get("feedback", ""))]
    long = [s for t in texts for s in re.split(r"(?<=[.?!])\s+", t) if len(s.split()) > 20]
    assert long == []


def test_the_written_order_gives_no_clue_to_the_answer():
    """Without JavaScript, and in print, options appear as written: the right one must not always sit
    in the same place, nor usually be the longest."""
    single = [q for _, q in CHOICE_QUESTIONS if q["type"] == "single"]
    positions = Counter(next(i for i, o in enumerate(q["options"]) if o.get("correct")) for q in single)
    assert len(positions) == 3 and max(positions.values()) <= len(single) / 2, positions
    longest = sum(max(q["options"], key=lambda o: len(o["text"])).get("correct", False) for q in single)
    assert longest <= len(single) / 2


def test_true_false_answers_are_not_all_the_same():
    assert {q["answer"] for _, q in QUESTIONS if q["type"] == "true_false"} == {True, False}
