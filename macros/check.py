"""``make check``: one entry point that validates all content and prints what it found.

Output: one line per problem, ``path:line[:col]: error|warning: message``, sorted, then a count.
Exit status 1 when there is any error. Under GitHub Actions (``GITHUB_ACTIONS=true``) each problem
is also printed as a workflow command so the pull request shows it inline. Reports that are not
problems (for example readability scores) are printed before the problems.

Each feature contributes a check: a function ``(Project) -> Iterable[Problem]`` listed in CHECKS,
and optionally a report ``(Project) -> list[str]`` listed in REPORTS.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Callable, Iterable

from .problems import Problem
from .project import Project

Check = Callable[[Project], Iterable[Problem]]


def check_yaml_files_load(project: Project) -> Iterable[Problem]:
    """Every YAML file must be readable, valid UTF-8, free of tabs, duplicate keys and syntax errors."""
    for path in project.yaml_files():
        _, problems = project.try_load(path)
        yield from problems


def _checks() -> list[Check]:
    checks: list[Check] = [check_yaml_files_load]
    # Each feature appends its own checks here (imported here, not at module top, so a broken
    # feature module fails with its own traceback rather than hiding the others):
    # --- citations (issue 4) ---
    # --- content pages (issue 3) ---
    # --- quiz banks (issue 5) ---
    return checks


def _reports() -> list[Callable[[Project], list[str]]]:
    reports: list[Callable[[Project], list[str]]] = []
    # --- readability (issue 3) ---
    return reports


def run(project: Project) -> list[Problem]:
    problems: set[Problem] = set()
    for check in _checks():
        problems.update(check(project))
    return sorted(problems)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make check", description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default=".", help="project root (default: current directory)")
    args = parser.parse_args(argv)
    project = Project(Path(args.root))

    for report in _reports():
        for line in report(project):
            print(line)

    problems = run(project)
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem.format())
        if annotate:
            print(problem.annotation())
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    print(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
