"""The site grows without code changes: a page added, or removed, the way CONTRIBUTING.md says
(``make new-page``: a content file, a shell, a nav line, optionally a bank) passes the checks and the strict
build, and the tests find it through the site model; ten pages with banks keep every page under its weight
budget, the quiz page growing by a line per bank."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

from macros.cli.check import project_model
from macros.cli.new_page import new_page
from macros.core.project import Project
from sitetools.weight import gzip_bytes, page_weight, site_pages
from tests.support.pages import bank_file, content_file, quiz_page, topic_pages
from tests.support.sites import REPO, build, copy_project, real_model
from tests.test_budgets import PAGE_BUDGET

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


def _questions(bank_text: str) -> list[str]:
    """The text of each question of a bank file, in order (each starts ``  - id: ``)."""
    body = bank_text.split("\nquestions:\n", 1)[1]
    return ["  - id: " + part for part in body.split("  - id: ")[1:]]


def _fill_page(generated: str, real: str) -> str:
    """A page ``make new-page`` wrote, its TODOs replaced by a real page's text: its description, and its intro
    and sections (real sentences, citing real sources, with the section ids its questions link to)."""
    description = re.search(r"^description: .*\n", real, re.M).group()
    filled = re.sub(r'^description: "TODO[^\n]*\n', lambda _: description, generated, count=1, flags=re.M)
    filled = re.sub(r'^  checked_by: "TODO[^\n]*\n', "  checked_by: the site's editors (not clinicians)\n", filled,
                    count=1, flags=re.M)
    return filled[:filled.index("\nintro:\n") + 1] + real[real.index("\nintro:\n") + 1:]


def _fill_bank(generated: str, real: str, slug: str, like: str, prefix: str, count: int = 6) -> str:
    """A bank ``make new-page`` wrote, its placeholder question replaced by ``count`` real questions (ids made
    unique across banks, links to sections of the real page pointing at the same sections of the new one)."""
    questions = "".join(_questions(real)[:count]).replace("  - id: ", f"  - id: {prefix}")
    questions = questions.replace(f"learn_more: {like}#", f"learn_more: {slug}.md#")
    head = re.sub(r'^  checked_by: "TODO[^\n]*\n', "  checked_by: the site's editors (not clinicians), each question "
                  "against the sources it cites\n", generated.split("\nquestions:\n", 1)[0] + "\n", count=1, flags=re.M)
    return head + "questions:\n" + questions


def test_pages_with_banks_added_as_contributing_says_pass_make_check_build_and_keep_every_page_light(tmp_path, built_site):
    """``make new-page SLUG=... TITLE=... BANK=1``, each TODO replaced by real text and a real 6-question bank, ten
    times: ``make check`` passes, the strict build passes, ``/quiz/`` lists every new quiz, every page stays under
    its weight budget, and ``/quiz/`` grows by a line per bank, not by a bank's questions."""
    root = copy_project(tmp_path / "project")
    topics = topic_pages()
    added = []
    for n in range(10):
        like = topics[n % len(topics)]  # a real topic page and bank, whose text and questions meet every rule
        slug, title = ("new-topic", "New topic, a copy of a real page") if n == 0 else (f"new-topic-{n}", f"New topic {n}")
        if n == 0:  # the first exactly as an editor runs it: the command make new-page runs
            made = subprocess.run([sys.executable, "-m", "macros.cli.new_page", "--root", str(root), "--slug", slug,
                                   "--title", title, "--bank", "1"], cwd=REPO, capture_output=True, text=True, timeout=60)
            assert made.returncode == 0, made.stderr
        else:  # the same code, in this process (a few seconds less)
            new_page(Project(root), slug, title, True, dt.date.today())
        for path, real, fill in ((root / f"content_src/pages/{slug}.yaml", REPO / content_file(like), _fill_page),
                                 (root / f"quiz/banks/{slug}.yaml", REPO / bank_file(like), None)):
            generated, text = path.read_text(encoding="utf-8"), real.read_text(encoding="utf-8")
            path.write_text(fill(generated, text) if fill else _fill_bank(generated, text, slug, like.src, f"nt{n}-"),
                            encoding="utf-8")
        added.append(slug)

    checked = _check(root)
    assert checked.returncode == 0, checked.stdout
    assert "new-topic" in checked.stdout  # its readability row
    assert ": error: " not in checked.stdout and "the bank has" not in checked.stdout  # six questions: no warning

    model, _ = project_model(root)  # what the tests discover pages and banks from
    shell = model.shell("new-topic.md")
    assert (shell.url, shell.content, shell.banks, shell.in_nav) == ("new-topic/", "new-topic", ("new-topic",), True)
    assert shell.is_topic_page and model.shell(quiz_page().src).banks == ()

    site = tmp_path / "site"
    result = build(root, site)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (site / "new-topic/index.html").read_text(encoding="utf-8")
    assert "New topic, a copy of" in page and 'id="quiz-new-topic"' in page and 'id="references"' in page
    assert page.count('class="quiz-q"') == 6
    assert 'href="../new-topic/#ref-' in (site / "sources/index.html").read_text(encoding="utf-8")

    # /quiz/ lists every topic quiz, the new ones too, in nav order (new pages go before the quiz page)
    listed = (site / quiz_page().url / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<li data-quiz-answers="[^"]+">\s*<a href="\.\./([^"]+)">[^<]+</a>: (\d+) questions', listed)
    assert links == [(f"{s.url}#quiz-{s.content}", str(len(model.banks[s.content].data["questions"])))
                     for s in model.shells if s.is_topic_page]
    assert [f"{slug}/#quiz-{slug}" for slug in added] == [href for href, _ in links][-10:]

    # every page, with all it loads, stays under the budget make test holds the real site to
    weights = {url: page_weight(site, url).total for url in site_pages(site)}
    assert set(weights) >= {f"{slug}/" for slug in added}
    heavy = {url: total for url, total in weights.items() if total >= PAGE_BUDGET}
    assert heavy == {}, f"over {PAGE_BUDGET} bytes: {heavy}"
    # /quiz/ grew by a list item per bank (a link, a count, a storage key and answer per question) and its nav
    # entry, about 100 bytes gzip, not by its questions: a bank's six questions weigh some 4 KB on their page
    quiz = quiz_page().url
    grown = page_weight(site, quiz).by_category()["html"] - page_weight(built_site, quiz).by_category()["html"]
    questions = re.search(r'<h2 id="quiz-new-topic".*?<div class="quiz-key">', page, re.S).group()
    assert 0 < grown / 10 <= 250 and grown / 10 < len(gzip_bytes(questions.encode())) / 10, grown


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
