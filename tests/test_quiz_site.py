"""The quiz in the real strict build: its assets are served and small, its links land, its markup is clean; the
quiz page lists every topic quiz (a link to the bank's heading and a count) and holds none of their questions."""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from macros.core.project import Project
from macros.model.banks import bank_files
from tests.support.pages import quiz_page, topic_pages
from tests.support.sites import REPO

ASSETS = REPO / "docs" / "assets" / "quiz"
BUDGET_GZIP = 6 * 1024
# Every page with a quiz, from the model: each topic page (its own bank); the quiz page lists them.
QUIZ_PAGES = {shell.url: shell.content for shell in topic_pages()}
INDEX = quiz_page().url


def bank_sizes() -> dict[str, int]:
    project = Project(REPO)
    return {p.stem: len(project.load(p).data["questions"]) for p in bank_files(project)}


class _Elements(HTMLParser):
    """Every start tag of a page: (tag, attrs)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))


def elements(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.elements


def page_html(site: Path, url_path: str) -> str:
    return (site / url_path / "index.html").read_text(encoding="utf-8")


def test_script_and_stylesheet_together_stay_under_6_kb_gzipped():
    sizes = {name: len(gzip.compress((ASSETS / name).read_bytes(), compresslevel=9)) for name in ("quiz.js", "quiz.css")}
    assert sum(sizes.values()) < BUDGET_GZIP, sizes


def test_the_build_serves_the_quiz_assets_as_real_files(built_site):
    assert not ASSETS.is_symlink() and not any(p.is_symlink() for p in ASSETS.iterdir())  # Zensical skips links
    for name in ("quiz.js", "quiz.css"):
        assert (built_site / "assets" / "quiz" / name).read_bytes() == (ASSETS / name).read_bytes()


@pytest.mark.parametrize("url_path", [INDEX, *QUIZ_PAGES])
def test_quiz_pages_load_one_cached_script_and_stylesheet(built_site, url_path):
    tags = elements(page_html(built_site, url_path))
    scripts = [a["src"] for t, a in tags if t == "script" and "quiz" in a.get("src", "")]
    styles = [a["href"] for t, a in tags if t == "link" and a.get("rel") == "stylesheet" and "quiz" in a["href"]]
    assert [urlsplit(s).path for s in scripts] == ["../assets/quiz/quiz.js"]
    assert [urlsplit(s).path for s in styles] == ["../assets/quiz/quiz.css"]


def test_the_script_uses_no_eval_network_or_markup_injection():
    script = (ASSETS / "quiz.js").read_text(encoding="utf-8")
    forbidden = [r"\beval\s*\(", r"new\s+Function", r"\bfetch\s*\(", r"XMLHttpRequest", r"sendBeacon", r"WebSocket",
                 r"EventSource", r"\bimport\s*\(", r"innerHTML", r"outerHTML", r"insertAdjacentHTML", r"document\.write",
                 r"setTimeout\s*\(\s*['\"]", r"https?://"]
    assert [pattern for pattern in forbidden if re.search(pattern, script)] == []
    style = (ASSETS / "quiz.css").read_text(encoding="utf-8")
    assert not re.search(r"@import|url\(", style)  # nothing else to fetch


def test_the_stylesheet_covers_dark_mode_reduced_motion_print_and_focus():
    style = (ASSETS / "quiz.css").read_text(encoding="utf-8")
    for needle in ('[data-md-color-scheme="slate"]', "prefers-reduced-motion", "@media print", ":focus-visible"):
        assert needle in style


@pytest.mark.parametrize("url_path", [INDEX, *QUIZ_PAGES])
def test_quiz_markup_has_no_inline_handlers_or_scripts(built_site, url_path):
    html = page_html(built_site, url_path)
    if url_path == INDEX:
        start = html.index('<div class="quiz-intro">')
        end = html.index('<div class="review-dates">', start)
    else:
        start = re.search(r'<section [^>]*class="quiz[ "]', html).start()
        end = html.index('<div class="quiz-key">', start)
    quiz = html[start:end]
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", quiz)
    assert "<script" not in quiz and "javascript:" not in quiz


@pytest.mark.parametrize("url_path, bank", list(QUIZ_PAGES.items()))
def test_each_topic_page_ends_with_its_bank(built_site, url_path, bank):
    sizes = bank_sizes()
    tags = elements(page_html(built_site, url_path))
    sections = [a["data-quiz-bank"] for t, a in tags if t == "section" and "data-quiz-bank" in a]
    forms = [a for t, a in tags if t == "form" and "quiz-q" in a.get("class", "").split()]
    assert sections == [bank] and len(forms) == sizes[bank]
    html = page_html(built_site, url_path)
    assert re.search(r'<section [^>]*class="quiz[ "]', html).start() < html.index('id="references"')


def test_every_bank_is_on_exactly_one_topic_page():
    shown = [shell.content for shell in topic_pages()]
    assert sorted(shown) == sorted(bank_sizes())


def test_the_quiz_page_lists_every_topic_quiz_in_nav_order_and_holds_no_questions(built_site):
    sizes = bank_sizes()
    html = page_html(built_site, INDEX)
    quiz_parts = {"quiz", "quiz-q", "quiz-answer", "quiz-key", "quiz-explanation"}
    assert not [a for _, a in elements(html) if quiz_parts & set(a.get("class", "").split()) or "data-quiz-bank" in a]
    items = re.findall(r'<li data-quiz-answers="([^"]+)">\s*<a href="([^"]+)">([^<]+)</a>: (\d+) questions', html)
    assert [urlsplit(href).path for _, href, _, _ in items] == [f"../{shell.url}" for shell in topic_pages()]
    for (answers, href, title, count), shell in zip(items, topic_pages()):
        bank = shell.content
        assert int(count) == sizes[bank] == len(answers.split(" "))
        target = urlsplit(urljoin("http://site/" + INDEX, href))
        topic_html = page_html(built_site, target.path.lstrip("/"))
        # the link lands on the bank's heading, and the keys are the ones its questions are saved under
        assert re.search(rf'<h2 id="{target.fragment}">[^<]*', topic_html) and target.fragment == f"quiz-{bank}"
        forms = [a for t, a in elements(topic_html) if t == "form" and "quiz-q" in a.get("class", "").split()]
        assert answers == " ".join(f"{a['data-quiz-key']}:{a['data-quiz-answer'].replace(' ', ',')}" for a in forms)
        assert title == Project(REPO).load(REPO / "quiz" / "banks" / f"{bank}.yaml").data["title"]


@pytest.mark.parametrize("url_path", list(QUIZ_PAGES))
def test_every_learn_more_link_lands_on_a_section_that_exists(built_site, url_path):
    html = page_html(built_site, url_path)
    hrefs = re.findall(r'<p class="quiz-more"><a href="([^"]+)">Read more(?::|&#58;) [^<]+</a></p>', html)
    assert len(hrefs) == html.count('class="quiz-q"')
    base = "http://site/" + url_path
    for href in hrefs:
        target = urlsplit(urljoin(base, href))
        page = built_site / target.path.lstrip("/") / "index.html"
        assert page.is_file(), href
        assert f'id="{target.fragment}"' in page.read_text(encoding="utf-8"), href


@pytest.mark.parametrize("url_path", list(QUIZ_PAGES))
def test_explanation_citations_are_numbered_with_the_pages_references(built_site, url_path):
    html = page_html(built_site, url_path)
    explanations = re.findall(r'<p class="quiz-explanation">(.*?)</p>', html, re.S)
    assert explanations and all('class="cite__link"' in e for e in explanations)
    assert "\u27e6" not in html  # every citation marker was resolved
    numbers = dict(re.findall(r'<li class="references__item" id="(ref-[a-z0-9-]+)" value="(\d+)"', html))
    checked = 0
    for explanation in explanations:
        for target, number in re.findall(r'href="#(ref-[a-z0-9-]+)"[^>]*>(?:<span[^>]*>[^<]*</span>)?(\d+)</a>', explanation):
            assert numbers[target] == number
            checked += 1
    assert checked >= len(explanations)
