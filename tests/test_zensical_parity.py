"""Zensical parity: the same checkout built by MkDocs and by Zensical gives the same article on every page
(text, links, citation numbers, References), and both builders refuse the same mistakes.

Zensical runs from its own virtualenv (``make zensical-deps``: ``.venv-zensical`` from
``requirements/zensical.txt``); ``ZENSICAL_PYTHON`` names another interpreter (CI's newest-Zensical job).
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from tests.support.pages import topic_pages
from tests.support.sites import REPO, build
from tests.test_citations_build import PAGES, fixture_site

ZENSICAL_PYTHON = Path(os.environ.get("ZENSICAL_PYTHON") or REPO / ".venv-zensical" / "bin" / "python").absolute()
SITE_DIR = "site-zensical"  # Zensical builds only inside the project: mkdocs.yml reads site_dir from SITE_DIR
PROJECT_PARTS = ("docs", "content_src", "quiz", "overrides", "mkdocs.yml")
# Zensical's theme puts the skip link's target inside the article; it is the theme's, not the page's.
THEME_ONLY = {("a", (("id", "__skip"), ("tabindex", "-1")))}
SITE_ROOT = "http://site.invalid/"


@pytest.fixture(scope="session")
def zensical() -> Path:
    if not ZENSICAL_PYTHON.exists() and "ZENSICAL_PYTHON" not in os.environ:
        result = subprocess.run(["make", "zensical-deps"], cwd=REPO, capture_output=True, text=True, timeout=900)
        assert result.returncode == 0, f"make zensical-deps failed:\n{result.stdout}\n{result.stderr}"
    assert ZENSICAL_PYTHON.exists(), f"no Zensical at {ZENSICAL_PYTHON}: run `make zensical-deps`"
    return ZENSICAL_PYTHON


def zensical_build(python: Path, root: Path) -> subprocess.CompletedProcess:
    """``make build-zensical`` of the project at ``root``: its site is ``root / SITE_DIR``."""
    env = dict(os.environ, SITE_DIR=SITE_DIR, PYTHONDONTWRITEBYTECODE="1", NO_COLOR="1")
    return subprocess.run([str(python), "-m", "zensical", "build", "--clean", "--strict"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="session")
def zensical_site(zensical, tmp_path_factory) -> Path:
    """This checkout built by Zensical (in a copy: Zensical writes its cache and site inside the project)."""
    root = tmp_path_factory.mktemp("zensical") / "project"
    root.mkdir()
    for part in PROJECT_PARTS:
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / part)
    (root / "macros").symlink_to(REPO / "macros", target_is_directory=True)
    result = zensical_build(zensical, root)
    if result.returncode != 0:
        pytest.fail(f"Zensical build of the real site failed:\n{result.stdout}\n{result.stderr[-5000:]}", pytrace=False)
    return root / SITE_DIR


class _Article(HTMLParser):
    """A page's <article> as lines: each tag with its attributes sorted, each run of text collapsed, and
    each link as where it lands (MkDocs writes a link to the page itself ``./#x``, Zensical ``../page/#x``)."""

    def __init__(self, url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.url = url
        self.depth = 0
        self.skip_end = False
        self.lines: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        attributes = tuple(sorted((name, value or "") for name, value in attrs))
        if (tag, attributes) in THEME_ONLY:
            self.skip_end = True
            return
        attributes = tuple((n, self._lands(v) if n == "href" else v) for n, v in attributes)
        self.lines.append(f"<{tag}" + "".join(f' {n}="{v}"' for n, v in attributes) + ">")

    def _lands(self, href: str) -> str:
        if urlsplit(href).scheme:
            return href
        return urljoin(self.url, href).removeprefix(SITE_ROOT) or "/"

    def handle_endtag(self, tag: str) -> None:
        if self.skip_end and tag == "a":
            self.skip_end = False
            return
        if self.depth:
            self.lines.append(f"</{tag}>")
        if tag == "article" and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if self.depth and text:
            self.lines.append(text)


def article_lines(site: Path, page: str) -> list[str]:
    """The article of ``site/page`` (``red-flags/index.html``) as comparable lines."""
    parser = _Article(SITE_ROOT + page.removesuffix("index.html"))
    parser.feed((site / page).read_text(encoding="utf-8"))
    return parser.lines


def pages_of(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_both_builders_make_the_same_pages(built_site, zensical_site):
    assert pages_of(zensical_site) == pages_of(built_site)


def test_every_article_is_the_same_under_both_builders(built_site, zensical_site):
    differences = []
    for page in pages_of(built_site):
        mkdocs, zensical = article_lines(built_site, page), article_lines(zensical_site, page)
        if page != "404.html":
            assert len(mkdocs) > 20, f"{page}: no article found"
        else:  # the one known difference, see _without_the_not_found_card
            mkdocs = _without_the_not_found_card(mkdocs)
        if mkdocs != zensical:
            diff = difflib.unified_diff(mkdocs, zensical, "mkdocs/" + page, "zensical/" + page, lineterm="", n=1)
            differences.append("\n".join(list(diff)[:40]))
    assert not differences, "\n\n".join(differences)


def _without_the_not_found_card(lines: list[str]) -> list[str]:
    """The 404 page's lines without its emergency card. The card comes from content_src/care_cards.yaml through
    ``extra.not_found_card``, which the macros module sets for ProperDocs' theme templates; Zensical's theme
    templates do not see what the macros module sets, so its 404 page has the skip link and home link but no card.
    ProperDocs builds the published site; this is listed in README as the one difference between the builders."""
    start = lines.index('<div class="care-card care-card--emergency">')  # ProperDocs' 404 must have the card
    depth, end = 0, start
    for end in range(start, len(lines)):
        depth += lines[end].startswith("<div") - (lines[end] == "</div>")
        if depth == 0:
            break
    return lines[:start] + lines[end + 1:]


def test_the_comparison_sees_citation_numbers_and_references(built_site):
    """The control: what the comparison reads includes the markers' numbers and the References list."""
    lines = article_lines(built_site, topic_pages()[0].url + "index.html")  # any topic page
    assert any(line.startswith('<a aria-label="Source 1: ') and 'class="cite__link"' in line for line in lines)
    assert '<h2 id="references">' in lines and '<ol class="references">' in lines
    assert any(re.fullmatch(r'<a href="[a-z0-9-]+/#[a-z0-9-]+">', line) for line in lines)  # a link, as it lands


MISTAKES = {
    "misspelt citation key": ("# Broken\n\nA claim.{{ cite(\"nhs-back-pian\") }}\n", [
        "docs/broken-page.md:3:17: error: unknown source key 'nhs-back-pian' (nearest existing keys: nhs-back-pain)"]),
    "missing anchor": ("# Broken\n\nSee [the red flags](red-flags.md#nowhere).\n", {
        "mkdocs": ["'red-flags.md' does not contain an anchor '#nowhere'"],
        "zensical": ["anchor does not exist", "broken-page.md:3"]}),
    "unknown macro": ("# Broken\n\n{{ no_such_macro() }}\n", ["docs/broken-page.md:3: error: unknown macro no_such_macro()"]),
}


# Content mistakes an editor makes: each builder prints the message alone, never a Python traceback.
CONTENT_MISTAKES = {"misspelt citation key", "unknown macro"}


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_both_builders_fail_on_the_same_mistakes(mistake, zensical, tmp_path):
    page, expected = MISTAKES[mistake]
    root = fixture_site(tmp_path / "proj", pages={**PAGES, "broken-page.md": page})
    results = {"mkdocs": build(root, tmp_path / "site"), "zensical": zensical_build(zensical, root)}
    for builder, result in results.items():
        out = result.stdout + result.stderr
        assert result.returncode != 0, f"{builder} built a site with a {mistake}:\n{out[-3000:]}"
        for text in expected[builder] if isinstance(expected, dict) else expected:
            assert text in out, f"{builder} did not say {text!r}:\n{out[-3000:]}"
        if mistake in CONTENT_MISTAKES:
            assert "Traceback" not in out, f"{builder} printed a traceback for a {mistake}:\n{out[-3000:]}"


def test_the_fixture_without_mistakes_builds_under_both(zensical, tmp_path):
    """The control for the failing builds above."""
    root = fixture_site(tmp_path / "proj")
    assert build(root, tmp_path / "site").returncode == 0
    result = zensical_build(zensical, root)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert 'class="cite__link"' in (root / SITE_DIR / "red-flags" / "index.html").read_text(encoding="utf-8")
