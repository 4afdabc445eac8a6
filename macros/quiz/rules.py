"""``make check`` for question banks: every bank on its own and all together, review dates against
today's date (the build checks the same banks without the dates: a review falling due stops no build)."""

from __future__ import annotations

import datetime as dt

from ..core.problems import Problem
from ..model import SiteModel
from ..model.bank_rules import all_bank_problems


def check_quiz_banks(model: SiteModel) -> list[Problem]:
    """``make check``: every bank on its own and all together, review dates against today's date."""
    return all_bank_problems(model, today=dt.date.today())
