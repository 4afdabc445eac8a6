"""Example-site builds: a page made from data builds as MkDocs should see it; a broken page fails the build."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tests.support.sites import EXAMPLE, build, example_site, line_of, replace

PAGE = "content_src/pages/red-flags.yaml"  # the example site's topic page: paragraphs, a callout, a table, a card
EXAMPLE_PAGE = (EXAMPLE / PAGE).read_text(encoding="utf-8")
EXAMPLE_BANK = (EXAMPLE / "quiz" / "banks" / "red-flags.yaml").read_text(encoding="utf-8")


def broken(tmp_path: Path, old: str, new: str) -> tuple[object, Path]:
    """The example site with ``old`` replaced by ``new`` in its topic page, built; and the page's path."""
    root = example_site(tmp_path / "proj", assets=True)
    replace(root / PAGE, old, new)
    return build(root, tmp_path / "site"), root / PAGE


@pytest.fixture(scope="module")
def good(example_build) -> str:
    site, result = example_build
    assert result.returncode == 0, result.stdout + result.stderr
    return (site / "red-flags" / "index.html").read_text(encoding="utf-8")


def article(page_html: str) -> str:
    return re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', page_html, re.S).group(1)


def test_meta_description_comes_from_the_data(good):
    assert re.search(r'<meta name="description" content="([^"]*)"', good).group(1) == (
        "Warning signs that back pain could be caused by cancer and needs checking.")


def test_title_is_the_only_h1(good):
    assert re.findall(r"<h1[^>]*>(.*?)<a", article(good)) == ["Red flags"]


def test_section_ids_are_anchors_and_in_the_table_of_contents(good):
    assert re.search(r'<h2 id="night-pain">Pain at night', good)
    assert re.search(r'<a href="#night-pain" class="md-nav__link">\s*<span class="md-ellipsis">\s*Pain at night', good)


def test_links_in_data_are_resolved_by_mkdocs(good):
    assert '<a href="../when-to-get-help/#emergency">when to get help</a>' in good  # in the callout


def test_citations_are_numbered_in_every_block(good):
    body = article(good)
    assert "\u27e6" not in body
    # every block citing it (intro, callout, paragraphs, the table's caption), the care card it places (1) and
    # the questions of its bank that cite it
    blocks = sum("cite: [" in line and "nhs-back-pain" in line for line in EXAMPLE_PAGE.splitlines())
    questions = sum("sources: [" in line and "nhs-back-pain" in line for line in EXAMPLE_BANK.splitlines())
    assert blocks >= 5 and questions >= 1
    assert body.count('href="#ref-nhs-back-pain"') == blocks + 1 + questions
    assert re.search(r"<caption[^>]*>No single feature proves or rules out cancer.<sup class=\"cite\">", body)


def test_care_card_and_table_survive_mkdocs(good):
    body = article(good)
    assert re.search(r'<h3 class="care-card__heading" id="[^"]+"><span class="visually-hidden">Emergency, [^<:]+:</span> '
                     r'Call <a href="tel:999">999</a> or go to A&amp;E now', body)  # level and audience in words; 999 tappable
    assert '<div aria-labelledby="night-pain-table-1-caption" class="content-table" role="region" tabindex="0">' in body
    assert '<th scope="row">Timing and night pain</th>' in body


def test_review_dates_come_last(good):
    body = article(good)
    assert html.unescape(body).index("Page last reviewed: 1 November 2026") > body.index('id="references"')
    assert "Next review due: 1 November 2027" in body
    assert "A clinician has not reviewed this page yet." in body


def test_page_missing_a_citation_fails_the_build_at_its_line(tmp_path):
    result, page = broken(tmp_path, "stops you getting to sleep.\"\n        cite: [nhs-back-pain, nice-cg75]\n",
                          "stops you getting to sleep.\"\n")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert (f"{PAGE}:{line_of(page, 'stops you getting to sleep.')}:9: error: sections[1].blocks[0]: 'cite' is "
            "required" in out), out


def test_page_placing_an_unknown_care_card_fails_the_build_at_its_line(tmp_path):
    result, page = broken(tmp_path, "care_card: emergency-999", "care_card: emergency-99")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert (f"{PAGE}:{line_of(page, 'emergency-99')}:9: error: unknown care card 'emergency-99' (nearest ids: "
            "emergency-999)" in out), out


def test_page_with_a_bad_table_fails_the_build_at_the_row(tmp_path):
    result, page = broken(tmp_path, '"Less likely to wake you or keep you awake.", ', "")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{PAGE}:{line_of(page, 'Timing and night pain')}:15: error: row 1 has 2 cells but the table has 3 " \
           "columns" in out, out


def test_link_in_data_to_a_missing_anchor_fails_the_strict_build(tmp_path):
    result, _ = broken(tmp_path, "when-to-get-help.md#emergency", "when-to-get-help.md#urgent")
    assert result.returncode != 0
    assert "when-to-get-help.md#urgent" in result.stdout + result.stderr


def test_a_shell_named_after_no_content_file_fails_the_build_with_one_line(tmp_path):
    root = example_site(tmp_path / "proj", assets=True)
    (root / "docs" / "red-flags.md").rename(root / "docs" / "sings.md")
    replace(root / "mkdocs.yml", "red-flags.md", "sings.md")
    (root / "quiz" / "banks" / "red-flags.yaml").unlink()  # the bank is not this test's subject
    result = build(root, tmp_path / "site")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    shell = line_of(root / "docs" / "sings.md", "{{ page_content() }}")
    assert (f"docs/sings.md:{shell}: error: {{{{ page_content() }}}} shows content_src/pages/sings.yaml (the content file is "
            "named after the page), which does not exist") in out
    assert "Traceback" not in out


def test_a_page_whose_shell_is_missing_fails_the_build_with_that_one_error(tmp_path):
    """The build must not publish a site without the page: it says why once, at the page file, and not again for
    each quiz question whose learn_more points at the page."""
    root = example_site(tmp_path / "proj", assets=True, overrides=True)
    (root / "docs" / "red-flags.md").unlink()
    result = build(root, tmp_path / "site")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert re.findall(r"\S+:\d+(?::\d+)?: error: .*", out) == [
        f"{PAGE}:1: error: no page shows this file; create docs/red-flags.md containing {{{{ page_content() }}}} "
        "and list it in mkdocs.yml's nav"], out
    assert not (tmp_path / "site" / "index.html").exists()
