"""``make review-record PAGE=<slug> BY=<reviewer id>`` (or ``BANK=<id>``): record a review that happened.

Run it after an editor has checked the page (or bank) as it is now against its sources. It writes
four lines of the file's ``review`` block and leaves the rest of the file as it is (comments too):
``last_reviewed`` (today), ``next_review_due`` (today plus the review cycle of macros/core/settings.py),
``content_digest`` (what was checked: the digest of the content readers see now) and ``reviewed_by``
(a reviewer of ``content_src/reviewers.yaml`` who may sign reviews). ``checked_by`` and
``checked_against`` say how the check was done: edit them by hand when this review differs.
Nothing else writes a review record: a build never does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from .check import project_model
from ..core.problems import ContentError
from ..core.review_dates import add_months, cycle_months
from ..model.pages import page_file
from ..model.review_records import DIGEST
from ..model.reviewed_content import bank_digest, is_clinical, page_digest
from ..model.reviewers import REVIEW, REVIEWERS_PATH
from ..core.yamlsource import Document
from ..rules import build_errors


def set_review_fields(path: Path, doc: Document, values: dict[str, str]) -> None:
    """Write ``values`` into the ``review`` block of the file at ``path`` (loaded as ``doc``), line by line:
    an existing key's value is replaced on its own line; a missing key is added after the block's last date."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    anchor_line, anchor_col = doc.where.lines.get(("review", "next_review_due"), doc.where.lines[("review",)])
    indent = " " * (anchor_col - 1)
    added = []
    for key, value in values.items():
        where = doc.where.lines.get(("review", key))
        if where is None:
            added.append(f"{indent}{key}: {value}\n")
            continue
        line = where[0] - 1
        text = lines[line]
        match = re.match(rf"^(\s*{re.escape(key)}\s*:\s*)(\"[^\"]*\"|'[^']*'|[^#\n]*?)(\s*#.*)?(\r?\n)?$", text)
        if match is None:  # not written on one line as `key: value`: leave it to the editor
            raise SystemExit(f"{doc.path}:{where[0]}: error: cannot update {key} here; write it as `{key}: value` "
                             "on one line and run this again")
        lines[line] = f"{match.group(1)}{value}{match.group(3) or ''}{match.group(4) or ''}"
    lines[anchor_line:anchor_line] = added  # after the anchor's line (its 1-based number is the next index)
    path.write_text("".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make review-record", description=__doc__.splitlines()[0])
    parser.add_argument("--page", default="", help="the page's slug: content_src/pages/<slug>.yaml")
    parser.add_argument("--bank", default="", help="the question bank's id: quiz/banks/<id>.yaml")
    parser.add_argument("--by", default="", help=f"who checked it: a reviewer id of {REVIEWERS_PATH}")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(), help=argparse.SUPPRESS)
    parser.add_argument("--root", default=".", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if bool(args.page) == bool(args.bank):
        print("make review-record: name what was reviewed: PAGE=<slug> (content_src/pages/<slug>.yaml) or "
              "BANK=<id> (quiz/banks/<id>.yaml), and BY=<reviewer id>", file=sys.stderr)
        return 2
    model, _ = project_model(Path(args.root))
    project = model.project
    reviewers = model.kind("reviewers")
    allowed = reviewers.ids(REVIEW)
    if args.by not in allowed:
        print(f"make review-record: BY={args.by!r} is not a reviewer of {REVIEWERS_PATH} who may sign reviews "
              f"(who may: {', '.join(allowed) or 'nobody yet'})", file=sys.stderr)
        return 2
    path = page_file(project, args.page) if args.page else project.banks_dir / f"{args.bank}.yaml"
    if not path.is_file():
        print(f"make review-record: {project.rel(path)} does not exist", file=sys.stderr)
        return 2
    errors = [p for p in build_errors(model) if p.path == project.rel(path)]
    doc, problems = project.try_load(path)
    errors += [p for p in problems if p.is_error]
    if errors or doc is None or not isinstance(doc.data, dict) or not isinstance(doc.data.get("review"), dict):
        for problem in errors:
            print(problem.format(), file=sys.stderr)
        print(f"make review-record: fix {project.rel(path)} first (make check), then record the review", file=sys.stderr)
        return 1
    if not doc.data["review"].get("checked_by"):  # a page's schema requires it; a bank's once it has a digest
        print(f"make review-record: {project.rel(path)}'s review has no checked_by: add who checked it and against "
              "what, in one line (only what was done), then record the review", file=sys.stderr)
        return 1
    if args.page:
        digest, clinical = page_digest(model, args.page, doc.data), is_clinical(doc.data)
    else:
        digest, clinical = bank_digest(doc.data), True
    values = {"last_reviewed": f'"{args.today.isoformat()}"',
              "next_review_due": f'"{add_months(args.today, cycle_months(clinical)).isoformat()}"',
              DIGEST: f'"{digest}"', "reviewed_by": args.by}
    set_review_fields(path, doc, values)
    review = doc.data["review"]
    print(f"{project.rel(path)}: review recorded on {args.today.isoformat()} by {args.by} "
          f"({reviewers[args.by].name}); next review due {values['next_review_due'].strip(chr(34))}; {DIGEST} {digest}.")
    if review.get("checked_by") or review.get("checked_against"):
        print(f"  Check that these still say how this review was done: checked_by: {review.get('checked_by')!r}"
              + (f"; checked_against: {review.get('checked_against')}" if review.get("checked_against") else ""))
    sign_off = review.get("clinical_sign_off")
    if isinstance(sign_off, dict) and sign_off.get(DIGEST) != digest:
        print("  clinical_sign_off is for an earlier version: make check now reports it as an error until the "
              "clinician signs off this version (its content_digest) or it is removed.")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ContentError as exc:
        print(exc, file=sys.stderr)
        sys.exit(1)
