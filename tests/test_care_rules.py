"""The rules that hold care cards to the urgent care policy (content_src/urgent_care.yaml), in make check: each
rule refuses several kinds of mistake at the line an editor fixes, with one message for one mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.cli import check
from macros.core.problems import ContentError
from macros.core.project import Project
from macros.model import site_model
from macros.model.pages import load_page
from macros.cards.rules import drifted_copy, numbers_in
from macros.model.cards import CARDS_PATH, SCHEMA_COMMENT, load_care_cards
from macros.model.urgent_care import load_policy
from tests.support.registry import NHS_BACK_PAIN, NICE_NG234
from tests.support.registry import SCHEMA_COMMENT as SOURCES_COMMENT
from tests.support.sites import REPO

BANK = ("# yaml-language-server: $schema=../../macros/schemas/quiz-bank.schema.json\nid: signs\ntitle: Signs\n"
        "review: {last_reviewed: '2026-11-22', next_review_due: '2027-11-22'}\nquestions:\n"
        "  - id: q1\n    type: single\n    prompt: Sam has weakness in both legs. What should Sam do?\n"
        "    options:\n"
        "      - text: {option}\n        correct: true\n        feedback: Right.\n"
        "      - text: Wait and see\n        feedback: No.\n"
        "      - text: Rest in bed\n        feedback: No.\n"
        "    explanation: Weakness in both legs is an emergency.\n"
        "    sources: [nhs-back-pain]\n    learn_more: signs.md#help\n")  # the option is on line 10

CANCER_CARD = """\
cancer-now:
  level: emergency
  action: "Call your cancer team's 24-hour number now if you have:"
  items: ["weakness in your legs"]
  cite: [nhs-back-pain]
  audience: had-cancer
  services: [cancer-team-line]
  signs: [limb-nerves]
"""  # starts on line 18 of the cards file
RELATION = """\
  relation:
    to: [call-999]
    text: "These signs are on the 999 card too. Call your 24-hour number first, and 999 if you cannot get through at once."
"""


def _registered() -> str:
    from macros.core.project import Project
    from tests.support.sites import REPO
    return ", ".join(load_policy(Project(REPO)).numbers)  # the fixtures copy the real policy file


REGISTERED = _registered()


# The rules' cases edit the exact words of this purpose-built pair of cards (an emergency one and a non-urgent one,
# as the rules compare levels), placed on one page (the example site has one real card; tests/test_care_cards.py
# uses it).
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



def errors(root) -> list[str]:
    return [p.format() for p in check.run(site_model(root)) if p.is_error]


def card_errors(tmp_path, cards: str, blocks: str = PLACES_BOTH) -> list[str]:
    return [m for m in errors(project(tmp_path, blocks=blocks, cards=cards)) if m.startswith("content_src/care_cards")]


def test_the_fixture_cards_and_the_real_cards_keep_every_rule(tmp_path):
    assert errors(project(tmp_path)) == []
    from macros.core.project import Project
    from tests.support.sites import REPO
    real = Project(REPO)
    from tests.support.sites import real_model
    assert real_model().card_rule_problems == ()  # make check holds the real content to every rule
    cards, policy = load_care_cards(real), load_policy(real)
    assert {c.level for c in cards} == set(policy.levels) and all(c.services and c.signs for c in cards)


# --- a card's services are ones its level may send a reader to (a relabelled card) ---------------------------

@pytest.mark.parametrize("cards, line, sent", [
    (CARDS.replace("level: emergency", "level: non-urgent"), 3, "999, A&E, your local emergency number"),
    (CARDS.replace("level: emergency", "level: urgent"), 3, "999, A&E, your local emergency number"),
    (CARDS.replace("level: non-urgent", "level: emergency"), 12, "a GP"),
    (CARDS.replace('services: ["999", a-and-e, local-emergency]', 'services: ["999", a-and-e, local-emergency, gp]'),
     3, "a GP"),
])
def test_a_card_sent_where_its_level_may_not_send_a_reader_is_refused(tmp_path, cards, line, sent):
    [message] = card_errors(tmp_path, cards)
    assert message.startswith(f"content_src/care_cards.yaml:{line}:3: error: this ")
    assert f"card sends the reader to {sent}, which " in message
    assert "change the card's level, or its services and action" in message


# --- the action names the card's services ---------------------------------------------------------------------

@pytest.mark.parametrize("action, expected", [
    ("Get help now if you have back pain with:", "the action names none of the card's services"),
    ("Call 911 now if you have back pain with:", "the action names none of the card's services"),
    ("Call 999, go to A&E or call your 24-hour number now if you have back pain with:",
     "the action names your cancer team's 24-hour number, which is not among the card's services"),
])
def test_an_action_that_does_not_name_its_services_is_refused(tmp_path, action, expected):
    cards = CARDS.replace("Call 999 or go to A&E now if you have back pain with:", action)
    [message] = card_errors(tmp_path, cards)
    assert message.startswith(f"content_src/care_cards.yaml:4:3: error: {expected}")


# --- an emergency card never sends to a slower service, never says there is no need to call -------------------

@pytest.mark.parametrize("after, expected", [
    ("If it is not too bad, see a GP instead.", "a emergency card must not send the reader to a slower service: a GP"),
    ("Or call NHS 111 for advice.", "slower service: NHS 111"),
    ("You usually do not need to call 999.", 'must never say "do not need to call"'),
    ("If the pain is mild it can wait until tomorrow.", 'must never say "can wait"'),
    ("Call your local emergency number in the next few weeks.", '"few weeks" is a time for less urgent help'),
])
def test_an_emergency_after_line_that_sends_slower_or_stands_down_is_refused(tmp_path, after, expected):
    cards = CARDS.replace("Outside the UK, call your local emergency number.", after)
    [message] = card_errors(tmp_path, cards)
    assert message.startswith("content_src/care_cards.yaml:6:3: error: "), message
    assert expected.replace("a emergency", "an emergency") in message.replace("a emergency", "an emergency")


def test_an_emergency_action_reworded_to_a_slower_service_is_refused(tmp_path):
    cards = CARDS.replace("Call 999 or go to A&E now if you have back pain with:", "See a GP in the next few weeks if:")
    [message] = card_errors(tmp_path, cards)
    assert message.startswith("content_src/care_cards.yaml:4:3: error: the action names none of the card's services")


# --- a non-urgent card never names 999 --------------------------------------------------------------------------

@pytest.mark.parametrize("text, where", [
    ('  after: "If it gets worse, call 999."\n', "15:3"),
    ('  after: "If you cannot wait, go to A&E."\n', "15:3"),
    ('  after: "In the USA, call 911 instead."\n', "15:3"),
])
def test_a_non_urgent_card_that_names_an_emergency_service_is_refused(tmp_path, text, where):
    cards = CARDS.replace('  items: ["the pain is not getting better"]\n',
                          '  items: ["the pain is not getting better"]\n' + text)
    [message] = card_errors(tmp_path, cards)
    assert message.startswith(f"content_src/care_cards.yaml:{where}: error: a non-urgent card must never name ")
    assert "if these signs need it, the card's level is wrong" in message


# --- a card for a narrower audience sharing signs with one for everyone says how they relate --------------------

@pytest.mark.parametrize("extra, line", [
    ("", 26),                                                  # no relation at all: at its signs
    (RELATION.replace("to: [call-999]", "to: [see-a-gp]"), 27),  # a relation, but not to the card it overlaps
])
def test_overlapping_cards_with_no_relation_stated_are_refused(tmp_path, extra, line):
    blocks = PLACES_BOTH + "      - care_card: cancer-now\n"
    messages = card_errors(tmp_path, CARDS + CANCER_CARD + extra, blocks)
    assert len(messages) == 1, messages
    assert messages[0].startswith(f"content_src/care_cards.yaml:{line}:3: error: this card is for 'had-cancer' and "
                                  "shares signs (limb-nerves) with card call-999, which is for 'everyone'")


def test_overlapping_cards_that_state_their_relation_pass_and_show_it(tmp_path):
    blocks = PLACES_BOTH + "      - care_card: cancer-now\n"
    root = project(tmp_path, blocks=blocks, cards=CARDS + CANCER_CARD + RELATION)
    assert errors(root) == []
    assert load_care_cards(root)["cancer-now"].relation.to == ("call-999",)


def test_cards_with_no_shared_sign_need_no_relation(tmp_path):
    blocks = PLACES_BOTH + "      - care_card: cancer-now\n"
    assert errors(project(tmp_path, blocks=blocks,
                          cards=CARDS + CANCER_CARD.replace("signs: [limb-nerves]", "signs: [new-pain]"))) == []


# --- every number in any text is a registered service's number -------------------------------------------------

@pytest.mark.parametrize("paragraph, number", [
    ("If you are in Australia, call 000.", "000"),
    ("Ring the helpline on 0800 123 4567 for advice.", "0800 123 4567"),
    ("For advice, phone 101 at any time.", "101"),
    ("The support line is 0808 000 1234 and it is free.", "0808 000 1234"),
])
def test_an_unknown_number_in_page_text_is_refused(tmp_path, paragraph, number):
    blocks = PLACES_BOTH + f'      - paragraph: "{paragraph}"\n        cite: [nhs-back-pain]\n'
    [message] = errors(project(tmp_path, blocks=blocks))
    assert message.startswith(f"content_src/pages/signs.yaml:15:9: error: {number} is not the number of a service "
                              f"in content_src/urgent_care.yaml ({REGISTERED})")


def test_an_unknown_number_in_a_card_or_a_quiz_is_refused(tmp_path):
    cards = CARDS.replace("Outside the UK, call your local emergency number.", "In Australia, call 000.")
    [message] = card_errors(tmp_path, cards)
    assert message.startswith("content_src/care_cards.yaml:6:3: error: 000 is not the number of a service")
    root = project(tmp_path / "bank", banks={"signs": BANK.replace("{option}", "Call 118 118 now")})
    assert [m[:58] for m in errors(root)] == ["quiz/banks/signs.yaml:10:9: error: 118 118 is not the numb"]


def test_registered_numbers_and_other_figures_are_not_phone_numbers():
    assert numbers_in("Call 999 or NHS 111. 84 in 100 people; within 24 hours; 37.5°C; in 2026.") == ["999"]
    assert numbers_in("[111](tel:111) and the Macmillan line, 0808 808 00 00") == ["0808 808 00 00", "111"]


# --- a quiz option or explanation that quotes a card quotes it word for word ---------------------------------

@pytest.mark.parametrize("option", [
    "Call 999 or go to A&E today",             # the card says now
    "Call 999 or go to the GP now",            # a different service
    "Call 999 and go to A&E now if you have back pain",   # one word changed
])
def test_a_quiz_option_that_copies_a_card_with_other_words_is_refused(tmp_path, option):
    root = project(tmp_path, banks={"signs": BANK.replace("{option}", option)})
    [message] = errors(root)
    assert message.startswith(f'quiz/banks/signs.yaml:10:9: error: "{option}" copies what care card call-999 says '
                              'with different words; content_src/care_cards.yaml says: "Call 999 or go to A&E now if '
                              'you have back pain with:"')


def test_rewording_a_card_shows_every_old_copy_in_the_quiz(tmp_path):
    option = "Call 999 or go to A&E now"                                    # a partial quote: fine
    assert errors(project(tmp_path / "a", banks={"signs": BANK.replace("{option}", option)})) == []
    reworded = CARDS.replace("Call 999 or go to A&E now if", "Phone 999 or go to A&E now if")
    root = project(tmp_path / "b", cards=reworded, banks={"signs": BANK.replace("{option}", option)})
    [message] = errors(root)
    assert message.startswith('quiz/banks/signs.yaml:10:9: error: "Call 999 or go to A&E now" copies what care card '
                              'call-999 says with different words')


def test_quotes_told_of_someone_else_or_with_a_same_level_time_word_are_quotes():
    from macros.core.project import Project
    from tests.support.sites import REPO
    real = Project(REPO)
    cards, policy = load_care_cards(real), load_policy(real)
    assert drifted_copy("Call her cancer team's 24-hour number now.", cards, policy) is None
    assert drifted_copy("Go to A&E straight away.", cards, policy) is None
    assert drifted_copy("Call your cancer team's 24-hour number tomorrow morning.", cards, policy) is not None


# --- one set of level labels: a heading over cards says its level's label --------------------------------------

@pytest.mark.parametrize("heading", ["Soon: see a GP", "Routine: see a GP", "Urgent: see a GP"])
def test_a_heading_over_cards_that_names_the_urgency_in_other_words_is_refused(tmp_path, heading):
    root = project(tmp_path)
    page = root.root / "content_src/pages/signs.yaml"
    page.write_text(page.read_text().replace("heading: Get help",
                                             f'heading: "Emergency: call 999"\n  - id: gp\n    heading: "{heading}"\n'
                                             "    blocks:\n      - care_card: see-a-gp\n"
                                             "    # end").replace("      - care_card: see-a-gp\n", "", 1))
    page.write_text(page.read_text().replace("    # end\n    blocks:\n      - care_card: call-999\n", "")
                    .replace('heading: "Emergency: call 999"\n', 'heading: "Emergency: call 999"\n    blocks:\n'
                             "      - care_card: call-999\n", 1))
    found = errors(Project_reload(root))
    word = heading.split(":")[0]
    assert any(m.endswith(f'"{word}:" names an urgency in other words than the card below it: say "Non-urgent:", '
                          "the label of non-urgent cards everywhere on the site (levels.non-urgent.label in "
                          "content_src/urgent_care.yaml)") for m in found), found
    assert len(found) == 1, found


def Project_reload(root):
    from macros.core.project import Project
    return Project(root.root)


# --- the help box is complete ----------------------------------------------------------------------------------

def test_a_help_box_line_cut_off_is_refused(tmp_path):
    cards = CARDS.replace('  signs: [limb-nerves]\n', '  signs: [limb-nerves]\n  summary:\n'
                          '    action: "Call 999 or go to A&E now"\n    signs: "weakness in both legs\u2026"\n')
    [message] = card_errors(tmp_path, cards)
    assert message.startswith("content_src/care_cards.yaml:13:5: error: the help box shows this line whole")


# --- the build refuses a card that breaks a card rule: no page shows it ----------------------------------------

@pytest.mark.parametrize("cards", [
    CARDS.replace("level: emergency", "level: non-urgent"),                                   # relabelled
    CARDS.replace("Outside the UK, call your local emergency number.", "You usually do not need to call 999."),
])
def test_the_build_refuses_every_page_while_a_card_breaks_a_rule(tmp_path, cards):
    root = project(tmp_path, cards=cards)
    with pytest.raises(ContentError) as refused:
        load_page(site_model(root), "signs")
    assert [p.path for p in refused.value.problems] == ["content_src/care_cards.yaml"]
    assert load_page(site_model(project(tmp_path / "fine")), "signs").slug == "signs"
