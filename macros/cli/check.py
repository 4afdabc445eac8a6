"""``make check``: one entry point that validates all content and prints what it found.

Output: one line per problem, ``path:line[:col]: error|warning: message``, sorted, then a count.
Exit status 1 when there is any error. Under GitHub Actions (``GITHUB_ACTIONS=true``) each problem
is also printed as a workflow command so the pull request shows it inline, and a Markdown job
summary (``macros/cli/job_summary.py``) is written to ``$GITHUB_STEP_SUMMARY``. Reports that are not
problems (for example readability scores) are printed before the problems.

The problems come from the one list of rules (``macros/rules.py``), the list the build runs too: make
check runs all of them and prints everything, the build refuses the errors of its own. A feature may
also add a report ``(SiteModel) -> list[str]`` to ``REPORTS``. A rule that raises is reported as one
internal error (``macros.rules.crash``) and the others still run.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Callable

from ..core.problems import Problem
from ..core.project import Project
from ..editorial.readability import report as readability_report
from ..model import SiteModel, site_model
from .. import rules
from . import job_summary

REPORTS: list[Callable[[SiteModel], list[str]]] = [readability_report]


def run(model: SiteModel) -> list[Problem]:
    """Every problem of every rule (``macros/rules.py``: the build's and make check's), sorted."""
    return rules.problems(model)


def project_model(root: Path) -> tuple[SiteModel, list[Problem]]:
    """The site model of the project at ``root``, with the nav as the builder's (ProperDocs') YAML loader reads it.

    This command is an adapter like the macros module: the builder's parser reads its config file,
    and the core is given the result. A project without ``mkdocs.yml`` (a test fixture) has no nav.
    """
    config_file = Path(root) / "mkdocs.yml"
    config, problems = {}, []
    if config_file.is_file():
        try:
            from properdocs.utils.yaml import yaml_load
        except ImportError:  # pragma: no cover - the site's dependencies include ProperDocs
            raise SystemExit("make check reads mkdocs.yml with ProperDocs, which is not installed: run `make deps`")
        try:
            with config_file.open("rb") as stream:
                config = yaml_load(stream) or {}
        except Exception as exc:  # MkDocs' own message: a broken config is an editor's mistake too
            problems.append(Problem.error("mkdocs.yml", getattr(getattr(exc, "problem_mark", None), "line", 0) + 1,
                                          f"ProperDocs cannot read this file: {exc}"))
    nav = config.get("nav") if isinstance(config, dict) else None
    directory_urls = config.get("use_directory_urls", True) if isinstance(config, dict) else True
    return site_model(Project(Path(root)), nav, use_directory_urls=directory_urls), problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make check", description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default=".", help="project root (default: current directory)")
    args = parser.parse_args(argv)
    model, crashed = project_model(Path(args.root))

    for report in REPORTS:
        try:
            lines = list(report(model))
        except Exception as exc:
            crashed.append(rules.crash(report, exc))
            continue
        for line in lines:
            print(line)

    problems = sorted(set(run(model)) | set(crashed))
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem.format())
        if annotate:
            print(problem.annotation())
    try:
        job_summary.write(model.project, problems)
    except Exception as exc:  # the summary must never hide the problems themselves
        crash = rules.crash(job_summary.write, exc)
        problems.append(crash)
        print(crash.format())
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    print(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
