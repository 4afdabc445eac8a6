"""``make check`` on small fixture projects, one mistake each: the exact ``path:line`` report.

Each test runs ``python -m macros.cli.check <fixture root>`` in a subprocess, as ``make check`` does,
and asserts the located error line and a failing exit status.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.reviews import record_digests
from tests.support.registry import NICE_NG234, sources_yaml
from tests.support.sites import REPO, summary_without_date_warnings

BANK = "quiz/banks/red-flags.yaml"

GOOD_BANK = """\
# yaml-language-server: $schema=../../macros/schemas/quiz-bank.schema.json
id: red-flags
title: Red flags
review:
  last_reviewed: "2026-11-22"
  next_review_due: "2027-11-22"
questions:
  - id: rf-one
    type: single
    prompt: Which sign matters most?
    options:
      - text: A past cancer
        correct: true
      - text: A past back strain
        feedback: Common and not a warning sign.
    explanation: A past cancer is the strongest sign.
    sources: [nice-ng234]
    learn_more: red-flags.md#night-pain
  - id: rf-two
    type: true_false
    prompt: Night pain is a warning sign.
    answer: true
    explanation: It is a reason to get checked.
    sources: [nice-ng234]
    learn_more: red-flags.md#pain-when-you-move
"""

SOURCES = sources_yaml(NICE_NG234)

QUIZ_PAGE = "# Quiz\n\n{{ quiz_index() }}\n"
PAGE = "{{ page_content() }}\n"  # shows content_src/pages/red-flags.yaml and, after it, the bank named after it
PAGE_DATA = """\
title: Red flags
description: Warning signs that back pain could be caused by cancer, and what to do about them.
review:
  last_reviewed: 2026-11-01
  next_review_due: 2027-11-01
  checked_by: the site's editors
sections:
  - id: night-pain
    heading: Pain at night
    blocks:
      - paragraph: Pain that wakes you at night is a reason to get checked.
        cite: [nice-ng234]
  - id: pain-when-you-move
    heading: Pain when you move
    blocks:
      - paragraph: Pain that eases when you rest is common.
        cite: [nice-ng234]
"""


def make_project(root: Path, bank: str = GOOD_BANK, *, extra: dict[str, str] | None = None) -> Path:
    files = {"docs/red-flags.md": PAGE, "content_src/pages/red-flags.yaml": PAGE_DATA, "docs/quiz.md": QUIZ_PAGE,
             "content_src/sources.yaml": SOURCES, BANK: bank,
             **(extra or {})}
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def run_check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros.cli.check", str(root)], cwd=REPO,
                          capture_output=True, text=True, timeout=120)


# The fixture bank is short on purpose; the editorial minimum is tested in tests/test_editorial.py.
BANK_SIZE = "warning: the bank has 2 questions; a bank needs at least"


def errors_for(tmp_path: Path, bank: str, **kwargs) -> list[str]:
    result = run_check(make_project(tmp_path, bank, **kwargs))
    assert "internal error" not in result.stdout, result.stdout
    assert result.returncode == 1, result.stdout
    return [line for line in result.stdout.splitlines() if ": error: " in line]


RECORDED = GOOD_BANK.replace('  next_review_due: "2027-11-22"\n', '  next_review_due: "2027-11-22"\n'
                             "  checked_by: the site's editors (not clinicians), each question against its sources\n")


def test_a_good_bank_passes(tmp_path):
    root = make_project(tmp_path, RECORDED)  # a recorded review says how the questions were checked
    record_digests(root)  # its review record says what it reviewed (the line after checked_by)
    result = run_check(root)
    assert result.returncode == 0, result.stdout
    problems = result.stdout.strip().splitlines()
    # the fixture's reviews fall due as the calendar moves on (2027-09 on): such a warning never fails a test
    assert summary_without_date_warnings(result.stdout) == "0 errors, 2 warnings"
    assert [line for line in problems[:-1] if (": warning: " in line or ": error: " in line)
            and not re.search(r": warning: review (?:due soon|overdue): ", line)] == [  # the page is short too
        "content_src/pages/red-flags.yaml:1: warning: the page's body text has 27 words; a page needs at least 100 "
        "to say what a reader needs (or fold it into another page)",
        f"{BANK}:9:1: {BANK_SIZE} 6, so a reader can check each part of the page"]


def test_a_recorded_review_says_how_the_questions_were_checked(tmp_path):
    """A review with a content_digest (recorded by make review-record) without checked_by is one error, at the
    review, naming what to add."""
    root = make_project(tmp_path)
    record_digests(root)
    result = run_check(root)
    assert [line for line in result.stdout.splitlines() if ": error: " in line] == [
        f"{BANK}:4:1: error: review: 'checked_by' is required with 'content_digest': Who checked the questions and "
        "against what, in one line, for example: the site's editors (not clinicians), each question against the "
        "sources it cites. Say only what was done."]


def test_a_misspelt_checked_by_in_a_recorded_review_is_one_message(tmp_path):
    root = make_project(tmp_path, RECORDED.replace("  checked_by:", "  checkd_by:"))
    record_digests(root)
    result = run_check(root)
    assert [line for line in result.stdout.splitlines() if ": error: " in line] == [
        f"{BANK}:8:3: error: review: unknown field 'checkd_by' (allowed: checked_by, content_digest, last_reviewed, "
        "next_review_due, reviewed_by)"]


def _replace(old: str, new: str, count: int = 1):
    def edit(bank: str) -> str:
        assert bank.count(old) >= count, old
        return bank.replace(old, new, count)
    return edit


CASES = {
    "yaml syntax error": (
        _replace("    type: single\n", "    type: single\n   stray: [\n"),
        [f"{BANK}:10:4: error: YAML syntax error: while parsing a block collection, expected <block end>, "
         "but found '<block mapping start>'"]),
    "unknown field in a question, at its own line": (
        _replace("    explanation: A past cancer is the strongest sign.\n",
                 "    explanation: A past cancer is the strongest sign.\n    colour: red\n"),
        [f"{BANK}:17:5: error: questions[0]: unknown field 'colour' "
         "(allowed: answer, explanation, id, learn_more, options, prompt, sources, type)"]),
    "unknown field at the top of the bank": (
        _replace("title: Red flags\n", "title: Red flags\nauthor: Sam\n"),
        [f"{BANK}:4:1: error: unknown field 'author' (allowed: id, questions, review, title)"]),
    "unknown field in an option (so no option is marked correct)": (
        _replace("        correct: true\n", "        corect: true\n"),
        [f"{BANK}:11:5: error: question 'rf-one': a single question needs exactly one correct option "
         "(`correct: true`), found none",
         f"{BANK}:13:9: error: questions[0].options[0]: unknown field 'corect' (allowed: correct, feedback, pin, text)"]),
    "single question with no correct option": (
        _replace("        correct: true\n", ""),
        [f"{BANK}:11:5: error: question 'rf-one': a single question needs exactly one correct option "
         "(`correct: true`), found none"]),
    "single question with two correct options": (
        _replace("        feedback: Common and not a warning sign.\n", "        correct: true\n"),
        [f"{BANK}:14:9: error: question 'rf-one': a single question needs exactly one correct option, "
         "found 2 (use `type: multiple` if more are right)"]),
    "true_false question without its answer": (
        _replace("    answer: true\n", ""),
        [f"{BANK}:19:5: error: questions[1]: 'answer' is required"]),
    "true_false question without its type (so whether it needs options is not known)": (
        _replace("    type: true_false\n", ""),
        [f"{BANK}:19:5: error: questions[1]: 'type' is required"]),
    "empty prompt": (
        _replace("    prompt: Night pain is a warning sign.\n", '    prompt: ""\n'),
        [f"{BANK}:21:5: error: questions[1].prompt: '' should be non-empty"]),
    "true_false question with options instead of an answer": (
        _replace("    answer: true\n", "    options:\n      - text: Right\n        correct: true\n      - text: Wrong\n"),
        [f"{BANK}:19:5: error: questions[1]: 'answer' is required",
         f"{BANK}:22:5: error: question 'rf-two': a true_false question takes `answer: true` or "
         "`answer: false` instead of options"]),
    "multiple question with no correct option": (
        lambda bank: bank.replace("    type: single\n", "    type: multiple\n").replace(
            "        correct: true\n", "        correct: false\n"),
        [f"{BANK}:11:5: error: question 'rf-one': a multiple question needs at least one correct option "
         "(`correct: true`), found none"]),
    "fewer than two options": (
        _replace("      - text: A past back strain\n        feedback: Common and not a warning sign.\n", ""),
        [f"{BANK}:11:5: error: question 'rf-one': a question needs at least two options, found 1"]),
    "answer on a single question": (
        _replace("    explanation: A past cancer is the strongest sign.\n",
                 "    answer: true\n    explanation: A past cancer is the strongest sign.\n"),
        [f"{BANK}:16:5: error: question 'rf-one': `answer` is only for true_false questions; "
         "mark the right option with `correct: true`"]),
    "duplicate question id in one bank": (
        _replace("id: rf-two", "id: rf-one"),
        [f"{BANK}:19:5: error: duplicate question id 'rf-one': already used at {BANK}:8"]),
    "unknown source key (the citations check covers banks)": (
        _replace("    sources: [nice-ng234]\n    learn_more: red-flags.md#night-pain",
                 "    sources: [nice-ng243]\n    learn_more: red-flags.md#night-pain"),
        [f"{BANK}:17:15: error: unknown source key 'nice-ng243' (nearest existing keys: nice-ng234); "
         "add the source to content_src/sources.yaml or fix the key"]),
    "learn_more page that does not exist": (
        _replace("learn_more: red-flags.md#night-pain", "learn_more: red-flag.md#night-pain"),
        [f"{BANK}:18:5: error: question 'rf-one': learn_more page 'red-flag.md' does not exist in docs/"]),
    "learn_more section that does not exist": (
        _replace("learn_more: red-flags.md#night-pain", "learn_more: red-flags.md#nights"),
        [f"{BANK}:18:5: error: question 'rf-one': learn_more section '#nights' does not exist on red-flags.md "
         "(its sections: night-pain, pain-when-you-move)"]),
    "learn_more without a section": (
        _replace("learn_more: red-flags.md#night-pain", "learn_more: red-flags.md"),
        [f"{BANK}:18:5: error: questions[0].learn_more: 'red-flags.md' is not valid: "
         "the page section that teaches this, like red-flags.md#night-pain"]),
    "question type that does not exist": (
        _replace("type: single", "type: one"),
        [f"{BANK}:9:5: error: questions[0].type: 'one' is not one of 'single', 'multiple', 'true_false'"]),
    "the same option twice": (
        _replace("A past back strain", "a past  Cancer"),
        [f"{BANK}:14:9: error: question 'rf-one': option 2 repeats option 1"]),
    "bank id that is not the file name": (
        _replace("id: red-flags", "id: redflags"),
        [f"{BANK}:2:1: error: bank id 'redflags' must be the file name without .yaml ('red-flags')"]),
    "missing schema comment": (
        lambda bank: bank.split("\n", 1)[1],
        [f"{BANK}:1: error: line 1 must be `# yaml-language-server: $schema=../../macros/schemas/quiz-bank.schema.json` "
         "so editors check the bank as you type"]),
}


@pytest.mark.parametrize("mistake", list(CASES))
def test_each_mistake_is_reported_at_its_line(tmp_path, mistake):
    edit, expected = CASES[mistake]
    errors = [line for line in errors_for(tmp_path, edit(GOOD_BANK)) if line.startswith(BANK)]
    assert errors == expected


def test_duplicate_ids_across_banks_name_both_places(tmp_path):
    other = GOOD_BANK.replace("id: red-flags", "id: other").replace("id: rf-two", "id: ot-two")
    errors = errors_for(tmp_path, GOOD_BANK, extra={"quiz/banks/other.yaml": other, "docs/other.md": PAGE,
                                                    "content_src/pages/other.yaml": PAGE_DATA})
    assert errors == [f"{BANK}:8:5: error: duplicate question id 'rf-one': already used at quiz/banks/other.yaml:8"]


def test_a_retired_quiz_call_says_what_replaces_it(tmp_path):
    errors = errors_for(tmp_path, GOOD_BANK, extra={"docs/quiz.md": '# Quiz\n\n{{ quiz_all() }}\n{{ quiz("red-flag") }}\n'})
    assert errors == ["docs/quiz.md:3: error: quiz_all() is no longer a macro: each bank shows only on its topic page; "
                      "the quiz page lists them with {{ quiz_index() }} (so no page grows with the number of banks)",
                      "docs/quiz.md:4: error: quiz() is no longer a macro: a topic page's quiz is placed by "
                      "{{ page_content() }} (its bank is named after the page)"]


def test_learn_more_reads_sections_from_page_data(tmp_path):
    """A structured page's anchors come from content_src/pages/<slug>.yaml section ids, nested too."""
    page_data = ("title: Red flags\nsections:\n  - id: pain-features\n    heading: Pain features\n"
                 "    sections:\n      - id: deep-ache\n        heading: A deep ache\n"
                 "  - id: pain-when-you-move\n    heading: Pain when you move\n")
    bank = GOOD_BANK.replace("red-flags.md#night-pain", "red-flags.md#deep-ache")
    result = run_check(make_project(tmp_path, bank, extra={"content_src/pages/red-flags.yaml": page_data}))
    assert [l for l in result.stdout.splitlines() if l.startswith(BANK) and ": error: " in l] == []
    bank = GOOD_BANK.replace("red-flags.md#night-pain", "red-flags.md#deep-aches")
    errors = errors_for(tmp_path, bank, extra={"content_src/pages/red-flags.yaml": page_data})
    assert [l for l in errors if l.startswith(BANK)] == [
        f"{BANK}:18:5: error: question 'rf-one': learn_more section '#deep-aches' does not exist on red-flags.md "
        "(its sections: deep-ache, pain-features, pain-when-you-move)"]


def test_the_real_banks_pass(tmp_path):
    from macros import rules
    from macros.core.project import Project
    from macros.model.site import site_model

    project = Project(REPO)  # warnings (a review coming due, a bank changed since review) are allowed
    errors = [p.format() for p in rules.problems(site_model(project)) if p.is_error]
    assert [e for e in errors if e.startswith("quiz/banks/")] == []


def test_an_overdue_bank_is_a_warning_and_the_check_passes(tmp_path):
    bank = GOOD_BANK.replace('next_review_due: "2027-11-22"', 'next_review_due: "2026-01-01"').replace(
        'last_reviewed: "2026-11-22"', 'last_reviewed: "2025-01-01"')
    result = run_check(make_project(tmp_path, bank))
    assert result.returncode == 0, result.stdout
    assert (f"{BANK}:6:3: warning: review overdue: next_review_due was 2026-01-01; review the content against its "
            "sources, then update last_reviewed and next_review_due (make review-report lists every date)"
            ) in result.stdout.splitlines()


def test_learn_more_to_a_page_whose_shell_is_missing_waits_for_it_and_to_a_page_really_gone_is_an_error(tmp_path):
    """The example's bank points each question at its topic page. With the page's shell missing, the page file's
    one error says what to do (the build refuses it: ``pages_shown``); with the page file gone too, every
    learn_more pointing at it is wrong, and said so."""
    from macros import rules
    from macros.model.site import site_model
    from macros.quiz.rules import learn_more_links
    from tests.support.sites import example_site

    root = example_site(tmp_path / "site")
    (root / "docs" / "red-flags.md").unlink()
    model = site_model(root)
    assert list(learn_more_links(model)) == []
    assert [p.format() for p in rules.build_errors(model) if "symbolic link" not in p.message] == [
        "content_src/pages/red-flags.yaml:1: error: no page shows this file; create docs/red-flags.md containing "
        "{{ page_content() }} and list it in mkdocs.yml's nav"]
    (root / "content_src" / "pages" / "red-flags.yaml").unlink()
    found = [p.format() for p in learn_more_links(site_model(root))]
    questions = (root / BANK).read_text(encoding="utf-8").count("learn_more: red-flags.md#")
    assert len(found) == questions > 1
    assert all(f"learn_more page 'red-flags.md' does not exist in docs/" in line for line in found), found
