"""The site grows without code changes: a page added, or removed, the way CONTRIBUTING.md says
(a content file, a shell, a nav line, optionally a bank) passes the checks and the strict build,
and the tests find it through the site model."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from macros.cli.check import project_model
from tests.support.pages import bank_file, content_file, quiz_page, topic_pages
from tests.support.sites import REPO, build, real_model

SKIP = shutil.ignore_patterns(".venv", "site", "node_modules", ".git", ".pytest_cache", ".hypothesis",
                              "__pycache__", ".lycheecache", ".bench", "tests", "bench")


def _copy(root: Path) -> Path:
    shutil.copytree(REPO, root, symlinks=True, ignore=SKIP)
    return root


def _check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros.cli.check", str(root)], cwd=REPO, capture_output=True,
                          text=True, timeout=300)


def _nav_line(root: Path, src: str) -> str:
    """The line of ``mkdocs.yml``'s nav that lists ``docs/<src>``."""
    return re.search(rf"^ +- [^\n]+: {re.escape(src)}\n", (root / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group()


def _replace_line(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_page_with_its_own_bank_added_as_contributing_says_passes_the_checks_and_builds(tmp_path):
    root = _copy(tmp_path / "project")
    like = topic_pages()[0]  # a real topic page to copy, so the new one meets every content rule
    # 1. the content file, 2. its shell, unchanged
    lines = (root / content_file(like)).read_text(encoding="utf-8").splitlines(keepends=True)
    (root / "content_src/pages/new-topic.yaml").write_text("".join(
        'title: "New topic, a copy of a real page"\n' if line.startswith("title:") else line for line in lines),
        encoding="utf-8")
    shutil.copy2(root / like.path, root / "docs/new-topic.md")
    # 3. the nav line
    nav_line = _nav_line(root, like.src)
    _replace_line(root / "mkdocs.yml", nav_line, nav_line + "  - New topic: new-topic.md\n")
    # 4. its bank: the bank id is the page's name, and question ids are unique across banks
    bank = (root / bank_file(like)).read_text(encoding="utf-8")
    bank = bank.replace(f"id: {like.content}\n", "id: new-topic\n", 1).replace("  - id: ", "  - id: nt-")
    (root / "quiz/banks/new-topic.yaml").write_text(bank.replace(f"learn_more: {like.src}#",
                                                                 "learn_more: new-topic.md#"), encoding="utf-8")

    checked = _check(root)
    assert checked.returncode == 0, checked.stdout
    assert "new-topic" in checked.stdout  # its readability row

    model, _ = project_model(root)  # what the tests discover pages and banks from
    shell = model.shell("new-topic.md")
    assert (shell.url, shell.content, shell.banks, shell.in_nav) == ("new-topic/", "new-topic", ("new-topic",), True)

    result = build(root, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "site/new-topic/index.html").read_text(encoding="utf-8")
    assert "New topic, a copy of" in page and 'id="quiz-new-topic"' in page and 'id="references"' in page
    assert 'href="../new-topic/#ref-' in (tmp_path / "site/sources/index.html").read_text(encoding="utf-8")
    listed = (tmp_path / "site" / quiz_page().url / "index.html").read_text(encoding="utf-8")  # the quiz page lists it
    assert '<a href="../new-topic/#quiz-new-topic">' in listed


def _LINK_TO(src):
    """A Markdown link to the page `src` (with or without an anchor): its words are group 1."""
    return re.compile(r"\[([^\]]*)\]\(" + re.escape(src) + r"(?:#[^)]*)?\)")


def test_a_page_removed_as_contributing_says_passes_the_checks_and_builds(tmp_path):
    root = _copy(tmp_path / "project")
    # a page that shows its own content and nothing else (no bank, no list), in the nav, not the home page
    gone = next(s for s in real_model().shells if s.content and not s.banks and s.in_nav and s.url
                and s.calls == s.calls_named("page_content"))
    (root / content_file(gone)).unlink()
    (root / gone.path).unlink()
    _replace_line(root / "mkdocs.yml", _nav_line(root, gone.src), "")
    checked = _check(root)  # what is left to fix is listed, each at its line: links to it, sources only it cited
    assert checked.returncode == 1
    broken = [line for line in checked.stdout.splitlines() if ": error: " in line]
    assert broken and all(gone.src in line or "is not cited by any page" in line for line in broken), broken
    for line in sorted(broken, key=lambda l: -int(l.split(":")[1])):  # bottom up, so line numbers hold
        path, number = line.split(":")[0], int(line.split(":")[1])
        lines = (root / path).read_text(encoding="utf-8").splitlines(keepends=True)
        end = number
        if "is not cited" in line:  # the source's whole entry, up to the next key
            while end < len(lines) and lines[end][:1] in (" ", "\n"):
                end += 1
        if "is not cited" in line:
            del lines[number - 1:end]
        else:  # a link to the removed page: the editor unlinks its words and keeps the sentence
            unlinked = _LINK_TO(gone.src).sub(r"\1", lines[number - 1])
            assert unlinked != lines[number - 1], (line, lines[number - 1])
            lines[number - 1] = unlinked
        (root / path).write_text("".join(lines), encoding="utf-8")
    checked = _check(root)
    assert checked.returncode == 0, checked.stdout
    assert project_model(root)[0].shell(gone.src) is None
    result = build(root, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (tmp_path / "site" / gone.url).exists()
