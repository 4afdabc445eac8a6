"""Item-writing rules for question banks, as ``make check`` problems at the line at fault.

Each question bank must:

* have at least ``min_questions_per_bank`` questions (a warning: a new bank starts small);
* give no "all of the above" / "none of the above" / "both of these" option (a reader can answer
  them by spotting two right options, not by knowing the content);
* ask positively: the lead-in (a true/false statement, or a prompt's last sentence) has no trick
  negative such as "not", "except", "never";
* give every wrong option of a choice question its own feedback, so a wrong answer still teaches;
* state nothing marked [UNVERIFIED];
* keep each sentence of prompts, options, feedback and explanations to ``max_sentence_words``.

Across all banks (without JavaScript, and in print, options appear as written): the right option
must not usually sit in the same place, nor usually be the longest (judged once there are
``min_questions_for_order_checks`` single-answer questions), and true/false answers must not all
be the same. These are warnings at the first bank, since no one line is at fault.

Thresholds are in ``macros/core/settings.py``. Banks with errors of their own (they do not load, fail
their schema or a structural rule) are skipped, so a mistake is not reported twice.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any, Iterator

from ..core.problems import Problem
from ..core.settings import SETTINGS, Settings
from ..core.yamlsource import Document
from ..model import SiteModel

ALL_OF_THE_ABOVE = re.compile(r"\b(all|none|both) of (the|these) (above|answers|options)\b", re.I)
NEGATION = re.compile(r"\b(not|except|never|cannot|can't|none)\b", re.I)
UNVERIFIED = re.compile(r"unverified", re.I)
_SENTENCE = re.compile(r"(?<=[.?!])\s+")


def check_item_writing(model: SiteModel) -> list[Problem]:
    """``make check``: each valid bank on its own, then all of them together."""
    broken = {p.path for p in model.kind_problems("banks") if p.is_error}  # its schema's among them
    banks = [doc for doc in model.banks.values() if doc.path not in broken]
    return sorted([p for doc in banks for p in bank_problems(doc)] + across_banks(banks))


def bank_problems(doc: Document, settings: Settings = SETTINGS) -> list[Problem]:
    questions = doc.data["questions"]
    problems = []
    if len(questions) < settings.min_questions_per_bank:
        problems.append(doc.warning(("questions",), (
            f"the bank has {len(questions)} question{'s' * (len(questions) != 1)}; a bank needs at least "
            f"{settings.min_questions_per_bank}, so a reader can check each part of the page")))
    for index, question in enumerate(questions):
        problems += question_problems(doc, ("questions", index), question, settings)
    return problems


def question_problems(doc: Document, at: tuple, question: dict[str, Any], settings: Settings) -> list[Problem]:
    name = f"question {question['id']!r}"
    problems = []
    options = question.get("options", [])
    for i, option in enumerate(options):
        if ALL_OF_THE_ABOVE.search(option["text"]):
            problems.append(doc.error(at + ("options", i, "text"), (
                f"{name}: no \"all/none of the above\" options; a reader can answer them without knowing the "
                "content. Write each option as its own statement")))
        if question["type"] != "true_false" and not option.get("correct") and not option.get("feedback"):
            problems.append(doc.error(at + ("options", i), (
                f"{name}: this wrong option has no feedback; say in a sentence why it is not right, "
                "so a wrong answer still teaches")))
    prompt = question["prompt"]
    lead_in = prompt if question["type"] == "true_false" else _SENTENCE.split(prompt.strip())[-1]
    negation = NEGATION.search(lead_in)
    if negation:
        problems.append(doc.error(at + ("prompt",), (
            f"{name}: the question asks with {negation.group(0)!r}; ask positively (\"Which is a warning sign?\"), "
            "since a negative is easy to misread")))
    for where, text in _texts(at, question):
        if UNVERIFIED.search(text):
            problems.append(doc.error(where, f"{name}: text marked [UNVERIFIED] must not be stated as fact"))
        for sentence in _SENTENCE.split(text.strip()):
            words = len(sentence.split())
            if words > settings.max_sentence_words:
                problems.append(doc.error(where, (
                    f"{name}: a sentence of {words} words; keep sentences to {settings.max_sentence_words} words "
                    f"or fewer: \"{clip(sentence)}\"")))
    return problems


def _texts(at: tuple, question: dict[str, Any]) -> Iterator[tuple[tuple, str]]:
    yield at + ("prompt",), question["prompt"]
    for i, option in enumerate(question.get("options", [])):
        yield at + ("options", i, "text"), option["text"]
        if option.get("feedback"):
            yield at + ("options", i, "feedback"), option["feedback"]
    yield at + ("explanation",), question["explanation"]


def across_banks(banks: list[Document], settings: Settings = SETTINGS) -> list[Problem]:
    if not banks:
        return []
    first = banks[0]
    questions = [q for doc in banks for q in doc.data["questions"]]
    single = [q for q in questions if q["type"] == "single"]
    problems = []
    if len(single) >= settings.min_questions_for_order_checks:
        positions = Counter(next(i for i, o in enumerate(q["options"]) if o.get("correct")) for q in single)
        position, count = positions.most_common(1)[0]
        if count > len(single) * settings.max_share_of_one_answer_position:
            problems.append(first.warning(("questions",), (
                f"across all banks the right answer is option {position + 1} in {count} of {len(single)} "
                "single-answer questions; vary where it sits (without JavaScript and in print, options show "
                "as written)")))
        longest = sum(bool(max(q["options"], key=lambda o: len(o["text"])).get("correct")) for q in single)
        if longest > len(single) * settings.max_share_of_longest_right:
            problems.append(first.warning(("questions",), (
                f"across all banks the right answer is the longest option in {longest} of {len(single)} "
                "single-answer questions; make wrong options as full as the right one")))
    answers = {q["answer"] for q in questions if q["type"] == "true_false"}
    if len(answers) == 1 and sum(q["type"] == "true_false" for q in questions) > 1:
        problems.append(first.warning(("questions",), (
            f"every true/false answer across all banks is {str(answers.pop()).lower()}; "
            "readers learn to guess it")))
    return problems


def clip(sentence: str, limit: int = 60) -> str:
    """``sentence`` as a message quotes it: its first ``limit`` characters at most."""
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "\u2026"
