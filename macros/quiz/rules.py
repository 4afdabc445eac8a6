"""``make check`` for question banks: review dates against today's date. The model checks every bank on its
own and all together once, for the build and for ``make check`` alike (``macros/model/bank_rules.py``); a
review falling due stops no build, so the dates are checked here only."""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from ..core.problems import Problem
from ..core.review_dates import review_problems
from ..model import SiteModel


def check_quiz_banks(model: SiteModel, on: dt.date | None = None) -> Iterable[Problem]:
    """``make check``: each bank's review dates against today's date (``on``)."""
    for doc in model.banks.values():
        review = doc.data.get("review") if isinstance(doc.data, dict) else None
        if isinstance(review, dict):
            yield from review_problems(doc, ("review",), review.get("last_reviewed"), review.get("next_review_due"),
                                       on or dt.date.today())
