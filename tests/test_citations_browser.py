"""In a real browser: a marker shows its source on keyboard focus and on hover, markers and back-links
take the reader there and back, and both keep AA contrast in light and dark schemes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support import browser as browser_support
from tests.support.sites import build
from tests.test_citations_build import fixture_site

pytestmark = pytest.mark.browser

# Composite every background from <html> down to the element, then WCAG's contrast ratio.
CONTRAST_JS = """(el) => {
  const parse = (s) => {
    const p = s.match(/rgba?\\(([^)]+)\\)/)[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const chain = [];
  for (let e = el; e; e = e.parentElement) chain.unshift(e);
  let bg = [255, 255, 255];
  for (const e of chain) {
    const c = parse(getComputedStyle(e).backgroundColor);
    bg = [0, 1, 2].map((i) => c[i] * c[3] + bg[i] * (1 - c[3]));
  }
  const f = parse(getComputedStyle(el).color);
  const fg = [0, 1, 2].map((i) => f[i] * f[3] + bg[i] * (1 - f[3]));
  const lum = (c) => {
    const [r, g, b] = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
  return (hi + 0.05) / (lo + 0.05);
}"""


@pytest.fixture(scope="module")
def fixture_url(tmp_path_factory):
    base = tmp_path_factory.mktemp("citations-browser")
    root = fixture_site(base / "proj")
    result = build(root, base / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    with browser_support.serve(base / "site") as url:
        yield url


def tooltip_of(page, element):
    # Material attaches a tooltip when its marker comes into view, a moment after focus or a scroll: wait for it
    expect(element, "Material did not attach a tooltip to the marker").to_have_attribute(
        "aria-describedby", re.compile(r"\S"))
    return page.locator(f"#{element.get_attribute('aria-describedby')}")


def test_focusing_a_marker_by_keyboard_shows_its_source(page, fixture_url):
    browser_support.visit(page, fixture_url + "red-flags/")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('cite__link')"):
            break
    else:
        pytest.fail("Tab never reached a citation marker")
    focused = page.locator(":focus")
    assert focused.get_attribute("id") == "cite-nhs-back-pain-1"
    expect(focused).to_have_accessible_name("Source 1: NHS. Back pain.")  # the number, then the source
    tooltip = tooltip_of(page, focused)
    expect(tooltip).to_be_visible()
    expect(focused).to_have_accessible_description("NHS. Back pain.")
    expect(tooltip).to_have_attribute("role", "tooltip")
    expect(tooltip).to_have_text("NHS. Back pain.")
    page.keyboard.press("Tab")  # moving on hides it again
    expect(tooltip).to_be_hidden()


def test_escape_dismisses_the_tooltip_without_moving_focus(page, fixture_url):
    """WCAG 1.4.13: content shown on focus or hover can be dismissed where it is."""
    page.goto(fixture_url + "red-flags/")
    marker = page.locator("#cite-deyo-1988-1")
    marker.focus()
    tooltip = tooltip_of(page, marker)
    expect(tooltip).to_be_visible()
    page.keyboard.press("Escape")
    expect(tooltip).to_be_hidden()
    assert page.evaluate("document.activeElement.id") == "cite-deyo-1988-1"
    marker.hover()
    expect(tooltip).to_be_visible()
    page.keyboard.press("Escape")
    expect(tooltip).to_be_hidden()


def test_hovering_a_marker_shows_its_source(page, fixture_url):
    page.goto(fixture_url + "red-flags/")
    marker = page.locator("#cite-deyo-1988-1")
    marker.hover()
    tooltip = tooltip_of(page, marker)
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(
        "Deyo RA, Diehl AK. Cancer as a cause of back pain: frequency, clinical presentation, and diagnostic "
        "strategies. J Gen Intern Med. 1988.")


def test_a_marker_leads_to_its_reference_and_the_back_link_returns(page, fixture_url):
    page.goto(fixture_url + "red-flags/")
    page.locator("#cite-nice-ng234-1").click()
    assert page.evaluate("location.hash") == "#ref-nice-ng234"
    reference = page.locator("#ref-nice-ng234")
    expect(reference).to_be_in_viewport()
    reference.get_by_role("link", name="Back to citation 3a").click()
    assert page.evaluate("location.hash") == "#cite-nice-ng234-1"
    expect(page.locator("#cite-nice-ng234-1")).to_be_in_viewport()


@pytest.mark.parametrize("scheme, material_scheme", [("light", "default"), ("dark", "slate")])
def test_markers_and_references_keep_aa_contrast(chromium, fixture_url, scheme, material_scheme):
    context = chromium.new_context(color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(fixture_url + "red-flags/#ref-deyo-1988")  # a targeted (highlighted) reference too
        assert page.locator("body").get_attribute("data-md-color-scheme") == material_scheme
        for selector in ("#cite-nhs-back-pain-1", "#cite-deyo-1988-1", "#ref-deyo-1988 .references__backlink",
                         "#ref-deyo-1988 .reference", "#ref-deyo-1988 .reference__id",
                         "#ref-nhs-back-pain .reference__url"):
            element = page.locator(selector).first
            ratio = element.evaluate(CONTRAST_JS)
            assert ratio >= 4.5, f"{scheme}: {selector} contrast {ratio:.2f}:1"
    finally:
        context.close()


def test_focus_on_a_marker_is_visible(page, fixture_url):
    page.goto(fixture_url + "red-flags/")
    page.locator("#cite-nhs-back-pain-1").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    style = page.locator("#cite-nhs-back-pain-1").evaluate(
        "el => { const s = getComputedStyle(el); return [s.outlineStyle, parseFloat(s.outlineWidth)]; }")
    assert style[0] != "none" and style[1] >= 1
