"""Review dates: content past its next review, or due within 60 days, is a warning.

A review date passing must never block a build or a pull request (an urgent fix to a phone number
would wait on an unrelated review), so overdue is a warning (a GitHub annotation under Actions);
the weekly review report (``make review-report``) is what acts on it. Dates that contradict each
other (a review in the future, a due date before the review) are errors: they are typing mistakes.
Pages (``content_src/pages/*.yaml``) and question banks share this rule, so an editor sees the
same message wherever a review falls due. ``today`` is an argument so that checks are testable.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from .problems import Problem
from .settings import SETTINGS
from .yamlsource import Document

WARN_WITHIN_DAYS = SETTINGS.review_warning_days
OVERDUE, DUE_SOON = "overdue", "due soon"


def parse_date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def due_state(due: dt.date, today: dt.date) -> str | None:
    """``OVERDUE`` after ``due``, ``DUE_SOON`` within ``WARN_WITHIN_DAYS`` of it, else None: the one rule for
    when a review falls due, which make check's warnings and ``make review-report``'s statuses share."""
    if due < today:
        return OVERDUE
    return DUE_SOON if (due - today).days <= WARN_WITHIN_DAYS else None


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months (the 31st of a shorter month becomes its last day)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def cycle_months(clinical: bool) -> int:
    """The furthest ``next_review_due`` may be from ``last_reviewed``: the settings' cycle for clinical
    content, the longest cycle for any other."""
    return SETTINGS.clinical_review_cycle_months if clinical else SETTINGS.longest_review_cycle_months


def review_problems(doc: Document, path: tuple, last_reviewed: Any, next_review_due: Any,
                    today: dt.date, clinical: bool = True) -> list[Problem]:
    """Problems with one pair of review dates found at ``path`` inside ``doc`` (``clinical``: see ``cycle_months``).

    Malformed dates are the schema's business (it reports them); this checks what the dates mean.
    """
    cycle = cycle_months(clinical)
    last, due = parse_date(last_reviewed), parse_date(next_review_due)
    problems: list[Problem] = []
    if last and last > today:
        problems.append(doc.error(path + ("last_reviewed",), f"last_reviewed {last} is in the future: record a "
                                  "review only on or after the day it happened"))
    if last and due and due <= last:
        problems.append(doc.error(path + ("next_review_due",),
                                  f"next_review_due {due} must be after last_reviewed {last}"))
    elif last and due and due > add_months(last, cycle):
        what = "clinical content" if clinical else "any content"
        problems.append(doc.error(path + ("next_review_due",), (
            f"next_review_due {due} is more than {cycle} months after last_reviewed {last}: "
            f"{what} is reviewed at least every {cycle} months (macros/core/settings.py); "
            f"set it to {add_months(last, cycle)} or earlier")))
    state = due_state(due, today) if due else None
    if state == OVERDUE:
        problems.append(doc.warning(path + ("next_review_due",),
                                    f"review overdue: next_review_due was {due}; review the content against "
                                    "its sources, then update last_reviewed and next_review_due (make review-report lists every date)"))
    elif state == DUE_SOON:
        problems.append(doc.warning(path + ("next_review_due",),
                                    f"review due soon: next_review_due is {due} "
                                    f"({(due - today).days} days from today)"))
    return problems
