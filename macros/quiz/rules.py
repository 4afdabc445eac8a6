"""The quiz feature's rules: what a bank names elsewhere on the site, and (``make check``) review dates.

The model checks every bank on its own and all together once, for the build and for ``make check`` alike
(``macros/model/bank_rules.py``). A question's ``learn_more`` must reach a page section that exists: the
build refuses a link that does not. A review falling due stops no build, so the dates against today's date
are ``make check``'s only.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from ..core.problems import Problem
from ..model import SiteModel
from ..model.bank_rules import question_name
from ..model.links import awaits_shell
from ..model.review_records import date_problems
from .links import learn_more_problem


def learn_more_links(model: SiteModel) -> Iterable[Problem]:
    """Each question's ``learn_more`` points at a page and section of the site (the model's anchors). One to a
    page whose shell is missing (``awaits_shell``) waits for it: the page file's one error says what to do."""
    for doc in model.banks.values():
        questions = doc.data.get("questions") if isinstance(doc.data, dict) else None
        for index, question in enumerate(questions if isinstance(questions, list) else []):
            learn_more = question.get("learn_more") if isinstance(question, dict) else None
            if not isinstance(learn_more, str) or "#" not in learn_more:
                continue
            why = None if awaits_shell(model, learn_more.partition("#")[0]) else learn_more_problem(model, learn_more)
            if why:
                yield doc.error(("questions", index, "learn_more"), f"{question_name(question, index)}: {why}")


def check_quiz_banks(model: SiteModel, on: dt.date | None = None) -> Iterable[Problem]:
    """``make check``: each bank's review dates against today's date (``on``)."""
    for doc in model.banks.values():
        yield from date_problems(doc, on or dt.date.today())
