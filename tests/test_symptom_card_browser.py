"""The printable symptom card at /symptom-card/ (issue 12, item 2), printed by a real browser.

Its cards are the shared care cards (content_src/care_cards.yaml; test_care_cards_site.py checks they read
the same on every page). Here: it prints on exactly one A4 sheet, in 12 pt or larger, legible in black and
white, with the numbers to call, a line for the cancer team's number, the site's address and the review
date; and the pages that name the signs link to it.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

CARD = "symptom-card/"
TWELVE_POINT_PX = 16  # CSS: 12pt = 16px


def pdf_pages(page) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4")))


def printed(page, url: str) -> None:
    page.goto(url, wait_until="networkidle")
    page.emulate_media(media="print")


def test_the_symptom_card_prints_on_exactly_one_a4_page(page, site_url):
    printed(page, site_url + CARD)
    assert page.locator(".care-card:visible").count() == 3
    assert pdf_pages(page) == 1


def test_the_same_page_on_screen_would_not_fit_without_its_print_styles(page, site_url):
    """The test above can fail: the card's own print rules are what bring it down to one sheet."""
    page.goto(site_url + CARD, wait_until="networkidle")
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
    assert "cancer team's 24-hour number here: ...." in text
    assert page.locator(".print-source:visible").inner_text().endswith("/symptom-card/")
    assert re.search(r"Page last reviewed: \d{1,2} [A-Z][a-z]+ \d{4}", text)
    assert page.locator(".references:visible, .cite:visible").count() == 0  # sources stay on the web page


@pytest.mark.parametrize("path", ["red-flags/", "when-to-get-help/"])
def test_pages_that_name_the_signs_link_to_the_card(page, site_url, path):
    page.goto(site_url + path, wait_until="networkidle")
    link = page.locator("article a[href$='symptom-card/']").first
    link.click()
    page.wait_for_url(re.compile(r"/symptom-card/$"))
