"""Numbering one page's citations with the Markdown extension alone (no builder): order, reuse, groups,
References, back-links."""

from __future__ import annotations

import re

import markdown
import pytest

from macros.citations import cite, references
from macros.citations.markers import marker
from macros.model.sources import REGISTRY_PATH, registry_from_document
from macros.markdown import CitationsExtension
from macros.citations.resolve import CitationError, UnknownSourceError, letters, number_runs
from macros.citations.sources_list import sources_list_markdown
from macros.model.index import Usage, UsageIndex
from macros.core.yamlsource import parse_yaml

KEYS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"]


def make_registry(keys=KEYS):
    text = "".join(f"{k}:\n  kind: webpage\n  title: Title {k}\n  publisher: Pub {k}\n  url: https://example.org/{k}\n"
                   f"  accessed: 2026-11-22\n" for k in keys)
    registry = registry_from_document(parse_yaml(text.encode(), REGISTRY_PATH))
    assert registry.problems == []
    return registry


REGISTRY = make_registry()
EXTENSIONS = ["attr_list", "md_in_html", "toc"]  # those of mkdocs.yml that citations meet


def resolve_page(text: str, registry=REGISTRY) -> str:
    """The page as HTML, converted with the citations extension as the builders run it."""
    return markdown.markdown(text, extensions=[*EXTENSIONS, CitationsExtension(registry=registry)])


def markers_in(page: str) -> list[str]:
    """Each marker as its visible text, e.g. ['[1]', '[1, 3]', '[2–4]'] (the brackets are the stylesheet's,
    citations.css: ``.cite::before`` and ``::after``, silent for screen readers)."""
    found = []
    for sup in re.findall(r'<sup class="cite">(.*?)</sup>', page):
        visible = re.sub(r"<[^>]+>", "", sup)
        found.append("[" + visible.replace("&#8211;", "–") + "]")
    return found


def reference_order(page: str) -> list[str]:
    return re.findall(r'<li class="references__item" id="ref-([a-z0-9-]+)"', page)


def test_numbers_follow_first_use_and_repeat_uses_keep_their_number():
    page = resolve_page(f"A{cite('charlie')} B{cite('alpha')} C{cite('charlie')} D{cite('bravo')}\n")
    assert markers_in(page) == ["[1]", "[2]", "[1]", "[3]"]
    assert reference_order(page) == ["charlie", "alpha", "bravo"]


def test_a_group_is_one_marker_sorted_with_runs_collapsed():
    text = (f"a{cite('alpha')} b{cite('bravo')} c{cite('charlie')} d{cite('delta')} "
            f"x{cite('delta', 'alpha')} y{cite('charlie', 'alpha', 'bravo')} z{cite('alpha', 'bravo')} "
            f"w{cite('echo', 'bravo', 'delta', 'charlie', 'alpha')}\n")
    assert markers_in(resolve_page(text)) == [
        "[1]", "[2]", "[3]", "[4]", "[1, 4]", "[1–3]", "[1, 2]", "[1–5]"]


def test_new_sources_in_a_group_are_numbered_in_the_order_listed():
    page = resolve_page(f"x{cite('delta', 'bravo')} y{cite('alpha')}\n")
    assert markers_in(page) == ["[1, 2]", "[3]"]
    assert reference_order(page) == ["delta", "bravo", "alpha"]


def test_each_number_links_to_its_reference_with_a_unique_id_and_a_tooltip():
    page = resolve_page(f"x{cite('alpha', 'bravo')} y{cite('alpha')}\n")
    # the accessible name starts with the visible number and names the source (site.js copies the source into
    # the title Material's tooltip shows, so the page carries it once)
    links = re.findall(r'<a class="cite__link" id="([^"]+)" href="([^"]+)" aria-label="([^"]+)">(\d+)</a>', page)
    assert links == [
        ("cite-alpha-1", "#ref-alpha", "Source 1: Pub alpha. Title alpha.", "1"),
        ("cite-bravo-1", "#ref-bravo", "Source 2: Pub bravo. Title bravo.", "2"),
        ("cite-alpha-2", "#ref-alpha", "Source 1: Pub alpha. Title alpha.", "1"),
    ]
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))


def test_sources_hidden_inside_a_range_still_have_a_back_link_target():
    page = resolve_page(f"x{cite('alpha', 'bravo', 'charlie')}\n")
    assert '<span class="cite__anchor" id="cite-bravo-1"></span>' in page
    assert 'href="#cite-bravo-1"' in page


def test_back_links_one_caret_for_one_use_letters_for_several():
    page = resolve_page(f"x{cite('alpha')} y{cite('bravo')} z{cite('alpha')} w{cite('alpha', 'bravo')}\n")
    alpha = re.search(r'<li class="references__item" id="ref-alpha".*?</li>', page).group(0)
    assert re.findall(r'href="(#cite-alpha-\d)" aria-label="([^"]+)"><sup>(\w)</sup>', alpha) == [
        ("#cite-alpha-1", "Back to citation 1a", "a"),
        ("#cite-alpha-2", "Back to citation 1b", "b"),
        ("#cite-alpha-3", "Back to citation 1c", "c"),
    ]
    page = resolve_page(f"x{cite('charlie')}\n")
    assert '<a class="references__backlink" href="#cite-charlie-1" aria-label="Back to citation 1">^</a>' in page


def test_every_back_link_points_at_an_id_on_the_page():
    page = resolve_page(f"x{cite('alpha', 'bravo', 'charlie', 'delta')} y{cite('charlie')}\n{references()}\n")
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    targets = re.findall(r'href="#([^"]+)"', page)
    assert targets and all(t in ids for t in targets)


def test_references_go_where_references_was_called():
    page = resolve_page(f"# T\n\nx{cite('alpha')}\n\n{references()}\n\n## After\n\nMore.\n")
    assert page.index('<h2 id="references">References') < page.index('<h2 id="after">After')
    assert "\u27e6" not in page


def test_references_go_at_the_end_otherwise():
    page = resolve_page(f"# T\n\nx{cite('alpha')}\n\n## Last\n\nText.\n")
    assert page.index('<h2 id="last">Last') < page.index('<h2 id="references">References')
    assert page.rstrip().endswith("</ol>")


def test_a_page_without_citations_gets_no_references_section():
    text = f"# T\n\nNo sources here.\n\n{references()}\n"
    page = resolve_page(text)
    assert "References" not in page and "\u27e6" not in page
    assert page == markdown.markdown("# T\n\nNo sources here.\n", extensions=EXTENSIONS)
    assert resolve_page("# Plain\n") == markdown.markdown("# Plain\n", extensions=EXTENSIONS)


def test_a_page_with_two_references_sections_fails():
    with pytest.raises(CitationError, match=r"references\(\) is used 2 times"):
        resolve_page(f"x{cite('alpha')}\n{references()}\n{references()}\n")


def test_unknown_key_names_the_page_the_key_and_the_nearest_keys():
    with pytest.raises(UnknownSourceError) as caught:
        resolve_page(f"x{cite('alpha')} y{cite('brav0', 'zulu-zulu')}\n")
    assert str(caught.value) == (  # a builder names the page too (tests/test_citations_build.py)
        "unknown source key 'brav0' (nearest existing keys: bravo); unknown source key "
        "'zulu-zulu' (no similar key exists); add the source to content_src/sources.yaml or fix the key")


def test_a_key_listed_twice_in_one_group_counts_once():
    page = resolve_page(f"x{cite('alpha', 'alpha')}\n")
    assert markers_in(page) == ["[1]"]
    assert "cite-alpha-2" not in page


def test_resolution_is_pure_pages_do_not_share_numbers():
    first = resolve_page(f"x{cite('delta')}\n")
    second = resolve_page(f"x{cite('alpha')} y{cite('delta')}\n")
    assert markers_in(first) == ["[1]"] and markers_in(second) == ["[1]", "[2]"]
    assert resolve_page(f"x{cite('delta')}\n") == first


def test_markers_from_other_renderers_are_resolved_too():
    """Content and quiz renderers call marker() directly; cite() is the same token."""
    assert cite("alpha", "bravo") == marker("alpha", "bravo")
    page = resolve_page(f"<div markdown>\nExplanation.{marker('bravo')}\n</div>\n")
    assert markers_in(page) == ["[1]"]


@pytest.mark.parametrize("n, label", [(1, "a"), (2, "b"), (26, "z"), (27, "aa"), (28, "ab"), (52, "az"), (53, "ba")])
def test_letters(n, label):
    assert letters(n) == label


def test_number_runs():
    assert number_runs([5, 1, 3, 2]) == [[1, 2, 3], [5]]
    assert number_runs([4, 4, 2]) == [[2], [4]]


def test_sources_list_groups_by_kind_links_citing_pages_and_gives_ids():
    text = ("guide:\n  kind: guideline\n  title: G\n  publisher: NICE\n  url: https://example.org/g\n"
            "  accessed: 2026-11-22\n"
            "paper:\n  kind: journal-article\n  title: P\n  authors: [Deyo RA]\n  journal: J\n  year: 1988\n  pmid: 1\n"
            "page:\n  kind: webpage\n  title: W\n  publisher: NHS\n  url: https://example.org/w\n  accessed: 2026-11-22\n")
    registry = registry_from_document(parse_yaml(text.encode(), REGISTRY_PATH))
    usage = UsageIndex(
        usages=[Usage("content_src/pages/red-flags.yaml", 3, "guide"), Usage("docs/about.md", 2, "guide"),
                Usage("quiz/banks/red-flags.yaml", 4, "paper")],
        pages_by_file={"content_src/pages/red-flags.yaml": ["red-flags.md"], "docs/about.md": ["about.md"],
                       "quiz/banks/red-flags.yaml": ["quiz.md", "red-flags.md"]},
        titles={"red-flags.md": "Red flags", "about.md": "About *this* site", "quiz.md": "Quiz"})
    md = sources_list_markdown(registry, usage, "sources.md")
    headings = re.findall(r"^## (.+)$", md, re.M)
    assert headings == ["Guidelines { #sources-guideline }", "Web pages { #sources-webpage }",
                        "Journal articles { #sources-journal-article }"]
    assert all(f'id="source-{key}"' in md for key in ("guide", "paper", "page"))
    assert "Cited on: [About &#42;this&#42; site](about.md#ref-guide), [Red flags](red-flags.md#ref-guide)" in md
    assert "Cited on: [Quiz](quiz.md#ref-paper), [Red flags](red-flags.md#ref-paper)" in md
    assert "Not cited on any page yet." in md
    nested = sources_list_markdown(registry, usage, "help/sources.md")
    assert "[Red flags](../red-flags.md#ref-guide)" in nested


@pytest.mark.parametrize("keys, message", [
    ((), "cite() needs at least one source key"),
    (("NICE-NG234",), "invalid source key 'NICE-NG234'"),
    (("nice ng234",), "invalid source key 'nice ng234'"),
])
def test_cite_rejects_malformed_keys_at_once(keys, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        cite(*keys)
