"""The real built site: every content page has its description, citations, review dates and care cards."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from macros.model import site_model
from macros.model.cards import CareCard, load_care_cards
from macros.model.pages import load_page
from macros.pages.render import format_date
from macros.model.walk import all_blocks, blocks_of, sections
from macros.model.review_records import is_current
from macros.model.reviewed_content import page_digest
from tests.support.sites import REPO, real_model

MODEL = real_model()
PROJECT = MODEL.project
# URL path -> content data slug, for every page whose words are data (from the site model)
CONTENT_PAGES = {shell.url: shell.content for shell in MODEL.shells if shell.content}
# pages whose data cites a source: each shows numbered citations and References
TOPIC_PAGES = [url for url, slug in CONTENT_PAGES.items()
               if any(block.get("cite") for _, block in all_blocks(MODEL.pages[slug].data))]
LEVEL_WORDS = {"emergency": "Emergency", "urgent": "Urgent", "non-urgent": "Non-urgent"}


def data(url_path: str) -> dict:
    return load_page(site_model(PROJECT), CONTENT_PAGES[url_path]).data


def article(site: Path, url_path: str) -> str:
    page = (site / url_path / "index.html").read_text(encoding="utf-8")
    return re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', page, re.S).group(1)


def text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def own_region(body: str, section_ids: list[str], ident: str) -> str:
    """A section's own blocks: from its heading to the next section heading (or the References)."""
    start = re.search(rf'<h[2-6] id="{ident}"', body).end()
    following = [m.start() for other in section_ids + ["references"] if other != ident
                 for m in [re.search(rf'<h[2-6] id="{other}"', body)] if m and m.start() > start]
    return body[start:min(following, default=len(body))]


def test_every_content_page_is_listed():
    assert sorted(CONTENT_PAGES.values()) == sorted(p.stem for p in (REPO / "content_src/pages").glob("*.yaml"))


@pytest.mark.parametrize("url_path", CONTENT_PAGES)
def test_meta_description_comes_from_the_page_data(built_site, url_path):
    page = (built_site / url_path / "index.html").read_text(encoding="utf-8")
    [shown] = re.findall(r'<meta name="description" content="([^"]*)"', page)
    assert html.unescape(shown) == data(url_path)["description"]


@pytest.mark.parametrize("url_path", CONTENT_PAGES)
def test_title_from_data_is_the_one_h1(built_site, url_path):
    assert [text(h) for h in re.findall(r"<h1[^>]*>(.*?)</h1>", article(built_site, url_path), re.S)] == [
        data(url_path)["title"] + "\u00b6"]


@pytest.mark.parametrize("url_path", CONTENT_PAGES)
def test_review_dates_from_data_are_at_the_bottom(built_site, url_path):
    body = article(built_site, url_path)
    review = data(url_path)["review"]
    block = re.search(r'<div class="review-dates">(.*?)</div>', body, re.S)
    assert block, "no review dates"
    shown = text(block.group(1))
    # as reviewed, or changed since its review (a warning in make check, said plainly here): either may be true
    # of the real content at any time, so the test reads which from the model
    shell = MODEL.shell_at(url_path)
    current = is_current(review, page_digest(MODEL, shell.content, data(url_path)))
    last = format_date(review["last_reviewed"])
    if current:
        assert f"Page last reviewed: {last}" in shown and "has changed" not in shown
    else:
        assert re.search(rf"(?:Changed since|Last updated: [^,]+, after) its last review on {last}\. "
                         r"The changes are not reviewed yet\.", shown) and "Page last reviewed" not in shown
    assert f"Next review due: {format_date(review['next_review_due'])}" in shown
    sources = review.get("checked_against") or []
    assert (f"How this page was reviewed{'' if current else ' on ' + last}: checked by {review['checked_by']}"
            + (" against these sources:" if sources else ".")) in shown
    assert len(re.findall(r"<li>", block.group(1))) == len(sources)
    no_sign_off = "A clinician has not reviewed this page yet." if current else \
        "A clinician has not reviewed this version of the page."
    assert (no_sign_off in shown) is ("clinical_sign_off" not in review)
    assert "NG234" not in shown  # never read in full (shared/reference/medical-anchors.md 1.1, 7)
    # nothing after it but the end of the page and its "Report a problem" link (test_trust_site.py)
    rest = re.sub(r'<p class="page-report">.*?</p>', "", body[block.end():], flags=re.S)
    assert re.fullmatch(r"\s*", re.sub(r"<[^>]+>", "", rest))
    if 'id="references"' in body:
        assert body.index('id="references"') < block.start()


@pytest.mark.parametrize("url_path", CONTENT_PAGES)
def test_every_factual_section_shows_a_citation(built_site, url_path):
    body = article(built_site, url_path)
    page = data(url_path)
    ids = [s.data["id"] for s in sections(page)]
    assert "\u27e6" not in body, "a citation marker was left unnumbered"
    checked = 0
    for section in sections(page):
        cited = [b for _, b in blocks_of(section.data, section.path) if b.get("cite")]
        if cited:
            checked += 1
            region = own_region(body, ids, section.data["id"])
            assert 'class="cite__link"' in region, f"section {section.data['id']} shows no citation"
    if url_path in TOPIC_PAGES:
        assert checked >= 1 and 'href="#ref-' in body and 'id="references"' in body


def care_cards(page: dict) -> list[CareCard]:
    """The cards the page places, in reading order, as content_src/care_cards.yaml defines them."""
    cards = load_care_cards(PROJECT)
    return [cards[block["care_card"]] for _, block in all_blocks(page) if "care_card" in block]


CARD_RE = re.compile(r'<div class="care-card care-card--([a-z-]+)" data-card="[a-z0-9-]+">\s*<p aria-hidden="true" class="care-card__label">'
                     r'(.*?)</p>\s*<h([3-6]) class="care-card__heading"[^>]*>(.*?)</h\3>', re.S)


@pytest.mark.parametrize("url_path", CONTENT_PAGES)
def test_care_cards_speak_their_urgency_and_their_heading_is_the_action(built_site, url_path):
    body = article(built_site, url_path)
    shown = CARD_RE.findall(body)
    expected = care_cards(data(url_path))
    assert len(shown) == body.count('class="care-card ') == len(expected)
    for card, (level, label, _, heading) in zip(expected, shown):
        assert level == card.level
        hidden = re.match(r'<span class="visually-hidden">([^<]+)</span> (.*?)<a [^>]*class="headerlink"', heading, re.S)
        assert hidden, heading
        # what a screen reader hears first: the level's label (content_src/urgent_care.yaml) and who it is for
        assert hidden.group(1) == f"{LEVEL_WORDS[level]}, {card.audience_label}:"
        assert text(label) == f"{LEVEL_WORDS[level]} · {card.audience_label}"  # what everyone else sees, not colour alone
        assert text(hidden.group(2)) == card.action            # the heading is the action
        assert card.action.rstrip(":") not in LEVEL_WORDS.values()


def test_the_site_shows_all_three_care_levels_with_the_right_services(built_site):
    headings = [(level, text(heading)) for url_path in CONTENT_PAGES
                for level, _, _, heading in CARD_RE.findall(article(built_site, url_path))]
    assert {level for level, _ in headings} == {"emergency", "urgent", "non-urgent"}
    emergency = [h for level, h in headings if level == "emergency"]
    assert any(h.startswith("Emergency, Everyone: Call 999") for h in emergency)
    # people with cancer call their cancer team's 24-hour line first (NICE NG234), 999 if unreachable
    assert all(h.startswith(("Emergency, Everyone: Call 999",
                             "Emergency, If you have or had cancer: Call your cancer team's 24-hour number now"))
               for h in emergency)
    assert any("111" in h or "GP" in h for level, h in headings if level == "urgent")
    assert any("GP" in h for level, h in headings if level == "non-urgent")


TABLE_RE = re.compile(r'<div aria-labelledby="([^"]+)" class="content-table" role="region" tabindex="0">\s*'
                      r'<table class="content-table__table">\s*<caption id="([^"]+)">(.*?)</caption>(.*?)</table>', re.S)


@pytest.mark.parametrize("url_path", CONTENT_PAGES)
def test_every_table_is_an_accessible_region_with_headers_and_a_cited_caption(built_site, url_path):
    body = article(built_site, url_path)
    tables = [block["table"] for _, block in all_blocks(data(url_path)) if "table" in block]
    regions = TABLE_RE.findall(body)
    assert len(regions) == len(tables) == body.count("<table")
    for table, (labelled_by, caption_id, caption, rows) in zip(tables, regions):
        assert labelled_by == caption_id
        assert 'class="cite__link"' in caption
        assert len(re.findall(r'<th scope="col">', rows)) == len(table["columns"])
        assert len(re.findall(r'<th scope="row">', rows)) == len(table["rows"])
