"""Item-writing rules for question banks (``make check``), on fixture banks beside this test.

The rules are tested here on fixtures; the real banks are held to them by ``make check``
(tests/test_check_cli.py runs it on the real tree), not by tests that read the content.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from macros.editorial.item_writing import across_banks, bank_problems
from macros.core.schemas import validate
from macros.core.settings import SETTINGS
from macros.core.yamlsource import load_yaml
from macros.model.banks import SCHEMA

FIXTURES = Path(__file__).parent / "fixtures" / "editorial"


def bank(name: str):
    doc = load_yaml(FIXTURES / f"{name}.yaml", f"quiz/banks/{name}.yaml")
    assert validate(doc, SCHEMA) == []  # the fixtures are valid banks: only the item-writing rules object
    return doc


def formatted(problems) -> list[str]:
    return [p.format() for p in sorted(problems)]


def test_each_item_writing_mistake_is_reported_at_its_line():
    assert formatted(bank_problems(bank("badly-written"))) == [
        "quiz/banks/badly-written.yaml:7:1: warning: the bank has 3 questions; a bank needs at least 6, so a reader "
        "can check each part of the page",
        "quiz/banks/badly-written.yaml:14:9: error: question 'bw-above': no \"all/none of the above\" options; a "
        "reader can answer them without knowing the content. Write each option as its own statement",
        "quiz/banks/badly-written.yaml:21:5: error: question 'bw-negative': the question asks with 'not'; ask "
        "positively (\"Which is a warning sign?\"), since a negative is easy to misread",
        "quiz/banks/badly-written.yaml:25:9: error: question 'bw-negative': this wrong option has no feedback; say "
        "in a sentence why it is not right, so a wrong answer still teaches",
        "quiz/banks/badly-written.yaml:33:5: error: question 'bw-long': a sentence of 27 words; keep sentences to "
        "20 words or fewer: \"Pain that wakes you at night and does not ease when you lie…\"",
        "quiz/banks/badly-written.yaml:33:5: error: question 'bw-long': text marked [UNVERIFIED] must not be "
        "stated as fact",
    ]


def test_a_well_written_bank_passes_once_it_has_enough_questions():
    assert formatted(bank_problems(bank("well-written"), dataclasses.replace(SETTINGS, min_questions_per_bank=4))) == []
    assert [p.message.split(";")[0] for p in bank_problems(bank("well-written"))] == ["the bank has 4 questions"]


def test_thresholds_are_settings_not_literals():
    loose = dataclasses.replace(SETTINGS, min_questions_per_bank=1, max_sentence_words=40)
    messages = [p.message for p in bank_problems(bank("badly-written"), loose)]
    assert not any("questions;" in m or "words or fewer" in m for m in messages)


def test_where_the_right_answer_sits_across_banks():
    doc = bank("well-written")
    assert across_banks([doc]) == []
    settings = dataclasses.replace(SETTINGS, min_questions_for_order_checks=2)
    assert across_banks([doc], settings) == []
    options = doc.data["questions"][1]["options"]  # both single questions' right answer becomes the first option
    options[0]["correct"], options[1]["correct"] = True, False
    assert across_banks([doc]) == []  # too few single-answer questions to judge
    [problem] = across_banks([doc], settings)
    assert not problem.is_error
    assert problem.format().startswith("quiz/banks/well-written.yaml:7:1: warning: across all banks the right "
                                       "answer is option 1 in 2 of 2 single-answer questions")


def test_true_false_answers_that_are_all_the_same_are_a_warning():
    doc = bank("well-written")
    doc.data["questions"][2]["answer"] = True
    [problem] = across_banks([doc])
    assert not problem.is_error and problem.message.startswith("every true/false answer across all banks is true")
