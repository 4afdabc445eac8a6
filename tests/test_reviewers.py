"""The reviewer registry (content_src/reviewers.yaml) and make review-record: who may sign what, and a
review recorded in one step that changes only the record's lines."""

from __future__ import annotations

import subprocess
import sys

from macros.core.project import Project
from macros.cli.review_record import main as review_record
from macros.model.reviewers import load_reviewers
from tests.support.sites import REPO, example_site

HEAD = "# yaml-language-server: $schema=../macros/schemas/reviewers.schema.json\nreviewers:\n"
EDITORS = "  - id: site-editors\n    name: the site's editors\n    role: editor\n    may_sign: [review]\n"


def _problems(tmp_path, text: str) -> list[str]:
    (tmp_path / "content_src").mkdir(parents=True, exist_ok=True)
    (tmp_path / "content_src" / "reviewers.yaml").write_text(HEAD + text, encoding="utf-8")
    return [p.format() for p in load_reviewers(Project(tmp_path)).problems]


def test_the_real_registry_is_valid_and_names_no_clinician_yet():
    reviewers = load_reviewers(Project(REPO))
    assert reviewers.problems == []
    assert reviewers.ids("review")  # someone may record a review
    # nobody may sign off until the clinical lead adds a clinician who has agreed to (the pages say so)
    assert all(r.role == "clinician" for r in reviewers if "clinical-sign-off" in r.may_sign)


def test_only_a_clinician_may_sign_pages_off(tmp_path):
    assert _problems(tmp_path, EDITORS.replace("[review]", "[review, clinical-sign-off]")) == [
        "content_src/reviewers.yaml:6:5: error: reviewer 'site-editors' is an editor: only a clinician may sign "
        "pages off (clinical-sign-off); remove it from may_sign"]
    assert _problems(tmp_path, EDITORS) == []


def test_a_reviewer_listed_twice_and_an_unknown_role_are_errors(tmp_path):
    assert _problems(tmp_path, EDITORS + EDITORS) == [
        "content_src/reviewers.yaml:7:5: error: reviewer 'site-editors' is listed twice (first on line 3); keep one entry"]
    [found] = _problems(tmp_path, EDITORS.replace("role: editor", "role: nurse"))
    assert found.startswith("content_src/reviewers.yaml:5:5: error: reviewers[0].role: 'nurse' is not one of")


def test_review_record_writes_only_the_record_and_refuses_an_unregistered_reviewer(tmp_path, capsys):
    root = example_site(tmp_path / "p")
    path = root / "content_src" / "pages" / "red-flags.yaml"
    before = path.read_text(encoding="utf-8")
    assert review_record(["--root", str(root), "--page", "red-flags", "--by", "dr-nobody"]) == 2
    assert "BY='dr-nobody' is not a reviewer of content_src/reviewers.yaml" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == before
    assert review_record(["--root", str(root), "--page", "red-flags", "--by", "site-editors",
                          "--today", "2026-12-06"]) == 0
    after = path.read_text(encoding="utf-8")
    keys = ("last_reviewed:", "next_review_due:", "content_digest:", "reviewed_by:")

    def rest(text: str) -> list[str]:
        return [line for line in text.splitlines() if not line.strip().startswith(keys)]

    assert rest(after) == rest(before)  # every other line as it was, comments included
    assert '  last_reviewed: "2026-12-06"' in after and '  next_review_due: "2027-12-06"' in after
    assert "  reviewed_by: site-editors" in after and after.count("content_digest:") == 1
    assert [line for line in before.splitlines() if line.lstrip().startswith("#")] == \
           [line for line in after.splitlines() if line.lstrip().startswith("#")]  # comments kept


def test_review_record_needs_a_page_or_a_bank(capsys):
    assert review_record(["--by", "site-editors"]) == 2
    assert "name what was reviewed" in capsys.readouterr().err


def test_a_broken_registry_is_one_error_at_its_line_in_make_check(tmp_path):
    """Not also an error at every review record that names a reviewer (one mistake, one message)."""
    root = example_site(tmp_path / "p")
    path = root / "content_src" / "reviewers.yaml"
    text = path.read_text(encoding="utf-8")
    line = text.splitlines().index("    role: editor") + 1
    path.write_text(text.replace("    role: editor", "    role: boss", 1), encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "macros.cli.check", str(root)], cwd=REPO, capture_output=True,
                           text=True, timeout=300)
    problems = [l for l in check.stdout.splitlines() if ": error: " in l]
    assert problems == [f"content_src/reviewers.yaml:{line}:5: error: reviewers[0].role: 'boss' is not one of "
                        "'editor', 'clinician'"], check.stdout
    assert check.returncode == 1
