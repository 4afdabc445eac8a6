"""The quiz renderer on its own (no MkDocs): structure, escaping, the no-JavaScript answer, links, the quiz page's index."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml

from macros.model import site_model
from macros.citations.markers import marker
from macros.core.problems import ContentError
from macros.core.project import Project
from macros.quiz.strings import StringsError, ui_strings
from macros.quiz.render import render_quiz, render_quiz_index
from macros.quiz.links import link_target
from macros.quiz.render import question_key
from macros.core.text import heading_text
from tests.support.sites import REPO

SCHEMA_LINE = "# yaml-language-server: $schema=../../macros/schemas/quiz-bank.schema.json\n"
REVIEW = 'review:\n  last_reviewed: "2026-11-22"\n  next_review_due: "2027-11-22"\n'
MARKUP = '<script>alert("x")</script> & <b>bold</b>'


class _Loader(yaml.SafeLoader):
    """mkdocs.yml has !ENV and !!python/name tags; the strings need none of them."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)


def real_strings() -> dict[str, str]:
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    return ui_strings(config["extra"]["quiz"])


STRINGS = real_strings()


# --- a tiny HTML tree, enough to check structure ------------------------------------------------

class Node:
    def __init__(self, tag: str, attrs: dict, parent: "Node | None"):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def all(self, tag: str | None = None, cls: str | None = None) -> list["Node"]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if (tag is None or child.tag == tag) and (cls is None or cls in child.attrs.get("class", "").split()):
                    found.append(child)
                found += child.all(tag, cls)
        return found

    def one(self, tag: str | None = None, cls: str | None = None) -> "Node":
        [found] = self.all(tag, cls)
        return found


class _TreeBuilder(HTMLParser):
    VOID = {"input", "br", "img", "hr", "meta", "link"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("root", {}, None)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: (v if v is not None else "") for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in self.VOID:
            self.current = node

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None, f"stray </{tag}>"
        self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def tree(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.current is builder.root, "unclosed element"
    return builder.root


# --- fixture projects ---------------------------------------------------------------------------

def bank_yaml(bank_id: str = "red-flags", title: str = "Red flags", questions: str | None = None) -> str:
    return SCHEMA_LINE + f"id: {bank_id}\ntitle: {json.dumps(title)}\n" + REVIEW + "questions:\n" + (questions or f"""\
  - id: {bank_id}-single
    type: single
    prompt: Which is the strongest warning sign?
    options:
      - text: A past cancer
        correct: true
        feedback: Right, it matters most.
      - text: A past back strain
        feedback: Common, and not a warning sign.
      - text: None of these
        pin: true
    explanation: A past cancer raises the chance far more than anything else.
    sources: [nice-ng234, henschke-2013]
    learn_more: red-flags.md#night-pain
  - id: {bank_id}-multiple
    type: multiple
    prompt: Which are nerve signs?
    options:
      - text: Weak legs
        correct: true
      - text: Numb feet
        correct: true
      - text: A stiff neck
    explanation: Weakness and numbness can mean pressure on nerves.
    sources: [nice-ng234]
    learn_more: red-flags.md#nerve-signs
  - id: {bank_id}-tf
    type: true_false
    prompt: Night pain proves cancer.
    answer: false
    explanation: No single sign proves it.
    sources: [henschke-2013]
    learn_more: red-flags.md#night-pain
""")


PAGE_DATA = """\
title: Red flags
sections:
  - id: pain-features
    heading: Pain features
    sections:
      - id: night-pain
        heading: Pain at night
  - id: nerve-signs
    heading: MRI and nerve signs
"""


def project(tmp_path: Path, banks: dict[str, str] | None = None) -> Project:
    """A topic page ``red-flags`` and the quiz page; each further bank gets a topic page of its own."""
    files = {"docs/red-flags.md": "{{ page_content() }}\n", "docs/quiz.md": "# Quiz\n",
             "content_src/pages/red-flags.yaml": PAGE_DATA}
    for bank_id, text in (banks or {"red-flags": bank_yaml()}).items():
        files[f"quiz/banks/{bank_id}.yaml"] = text
        if bank_id != "red-flags":
            files[f"docs/{bank_id}.md"] = "{{ page_content() }}\n"
            files[f"content_src/pages/{bank_id}.yaml"] = PAGE_DATA
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return Project(tmp_path)


def markdown_to_html(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "md_in_html", "toc", "pymdownx.emoji"])


@pytest.fixture
def rendered(tmp_path) -> str:
    """The topic page's quiz as the page gets it: through Markdown (its links are Markdown links)."""
    return markdown_to_html(render_quiz(site_model(project(tmp_path)), "red-flags", STRINGS, "red-flags.md"))


# --- structure ----------------------------------------------------------------------------------

def test_each_question_is_a_fieldset_with_the_prompt_as_legend(rendered):
    forms = tree(rendered).all("form", "quiz-q")
    assert [f.attrs["id"] for f in forms] == ["quiz-q-red-flags-single", "quiz-q-red-flags-multiple", "quiz-q-red-flags-tf"]
    legends = [f.one("fieldset").one("legend").text() for f in forms]
    assert legends == ["Question 1 of 3 Which is the strongest warning sign?", "Question 2 of 3 Which are nerve signs?",
                       "Question 3 of 3 Night pain proves cancer."]


def test_inputs_are_native_radios_or_checkboxes_each_with_a_label(rendered):
    root = tree(rendered)
    kinds = {}
    for form in root.all("form", "quiz-q"):
        inputs = form.all("input")
        kinds[form.attrs["data-quiz-type"]] = {i.attrs["type"] for i in inputs}
        labels = {l.attrs["for"]: l.text() for l in form.all("label")}
        assert all(i.attrs["id"] in labels for i in inputs)
        assert all(i.attrs["name"] == form.attrs["id"] for i in inputs)
        assert "checked" not in " ".join(" ".join(i.attrs) for i in inputs)  # nothing is pre-selected
    assert kinds == {"single": {"radio"}, "multiple": {"checkbox"}, "true_false": {"radio"}}


def test_hints_say_how_many_to_choose_and_describe_the_fieldset(rendered):
    for form in tree(rendered).all("form", "quiz-q"):
        hint = form.one("p", "quiz-hint")
        assert form.one("fieldset").attrs["aria-describedby"] == hint.attrs["id"]
    hints = [f.one("p", "quiz-hint").text() for f in tree(rendered).all("form", "quiz-q")]
    assert hints == [STRINGS["hint_single"], STRINGS["hint_multiple"], STRINGS["hint_true_false"]]


def test_true_false_options_come_from_the_strings_and_stay_in_place(rendered):
    form = tree(rendered).all("form", "quiz-q")[2]
    options = form.all("div", "quiz-opt")
    assert [o.text() for o in options] == ["True", "False"]
    assert all("data-pin" in o.attrs for o in options)
    assert form.attrs["data-quiz-answer"] == "1"


def test_pinned_options_are_marked_and_answers_listed_by_index(rendered):
    forms = tree(rendered).all("form", "quiz-q")
    assert ["data-pin" in o.attrs for o in forms[0].all("div", "quiz-opt")] == [False, False, True]
    assert forms[0].attrs["data-quiz-answer"] == "0"
    assert forms[1].attrs["data-quiz-answer"] == "0 1"


def test_controls_and_status_regions_exist_and_script_only_controls_start_hidden(rendered):
    root = tree(rendered)
    for form in root.all("form", "quiz-q"):
        check = form.one("button", "quiz-check")
        assert (check.attrs["type"], check.text()) == ("submit", "Check answer")
        # the form's default button, disabled until the script runs: without it Enter on an option does nothing
        assert "disabled" in check.attrs
        assert form.one("button", "quiz-retry").text() == "Try again"
        assert "hidden" in form.one("div", "quiz-actions").attrs  # no JavaScript: no dead buttons
        # only the short verdict is a live region; the feedback and explanation after it are not announced
        verdict = form.one("p", "quiz-verdict")
        assert verdict.attrs["role"] == "status" and verdict.text() == ""
        result = form.one("div", "quiz-result")
        assert "role" not in result.attrs and "aria-live" not in result.attrs and result.text() == ""
    bank_actions = root.one("div", "quiz-bank-actions")
    assert "hidden" in bank_actions.attrs
    assert "role" not in bank_actions.one("p", "quiz-score").attrs  # read on demand, not announced with the verdict
    assert bank_actions.one("button", "quiz-missed-again").text() == "Try again on the ones I missed"
    assert "hidden" in bank_actions.one("button", "quiz-missed-again").attrs
    assert bank_actions.one("button", "quiz-restart").text() == "Start again"
    storage = root.one("div", "quiz-storage")
    assert "hidden" in storage.attrs
    assert storage.one("button", "quiz-clear").text() == "Clear my answers"
    assert storage.one("p", "quiz-cleared").attrs["role"] == "status"


def test_without_javascript_details_show_the_answer_explanation_citation_and_link(rendered):
    form = tree(rendered).all("form", "quiz-q")[0]
    details = form.one("details", "quiz-answer")
    assert "open" not in details.attrs
    assert details.one("summary").text() == "Show answer"
    assert details.one("p", "quiz-correct").text() == "Answer: A past cancer"
    explanation = details.one("p", "quiz-explanation").text()
    assert explanation == "A past cancer raises the chance far more than anything else." + marker("nice-ng234", "henschke-2013")
    link = details.one("p", "quiz-more").one("a")
    assert (link.attrs["href"], link.text()) == ("red-flags.md#night-pain", "Read more: Pain at night")
    feedback = {li.attrs["data-option"]: li.one("span", "quiz-fb").text() for li in details.all("li")}
    assert feedback == {"0": "Right, it matters most.", "1": "Common, and not a warning sign."}


def test_multiple_answers_are_listed(rendered):
    details = tree(rendered).all("form", "quiz-q")[1].one("details")
    assert details.one("p", "quiz-correct").text() == "Answers:"
    assert [li.text() for li in details.one("ul", "quiz-correct-list").all("li")] == ["Weak legs", "Numb feet"]
    # a heading that starts with an abbreviation keeps its capitals
    assert details.one("p", "quiz-more").one("a").text() == "Read more: MRI and nerve signs"


def test_printable_answer_key_lists_every_answer_in_order(rendered):
    key = tree(rendered).one("div", "quiz-key")
    assert key.one("p", "quiz-key-title").text() == "Answer key"
    assert [li.text() for li in key.one("ol").all("li")] == ["A past cancer", "Weak legs; Numb feet", "False"]


def test_script_gets_its_strings_as_json_in_a_data_attribute(rendered):
    section = tree(rendered).one("section", "quiz")
    strings = json.loads(section.attrs["data-quiz-strings"])
    assert strings["correct"] == "Correct" and strings["not_quite"] == "Not quite"
    assert strings["score"] == "{answered} of {total} answered, {correct} right."
    assert strings["partly"] == "Partly right" and strings["missed"] == "You missed: {answers}."
    assert section.attrs["aria-labelledby"] == "quiz-red-flags"


def test_output_is_markdown_heading_then_html_that_markdown_leaves_alone(tmp_path):
    out = render_quiz(site_model(project(tmp_path)), "red-flags", STRINGS, "red-flags.md")
    assert out.startswith("## Check what you know { #quiz-red-flags }\n\n<section ")
    html = markdown_to_html(out)
    assert '<h2 id="quiz-red-flags">Check what you know</h2>' in html
    assert html.count('<form class="quiz-q"') == 3
    assert tree(html).all("form", "quiz-q")[0].one("legend").text().endswith("Which is the strongest warning sign?")


def test_question_ids_and_keys_are_unique(rendered):
    root = tree(rendered)
    ids = [n.attrs["id"] for n in root.all() if "id" in n.attrs]
    assert len(ids) == len(set(ids))
    keys = [f.attrs["data-quiz-key"] for f in root.all("form", "quiz-q")]
    assert len(set(keys)) == 3 and all(len(k) == 16 for k in keys)


# --- escaping -----------------------------------------------------------------------------------

def test_markup_in_bank_text_is_escaped_everywhere(tmp_path):
    questions = f"""\
  - id: esc-one
    type: single
    prompt: {json.dumps(MARKUP)}
    options:
      - text: {json.dumps(MARKUP)}
        correct: true
        feedback: {json.dumps(MARKUP)}
      - text: plain
    explanation: {json.dumps(MARKUP)}
    sources: [nice-ng234]
    learn_more: red-flags.md#night-pain
"""
    model = site_model(project(tmp_path, {"red-flags": bank_yaml(title=MARKUP, questions=questions)}))
    out = render_quiz(model, "red-flags", STRINGS, "red-flags.md")
    index = render_quiz_index(model, STRINGS, "quiz.md")  # where the bank's title shows
    assert "<script" not in out + index and "<b>" not in out + index
    root = tree(markdown_to_html(out))
    form = root.one("form", "quiz-q")
    assert form.one("legend").text() == "Question 1 of 1 " + MARKUP
    assert form.all("label")[0].text() == MARKUP
    assert form.one("span", "quiz-fb").text() == MARKUP
    assert form.one("p", "quiz-explanation").text() == MARKUP + marker("nice-ng234")
    assert root.all("script") == [] and root.all("b") == []
    listed = tree(markdown_to_html(index))
    assert listed.one("ul", "quiz-index").one("a").text() == MARKUP
    assert listed.all("script") == [] and listed.all("b") == []


def test_heading_text_defuses_markdown_attributes_and_icons():
    raw = "*Red* _flags_ {#evil} :smile: `code` [link](x) & <i>"
    html = markdown_to_html(f"## {heading_text(raw)} {{ #quiz-x }}")
    root = tree(html)
    assert root.one("h2").attrs["id"] == "quiz-x"
    assert root.one("h2").text() == raw
    assert root.all("em") == [] and root.all("code") == [] and root.all("a") == [] and root.all("svg") == []


# --- links --------------------------------------------------------------------------------------

@pytest.mark.parametrize("target, page, expected", [
    ("red-flags.md#night-pain", "quiz.md", "red-flags.md#night-pain"),
    ("red-flags.md#night-pain", "red-flags.md", "red-flags.md#night-pain"),
    ("when-to-get-help.md", "quiz.md", "when-to-get-help.md"),
    ("red-flags.md#x", "topics/a.md", "../red-flags.md#x"),
    ("topics/b.md#x", "topics/a.md", "b.md#x"),
])
def test_link_target_is_the_md_file_relative_to_the_page(target, page, expected):
    assert link_target(target, page) == expected


def test_quiz_links_are_markdown_links_to_md_files(tmp_path):
    """The builder resolves and checks them (MkDocs and Zensical both; raw HTML hrefs they treat differently)."""
    model = site_model(project(tmp_path))
    out = render_quiz(model, "red-flags", STRINGS, "red-flags.md")
    index = render_quiz_index(model, STRINGS, "quiz.md")
    assert "<a " not in out + index
    hrefs = {a.attrs["href"] for a in tree(markdown_to_html(out)).all("a")}
    # the intro's link to the help page (extra.quiz.help_page) and each question's learn_more
    assert hrefs == {"when-to-get-help.md", "red-flags.md#night-pain", "red-flags.md#nerve-signs"}
    # the index: the help page, and the bank's heading on its topic page
    assert {a.attrs["href"] for a in tree(markdown_to_html(index)).all("a")} == {"when-to-get-help.md",
                                                                                 "red-flags.md#quiz-red-flags"}


def test_the_intro_says_it_is_not_a_symptom_checker_and_links_to_help(tmp_path):
    topic = tree(markdown_to_html(render_quiz(site_model(project(tmp_path)), "red-flags", STRINGS, "red-flags.md"))).one(
        "p", "quiz-intro")
    everything = tree(markdown_to_html(render_quiz_index(site_model(project(tmp_path)), STRINGS, "quiz.md"))).one(
        "div", "quiz-intro").all("p")[0]
    for intro, href in ((topic, "when-to-get-help.md"), (everything, "when-to-get-help.md")):
        assert "not a symptom checker" in intro.text()
        assert intro.one("a").attrs["href"] == href and intro.one("a").text() == STRINGS["help_link"]


# --- several banks, errors ---------------------------------------------------------------------

def test_a_topic_page_shows_its_bank_with_its_own_storage_box_and_key_last(tmp_path):
    out = render_quiz(site_model(project(tmp_path)), "red-flags", STRINGS, "red-flags.md")
    root = tree(markdown_to_html(out))
    assert len(root.all("section", "quiz")) == 1 and root.one("section", "quiz").attrs["class"] == "quiz quiz--topic"
    assert len(root.all("div", "quiz-key")) == 1 and len(root.all("div", "quiz-storage")) == 1
    assert out.rstrip().endswith("</div>\n</section>")  # the key comes last
    # The script reveals the storage box: above the questions it would push them down (layout shift).
    assert out.rindex('<form class="quiz-q"') < out.index('class="quiz-storage"') < out.index('class="quiz-key"')


def test_the_index_lists_each_page_with_a_bank_in_nav_order_without_its_questions(tmp_path):
    banks = {"red-flags": bank_yaml(), "a-first": bank_yaml("a-first", "A first bank")}
    nav = [{"Quiz": "quiz.md"}, {"Red flags": "red-flags.md"}, {"A first": "a-first.md"}]
    model = site_model(project(tmp_path, banks), nav)
    out = render_quiz_index(model, STRINGS, "quiz.md")
    root = tree(markdown_to_html(out))
    items = root.one("ul", "quiz-index").all("li")
    assert [li.one("a").text() for li in items] == ["Red flags", "A first bank"]  # nav order, the banks' titles
    assert [li.one("a").attrs["href"] for li in items] == ["red-flags.md#quiz-red-flags", "a-first.md#quiz-a-first"]
    assert [li.text().strip() for li in items] == ["Red flags: 3 questions", "A first bank: 3 questions"]
    # no questions, no answers to show, no key: one line per bank
    assert root.all("form") == [] and root.all("details") == [] and root.all("div", "quiz-key") == []
    assert root.all("h2") == []
    # the script's progress: each question's storage key (as on the topic page) and its right answers
    on_topic = tree(markdown_to_html(render_quiz(model, "a-first", STRINGS, "a-first.md"))).all("form", "quiz-q")
    assert items[1].attrs["data-quiz-answers"] == " ".join(
        f'{f.attrs["data-quiz-key"]}:{f.attrs["data-quiz-answer"].replace(" ", ",")}' for f in on_topic)
    assert items[1].attrs["data-quiz-answers"].split(" ")[1].endswith(":0,1")  # the multiple question's two
    assert json.loads(root.one("ul", "quiz-index").attrs["data-quiz-strings"])["progress"] == STRINGS["progress"]
    # the storage box with its Clear control follows the list, as it follows a topic page's questions
    assert len(root.all("div", "quiz-storage")) == 1
    assert out.index('class="quiz-index"') < out.index('class="quiz-storage"')
    assert root.one("p", "quiz-print-note").text() == STRINGS["print_note"]


def test_the_index_grows_by_one_line_per_bank_not_by_its_questions(tmp_path):
    one = render_quiz_index(site_model(project(tmp_path / "one")), STRINGS, "quiz.md")
    questions = bank_yaml().split("questions:\n", 1)[1]
    bigger = bank_yaml(questions=questions + questions.replace("id: red-flags-", "id: again-"))
    doubled = render_quiz_index(site_model(project(tmp_path / "two", {"red-flags": bigger})), STRINGS, "quiz.md")
    per_question = len(doubled) - len(one)
    assert 0 < per_question <= 3 * 30  # a storage key and an answer for each new question, nothing else
    assert doubled.count("<li") == one.count("<li") == 1


def test_unknown_bank_names_the_banks_there_are(tmp_path):
    with pytest.raises(ContentError) as raised:
        render_quiz(site_model(project(tmp_path)), "red-flag", STRINGS, "red-flags.md")
    assert str(raised.value) == ("quiz/banks/red-flag.yaml:1: error: no question bank 'red-flag' in quiz/banks/ "
                                 "(banks: red-flags)")


def test_an_invalid_bank_stops_rendering_with_located_problems(tmp_path):
    bad = bank_yaml().replace("        correct: true\n        feedback: Right, it matters most.\n",
                              "        feedback: Right, it matters most.\n", 1)
    with pytest.raises(ContentError) as raised:
        render_quiz(site_model(project(tmp_path, {"red-flags": bad})), "red-flags", STRINGS, "red-flags.md")
    assert str(raised.value) == ("quiz/banks/red-flags.yaml:11:5: error: question 'red-flags-single': a single question "
                                 "needs exactly one correct option (`correct: true`), found none")


def test_a_review_falling_due_does_not_stop_rendering(tmp_path):
    overdue = bank_yaml().replace('"2027-11-22"', '"2026-01-01"').replace('"2026-11-22"', '"2025-01-01"')
    assert "quiz-q" in render_quiz(site_model(project(tmp_path, {"red-flags": overdue})), "red-flags", STRINGS, "red-flags.md")


# --- content keys -------------------------------------------------------------------------------

BASE_QUESTION = {"id": "q", "type": "single", "prompt": "Which?", "explanation": "Because.",
                 "options": [{"text": "A", "correct": True}, {"text": "B"}]}


def test_question_key_changes_with_what_the_reader_answers():
    base = question_key("bank", BASE_QUESTION)
    assert question_key("bank", dict(BASE_QUESTION)) == base
    assert question_key("bank", {**BASE_QUESTION, "explanation": "Better words."}) == base
    assert question_key("bank", {**BASE_QUESTION, "prompt": "Which one?"}) != base
    assert question_key("bank", {**BASE_QUESTION, "options": [{"text": "A"}, {"text": "B", "correct": True}]}) != base
    assert question_key("bank", {**BASE_QUESTION, "options": [{"text": "A", "correct": True}, {"text": "C"}]}) != base
    assert question_key("other", BASE_QUESTION) != base


# --- strings ------------------------------------------------------------------------------------

def test_every_string_comes_from_mkdocs_yml():
    assert STRINGS["check"] == "Check answer" and STRINGS["read_more"] == "Read more: {heading}"


def test_strings_must_be_complete_and_keep_their_placeholders():
    broken = {**STRINGS, "score": "You got them", "surprise": "x"}
    del broken["check"]
    with pytest.raises(StringsError) as raised:
        ui_strings(broken)
    assert str(raised.value) == ("mkdocs.yml: extra.quiz.check is missing; extra.quiz.score must contain "
                                 "{answered}, {total}, {correct}: 'You got them'; extra.quiz.surprise is not a quiz string")
    with pytest.raises(StringsError, match="extra.quiz must hold the quiz's interface text"):
        ui_strings(None)


def test_a_translation_is_configuration(tmp_path):
    french = {**STRINGS, "check": "Vérifier", "show_answer": "Voir la réponse", "question_number": "Question {number} sur {total}"}
    root = tree(render_quiz(site_model(project(tmp_path)), "red-flags", french, "red-flags.md"))
    form = root.all("form", "quiz-q")[0]
    assert form.one("button", "quiz-check").text() == "Vérifier"
    assert form.one("summary").text() == "Voir la réponse"
    assert form.one("span", "quiz-num").text() == "Question 1 sur 3"
