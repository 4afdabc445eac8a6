"""The real built site: each care card is one definition, shown the same on every page that places it."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from macros.model.cards import load_care_cards
from macros.model.index import placements
from macros.core.project import Project
from tests.support.pages import most_placed_card, pages_placing
from tests.support.sites import REPO, real_model

PROJECT = Project(REPO)
CARD_RE = re.compile(r'<div class="care-card care-card--[a-z-]+" data-card="([a-z0-9-]+)">.*?</div>\s*</div>', re.S)
CITE_RE = re.compile(r'<sup class="cite">.*?</sup>', re.S)


def url_path(slug: str) -> str:
    """The URL of the page that shows ``content_src/pages/<slug>.yaml``."""
    [shell] = real_model().shells_showing_content(slug)
    return shell.url


def comparable(card_html: str, page_url: str) -> str:
    """The card's HTML with what must differ between pages made the same: a link's relative address
    (resolved against the page's own address) and a citation's number on that page (the keys it cites)."""
    card_html = CITE_RE.sub(lambda m: "[cite " + ",".join(cited_keys(m.group(0))) + "]", card_html)
    return re.sub(r'href="([^"#][^"]*)"', lambda m: f'href="{urljoin("/" + page_url, m.group(1))}"', card_html)


def cited_keys(marker_html: str) -> list[str]:
    """The keys a citation marker cites, in key order: the linked numbers and, inside a range such as
    [1–5], the sources between its ends (anchors without a link). Numbers differ between pages; keys do not."""
    linked = re.findall(r'href="#ref-([^"]+)"', marker_html)
    inside_ranges = re.findall(r'class="cite__anchor" id="cite-(.+?)-\d+"', marker_html)
    return sorted(set(linked + inside_ranges))


def shown_cards(built_site, slug: str) -> dict[str, list[str]]:
    page = (built_site / url_path(slug) / "index.html").read_text(encoding="utf-8")
    found: dict[str, list[str]] = {}
    for match in CARD_RE.finditer(page):
        found.setdefault(match.group(1), []).append(comparable(match.group(0), url_path(slug)))
    return found


def test_every_card_is_shown_where_it_is_placed_and_reads_the_same_on_every_page(built_site):
    placed = placements(PROJECT)
    assert {p.card_id for p in placed} == {c.id for c in load_care_cards(PROJECT)}
    versions: dict[str, set[str]] = {}
    for slug in sorted({p.slug for p in placed}):
        shown = shown_cards(built_site, slug)
        expected = [p.card_id for p in placed if p.slug == slug]
        assert sorted(card for card, copies in shown.items() for _ in copies) == sorted(expected), slug
        for card, copies in shown.items():
            versions.setdefault(card, set()).update(copies)
    assert all(len(copies) == 1 for copies in versions.values()), {k: len(v) for k, v in versions.items()}


def test_the_card_placed_on_most_pages_is_identical_on_each(built_site):
    card_id = most_placed_card()
    slugs = [shell.content for shell in pages_placing(card_id)]
    assert len(slugs) >= 2, (card_id, slugs)  # a card shared by pages is what this compares
    shown = {slug: shown_cards(built_site, slug).get(card_id) for slug in slugs}
    assert all(shown.values()), shown
    [one] = {copy for copies in shown.values() for copy in copies}
    card = load_care_cards(PROJECT)[card_id]
    heading = card.action.replace("&", "&amp;")
    for number in load_care_cards(PROJECT).numbers:  # the heading's numbers call when tapped
        heading = re.sub(rf"(?<![\w>]){number}(?![\w<])", f'<a href="tel:{number}">{number}</a>', heading)
    assert heading in one
    assert all(f"<li>{item}</li>" in one or f"<li>{item}<sup" in one for item in card.items)
    assert f"[cite {','.join(sorted(card.cite))}]" in one
