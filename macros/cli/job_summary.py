"""``make check``'s report in the pull request: a Markdown job summary under GitHub Actions.

When ``GITHUB_ACTIONS=true`` and ``GITHUB_STEP_SUMMARY`` names a file, ``make check`` appends:
the problems grouped by file, each page's reading level (the pages the pull request changes
first, from ``git diff --name-only`` against the base branch when git can tell), and every page's
and bank's review dates, and which changed since their review. The workflow adds the link to the built site after uploading it.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess

from ..core.problems import Problem
from ..core.project import Project
from ..editorial.readability import page_scores
from ..model import site_model
from .review_report import rows, summary, table


def changed_files(project: Project) -> set[str] | None:
    """Files the pull request changes (project-relative), or None when git cannot tell."""
    base = os.environ.get("GITHUB_BASE_REF")
    if not base:
        return None
    for ref in (f"origin/{base}", base):  # Actions' checkout has origin/<base>; a local clone may have <base>
        try:
            result = subprocess.run(["git", "diff", "--name-only", f"{ref}...HEAD"], cwd=project.root,
                                    capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            return None
        if result.returncode == 0:
            return set(result.stdout.split())
    return None


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(project: Project, problems: list[Problem], changed: set[str] | None, today: dt.date) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    out = [f"## make check: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}", ""]
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(problem.path, []).append(problem)
    if by_file:
        out += ["### Problems by file", ""]
        for path, found in by_file.items():
            out += [f"<details open><summary><code>{_cell(path)}</code>: {len(found)}</summary>", "",
                    "| line | severity | message |", "|---:|---|---|"]
            out += [f"| {p.line} | {p.severity} | {_cell(p.message)} |" for p in found]
            out += ["", "</details>", ""]
    scores = page_scores(site_model(project))
    if scores:
        first = sorted(scores, key=lambda s: (changed is None or s.path not in changed, s.path))
        note = "changed pages first" if changed else "the pull request's changed files are not known"
        out += [f"### Reading level ({note}; target: grade 9 or lower)", "",
                "| page | changed | words | Flesch-Kincaid grade | SMOG | target |", "|---|---|---:|---:|---:|---|"]
        for s in first:
            verdict = "met" if not s.over_target else "over (" + ", ".join(s.over_target) + ")"
            mark = "yes" if changed and s.path in changed else ""
            out.append(f"| `{_cell(s.path)}` | {mark} | {s.words} | {s.fk_grade:.1f} | {s.smog:.1f} | {verdict} |")
        out.append("")
    found = rows(project, today)
    if found:
        out += [f"### Review dates and changes since review: {summary(found)}", "", table(found, today), ""]
    return "\n".join(out) + "\n"


def write(project: Project, problems: list[Problem], today: dt.date | None = None) -> None:
    """Append the summary when running under GitHub Actions; do nothing elsewhere."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if os.environ.get("GITHUB_ACTIONS") != "true" or not target:
        return
    text = markdown(project, problems, changed_files(project), today or dt.date.today())
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(text)
