"""``make check`` under GitHub Actions writes a Markdown job summary: problems by file, reading
levels (changed pages first) and review dates; elsewhere it writes nothing."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

from macros.cli.job_summary import markdown
from macros.core.problems import Problem
from macros.core.project import Project
from tests.support.pages import bank_file, content_file, topic_pages
from tests.support.sites import REPO, example_site

TODAY = dt.date(2026, 12, 1)
PAGE_FILE, BANK_FILE = content_file(topic_pages()[0]), bank_file(topic_pages()[0])


def test_problems_by_file_reading_levels_changed_first_and_review_dates():
    problems = [Problem.error(PAGE_FILE, 12, "raw HTML (<b...) | not allowed", 9),
                Problem.warning(PAGE_FILE, 6, "review overdue"),
                Problem.error(BANK_FILE, 3, "bad")]
    text = markdown(Project(REPO), sorted(problems), {PAGE_FILE}, TODAY)
    assert text.startswith("## make check: 2 errors, 1 warning\n")
    assert f"<code>{PAGE_FILE}</code>: 2</summary>" in text
    assert "| 12 | error | raw HTML (<b...) \\| not allowed |" in text  # a | in a message keeps the table
    assert text.index("| 6 | warning | review overdue |") < text.index("| 12 | error |")
    reading = text[text.index("### Reading level (changed pages first"):text.index("### Review dates and changes since review")]
    pages = [line.split("`")[1] for line in reading.splitlines() if line.startswith("| `")]
    assert pages[0] == PAGE_FILE and "| yes |" in reading.splitlines()[4]
    assert len(pages) >= 6
    assert "### Review dates and changes since review: " in text and f"| `{BANK_FILE}:" in text


def test_make_check_writes_the_summary_only_under_actions(tmp_path):
    root = example_site(tmp_path / "p")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    target = tmp_path / "summary.md"
    run = [sys.executable, "-m", "macros.cli.check", str(root)]
    subprocess.run(run, cwd=REPO, env={**env, "GITHUB_STEP_SUMMARY": str(target)}, capture_output=True, timeout=300)
    assert not target.exists()
    result = subprocess.run(run, cwd=REPO, env={**env, "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(target)},
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout
    text = target.read_text(encoding="utf-8")
    # the summary's count is make check's own (warnings, such as a page changed since its review, are allowed:
    # they never fail CI)
    counts = result.stdout.splitlines()[-1]
    assert counts.startswith("0 errors, ") and text.startswith(f"## make check: {counts}\n")
    assert "changed files are not known" in text and "### Review dates and changes since review: " in text
