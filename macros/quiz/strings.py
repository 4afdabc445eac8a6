"""The quiz's interface text, from ``mkdocs.yml`` ``extra.quiz`` (so a translation is configuration).

Every key below must be set there; placeholders in braces are filled in by the renderer or the
script. The renderer uses the static ones; the script gets the whole set as JSON in a data attribute.
"""

from __future__ import annotations

import re
from typing import Any

# key -> the placeholders its text must contain
STRINGS: dict[str, tuple[str, ...]] = {
    "heading": (),             # the quiz's heading on a topic page
    "intro": (),               # under the heading: what the questions are for (and that they are not a symptom checker)
    "help_link": (),           # after the intro: the text of a link to help_page
    "help_page": (),           # the docs file help_link opens, as pages link to it: when-to-get-help.md
    "question_number": ("number", "total"),
    "hint_single": (),
    "hint_multiple": (),
    "hint_true_false": (),
    "true": (),
    "false": (),
    "check": (),
    "try_again": (),
    "start_again": (),
    "clear": (),
    "storage_note": (),
    "cleared": (),
    "show_answer": (),
    "answer_is": (),           # before the correct answer of a single or true/false question
    "answers_are": (),         # before the correct answers of a multiple question
    "about_options": (),       # before the feedback on each option (without JavaScript)
    "read_more": ("heading",),
    "correct": (),
    "partly": (),              # a multiple-answer response with some right answers, not all (or a wrong one too)
    "missed": ("answers",),    # after "partly": the right answers that were not chosen
    "wrong_chosen": ("answers",),  # after "partly": the chosen answers that are not right
    "not_right": (),           # the tag of a chosen option that is not right
    "not_quite": (),
    "your_answer": (),
    "correct_answer": (),
    "choose_first": (),
    "score": ("answered", "total", "correct"),     # a bank's questions
    "progress": ("answered", "total", "correct"),  # every bank, on /quiz/ (the script reads what this browser saved)
    "question_count": ("total",),  # after each topic's link on /quiz/: how many questions its bank has
    "print_note": (),          # on /quiz/: how to print a topic's questions as a worksheet with its answer key
    "missed_again": (),        # the button that resets only the questions answered wrongly
    "answer_key": (),
}

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class StringsError(ValueError):
    """The ``extra.quiz`` settings are missing or incomplete."""


def ui_strings(config: Any) -> dict[str, str]:
    """The validated ``extra.quiz`` mapping; raises ``StringsError`` naming what is wrong."""
    if not isinstance(config, dict):
        raise StringsError("mkdocs.yml: extra.quiz must hold the quiz's interface text "
                           f"(keys: {', '.join(STRINGS)})")
    problems = []
    for key, needed in STRINGS.items():
        value = config.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"extra.quiz.{key} is missing")
            continue
        found = set(_PLACEHOLDER.findall(value))
        if found != set(needed):
            want = ", ".join("{" + n + "}" for n in needed) or "no placeholders"
            problems.append(f"extra.quiz.{key} must contain {want}: {value!r}")
    problems += [f"extra.quiz.{key} is not a quiz string" for key in config if key not in STRINGS]
    if problems:
        raise StringsError("mkdocs.yml: " + "; ".join(problems))
    return {key: config[key] for key in STRINGS}


def fill(template: str, **values: Any) -> str:
    """``fill("Question {number} of {total}", number=1, total=6)``."""
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), template)
