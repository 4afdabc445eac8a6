"""Content pages in a real browser: no sideways scrolling at 320px, tables as named focusable regions,
care cards whose urgency is heard and seen with enough contrast in light and dark mode."""

from __future__ import annotations

import re

import pytest

from macros.model.walk import all_blocks
from tests.support.pages import page_with_block, page_with_every_card_level
from tests.test_pages_site import CONTENT_PAGES, data

pytestmark = pytest.mark.browser

SCHEMES = {"light": "default", "dark": "slate"}


def luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def parse_rgba(css: str) -> tuple[float, float, float, float]:
    values = [float(v) for v in re.findall(r"[\d.]+", css)]
    return values[0], values[1], values[2], values[3] if len(values) == 4 else 1.0


def contrast(fg: str, bg: str) -> float:
    """WCAG contrast of text colour ``fg`` (may be translucent) on the opaque background ``bg``."""
    *back, back_alpha = parse_rgba(bg)
    assert back_alpha == 1, f"background {bg} is not opaque"
    *front, alpha = parse_rgba(fg)
    shown = tuple(alpha * f + (1 - alpha) * b for f, b in zip(front, back))
    a, b = sorted((luminance(shown), luminance(tuple(back))), reverse=True)
    return (a + 0.05) / (b + 0.05)


def open_page(tabs, url: str, *, width: int, scheme: str = "light"):
    """``url`` at this width and system colour scheme, in a tab the file's tests share (they only read pages)."""
    page = tabs.open(url, viewport={"width": width, "height": 800}, color_scheme=scheme)
    page.wait_for_function("s => document.body.dataset.mdColorScheme === s", arg=SCHEMES[scheme], timeout=5000)
    return page


@pytest.mark.parametrize("url_path", CONTENT_PAGES, ids=lambda p: p or "home")
def test_page_does_not_scroll_sideways_at_320px(tabs, site_url, url_path):
    page = open_page(tabs, site_url + url_path, width=320)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_comparison_table_is_a_named_region_that_scrolls_itself_and_takes_focus(tabs, site_url):
    url_path = page_with_block("table").url
    page = open_page(tabs, site_url + url_path, width=320)
    table = next(b["table"] for _, b in all_blocks(data(url_path)) if "table" in b)
    region = page.get_by_role("region", name=re.compile("^" + re.escape(table["caption"])))
    assert region.count() == 1
    sizes = region.evaluate("r => [r.scrollWidth, r.clientWidth, document.documentElement.scrollWidth]")
    assert sizes[2] <= 320                       # the page never scrolls sideways...
    assert sizes[0] >= sizes[1]                  # ...the region holds the whole table instead
    region.focus()
    assert page.evaluate("document.activeElement.getAttribute('role')") == "region"
    outline = region.evaluate("r => getComputedStyle(r).outlineStyle")
    assert outline != "none"                     # keyboard focus is visible


@pytest.mark.parametrize("scheme", SCHEMES)
def test_care_cards_say_their_urgency_in_words_with_enough_contrast(tabs, site_url, scheme):
    page = open_page(tabs, site_url + page_with_every_card_level().url, width=1280, scheme=scheme)
    for level, word in (("emergency", "Emergency"), ("urgent", "Urgent"), ("non-urgent", "Non-urgent")):
        card = page.locator(f".care-card--{level}").first
        heading = card.locator(".care-card__heading")
        # screen readers hear the level first, then who the card is for; the hidden words take no space on screen
        assert page.get_by_role("heading", name=re.compile(rf"^{word}, [^:]+: ")).count() >= 1
        box = heading.locator(".visually-hidden").bounding_box()
        assert box["width"] <= 1 and box["height"] <= 1
        # sighted readers see the level in words, in white on a strong colour
        label = card.locator(".care-card__label")
        assert label.is_visible() and label.inner_text().split(" · ")[0] == word
        assert label.locator(".care-card__who").inner_text().startswith("· ")  # and who it is for
        colours = label.evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]")
        assert contrast(*colours) >= 4.5, (level, colours)
        # the card's own text and links
        text_colours = card.evaluate(
            "c => [getComputedStyle(c.querySelector('li')).color, getComputedStyle(c).backgroundColor]")
        assert contrast(*text_colours) >= 4.5, (level, text_colours)
        for link_colour in card.locator("a:not(.headerlink)").evaluate_all(
                "links => links.map(a => getComputedStyle(a).color)"):
            assert contrast(link_colour, text_colours[1]) >= 4.5, (level, link_colour)
    # the three levels look different even in greyscale: their frames differ in width
    widths = {level: page.locator(f".care-card--{level}").first.evaluate(
        "c => getComputedStyle(c).borderLeftWidth + ' ' + getComputedStyle(c).borderTopWidth")
        for level in ("emergency", "urgent", "non-urgent")}
    assert len(set(widths.values())) == 3, widths
