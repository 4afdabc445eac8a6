import datetime as dt

from macros.core.review_dates import add_months, review_problems
from macros.core.settings import SETTINGS
from macros.core.yamlsource import parse_yaml

TODAY = dt.date(2026, 11, 22)


def _doc(last, due):
    return parse_yaml(f"review:\n  last_reviewed: {last}\n  next_review_due: {due}\n".encode(), "p.yaml")


def _run(last, due, clinical=True):
    doc = _doc(last, due)
    r = doc.data["review"]
    return [p.format() for p in review_problems(doc, ("review",), r["last_reviewed"], r["next_review_due"], TODAY,
                                                clinical=clinical)]


def test_dates_well_ahead_are_fine():
    assert _run("2026-11-01", "2027-11-01") == []


def test_overdue_is_a_warning_on_the_due_line():
    [msg] = _run("2025-12-01", "2026-11-21")
    assert msg.startswith("p.yaml:3:3: warning: review overdue: next_review_due was 2026-11-21")


def test_due_within_60_days_is_a_warning():
    [msg] = _run("2026-02-01", "2027-01-21")
    assert msg == "p.yaml:3:3: warning: review due soon: next_review_due is 2027-01-21 (60 days from today)"


def test_day_61_is_not_warned():
    assert _run("2026-02-01", "2027-01-22") == []


def test_future_last_review_and_inverted_dates_are_errors():
    msgs = _run("2027-06-01", "2027-05-01")
    assert any("last_reviewed 2027-06-01 is in the future" in m for m in msgs)
    assert any("must be after last_reviewed" in m for m in msgs)


def test_next_review_due_at_most_one_clinical_cycle_after_the_review():
    """The settings' cycles: clinical content 12 months, any content 36 (macros/core/settings.py)."""
    assert SETTINGS.clinical_review_cycle_months < SETTINGS.longest_review_cycle_months <= 36
    assert _run("2026-11-01", "2027-11-01") == []
    assert _run("2026-11-01", "2027-11-02") == [
        "p.yaml:3:3: error: next_review_due 2027-11-02 is more than 12 months after last_reviewed 2026-11-01: "
        "clinical content is reviewed at least every 12 months (macros/core/settings.py); set it to 2027-11-01 or earlier"]


def test_other_content_may_wait_the_longest_cycle_and_no_longer():
    assert _run("2026-11-01", "2029-11-01", clinical=False) == []
    [msg] = _run("2026-11-01", "2029-11-02", clinical=False)
    assert msg.startswith("p.yaml:3:3: error: next_review_due 2029-11-02 is more than 36 months after")
    [msg] = _run("2026-11-01", "2999-01-01", clinical=False)  # the example
    assert msg.startswith("p.yaml:3:3: error: next_review_due 2999-01-01 is more than 36 months after")


def test_a_review_in_the_future_is_an_error_at_its_line():
    [msg] = _run("2026-11-23", "2027-06-01")
    assert msg.startswith("p.yaml:2:3: error: last_reviewed 2026-11-23 is in the future")


def test_add_months_keeps_the_day_or_the_month_end():
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2027, 2, 28), 12) == dt.date(2028, 2, 28)
    assert add_months(dt.date(2026, 12, 6), 36) == dt.date(2029, 12, 6)
