"""Page weight budgets, measured by ``sitetools/weight.py`` (the module ``make bench`` prints from).

Each page, with everything it loads, stays under 90 KiB transferred with gzip; the quiz's own script and
stylesheet stay under 6 KB gzip together. A real browser confirms that the measured list of resources is
exactly what a page loads, and that Material's search worker and index wait until search is opened.
"""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest

from sitetools.serve import serve
from sitetools.weight import gzip_bytes, page_resources, page_weight, search_resources, site_pages, transfer_size
from tests.conftest import PAGES
from tests.support.pages import quiz_page, topic_pages
from tests.support.sites import REPO

PAGE_BUDGET = 90 * 1024        # bytes transferred per page, gzip
QUIZ_ASSETS_BUDGET = 6 * 1000  # bytes, gzip: quiz.js + quiz.css
QUIZ_ASSETS = REPO / "docs" / "assets" / "quiz"
ALL_PAGES = PAGES + ["404.html"]


def test_every_page_is_measured(built_site):
    assert set(site_pages(built_site)) == set(ALL_PAGES)


@pytest.mark.parametrize("url_path", ALL_PAGES, ids=lambda p: p or "home")
def test_page_weight_is_under_budget(built_site, url_path):
    weight = page_weight(built_site, url_path)
    by_category = weight.by_category()
    assert all(by_category[c] > 0 for c in ("html", "css", "js")), by_category
    detail = "\n".join(f"  {r.transferred:>7} {r.path}" for r in weight.resources)
    assert weight.total < PAGE_BUDGET, f"/{url_path} transfers {weight.total} bytes:\n{detail}"


def test_quiz_script_and_stylesheet_are_under_6_kb_gzip(built_site):
    sources = sorted(p for p in QUIZ_ASSETS.iterdir() if p.suffix in (".js", ".css"))
    assert {p.suffix for p in sources} == {".js", ".css"}, sources
    total = sum(len(gzip_bytes(p.read_bytes())) for p in sources)
    assert total < QUIZ_ASSETS_BUDGET, f"quiz assets are {total} bytes gzip: {[p.name for p in sources]}"
    # What is budgeted is what ships: the quiz page loads these very files, byte for byte.
    shipped = {path: (built_site / path).read_bytes() for path in page_resources(built_site, quiz_page().url)}
    for source in sources:
        assert source.read_bytes() in shipped.values(), f"the quiz page does not load {source.name} as built"


def test_gzip_measure_counts_compressed_bytes():
    text = b"quiz " * 2000
    assert len(gzip_bytes(text)) < len(text) / 20


@pytest.mark.browser
@pytest.mark.parametrize("url_path", ["", quiz_page().url, "404.html"], ids=["home", "quiz", "404"])
def test_measured_resources_are_what_the_browser_loads(page, site_url, built_site, url_path):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url + url_path, wait_until="networkidle")  # no request for 500 ms: all it loads has loaded
    loaded = {urlsplit(u).path.lstrip("/") for u in requested if u.startswith(site_url)}
    loaded = {p + "index.html" if p == "" or p.endswith("/") else p for p in loaded}
    assert loaded == set(page_resources(built_site, url_path))

    # Search costs nothing until it is opened; then it loads the worker and the index, and works.
    requested.clear()
    page.keyboard.press("/")
    page.keyboard.type("pain")
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10000)
    # The browser fetches the page's own files again on its own schedule (the tab icon, sometimes late,
    # after the page was idle); those are the page's cost, counted above, not something search loads.
    searched = {urlsplit(u).path.lstrip("/") for u in requested} - loaded
    assert searched == set(search_resources(built_site, url_path))


def test_bench_server_sends_gzip_bytes_the_weight_counts_with_cache_headers(built_site):
    def get(url: str, gzip_ok: bool = True):
        request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(request) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    bundle = next((built_site / "assets" / "javascripts").glob("bundle.*.min.js"))
    topic = topic_pages()[0].url  # a page like most: content, citations, a quiz
    html_file = built_site / topic / "index.html"
    with serve(built_site) as url:
        status, headers, body = get(url + topic)
        assert status == 200 and headers["Content-Encoding"] == "gzip"
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        assert len(body) == transfer_size(html_file)
        assert gzip.decompress(body) == html_file.read_bytes()
        assert headers["Cache-Control"] == "public, max-age=600"

        status, headers, body = get(url + bundle.relative_to(built_site).as_posix())
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert len(body) == transfer_size(bundle)

        status, headers, body = get(url + topic, gzip_ok=False)
        assert "Content-Encoding" not in headers and body == html_file.read_bytes()

        status, headers, _ = get(url + topic.rstrip("/"))
        assert status == 301 and headers["Location"] == "/" + topic

        status, _, body = get(url + "no-such-page/")
        assert status == 404 and b"Page not found" in gzip.decompress(body)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # report the 301 itself
