"""``make review-report``: every page's and question bank's review dates in one table, and which changed since review.

A review date passing is a warning in ``make check`` (it never blocks a build or a pull request);
this report is what acts on it: the weekly workflow (``.github/workflows/review.yml``) opens or
updates one issue with it (``scripts/review_issue.py``). Dates are read from the loaded, validated
content (the site model's pages, the bank documents), never from the files by hand. A page or bank whose
content no longer matches its record's ``content_digest`` is listed as "changed since review"
(``macros/model/review_records.py``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from ..core.project import Project
from ..core.review_dates import DUE_SOON as SOON, OVERDUE, WARN_WITHIN_DAYS, due_state, parse_date
from ..core.yamlsource import Document
from ..model import site_model
from ..model.banks import bank_files
from ..model.pages import page_file, page_slugs
from ..model.review_records import is_current, review_of
from ..model.reviewed_content import bank_digest, page_digest

DUE_SOON = f"due within {WARN_WITHIN_DAYS} days"
UP_TO_DATE = "up to date"
STATUS = {OVERDUE: OVERDUE, SOON: DUE_SOON, None: UP_TO_DATE}  # each ``due_state``, as shown here
UNREADABLE = "cannot be read (run make check)"
CHANGED = "changed since review"


@dataclass(frozen=True)
class Row:
    path: str
    line: int
    kind: str                  # "page" or "bank"
    last_reviewed: dt.date | None
    next_review_due: dt.date | None
    status: str
    changed: bool = False      # the content differs from what its review checked

    @property
    def needs_action(self) -> bool:
        return self.status != UP_TO_DATE or self.changed


def _row(project: Project, path: Path, kind: str, doc: Document | None, digest: str | None, today: dt.date) -> Row:
    """The row of the file at ``path``, loaded as ``doc`` (None: it cannot be read; its own errors say why)."""
    if doc is None:
        return Row(project.rel(path), 1, kind, None, None, UNREADABLE)
    review = review_of(doc) or {}
    last, due = parse_date(review.get("last_reviewed")), parse_date(review.get("next_review_due"))
    status = UNREADABLE if due is None else STATUS[due_state(due, today)]
    return Row(project.rel(path), doc.line("review", "next_review_due"), kind, last, due, status,
               not is_current(review, digest))


def rows(project: Project, today: dt.date) -> list[Row]:
    """One row per page and bank: pages first, then banks, each sorted by file name."""
    found, model = [], site_model(project)
    for slug in page_slugs(project):
        page = model.pages.get(slug)
        digest = page and page_digest(model, slug, page.data)
        found.append(_row(project, page_file(project, slug), "page", page and page.doc, digest, today))
    for path in bank_files(project):
        doc, _ = project.try_load(path)
        doc = doc if doc is not None and isinstance(doc.data, dict) else None
        found.append(_row(project, path, "bank", doc, doc and bank_digest(doc.data), today))
    return found


def _date(day: dt.date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else "-"


def _when(row: Row, today: dt.date) -> str:
    if row.next_review_due is None:
        return row.status
    days = (row.next_review_due - today).days
    if days < 0:
        return f"{row.status} by {-days} day{'s' * (days != -1)}"
    return f"{row.status} (in {days} day{'s' * (days != 1)})" if row.status == DUE_SOON else row.status


def table(found: list[Row], today: dt.date) -> str:
    """A Markdown table (readable in a terminal too), the rows needing action first."""
    ordered = sorted(found, key=lambda r: (not r.needs_action, not r.changed, r.next_review_due or dt.date.min, r.path))
    lines = ["| file | kind | last reviewed | next review due | status | content |", "|---|---|---|---|---|---|"]
    lines += [f"| `{r.path}:{r.line}` | {r.kind} | {_date(r.last_reviewed)} | {_date(r.next_review_due)} | "
              f"{_when(r, today)} | {CHANGED if r.changed else 'as reviewed'} |" for r in ordered]
    return "\n".join(lines)


def summary(found: list[Row]) -> str:
    overdue = sum(r.status == OVERDUE for r in found)
    soon = sum(r.status == DUE_SOON for r in found)
    other = sum(r.status == UNREADABLE for r in found)
    changed = sum(r.changed for r in found)
    text = f"{len(found)} pages and banks: {overdue} overdue, {soon} {DUE_SOON}, {changed} {CHANGED}"
    return text + (f", {other} that cannot be read" if other else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make review-report", description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default=".", help="project root (default: current directory)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="the date to compare with (default: today), e.g. 2027-01-31")
    parser.add_argument("--output", type=Path, help="also write the report (Markdown) to this file")
    args = parser.parse_args(argv)
    found = rows(Project(Path(args.root)), args.today)
    report = f"Review dates on {_date(args.today)}: {summary(found)}.\n\n{table(found, args.today)}\n"
    print(report, end="")
    if args.output:
        args.output.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
