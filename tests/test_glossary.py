"""The glossary (content_src/glossary.yaml) without a build: what its loader refuses, how the first-use
linker matches, that its links stay inside the one escaping text path, and what make check says."""

from __future__ import annotations

from pathlib import Path

from macros.rules import build_errors
from macros.cli import check
from macros.model.cards import CareCard, CareCards
from macros.glossary.linker import FirstUse
from macros.model.glossary import GLOSSARY_PATH, SCHEMA_COMMENT, load_glossary
from macros.model.site import site_model
from macros.pages.render import render_page_data
from macros.core.project import Project
from tests.support.sites import example_site, line_of, replace

TERMS = SCHEMA_COMMENT + """
terms:
  - id: mri-scan
    term: MRI scan
    also: [MRI, magnetic resonance imaging]
    definition: "A scan that uses a magnet to make pictures."
    cite: [nice-cg75]
  - id: spinal-cord
    term: Spinal cord
    definition: "The nerves inside the spine."
    cite: [nhs-back-pain]
  - id: spinal-cord-compression
    term: Spinal cord compression
    also: [MSCC]
    definition: "When something presses on the spinal cord."
    cite: [nice-cg75, nhs-back-pain]
"""


def project(tmp_path: Path, glossary: str = TERMS) -> Project:
    """The example site with ``glossary`` as its glossary (the linker's tests need these three terms)."""
    (example_site(tmp_path) / GLOSSARY_PATH).write_text(glossary, encoding="utf-8")
    return Project(tmp_path)


def messages(tmp_path: Path, glossary: str) -> list[str]:
    return [p.format() for p in load_glossary(project(tmp_path, glossary)).problems]


def test_terms_load_with_their_lines_forms_and_citations(tmp_path):
    glossary = load_glossary(project(tmp_path))
    assert glossary.problems == []
    assert [(t.id, t.line) for t in glossary] == [("mri-scan", 3), ("spinal-cord", 8), ("spinal-cord-compression", 12)]
    assert glossary.terms[0].forms == ("MRI scan", "MRI", "magnetic resonance imaging")
    assert glossary.terms[2].cite == ("nice-cg75", "nhs-back-pain")


def test_the_model_registers_the_glossary_as_a_content_kind(tmp_path):
    model = site_model(project(tmp_path))
    assert [t.id for t in model.kind("glossary")][:1] == ["mri-scan"]
    assert [f.name for f in model.kind_files("glossary")] == ["glossary.yaml"]


def test_an_id_used_twice_is_an_error_at_the_second(tmp_path):
    twice = TERMS + '  - id: spinal-cord\n    term: Spinal nerve\n    definition: "Again."\n    cite: [nhs-back-pain]\n'
    assert messages(tmp_path, twice) == [
        "content_src/glossary.yaml:17:5: error: glossary id 'spinal-cord' is already used by the entry at line 8; "
        "give each entry its own id, or merge the two entries"]


def test_a_synonym_claimed_by_two_entries_is_an_error_whatever_its_case(tmp_path):
    twice = TERMS + ('  - id: scan\n    term: Scan\n    also: [mri]\n    definition: "A picture."\n'
                     '    cite: [nhs-back-pain]\n')
    assert messages(tmp_path, twice) == [
        "content_src/glossary.yaml:19:12: error: 'mri' is defined twice: entry 'mri-scan' (line 3) already has it; "
        "keep it in one entry"]


def test_an_unknown_citation_key_is_an_error_at_its_line(tmp_path):
    """The citation check's own message, as for a page's misspelt key; the build stops on it first."""
    text = TERMS.replace("cite: [nhs-back-pain]\n  - id: spinal-cord-compression", "cite: [nhs-backpain]\n  - id: spinal-cord-compression")
    expected = ("content_src/glossary.yaml:11:12: error: unknown source key 'nhs-backpain' (nearest existing keys: "
                "nhs-back-pain); add the source to content_src/sources.yaml or fix the key")
    assert [p.format() for p in build_errors(site_model(project(tmp_path, text)))] == [expected]
    assert messages(tmp_path / "again", text) == []  # said once: not again by the glossary's own loader


def test_a_source_only_the_glossary_cites_is_used(tmp_path):
    from macros.citations.checks import check_citations

    example_site(tmp_path)
    registry = tmp_path / "content_src" / "sources.yaml"
    entry = "  kind: webpage\n  title: T\n  publisher: P\n  url: https://example.org/{}\n  accessed: 2026-11-22\n"
    registry.write_text(registry.read_text(encoding="utf-8") + "".join(
        f"\n{key}:\n" + entry.format(key) for key in ("glossary-only", "never-cited")), encoding="utf-8")
    replace(tmp_path / GLOSSARY_PATH, "cite: [cruk-spinal-cord-compression]", "cite: [glossary-only]")
    found = [p.format() for p in check_citations(site_model(Project(tmp_path)))]
    # glossary-only, cited by the glossary alone, counts as used; never-cited, cited by nothing, does not
    assert [m.split(": error: ")[1] for m in found] == [
        "source 'never-cited' is not cited by any page or question; cite it or remove it"], found


def test_an_entry_without_a_citation_and_a_missing_schema_line_are_errors(tmp_path):
    text = TERMS.replace(SCHEMA_COMMENT, "# a glossary").replace("    cite: [nice-cg75]\n  - id: spinal-cord\n", "  - id: spinal-cord\n")
    found = messages(tmp_path, text)
    assert any(m.startswith("content_src/glossary.yaml:1: error: line 1 must be") for m in found), found
    assert any(m.startswith("content_src/glossary.yaml:3:") and "cite" in m for m in found), found


def linker(tmp_path: Path, src: str = "signs.md"):
    return FirstUse(load_glossary(project(tmp_path)), src)


def test_first_use_links_whole_words_once_in_any_case_longest_first(tmp_path):
    terms = linker(tmp_path)
    assert terms.split("Cord compression is rare. An mri (MRI) shows Spinal Cord Compression and the spinal cord.") == [
        ("Cord compression is rare. An ", None), ("mri", "glossary.md#mri-scan"),
        (" (MRI) shows ", None), ("Spinal Cord Compression", "glossary.md#spinal-cord-compression"),
        (" and the ", None), ("spinal cord", "glossary.md#spinal-cord"), (".", None)]
    assert terms.split("MSCC and the MRI scans and a spinal cordless one") == [("MSCC and the MRI scans and a spinal cordless one", None)]
    assert terms.linked == ["mri-scan", "spinal-cord-compression", "spinal-cord"]


def test_a_use_with_a_number_in_it_is_left_for_the_phone_link(tmp_path):
    terms = FirstUse(load_glossary(project(tmp_path, TERMS + (
        '  - id: nhs-111\n    term: NHS 111\n    definition: "A phone line."\n    cite: [nhs-back-pain]\n'))), "a.md")
    assert terms.split("Call NHS 111 for an MRI.") == [("Call NHS 111 for an ", None), ("MRI", "glossary.md#mri-scan"), (".", None)]


def test_links_point_to_the_glossary_from_a_page_in_a_folder(tmp_path):
    assert linker(tmp_path, "help/signs.md").split("MRI") == [("MRI", "../glossary.md#mri-scan")]


PAGE = {
    "title": "Signs of spinal cord compression",
    "description": "d",
    "intro": [{"paragraph": "An [MRI](red-flags.md) or `MRI` first. Then an MRI <b>&amp;</b> spinal cord."}],
    "sections": [{"id": "mri", "heading": "Spinal cord and MRI", "blocks": [
        {"care_card": "call"},
        {"list": ["MSCC is an emergency", "MSCC again"], "intro": "What the spinal cord does:"}]}],
}
CARDS = CareCards(cards={"call": CareCard("call", "emergency", "Call 999 for MSCC:", ("MSCC in both legs",), None, ("nhs-back-pain",), 1)})


def test_rendering_links_first_uses_outside_headings_links_code_and_care_cards(tmp_path):
    terms = linker(tmp_path)
    out = render_page_data(PAGE, CARDS, terms=terms)
    heading_lines = [line for line in out.splitlines() if line.startswith("#")]
    assert heading_lines and not any("glossary.md" in line for line in heading_lines), heading_lines
    intro = out.split("\n\n")[1]
    # the existing link and the code keep their own text; the next plain "MRI" is the first use
    assert intro.startswith("An [MRI](red-flags.md) or <code>MRI</code> first. Then an [MRI](glossary.md#mri-scan) ")
    assert "&lt;b&gt;&amp;&lt;/b&gt; [spinal cord](glossary.md#spinal-cord)." in intro  # text stays escaped
    card = out[out.index('data-card="call"'):out.index("What the")]
    assert "glossary.md" not in card
    assert "[MSCC](glossary.md#spinal-cord-compression) is an emergency" in out
    assert out.count("glossary.md#spinal-cord-compression") == 1 and out.count("glossary.md#mri-scan") == 1
    assert terms.linked == ["mri-scan", "spinal-cord", "spinal-cord-compression"]


def test_rendering_without_a_linker_links_nothing(tmp_path):
    assert "glossary.md" not in render_page_data(PAGE, CARDS)


def test_make_check_warns_of_an_entry_no_topic_page_uses_and_reports_a_duplicate(tmp_path):
    root = example_site(tmp_path / "site")
    path = root / GLOSSARY_PATH
    text = path.read_text(encoding="utf-8")
    path.write_text(text + (
        '  - id: zygapophysis\n    term: Zygapophysis\n    definition: "A joint."\n    cite: [nhs-back-pain]\n'), encoding="utf-8")
    lines = text.count("\n")
    found = [p.format() for p in check.run(site_model(Project(root)))]
    assert f"content_src/glossary.yaml:{lines + 1}: warning: glossary entry 'zygapophysis' is used on no topic page " \
           "(none of Zygapophysis appears outside headings and care cards); check its spelling, add a form the pages " \
           "use, or remove it" in found
    assert not [m for m in found if "glossary" in m and ": error:" in m], found
    path.write_text(text + '  - id: sign\n    term: Sign\n    also: [Warning sign]\n    definition: "A clue."\n'
                           '    cite: [nhs-back-pain]\n', encoding="utf-8")
    found = [p.format() for p in check.run(site_model(Project(root))) if p.is_error]
    assert f"content_src/glossary.yaml:{lines + 3}:12: error: 'Warning sign' is defined twice: entry 'red-flag' " \
           f"(line {line_of(path, '- id: red-flag')}" in "".join(found)


def test_make_check_refuses_glossary_links_to_a_glossary_page_the_site_lacks(tmp_path):
    """The build would stop on the pages' links to docs/glossary.md; make check says why, once, at the entry."""
    root = example_site(tmp_path / "site")
    (root / "docs" / "glossary.md").unlink()
    (root / "content_src" / "pages" / "glossary.yaml").unlink()
    replace(root / "mkdocs.yml", "  /glossary.md\n", "")
    home = root / "content_src" / "pages" / "index.yaml"
    home.write_text("".join(line for line in home.read_text(encoding="utf-8").splitlines(keepends=True)
                            if "(glossary.md)" not in line), encoding="utf-8")
    found = [p.format() for p in check.run(site_model(Project(root))) if p.is_error]
    assert found == [f"content_src/glossary.yaml:{line_of(root / GLOSSARY_PATH, '- id: spinal-cord')}: error: the pages "
                     "use glossary entries (first 'spinal-cord') and link them to docs/glossary.md, which does not exist: "
                     "add that page (docs/glossary.md and content_src/pages/glossary.yaml) or remove the entries"], found


def test_a_page_whose_shell_is_missing_gives_no_glossary_message(tmp_path):
    """Which terms the pages use is not known while a page file has no page: the glossary's check waits for the
    page file's one error to be fixed, so no entry that page uses is said to be unused (nor, when the missing shell
    is the glossary page's own, are the pages said to link to a glossary page the site lacks)."""
    for shell in ("red-flags.md", "glossary.md"):
        root = example_site(tmp_path / shell)
        (root / "docs" / shell).unlink()
        found = [p.format() for p in check.run(site_model(Project(root))) if "symbolic link" not in p.message]
        assert [line for line in found if ": error: " in line or "glossary" in line] == [
            f"content_src/pages/{shell[:-3]}.yaml:1: error: no page shows this file; create docs/{shell} containing "
            "{{ page_content() }} and list it in mkdocs.yml's nav"], found
