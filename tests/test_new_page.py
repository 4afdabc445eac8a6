"""``make new-page``: it writes the content file, shell, optional bank and nav line; ``make check``
then names what is left, at its lines; once the template is filled in, check and build pass."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.support.pages import topic_pages
from tests.support.sites import REPO, build, copy_project

FILLED = {
    r'"TODO: say in one[^"]*"': '"What bone pain from cancer can feel like, and when to ask a doctor about it."',
    r'"TODO: [^"]*"': '"Back pain that gets worse at night is a reason to get your back checked."',
    r"todo-source-key": "nhs-back-pain",
}


def run(*args: str, root) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, timeout=300,
                          env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"})


def new_page(root, *extra: str) -> subprocess.CompletedProcess:
    return run("macros.new_page", "--root", str(root), "--slug", "bone-pain", "--title", "Bone pain: what it means",
               *extra, root=root)


def test_new_page_then_check_guides_then_the_filled_page_builds(tmp_path):
    root = copy_project(tmp_path / "p")
    made = new_page(root, "--bank", "1")
    assert made.returncode == 0, made.stderr
    assert made.stdout.splitlines()[:4] == ["wrote content_src/pages/bone-pain.yaml", "wrote docs/bone-pain.md",
                                            "wrote quiz/banks/bone-pain.yaml", "wrote mkdocs.yml"]
    nav = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert '  - "Bone pain: what it means": bone-pain.md\n  - Check what you know: quiz.md' in nav
    # the shell is the same for every page: it shows the content file (and bank) named after it
    assert (root / "docs" / "bone-pain.md").read_text(encoding="utf-8") == (
        REPO / topic_pages()[0].path).read_text(encoding="utf-8")

    check = run("macros.check", str(root), root=root)
    assert check.returncode == 1 and "Traceback" not in check.stdout + check.stderr
    left = [line for line in check.stdout.splitlines() if ": error: " in line]
    assert left and all(re.match(r"(content_src/pages|quiz/banks)/bone-pain\.yaml:\d+:\d+: error: ", l) for l in left), left
    assert sum("placeholder left from `make new-page`" in l for l in left) >= 6
    assert any("unknown source key 'todo-source-key'" in l for l in left)

    for name in ("content_src/pages/bone-pain.yaml", "quiz/banks/bone-pain.yaml"):
        path = root / name
        text = path.read_text(encoding="utf-8")
        for pattern, value in FILLED.items():
            text = re.sub(pattern, value, text)
        path.write_text(text, encoding="utf-8")
    check = run("macros.check", str(root), root=root)
    assert check.returncode == 0, check.stdout
    result = build(root, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "site" / "bone-pain" / "index.html").read_text(encoding="utf-8")
    assert "Bone pain: what it means" in page and 'class="quiz' in page


def test_without_a_bank_there_is_no_quiz(tmp_path):
    root = copy_project(tmp_path / "p")
    assert new_page(root).returncode == 0
    assert not (root / "quiz" / "banks" / "bone-pain.yaml").exists()


@pytest.mark.parametrize("slug, words", [("Bone Pain", "lowercase letters"), (topic_pages()[0].content, "already")])
def test_a_bad_or_taken_slug_writes_nothing(tmp_path, slug, words):
    root = copy_project(tmp_path / "p")
    before = (root / "mkdocs.yml").read_text(encoding="utf-8")
    result = run("macros.new_page", "--root", str(root), "--slug", slug, "--title", "T", root=root)
    assert result.returncode == 2 and words in result.stderr
    assert (root / "mkdocs.yml").read_text(encoding="utf-8") == before
