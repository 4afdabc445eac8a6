"""Each block renderer, on its own: the Markdown it writes and the HTML Python-Markdown makes of it."""

from __future__ import annotations

import datetime as dt
import re

import markdown
import pytest

from macros.model.cards import CareCard, CareCards
from macros.model.sources import registry_from_document
from macros.citations.markers import marker
from macros.pages.render import format_date, render_block, render_page_data, render_review_data, render_section
from macros.model.reviewers import Reviewer, Reviewers
from macros.core.yamlsource import parse_yaml
from tests.support.registry import DEYO_1988, NHS_BACK_PAIN
from tests.support.registry import SCHEMA_COMMENT as SOURCES_COMMENT

EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "toc"]


_REFERENCE = re.compile(r"&#(\d+);")
_NAMED = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}


def readable(html_text: str) -> str:
    """HTML with content text's numeric character references (``&#46;``) written as characters."""
    return _REFERENCE.sub(lambda m: _NAMED.get(chr(int(m.group(1))), chr(int(m.group(1)))), html_text)


def html(md_text: str) -> str:
    return readable(markdown.markdown(md_text, extensions=EXTENSIONS))


def block(data: dict, level: int = 3, block_id: str = "sec-table-1") -> str:
    return render_block(data, level=level, block_id=block_id)


# --- paragraph ------------------------------------------------------------------------------

def test_paragraph_keeps_markdown_and_ends_with_its_citation_marker():
    out = block({"paragraph": "Pain **at night** needs [checking](red-flags.md#night-pain).",
                 "cite": ["nice-ng234", "nhs-back-pain"]})
    assert out.endswith(marker("nice-ng234", "nhs-back-pain"))
    assert html(out) == ('<p>Pain <strong>at night</strong> needs <a href="red-flags.md#night-pain">checking</a>.'
                         + marker("nice-ng234", "nhs-back-pain") + "</p>")


def test_paragraph_line_breaks_from_yaml_become_spaces():
    out = block({"paragraph": "One line\nand the next\n\nstill one paragraph.", "cite": ["a"]})
    assert html(out) == "<p>One line and the next still one paragraph." + marker("a") + "</p>"


def test_block_without_cite_has_no_marker():
    out = block({"paragraph": "Go to the next page.", "no_citation_needed": "navigation text"})
    assert html(out) == "<p>Go to the next page.</p>"
    assert "\u27e6" not in out


# --- list -----------------------------------------------------------------------------------

def test_list_with_intro_puts_the_marker_after_the_intro():
    out = block({"list": ["weak legs", "numb feet"], "intro": "Watch for:", "cite": ["cruk"]})
    assert out.startswith("Watch for:" + marker('cruk'))
    assert re.search(r"<p>Watch for:.*</p>\s*<ul>\s*<li>weak legs</li>\s*<li>numb feet</li>\s*</ul>", html(out))


def test_list_without_intro_puts_the_marker_after_the_last_item():
    out = block({"list": ["one", "two"], "cite": ["a"]})
    assert out == f"- one\n- two{marker('a')}"


def test_ordered_list_is_numbered():
    out = block({"list": ["first", "second"], "ordered": True, "cite": ["a"]})
    assert "<ol>" in html(out) and out.startswith("1. first\n1. second")


# --- table ----------------------------------------------------------------------------------

TABLE = {
    "table": {
        "caption": "Night pain **compared**",
        "columns": ["Feature", "Common back pain", "Needs checking"],
        "rows": [["Night pain", "eases with rest", "wakes you, see [red flags](red-flags.md#night-pain)"],
                 ["Course", "better in weeks", "keeps getting worse"]],
        "row_headers": True,
    },
    "cite": ["nice-ng234"],
}


def test_table_is_an_accessible_labelled_scroll_region():
    out = html(block(TABLE, block_id="comparison-table-1"))
    region = re.search(r"<div ([^>]*)>\s*<table", out).group(1)
    assert 'role="region"' in region and 'tabindex="0"' in region
    assert 'aria-labelledby="comparison-table-1-caption"' in region
    assert re.search(r'<caption id="comparison-table-1-caption">Night pain <strong>compared</strong>'
                     + re.escape(marker("nice-ng234")) + "</caption>", out)


def test_table_headers_have_scopes_and_cells_keep_markdown():
    out = html(block(TABLE))
    assert re.findall(r'<th scope="col">([^<]*)</th>', out) == ["Feature", "Common back pain", "Needs checking"]
    assert re.findall(r'<th scope="row">([^<]*)</th>', out) == ["Night pain", "Course"]
    assert '<td>wakes you, see <a href="red-flags.md#night-pain">red flags</a></td>' in out
    assert "<p>" not in out  # nothing stray inside the table (a <p> would be pushed out of it)


def test_table_without_row_headers_uses_td_for_first_cell():
    data = {**TABLE, "table": {**TABLE["table"], "row_headers": False}}
    out = html(block(data))
    assert 'scope="row"' not in out
    assert out.count("<td>") == 6


def test_table_class_opts_out_of_materials_unfocusable_wrapper():
    # Material wraps every table:not([class]) in its own scroll box; ours must keep a class.
    assert re.search(r'<table class="[^"]+">', html(block(TABLE)))


# --- care card ------------------------------------------------------------------------------

def cards(**defined: dict) -> CareCards:
    """Care cards as ``content_src/care_cards.yaml`` would define them (``items`` and ``cite`` as lists)."""
    labels = {"emergency": "Emergency", "urgent": "Urgent", "non-urgent": "Non-urgent"}  # content_src/urgent_care.yaml
    return CareCards(cards={card_id: CareCard(card_id, d["level"], d["action"], tuple(d["items"]), d.get("after"),
                                              tuple(d["cite"]), 1, label=labels[d["level"]], audience_label="Everyone")
                            for card_id, d in defined.items()}, numbers=("999",))


@pytest.mark.parametrize("level, label", [("emergency", "Emergency"), ("urgent", "Urgent"),
                                           ("non-urgent", "Non-urgent")])
def test_care_card_heading_is_the_action_with_hidden_urgency(level, label):
    defined = cards(go={"level": level, "action": "Call 999 or go to A&E now if:", "items": ["you cannot walk"],
                        "cite": ["nhs-back-pain"]})
    out = html(render_block({"care_card": "go"}, level=3, block_id="x", cards=defined))
    assert f'<div class="care-card care-card--{level}" data-card="go">' in out
    heading = re.search(r'<h3 class="care-card__heading"[^>]*>(.*?)</h3>', out).group(1)
    assert heading == (f'<span class="visually-hidden">{label}, Everyone:</span> Call <a href="tel:999">999</a> or go '
                       'to A&amp;E now if:')  # the number in the heading calls when tapped
    # the visible label repeats the level and who the card is for, and is hidden from screen readers
    assert (f'<p aria-hidden="true" class="care-card__label">{label} <span class="care-card__who">· Everyone</span></p>'
            in out)
    assert f"<li>you cannot walk{marker('nhs-back-pain')}</li>" in out


def test_care_card_marker_goes_after_the_closing_text_when_there_is_one():
    defined = cards(today={"level": "urgent", "action": "Get help today if:", "items": ["a", "b"],
                           "after": "Say you have had **cancer**.", "cite": ["x"]})
    out = html(render_block({"care_card": "today"}, level=4, block_id="x", cards=defined))
    assert "<h4" in out
    assert f"<p>Say you have had <strong>cancer</strong>.{marker('x')}</p>" in out
    assert "<li>b</li>" in out


def test_care_card_heading_never_goes_below_h6():
    defined = cards(act={"level": "urgent", "action": "Act:", "items": ["a"], "cite": ["x"]})
    assert "<h6" in html(render_block({"care_card": "act"}, level=7, block_id="x", cards=defined))


def test_a_card_placed_on_two_pages_renders_the_same_markdown_on_both():
    defined = cards(now={"level": "emergency", "action": "Call 999 now if:", "items": ["a"], "cite": ["x"]})
    first = render_page_data({"title": "One", "sections": [
        {"id": "s", "heading": "S", "blocks": [{"care_card": "now"}]}]}, defined)
    second = render_page_data({"title": "Two", "intro": [{"paragraph": "Hi.", "cite": ["y"]}], "sections": [
        {"id": "t", "heading": "T", "blocks": [{"paragraph": "P.", "cite": ["y"]}, {"care_card": "now"}]}]}, defined)
    card = render_block({"care_card": "now"}, level=3, block_id="x", cards=defined)
    assert card in first and card in second


# --- callout --------------------------------------------------------------------------------

def test_callout_is_a_material_admonition_with_title():
    data = {"callout": {"type": "warning", "title": "Do not wait", "text": "Get help **today**."}, "cite": ["x"]}
    out = block(data)
    assert out.startswith('!!! warning "Do not wait"\n    Get help <strong>today</strong>.')
    rendered = html(out)
    assert '<div class="admonition warning">' in rendered
    assert '<p class="admonition-title">Do not wait</p>' in rendered


def test_callout_without_title_or_cite():
    out = block({"callout": {"type": "note", "text": "This is a note."}})
    assert out == "!!! note\n    This is a note."


# --- sections, page, review dates -------------------------------------------------------------

def test_section_heading_carries_its_id_and_subsections_go_one_level_deeper():
    section = {"id": "night-pain", "heading": "Pain at night",
               "blocks": [{"paragraph": "Text.", "cite": ["a"]}],
               "sections": [{"id": "why", "heading": "Why it matters",
                             "blocks": [{"paragraph": "More.", "cite": ["b"]}]}]}
    out = render_section(section)
    assert out.startswith("## Pain at night { #night-pain }\n\nText.")
    assert "### Why it matters { #why }" in out
    rendered = html(out)
    assert '<h2 id="night-pain">Pain at night</h2>' in rendered
    assert '<h3 id="why">Why it matters</h3>' in rendered


def test_care_card_in_a_section_is_one_level_below_the_section_heading():
    section = {"id": "emergency", "heading": "Emergency", "blocks": [{"care_card": "now"}]}
    defined = cards(now={"level": "emergency", "action": "Call 999 if:", "items": ["a"], "cite": ["x"]})
    assert re.search(r'<h3 class="care-card__heading"', html(render_section(section, cards=defined)))


def test_page_title_is_the_h1_and_the_intro_comes_before_the_sections():
    data = {"title": "Red flags", "description": "d" * 60,
            "review": {"last_reviewed": "2026-11-22", "next_review_due": "2027-11-22",
                       "checked_against": ["a"], "checked_by": "the editors"},
            "intro": [{"paragraph": "Intro text.", "cite": ["a"]}],
            "sections": [{"id": "s", "heading": "S", "blocks": [{"paragraph": "Body.", "cite": ["b"]}]}]}
    out = render_page_data(data)
    assert out.startswith("# Red flags\n\nIntro text.")
    assert out.index("Intro text") < out.index("## S { #s }") < out.index("Body.")
    assert out.count("# Red flags") == 1


def test_tables_get_ids_unique_within_their_section():
    section = {"id": "compare", "heading": "Compare", "blocks": [TABLE, TABLE]}
    ids = re.findall(r'<caption id="([^"]+)"', html(render_section(section)))
    assert ids == ["compare-table-1-caption", "compare-table-2-caption"]


@pytest.mark.parametrize("iso, shown", [("2026-11-22", "22 November 2026"), ("2027-01-05", "5 January 2027")])
def test_dates_use_the_nhs_day_month_year_style(iso, shown):
    assert format_date(iso) == shown


REGISTRY = registry_from_document(parse_yaml((SOURCES_COMMENT + NHS_BACK_PAIN + DEYO_1988).encode(),
                                               "content_src/sources.yaml"))
REVIEWERS = Reviewers(people={"test-clinician": Reviewer(
    "test-clinician", "Test Clinician", "clinician", ("review", "clinical-sign-off"), 1, "Consultant clinical oncologist")})
REVIEW = {"last_reviewed": "2026-11-22", "next_review_due": "2027-11-22",
          "checked_against": ["nhs-back-pain", "deyo-1988"], "checked_by": "the site's editors (not clinicians)."}


def test_review_dates_say_the_dates_what_the_page_was_checked_against_and_that_no_clinician_has():
    rendered = html(render_review_data(REVIEW, REGISTRY))
    assert "Page last reviewed: 22 November 2026<br" in rendered
    assert "Next review due: 22 November 2027" in rendered
    assert ("How this page was reviewed: checked by the site's editors (not clinicians) against these sources:"
            in rendered)
    assert re.findall(r"<li>(.*?)</li>", rendered) == ["NHS: Back pain", "Deyo RA et al (1988)"]
    assert "A clinician has not reviewed this page yet." in rendered
    assert "sign-off" not in rendered


def test_a_check_that_read_no_source_says_what_it_used():
    review = {k: v for k, v in REVIEW.items() if k != "checked_against"}
    rendered = html(render_review_data({**review, "checked_by": "the editors, against the browser tests"}, REGISTRY))
    assert "How this page was reviewed: checked by the editors, against the browser tests.</p>" in rendered
    assert "<li>" not in rendered


def test_a_clinical_sign_off_is_shown_with_who_when_and_that_it_is_for_this_version():
    review = {**REVIEW, "clinical_sign_off": {"reviewer": "test-clinician", "date": "2026-11-30",
                                              "content_digest": "3f2a9c1d0e4b"}}
    rendered = html(render_review_data(review, REGISTRY, reviewers=REVIEWERS))
    assert ("Clinical sign-off: Test Clinician, Consultant clinical oncologist, on 30 November 2026, "
            "for this version of the page." in rendered)
    assert "has not reviewed" not in rendered


def test_a_page_changed_since_its_review_says_so_and_shows_no_sign_off():
    review = {**REVIEW, "clinical_sign_off": {"reviewer": "test-clinician", "date": "2026-11-30",
                                              "content_digest": "3f2a9c1d0e4b"}}
    rendered = html(render_review_data(review, REGISTRY, changed=True, reviewers=REVIEWERS))
    assert ("Changed since its last review on 22 November 2026. The changes are not reviewed yet.</p>" in rendered)
    assert "Page last reviewed" not in rendered  # never a review date shown as if it covered newer text
    assert "How this page was reviewed on 22 November 2026: checked by" in rendered
    assert "sign-off" not in rendered and "A clinician has not reviewed this version of the page." in rendered


def test_a_changed_page_says_when_it_last_changed_when_that_is_known_and_after_its_review():
    rendered = html(render_review_data(REVIEW, REGISTRY, changed=True, updated=dt.date(2026, 12, 6)))
    assert ("Last updated: 6 December 2026, after its last review on 22 November 2026. "
            "The changes are not reviewed yet.</p>") in rendered
    for updated in (None, dt.date(2026, 11, 1)):  # unknown, or not after the review: no date is claimed
        assert "Last updated" not in html(render_review_data(REVIEW, REGISTRY, changed=True, updated=updated))
    assert "Last updated" not in html(render_review_data(REVIEW, REGISTRY, updated=dt.date(2026, 12, 6)))
