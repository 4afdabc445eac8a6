"""Care cards defined once (content_src/care_cards.yaml) and placed by id: what make check refuses, and
how their citations count, without a build."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.cli import check
from macros.model.cards import CARDS_PATH, SCHEMA_COMMENT, load_care_cards
from macros.citations.checks import check_citations
from macros.model import site_model
from macros.core.project import Project
from tests.support.registry import NHS_BACK_PAIN, NICE_NG234
from tests.support.registry import SCHEMA_COMMENT as SOURCES_COMMENT
from tests.support.sites import REPO

CARDS = SCHEMA_COMMENT + """
call-999:
  level: emergency
  action: "Call 999 or go to A&E now if you have back pain with:"
  items: ["weakness in both legs"]
  after: "Outside the UK, call your local emergency number."
  cite: [nhs-back-pain]
  audience: everyone
  services: ["999", a-and-e, local-emergency]
  signs: [limb-nerves]
see-a-gp:
  level: non-urgent
  action: "See a GP if:"
  items: ["the pain is not getting better"]
  cite: [nice-ng234]
  audience: everyone
  services: [gp]
  signs: [not-improving]
"""
POLICY = (REPO / "content_src" / "urgent_care.yaml").read_text(encoding="utf-8")

PAGE_HEAD = """\
# yaml-language-server: $schema=../../macros/schemas/page.schema.json
title: Signs
description: A fixture page that places care cards defined once, so that checks can be tried.
review:
  last_reviewed: "2026-11-22"
  next_review_due: "2027-11-22"
  checked_against: [nhs-back-pain]
  checked_by: the site's editors
sections:
  - id: help
    heading: Get help
    blocks:
"""  # blocks start on line 13

PLACES_BOTH = "      - care_card: call-999\n      - care_card: see-a-gp\n"


def project(tmp_path: Path, blocks: str = PLACES_BOTH, cards: str = CARDS, banks: dict[str, str] | None = None) -> Project:
    files = {
        "content_src/sources.yaml": SOURCES_COMMENT + NHS_BACK_PAIN + NICE_NG234,
        CARDS_PATH: cards,
        "content_src/urgent_care.yaml": POLICY,
        "content_src/pages/signs.yaml": PAGE_HEAD + blocks,
        "docs/signs.md": "{{ page_content() }}\n",
        "docs/index.md": "# Home\n",
        "mkdocs.yml": "site_name: t\nnav:\n  - Home: index.md\n  - Signs: signs.md\n",
        **{f"quiz/banks/{name}.yaml": text for name, text in (banks or {}).items()},
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return Project(tmp_path)


def errors(root: Project) -> list[str]:
    return [p.format() for p in check.run(site_model(root)) if p.is_error]


def test_cards_placed_by_id_pass_every_check(tmp_path):
    root = project(tmp_path)
    assert errors(root) == []
    cards = load_care_cards(root)
    assert [c.id for c in cards] == ["call-999", "see-a-gp"]
    assert cards["call-999"].line == 2 and cards["call-999"].cite == ("nhs-back-pain",)


def test_an_unknown_card_id_names_the_nearest_ids(tmp_path):
    root = project(tmp_path, blocks="      - care_card: call-99\n      - care_card: see-a-gp\n")
    assert "content_src/pages/signs.yaml:13:9: error: unknown care card 'call-99' (nearest ids: call-999); " \
           "use an id defined in content_src/care_cards.yaml or define the card there" in errors(root)


def test_an_inline_card_on_a_page_is_refused(tmp_path):
    root = project(tmp_path, blocks=PLACES_BOTH + (
        "      - care_card: {level: urgent, action: 'Get help today if:', items: [a]}\n        cite: [nhs-back-pain]\n"))
    found = errors(root)
    assert any(m.startswith("content_src/pages/signs.yaml:15:9: error: sections[0].blocks[2].care_card: "
                            "a care card is written once, in content_src/care_cards.yaml") for m in found), found


def test_a_card_placed_nowhere_is_an_error_at_its_definition(tmp_path):
    root = project(tmp_path, blocks="      - care_card: call-999\n")
    assert errors(root) == [
        "content_src/care_cards.yaml:11: error: care card 'see-a-gp' is not placed on any page; place it with "
        "`- care_card: see-a-gp` in a page's blocks, or remove it"]


def test_the_cards_file_needs_its_schema_comment_and_a_valid_shape(tmp_path):
    root = project(tmp_path, cards=CARDS.replace(SCHEMA_COMMENT, "# cards").replace("level: non-urgent", "level: soon"))
    found = errors(root)
    assert f"content_src/care_cards.yaml:1: error: line 1 must be `{SCHEMA_COMMENT}` so editors check the cards " \
           "as you type" in found
    assert "content_src/care_cards.yaml:12:3: error: see-a-gp.level: 'soon' is not one of 'emergency', 'urgent', " \
           "'non-urgent'" in found


def test_a_card_needs_its_own_citation(tmp_path):
    root = project(tmp_path, cards=CARDS.replace("  cite: [nice-ng234]\n", ""))
    assert errors(root) == [
        "content_src/care_cards.yaml:11:1: error: see-a-gp: 'cite' is required",
        "content_src/sources.yaml:8: error: source 'nice-ng234' is not cited by any page or question; cite it or "
        "remove it"]


def test_a_link_in_a_card_names_the_page_file(tmp_path):
    root = project(tmp_path, cards=CARDS.replace("local emergency number.", "local emergency number. [More](#help)."))
    [message] = errors(root)
    assert message.startswith("content_src/care_cards.yaml:6:3: error: link '#help' does not point to a page's file")


@pytest.mark.parametrize("where, text", [
    ("page", "      - paragraph: \"Call 999 or go to A&E today if you have back pain with:\"\n"
             "        cite: [nhs-back-pain]\n"),
    ("bank", None),
])
def test_a_hand_written_copy_of_an_action_that_differs_is_refused(tmp_path, where, text):
    bank = ("# yaml-language-server: $schema=../../macros/schemas/quiz-bank.schema.json\nid: signs\ntitle: Signs\n"
            "review: {last_reviewed: '2026-11-22', next_review_due: '2027-11-22'}\nquestions:\n"
            "  - id: q1\n    type: true_false\n    prompt: Is this an emergency?\n    answer: true\n"
            "    explanation: Yes. Call 999 or go to A&E if you have back pain with weakness in both legs.\n"
            "    sources: [nhs-back-pain]\n    learn_more: signs.md#help\n")
    root = project(tmp_path, blocks=PLACES_BOTH + (text or ""), banks={"signs": bank} if where == "bank" else None)
    [message] = [m for m in errors(root) if "with different words" in m]
    path = "content_src/pages/signs.yaml:15:9" if where == "page" else "quiz/banks/signs.yaml:10:5"
    assert message.startswith(f"{path}: error: \"Call 999 or go to A&E")
    assert message.endswith("copies what care card call-999 says with different words; content_src/care_cards.yaml "
                            "says: \"Call 999 or go to A&E now if you have back pain with:\". Quote the card word for "
                            "word (or place it with `- care_card: call-999`), so that changing the card shows every "
                            "copy")


def test_the_same_action_word_for_word_or_a_short_answer_is_fine(tmp_path):
    root = project(tmp_path, blocks=PLACES_BOTH + (
        "      - paragraph: \"Call 999 or go to A&E now if you have back pain with: weakness in both legs. "
        "Call 999 now.\"\n        cite: [nhs-back-pain]\n"))
    assert errors(root) == []


def test_a_cards_citations_count_as_uses_on_the_pages_that_place_it(tmp_path):
    root = project(tmp_path, blocks="      - care_card: call-999\n      - care_card: see-a-gp\n")
    usage = site_model(root).usages
    assert {(u.path, u.line, u.key) for u in usage.usages} == {
        (CARDS_PATH, 7, "nhs-back-pain"), (CARDS_PATH, 15, "nice-ng234")}
    assert usage.pages_citing("nhs-back-pain") == ["signs.md"]
    assert usage.citing_pages() == {"nhs-back-pain": ["signs.md"], "nice-ng234": ["signs.md"]}
    assert check_citations(site_model(root)) == []


def test_a_source_only_an_unplaced_card_cites_is_shown_on_no_page(tmp_path):
    root = project(tmp_path, blocks="      - care_card: call-999\n")
    assert site_model(root).usages.pages_citing("nice-ng234") == []
    assert check_citations(site_model(root)) == []  # still cited (by the card): the unplaced card is its own error
