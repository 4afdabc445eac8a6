"""Phone numbers a reader may need become tel: links wherever running text names them, and nowhere else."""

from __future__ import annotations

import pytest

from macros.model import site_model
from macros.citations.markers import marker
from macros.model.urgent_care import load_policy
from macros.cards.phones import link_phone_numbers
from macros.core.project import Project
from tests.support.sites import REPO

NUMBERS = ("999", "111", "112", "911")


@pytest.mark.parametrize("text, linked", [
    ("Call 999 or go to A&E.", "Call [999](tel:999) or go to A&E."),
    ("**UK:** 999. For urgent help, call NHS 111.", "**UK:** [999](tel:999). For urgent help, call NHS [111](tel:111)."),
    ("- **European Union:** 112.", "- **European Union:** [112](tel:112)."),
    ("In the USA, call 911.\n", "In the USA, call [911](tel:911).\n"),
])
def test_numbers_in_running_text_are_linked(text, linked):
    assert link_phone_numbers(text, NUMBERS) == linked


@pytest.mark.parametrize("text", [
    "## Emergency: call 999 now { #emergency }",                    # a heading is the action, not a link
    "#### <span>Emergency:</span> Call 999 or go to A&E now if: { #emergency-999 }",
    "[NHS 111 online](https://111.nhs.uk/)",                          # inside a link already
    "see https://111.nhs.uk/ today",                                  # a web address
    "Numbers." + marker("ec-112", "us-911-calling"),                  # a source key
    '<div class="care-card" data-card="urgent-gp-111">',             # an attribute
    "1999 people, 9999, 111.5 mg, 112-114, 0999",                     # part of another number
])
def test_nothing_else_is_linked(text):
    assert link_phone_numbers(text, NUMBERS) == text


def test_numbers_come_from_the_services_of_the_policy_file(tmp_path):
    (tmp_path / "content_src").mkdir()
    policy = (REPO / "content_src" / "urgent_care.yaml").read_text(encoding="utf-8")
    (tmp_path / "content_src" / "urgent_care.yaml").write_text(
        policy.replace('numbers: ["111"]', 'numbers: ["111", "0800-123"]'), encoding="utf-8")
    root = Project(tmp_path)
    [problem] = site_model(root).kind_problems("urgent_care")
    assert problem.format().startswith("content_src/urgent_care.yaml:")
    assert "'0800-123' is not valid: a phone number as readers dial it" in problem.message


def test_a_number_with_spaces_calls_without_them():
    assert link_phone_numbers("Call 0808 808 00 00 free.", ("0808 808 00 00", "999")) == \
        "Call [0808 808 00 00](tel:08088080000) free."


def test_the_real_file_lists_the_numbers_the_pages_name(tmp_path):
    assert set(load_policy(Project(REPO)).numbers) >= set(NUMBERS)
    assert link_phone_numbers("Call 999.", ()) == "Call 999."
