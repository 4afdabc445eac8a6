"""A page's review record beyond its dates: what it was checked against, and a clinician's sign-off.

The schema checks the shape; this checks what needs the registry or the calendar: every source in
``checked_against`` exists, and a ``clinical_sign_off`` is not dated in the future. Which version a
sign-off covers is its ``content_digest`` (``macros/model/review_records.py``), not its date: a later review
of unchanged text keeps it, any change to the text ends it.
"""

from __future__ import annotations

import datetime as dt

from ..core.characters import lookalike_note
from .sources import Registry
from .sources import REGISTRY_PATH
from ..core.problems import Problem
from ..core.review_dates import parse_date
from ..core.yamlsource import Document


def review_record_problems(doc: Document, registry: Registry, today: dt.date) -> list[Problem]:
    review = doc.data.get("review") if isinstance(doc.data, dict) else None
    if not isinstance(review, dict):
        return []
    problems = []
    # a registry that does not load says so itself: its keys are not checked against it meanwhile
    for i, key in enumerate([] if registry.errors else review.get("checked_against") or []):
        if isinstance(key, str) and key not in registry:
            nearest = registry.nearest(key)
            hint = (f"nearest existing keys: {', '.join(nearest)}" if nearest else "no similar key exists") \
                + lookalike_note(key)
            problems.append(doc.error(("review", "checked_against", i), (
                f"review.checked_against: unknown source key '{key}' ({hint}); name a source of {REGISTRY_PATH} "
                "that this review really read")))
    sign_off = review.get("clinical_sign_off")
    if isinstance(sign_off, dict):
        signed = parse_date(sign_off.get("date"))
        if signed and signed > today:
            problems.append(doc.error(("review", "clinical_sign_off", "date"),
                                      f"clinical_sign_off.date {signed} is in the future"))
    return problems
