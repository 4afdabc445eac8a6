"""Content text is text: whatever an editor types in any text field, only the elements and
attributes the renderer itself writes reach the page (property-based, with hypothesis).

Each text field of a page is filled with arbitrary strings (mixed with known attacks: raw HTML,
event handlers, attr_list, javascript: links, forged citation tokens, emoji and Markdown block
syntax), rendered by the real renderer, turned into HTML by Python-Markdown with the site's own
extensions (read by MkDocs from mkdocs.yml), and parsed: every element, attribute and link must
be one the renderer writes.
"""

from __future__ import annotations

import copy
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from macros.model import site_model
from macros.model.cards import CareCard, CareCards
from macros.model.sources import Registry
from macros.citations.markers import find_markers
from macros.pages.render import render_page_data, render_review_data
from macros.core.text import LINK_SCHEMES, attribute, inline_html, sanitised_html

REPO = Path(__file__).resolve().parents[1]

ATTACKS = [
    "<script>alert(1)</script>", "<img src=x onerror=\"alert(1)\">", "<iframe src='https://e.example'>",
    "[x](page.md){ onclick=alert(1) }", "{: .admonition style=\"position:fixed\" }", "{ #id }",
    "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](data:text/html,<b>)", "[x](//evil.example)",
    "<div markdown=\"1\">", "</div>", "<!-- c -->", "<style>", "&lt;b&gt;", "&#60;script&#62;",
    "\u27e6cite:nice-ng234\u27e7", "\u27e6references\u27e7", ":smile:", ":warning:", "*[HTML]: x",
    "- ", "1. ", "# ", "> ", "!!! note", "```", "~~~", "    code", "| a | b |", "---", "===", "\n\n",
    "**", "*", "_", "`", "\\", "[", "]", "(", ")", "<", ">", "&", '"', "'", "![i](x.png)",
    "<https://e.example>", "[a](<b c.md>)", "[a](x.md \"t\")", "<a href=\"javascript:x\">", "\u00a0",
    "[ok](when-to-get-help.md#emergency)", "[ok](https://www.nhs.uk/)", "[ok](tel:999)",
]
TEXT = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(ATTACKS)), max_size=8).map("".join)

# What the renderer and the site's Markdown extensions write: element -> allowed attributes.
ALLOWED = {
    "h1": {"id"}, "h2": {"id"}, "h3": {"id", "class"}, "h4": {"id", "class"}, "h5": {"id", "class"},
    "h6": {"id", "class"}, "p": {"class", "aria-hidden"}, "ul": set(), "ol": set(), "li": set(),
    "div": {"class", "role", "aria-labelledby", "tabindex", "data-card"}, "table": {"class"}, "caption": {"id"},
    "thead": set(), "tbody": set(), "tr": set(), "th": {"scope"}, "td": set(), "span": {"class"},
    "strong": set(), "em": set(), "code": set(), "a": {"href", "class", "title", "aria-hidden", "tabindex"}, "br": set(),
}
# What the citations extension (in mkdocs.yml's markdown_extensions) writes for the page's own markers:
# numbered markers, and the References list with its back-links and reference entries.
CITATION_MARKUP = {
    "sup": {"class"}, "a": {"id", "aria-label"}, "span": {"id", "aria-hidden", "data-kind"}, "ol": {"class"},
    "li": {"class", "id", "value"}, "cite": {"class"},
}
for _tag, _attrs in CITATION_MARKUP.items():
    ALLOWED[_tag] = ALLOWED.get(_tag, set()) | _attrs
CLASSES = {"care-card", "care-card--emergency", "care-card--urgent", "care-card--non-urgent", "care-card__label",
           "care-card__heading", "care-card__body", "care-card__who", "visually-hidden", "content-table", "content-table__table",
           "admonition", "note", "tip", "info", "warning", "admonition-title", "headerlink", "review-dates",
           "cite", "cite__link", "cite__anchor", "references", "references__item", "references__backlinks",
           "references__backlink", "reference", "reference__container", "reference__id", "reference__url"}

PAGE = {
    "title": "Title", "description": "d",
    "review": {"last_reviewed": "2026-11-22", "next_review_due": "2027-11-22", "checked_by": "Check"},
    "intro": [{"paragraph": "Intro."}],
    "sections": [{"id": "s", "heading": "Heading", "blocks": [
        {"list": ["item"], "intro": "List intro"},
        {"table": {"caption": "Caption", "columns": ["Column", "Other"], "rows": [["Cell", "Cell"]],
                   "row_headers": True}},
        {"care_card": "card"},
        {"callout": {"type": "warning", "title": "Callout title", "text": "Callout text"}},
    ]}],
}
FIELDS = {
    "title": ("title",), "paragraph": ("intro", 0, "paragraph"), "heading": ("sections", 0, "heading"),
    "list intro": ("sections", 0, "blocks", 0, "intro"), "list item": ("sections", 0, "blocks", 0, "list", 0),
    "caption": ("sections", 0, "blocks", 1, "table", "caption"),
    "column": ("sections", 0, "blocks", 1, "table", "columns", 0),
    "row header": ("sections", 0, "blocks", 1, "table", "rows", 0, 0),
    "cell": ("sections", 0, "blocks", 1, "table", "rows", 0, 1),
    "callout title": ("sections", 0, "blocks", 3, "callout", "title"),
    "callout text": ("sections", 0, "blocks", 3, "callout", "text"),
}


CARD = {"id": "card", "level": "urgent", "action": "Action", "items": ("Item", "Other"), "after": "After",
        "cite": ("nhs-back-pain",), "line": 1}
CARD_FIELDS = {"care action": "action", "care item": "items", "care after": "after"}


def cards(**changes) -> CareCards:
    return CareCards(cards={"card": CareCard(**{**CARD, **changes})})


@pytest.fixture(scope="module")
def site_markdown():
    config = load_config(str(REPO / "mkdocs.yml"))
    extensions, configs = config["markdown_extensions"], config["mdx_configs"]
    return lambda text: markdown.Markdown(extensions=extensions, extension_configs=configs).convert(text)


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.found.append(("<!--", {}))


def elements(html_text: str) -> Elements:
    parser = Elements()
    parser.feed(html_text)
    parser.close()
    return parser


def assert_only_renderer_markup(html_text: str) -> None:
    for tag, attrs in elements(html_text).found:
        assert tag in ALLOWED, f"<{tag}> reached the page:\n{html_text}"
        assert set(attrs) <= ALLOWED[tag], f"<{tag} {attrs}> reached the page:\n{html_text}"
        for name in attrs.get("class", "").split():
            assert name in CLASSES, f"class {name!r} reached the page:\n{html_text}"
        href = attrs.get("href")
        if href is not None:
            scheme = href.split(":", 1)[0].lower() if ":" in href.split("/", 1)[0] else None
            assert scheme is None or scheme in LINK_SCHEMES, f"href {href!r} reached the page"
            assert not href.startswith("//"), f"href {href!r} reached the page"


def _set(data: dict, path: tuple, value: str) -> dict:
    data = copy.deepcopy(data)
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


@pytest.mark.parametrize("field", FIELDS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
@example(text="0\\![](0)")  # an escaped "!" before a link once made it an image
def test_any_text_in_any_field_reaches_the_page_as_text(site_markdown, field, text):
    page_markdown = render_page_data(_set(PAGE, FIELDS[field], text), cards())
    # a typed citation token is text, never a citation: only the card's own marker is there
    assert [keys for _, keys in find_markers(page_markdown)] == [["nhs-back-pain"]]
    assert_only_renderer_markup(site_markdown(page_markdown))


@pytest.mark.parametrize("field", CARD_FIELDS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
@example(text="0\\![](0)")  # an escaped "!" before a link once made it an image
def test_any_text_in_a_shared_care_card_reaches_the_page_as_text(site_markdown, field, text):
    name = CARD_FIELDS[field]
    page_markdown = render_page_data(PAGE, cards(**{name: (text, "Other") if name == "items" else text}))
    assert [keys for _, keys in find_markers(page_markdown)] == [["nhs-back-pain"]]
    assert_only_renderer_markup(site_markdown(page_markdown))


@settings(max_examples=200, deadline=None)
@given(text=TEXT)
def test_inline_html_alone_holds_only_the_allowed_elements(text):
    for tag, attrs in elements(sanitised_html(text)).found:
        assert tag in {"a", "strong", "em", "code"} and set(attrs) <= {"href"}, (tag, attrs)
    assert "\u27e6" not in inline_html(text) and "{" not in inline_html(text)


@settings(max_examples=200, deadline=None)
@given(text=TEXT)
def test_a_description_stays_inside_its_attribute(text):
    parsed = elements(f'<meta name="description" content="{attribute(text)}"><p>after</p>')
    assert [tag for tag, _ in parsed.found] == ["meta", "p"]
    assert parsed.found[0][1]["content"] == " ".join(text.split())


@pytest.mark.parametrize("typed, shown", [
    ("Call **999** or go to A&E", "<strong>999</strong>"),
    ("[help](when-to-get-help.md#emergency)", '<a href="when-to-get-help.md#emergency">help</a>'),
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("[x](javascript:alert(1))", "<p>x</p>"),
    ("[x](page.md){ onclick=alert(1) }", '<a href="page.md">x</a>&#123; onclick=alert(1) &#125;'),
])
def test_the_known_injections_reach_the_page_escaped(site_markdown, typed, shown):
    assert shown in site_markdown(str(inline_html(typed)))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
def test_the_review_record_reaches_the_page_as_text(site_markdown, text):
    review = {**PAGE["review"], "checked_by": text,
              "clinical_sign_off": {"reviewer": text, "role": text, "date": "2026-11-22", "content_version": "v1"}}
    assert_only_renderer_markup(site_markdown(render_review_data(review, Registry())))


# --- quiz text: escaped as plain text, never markup --------------------------------------------

QUIZ_FIELDS = ("title", "prompt", "option", "feedback", "explanation")
QUIZ_ALLOWED = {"form", "fieldset", "legend", "p", "ul", "ol", "li", "input", "label", "span", "div", "details",
                "summary", "button", "a", "section", "strong", "h2", "h3", "dl", "dt", "dd", "output", "small"}


@pytest.fixture(scope="module")
def quiz_project(tmp_path_factory):
    from tests.test_quiz_render import project
    return project(tmp_path_factory.mktemp("quiz"))


@pytest.mark.parametrize("field", QUIZ_FIELDS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
@example(text='\n{: .admonition style="position:fixed" }')  # a line of its own in "Show answer" once gave its <p> a style
def test_any_quiz_text_reaches_the_page_as_text(site_markdown, quiz_project, field, text):
    from macros.quiz import render as quiz_render
    from tests.test_quiz_render import STRINGS

    doc = quiz_project.load(quiz_project.banks_dir / "red-flags.yaml")
    data = copy.deepcopy(doc.data)
    question = data["questions"][0]
    if field == "title":
        data["title"] = text
    elif field == "option":
        question["options"][0]["text"] = text
    elif field == "feedback":
        question["options"][0]["feedback"] = text
    else:
        question[field] = text
    changed = type(doc)(doc.path, data, doc.where)
    bank = quiz_render.bank_view(site_model(quiz_project), changed, STRINGS, "red-flags.md")
    page_markdown = quiz_render.render_bank(bank, STRINGS, "red-flags.md")
    # and the quiz page's list, where the bank's title shows
    page_markdown += "\n\n" + quiz_render.render_index([quiz_render.index_entry(changed, "red-flags.md", STRINGS, "quiz.md")],
                                                       STRINGS, "quiz.md")
    keys = {tuple(k) for _, k in find_markers(page_markdown)}
    assert keys <= {tuple(q["sources"]) for q in data["questions"]}  # no citation forged from text
    for tag, attrs in elements(site_markdown(page_markdown)).found:
        assert tag in QUIZ_ALLOWED | set(ALLOWED), f"<{tag}> reached the quiz"
        assert not [a for a in attrs if a.startswith("on") or a == "style"], (tag, attrs)
        href = attrs.get("href") or ""
        assert not href.lower().startswith(("javascript:", "data:")), href


# --- source fields: escaped as plain text in a reference ----------------------------------------

SOURCE_FIELDS = ("title", "publisher", "journal", "authors", "pages")
SOURCE_ALLOWED = {"span": {"class", "data-kind"}, "cite": {"class"}, "a": {"class", "href"}, "p": set()}


@pytest.mark.parametrize("kind", ["journal-article", "webpage", "book"])
@pytest.mark.parametrize("field", SOURCE_FIELDS)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
def test_any_source_text_reaches_the_reference_as_text(site_markdown, kind, field, text):
    from macros.citations.format import entry_html
    from macros.model.sources import Source

    fields = {"kind": kind, "title": "Title", "publisher": "Publisher", "journal": "Journal", "year": 2020,
              "volume": 1, "issue": 2, "pages": "3-4", "authors": ["Smith J"], "doi": "10.1000/xyz",
              "url": "https://www.nhs.uk/", "accessed": "2026-11-22"}
    fields[field] = [text] if field == "authors" else text
    out = site_markdown(str(entry_html(Source("s", fields, 1))))
    for tag, attrs in elements(out).found:
        assert tag in SOURCE_ALLOWED and set(attrs) <= SOURCE_ALLOWED[tag], (tag, attrs, out)
        assert attrs.get("href", "https://").startswith("https://"), (attrs, out)


@settings(max_examples=3000, deadline=None)
@given(text=st.one_of(TEXT, st.text(), st.text(st.characters(codec="utf-8"))))
@example(text="\ufeff")  # nh3 drops a byte-order mark that starts the text; the shortcut once kept it
def test_the_shortcut_for_text_without_markup_gives_the_same_html(text):
    from macros.core.text import _slow_inline_html

    assert inline_html(text) == _slow_inline_html(text)
