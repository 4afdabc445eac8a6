"""scripts/review_issue.py, the script the weekly review workflow runs: it opens, updates or
closes the ONE review-date issue (gh is replaced by a recorder)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from pathlib import Path

import pytest

from tests.support.sites import REPO, example_site

spec = importlib.util.spec_from_file_location("review_issue", REPO / "scripts" / "review_issue.py")
review_issue = importlib.util.module_from_spec(spec)
spec.loader.exec_module(review_issue)

RUN = "https://github.com/o/r/actions/runs/1"
PAGE_FILE = "content_src/pages/red-flags.yaml"  # the page made overdue (the example site's topic page)


class FakeGh:
    def __init__(self, open_issues: list[dict]):
        self.open_issues = open_issues
        self.calls: list[list[str]] = []
        self.bodies: list[str] = []

    def __call__(self, args: list[str]) -> str:
        self.calls.append(args)
        if "--body-file" in args:
            self.bodies.append(Path(args[args.index("--body-file") + 1]).read_text(encoding="utf-8"))
        return json.dumps(self.open_issues) if args[:2] == ["issue", "list"] else ""


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = example_site(tmp_path_factory.mktemp("p") / "p")
    page = root / PAGE_FILE
    text = page.read_text(encoding="utf-8")
    due = next(line for line in text.splitlines() if line.strip().startswith("next_review_due:"))
    page.write_text(text.replace(due, due.split(":")[0] + ': "2027-01-01"', 1), encoding="utf-8")
    return root


TODAY = dt.date(2027, 1, 10)   # PAGE_FILE overdue by 9 days; everything else due months later


@pytest.fixture(scope="module")
def quiet(example_project):
    """The example site, where nothing needs a review on 1 December 2026: every record reviewed on 1 November
    2026, due a year or more on, and bound to its content as it is (the real site's records may fall due, or
    its pages change since review, at any time: a warning, never a failure). Read only."""
    return example_project


def test_opens_the_issue_when_something_is_due(project):
    gh = FakeGh([{"number": 7, "title": "Some other issue"}])
    assert review_issue.report(project, TODAY, RUN, gh) == "opened"
    assert gh.calls[-1][:4] == ["issue", "create", "--title", review_issue.TITLE]
    assert RUN in gh.bodies[0] and "| overdue by 9 days |" in gh.bodies[0]
    assert f"`{PAGE_FILE}:" in gh.bodies[0]


def test_updates_the_one_open_issue_instead_of_opening_another(project):
    gh = FakeGh([{"number": 12, "title": review_issue.TITLE}])
    assert review_issue.report(project, TODAY, RUN, gh) == "updated #12"
    assert [c[:3] for c in gh.calls[1:]] == [["issue", "edit", "12"], ["issue", "comment", "12"]]


def test_closes_the_issue_when_nothing_is_due(quiet):
    gh = FakeGh([{"number": 12, "title": review_issue.TITLE}])
    assert review_issue.report(quiet, dt.date(2026, 12, 1), RUN, gh) == "closed #12"
    assert gh.calls[-1][:3] == ["issue", "close", "12"]


def test_does_nothing_when_nothing_is_due_and_no_issue_is_open(quiet):
    gh = FakeGh([])
    assert review_issue.report(quiet, dt.date(2026, 12, 1), RUN, gh) == "nothing due"
    assert [c[:2] for c in gh.calls] == [["issue", "list"]]


def test_a_page_changed_since_its_review_opens_the_issue(tmp_path):
    root = example_site(tmp_path / "p")  # quiet: its records are bound to its content
    page = root / PAGE_FILE
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace('."', '. One more sentence."', 1), encoding="utf-8")
    gh = FakeGh([])
    assert review_issue.report(root, dt.date(2026, 12, 1), RUN, gh) == "opened"
    assert re.search(rf"\| `{re.escape(PAGE_FILE)}:\d+` \|.*\| changed since review \|", gh.bodies[0])
    assert "make review-record" in gh.bodies[0]
