"""Printing a topic page for someone else (issue 12, item 3), in a real browser's print media.

A printout leaves out the quiz (opened from /quiz/, a topic's quiz prints as a worksheet: test_quiz_browser.py),
writes out the address behind each external link, keeps body text at 12 pt or larger, keeps each card
on one page, and names the site and the page's address.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import PAGES
from tests.support.browser import visit
from tests.support.pages import page_placing_most_cards, topic_pages

pytestmark = pytest.mark.browser

TOPICS = [shell.url for shell in topic_pages()]
TWELVE_POINT_PX = 16  # CSS: 12pt = 16px
SITE_NAME = "Cancer and back pain"


@pytest.fixture
def page(tabs):
    """A tab shared by this file's tests (tests/support/browser.py Tabs): they read their pages, print them and
    change nothing stored."""
    return tabs.page()


def printed(page, url: str) -> None:
    visit(page, url)
    page.emulate_media(media="print")


def pdf_pages(page) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4")))


@pytest.mark.parametrize("path", TOPICS)
def test_a_topic_page_prints_without_its_quiz(page, site_url, path):
    printed(page, site_url + path)
    assert page.locator("form.quiz-q").count() > 0  # the page has a quiz on screen
    assert page.locator("form.quiz-q:visible, .quiz-key:visible").count() == 0
    assert page.locator("h2[id^='quiz-']:visible").count() == 0  # nor its heading
    assert page.locator("h2[id^='quiz-']").evaluate("h => h.nextElementSibling.matches('section.quiz')")
    without = pdf_pages(page)
    page.evaluate("document.querySelectorAll('.quiz--topic').forEach(s => s.classList.remove('quiz--topic'))")
    assert pdf_pages(page) > without  # the quiz left out of the PDF is pages saved


@pytest.mark.parametrize("path", TOPICS)
def test_printed_links_show_their_addresses(page, site_url, path):
    printed(page, site_url + path)
    shown = page.evaluate("""() => [...document.querySelectorAll('article a[href^="http"]')]
        .filter(a => a.getClientRects().length)
        .map(a => [a.href, a.classList.contains('reference__url') ? a.textContent
                   : getComputedStyle(a, '::after').content])""")
    assert shown  # every topic page cites sources with addresses
    for href, text in shown:
        assert href.rstrip("/") in text, (href, text)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "home")
def test_printed_text_is_twelve_point_or_larger(page, site_url, path):
    printed(page, site_url + path)
    small = page.evaluate("""(px) => [...document.querySelectorAll(
            'article :is(p, li, td, th, caption, dd, dt, summary, legend, label)')]
        .filter(e => e.getClientRects().length && e.textContent.trim())
        .map(e => [e.tagName + '.' + e.className, parseFloat(getComputedStyle(e).fontSize), e.textContent.trim().slice(0, 40)])
        .filter(([, size]) => size < px)""", TWELVE_POINT_PX)
    assert small == []


def test_cards_are_not_split_across_printed_pages(page, site_url):
    printed(page, site_url + page_placing_most_cards().url)
    cards = page.locator(".care-card")
    assert cards.count() > 0
    for i in range(cards.count()):
        assert cards.nth(i).evaluate("e => getComputedStyle(e).breakInside") == "avoid"


@pytest.mark.parametrize("path", TOPICS + [""])
def test_a_printout_names_the_site_and_never_a_local_address(page, site_url, path):
    """This build has no public address (no SITE_URL): the printout names the site alone, never the address of
    the build or of its server (issue 23; tests/test_seo.py checks the address of a site built with one)."""
    visit(page, site_url + path)
    source = page.locator(".print-source")
    assert not source.is_visible()  # print only
    page.emulate_media(media="print")
    assert source.is_visible()
    assert source.inner_text() == SITE_NAME
    assert "127.0.0.1" not in page.locator("body").inner_text()
