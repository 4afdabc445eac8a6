"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation, nor any best-practice one, on any built page.

Every page (and the 404 page) is checked in light and dark mode, at a phone and a desktop viewport, and
the search dialog is checked open with results in it. Material's own defaults fail some of these rules;
they are fixed in ``overrides/`` and ``docs/assets/site.css``, not excluded here.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import PAGES
from tests.support.browser import visit, settle

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
# No rule is disabled and no element is excluded. If one ever has to be, add it here with the reason.
AXE_CONTEXT = None

# Playwright's colour-scheme emulation -> the scheme Material's "follow the system" palette must pick.
SCHEMES = {"light": "default", "dark": "slate"}
VIEWPORTS = {"phone": {"width": 375, "height": 667}, "desktop": {"width": 1280, "height": 800}}
ALL_PAGES = PAGES + ["404.html"]


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def viewport(request) -> dict:
    return VIEWPORTS[request.param]


@pytest.fixture(params=list(SCHEMES), ids=list(SCHEMES))
def scheme(request) -> str:
    return request.param


@pytest.fixture
def styled_page(tabs, viewport, scheme):
    """A page (no stored palette choice) at the viewport, with the system set to light or dark: a tab shared
    with the file's other tests at these settings (tests/support/browser.py Tabs), which store nothing."""
    return tabs.page(viewport=viewport, color_scheme=scheme)


def open_in_scheme(page, url: str, scheme: str) -> None:
    visit(page, url)
    expected = SCHEMES[scheme]
    # Material applies the system's scheme from its script; wait for it, then prove it took effect.
    page.wait_for_function("s => document.body.dataset.mdColorScheme === s", arg=expected, timeout=5000)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert (background == "rgb(255, 255, 255)") == (scheme == "light"), background


def violations_report(results) -> str:
    return results.generate_report() if results.violations_count else ""


def run_axe(axe: Axe, page):
    return axe.run(page, context=AXE_CONTEXT, options=AXE_OPTIONS)


@pytest.mark.parametrize("url_path", ALL_PAGES, ids=lambda p: p or "home")
def test_page_has_no_axe_violations(styled_page, site_url, axe, scheme, url_path):
    open_in_scheme(styled_page, site_url + url_path, scheme)
    results = run_axe(axe, styled_page)
    assert results.violations_count == 0, violations_report(results)


def test_open_search_dialog_with_results_has_no_axe_violations(styled_page, site_url, axe, scheme):
    open_in_scheme(styled_page, site_url, scheme)
    styled_page.keyboard.press("/")
    styled_page.keyboard.type("pain")
    results_list = styled_page.locator(".md-search-result__item")
    results_list.first.wait_for(state="visible", timeout=10000)
    # Results fade in: judge their colours once every transition has finished.
    settle(styled_page)
    assert styled_page.locator(".md-search").get_attribute("aria-label") == "Search"
    assert styled_page.evaluate("document.activeElement.classList.contains('md-search__input')")
    results = run_axe(axe, styled_page)
    assert results.violations_count == 0, violations_report(results)


def test_axe_run_detects_a_violation(page, axe):
    """The control: the same axe set-up does report a real violation, so a zero above means something."""
    page.set_content('<html lang="en"><head><title>t</title></head><body><main><h1>Title</h1>'
                     '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
                     '<p style="color:#999;background:#fff">Too pale</p></main></body></html>')
    ids = {v["id"] for v in run_axe(axe, page).response["violations"]}
    assert {"image-alt", "color-contrast"} <= ids

