"""The example site (tests/fixtures/site) that tests copy and edit: it must stay a valid project, so that a test
that changes one thing in it sees the message about that one thing and nothing else."""

from __future__ import annotations

import re

from macros.cli.check import main as make_check
from macros.cli.check import project_model
from tests.support.sites import EXAMPLE, example_site, summary_without_date_warnings


def test_the_example_site_passes_make_check(tmp_path, capsys):
    assert make_check([str(example_site(tmp_path))]) == 0
    assert summary_without_date_warnings(capsys.readouterr().out) == "0 errors, 0 warnings"


def test_only_review_date_warnings_are_left_out_of_the_summary():
    due = "content_src/pages/index.yaml:6:3: warning: review due soon: next_review_due is 2027-11-01 (30 days from today)"
    other = "content_src/glossary.yaml:4: warning: glossary entry 'x' is used on no topic page"
    assert summary_without_date_warnings(f"{due}\n1 error, 1 warning") == "1 error, 0 warnings"
    assert summary_without_date_warnings(f"{due}\n{other}\n0 errors, 2 warnings") == "0 errors, 1 warning"


def test_the_example_site_builds_strictly(example_build):
    site, done = example_build
    assert done.returncode == 0, done.stderr
    assert not re.search(r"^(WARNING|ERROR)", done.stderr, re.M), done.stderr
    page = (site / "red-flags" / "index.html").read_text(encoding="utf-8")
    assert 'id="emergency-999"' in page and "rf-night-pain" in page  # its care card and its question bank
    assert 'href="../red-flags/#quiz-red-flags"' in (site / "quiz" / "index.html").read_text(encoding="utf-8")


def test_the_example_has_what_tests_edit(tmp_path):
    """A topic page with a care card and a bank of six questions, sources, glossary terms, reviewers."""
    model, _ = project_model(example_site(tmp_path))
    [topic] = [shell for shell in model.shells if shell.is_topic_page]
    assert topic.content == "red-flags"
    assert (EXAMPLE / "quiz" / "banks" / "red-flags.yaml").read_text(encoding="utf-8").count("\n  - id: ") == 6
    assert "care_card: emergency-999" in (EXAMPLE / "content_src" / "pages" / "red-flags.yaml").read_text("utf-8")
    for name in ("sources", "care_cards", "urgent_care", "glossary", "reviewers"):
        assert (EXAMPLE / "content_src" / f"{name}.yaml").is_file()
