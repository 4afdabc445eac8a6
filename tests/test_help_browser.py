"""Help within one tap (issue 12, item 1), in a real browser: the header's "Get help now" link on every page,
the "If you need help now" box on the first phone screen of every topic page, the home page's 999
card in view without scrolling, and phone numbers that call when tapped."""

from __future__ import annotations

import re

import pytest

from macros.model.cards import load_care_cards
from macros.model.walk import all_blocks
from macros.model.urgent_care import load_policy
from macros.core.project import Project
from tests.conftest import PAGES
from tests.support.pages import quiz_page, topic_pages
from tests.support.sites import REPO, real_model, site_extra

pytestmark = pytest.mark.browser

PROJECT = Project(REPO)
_MODEL = real_model()
# The pages whose data asks for the summary box (help_summary: true): every topic page and /quiz/.
SUMMARY_PAGES = [shell.url for shell in _MODEL.shells
                 if shell.content and _MODEL.pages[shell.content].data.get("help_summary")]
# Where readers get help (mkdocs.yml extra.get_help.page): the header links there, and it names every number.
HELP_PAGE = next(s.url for s in _MODEL.shells if s.src == site_extra()["get_help"]["page"])


def open_at(tabs, url: str, width: int, height: int):
    """``url`` on a phone of this size, in a tab the file's tests share (they only read their pages)."""
    return tabs.open(url, viewport={"width": width, "height": height}, is_mobile=True, has_touch=True,
                     device_scale_factor=2)


def bottom_in_view(locator) -> tuple[float, float]:
    """(bottom edge of the element, bottom edge of the first screen) in CSS px, at the top of the page."""
    return locator.evaluate("e => [e.getBoundingClientRect().bottom, window.innerHeight]")


@pytest.mark.parametrize("url_path", PAGES, ids=lambda p: p or "home")
def test_get_help_now_is_in_the_header_of_every_page_and_fits_a_phone(tabs, site_url, url_path):
    page = open_at(tabs, site_url + url_path, 320, 640)
    link = page.locator("header.md-header a", has_text="Get help now")
    assert link.count() == 1
    assert link.is_visible()
    box = link.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320          # not pushed off a small phone
    # A real button a thumb can hit (issue 23): 44 x 44 CSS px at least, 14px text or larger, a filled shape
    assert box["height"] >= 44 and box["width"] >= 44, box
    looks = link.evaluate("""a => { const s = getComputedStyle(a), h = getComputedStyle(a.closest('header'));
        return {size: parseFloat(s.fontSize), fill: s.backgroundColor, header: h.backgroundColor}; }""")
    assert looks["size"] >= 14 and looks["fill"] not in (looks["header"], "rgba(0, 0, 0, 0)"), looks
    # the site's name is shown whole or not at all, never cut to "Ca…"
    name = page.locator(".md-header__topic:first-child .md-ellipsis")
    assert name.evaluate("e => !e.checkVisibility({visibilityProperty: true}) || e.scrollWidth <= e.clientWidth")
    href = link.get_attribute("href")
    assert page.evaluate("h => new URL(h, location.href).pathname", href).endswith(f"/{HELP_PAGE}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


FIRST_SCREEN = (390, 844)


@pytest.mark.parametrize("url_path", SUMMARY_PAGES)
def test_the_help_box_is_complete_with_a_tappable_999_on_the_first_phone_screen(tabs, site_url, url_path):
    """Every topic page and /quiz/: under the title, the help box in full on the first 390x844 screen: for each
    card with a summary, its level and who it is for, what to do (999 a link that calls) and every sign in
    short, in the data's words, nothing cut off; and it says what a reader with cancer does today."""
    assert {quiz_page().url, *(shell.url for shell in topic_pages())} <= set(SUMMARY_PAGES)
    page = open_at(tabs, site_url + url_path, *FIRST_SCREEN)
    box = page.locator(".help-summary")
    assert box.count() == 1 and box.is_visible()
    top, bottom, screen = box.evaluate("e => [e.getBoundingClientRect().top, e.getBoundingClientRect().bottom,"
                                       " window.innerHeight]")
    h1_bottom = page.locator("article h1").evaluate("e => e.getBoundingClientRect().bottom")
    assert h1_bottom <= top, "the page's heading comes first"
    assert bottom <= screen, f"the help box ends at {bottom:.0f} px, below the first screen ({screen} px)"
    cards = load_care_cards(PROJECT).summary()
    entries = box.locator("li")
    assert entries.count() == len(cards) >= 3
    for i, card in enumerate(cards):
        shown = " ".join(entries.nth(i).inner_text().split())
        assert shown == f"{card.label} · {card.audience_label} {card.summary.action}: {card.summary.signs}."
        assert "\u2026" not in shown and "..." not in shown
        # nothing is hidden or clipped: the entry's full height is drawn inside the box
        clipped = entries.nth(i).evaluate("e => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1")
        assert not clipped
    today = [c for c in cards if c.audience != "everyone" and c.level == "urgent"]
    assert today and "new back or neck pain" in today[0].summary.signs
    tel = box.locator('a[href="tel:999"]')
    assert tel.count() >= 1
    target = tel.first.bounding_box()
    assert target["y"] + target["height"] <= screen and target["height"] >= 24 and target["width"] >= 24  # WCAG 2.2 target size


EMERGENCY_PAGES = [shell.url for shell in _MODEL.shells if shell.content and any(
    block.get("care_card") in _MODEL.kind("care_cards") and _MODEL.kind("care_cards")[block["care_card"]].level == "emergency"
    for _, block in all_blocks(_MODEL.pages[shell.content].data))]


@pytest.mark.parametrize("url_path", EMERGENCY_PAGES)
def test_every_emergency_cards_999_calls_when_tapped_heading_included(tabs, site_url, url_path):
    page = open_at(tabs, site_url + url_path, *FIRST_SCREEN)
    assert page.locator(".care-card--emergency").count() >= 1
    for card in page.locator(".care-card--emergency").all():
        heading = card.locator(".care-card__heading")
        if "999" in heading.inner_text():
            assert heading.locator('a[href="tel:999"]').count() == 1, heading.inner_text()
        assert card.locator('a[href="tel:999"]').count() >= 1


def test_when_to_get_help_leads_with_the_route_for_readers_who_have_had_cancer(tabs, site_url):
    """The site's core readers find their route (the cards for people who have or have had cancer) within the
    first two phone screens of When to get help, first of the cards; every other route stays on the page."""
    page = open_at(tabs, site_url + HELP_PAGE, *FIRST_SCREEN)
    cards = load_care_cards(PROJECT)
    order = page.locator(".md-content .care-card").evaluate_all("cs => cs.map(c => c.dataset.card)")
    narrower = [c for c in order if cards[c].audience != "everyone"]
    assert narrower and order[0] in narrower, order
    assert set(order) == set(c.id for c in cards if c.id in order) and len(order) >= 5
    first = page.locator(f'[data-card="{order[0]}"] .care-card__heading')
    top = first.evaluate("e => e.getBoundingClientRect().top")
    assert top + 60 <= 2 * FIRST_SCREEN[1], f"the route for readers with cancer starts at {top:.0f} px"
    for card_id in order:  # the other routes are in plain view: shown, not folded away
        assert page.locator(f'[data-card="{card_id}"]').is_visible()


def test_the_home_page_shows_the_999_card_and_its_first_sign_without_scrolling_at_390x844(tabs, site_url):
    page = open_at(tabs, site_url, 390, 844)
    card = page.locator('[data-card="emergency-999"]')
    heading, first_sign = card.locator(".care-card__heading"), card.locator("li").first
    assert heading.is_visible() and first_sign.is_visible()
    bottom, screen = bottom_in_view(first_sign)
    assert bottom <= screen, f"the first sign ends at {bottom:.0f} px, below the first screen ({screen} px)"


def test_the_home_page_shows_the_999_cards_heading_without_scrolling_at_375x667(tabs, site_url):
    page = open_at(tabs, site_url, 375, 667)
    bottom, screen = bottom_in_view(page.locator('[data-card="emergency-999"] .care-card__heading'))
    assert bottom <= screen, f"the 999 card's heading ends at {bottom:.0f} px, below the first screen ({screen} px)"


NUMBERS = load_policy(PROJECT).numbers  # the services' numbers in content_src/urgent_care.yaml, as readers see them


@pytest.mark.parametrize("url_path", PAGES, ids=lambda p: p or "home")
def test_phone_numbers_call_when_tapped_and_nhs_111_online_is_linked(tabs, site_url, url_path):
    page = open_at(tabs, site_url + url_path, 390, 844)
    found = set(page.eval_on_selector_all(
        "article a[href^='tel:']", "links => links.map(a => a.getAttribute('href').slice(4))"))
    if url_path == HELP_PAGE:
        dialled = {number.replace(" ", "") for number in NUMBERS}  # "0808 808 00 00" dials tel:08088080000
        assert dialled <= found, f"no tel: link for {sorted(dialled - found)}"
    for link in page.locator("article a[href^='tel:']").all():
        # the link is the number itself, as written (in groups), dialling its digits
        assert link.inner_text().strip() in NUMBERS
        assert link.inner_text().strip().replace(" ", "") == link.get_attribute("href")[4:]
    if url_path == HELP_PAGE or "NHS 111 online" in page.locator("article").inner_text():
        online = page.locator("article a[href='https://111.nhs.uk/']")
        assert online.count() >= 1 and "NHS 111 online" in online.first.inner_text()
    # no number in running text is left without its link (headings keep the plain action; the quiz's
    # options are labels, where a link would be a second control inside the first: the quiz and its printed
    # answer key are left out, and so are the References and /sources/, where a number is part of a source's title)
    text = page.evaluate("""() => [...document.querySelectorAll('article p, article li, article td')]
        .filter(e => !e.closest('.quiz, .quiz-key, .review-dates, .references'))
        .map(e => { const c = e.cloneNode(true); c.querySelectorAll('a, sup, .sources-list__entry').forEach(a => a.remove());
                    return c.textContent; }).join(' ')""")
    numbers = "|".join(re.escape(n) for n in NUMBERS)
    assert not re.findall(rf"(?<![\w.-])({numbers})(?![\w-])", text)
