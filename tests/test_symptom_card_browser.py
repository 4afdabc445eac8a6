"""The printable symptom card at /symptom-card/ (issue 12, item 2), printed by a real browser.

Its cards are the shared care cards (content_src/care_cards.yaml; test_care_cards_site.py checks they read
the same on every page). Here: it prints on exactly one A4 sheet, in 12 pt or larger, legible in black and
white, with the numbers to call, a line for the cancer team's number, the site's address and the review
date; and the pages that name the signs link to it.
"""

from __future__ import annotations

import re

import pytest

from macros.model.index import placements
from tests.support.browser import visit
from tests.support.pages import pages_placing, topic_pages
from tests.support.sites import real_model

pytestmark = pytest.mark.browser

_MODEL = real_model()
# The page whose data says it prints as a card (print: card), and the topic pages that place any of its
# cards: they name the signs it lists, so they link to it.
_CARD_PAGE = next(s for s in _MODEL.shells if s.content and _MODEL.pages[s.content].print_stylesheet)
CARD = _CARD_PAGE.url
_ITS_CARDS = {p.card_id for p in placements(_MODEL.project) if p.slug == _CARD_PAGE.content}
SIGN_PAGES = [s.url for s in topic_pages() if any(s in pages_placing(card) for card in _ITS_CARDS)]
TWELVE_POINT_PX = 16  # CSS: 12pt = 16px


@pytest.fixture
def page(tabs):
    """A tab shared by this file's tests (tests/support/browser.py Tabs): they read, print and follow links,
    and store nothing."""
    return tabs.page()


def pdf_pages(page) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4")))


def printed(page, url: str) -> None:
    visit(page, url)
    page.emulate_media(media="print")


def test_the_symptom_card_prints_on_exactly_one_a4_page(page, site_url):
    printed(page, site_url + CARD)
    assert page.locator(".care-card:visible").count() == 3
    assert pdf_pages(page) == 1


def test_the_same_page_on_screen_would_not_fit_without_its_print_styles(page, site_url):
    """The test above can fail: the card's own print rules are what bring it down to one sheet."""
    visit(page, site_url + CARD)
    page.evaluate("""() => { for (const sheet of document.styleSheets) {
        if (sheet.href && sheet.href.endsWith('/print-card.css')) sheet.disabled = true; } }""")
    assert pdf_pages(page) > 1


def test_printed_card_text_is_twelve_point_or_larger_and_black_on_white(page, site_url):
    printed(page, site_url + CARD)
    sizes = page.evaluate("""() => [...document.querySelectorAll('article *')]
        .filter(e => e.offsetParent !== null && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
        .filter(e => !e.closest('.visually-hidden'))
        .map(e => parseFloat(getComputedStyle(e).fontSize))""")
    assert sizes and min(sizes) >= TWELVE_POINT_PX
    colours = page.locator(".care-card").evaluate_all("""cards => cards.map(c => {
        const s = getComputedStyle(c); const h = getComputedStyle(c.querySelector('.care-card__heading'));
        return [s.backgroundColor, h.color, s.borderTopStyle]; })""")
    for background, heading, border in colours:
        assert background == "rgb(255, 255, 255)" and heading == "rgb(0, 0, 0)" and border == "solid"


def test_the_printout_says_who_to_call_and_where_it_came_from(page, site_url):
    printed(page, site_url + CARD)
    text = " ".join(page.locator("article").inner_text().split())
    for number in ("999", "111", "112"):
        assert re.search(rf"\b{number}\b", text), number
    # a boxed space to write the cancer team's number in, tall enough to write in
    box = page.locator("article .admonition").filter(has_text="24-hour number")
    assert box.count() == 1
    style = box.evaluate("e => [getComputedStyle(e).borderTopStyle, e.getBoundingClientRect().height]")
    assert style[0] == "solid" and style[1] >= 60, style
    # what to say when you call, from the card's data
    assert re.search(r"When you call, say: .I have cancer", text)
    # 999 larger than any other text on the card
    sizes = page.evaluate("""() => [...document.querySelectorAll('article *')]
        .filter(e => e.offsetParent !== null && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
        .map(e => [e.matches('a[href="tel:999"]'), parseFloat(getComputedStyle(e).fontSize)])""")
    nines = [size for is_999, size in sizes if is_999]
    assert nines and min(nines) > max(size for is_999, size in sizes if not is_999)
    assert page.locator(".print-source:visible").inner_text()  # the site (and its public address: test_seo.py)
    assert "127.0.0.1" not in text  # never the address of a local build or server
    # as reviewed, or changed since its review (either may be true of the real content; both give the review date)
    assert re.search(r"(?:Page last reviewed:|its last review on) \d{1,2} [A-Z][a-z]+ \d{4}", text)
    assert page.locator(".references:visible, .cite:visible").count() == 0  # sources stay on the web page


def test_pages_that_name_the_signs_link_to_the_card(page, site_url):
    assert len(SIGN_PAGES) >= 2, SIGN_PAGES
    for path in SIGN_PAGES:
        visit(page, site_url + path)
        page.locator(f"article a[href$='{CARD}']").first.click()
        page.wait_for_url(re.compile(re.escape(CARD) + "$"))
