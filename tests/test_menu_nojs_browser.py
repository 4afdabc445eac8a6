"""The phone menu opens with JavaScript off, too.

The header's menu is a real button that ``docs/assets/site.js`` drives (issue 23), so it does nothing without
JavaScript. Material's own label for its drawer checkbox stands in for it there (``overrides/partials/header.html``,
``site.css``: which of the two shows follows the ``no-js`` class Material's script replaces with ``js``).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.support.sites import real_model

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SHOWN = "e => e.checkVisibility({visibilityProperty: true})"
HOME, OTHER = real_model().shells[0], real_model().shells[1]  # the menu's first two pages


@pytest.mark.parametrize("javascript", [False, True], ids=["javascript-off", "javascript-on"])
def test_the_phone_menu_opens_by_a_tap_with_or_without_javascript(chromium, site_url, javascript):
    context = chromium.new_context(viewport=PHONE, java_script_enabled=javascript, has_touch=True)
    try:
        page = context.new_page()
        page.goto(site_url + HOME.url, wait_until="load")  # its scripts (if any) have run; no request follows
        button, label = page.locator(".md-header__menu"), page.locator(".md-header__menu-nojs")
        # exactly one menu control shows: the button with JavaScript, Material's label without it
        assert button.evaluate(SHOWN) is javascript
        assert label.evaluate(SHOWN) is not javascript
        link = page.locator(".md-sidebar--primary .md-nav__link[href]").filter(has_text=OTHER.title)
        assert not link.evaluate(SHOWN), "the closed menu's links are hidden"
        (button if javascript else label).tap()
        # the drawer slides in (a state Playwright polls for; the page may run no script to wait on)
        expect(link).to_be_in_viewport(ratio=1)
        assert page.evaluate("document.getElementById('__drawer').checked")
        link.tap()
        page.wait_for_url(site_url + OTHER.url)
    finally:
        context.close()
