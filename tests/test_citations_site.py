"""The real site: every page that cites carries numbered references with working back-links, /sources/
lists every registry entry, and the real content passes the citation checks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.model import site_model
from macros.citations.checks import check_citations
from tests.support.sites import REPO, real_model

MODEL = real_model()  # with the nav, as the build sees it
PROJECT = MODEL.project
QUIZ_PAGES = [shell.src for shell in MODEL.shells if shell.banks]  # each question cites its sources
REGISTRY = MODEL.registry
USAGE = MODEL.usages


def url_path(page: str) -> str:
    return "" if page == "index.md" else page.removesuffix(".md") + "/"


def article(site: Path, page: str) -> str:
    text = (site / url_path(page) / "index.html").read_text(encoding="utf-8")
    return re.search(r"<article[^>]*>(.*)</article>", text, re.S).group(1)


def cited_pages() -> dict[str, set[str]]:
    """docs page -> the keys its files cite, from the usage index (not from the build)."""
    pages: dict[str, set[str]] = {}
    for key in USAGE.keys():
        for page in USAGE.pages_citing(key):
            pages.setdefault(page, set()).add(key)
    return pages


def test_the_real_content_passes_the_citation_checks():
    assert [p.format() for p in check_citations(site_model(PROJECT))] == []


def test_the_pages_with_a_quiz_cite_sources():
    assert QUIZ_PAGES and set(QUIZ_PAGES) <= set(cited_pages())


@pytest.mark.parametrize("page", sorted(cited_pages()))
def test_a_citing_page_has_numbered_references_with_back_links(built_site, page):
    html = article(built_site, page)
    expected_keys = cited_pages()[page]
    assert re.search(r'<h2 id="references">References', html), f"{page} has no References heading"
    references = re.findall(r'<li class="references__item" id="ref-([a-z0-9-]+)" value="(\d+)"', html)
    assert {key for key, _ in references} == expected_keys
    assert [int(n) for _, n in references] == list(range(1, len(references) + 1))

    # markers: numbers follow first use (every use, including a range's hidden middle, has an id)
    number_of = {key: int(n) for key, n in references}
    key_of_use = {f"cite-{key}-": key for key in number_of}
    uses_in_order = re.findall(r'\bid="(cite-[a-z0-9-]+-)\d+"', html)
    first_seen = list(dict.fromkeys(number_of[key_of_use[u]] for u in uses_in_order))
    assert first_seen == list(range(1, len(references) + 1))
    shown = [int(n) for n in re.findall(r'<a class="cite__link"[^>]*>(\d+)</a>', html)]
    assert set(shown) <= set(number_of.values())

    # back-links: one per use, each to an id on the page, and every use has one
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), f"{page} repeats an id"
    uses = [i for i in ids if i.startswith("cite-")]
    for key, number in references:
        item = re.search(rf'<li class="references__item" id="ref-{key}".*?</li>', html, re.S).group(0)
        backlinks = re.findall(r'<a class="references__backlink" href="#([^"]+)" aria-label="Back to citation '
                               rf'{number}[a-z]*"', item)
        assert backlinks == [u for u in uses if re.fullmatch(rf"cite-{key}-\d+", u)], key
        assert backlinks, f"{page}: reference {key} has no back-link"


@pytest.mark.parametrize("page", sorted(cited_pages()))
def test_the_references_heading_is_in_the_table_of_contents(built_site, page):
    """Material's table of contents comes from the toc extension: it lists the extension's heading."""
    text = (built_site / url_path(page) / "index.html").read_text(encoding="utf-8")
    toc = re.search(r'<nav class="md-nav md-nav--secondary".*?<div class="md-content"', text, re.S)
    assert toc and re.search(r'<a href="#references" class="md-nav__link">\s*<span class="md-ellipsis">\s*'
                             r'References\s*</span>', toc.group(0)), page
    assert 'class="headerlink" href="#references"' in article(built_site, page)


def test_a_page_that_cites_nothing_has_no_references(built_site):
    assert "sources.md" not in cited_pages()
    assert 'id="references"' not in article(built_site, "sources.md")


def test_no_unresolved_citation_tokens_anywhere(built_site):
    for html_file in built_site.rglob("*.html"):
        assert "\u27e6" not in html_file.read_text(encoding="utf-8"), html_file


def test_sources_page_lists_every_registry_entry_once_under_its_kind(built_site):
    html = article(built_site, "sources.md")
    listed = re.findall(r'id="source-([a-z0-9-]+)"', html)
    assert sorted(listed) == sorted(REGISTRY.keys())
    sections = re.split(r'<h2 id="sources-', html)[1:]
    for section in sections:
        kind = section.split('"', 1)[0]
        for key in re.findall(r'id="source-([a-z0-9-]+)"', section):
            assert REGISTRY[key].kind == kind, key


def test_sources_page_links_each_source_to_the_pages_citing_it(built_site):
    html = article(built_site, "sources.md")
    for key in REGISTRY.keys():
        entry = re.search(rf'id="source-{key}".*?</li>', html, re.S).group(0)
        links = re.findall(r'<a href="([^"]+)">', entry.split("Cited on:")[1]) if "Cited on:" in entry else []
        expected = [f"../{url_path(p)}#ref-{key}".replace("..//", "../") for p in USAGE.pages_citing(key)]
        assert links == expected, key
