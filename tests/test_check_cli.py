"""``make check``'s command line: the output contract, the exit status and GitHub annotations.

Output: optional report lines, then one ``path:line[:col]: error|warning: message`` line per
problem, sorted by file, line and column, then ``N errors, M warnings``. Exit status 1 on any error.
With ``GITHUB_ACTIONS=true`` each problem line is followed by its workflow command.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.model import site_model
from macros import rules
from macros.cli import check
from macros.core.problems import Problem
from macros.core.project import Project
from tests.support.sites import REPO, example_site

PROBLEM = re.compile(r"^(?P<path>[^:\s][^:]*):(?P<line>\d+)(?::(?P<col>\d+))?: (?P<sev>error|warning): (?P<msg>\S.*)$")
COUNT = re.compile(r"^(?P<e>\d+) errors?, (?P<w>\d+) warnings?$")


def run_check(root: Path, *, github: bool = False) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    if github:
        env["GITHUB_ACTIONS"] = "true"
    return subprocess.run([sys.executable, "-m", "macros.cli.check", str(root)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)


def problem_lines(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if PROBLEM.match(line)]


def sort_key(line: str) -> tuple:
    m = PROBLEM.match(line)
    return m["path"], int(m["line"]), int(m["col"] or 0), m["sev"], m["msg"]


def write(root: Path, files: dict[str, bytes]) -> Path:
    for name, raw in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(raw)
    return root


MISTAKES = {
    "content_src/notes/b.yaml": b"a: 1\nb:\n\t- 2\n",
    "content_src/notes/a.yaml": b"x: 1\ny: 2\nx: 3\n",
    "quiz/banks/notes/c.yaml": b"",
    "content_src/notes/a2.yaml": b"z: caf\xe9\n",
}
EXPECTED = [
    "content_src/notes/a.yaml:3: error: duplicate key 'x' (first defined on line 1); "
    "YAML would silently keep only the last one",
    "content_src/notes/a2.yaml:1: error: file is not valid UTF-8 text (save it with UTF-8 encoding)",
    "content_src/notes/b.yaml:3:1: error: tab character in indentation; YAML needs spaces",
    "quiz/banks/notes/c.yaml:1: error: file is empty",
]


def test_output_is_sorted_problem_lines_then_a_count(tmp_path):
    """The exact output: whatever an empty tree reports, plus these four, merged in order."""
    empty = run_check(tmp_path / "empty")
    baseline = problem_lines(empty.stdout)
    result = run_check(write(tmp_path / "tree", MISTAKES))
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    problems = problem_lines(result.stdout)
    assert problems == sorted(set(baseline) | set(EXPECTED), key=sort_key)
    # nothing after the problems but the count, and nothing between them
    assert lines[-len(problems) - 1:] == [*problems, lines[-1]]
    count = COUNT.match(lines[-1])
    assert count, lines[-1]
    errors = sum(": error: " in p for p in problems)
    assert (int(count["e"]), int(count["w"])) == (errors, len(problems) - errors)
    assert result.returncode == 1


def test_sorting_is_by_line_number_not_text(tmp_path):
    body = b"".join(b"k%d: 1\n" % i for i in range(1, 12)) + b"k2: again\n" + b"k11: again\n"
    result = run_check(write(tmp_path, {"content_src/notes/n.yaml": body}))
    mine = [p for p in problem_lines(result.stdout) if p.startswith("content_src/notes/n.yaml")]
    assert [p.split(":")[1] for p in mine] == ["12", "13"]


def test_column_and_no_column_on_the_same_line_sort_without_crashing():
    problems = [Problem.error("a.yaml", 2, "second", 5), Problem.error("a.yaml", 2, "first"),
                Problem.warning("a.yaml", 1, "w", 3)]
    assert [p.format() for p in sorted(problems)] == [
        "a.yaml:1:3: warning: w", "a.yaml:2: error: first", "a.yaml:2:5: error: second"]


def test_a_multi_line_message_prints_as_one_line():
    assert Problem.error("a.yaml", 1, "first\n  second\r\nthird").format() == "a.yaml:1: error: first second third"


def test_github_annotations_follow_each_problem(tmp_path):
    write(tmp_path, {"content_src/notes/a.yaml": b"x: 1\n'100%': 1\n'100%': 2\n",
                     "content_src/notes/t.yaml": b"a:\n\t- 1\n"})
    result = run_check(tmp_path, github=True)
    lines = result.stdout.splitlines()
    dup = ("content_src/notes/a.yaml:3: error: duplicate key '100%' (first defined on line 2); "
           "YAML would silently keep only the last one")
    tab = "content_src/notes/t.yaml:2:1: error: tab character in indentation; YAML needs spaces"
    assert lines[lines.index(dup) + 1] == (
        "::error file=content_src/notes/a.yaml,line=3::duplicate key '100%25' (first defined on line 2); "
        "YAML would silently keep only the last one")
    assert lines[lines.index(tab) + 1] == (
        "::error file=content_src/notes/t.yaml,line=2,col=1::tab character in indentation; YAML needs spaces")
    # every problem line has its annotation, and there are no others
    for i, line in enumerate(lines):
        if PROBLEM.match(line):
            m = PROBLEM.match(line)
            assert lines[i + 1].startswith(f"::{m['sev']} file=")
    assert sum(line.startswith("::") for line in lines) == len(problem_lines(result.stdout))
    assert result.returncode == 1


def test_no_annotations_outside_github_actions(tmp_path):
    write(tmp_path, {"content_src/notes/a.yaml": b"x: 1\nx: 2\n"})
    result = run_check(tmp_path)
    assert not any(line.startswith("::") for line in result.stdout.splitlines())


def test_annotation_escapes_properties_and_data():
    problem = Problem.warning("dir,x/a:b.yaml", 4, "50% done\nnext line")
    assert problem.annotation() == "::warning file=dir%2Cx/a%3Ab.yaml,line=4::50%25 done%0Anext line"


def test_a_check_that_raises_is_one_located_error_and_the_others_still_run(monkeypatch, capsys, tmp_path):
    def broken_check(project):
        yield Problem.warning("content_src/x.yaml", 1, "found before the crash")
        raise KeyError("title")

    def fine_check(project):
        yield Problem.error("content_src/y.yaml", 2, "found by another check")

    monkeypatch.setattr(rules, "RULES", (rules.Rule(broken_check), rules.Rule(fine_check)))
    monkeypatch.setattr(check, "REPORTS", [])
    status = check.main([str(tmp_path)])
    out = capsys.readouterr().out.splitlines()
    assert status == 1
    assert out[0] == "content_src/x.yaml:1: warning: found before the crash"
    assert out[1] == "content_src/y.yaml:2: error: found by another check"
    line = broken_check.__code__.co_firstlineno + 2
    assert out[2] == (f"tests/test_check_cli.py:{line}: error: internal error in "
                      "test_a_check_that_raises_is_one_located_error_and_the_others_still_run.<locals>.broken_check: "
                      "KeyError: 'title' (a bug in the checker, not in your content: please report it)")
    assert out[3] == "2 errors, 1 warning"


def test_check_functions_take_a_model(tmp_path):
    """Every registered check runs on an empty tree without raising (they must expect missing files)."""
    model = site_model(Project(tmp_path))
    for rule in rules.RULES:
        list(rule.check(model))


def test_make_check_passes_on_the_real_tree():
    """``make check`` as editors and CI run it: no errors on the real content (warnings allowed)."""
    make = shutil.which("make")
    if make is None:
        pytest.fail("make is not installed")
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "MAKEFLAGS", "MAKELEVEL")}
    result = subprocess.run([make, "--no-print-directory", "check"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=600)
    out = result.stdout.splitlines()
    assert result.returncode == 0, result.stdout + result.stderr
    assert COUNT.match(out[-1]) and out[-1].startswith("0 errors"), out[-1]
    assert "Traceback" not in result.stdout + result.stderr


# --- each kind of editor mistake, end to end on a copy of the example site ------------------------------

def _replace(root: Path, name: str, old: str, new: str) -> int:
    """Replace ``old`` once in ``name``; return the line where ``new`` now starts."""
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{old!r} is no longer in {name}: update this test's mistake"
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text[: text.index(new)].count("\n") + 1


def _append(root: Path, name: str, block: str, marker: str) -> int:
    path = root / name
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + block
    path.write_text(text, encoding="utf-8")
    return text[: text.index(marker)].count("\n") + 1


def _first_line_with(root: Path, name: str, needle: str, containing: str = "") -> str:
    for line in (root / name).read_text(encoding="utf-8").splitlines():
        if needle in line and containing in line:
            return line
    raise AssertionError(f"{needle!r} not found in {name}")


# Where the mistakes are made: the example site's topic page and its bank.
PAGE_FILE, BANK_FILE = "content_src/pages/red-flags.yaml", "quiz/banks/red-flags.yaml"


def _mistake_unknown_citation(root):
    old = _first_line_with(root, PAGE_FILE, "cite: [")
    new = old.replace("cite: [", "cite: [no-such-source, ")
    return PAGE_FILE, _replace(root, PAGE_FILE, old, new), "error", "unknown source key 'no-such-source'"


def _mistake_duplicate_source(root):
    line = _append(root, "content_src/sources.yaml",
                   "nhs-back-pain-again:\n  kind: webpage\n  title: Back pain\n  publisher: NHS\n"
                   "  url: https://www.nhs.uk/conditions/back-pain\n  accessed: 2026-11-22\n",
                   "nhs-back-pain-again:")
    return "content_src/sources.yaml", line, "error", "duplicate source"


def _mistake_unused_source(root):
    line = _append(root, "content_src/sources.yaml",
                   "never-cited:\n  kind: webpage\n  title: Nobody cites this\n  publisher: NHS\n"
                   "  url: https://www.nhs.uk/conditions/never-cited/\n  accessed: 2026-11-22\n",
                   "never-cited:")
    return "content_src/sources.yaml", line, "error", "'never-cited' is not cited"


def _mistake_learn_more_to_a_missing_section(root):
    name = BANK_FILE
    old = _first_line_with(root, name, "learn_more: ", containing="#")
    return name, _replace(root, name, old, old.split("#")[0] + "#no-such-section"), "error", "'#no-such-section' does not exist"


def _mistake_page_review_overdue(root):
    name = PAGE_FILE
    old = _first_line_with(root, name, "next_review_due:")
    last = _first_line_with(root, name, "last_reviewed:")
    _replace(root, name, last, last.split(":")[0] + ': "2025-01-10"')
    return name, _replace(root, name, old, old.split(":")[0] + ': "2026-01-10"'), "warning", "review overdue"


def _mistake_bank_review_due_soon(root):
    name = BANK_FILE
    soon = (dt.date.today() + dt.timedelta(days=20)).isoformat()
    old = _first_line_with(root, name, "next_review_due:")
    return name, _replace(root, name, old, old.split(":")[0] + f': "{soon}"'), "warning", "review due soon"


MISTAKE_KINDS = {
    "unknown citation key": _mistake_unknown_citation,
    "duplicate source": _mistake_duplicate_source,
    "unused source": _mistake_unused_source,
    "learn_more to a missing section": _mistake_learn_more_to_a_missing_section,
    "page review overdue": _mistake_page_review_overdue,
    "bank review due soon": _mistake_bank_review_due_soon,
}


@pytest.mark.parametrize("kind", sorted(MISTAKE_KINDS))
def test_each_kind_of_mistake_is_reported_at_its_file_and_line(tmp_path, kind):
    root = example_site(tmp_path / "project")
    name, line, severity, words = MISTAKE_KINDS[kind](root)
    result = run_check(root)
    out = result.stdout + result.stderr
    assert "Traceback" not in out and "internal error" not in out, out
    at_line = [p for p in problem_lines(result.stdout)
               if re.match(rf"{re.escape(name)}:{line}(:\d+)?: {severity}: ", p)]
    assert any(words in p for p in at_line), f"expected a {severity} at {name}:{line} about {words!r}:\n{result.stdout}"
    assert result.returncode == (1 if severity == "error" else 0), result.stdout
