"""Review records bound to what they reviewed, signed by registered reviewers (the feature's rules).

A page's or question bank's ``review`` block records ``content_digest``: the digest of the content
it reviewed (``macros/model/reviewed_content.py``). ``make review-record`` writes it after an editor has
checked the content; nothing writes it on a build.

* content changed since its review (the digest differs), or a record with no digest: a **warning**
  at the ``content_digest`` line. It never fails a check, build, test or CI; the page tells readers
  (``macros/templates/pages/review_dates.md.j2``), and ``make review-report`` lists it.
* ``reviewed_by`` names a reviewer of ``content_src/reviewers.yaml`` who may sign reviews, else an **error**.
* ``clinical_sign_off`` names a registered clinician who may sign off (``reviewer``), and the digest of
  the content they read (``content_digest``): another reviewer, or content changed since they signed,
  is an **error** (remove the sign-off, or ask them to sign off this version).

Beyond the digest, a page's record is checked for what needs the registry or the calendar
(``review_record_problems``): every source in ``checked_against`` exists, and a ``clinical_sign_off`` is
not dated in the future. Which version a sign-off covers is its ``content_digest``, not its date: a later
review of unchanged text keeps it, any change to the text ends it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..core.problems import Problem
from ..core.review_dates import parse_date, review_problems
from ..core.yamlsource import Document
from .reviewed_content import page_digest
from .reviewers import REVIEW, REVIEWERS_PATH, SIGN_OFF, Reviewers
from .sources import REGISTRY_PATH, Registry, unknown_key

DIGEST = "content_digest"


def review_of(doc: Document) -> dict[str, Any] | None:
    review = doc.data.get("review") if isinstance(doc.data, dict) else None
    return review if isinstance(review, dict) else None


def date_problems(doc: Document, today: dt.date, clinical: bool = True) -> list[Problem]:
    """The review dates of ``doc``'s record (a page's or a bank's) against ``today`` (``macros.core.review_dates``)."""
    review = review_of(doc)
    if review is None:
        return []
    return review_problems(doc, ("review",), review.get("last_reviewed"), review.get("next_review_due"), today,
                           clinical=clinical)


def is_current(review: dict[str, Any] | None, digest: str) -> bool:
    """Whether the record reviewed the content as it is now."""
    return bool(review) and review.get(DIGEST) == digest


def record_command(doc: Document) -> str:
    """The command that records a review of ``doc`` (a page or a bank)."""
    stem = doc.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    what = "BANK" if doc.path.startswith("quiz/") else "PAGE"
    return f"make review-record {what}={stem} BY=<reviewer id>"


def record_problems(doc: Document, digest: str, reviewers: Reviewers) -> list[Problem]:
    """The rules above for the review record of ``doc``, whose content's digest is now ``digest``."""
    review = review_of(doc)
    if review is None:
        return []
    problems = []
    recorded, last = review.get(DIGEST), review.get("last_reviewed")
    if recorded is None:
        problems.append(doc.warning(("review",), (
            f"this review record does not say what it reviewed (no {DIGEST}), so readers are told the content may "
            f"have changed since {last}; once an editor has checked it, run `{record_command(doc)}`")))
    elif recorded != digest:
        problems.append(doc.warning(("review", DIGEST), (
            f"changed since its last review ({last}): the content readers see is not what was reviewed "
            f"({DIGEST} {recorded}, now {digest}); readers are told so. Check the changes against their "
            f"sources, then run `{record_command(doc)}` (CONTRIBUTING.md, 'Recording a review')")))
    registry_ok = not any(p.is_error for p in reviewers.problems)  # else its own errors say why (one message)
    by = review.get("reviewed_by")
    if registry_ok and by is not None and by not in reviewers.ids(REVIEW):
        problems.append(doc.error(("review", "reviewed_by"), _unknown(by, reviewers, REVIEW)))
    sign_off = review.get("clinical_sign_off")
    if isinstance(sign_off, dict):
        who = sign_off.get("reviewer")
        if registry_ok and who not in reviewers.ids(SIGN_OFF):
            problems.append(doc.error(("review", "clinical_sign_off", "reviewer"), _unknown(who, reviewers, SIGN_OFF)))
        if sign_off.get(DIGEST) != digest:
            problems.append(doc.error(("review", "clinical_sign_off", DIGEST), (
                f"clinical_sign_off is for other content ({DIGEST} {sign_off.get(DIGEST)}, the content is now "
                f"{digest}): the clinician did not read this version. Ask them to sign off this version, or remove "
                "clinical_sign_off (the page then says a clinician has not reviewed it)")))
    return problems


def _unknown(who: Any, reviewers: Reviewers, right: str) -> str:
    allowed = reviewers.ids(right)
    listed = f"who may: {', '.join(allowed)}" if allowed else "nobody there may yet"
    role = "a clinician who may sign pages off" if right == SIGN_OFF else "a reviewer who may sign reviews"
    return (f"'{who}' is not {role} in {REVIEWERS_PATH} ({right}; {listed}); name a registered reviewer by their id. "
            "Only the clinical lead adds reviewers to that file")


def page_record_problems(model, slug: str, doc: Document) -> list[Problem]:
    return record_problems(doc, page_digest(model, slug, doc.data), model.kind("reviewers"))


def review_record_problems(doc: Document, registry: Registry, today: dt.date) -> list[Problem]:
    """A page's ``checked_against`` keys against the registry, and a sign-off dated in the future."""
    review = review_of(doc)
    if review is None:
        return []
    problems = []
    # a registry that does not load says so itself: its keys are not checked against it meanwhile
    for i, key in enumerate([] if registry.errors else review.get("checked_against") or []):
        if isinstance(key, str) and key not in registry:
            problems.append(doc.error(("review", "checked_against", i), (
                f"review.checked_against: {unknown_key(key, registry.nearest(key))}; name a source of "
                f"{REGISTRY_PATH} that this review really read")))
    sign_off = review.get("clinical_sign_off")
    if isinstance(sign_off, dict):
        signed = parse_date(sign_off.get("date"))
        if signed and signed > today:
            problems.append(doc.error(("review", "clinical_sign_off", "date"),
                                      f"clinical_sign_off.date {signed} is in the future"))
    return problems
