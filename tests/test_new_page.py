"""``make new-page``: it writes the content file, shell, optional bank and nav line; ``make check``
then names what is left, at its lines; once the template is filled in, check and build pass."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys

import pytest

from tests.support.pages import quiz_page, topic_pages
from tests.support.sites import REPO, build, copy_project, real_model


def _free_slug(base: str = "bone-pain") -> str:
    """CONTRIBUTING.md's example slug, or the first ``<base>-N`` no page has yet (an editor may add bone-pain)."""
    taken = {shell.name for shell in real_model().shells} | set(real_model().pages) | set(real_model().banks)
    return next(s for s in itertools.chain([base], (f"{base}-{n}" for n in itertools.count(2))) if s not in taken)


SLUG = _free_slug()

FILLED = {
    r'"TODO: say in one[^"]*"': '"What bone pain from cancer can feel like, and when to ask a doctor about it."',
    r'"TODO: [^"]*"': '"Back pain that gets worse at night is a reason to get your back checked."',
    r"todo-source-key": "nhs-back-pain",
}


def run(*args: str, root) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, timeout=300,
                          env={"PATH": "/usr/bin:/bin"})


def new_page(root, *extra: str) -> subprocess.CompletedProcess:
    return run("macros.cli.new_page", "--root", str(root), "--slug", SLUG, "--title", "Bone pain: what it means",
               *extra, root=root)


def test_new_page_then_check_guides_then_the_filled_page_builds(tmp_path):
    root = copy_project(tmp_path / "p")
    made = new_page(root, "--bank", "1")
    assert made.returncode == 0, made.stderr
    assert made.stdout.splitlines()[:4] == [f"wrote content_src/pages/{SLUG}.yaml", f"wrote docs/{SLUG}.md",
                                            f"wrote quiz/banks/{SLUG}.yaml", "wrote mkdocs.yml"]
    nav = (root / "mkdocs.yml").read_text(encoding="utf-8")
    quiz = quiz_page()  # the new line goes before the quiz page's
    assert f'  - "Bone pain: what it means": {SLUG}.md\n  - {quiz.title}: {quiz.src}' in nav
    # the shell is the same for every page: it shows the content file (and bank) named after it
    assert (root / "docs" / f"{SLUG}.md").read_text(encoding="utf-8") == (
        REPO / topic_pages()[0].path).read_text(encoding="utf-8")

    check = run("macros.cli.check", str(root), root=root)
    assert check.returncode == 1 and "Traceback" not in check.stdout + check.stderr
    left = [line for line in check.stdout.splitlines() if ": error: " in line]
    assert left and all(re.match(rf"(content_src/pages|quiz/banks)/{re.escape(SLUG)}\.yaml:\d+:\d+: error: ", l) for l in left), left
    assert sum("placeholder left from `make new-page`" in l for l in left) >= 6
    assert any("unknown source key 'todo-source-key'" in l for l in left)

    for name in (f"content_src/pages/{SLUG}.yaml", f"quiz/banks/{SLUG}.yaml"):
        path = root / name
        text = path.read_text(encoding="utf-8")
        for pattern, value in FILLED.items():
            text = re.sub(pattern, value, text)
        path.write_text(text, encoding="utf-8")
    check = run("macros.cli.check", str(root), root=root)
    assert check.returncode == 0, check.stdout
    result = build(root, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "site" / SLUG / "index.html").read_text(encoding="utf-8")
    assert "Bone pain: what it means" in page and 'class="quiz' in page


def test_without_a_bank_there_is_no_quiz(tmp_path):
    root = copy_project(tmp_path / "p")
    assert new_page(root).returncode == 0
    assert not (root / "quiz" / "banks" / f"{SLUG}.yaml").exists()


@pytest.mark.parametrize("slug, words", [("Bone Pain", "lowercase letters"), (topic_pages()[0].content, "already")])
def test_a_bad_or_taken_slug_writes_nothing(tmp_path, slug, words):
    root = copy_project(tmp_path / "p")
    before = (root / "mkdocs.yml").read_text(encoding="utf-8")
    result = run("macros.cli.new_page", "--root", str(root), "--slug", slug, "--title", "T", root=root)
    assert result.returncode == 2 and words in result.stderr
    assert (root / "mkdocs.yml").read_text(encoding="utf-8") == before
