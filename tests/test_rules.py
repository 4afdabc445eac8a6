"""One list of rules (``macros/rules.py``) for the build and ``make check``, and one mistake, one message.

The build refuses the errors of the rules marked ``build``; ``make check`` runs every rule and prints all
it finds, so whatever stops a build is also what ``make check`` says, at the same line. A rule that needs
a content kind is skipped when a file of that kind has errors of its own.
"""

from __future__ import annotations

import re

from macros import rules
from macros.cli.check import project_model
from macros.core.problems import Problem
from macros.model.index import placements
from tests.support.sites import example_site


def _model(root):
    model, problems = project_model(root)
    assert problems == []
    return model


def test_every_rule_is_listed_once_and_the_build_runs_a_subset_of_them():
    names = [rule.name for rule in rules.RULES]
    assert len(names) == len(set(names))
    assert {r.name for r in rules.RULES if r.build} >= {"files_load", "shells_compile", "content_kinds",
                                                          "unknown_source_keys"}
    assert any(not r.build for r in rules.RULES)


def test_a_misspelt_care_card_id_is_one_error_in_the_build_and_in_make_check(tmp_path):
    """The editor's mistake of the structural review: one error at the line, no knock-on glossary warnings."""
    root = example_site(tmp_path / "site")
    clean = set(rules.problems(_model(root)))
    assert not [p for p in clean if p.is_error]
    page = "content_src/pages/red-flags.yaml"  # the example's topic page, which places its care card
    placed = next(p for p in placements(_model(root).project) if p.slug == "red-flags")
    path = root / page
    text = path.read_text(encoding="utf-8")
    wrong = placed.card_id[:-1]  # emergency-999 -> emergency-99
    line = placed.doc.line(*placed.path, "care_card")
    lines = text.splitlines(keepends=True)
    lines[line - 1] = re.sub(rf"\b{re.escape(placed.card_id)}\b", wrong, lines[line - 1], count=1)
    path.write_text("".join(lines), encoding="utf-8")

    model = _model(root)
    found = set(rules.problems(model))
    new = sorted(found - clean)
    errors = [p.format() for p in new if p.is_error]
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"{page}:{line}:") and f"unknown care card '{wrong}'" in errors[0]
    assert [p.format() for p in rules.build_errors(model)] == errors  # the build refuses the same, once
    # no knock-on warnings elsewhere (the glossary's "used on no topic page" among them); the edited file
    # may say it changed since its review, which is true of any edit
    assert [p.format() for p in new if not p.is_error and p.path != page] == []
    assert not [p for p in found if "glossary" in p.path and p not in clean]


def test_whatever_stops_the_build_make_check_prints_too(tmp_path):
    root = example_site(tmp_path / "site")
    sources = root / "content_src" / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + "\nbroken: [\n", encoding="utf-8")
    model = _model(root)
    build = rules.build_errors(model)
    assert build and set(build) <= set(rules.problems(model))
    # the registry does not load: what needs it is skipped, not run on half a model
    assert {p.path for p in rules.problems(model) if p.is_error} == {"content_src/sources.yaml"}


def test_a_rule_that_needs_a_broken_kind_is_skipped_and_a_raising_rule_is_one_error(tmp_path):
    root = example_site(tmp_path / "site")
    cards = root / "content_src" / "care_cards.yaml"
    cards.write_text(cards.read_text(encoding="utf-8").replace("level:", "levl:", 1), encoding="utf-8")
    model = _model(root)
    ran = []

    def needs_cards(model):
        ran.append(1)
        return [Problem.error("x", 1, "never")]

    def raises(model):
        raise KeyError("oops")

    found = rules.problems(model, rules=[rules.Rule(needs_cards, needs=("care_cards",)), rules.Rule(raises)])
    assert ran == []
    [crash] = found
    assert "internal error in" in crash.message and "KeyError" in crash.message


def test_a_rule_that_needs_a_rule_finding_errors_is_skipped(tmp_path):
    model = _model(example_site(tmp_path / "site"))
    ran = []

    def root(model):
        return [Problem.error("x", 1, "the root")]

    def knock_on(model):
        ran.append(1)
        return [Problem.error("y", 1, "a knock-on")]

    assert [p.message for p in rules.problems(model, rules=[rules.Rule(root), rules.Rule(knock_on, needs=(root,))])] \
        == ["the root"]
    assert ran == []
    assert [p.message for p in rules.problems(model, rules=[rules.Rule(knock_on, needs=(lambda model: [],))])] \
        == ["a knock-on"]


def test_a_topic_pages_missing_shell_is_one_message_in_make_check_and_in_the_build(tmp_path):
    """Issue 19's knock-on case: deleting a topic page's shell said so once, and then again for the home page's link
    to it, its bank, each quiz question's learn_more and two glossary entries. Each of those is right again once the
    shell is back, so only the page file's error is said, by make check and the build alike."""
    root = example_site(tmp_path / "site")
    clean = set(rules.problems(_model(root)))
    (root / "docs" / "red-flags.md").unlink()
    model = _model(root)
    new = [p.format() for p in sorted(set(rules.problems(model)) - clean)]
    assert new == ["content_src/pages/red-flags.yaml:1: error: no page shows this file; create docs/red-flags.md "
                   "containing {{ page_content() }} and list it in mkdocs.yml's nav"]
    assert [p.format() for p in rules.build_errors(model) if p not in clean] == new
