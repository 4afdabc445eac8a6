import datetime as dt

from macros.review_dates import review_problems
from macros.yamlsource import parse_yaml

TODAY = dt.date(2026, 11, 22)


def _doc(last, due):
    return parse_yaml(f"review:\n  last_reviewed: {last}\n  next_review_due: {due}\n".encode(), "p.yaml")


def _run(last, due):
    doc = _doc(last, due)
    r = doc.data["review"]
    return [p.format() for p in review_problems(doc, ("review",), r["last_reviewed"], r["next_review_due"], TODAY)]


def test_dates_well_ahead_are_fine():
    assert _run("2026-11-01", "2027-11-01") == []


def test_overdue_is_a_warning_on_the_due_line():
    [msg] = _run("2025-01-01", "2026-11-21")
    assert msg.startswith("p.yaml:3:3: warning: review overdue: next_review_due was 2026-11-21")


def test_due_within_60_days_is_a_warning():
    [msg] = _run("2026-01-01", "2027-01-21")
    assert msg == "p.yaml:3:3: warning: review due soon: next_review_due is 2027-01-21 (60 days from today)"


def test_day_61_is_not_warned():
    assert _run("2026-01-01", "2027-01-22") == []


def test_future_last_review_and_inverted_dates_are_errors():
    msgs = _run("2027-06-01", "2027-05-01")
    assert any("last_reviewed 2027-06-01 is in the future" in m for m in msgs)
    assert any("must be after last_reviewed" in m for m in msgs)
