"""Trust pages and what every page carries (issue 12, item 4), checked in the real built site.

Every page's footer links to About, Accessibility and Privacy; every content page ends with a "Report a
problem with this page" link to the repository's issue form with the page's address filled in; every page
has link-preview (Open Graph) metadata from its own data and a local image; /quiz/ and /sources/ show
review dates like the other pages.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import yaml

from tests.conftest import PAGES
from tests.support.sites import REPO, real_model
from tests.support.sites import site_extra as extra

SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default site_url, as the test build uses it


def page_html(site: Path, url_path: str) -> str:
    file = site / url_path if url_path.endswith(".html") else site / url_path / "index.html"
    return file.read_text(encoding="utf-8")


def meta(page: str, attribute: str, name: str) -> str | None:
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', page)
    return html.unescape(found.group(1)) if found else None


@pytest.mark.parametrize("url_path", PAGES + ["404.html"], ids=lambda p: p or "home")
def test_every_footer_links_to_the_trust_pages(built_site, url_path):
    page = page_html(built_site, url_path)
    footer = re.search(r'<nav class="site-links" aria-label="About this site">(.*?)</nav>', page, re.S)
    assert footer, "no site links in the footer"
    links = dict((text, href) for href, text in re.findall(r'<a href="([^"]+)">([^<]+)</a>', footer.group(1)))
    assert set(links) == {"About", "Accessibility", "Privacy"}
    for text, href in links.items():
        target = urlsplit(urljoin(SITE_URL + url_path, href)).path  # the 404 page links from the site root
        assert (built_site / target.lstrip("/") / "index.html").is_file(), (text, href)


@pytest.mark.parametrize("url_path", PAGES, ids=lambda p: p or "home")
def test_every_content_page_has_a_report_a_problem_link_with_its_address(built_site, url_path):
    page = page_html(built_site, url_path)
    link = re.search(r'<p class="page-report"><a href="([^"]+)">Report a problem with this page</a></p>', page)
    assert link
    url = urlsplit(html.unescape(link.group(1)))
    settings = extra()
    assert f"{url.scheme}://{url.netloc}{url.path}" == settings["repository"] + "/issues/new"
    query = parse_qs(url.query)
    assert query["template"] == [settings["report_form"]]
    assert (REPO / ".github" / "ISSUE_TEMPLATE" / settings["report_form"]).is_file()
    assert query["page"] == [SITE_URL + url_path]  # the form's "page" field, filled in
    form = yaml.safe_load((REPO / ".github" / "ISSUE_TEMPLATE" / settings["report_form"]).read_text(encoding="utf-8"))
    assert "page" in {field.get("id") for field in form["body"]}


def test_the_404_page_has_no_report_link(built_site):
    assert "page-report" not in page_html(built_site, "404.html")


@pytest.mark.parametrize("url_path", PAGES, ids=lambda p: p or "home")
def test_link_previews_come_from_the_pages_own_data(built_site, url_path):
    page = page_html(built_site, url_path)
    assert meta(page, "property", "og:description") == meta(page, "name", "description")
    assert meta(page, "property", "og:url") == SITE_URL + url_path
    assert meta(page, "property", "og:site_name") == "Cancer and back pain"
    title = meta(page, "property", "og:title")
    shell = next(s for s in real_model().shells if s.url == url_path)
    # the page's own title from its data (not its menu label); the home page is the site itself
    if shell.content is None:  # a page without content data: its own title, as the theme gives it
        assert title and title in html.unescape(re.search(r"<title>([^<]*)</title>", page).group(1))
    else:
        expected = "Cancer and back pain" if not url_path else real_model().pages[shell.content].title
        assert title is not None and html.unescape(title) == expected
    image = meta(page, "property", "og:image")
    assert image == SITE_URL + "assets/social.png"  # the site's own file, never another host
    assert (built_site / "assets" / "social.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert meta(page, "name", "twitter:card") == "summary_large_image"


@pytest.mark.parametrize("url_path", ["quiz/", "sources/"])
def test_quiz_and_sources_show_review_dates(built_site, url_path):
    page = page_html(built_site, url_path)
    # as reviewed, or changed since its review (either may be true of the real content at any time)
    assert re.search(r"(?:Page last reviewed:|its last review on) \d{1,2} [A-Z][a-z]+ 20\d\d", page)
    assert re.search(r"Next review due: \d{1,2} [A-Z][a-z]+ 20\d\d", page)
