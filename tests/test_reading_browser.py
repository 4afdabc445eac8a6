"""Comfortable reading (issue 12, item 8) in a real browser: short enough lines on wide screens, a header
that does not cover a fifth of the window at 400% zoom, and a "Back to top" button set apart from the text
under it in forced-colours (high contrast) mode, where it covers no text.
"""

from __future__ import annotations

import pytest

from tests.conftest import PAGES
from tests.support.browser import visit
from tests.support.pages import longest_topic_page, quiz_page

pytestmark = pytest.mark.browser

# The most characters on one rendered line of any visible paragraph or list item (citation markers left out).
LONGEST_LINE = """() => {
  let most = [0, ""];
  const range = document.createRange();
  for (const block of document.querySelectorAll("article :is(p, li, dd, label, legend)")) {
    if (!block.getClientRects().length) continue;
    const lines = new Map();
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest("sup, .visually-hidden")) continue;
      for (let i = 0; i < node.length; i++) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) continue;
        const top = Math.round(rect.top);
        lines.set(top, (lines.get(top) || 0) + 1);
      }
    }
    for (const count of lines.values()) {
      if (count > most[0]) most = [count, block.textContent.trim().slice(0, 60)];
    }
  }
  return most;
}"""
MAX_LINE = 75
LONG_PAGE = longest_topic_page().url  # a topic page that scrolls a long way


@pytest.mark.parametrize("width", [1280, 1920])
@pytest.mark.parametrize("url_path", PAGES, ids=lambda p: p or "home")
def test_lines_are_about_75_characters_at_most_on_a_wide_screen(tabs, site_url, url_path, width):
    page = tabs.open(site_url + url_path, viewport={"width": width, "height": 900})  # a tab shared at this width
    count, text = page.evaluate(LONGEST_LINE)
    assert 40 < count <= MAX_LINE, (count, text)  # 40: the measure found real lines of text


@pytest.mark.parametrize("url_path", [LONG_PAGE, quiz_page().url])
def test_at_400_percent_zoom_the_header_does_not_cover_a_fifth_of_the_window(chromium, site_url, url_path):
    # A 1280 x 800 window at 400% zoom is 320 x 200 CSS pixels.
    context = chromium.new_context(viewport={"width": 320, "height": 200}, device_scale_factor=4)
    page = context.new_page()
    try:
        visit(page, site_url + url_path)
        page.evaluate("window.scrollTo(0, 600)")
        page.wait_for_function("window.scrollY >= 600")
        covered = page.evaluate("""() => { const r = document.querySelector(".md-header").getBoundingClientRect();
            return Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0)) / innerHeight; }""")
        assert covered <= 0.2, covered
    finally:
        context.close()


def test_at_ordinary_sizes_the_header_stays_on_screen(chromium, site_url):
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        visit(page, site_url + LONG_PAGE)
        page.evaluate("window.scrollTo(0, 1500)")
        page.wait_for_function("window.scrollY >= 1500")
        assert page.evaluate("() => document.querySelector('.md-header').getBoundingClientRect().top") == 0
    finally:
        context.close()


# The text on screen that an element's box covers: each visible text node whose box overlaps it.
TEXT_UNDER = """e => {
  const box = e.getBoundingClientRect(), range = document.createRange(), found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim() || e.contains(node)) continue;
    if (!node.parentElement.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      const onScreen = r.width > 1 && r.height > 1 && r.bottom > 0 && r.top < innerHeight;
      if (onScreen && r.left < box.right && r.right > box.left && r.top < box.bottom && r.bottom > box.top) {
        found.push(node.textContent.trim().slice(0, 50));
        break;
      }
    }
  }
  return found;
}"""


@pytest.mark.parametrize("forced", ["active", "none"])
def test_in_forced_colours_back_to_top_has_an_edge_and_covers_no_text(chromium, site_url, forced):
    context = chromium.new_context(viewport={"width": 375, "height": 667}, forced_colors=forced)
    page = context.new_page()
    try:
        visit(page, site_url + LONG_PAGE)
        page.evaluate("window.scrollTo(0, 2500)")
        page.wait_for_function("window.scrollY >= 2500")
        page.mouse.wheel(0, -400)  # Material shows the button when the reader scrolls back up
        button = page.locator(".md-top")
        page.wait_for_function("""() => { const b = document.querySelector('.md-top');
            return b.checkVisibility({visibilityProperty: true, opacityProperty: true}); }""")
        style = button.evaluate("""b => { const s = getComputedStyle(b);
            return {border: parseFloat(s.borderTopWidth), style: s.borderTopStyle, background: s.backgroundColor,
                    shadow: s.boxShadow}; }""")
        assert not style["background"].startswith("rgba(0, 0, 0, 0)")
        if forced == "active":
            # no shadow in this mode: a solid edge keeps it apart, and it must not sit over any text
            assert style["border"] >= 1 and style["style"] == "solid", style
            button.scroll_into_view_if_needed()
            page.wait_for_function("""() => { const r = document.querySelector('.md-top').getBoundingClientRect();
                return r.top >= 0 && r.bottom <= innerHeight; }""")
            assert button.evaluate("b => b.checkVisibility({visibilityProperty: true, opacityProperty: true})")
            assert button.evaluate(TEXT_UNDER) == []
            button.click()
            page.wait_for_function("window.scrollY === 0")
        else:
            assert style["shadow"] != "none"  # the ordinary look is unchanged
    finally:
        context.close()
