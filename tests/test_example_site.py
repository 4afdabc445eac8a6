"""The example site (tests/fixtures/site) that tests copy and edit: it must stay a valid project, so that a test
that changes one thing in it sees the message about that one thing and nothing else."""

from __future__ import annotations

import re

from macros.cli.check import main as make_check
from macros.cli.check import project_model
from tests.support.sites import EXAMPLE, example_site


def test_the_example_site_passes_make_check(tmp_path, capsys):
    assert make_check([str(example_site(tmp_path))]) == 0
    assert capsys.readouterr().out.endswith("0 errors, 0 warnings\n")


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
