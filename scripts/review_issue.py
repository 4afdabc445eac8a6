"""Open, update or close the ONE issue that lists review dates (run by .github/workflows/review.yml).

Usage: python scripts/review_issue.py RUN_URL [--today YYYY-MM-DD]
Needs the gh CLI and GH_TOKEN with ``issues: write``. When any page or bank is overdue, due
within 60 days or changed since its review, the issue is opened (or its body replaced, with a comment) with the
``make review-report`` table; when none is, an open issue is closed with a comment. The report
comes from ``macros.cli.review_report`` (the loaded content), so this script holds no rules of its own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from macros.core.project import Project  # noqa: E402
from macros.cli.review_report import rows, summary, table  # noqa: E402

TITLE = "Content due for review (weekly review-date report)"
Gh = Callable[[list[str]], str]


def run_gh(args: list[str]) -> str:
    return subprocess.run(["gh", *args], check=True, capture_output=True, text=True).stdout


def body(root: Path, today: dt.date, run_url: str) -> tuple[str, bool]:
    """The issue's text, and whether anything needs a review."""
    found = rows(Project(root), today)
    text = "\n".join([
        f"The weekly review-date check found content to review ({summary(found)}). Run: {run_url}",
        "",
        "For each file marked overdue, due soon, or \"changed since review\" (its text changed after its last",
        "review, and its page tells readers so): check its text against its sources (and the clinical",
        "sign-off, if it has one), then record the review with `make review-record PAGE=<slug> BY=<reviewer id>`",
        "(or `BANK=<id>`; CONTRIBUTING.md, 'Recording a review'). `make review-report` prints this table",
        "locally. This issue is updated by each weekly run and closed by the first run that finds nothing to do.",
        "",
        table(found, today),
        "",
    ])
    return text, any(r.needs_action for r in found)


def open_issue(gh: Gh) -> int | None:
    listed = json.loads(gh(["issue", "list", "--state", "open", "--search", f'in:title "{TITLE}"',
                            "--json", "number,title"]) or "[]")
    return next((item["number"] for item in listed if item["title"] == TITLE), None)


def report(root: Path, today: dt.date, run_url: str, gh: Gh = run_gh) -> str:
    """Do what the report calls for; returns what was done (opened, updated, closed, nothing)."""
    text, due = body(root, today, run_url)
    number = open_issue(gh)
    if not due:
        if number is None:
            return "nothing due"
        gh(["issue", "close", str(number), "--comment", f"Nothing is due for review any more: {run_url}"])
        return f"closed #{number}"
    with tempfile.NamedTemporaryFile("w", suffix=".md", encoding="utf-8", delete=False) as handle:
        handle.write(text)
    try:
        if number is None:
            gh(["issue", "create", "--title", TITLE, "--body-file", handle.name])
            return "opened"
        gh(["issue", "edit", str(number), "--body-file", handle.name])
        gh(["issue", "comment", str(number), "--body", f"Still due: {run_url}"])
        return f"updated #{number}"
    finally:
        Path(handle.name).unlink()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run_url")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    args = parser.parse_args(argv)
    print(report(ROOT, args.today, args.run_url))
    return 0


if __name__ == "__main__":
    sys.exit(main())
