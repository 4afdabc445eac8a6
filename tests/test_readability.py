"""Readability: what text is scored, the numbers, the report make check prints and its warnings."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import textstat

from macros.citations.markers import marker
from macros.model.pages import page_slugs
from macros.core.project import Project
from macros.model import site_model
from tests.support.sites import REPO
from macros.editorial.readability import page_scores, TARGET_GRADE, as_sentence, check_readability, plain_text, report, score_page, scoring_text, sentences
from macros.model.walk import texts
from macros.core.yamlsource import parse_yaml
from tests.support.sites import REPO

PAGE = """\
title: Extraordinarily complicated considerations
description: A page used to test readability scoring of content pages in make check.
review:
  last_reviewed: 2026-11-01
  next_review_due: 2027-11-01
  checked_against: [nhs-back-pain]
  checked_by: the site's editors
sections:
  - id: plain
    heading: Pain at night
    blocks:
      - paragraph: "Most back pain is not serious. It gets better in a few weeks. See [a GP](help.md#gp) if it does not."
        cite: [a]
      - list: ["weak legs", "numb feet"]
        intro: "Get help now if you have:"
        cite: [a]
"""

HARD = PAGE.replace(
    "Most back pain is not serious. It gets better in a few weeks. See [a GP](help.md#gp) if it does not.",
    "Metastatic epidural spinal cord compression necessitates immediate multidisciplinary evaluation, "
    "comprehensive neurological examination, and expeditious magnetic resonance imaging of the entire "
    "vertebral column, considering that deterioration frequently progresses irreversibly. "
    "Corticosteroid administration, radiotherapeutic intervention and decompressive surgical stabilisation "
    "constitute established therapeutic modalities. Prognostication incorporates ambulatory status. "
    "Multidisciplinary deliberation determines individualised management.")


def doc(text: str):
    return parse_yaml(text.encode(), "content_src/pages/p.yaml")


def test_plain_text_drops_markdown_links_html_and_citation_markers():
    raw = f"See **a GP** or [NHS 111](https://111.nhs.uk/) <em>today</em>.{marker('nhs-back-pain')} A&amp;E `now`."
    assert plain_text(raw) == "See a GP or NHS 111 today. A&E now."


def test_headings_and_list_items_end_with_a_full_stop():
    assert as_sentence("Call 999 or go to A&E now if:") == "Call 999 or go to A&E now if."
    assert as_sentence("weak legs") == "weak legs."
    assert as_sentence("Is it cancer?") == "Is it cancer?"


def test_sentences_split_at_full_stops_before_capitals_and_digits():
    assert sentences("It hurts. 9 in 10 people. Doctors, e.g. GPs, can help. Why?") == [
        "It hurts.", "9 in 10 people.", "Doctors, e.g. GPs, can help.", "Why?"]


def test_scored_text_is_the_body_without_the_title():
    body = scoring_text(texts(doc(PAGE).data))
    assert body == ("Pain at night. Most back pain is not serious. It gets better in a few weeks. See a GP if it does "
                    "not. Get help now if you have. weak legs. numb feet.")
    assert "Extraordinarily" not in body


def test_scores_are_textstats_numbers_for_that_text():
    score = score_page(doc(PAGE), "p")
    body = scoring_text(texts(doc(PAGE).data))
    assert score.fk_grade == textstat.flesch_kincaid_grade(body)
    assert score.smog == textstat.smog_index(body)
    assert (score.words, score.sentences) == (textstat.lexicon_count(body), textstat.sentence_count(body))
    assert score.words == 33 and score.over_target == []
    assert score.line == 1


def test_hard_text_is_over_target_and_its_long_sentences_and_paragraphs_are_listed():
    score = score_page(doc(HARD), "p")
    assert score.fk_grade > TARGET_GRADE and score.smog > TARGET_GRADE
    assert score.over_target == ["Flesch-Kincaid grade", "SMOG"]
    assert score.long_sentences[0][:2] == (12, 28)
    assert score.long_sentences[0][2].startswith("Metastatic epidural spinal cord compression")
    assert score.long_paragraphs == [(12, 4)]


def _project(tmp_path: Path, pages: dict[str, str]) -> Project:
    (tmp_path / "content_src" / "pages").mkdir(parents=True)
    for slug, text in pages.items():
        (tmp_path / "content_src" / "pages" / f"{slug}.yaml").write_text(text, encoding="utf-8")
    return Project(tmp_path)


def test_report_is_a_table_with_a_row_per_page_and_the_long_sentences(tmp_path):
    lines = report(site_model(_project(tmp_path, {"easy": PAGE, "hard": HARD})))
    assert lines[0].startswith("Readability of each page's body text (textstat 0.7.3; target: grade 9 or lower")
    assert re.fullmatch(r"  page\s+words\s+sentences\s+FK grade\s+SMOG\s+target", lines[1])
    assert re.fullmatch(r"  easy\s+33\s+\d+\s+-?\d+\.\d\s+\d+\.\d\s+met", lines[2])
    assert re.fullmatch(r"  hard\s+\d+\s+\d+\s+\d+\.\d\s+\d+\.\d\s+over \(Flesch-Kincaid grade, SMOG\)", lines[3])
    assert lines[4].startswith('  content_src/pages/hard.yaml:12: sentence of 28 words (aim for 20 or fewer): '
                               '"Metastatic epidural')
    assert "content_src/pages/hard.yaml:12: paragraph of 4 sentences (aim for 3 or fewer)" in lines[-2]


def test_over_target_page_is_a_warning_at_its_title_line(tmp_path):
    [problem] = [p for p in check_readability(site_model(_project(tmp_path, {"easy": PAGE, "hard": HARD})))
                 if p.message.startswith("readability:")]
    assert re.fullmatch(
        r"content_src/pages/hard\.yaml:1: warning: readability: Flesch-Kincaid grade \d+\.\d and SMOG \d+\.\d "
        r"above the target of grade 9; use shorter sentences and plainer words \(the readability report lists "
        r"the longest sentences\)", problem.format())


def test_a_stub_page_is_a_warning_at_its_title_line(tmp_path):
    problems = [p.format() for p in check_readability(site_model(_project(tmp_path, {"easy": PAGE})))]
    assert problems == ["content_src/pages/easy.yaml:1: warning: the page's body text has 33 words; a page needs at "
                        "least 100 to say what a reader needs (or fold it into another page)"]
    longer = PAGE.replace("if it does not.", "if it does not. " + "Rest a little, then keep moving each day. " * 10)
    assert list(check_readability(site_model(_project(tmp_path / "longer", {"easy": longer})))) == []
    framing = PAGE[: PAGE.index("sections:")] + "intro:\n  - paragraph: Every question on the site, by topic.\n"
    assert list(check_readability(site_model(_project(tmp_path / "framing", {"quiz": framing})))) == []


CARDS = """\
# yaml-language-server: $schema=../macros/schemas/care-cards.schema.json
call-now:
  level: emergency
  action: "Call 999 now if you have back pain with:"
  items: ["weakness or numbness in both legs", "trouble peeing, or you cannot control when you pee or poo",
          "numbness around your bottom or genitals", "chest pain, or pain after a serious accident"]
  after: "In the European Union, call 112. In the USA and Canada, call 911. Anywhere else, call your local number."
  cite: [a]
  audience: everyone
  services: ["999"]
  signs: [limb-nerves]
"""


def test_the_cards_a_page_places_count_towards_its_length(tmp_path):
    """A page of care cards is what its reader reads: not a stub, though the cards' words are not in its file."""
    cards = PAGE.replace("        cite: [a]\n", "        cite: [a]\n      - care_card: call-now\n", 1)
    cards = cards.replace("      - care_card: call-now\n", "      - care_card: call-now\n" * 2, 1)
    project = _project(tmp_path, {"cards": cards})
    (tmp_path / "content_src" / "care_cards.yaml").write_text(CARDS, encoding="utf-8")
    (tmp_path / "content_src" / "urgent_care.yaml").write_bytes((REPO / "content_src" / "urgent_care.yaml").read_bytes())
    [score] = [s for s in page_scores(site_model(project)) if s.slug == "cards"]
    assert (score.words, score.card_words) == (33, 2 * 59)  # each placement is read; the cards file's own row scores it once
    assert list(check_readability(site_model(project))) == []
    unknown = _project(tmp_path / "unknown", {"cards": cards.replace("call-now", "no-such-card")})
    (tmp_path / "unknown" / "content_src" / "care_cards.yaml").write_text(CARDS, encoding="utf-8")
    assert [p.message.split(";")[0] for p in check_readability(site_model(unknown))] == ["the page's body text has 33 words"]


def test_make_check_prints_a_score_for_every_real_page():
    result = subprocess.run([sys.executable, "-m", "macros.cli.check"], cwd=REPO, capture_output=True, text=True,
                            timeout=300)
    out = result.stdout
    assert "Readability of each page's body text" in out
    slugs = page_slugs(Project(REPO))
    assert slugs
    for slug in slugs:
        row = re.search(rf"^  {re.escape(slug)}\s+(\d+)\s+(\d+)\s+(-?\d+\.\d)\s+(\d+\.\d)\s+(met|over .*)$", out, re.M)
        assert row, f"no readability row for {slug}:\n{out}"
    # the report comes before the problems and their count
    assert out.index("Readability") < out.index(" error")
