"""Real builds of small fixture sites: numbered markers, References, back-links, /sources/ (Markdown pages that
cite), and the mistakes that must stop the build or ``make check`` (unknown keys, duplicates, unused entries),
made in copies of the example site."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.registry import DEYO_1988, NHS_BACK_PAIN, NICE_NG234, sources_yaml
from tests.support.reviews import record_digests
from tests.support.sites import REPO, build, example_site, line_of, make_fixture_site, replace, summary_without_date_warnings

REGISTRY = sources_yaml(NICE_NG234, NHS_BACK_PAIN, DEYO_1988) + """
loblaw-2003:
  kind: journal-article
  authors: [Loblaw DA, et al]
  journal: Clin Oncol
  year: 2003
  pmid: 12846501
  title: A population-based study of malignant spinal cord compression in Ontario

statpearls-spinal-metastasis:
  kind: book
  title: Spinal Metastasis
  publisher: StatPearls
  year: 2023
  url: https://www.ncbi.nlm.nih.gov/books/NBK441950/
  accessed: 2026-11-22
"""

PAGES = {
    "index.md": "# Home\n\nThis site explains back pain and cancer.\n",
    "red-flags.md": (
        "---\ntitle: Red flags\n---\n\n# Red flags\n\n"
        "Night pain is a warning sign.{{ cite(\"nhs-back-pain\") }}\n\n"
        "Most back pain is not cancer.{{ cite(\"deyo-1988\", \"nhs-back-pain\") }}\n\n"
        "Guidance says to act fast.{{ cite(\"nice-ng234\") }} Again.{{ cite(\"nhs-back-pain\") }}\n\n"
        "All together.{{ cite(\"nice-ng234\", \"nhs-back-pain\", \"deyo-1988\") }}\n\n"
        "{{ references() }}\n\n## After the references\n\nClosing text.\n"),
    "how-it-spreads.md": (
        "# How it spreads\n\nSpread is common.{{ cite(\"statpearls-spinal-metastasis\") }}\n\n"
        "## Numbers\n\nFigures differ.{{ cite(\"loblaw-2003\", \"deyo-1988\") }}\n"),
    "plain.md": "# Plain\n\nNo sources on this page.\n\n{{ references() }}\n",
    "sources.md": "# Sources\n\n{{ sources_list() }}\n",
}


def fixture_site(root: Path, *, pages: dict[str, str] | None = None, registry: str = REGISTRY) -> Path:
    site = make_fixture_site(root, pages=pages or PAGES, files={"content_src/sources.yaml": registry})
    for extra in (REPO / "docs").iterdir():  # files the real config renders as templates (robots.txt)
        if extra.is_file() and extra.suffix != ".md" and not (site / "docs" / extra.name).exists():
            (site / "docs" / extra.name).write_bytes(extra.read_bytes())
    return site


def article_of(site: Path, page: str) -> str:
    text = (site / page / "index.html").read_text(encoding="utf-8")
    return re.search(r"<article[^>]*>(.*)</article>", text, re.S).group(1)


def visible_markers(article: str) -> list[str]:
    found = []
    for sup in re.findall(r'<sup class="cite">(.*?)</sup>', article):  # the brackets are citations.css's
        found.append("[" + html.unescape(re.sub(r"<[^>]+>", "", sup)) + "]")
    return found


@pytest.fixture(scope="module")
def good_site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("citations")
    root = fixture_site(base / "proj")
    result = build(root, base / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return base / "site"


def test_numbers_follow_first_use_reuse_and_groups(good_site):
    article = article_of(good_site, "red-flags")
    assert visible_markers(article) == ["[1]", "[1, 2]", "[3]", "[1]", "[1–3]"]
    assert re.findall(r'<li class="references__item" id="ref-([a-z0-9-]+)"', article) == [
        "nhs-back-pain", "deyo-1988", "nice-ng234"]


def test_references_section_is_where_references_was_called(good_site):
    article = article_of(good_site, "red-flags")
    assert re.search(r'<h2 id="references">References<a aria-hidden="true" class="headerlink" href="#references"', article)
    assert article.index('id="references"') < article.index('id="after-the-references"')
    toc = (good_site / "red-flags" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="#references" class="md-nav__link">\s*<span class="md-ellipsis">\s*References', toc)


def test_references_section_is_at_the_end_without_references_call(good_site):
    article = article_of(good_site, "how-it-spreads")
    assert visible_markers(article) == ["[1]", "[2, 3]"]
    assert article.index('id="numbers"') < article.index('id="references"')
    assert re.findall(r'id="ref-([a-z0-9-]+)"', article) == ["statpearls-spinal-metastasis", "loblaw-2003",
                                                            "deyo-1988"]


def test_pages_without_citations_have_no_references(good_site):
    for page in ("plain", ""):
        article = article_of(good_site, page)
        assert 'id="references"' not in article and "References" not in article
        assert "\u27e6" not in article


def test_back_links_reach_every_use_and_every_link_target_exists(good_site):
    article = article_of(good_site, "red-flags")
    nhs = re.search(r'<li class="references__item" id="ref-nhs-back-pain".*?</li>', article, re.S).group(0)
    assert re.findall(r'href="#(cite-nhs-back-pain-\d)" aria-label="(Back to citation [^"]+)"><sup>(\w)</sup>', nhs) == [
        ("cite-nhs-back-pain-1", "Back to citation 1a", "a"),
        ("cite-nhs-back-pain-2", "Back to citation 1b", "b"),
        ("cite-nhs-back-pain-3", "Back to citation 1c", "c"),
        ("cite-nhs-back-pain-4", "Back to citation 1d", "d"),
    ]
    ids = re.findall(r'\bid="([^"]+)"', article)
    assert len(ids) == len(set(ids)), "ids are unique on the page"
    for target in re.findall(r'href="#([^"]+)"', article):
        assert target in ids, target


def test_reference_entries_are_ama_with_doi_and_pubmed_links(good_site):
    article = article_of(good_site, "red-flags")
    deyo = re.search(r'<li class="references__item" id="ref-deyo-1988".*?</li>', article, re.S).group(0)
    text = html.unescape(re.sub(r"<[^>]+>", "", deyo))
    assert ("Deyo RA, Diehl AK. Cancer as a cause of back pain: frequency, clinical presentation, and diagnostic "
            "strategies. J Gen Intern Med. 1988;3:230-238. doi:10.1007/BF02596337 PubMed record 2967893") in text
    assert 'href="https://doi.org/10.1007/BF02596337"' in deyo
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/2967893/"' in deyo


def test_markers_carry_the_source_as_a_tooltip(good_site):
    article = article_of(good_site, "red-flags")
    first = re.search(r'<a class="cite__link" id="cite-nhs-back-pain-1" href="#ref-nhs-back-pain" aria-label="Source 1: ([^"]+)">',
                      article)
    assert first and first.group(1) == "NHS. Back pain."  # site.js makes the source its title, the tooltip


def test_sources_page_lists_every_source_by_kind_with_citing_pages_in_nav_order(good_site):
    article = article_of(good_site, "sources")
    keys = re.findall(r'id="ref-[^"]+"|id="source-([a-z0-9-]+)"', article)
    assert sorted(k for k in keys if k) == sorted(["nice-ng234", "nhs-back-pain", "deyo-1988", "loblaw-2003",
                                                  "statpearls-spinal-metastasis"])
    assert re.findall(r'<h2 id="(sources-[a-z-]+)"', article) == [
        "sources-guideline", "sources-webpage", "sources-journal-article", "sources-book"]
    deyo = re.search(r'id="source-deyo-1988".*?</li>', article, re.S).group(0)
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', deyo.split("Cited on:")[1]) == [
        ("../red-flags/#ref-deyo-1988", "Red flags"), ("../how-it-spreads/#ref-deyo-1988", "How it spreads")]


# --- mistakes --------------------------------------------------------------------------------

def run_check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros.cli.check", str(root)], cwd=REPO, capture_output=True,
                          text=True, timeout=300)


# The mistakes are made in a copy of the example site (tests/fixtures/site): its topic page and its registry.
PAGE = "content_src/pages/red-flags.yaml"


def example(tmp_path: Path) -> Path:
    return example_site(tmp_path / "proj", assets=True)


def add_sources(root: Path, text: str) -> Path:
    registry = root / "content_src" / "sources.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + text, encoding="utf-8")
    record_digests(root)  # /sources/ lists the registry: reviewed as it now is (the tests are about the registry)
    return registry


def test_unknown_key_fails_the_build_naming_page_key_and_nearest_keys(tmp_path):
    root = example(tmp_path)
    replace(root / PAGE, "    cite: [downie-2013, nhs-back-pain]", "    cite: [downie-2013, nhs-back-pian]")
    expected = (f"{PAGE}:{line_of(root / PAGE, 'nhs-back-pian')}:25: error: unknown source key 'nhs-back-pian' "
                "(nearest existing keys: nhs-back-pain); add the source to content_src/sources.yaml or fix the key")
    result = build(root, tmp_path / "site")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    # before any page is rendered, at the line and column that cites it, as make check says it
    assert expected in out, out
    assert "Traceback" not in out
    check = run_check(root)
    assert check.returncode == 1
    assert expected in check.stdout.splitlines()


DUPLICATE = """
nhs-backpain:
  kind: webpage
  title: Back pain (NHS)
  publisher: NHS
  url: http://nhs.uk/conditions/back-pain?utm_source=newsletter#urgent
  accessed: 2026-11-22

deyo-diehl-1988:
  kind: journal-article
  authors: [Deyo RA]
  journal: J Gen Intern Med
  year: 1988
  url: https://www.ncbi.nlm.nih.gov/pubmed/2967893
  accessed: 2026-11-22
  title: Cancer as a cause of back pain
"""


def duplicated(tmp_path: Path) -> tuple[Path, list[str]]:
    """The example with two entries for sources it has (cited on its topic page); make check's two messages."""
    root = example(tmp_path)
    registry = add_sources(root, DUPLICATE)
    replace(root / PAGE, "cite: [deyo-1988, downie-2013]", "cite: [deyo-1988, downie-2013, nhs-backpain, deyo-diehl-1988]")
    record_digests(root)  # reviewed as it now is: the test is about the registry
    at = {key: line_of(registry, f"{key}:") for key in ("nhs-backpain", "nhs-back-pain", "deyo-diehl-1988", "deyo-1988")}
    return root, [
        f"content_src/sources.yaml:{at['nhs-backpain']}: error: duplicate source: 'nhs-backpain' (line "
        f"{at['nhs-backpain']}) and 'nhs-back-pain' (line {at['nhs-back-pain']}) are the same source (URL "
        "https://nhs.uk/conditions/back-pain); keep one entry and cite its key",
        f"content_src/sources.yaml:{at['deyo-diehl-1988']}: error: duplicate source: 'deyo-diehl-1988' (line "
        f"{at['deyo-diehl-1988']}) and 'deyo-1988' (line {at['deyo-1988']}) are the same source (PMID 2967893); keep "
        "one entry and cite its key",
    ]


def test_duplicates_fail_make_check_with_both_keys_and_lines(tmp_path):
    root, problems = duplicated(tmp_path)
    check = run_check(root)
    assert check.returncode == 1
    lines = check.stdout.splitlines()
    for expected in problems:
        assert expected in lines, check.stdout
    assert summary_without_date_warnings(check.stdout) == "2 errors, 0 warnings"


def test_duplicates_fail_the_build_too(tmp_path):
    root, problems = duplicated(tmp_path)
    result = build(root, tmp_path / "site")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    for expected in problems:
        assert expected in out


def test_a_source_nobody_cites_fails_make_check_but_not_the_build(tmp_path):
    root = example(tmp_path)
    registry = add_sources(root, "\nnever-cited:\n  kind: webpage\n  title: T\n  publisher: P\n"
                                 "  url: https://example.org/x\n  accessed: 2026-11-22\n")
    check = run_check(root)
    assert check.returncode == 1
    assert f"content_src/sources.yaml:{line_of(registry, 'never-cited:')}: error: source 'never-cited' is not cited by " \
           "any page or question; cite it or remove it" in check.stdout.splitlines()
    assert summary_without_date_warnings(check.stdout) == "1 error, 0 warnings"
    assert build(root, tmp_path / "site").returncode == 0


def test_the_example_without_mistakes_passes_make_check(tmp_path):
    """The control for the failing checks above."""
    check = run_check(example(tmp_path))
    assert check.returncode == 0, check.stdout
    assert summary_without_date_warnings(check.stdout) == "0 errors, 0 warnings"


def test_a_malformed_registry_fails_the_build_at_its_line(tmp_path):
    root = example(tmp_path)
    registry = replace(root / "content_src" / "sources.yaml", "pmid: 2967893", "pmid: PMID2967893")
    result = build(root, tmp_path / "site")
    assert result.returncode != 0
    assert f"content_src/sources.yaml:{line_of(registry, 'PMID2967893')}:3: error: deyo-1988.pmid: 'PMID2967893' is " \
           "not valid" in result.stdout + result.stderr
