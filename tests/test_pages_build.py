"""Fixture-site builds: a page made from data builds as MkDocs should see it; a broken page fails the build."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tests.support.registry import NHS_BACK_PAIN
from tests.support.reviews import record_digests
from tests.support.sites import build, make_fixture_site

SOURCES = NHS_BACK_PAIN

PAGE = """\
# yaml-language-server: $schema=../../macros/schemas/page.schema.json
title: Signs to watch for
description: A fixture page that checks how content data becomes a page, with links and cards.
review:
  last_reviewed: 2026-11-01
  next_review_due: 2027-11-01
  checked_against: [nhs-back-pain]
  checked_by: the site's editors
intro:
  - paragraph: "Most back pain gets better. Read [when to get help](help.md#urgent-care)."
    cite: [nhs-back-pain]
sections:
  - id: night-pain
    heading: Pain at night
    blocks:
      - paragraph: "Pain that wakes you needs checking."
        cite: [nhs-back-pain]
      - table:
          caption: "Night pain compared"
          columns: [Feature, Common back pain, Needs checking]
          rows:
            - [Night pain, "eases when you rest", "wakes you, see [above](#night-pain)"]
          row_headers: true
        cite: [nhs-back-pain]
      - care_card: call-999
"""

CARDS = """\
# yaml-language-server: $schema=../macros/schemas/care-cards.schema.json
call-999:
  level: emergency
  audience: everyone
  services: ["999"]
  signs: [limb-nerves]
  action: "Call 999 now if:"
  items: ["you cannot feel your legs"]
  cite: [nhs-back-pain]
"""

SHELL = "{{ page_content() }}\n"
HELP = "# Help\n\n## Urgent care { #urgent-care }\n\nText.\n"


def site(tmp_path: Path, page: str = PAGE, shell: str = SHELL, name: str = "signs.md",
         recorded: bool = False) -> tuple[object, Path]:
    """The fixture site built; ``recorded``: its page's review record says what it reviewed (make review-record)."""
    root = make_fixture_site(
        tmp_path / "proj",
        pages={"index.md": "# Home\n", name: shell, "help.md": HELP},
        files={"content_src/sources.yaml": SOURCES, "content_src/pages/signs.yaml": page,
               "content_src/care_cards.yaml": CARDS,
               "docs/robots.txt": "User-agent: *\n"},
    )
    if recorded:
        record_digests(root)
    return build(root, tmp_path / "site"), tmp_path / "site"


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> str:
    result, out = site(tmp_path_factory.mktemp("good"), recorded=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return (out / "signs" / "index.html").read_text(encoding="utf-8")


def article(page_html: str) -> str:
    return re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', page_html, re.S).group(1)


def test_meta_description_comes_from_the_data(good):
    assert re.search(r'<meta name="description" content="([^"]*)"', good).group(1) == (
        "A fixture page that checks how content data becomes a page, with links and cards.")


def test_title_is_the_only_h1(good):
    assert re.findall(r"<h1[^>]*>(.*?)<a", article(good)) == ["Signs to watch for"]


def test_section_ids_are_anchors_and_in_the_table_of_contents(good):
    assert re.search(r'<h2 id="night-pain">Pain at night', good)
    assert re.search(r'<a href="#night-pain" class="md-nav__link">\s*<span class="md-ellipsis">\s*Pain at night', good)


def test_links_in_data_are_resolved_by_mkdocs(good):
    assert '<a href="../help/#urgent-care">when to get help</a>' in good
    assert '<a href="#night-pain">above</a>' in good


def test_citations_are_numbered_in_every_block(good):
    body = article(good)
    assert "\u27e6" not in body
    assert body.count('href="#ref-nhs-back-pain"') == 4  # intro, paragraph, table caption, care card
    assert re.search(r"<caption[^>]*>Night pain compared<sup class=\"cite\">", body)


def test_care_card_and_table_survive_mkdocs(good):
    body = article(good)
    assert re.search(r'<h3 class="care-card__heading" id="[^"]+"><span class="visually-hidden">Emergency, [^<:]+:</span> '
                     r'Call <a href="tel:999">999</a> now if:', body)  # its level and audience in words; 999 tappable
    assert '<div aria-labelledby="night-pain-table-1-caption" class="content-table" role="region" tabindex="0">' in body
    assert '<th scope="row">Night pain</th>' in body


def test_review_dates_come_last(good):
    body = article(good)
    assert html.unescape(body).index("Page last reviewed: 1 November 2026") > body.index('id="references"')
    assert "Next review due: 1 November 2027" in body
    assert "A clinician has not reviewed this page yet." in body


def test_page_missing_a_citation_fails_the_build_at_its_line(tmp_path):
    result, _ = site(tmp_path, page=PAGE.replace(
        '      - paragraph: "Pain that wakes you needs checking."\n        cite: [nhs-back-pain]\n',
        '      - paragraph: "Pain that wakes you needs checking."\n'))
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert ("content_src/pages/signs.yaml:16:9: error: sections[0].blocks[0]: 'cite' is required" in out), out


def test_page_placing_an_unknown_care_card_fails_the_build_at_its_line(tmp_path):
    result, _ = site(tmp_path, page=PAGE.replace("care_card: call-999", "care_card: call-99"))
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert ("content_src/pages/signs.yaml:25:9: error: unknown care card 'call-99' (nearest ids: call-999)" in out), out


def test_page_with_a_bad_table_fails_the_build_at_the_row(tmp_path):
    result, _ = site(tmp_path, page=PAGE.replace('"eases when you rest", ', ""))
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "content_src/pages/signs.yaml:22:15: error: row 1 has 2 cells but the table has 3 columns" in out, out


def test_link_in_data_to_a_missing_anchor_fails_the_strict_build(tmp_path):
    result, _ = site(tmp_path, page=PAGE.replace("help.md#urgent-care", "help.md#urgent"))
    assert result.returncode != 0
    assert "help.md#urgent" in result.stdout + result.stderr


def test_a_shell_named_after_no_content_file_fails_the_build_with_one_line(tmp_path):
    result, _ = site(tmp_path, name="sings.md")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert ("docs/sings.md:1: error: {{ page_content() }} shows content_src/pages/sings.yaml (the content file is "
            "named after the page), which does not exist") in out
    assert "Traceback" not in out
