"""make check rules for citations, without a build: duplicates, where keys are used, unknown and unused keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.citations.checks import check_citations
from macros.rules import RULES, problems, unknown_source_keys
from macros.model.sources import REGISTRY_PATH, registry_from_document
from macros.model.index import Usage
from macros.model.site import site_model
from macros.core.project import Project
from macros.core.yamlsource import parse_yaml
from tests.support.sites import example_site, line_of, replace


def entry(key: str, **fields) -> str:
    fields = {"kind": "webpage", "title": "T", "publisher": "P", "url": f"https://example.org/{key}",
              "accessed": "2026-11-22", **fields}
    return f"{key}:\n" + "".join(f"  {k}: {v}\n" for k, v in fields.items())


def article(key: str, **fields) -> str:
    base = {"kind": "journal-article", "authors": "[Deyo RA]", "journal": "J Gen Intern Med", "year": 1988}
    return f"{key}:\n" + "".join(f"  {k}: {v}\n" for k, v in {**base, **fields, "title": "T"}.items())


CITATION_RULES = [rule for rule in RULES if rule.check in (check_citations, unknown_source_keys)]


def checked(model) -> list:
    """What make check says of citations: the registry's own problems (the model's, which
    ``macros.rules.content_kinds`` reports) and the citation rules' (unknown keys, unused entries)."""
    return sorted(set(model.kind_problems("sources")) | set(problems(model, rules=CITATION_RULES)))


def problems_of(text: str) -> list[str]:
    return [p.format() for p in registry_from_document(parse_yaml(text.encode(), REGISTRY_PATH)).problems]


# --- duplicates --------------------------------------------------------------------------------

@pytest.mark.parametrize("first, second, same", [
    ({"url": "https://www.nhs.uk/conditions/back-pain/"}, {"url": "http://nhs.uk/conditions/back-pain"},
     "URL https://nhs.uk/conditions/back-pain"),
    ({"url": "https://www.nhs.uk/conditions/back-pain/"},
     {"url": "https://nhs.uk:443/conditions/back-pain?utm_source=newsletter#urgent"},
     "URL https://nhs.uk/conditions/back-pain"),
    ({"url": "https://example.org/page?b=2&a=1"}, {"url": "https://EXAMPLE.org/page/?a=1&b=2"},
     "URL https://example.org/page?a=1&b=2"),
])
def test_duplicate_urls_name_both_keys_and_lines(first, second, same):
    text = entry("first-key", **first) + entry("second-key", **second)
    assert problems_of(text) == [
        f"content_src/sources.yaml:7: error: duplicate source: 'second-key' (line 7) and 'first-key' (line 1) "
        f"are the same source ({same}); keep one entry and cite its key"]


def test_meaningful_parameter_makes_a_different_source():
    text = entry("one", url="https://example.org/page?id=3") + entry("two", url="https://example.org/page?id=4")
    assert problems_of(text) == []


@pytest.mark.parametrize("second, same", [
    ({"doi": "10.1007/bf02596337"}, "DOI 10.1007/bf02596337"),
    ({"url": "https://doi.org/10.1007/BF02596337", "accessed": "2026-11-22"}, "DOI 10.1007/bf02596337"),
    ({"pmid": "'2967893'"}, "PMID 2967893"),
    ({"url": "https://www.ncbi.nlm.nih.gov/pubmed/2967893", "accessed": "2026-11-22"}, "PMID 2967893"),
    ({"url": "https://pubmed.ncbi.nlm.nih.gov/2967893/", "accessed": "2026-11-22"}, "PMID 2967893"),
])
def test_duplicate_identifiers_in_any_spelling(second, same):
    text = article("deyo-1988", doi="10.1007/BF02596337", pmid=2967893) + article("deyo-diehl", **second)
    found = problems_of(text)
    assert found == [
        f"content_src/sources.yaml:9: error: duplicate source: 'deyo-diehl' (line 9) and 'deyo-1988' (line 1) "
        f"are the same source ({same}); keep one entry and cite its key"]


def test_pmcid_duplicates_and_every_shared_identifier_is_named_once_per_pair():
    text = (article("shah-2011", pmid=22312523, pmcid="PMC3263660")
            + article("shah-salzman", pmid=22312523, url="https://pmc.ncbi.nlm.nih.gov/articles/PMC3263660/",
                      accessed="2026-11-22"))
    assert problems_of(text) == [
        "content_src/sources.yaml:9: error: duplicate source: 'shah-salzman' (line 9) and 'shah-2011' (line 1) "
        "are the same source (PMID 22312523; PMC id PMC3263660); keep one entry and cite its key"]


def test_three_entries_for_one_source_give_two_problems():
    text = entry("a", url="https://x.org/p") + entry("b", url="https://www.x.org/p/") + entry("c", url="http://x.org/p")
    found = problems_of(text)
    assert len(found) == 2
    assert "'b' (line 7) and 'a' (line 1)" in found[0] and "'c' (line 13) and 'a' (line 1)" in found[1]


def test_an_entry_whose_url_is_its_own_pubmed_page_is_not_a_duplicate_of_itself():
    assert problems_of(article("one", pmid=7607970, url="https://pubmed.ncbi.nlm.nih.gov/7607970/",
                               accessed="2026-11-22")) == []


# --- usage index ------------------------------------------------------------------------------

def make_project(root: Path, files: dict[str, str]) -> Project:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return Project(root)


PAGE_YAML = """\
# yaml-language-server: $schema=../../macros/schemas/page.schema.json
title: Red flags
sections:
  - id: night-pain
    heading: Pain at night
    blocks:
      - paragraph: Text.
        cite: [nice-ng234, nhs-back-pain]
    sections:
      - id: deeper
        heading: Deeper
        blocks:
          - list: [a, b]
            cite:
              - deyo-1988
"""

BANK_YAML = """\
id: red-flags
questions:
  - id: q1
    sources: [nhs-back-pain]
"""


def test_usage_index_finds_every_use_with_its_line(tmp_path):
    project = make_project(tmp_path, {
        "content_src/pages/red-flags.yaml": PAGE_YAML,
        "quiz/banks/red-flags.yaml": BANK_YAML,
        "docs/red-flags.md": "---\ntitle: Red flags\n---\n\n{{ page_content() }}\n",
        "docs/about.md": "# About us\n\nSee {{ cite(\"nice-qs56\") }} and\n{{ cite('a-one',  \"b-two\") }}.\n",
        "docs/quiz.md": "# Quiz\n\n{{ quiz_index() }}\n",
        "docs/index.md": "# Home\n",
    })
    index = site_model(project).usages
    assert index.usages == sorted([
        Usage("content_src/pages/red-flags.yaml", 8, "nice-ng234", 16),
        Usage("content_src/pages/red-flags.yaml", 8, "nhs-back-pain", 28),
        Usage("content_src/pages/red-flags.yaml", 15, "deyo-1988", 17),
        Usage("docs/about.md", 3, "nice-qs56", 13),
        Usage("docs/about.md", 4, "a-one", 9),
        Usage("docs/about.md", 4, "b-two", 19),
        Usage("quiz/banks/red-flags.yaml", 4, "nhs-back-pain", 15),
    ])
    assert index.pages_citing("nhs-back-pain") == ["red-flags.md"]  # the quiz page lists the bank, showing none of it
    assert index.pages_citing("deyo-1988") == ["red-flags.md"]
    assert index.pages_citing("nice-qs56") == ["about.md"]
    assert index.pages_citing("never-cited") == []
    assert index.titles == {"about.md": "About us", "index.md": "Home", "quiz.md": "Quiz", "red-flags.md": "Red flags"}


def test_pages_are_named_and_ordered_as_in_the_nav(tmp_path):
    project = make_project(tmp_path, {
        "docs/index.md": "# Welcome\n{{ cite('a') }}\n",
        "docs/red-flags.md": "# Red flags in detail\n{{ cite('a') }}\n",
        "docs/about.md": "# About us\n{{ cite('a') }}\n",
        "docs/zebra.md": "# Zebra\n{{ cite('a') }}\n",
    })
    nav = [{"Home": "index.md"}, {"Topics": [{"Warning signs": "red-flags.md"}]}, "about.md"]  # as builders parse it
    index = site_model(project, nav).usages
    assert index.pages_citing("a") == ["index.md", "red-flags.md", "about.md", "zebra.md"]
    assert index.titles == {"index.md": "Home", "red-flags.md": "Warning signs", "about.md": "About us",
                            "zebra.md": "Zebra"}


def test_a_content_file_no_page_shows_cites_on_no_page(tmp_path):
    project = make_project(tmp_path, {"content_src/pages/red-flags.yaml": PAGE_YAML, "docs/index.md": "# Home\n"})
    index = site_model(project).usages
    assert "deyo-1988" in index.keys()
    assert index.pages_citing("deyo-1988") == []


@pytest.mark.parametrize("markdown, title", [
    ("---\ntitle: From front matter\n---\n# Heading\n", "From front matter"),
    ("# First heading\n\n## Second\n", "First heading"),
    ("No heading\n", "Red flags"),
    ("# {{ macro() }}\n", "Red flags"),
])
def test_page_title(tmp_path, markdown, title):
    project = make_project(tmp_path, {"docs/red-flags.md": markdown})
    assert site_model(project).shell("red-flags.md").title == title


# --- unknown and unused keys --------------------------------------------------------------------

def test_check_reports_unknown_keys_where_used_and_unused_entries_where_defined(tmp_path):
    example_site(tmp_path)
    page, registry = tmp_path / "content_src/pages/red-flags.yaml", tmp_path / REGISTRY_PATH
    replace(page, "cite: [deyo-1988, downie-2013]", "cite: [deyo-1989, downie-2013]")
    registry.write_text(registry.read_text(encoding="utf-8") + "\n" + entry("never-cited"), encoding="utf-8")
    (tmp_path / "docs" / "about.md").write_text("# About\n\n{{ cite(\"nhs-bakc-pain\") }}\n", encoding="utf-8")
    assert [p.format() for p in checked(site_model(Project(tmp_path)))] == [
        f"content_src/pages/red-flags.yaml:{line_of(page, 'deyo-1989')}:16: error: unknown source key 'deyo-1989' "
        "(nearest existing keys: deyo-1988); add the source to content_src/sources.yaml or fix the key",
        f"content_src/sources.yaml:{line_of(registry, 'never-cited:')}: error: source 'never-cited' is not cited by "
        "any page or question; cite it or remove it",
        "docs/about.md:3:9: error: unknown source key 'nhs-bakc-pain' (nearest existing keys: nhs-back-pain); "
        "add the source to content_src/sources.yaml or fix the key",
    ]


def test_a_source_cited_only_by_a_quiz_question_is_used(tmp_path):
    example_site(tmp_path)
    registry = tmp_path / REGISTRY_PATH
    registry.write_text(registry.read_text(encoding="utf-8") + "\n" + entry("quiz-only"), encoding="utf-8")
    replace(tmp_path / "quiz/banks/red-flags.yaml", "sources: [downie-2013, henschke-2013]",
            "sources: [downie-2013, henschke-2013, quiz-only]")
    assert checked(site_model(Project(tmp_path))) == []


def test_unknown_key_without_any_similar_key(tmp_path):
    project = make_project(tmp_path, {REGISTRY_PATH: entry("nhs-back-pain"),
                                      "docs/index.md": "# Home\n{{ cite('nhs-back-pain') }}{{ cite('zzz') }}\n"})
    assert [p.message for p in checked(site_model(project))] == [
        "unknown source key 'zzz' (no similar key exists); add the source to content_src/sources.yaml or fix the key"]


def test_no_registry_and_no_citations_is_fine(tmp_path):
    project = make_project(tmp_path, {"docs/index.md": "# Home\n"})
    assert checked(site_model(project)) == []


def test_schema_problems_and_duplicates_come_through_the_check(tmp_path):
    project = make_project(tmp_path, {
        REGISTRY_PATH: entry("a", url="https://x.org/p") + entry("b", url="https://www.x.org/p/", year="soon"),
        "docs/index.md": "# Home\n{{ cite('a', 'b') }}\n",
    })
    assert [p.format() for p in checked(site_model(project))] == [
        "content_src/sources.yaml:7: error: duplicate source: 'b' (line 7) and 'a' (line 1) are the same source "
        "(URL https://x.org/p); keep one entry and cite its key",
        "content_src/sources.yaml:13:3: error: b.year: expected a whole number, found text",
    ]
