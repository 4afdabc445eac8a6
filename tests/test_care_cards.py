"""Care cards defined once (content_src/care_cards.yaml) and placed by id: what make check refuses, and
how their citations count, without a build. Each mistake is made in a copy of the example site
(tests/fixtures/site), whose one card, emergency-999, its topic page, help page and symptom card place."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros.cli import check
from macros.model.cards import CARDS_PATH, SCHEMA_COMMENT, load_care_cards
from macros.citations.checks import check_citations
from macros.model import site_model
from macros.core.project import Project
from tests.support.sites import REPO, example_site, line_of, replace

PAGE, BANK, REGISTRY = "content_src/pages/red-flags.yaml", "quiz/banks/red-flags.yaml", "content_src/sources.yaml"
PLACED = "      - care_card: emergency-999\n"  # on the topic page, in its nerve signs section (sections[3])
CITE = "  cite: [nhs-back-pain, ec-112, us-911-calling]\n"  # the card's own citations


def see_a_gp(cite: str = "[nhs-back-pain]") -> str:
    """The real site's see-a-gp card (a second card, non-urgent), citing ``cite``."""
    text = (REPO / CARDS_PATH).read_text(encoding="utf-8")
    card = "see-a-gp:\n" + text.split("\nsee-a-gp:\n", 1)[1].split("\n\n", 1)[0] + "\n"
    return re.sub(r"(?m)^  cite: .*$", f"  cite: {cite}", card)


def errors(root: Path | Project) -> list[str]:
    return [p.format() for p in check.run(site_model(Project(root) if isinstance(root, Path) else root))
            if p.is_error]


def append(path: Path, text: str) -> Path:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return path


def test_cards_placed_by_id_pass_every_check(example_project):
    assert errors(example_project) == []
    cards = load_care_cards(Project(example_project))
    assert [c.id for c in cards] == ["emergency-999"]
    assert cards["emergency-999"].line == line_of(example_project / CARDS_PATH, "emergency-999:")
    assert cards["emergency-999"].cite == ("nhs-back-pain", "ec-112", "us-911-calling")


def test_an_unknown_card_id_names_the_nearest_ids(tmp_path):
    page = replace(example_site(tmp_path) / PAGE, PLACED, PLACED.replace("999", "99"))
    assert f"{PAGE}:{line_of(page, 'emergency-99')}:9: error: unknown care card 'emergency-99' (nearest ids: " \
           "emergency-999); use an id defined in content_src/care_cards.yaml or define the card there" in errors(tmp_path)


def test_an_inline_card_on_a_page_is_refused(tmp_path):
    page = replace(example_site(tmp_path) / PAGE, PLACED, PLACED + (
        "      - care_card: {level: urgent, action: 'Get help today if:', items: [a]}\n        cite: [nhs-back-pain]\n"))
    found = errors(tmp_path)
    assert any(m.startswith(f"{PAGE}:{line_of(page, 'care_card: {level')}:9: error: sections[3].blocks[2].care_card: "
                            "a care card is written once, in content_src/care_cards.yaml") for m in found), found


def test_a_card_placed_nowhere_is_an_error_at_its_definition(tmp_path):
    cards = append(example_site(tmp_path) / CARDS_PATH, "\n" + see_a_gp())
    assert errors(tmp_path) == [
        f"content_src/care_cards.yaml:{line_of(cards, 'see-a-gp:')}: error: care card 'see-a-gp' is not placed on any "
        "page; place it with `- care_card: see-a-gp` in a page's blocks, or remove it"]


def test_the_cards_file_needs_its_schema_comment_and_a_valid_shape(tmp_path):
    cards = replace(example_site(tmp_path) / CARDS_PATH, SCHEMA_COMMENT, "# cards")
    replace(cards, "  level: emergency", "  level: soon")
    found = errors(tmp_path)
    assert f"content_src/care_cards.yaml:1: error: line 1 must be `{SCHEMA_COMMENT}` so editors check the cards " \
           "as you type" in found
    assert f"content_src/care_cards.yaml:{line_of(cards, 'level: soon')}:3: error: emergency-999.level: 'soon' is " \
           "not one of 'emergency', 'urgent', 'non-urgent'" in found


def test_a_card_needs_its_own_citation(tmp_path):
    cards = replace(example_site(tmp_path) / CARDS_PATH, CITE, "")
    registry = tmp_path / REGISTRY
    assert errors(tmp_path) == [
        f"content_src/care_cards.yaml:{line_of(cards, 'emergency-999:')}:1: error: emergency-999: 'cite' is required",
        f"content_src/sources.yaml:{line_of(registry, 'ec-112:')}: error: source 'ec-112' is not cited by any page or "
        "question; cite it or remove it",
        f"content_src/sources.yaml:{line_of(registry, 'us-911-calling:')}: error: source 'us-911-calling' is not cited "
        "by any page or question; cite it or remove it"]


def test_a_link_in_a_card_names_the_page_file(tmp_path):
    cards = replace(example_site(tmp_path) / CARDS_PATH, "or your local emergency number.",
                    "or your local emergency number. [More](#help).")
    [message] = errors(tmp_path)
    assert message.startswith(f"content_src/care_cards.yaml:{line_of(cards, '  after: ')}:3: error: link '#help' "
                              "does not point to a page's file")


COPY = "Call 999 or go to A&E today if you have back pain with:"  # the card's action, one word changed


@pytest.mark.parametrize("where", ["page", "bank"])
def test_a_hand_written_copy_of_an_action_that_differs_is_refused(tmp_path, where):
    example_site(tmp_path)
    if where == "page":
        path = replace(tmp_path / PAGE, PLACED, PLACED + f'      - paragraph: "{COPY}"\n        cite: [nhs-back-pain]\n')
        at = f"{PAGE}:{line_of(path, COPY)}:9"
    else:
        path = tmp_path / BANK
        old = next(line for line in path.read_text(encoding="utf-8").splitlines()
                   if line.startswith("    explanation: Weakness, numbness"))
        replace(path, old, "    explanation: Yes. Call 999 or go to A&E if you have back pain with weakness in both legs.")
        at = f"{BANK}:{line_of(path, 'Yes. Call 999 or go to A&E')}:5"
    [message] = [m for m in errors(tmp_path) if "with different words" in m]
    assert message.startswith(f"{at}: error: \"Call 999 or go to A&E")
    assert message.endswith("copies what care card emergency-999 says with different words; "
                            "content_src/care_cards.yaml says: \"Call 999 or go to A&E now if you have back pain "
                            "with:\". Quote the card word for word (or place it with `- care_card: emergency-999`), so "
                            "that changing the card shows every copy")


def test_the_same_action_word_for_word_or_a_short_answer_is_fine(tmp_path):
    replace(example_site(tmp_path) / PAGE, PLACED, PLACED + (
        "      - paragraph: \"Call 999 or go to A&E now if you have back pain with: weakness in both legs. "
        "Call 999 now.\"\n        cite: [nhs-back-pain]\n"))
    assert errors(tmp_path) == []


def test_a_cards_citations_count_as_uses_on_the_pages_that_place_it(example_project):
    model = site_model(Project(example_project))
    usage = model.usages
    line = line_of(example_project / CARDS_PATH, CITE.strip())
    assert {(u.path, u.line, u.key) for u in usage.usages if u.path == CARDS_PATH} == {
        (CARDS_PATH, line, "nhs-back-pain"), (CARDS_PATH, line, "ec-112"), (CARDS_PATH, line, "us-911-calling")}
    placing = [shell.src for shell in model.shells
               if shell.content in model.pages and PLACED.strip() in (example_project / "content_src" / "pages" /
                                                                      f"{shell.content}.yaml").read_text("utf-8")]
    assert len(placing) >= 2
    assert usage.pages_citing("ec-112") == placing  # cited by the card alone: on every page that places it
    assert check_citations(model) == []


def test_a_source_only_an_unplaced_card_cites_is_shown_on_no_page(tmp_path):
    example_site(tmp_path)
    append(tmp_path / CARDS_PATH, "\n" + see_a_gp("[gp-only]"))
    append(tmp_path / REGISTRY, "\ngp-only:\n  kind: webpage\n  title: T\n  publisher: P\n"
                                "  url: https://example.org/gp\n  accessed: 2026-11-22\n")
    model = site_model(Project(tmp_path))
    assert model.usages.pages_citing("gp-only") == []
    assert check_citations(model) == []  # still cited (by the card): the unplaced card is its own error
