"""Session fixtures: one strict build of the real site, a local server for it, one browser."""

from __future__ import annotations

import collections
import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import settings

from macros.core.shell_rules import FIXTURE_TEXT_VARIABLE
from tests.support import browser as browser_support
from tests.support.sites import REPO, build, example_site, once_per_run, real_model

# The property tests (hypothesis) try new random examples on every run of make test, so a developer's runs keep
# exploring, and a failure they find is pinned with @example. .ci/run sets HYPOTHESIS_PROFILE=ci: the same
# examples on every CI run (derandomize), so a pull request is never failed by an input its change did not bring.
settings.register_profile("ci", derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# Every page of the site, by URL path: the nav's pages in its order, then those outside it (from the site
# model: a new page is tested without editing this file).
PAGES = [shell.url for shell in real_model().shells]


@pytest.fixture(scope="session")
def real_build(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """(site directory, the finished build process) of the real site, built once per test session with
    ``properdocs build --strict``, as ``make build`` runs it: for tests that read what the builder printed."""
    def make(directory: Path) -> dict:
        done = build(REPO, directory / "site")
        return {"args": done.args, "returncode": done.returncode, "stdout": done.stdout, "stderr": done.stderr}

    directory, made = once_per_run(tmp_path_factory, "real-site", make)  # once, whatever the workers
    site, result = directory / "site", subprocess.CompletedProcess(**made)
    if result.returncode != 0:
        pytest.fail(f"strict build of the real site failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return site, result


@pytest.fixture(scope="session")
def built_site(real_build) -> Path:
    """The real site, built once per test session (``real_build``): read it, never write into it."""
    return real_build[0]


@pytest.fixture(scope="session")
def example_project(tmp_path_factory) -> Path:
    """A copy of the example site (``tests/fixtures/site``) made once per test run, for tests that only read it:
    never write into it (a test that changes the example makes its own copy with ``example_site(tmp_path)``)."""
    directory, _ = once_per_run(tmp_path_factory, "example-project", lambda directory: example_site(directory) and {})
    return directory


@pytest.fixture(scope="session")
def example_build(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """(site directory, the finished build process) of the example site (``tests/fixtures/site``), built once per
    test run with ``properdocs build --strict``: for tests that read what an unedited small site builds to."""
    def make(directory: Path) -> dict:
        done = build(example_site(directory / "project", assets=True), directory / "site")
        return {"args": done.args, "returncode": done.returncode, "stdout": done.stdout, "stderr": done.stderr}

    directory, made = once_per_run(tmp_path_factory, "example-site", make)
    return directory / "site", subprocess.CompletedProcess(**made)


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    with browser_support.serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = browser_support.launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def tabs(chromium) -> browser_support.Tabs:
    """Tabs a file's tests share, one per set of context options (``tests.support.browser.Tabs``)."""
    made = browser_support.Tabs(chromium)
    yield made
    made.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.hookimpl(trylast=True)  # after pytest has ordered each file's tests by their fixtures
def pytest_collection_modifyitems(config, items):
    """``make test`` (pytest-xdist ``--dist loadfile``) hands whole files to its workers in the order they are
    collected, so a long file collected last keeps one worker busy while the others have finished. Files with
    more tests go first; each file's tests keep their order. Nothing to list here: it counts."""
    files = collections.Counter(item.nodeid.split("::")[0] for item in items)
    items.sort(key=lambda item: -files[item.nodeid.split("::")[0]])


# Tests' small projects write their pages in Markdown (``# Home``, ``cite()``, raw HTML for the link checker),
# which the page-shell rules (macros/core/shell_rules.py) allow only in tests: the whole session runs with the
# variable set (fixtures of any scope, and the builds and checks they start, inherit it); ``strict_shells``
# takes it away for a test.
os.environ[FIXTURE_TEXT_VARIABLE] = "1"


@pytest.fixture
def strict_shells(monkeypatch):
    """The page-shell rules as a pull request meets them (no fixture pages)."""
    monkeypatch.delenv(FIXTURE_TEXT_VARIABLE, raising=False)
