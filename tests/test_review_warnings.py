"""Warnings never fail (issue 21, item 4): a copy of the example site with a page due for review in 30 days and a
page changed since its review passes ``make check``, the strict build and the offline link check, with
warnings that name both files; the built page, the review report and the job summary say what changed; and
recording the review (``make review-record``) clears all four."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys

from macros.core.review_dates import add_months
from macros.core.settings import SETTINGS
from tests.support.sites import REPO, build, example_site

TODAY = dt.date.today()


def _check(root, summary=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    if summary is not None:
        env.update(GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))
    return subprocess.run([sys.executable, "-m", "macros.cli.check", str(root)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)


def _run(root, module, *args):
    return subprocess.run([sys.executable, "-m", module, *args], cwd=root, capture_output=True, text=True,
                          timeout=300)


def _change_one_sentence(path) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    n = next(i for i, line in enumerate(lines) if line.lstrip().startswith("- paragraph: ") and '."' in line)
    lines[n] = lines[n].replace('."', '. This sentence is new."', 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def _due_in_30_days(path) -> None:
    text = path.read_text(encoding="utf-8")
    due, last = TODAY + dt.timedelta(days=30), add_months(TODAY + dt.timedelta(days=30),
                                                          -SETTINGS.clinical_review_cycle_months)
    text = re.sub(r'(?m)^(\s*)next_review_due: .*$', rf'\1next_review_due: "{due}"', text, count=1)
    text = re.sub(r'(?m)^(\s*)last_reviewed: .*$', rf'\1last_reviewed: "{last}"', text, count=1)
    path.write_text(text, encoding="utf-8")


def _review_dates(html: str) -> str:
    return re.search(r'<div class="review-dates">(.*?)</div>', html, re.S).group(1)


def test_a_page_due_soon_and_a_page_changed_since_review_pass_with_warnings_until_reviewed(tmp_path):
    (changed, changed_url), (due, due_url) = ("red-flags", "red-flags/"), ("when-to-get-help", "when-to-get-help/")
    changed_file, due_file = f"content_src/pages/{changed}.yaml", f"content_src/pages/{due}.yaml"
    root = example_site(tmp_path / "p", assets=True)  # its review records are bound to its content
    _change_one_sentence(root / changed_file)
    _due_in_30_days(root / due_file)

    check = _check(root, tmp_path / "summary.md")
    assert check.returncode == 0, check.stdout
    assert re.search(rf"^{re.escape(changed_file)}:\d+:\d+: warning: changed since its last review", check.stdout, re.M)
    assert re.search(rf"^{re.escape(due_file)}:\d+:\d+: warning: review due soon: .* \(30 days from today\)",
                     check.stdout, re.M)
    assert re.search(r"^0 errors, [1-9]\d* warnings?$", check.stdout, re.M)
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert re.search(rf"\| `{re.escape(changed_file)}:\d+` \|.*\| changed since review \|", summary)

    site = tmp_path / "site"
    built = build(root, site)
    assert built.returncode == 0, built.stdout + built.stderr
    shown = _review_dates((site / changed_url / "index.html").read_text(encoding="utf-8"))
    assert "Changed since its last review on" in shown and "Page last reviewed" not in shown
    assert "Page last reviewed" in _review_dates((site / due_url / "index.html").read_text(encoding="utf-8"))
    links = subprocess.run([sys.executable, str(REPO / "scripts" / "linkcheck.py"), str(site), "--docs-dir",
                            str(root / "docs")], cwd=root, capture_output=True, text=True, timeout=300)
    assert links.returncode == 0, links.stdout + links.stderr

    report = _run(root, "macros.cli.review_report", str(root))
    assert report.returncode == 0
    assert re.search(rf"\| `{re.escape(changed_file)}:\d+` \|.*\| changed since review \|", report.stdout)
    assert re.search(rf"\| `{re.escape(due_file)}:\d+` \|.*\| due within 60 days \(in 30 days\) \|", report.stdout)

    # the editor checks the page, then records the review: all four clear
    recorded = _run(root, "macros.cli.review_record", "--root", str(root), "--page", changed, "--by",
                    "site-editors")
    assert recorded.returncode == 0, recorded.stdout + recorded.stderr
    check = _check(root, tmp_path / "summary-after.md")
    assert check.returncode == 0, check.stdout
    assert not re.search(rf"^{re.escape(changed_file)}:.*changed since", check.stdout, re.M)
    assert "changed since review |" not in (tmp_path / "summary-after.md").read_text(encoding="utf-8")
    assert build(root, site).returncode == 0
    shown = _review_dates((site / changed_url / "index.html").read_text(encoding="utf-8"))
    assert f"Page last reviewed: {TODAY.day} {TODAY:%B %Y}" in shown and "has changed" not in shown
    report = _run(root, "macros.cli.review_report", str(root))
    assert "| changed since review |" not in report.stdout and " 0 changed since review" in report.stdout


def test_a_bank_review_is_recorded_only_with_how_it_was_checked(tmp_path):
    """make review-record BANK=... refuses a bank whose review does not say how the questions were checked
    (checked_by), and leaves the file as it was; with checked_by it records the review and make check passes."""
    root = example_site(tmp_path / "proj", overrides=True)
    bank = root / "quiz" / "banks" / "red-flags.yaml"
    without = "".join(line for line in bank.read_text(encoding="utf-8").splitlines(keepends=True)
                      if not line.lstrip().startswith(("checked_by:", "content_digest:")))
    bank.write_text(without, encoding="utf-8")
    refused = _run(root, "macros.cli.review_record", "--root", str(root), "--bank", "red-flags", "--by", "site-editors")
    assert refused.returncode == 1
    assert refused.stderr == ("make review-record: quiz/banks/red-flags.yaml's review has no checked_by: add who "
                              "checked it and against what, in one line (only what was done), then record the review\n")
    assert bank.read_text(encoding="utf-8") == without
    bank.write_text(without.replace("review:\n", "review:\n  checked_by: the site's editors, each question against "
                                                  "its sources\n", 1), encoding="utf-8")
    recorded = _run(root, "macros.cli.review_record", "--root", str(root), "--bank", "red-flags", "--by", "site-editors")
    assert recorded.returncode == 0, recorded.stderr
    assert "content_digest:" in bank.read_text(encoding="utf-8")
    assert _check(root).returncode == 0
