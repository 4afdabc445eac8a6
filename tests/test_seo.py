"""Search engines and link previews: description, canonical URL from site_url, lang, robots.txt, sitemap.

The real site is checked as built for the tests, and once more built with another ``site_url`` (through
the ``SITE_URL`` environment variable mkdocs.yml reads) to prove the canonical URLs, robots.txt's
``Sitemap:`` line and the sitemap all follow it rather than a hard-coded address.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.robotparser import RobotFileParser

import pytest

from tests.conftest import PAGES
from tests.support.sites import REPO, build

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
OTHER_SITE_URL = "https://health.example.org/cancer-back-pain/"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.meta: dict[str, str] = {}
        self.links: dict[str, list[str]] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "meta" and a.get("name"):
            self.meta[a["name"]] = a.get("content") or ""
        elif tag == "link" and a.get("rel"):
            self.links.setdefault(a["rel"], []).append(a.get("href") or "")
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def head(site: Path, url_path: str) -> _Head:
    parser = _Head()
    file = site / url_path / "index.html" if not url_path.endswith(".html") else site / url_path
    parser.feed(file.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def other_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("seo") / "site"
    result = build(REPO, site, extra_env={"SITE_URL": OTHER_SITE_URL})
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.mark.parametrize("url_path", PAGES, ids=lambda p: p or "home")
def test_page_has_description_canonical_and_lang(built_site, url_path):
    h = head(built_site, url_path)
    assert h.lang == "en"
    assert 50 <= len(h.meta.get("description", "")) <= 160, h.meta.get("description")
    assert h.links.get("canonical") == [DEFAULT_SITE_URL + url_path]
    assert "noindex" not in h.meta.get("robots", "")
    assert h.title.strip()


def test_descriptions_and_titles_differ_between_pages(built_site):
    heads = [head(built_site, p) for p in PAGES]
    descriptions = [h.meta["description"] for h in heads]
    titles = [h.title.strip() for h in heads]
    assert len(set(descriptions)) == len(PAGES), descriptions
    assert len(set(titles)) == len(PAGES), titles


def test_404_page_is_not_indexed_and_has_no_canonical(built_site):
    h = head(built_site, "404.html")
    assert h.lang == "en"
    assert h.meta.get("robots") == "noindex"
    assert "canonical" not in h.links


def _sitemap_locs(site: Path) -> list[str]:
    root = ET.parse(site / "sitemap.xml").getroot()
    return [e.text or "" for e in root.findall("s:url/s:loc", SITEMAP_NS)]


def _robots(site: Path) -> RobotFileParser:
    robots = RobotFileParser()
    robots.parse((site / "robots.txt").read_text(encoding="utf-8").splitlines())
    return robots


def test_sitemap_lists_every_page_once(built_site):
    assert sorted(_sitemap_locs(built_site)) == sorted(DEFAULT_SITE_URL + p for p in PAGES)
    assert (built_site / "sitemap.xml.gz").is_file()


def test_robots_txt_allows_every_page_and_points_to_the_sitemap(built_site):
    text = (built_site / "robots.txt").read_text(encoding="utf-8")
    assert "{{" not in text and "{#" not in text, "robots.txt was copied, not rendered"
    robots = _robots(built_site)
    assert robots.site_maps() == [DEFAULT_SITE_URL + "sitemap.xml"]
    for page in PAGES:
        assert robots.can_fetch("Googlebot", DEFAULT_SITE_URL + page)


def test_canonical_robots_and_sitemap_follow_site_url(other_site):
    assert _robots(other_site).site_maps() == [OTHER_SITE_URL + "sitemap.xml"]
    assert sorted(_sitemap_locs(other_site)) == sorted(OTHER_SITE_URL + p for p in PAGES)
    for page in PAGES:
        assert head(other_site, page).links.get("canonical") == [OTHER_SITE_URL + page]


def test_printouts_show_the_public_address_the_site_is_built_for(built_site, other_site):
    """The address a printout shows (overrides/main.html, issue 23) is SITE_URL's; a build without one (this
    session's, whose site_url is the local default that `mkdocs serve` also replaces) prints none."""
    source = re.compile(r'<p class="print-only print-source">([^<]*)</p>')
    for page in PAGES:
        assert source.search(_html(other_site, page)).group(1) == f"Cancer and back pain: {OTHER_SITE_URL}{page}"
        assert source.search(_html(built_site, page)).group(1) == "Cancer and back pain"


def _html(site: Path, url_path: str) -> str:
    return (site / url_path / "index.html").read_text(encoding="utf-8")
