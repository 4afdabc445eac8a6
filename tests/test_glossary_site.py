"""The real built site: /glossary/ lists every entry under its own anchor with a citation, and each topic
page links the first use of its terms there, never inside a heading, a link or a care card."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from macros.model.glossary import load_glossary
from tests.support.sites import real_model

MODEL = real_model()
GLOSSARY = load_glossary(MODEL.project)
TOPIC_PAGES = [s.url for s in MODEL.shells if s.is_topic_page]
LINK_RE = re.compile(r'href="(?:\.\./)+glossary/#([a-z0-9-]+)"')


class Places(HTMLParser):
    """Every link into the glossary, with the elements it sits in."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, str]] = []
        self.links: list[tuple[str, tuple[str, ...]]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":
            match = LINK_RE.search(f'href="{attrs.get("href", "")}"')
            if match:
                self.links.append((match.group(1), tuple(t for t, _ in self.open) + tuple(c for _, c in self.open)))
        if tag not in ("br", "img", "input", "meta", "link", "hr", "source", "wbr"):
            self.open.append((tag, attrs.get("class") or ""))

    def handle_endtag(self, tag):
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                del self.open[i:]
                break


def html(built_site, url: str) -> str:
    return (built_site / url / "index.html").read_text(encoding="utf-8")


def test_there_are_topic_pages_to_link():
    assert len(TOPIC_PAGES) >= 4 and "quiz/" not in TOPIC_PAGES


def test_the_glossary_lists_at_least_20_terms_a_to_z_each_cited(built_site):
    page = html(built_site, "glossary/")
    article = page[page.index("<article"):page.index("</article>")]
    ids = re.findall(r'<h3 id="([a-z0-9-]+)"', article)
    assert len(ids) >= 20 and set(ids) == {t.id for t in GLOSSARY}
    assert ids == [t.id for t in GLOSSARY.sorted_terms()]
    for term_id, entry in zip(ids, re.split(r'<h3 id="[a-z0-9-]+"', article)[1:]):
        entry = re.split(r"<h2", entry)[0]
        assert 'class="cite"' in entry, f"{term_id} has no citation marker"
    assert 'id="references"' in page or "References" in page


def test_sources_names_the_glossary_for_each_source_it_cites(built_site):
    """/sources/ says where each source is cited: the glossary's sources list it under its own title."""
    glossary_shell = next(s for s in MODEL.shells if s.calls_named("glossary_list"))
    title = MODEL.pages[glossary_shell.content].title
    page = html(built_site, "sources/")
    for key in {k for term in GLOSSARY for k in term.cite}:
        entry = re.search(rf'id="source-{re.escape(key)}".*?</li>', page, re.S)
        assert entry, key
        assert f'href="../{glossary_shell.url}#ref-{key}">{title}</a>' in entry.group(0), key


@pytest.mark.parametrize("url", TOPIC_PAGES)
def test_each_topic_page_links_first_uses_into_the_glossary_once_and_never_in_headings(built_site, url):
    parser = Places()
    parser.feed(html(built_site, url))
    linked = [term_id for term_id, _ in parser.links]
    assert linked, f"{url} links nothing into the glossary"
    assert len(linked) == len(set(linked)), f"{url} links a term twice: {linked}"
    assert set(linked) <= {t.id for t in GLOSSARY}
    for term_id, inside in parser.links:
        assert not {"h1", "h2", "h3", "h4", "h5", "h6", "code"} & set(inside), (url, term_id, inside)
        assert not any("care-card" in c for c in inside), (url, term_id, inside)


def test_pages_that_are_not_topic_pages_link_nothing_into_the_glossary(built_site):
    for url in ("", "quiz/", "glossary/", "privacy/"):
        parser = Places()
        parser.feed(html(built_site, url))
        assert parser.links == [], url
