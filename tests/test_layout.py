"""Reflow and resize (WCAG 1.4.10, 1.4.4): no horizontal scrolling at 320 px, and text zoomed to 200% fits.

Material sets ``overflow-x: hidden`` on ``<html>``, which would hide (not scroll) anything too wide, so
besides the document's scroll width every visible element of the page is checked against the viewport.
Content inside its own horizontal scroller (a wide table's wrapper) is allowed, as WCAG allows for data tables.
"""

from __future__ import annotations

import pytest

from tests.conftest import PAGES
from tests.support.browser import next_frames

pytestmark = pytest.mark.browser

ALL_PAGES = PAGES + ["404.html"]

# Visible elements of the header, content and footer whose box sticks out of the viewport on the right
# (or left), ignoring visually hidden text and anything inside a horizontal scroll container.
_OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const scrollsX = e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
  const out = [];
  for (const el of document.querySelectorAll('.md-header *, .md-main *, .md-footer *')) {
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const s = getComputedStyle(el);
    if (s.position === 'fixed' || s.clip === 'rect(0px, 0px, 0px, 0px)' || s.clipPath === 'inset(50%)') continue;
    if (el.closest('.md-sidebar')) continue;   // off-canvas drawer; the keyboard test checks it on focus
    let inScroller = false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (scrollsX(p) && p.scrollWidth > p.clientWidth) { inScroller = true; break; }
    }
    if (inScroller) continue;
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) continue;
    if (r.right > width + 1 || r.left < -1) {
      out.push(`${el.tagName.toLowerCase()}.${el.className} [${Math.round(r.left)}, ${Math.round(r.right)}]`
               + ` ${el.textContent.trim().slice(0, 60)}`);
    }
  }
  return out;
}"""

_SCROLL = """() => ({scrollWidth: document.documentElement.scrollWidth,
                  clientWidth: document.documentElement.clientWidth,
                  bodyScrollWidth: document.body.scrollWidth})"""

# Text in the content that its own box clips (overflow hidden and content wider or taller than the box).
_CLIPPED_TEXT = """() => [...document.querySelectorAll('.md-content *')].filter(e => {
  const s = getComputedStyle(e);
  if (!e.checkVisibility() || !e.textContent.trim()) return false;
  if (s.clip === 'rect(0px, 0px, 0px, 0px)' || (e.clientWidth <= 1 && e.clientHeight <= 1)) return false;
  const clipsX = ['hidden', 'clip'].includes(s.overflowX), clipsY = ['hidden', 'clip'].includes(s.overflowY);
  return (clipsX && e.scrollWidth > e.clientWidth + 1) || (clipsY && e.scrollHeight > e.clientHeight + 1);
}).map(e => `${e.tagName.toLowerCase()}.${e.className}: ${e.textContent.trim().slice(0, 60)}`)"""

_BODY_TEXT_SIZE = """() => parseFloat(getComputedStyle(
  document.querySelector('.md-content p, .md-content li') || document.querySelector('.md-content')).fontSize)"""


def _assert_fits(page) -> None:
    sizes = page.evaluate(_SCROLL)
    assert sizes["scrollWidth"] <= sizes["clientWidth"], sizes
    assert sizes["bodyScrollWidth"] <= sizes["clientWidth"], sizes
    assert page.evaluate(_OVERFLOWING) == []


@pytest.mark.parametrize("url_path", ALL_PAGES, ids=lambda p: p or "home")
def test_no_horizontal_scrolling_at_320px(tabs, site_url, url_path):
    page = tabs.open(site_url + url_path, viewport={"width": 320, "height": 640})
    _assert_fits(page)


@pytest.mark.parametrize("url_path", ALL_PAGES, ids=lambda p: p or "home")
def test_browser_zoom_200_percent_of_a_1280px_window(tabs, site_url, url_path):
    """Browser zoom at 200% on a 1280 x 800 window lays the page out at 640 x 400 CSS px, twice as dense."""
    page = tabs.open(site_url + url_path, viewport={"width": 640, "height": 400},
                     device_scale_factor=2)
    _assert_fits(page)
    assert page.evaluate(_CLIPPED_TEXT) == []


@pytest.mark.parametrize("url_path", ALL_PAGES, ids=lambda p: p or "home")
def test_text_only_zoom_200_percent_at_640px(tabs, site_url, url_path):
    """Text-only zoom (root font size doubled) in the 640 px layout: text really grows, and still fits."""
    page = tabs.open(site_url + url_path, viewport={"width": 640, "height": 800})
    before = page.evaluate(_BODY_TEXT_SIZE)
    page.evaluate("""() => { const html = document.documentElement;
        html.style.fontSize = (parseFloat(getComputedStyle(html).fontSize) * 2) + 'px'; }""")
    next_frames(page)  # the page laid out again at the new size
    after = page.evaluate(_BODY_TEXT_SIZE)
    assert after >= 1.95 * before, f"body text went from {before}px to {after}px: a fixed size stops zoom"
    _assert_fits(page)
    assert page.evaluate(_CLIPPED_TEXT) == []


def test_overflow_check_detects_a_too_wide_element(page):
    """The control: an element wider than the viewport is reported even though html hides overflow."""
    page.set_viewport_size({"width": 320, "height": 640})
    page.set_content('<html style="overflow-x:hidden"><body><main class="md-main"><p style="width:500px">'
                     'wide</p><div style="overflow-x:auto"><table style="width:900px"><tr><td>ok</td></tr>'
                     '</table></div></main></body></html>')
    offenders = page.evaluate(_OVERFLOWING)
    assert len(offenders) == 1 and offenders[0].startswith("p.")
