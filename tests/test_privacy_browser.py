"""In a real browser, no page makes a request to any host but the site's own server."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.conftest import PAGES
from tests.support.browser import visit

pytestmark = pytest.mark.browser


def test_no_request_leaves_the_sites_origin(page, site_url):
    origin = urlsplit(site_url).netloc
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for url_path in PAGES + ["404.html"]:
        visit(page, site_url + url_path)
        # open search too: it loads its index and worker lazily
        page.keyboard.press("/")
        page.keyboard.type("pain")
        # the search worker has loaded the index and answered ("N matching documents"), and nothing is pending;
        # then half a second of silence (networkidle), once for the page and its search: a request sent late still
        # reaches the listener above before the next page opens
        page.wait_for_function("() => /matching/.test(document.querySelector('.md-search-result__meta').textContent)")
        page.wait_for_load_state("networkidle")
    assert requests, "the test saw no requests at all, so it proves nothing"
    foreign = sorted({u for u in requests if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != origin})
    assert foreign == []


def test_dark_mode_toggle_switches_scheme(page, site_url):
    page.emulate_media(color_scheme="light")
    page.goto(site_url)
    body = page.locator("body")
    # The palette starts at "follow the system"; the toggle steps through light and dark.
    schemes = set()
    for _ in range(3):
        page.locator("form[data-md-component=palette] label:visible").first.click()
        schemes.add(body.get_attribute("data-md-color-scheme"))
    assert {"default", "slate"} <= schemes
