"""``make check``: one entry point that validates all content and prints what it found.

Output: one line per problem, ``path:line[:col]: error|warning: message``, sorted, then a count.
Exit status 1 when there is any error. Under GitHub Actions (``GITHUB_ACTIONS=true``) each problem
is also printed as a workflow command so the pull request shows it inline, and a Markdown job
summary (``macros/cli/job_summary.py``) is written to ``$GITHUB_STEP_SUMMARY``. Reports that are not
problems (for example readability scores) are printed before the problems.

Each feature contributes a check: a function ``(SiteModel) -> Iterable[Problem]`` listed in ``CHECKS``,
and optionally a report ``(Project) -> list[str]`` listed in ``REPORTS``. A check that raises is
reported as one internal error (``_crash``) and the others still run.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path
from typing import Callable, Iterable

from ..cards.rules import check_care_cards
from ..citations.checks import check_citations
from ..core.problems import ContentError, Problem
from ..core.project import Project
from ..core.yamlsource import load_yaml
from ..editorial.item_writing import check_item_writing
from ..editorial.markup import check_markup
from ..editorial.readability import check_readability
from ..editorial.readability import report as readability_report
from ..glossary.rules import check_glossary
from ..model import SiteModel, site_model
from ..model.care_rules import check_care_rules
from ..model.phones import check_phone_numbers
from ..model.review_records import check_reviewers
from ..pages.checks import check_page_shells, check_pages
from ..quiz.rules import check_quiz_banks
from . import job_summary

Check = Callable[[SiteModel], Iterable[Problem]]


def check_yaml_files_load(project: Project) -> Iterable[Problem]:
    """Every YAML file must be readable, valid UTF-8, free of tabs, duplicate keys and syntax errors."""
    for path in project.yaml_files():
        _, problems = project.try_load(path)
        yield from problems


def check_yaml_names_are_files(project: Project) -> Iterable[Problem]:
    """Anything named ``*.yaml``/``*.yml`` in the content folders that is not a regular file.

    ``Project.yaml_files`` lists regular files only, so a folder called ``red-flags.yaml`` or a
    broken link would otherwise be skipped in silence; loading it names the mistake.
    """
    for base in (project.content_dir, project.banks_dir):
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if path.suffix in (".yaml", ".yml") and not path.is_file():
                shown = f"{project.rel(path.parent)}/{path.name}"  # the link's own name, not its target's
                try:
                    load_yaml(path, shown)
                except ContentError as exc:
                    yield from exc.problems


def on_project(check: Callable[[Project], Iterable[Problem]]) -> Check:
    """A check that reads only the project's files, as a check of the model (named as the check is)."""
    def run(model: SiteModel) -> Iterable[Problem]:
        return check(model.project)

    run.__qualname__ = getattr(check, "__qualname__", repr(check))
    return run


CHECKS: list[Check] = [
    on_project(check_yaml_files_load), on_project(check_yaml_names_are_files),
    # --- content text is text: no raw HTML, attributes or unusable links, in any content file ---
    on_project(check_markup),
    # --- citations ---
    check_citations,
    # --- content pages ---
    check_pages, check_page_shells, on_project(check_readability),
    # --- care cards: defined once in content_src/care_cards.yaml, placed by id; the urgent care policy ---
    check_care_cards, on_project(check_care_rules), check_phone_numbers,
    # --- the glossary: content_src/glossary.yaml, and entries no topic page uses ---
    check_glossary,
    # --- who may review and sign off: content_src/reviewers.yaml ---
    check_reviewers,
    # --- quiz banks ---
    check_quiz_banks, check_item_writing,
]

REPORTS: list[Callable[[Project], list[str]]] = [readability_report]


def run(model: SiteModel) -> list[Problem]:
    problems: set[Problem] = set()
    for check in CHECKS:
        try:
            for problem in check(model):
                problems.add(problem)
        except Exception as exc:  # a bug in a check must not hide the other checks' findings
            problems.add(_crash(check, exc))
    return sorted(problems)


def _crash(function: Callable, exc: Exception) -> Problem:
    """A check that raised: reported where it raised, in the checker's code, as an error.

    Editors see one line in the usual format instead of a traceback; developers get the code
    location and the exception. Tests on bad input assert that this message never appears.
    """
    frame = traceback.extract_tb(exc.__traceback__)[-1]
    name = getattr(function, "__qualname__", repr(function))
    try:
        where = Path(frame.filename).resolve().relative_to(Path(__file__).resolve().parents[2]).as_posix()
    except ValueError:
        where = frame.filename
    return Problem.error(
        where, frame.lineno or 1,
        f"internal error in {name}: {type(exc).__name__}: {exc} "
        "(a bug in the checker, not in your content: please report it)")


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
    project = model.project

    for report in REPORTS:
        try:
            lines = list(report(project))
        except Exception as exc:
            crashed.append(_crash(report, exc))
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
        job_summary.write(project, problems)
    except Exception as exc:  # the summary must never hide the problems themselves
        crash = _crash(job_summary.write, exc)
        problems.append(crash)
        print(crash.format())
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    print(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
