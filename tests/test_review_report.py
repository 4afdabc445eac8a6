"""Review dates warn and the weekly report acts: an overdue page passes ``make check`` with a
warning at its line, still builds, and ``make review-report`` lists it as overdue."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

from macros.core.project import Project
from macros.cli.review_report import DUE_SOON, OVERDUE, UP_TO_DATE, main, rows, summary, table
from tests.support.sites import REPO, build, example_site

TODAY = dt.date(2027, 1, 10)
PAGE_FILE, BANK_FILE = "content_src/pages/red-flags.yaml", "quiz/banks/red-flags.yaml"  # the example's topic page


def _set_due(root, name: str, due: str) -> int:
    path = root / name
    lines = path.read_text(encoding="utf-8").split("\n")
    n = next(i for i, line in enumerate(lines) if line.strip().startswith("next_review_due:"))
    lines[n] = lines[n].split(":")[0] + f': "{due}"'
    last = next(i for i, line in enumerate(lines) if line.strip().startswith("last_reviewed:"))
    lines[last] = lines[last].split(":")[0] + f': "{dt.date.fromisoformat(due) - dt.timedelta(days=300)}"'
    path.write_text("\n".join(lines), encoding="utf-8")
    return n + 1


def test_rows_say_overdue_due_soon_and_up_to_date(tmp_path):
    root = example_site(tmp_path / "p")  # every review record bound to its content
    overdue = _set_due(root, PAGE_FILE, "2027-01-01")
    _set_due(root, BANK_FILE, "2027-02-01")
    found = {r.path: r for r in rows(Project(root), TODAY)}
    assert found[PAGE_FILE].status == OVERDUE
    assert found[PAGE_FILE].line == overdue
    assert found[BANK_FILE].status == DUE_SOON
    assert found["content_src/pages/index.yaml"].status == UP_TO_DATE
    text = table(list(found.values()), TODAY)
    first, second = text.splitlines()[2:4]  # the rows needing action come first
    assert first.startswith(f"| `{PAGE_FILE}:{overdue}` | page | 7 March 2026 | 1 January 2027 |")
    assert first.endswith("| overdue by 9 days | as reviewed |")
    assert second.endswith("| due within 60 days (in 22 days) | as reviewed |")
    assert summary(list(found.values())).endswith("1 overdue, 1 due within 60 days, 0 changed since review")


def test_an_overdue_page_warns_builds_and_is_reported(tmp_path, capsys):
    root = example_site(tmp_path / "p", assets=True)  # every review record bound to its content
    line = _set_due(root, PAGE_FILE, (dt.date.today() - dt.timedelta(days=3)).isoformat())
    check = subprocess.run([sys.executable, "-m", "macros.cli.check", str(root)], cwd=REPO,
                           capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stdout
    assert re.search(rf"^{re.escape(PAGE_FILE)}:{line}:\d+: warning: review overdue", check.stdout, re.M)
    assert build(root, tmp_path / "site").returncode == 0
    assert main([str(root), "--output", str(tmp_path / "report.md")]) == 0
    out = capsys.readouterr().out
    assert re.search(rf"\| `{re.escape(PAGE_FILE)}:{line}` \| page \|.*\| overdue by 3 days \| as reviewed \|", out)
    assert (tmp_path / "report.md").read_text(encoding="utf-8") == out
