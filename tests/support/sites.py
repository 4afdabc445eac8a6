"""Building sites for tests: the real site once per session, and small fixture sites."""

from __future__ import annotations

import fcntl
import functools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[2]
# The builder, as the Makefile runs it: ProperDocs, given mkdocs.yml by name (no legacy-name warning).
BUILDER = [sys.executable, "-m", "properdocs"]


def real_model():
    """The real site's model, with the nav as the build reads it: tests discover pages and banks here."""
    from macros.cli.check import project_model

    return project_model(REPO)[0]


def build(root: Path, site_dir: Path, *, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``properdocs build --strict`` of the project at ``root`` into ``site_dir``, as the Makefile runs it."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", **(extra_env or {}))
    return subprocess.run(
        [*BUILDER, "build", "-f", "mkdocs.yml", "--strict", "--clean", "--site-dir", str(site_dir)],
        cwd=root, env=env, capture_output=True, text=True, timeout=600,
    )


def once_per_run(tmp_path_factory, name: str, make: Callable[[Path], dict]) -> tuple[Path, dict]:
    """(directory, what ``make`` returned) for something made ONCE per test run, even when pytest-xdist runs
    the suite on several workers: the first worker to ask calls ``make(directory)`` (it fills the empty
    directory and returns a JSON-able dict), the others wait for it (a file lock) and reuse both.

    Use it in a session fixture for anything slow that many tests only read: a built site, a copied project.
    ``name`` must be unique in the suite. Tests must never write into the directory. If ``make`` raises, the
    next worker tries again (and fails the same way, so each worker reports the failure)."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):  # each worker's basetemp is <run's basetemp>/popen-gwN
        root = root.parent
    directory, record = root / f"once-{name}", root / f"once-{name}.json"
    with open(root / f"once-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also if make raises
        if not record.exists():
            shutil.rmtree(directory, ignore_errors=True)
            directory.mkdir()
            made = make(directory)
            record.write_text(json.dumps(made), encoding="utf-8")
        return directory, json.loads(record.read_text(encoding="utf-8"))


def make_fixture_site(root: Path, *, pages: dict[str, str] | None = None, files: dict[str, str] | None = None,
                      copy_content: bool = False) -> Path:
    """A small project tree at ``root`` that uses the real ``macros`` package and theme settings.

    ``pages`` maps ``docs/``-relative names to Markdown; ``files`` maps project-relative paths to text
    (for example ``content_src/sources.yaml``). ``copy_content`` starts from the real ``content_src``
    and ``quiz`` trees. The nav lists the given pages, so the real site's nav is not needed.
    """
    root.mkdir(parents=True, exist_ok=True)
    _theme_files(root)
    if copy_content:
        for part in ("content_src", "quiz"):
            if (REPO / part).exists():
                shutil.copytree(REPO / part, root / part)
    (root / "content_src").mkdir(exist_ok=True)
    pages = pages or {"index.md": "# Home\n"}
    for name, text in pages.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(text, encoding="utf-8")
    for name, text in (files or {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    policy = root / "content_src" / "urgent_care.yaml"
    if (root / "content_src" / "care_cards.yaml").exists() and not policy.exists():
        # care cards are typed against the urgent care policy (services, levels, audiences, signs): a fixture's
        # cards use the real policy unless the test brings its own
        shutil.copy2(REPO / "content_src" / "urgent_care.yaml", policy)
    (root / "mkdocs.yml").write_text(fixture_config("".join(f"  - {name}\n" for name in pages)), encoding="utf-8")
    return root


def fixture_config(nav: str, *, help_page: bool = False) -> str:
    """The real ``mkdocs.yml`` with ``nav`` (its indented entries) as the whole nav, for a small project: no
    ``not_in_nav`` (unless ``nav`` brings one), no footer links (a small project has none of their pages) and,
    unless the project has the real help page (``help_page``), no "Get help now" link."""
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    # no "Get help now" link in the header: a fixture site has no help page for it to reach
    config = config if help_page else re.sub(r"\n  # Help within one tap:(?:\n  #[^\n]*|[^\n]*)*\n  get_help:\n(?:    [^\n]*\n)+", "\n", config)
    # no footer links: a fixture site has none of the pages they open (make check would say so); the key stays,
    # empty, since the footer template reads it (Zensical's MiniJinja refuses a missing one)
    config = re.sub(r"\n  site_links:[^\n]*\n(?:    [^\n]*\n)+", "\n  site_links: {}\n", config)
    head, _, _ = config.partition("\nnav:\n")
    _, _, tail = config.partition("\nvalidation:\n")
    return f"{head}\nnav:\n{nav}\nvalidation:\n{tail}"


def _theme_files(root: Path) -> None:
    """The real ``macros`` and ``overrides`` (linked) and ``docs/assets`` and the files ``mkdocs.yml`` names
    (copied), into the project at ``root``."""
    for part in ("macros", "overrides"):
        (root / part).symlink_to(REPO / part, target_is_directory=True)
    shutil.copytree(REPO / "docs" / "assets", root / "docs" / "assets")
    for extra in (REPO / "docs").iterdir():  # files mkdocs.yml names, such as robots.txt
        if extra.is_file() and extra.suffix != ".md":
            shutil.copy2(extra, root / "docs" / extra.name)


EXAMPLE = REPO / "tests" / "fixtures" / "site"


@functools.cache
def _files(directory: Path) -> tuple[tuple[str, bytes], ...]:
    """Every file under ``directory`` as (relative path, bytes), read once per test run: writing a copy of a small
    tree from memory takes a fraction of ``shutil.copytree``'s time, and tests copy the example hundreds of times."""
    return tuple((path.relative_to(directory).as_posix(), path.read_bytes())
                 for path in sorted(directory.rglob("*")) if path.is_file())


def _write_files(root: Path, files: tuple[tuple[str, bytes], ...]) -> None:
    for name, data in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def example_site(root: Path, *, assets: bool = False, overrides: bool = False) -> Path:
    """A copy at ``root`` of the example site (``tests/fixtures/site``): a small valid project in the real
    formats (pages, sources, care card, glossary, reviewers, a question bank) that passes make check and a
    strict build. Tests copy it and change just what they test (``edit``, ``replace_line``), so a message is
    still asserted at its ``path:line``. Its ``mkdocs.yml`` is the real one with the example's nav.

    ``assets``: also the real ``docs/assets`` and robots.txt, which a build publishes (make check does not read
    them; most tests leave them out, since writing files is most of what a copy costs). ``overrides``: a copy of the
    theme's ``overrides/`` instead of a link to the real one, for tests that write into it or check the project as
    a pull request meets it (where a linked folder is an error)."""
    _write_files(root, _files(EXAMPLE))
    (root / "macros").symlink_to(REPO / "macros", target_is_directory=True)
    if overrides:
        shutil.copytree(REPO / "overrides", root / "overrides", symlinks=True)
    else:
        (root / "overrides").symlink_to(REPO / "overrides", target_is_directory=True)
    if assets:
        _write_files(root / "docs", tuple((name, data) for name, data in _files(REPO / "docs")
                                          if name.startswith("assets/") or not name.endswith(".md")))
    (root / "mkdocs.yml").write_text(_example_config(), encoding="utf-8")
    return root


@functools.cache
def _example_config() -> str:
    nav = (EXAMPLE / "mkdocs.yml").read_text(encoding="utf-8").partition("\nnav:\n")[2]
    return fixture_config(nav, help_page=True)


def replace(path: Path, old: str, new: str, *, count: int = 1) -> Path:
    """``path`` with ``old`` replaced by ``new`` (``count`` times; -1: every time), refusing an ``old`` the
    file does not hold that often (an edit that silently did nothing would test the unedited example)."""
    text = path.read_text(encoding="utf-8")
    found = text.count(old)
    if found == 0 or (count != -1 and found < count):
        raise AssertionError(f"{path} holds {old!r} {found} time(s), not {count}")
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    """The 1-based number of the first line of ``path`` that holds ``text`` (for asserting ``path:line``)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return number
    raise AssertionError(f"{path} has no line holding {text!r}")


def copy_project(root: Path) -> Path:
    """A copy of the real project at ``root`` (content, quiz, docs, theme overrides, mkdocs.yml) that
    uses the real ``macros`` package, for tests that change content and run the checks or a build."""
    for part in ("content_src", "quiz", "docs", "overrides"):
        shutil.copytree(REPO / part, root / part, symlinks=True)
    (root / "macros").symlink_to(REPO / "macros", target_is_directory=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def site_extra() -> dict:
    """``extra`` of the real ``mkdocs.yml`` (its ``!ENV`` tags read as their defaults), for tests that check
    what a setting there promises."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("!", lambda loader, suffix, node: loader.construct_sequence(node)[-1]
                                 if isinstance(node, yaml.SequenceNode) else None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader)["extra"]


_DATE_WARNING = re.compile(r": warning: review (?:due soon|overdue): ")
_SUMMARY = re.compile(r"^(\d+) errors?, (\d+) warnings?$")


def summary_without_date_warnings(output: str) -> str:
    """``make check``'s closing line ("N errors, M warnings") for ``output``, not counting the warnings that a
    review is due soon or overdue: the example site's reviews fall due as the calendar moves on, and such a
    warning must never fail a test (nor CI). Every other warning still counts."""
    lines = output.splitlines()
    match = _SUMMARY.match(lines[-1]) if lines else None
    assert match, f"make check printed no summary line: {output[-500:]!r}"
    errors, warnings = int(match[1]), int(match[2]) - sum(1 for line in lines if _DATE_WARNING.search(line))
    return f"{errors} error{'' if errors == 1 else 's'}, {warnings} warning{'' if warnings == 1 else 's'}"
