"""Fixture-site builds: a bank renders through MkDocs as text only; a broken bank fails the strict build."""

from __future__ import annotations

import html
import re
from pathlib import Path

from tests.support.registry import NHS_BACK_PAIN, sources_yaml
from tests.support.sites import build, make_fixture_site

SOURCES = sources_yaml(NHS_BACK_PAIN)

BANK = """\
# yaml-language-server: $schema=../../macros/schemas/quiz-bank.schema.json
id: signs
title: "<img src=x onerror=alert(1)> *Signs* {#evil} :smile:"
review:
  last_reviewed: "2026-11-22"
  next_review_due: "2027-11-22"
questions:
  - id: signs-one
    type: single
    prompt: "Which <script>alert(1)</script> **sign** matters?"
    options:
      - text: "<em>A past cancer</em>"
        correct: true
      - text: "A strain [link](https://example.com)"
        feedback: "Common; {{ not a macro }}"
    explanation: "A past cancer matters most & <b>more</b>."
    sources: [nhs-back-pain]
    learn_more: signs.md#night-pain
"""

SIGNS = "{{ page_content() }}\n"  # the page content_src/pages/signs.yaml and its bank quiz/banks/signs.yaml
SIGNS_PAGE = """\
title: Signs
description: Warning signs that back pain could be caused by cancer.
review:
  last_reviewed: 2026-11-01
  next_review_due: 2027-11-22
  checked_by: the site's editors
sections:
  - id: night-pain
    heading: Pain at night
    blocks:
      - paragraph: Text.
        cite: [nhs-back-pain]
"""
QUIZ = "# Check what you know\n\n{{ quiz_index() }}\n"  # lists the topic quizzes: the bank's title, as a link


def make(tmp_path: Path, bank: str = BANK) -> tuple[object, Path]:
    # when-to-get-help.md: the quiz intro links to extra.quiz.help_page, a link the strict build checks
    root = make_fixture_site(tmp_path / "proj", pages={"index.md": "# Home\n", "signs.md": SIGNS, "quiz.md": QUIZ,
                                                       "when-to-get-help.md": "# When to get help\n"},
                             files={"content_src/sources.yaml": SOURCES, "quiz/banks/signs.yaml": bank,
                                    "content_src/pages/signs.yaml": SIGNS_PAGE})
    site = tmp_path / "site"
    return build(root, site), site


def test_bank_text_shows_as_text_through_mkdocs_and_links_are_relative(tmp_path):
    result, site = make(tmp_path)
    assert result.returncode == 0, result.stderr
    quiz = (site / "quiz" / "index.html").read_text(encoding="utf-8")
    signs = (site / "signs" / "index.html").read_text(encoding="utf-8")
    for page in (quiz, signs):
        assert "<script>alert" not in page and "<img src=x" not in page and "<em>A past" not in page
        assert "<b>more</b>" not in page and 'href="https://example.com"' not in page and 'id="evil"' not in page
    assert html.escape("Which <script>alert(1)</script> **sign** matters?", quote=False) in signs
    assert "{{ not a macro }}" in signs
    assert "Which" not in quiz  # the quiz page lists the bank; its questions are on its page
    title = re.search(r'<a href="../signs/#quiz-signs">(.*?)</a>: 1 questions', quiz).group(1)  # the link to the bank
    assert html.unescape(title) == "<img src=x onerror=alert(1)> *Signs* {#evil} :smile:"
    assert "<svg" not in title
    assert '<h2 id="quiz-signs">' in signs  # where the link lands
    assert '<a href="./#night-pain">Read more&#58; Pain at night</a>' in signs  # MkDocs' link to its own page
    assert 'href="#ref-nhs-back-pain"' in signs and 'id="ref-nhs-back-pain"' in signs


def test_a_broken_bank_fails_the_strict_build_at_its_line(tmp_path):
    broken = BANK.replace("        correct: true\n", "")
    result, _ = make(tmp_path, broken)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert ("quiz/banks/signs.yaml:11:5: error: question 'signs-one': a single question needs exactly one correct "
            "option (`correct: true`), found none") in output
