"""The quiz in a real browser (Debian's Chromium through Playwright) on the real built site.

Questions are found by their type and answered through ``data-quiz-answer`` (the indices of the
right options), so the tests do not depend on the wording of any question.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.support.browser import settle

pytestmark = pytest.mark.browser

TOPIC = "red-flags/"
STORE_PREFIX = "cbp-quiz:"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]


def open_quiz(page, site_url: str, path: str = TOPIC) -> None:
    page.goto(site_url + path, wait_until="networkidle")
    page.wait_for_selector(".quiz-actions:not([hidden])")  # the script has upgraded the questions


def question(page, kind: str = "single", index: int = 0):
    return page.locator(f'form.quiz-q[data-quiz-type="{kind}"]').nth(index)


def options(form) -> tuple[list[str], list[str]]:
    """(values of the right options, values of the wrong ones)."""
    right = form.get_attribute("data-quiz-answer").split()
    values = [i.get_attribute("value") for i in form.locator("input").all()]
    return right, [v for v in values if v not in right]


def label(form, value: str):
    return form.locator(f'label[for$="-{value}"]')


def status_lines(form) -> list[str]:
    """What a screen reader gets from the result region (aria-hidden icons left out), top level only."""
    snapshot = form.locator(".quiz-result").aria_snapshot()
    return [line.strip() for line in snapshot.splitlines()[1:] if re.match(r"  - ", line)]


def score(page, bank: int = 0) -> str:
    return page.locator(".quiz-score").nth(bank).inner_text()


def total_questions(page, bank: int = 0) -> int:
    return page.locator("section.quiz").nth(bank).locator("form.quiz-q").count()


# --- answering ----------------------------------------------------------------------------------

def test_wrong_then_right_answer_by_mouse(page, site_url):
    open_quiz(page, site_url)
    form = question(page)
    right, wrong = options(form)
    total = total_questions(page)

    label(form, wrong[0]).click()
    form.get_by_role("button", name="Check answer").click()
    lines = status_lines(form)
    assert lines[0] == "- paragraph: Not quite"  # the verdict first, in words
    feedback = form.locator(f'.quiz-about [data-option="{wrong[0]}"] .quiz-fb').text_content()
    assert lines[1] == f"- paragraph: {feedback}"  # then the chosen option's feedback
    assert form.locator(".quiz-verdict .quiz-icon").get_attribute("aria-hidden") == "true"
    assert form.locator(".quiz-verdict").inner_text() == "\u2717 Not quite"  # an icon too, not colour alone
    assert form.locator(".quiz-result .quiz-explanation").is_visible()
    assert form.locator(".quiz-result .quiz-more a").inner_text().startswith("Read more about ")
    assert score(page) == f"You answered 0 of {total} correctly."
    assert form.locator("input").first.is_disabled()
    assert not form.get_by_role("button", name="Check answer").is_visible()
    assert form.locator(f'label[for$="-{wrong[0]}"] .quiz-tag').inner_text() == "Your answer"
    assert form.locator(f'label[for$="-{right[0]}"] .quiz-tag').inner_text() == "Right answer"

    form.get_by_role("button", name="Try again").click()
    assert form.locator(".quiz-result").inner_text() == ""
    assert form.locator("input:checked").count() == 0 and form.locator(".quiz-tag").count() == 0
    assert score(page) == ""

    label(form, right[0]).click()
    form.get_by_role("button", name="Check answer").click()
    lines = status_lines(form)
    assert lines[0] == "- paragraph: Correct"
    assert form.locator(".quiz-verdict").inner_text() == "\u2713 Correct"
    assert score(page) == f"You answered 1 of {total} correctly."


def test_multiple_choice_needs_exactly_the_right_set(page, site_url):
    open_quiz(page, site_url)
    form = question(page, "multiple")
    right, wrong = options(form)
    assert len(right) >= 2 and wrong
    for value in right[:-1]:
        label(form, value).click()  # one right option missing
    form.get_by_role("button", name="Check answer").click()
    assert status_lines(form)[0] == "- paragraph: Not quite"
    form.get_by_role("button", name="Try again").click()
    for value in right:
        label(form, value).click()
    form.get_by_role("button", name="Check answer").click()
    assert status_lines(form)[0] == "- paragraph: Correct"


def test_checking_with_nothing_chosen_asks_for_an_answer(page, site_url):
    open_quiz(page, site_url)
    form = question(page)
    form.get_by_role("button", name="Check answer").click()
    assert status_lines(form) == ["- paragraph: Choose an answer first, then select Check answer."]
    assert not form.locator("input").first.is_disabled()
    assert score(page) == ""


def test_keyboard_only_wrong_then_right(page, site_url):
    open_quiz(page, site_url)
    form = question(page)
    right, wrong = options(form)
    form_id = form.get_attribute("id")
    page.goto(site_url + TOPIC + "#quiz-red-flags")  # the quiz heading: the starting point for Tab
    page.wait_for_selector(".quiz-actions:not([hidden])")

    def focused() -> dict:
        return page.evaluate("""() => { const e = document.activeElement;
            return {tag: e.tagName, value: e.value, form: e.form ? e.form.id : null, text: e.textContent.trim()}; }""")

    for _ in range(10):  # Tab into the first question's radio group
        page.keyboard.press("Tab")
        if focused()["form"] == form_id:
            break
    assert focused()["tag"] == "INPUT"
    for _ in range(8):  # arrow keys move (and select) within the group
        if focused()["value"] == wrong[0]:
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    assert form.locator(f'input[value="{wrong[0]}"]').is_checked()
    page.keyboard.press("Tab")
    assert focused()["text"] == "Check answer"
    page.keyboard.press("Enter")
    assert status_lines(form)[0] == "- paragraph: Not quite"
    assert focused()["text"] == "Try again"  # focus is not lost when the Check button goes

    page.keyboard.press("Enter")
    assert focused()["tag"] == "INPUT" and focused()["form"] == form_id
    for _ in range(8):
        if focused()["value"] == right[0]:
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # a button works with Space as well as Enter
    assert status_lines(form)[0] == "- paragraph: Correct"
    assert score(page) == f"You answered 1 of {total_questions(page)} correctly."


def test_choosing_an_option_submits_nothing(page, site_url):
    open_quiz(page, site_url)
    form = question(page)
    right, _ = options(form)
    page.keyboard.press("Tab")
    label(form, right[0]).click()
    form.locator(f'input[value="{right[0]}"]').press("ArrowDown")  # arrow keys change the choice only
    assert form.locator(".quiz-result").inner_text() == ""
    assert not form.locator("input").first.is_disabled()


def test_start_again_resets_the_bank(page, site_url):
    open_quiz(page, site_url)
    for kind in ("single", "true_false"):
        form = question(page, kind)
        right, _ = options(form)
        label(form, right[0]).click()
        form.get_by_role("button", name="Check answer").click()
    assert score(page) == f"You answered 2 of {total_questions(page)} correctly."
    page.get_by_role("button", name="Start again").click()
    assert score(page) == ""
    assert page.locator("form.quiz-q input:checked").count() == 0
    assert page.locator(".quiz-result:not(:empty)").count() == 0
    assert page.evaluate("document.activeElement.form.id") == page.locator("form.quiz-q").first.get_attribute("id")
    assert page.evaluate(f"Object.keys(localStorage).filter(k => k.startsWith('{STORE_PREFIX}')).length") == 0


# --- citations and links ------------------------------------------------------------------------

def test_explanation_citations_use_the_pages_reference_numbers(page, site_url):
    open_quiz(page, site_url)
    form = question(page)
    right, _ = options(form)
    label(form, right[0]).click()
    form.get_by_role("button", name="Check answer").click()
    links = form.locator(".quiz-result .quiz-explanation a.cite__link").all()
    assert links
    for link in links:
        number = re.sub(r"\D", "", link.inner_text())
        target = link.get_attribute("href")
        assert page.locator(f"ol.references li{target}").get_attribute("value") == number


def test_learn_more_link_from_the_quiz_page_opens_the_section(page, site_url):
    open_quiz(page, site_url, "quiz/")
    form = page.locator("form.quiz-q").first
    right, _ = options(form)
    label(form, right[0]).click()
    form.get_by_role("button", name="Check answer").click()
    link = form.locator(".quiz-result .quiz-more a")
    href = link.get_attribute("href")
    assert href.startswith("../") and "#" in href
    link.click()
    page.wait_for_load_state()
    assert page.url == urljoin(site_url + "quiz/", href)
    anchor = urlsplit(page.url).fragment
    assert page.locator(f"#{anchor}").count() == 1


# --- storage ------------------------------------------------------------------------------------

def test_answers_are_kept_under_the_questions_content_key_and_restored(page, site_url):
    open_quiz(page, site_url)
    form = question(page)
    right, _ = options(form)
    label(form, right[0]).click()
    form.get_by_role("button", name="Check answer").click()
    key = STORE_PREFIX + form.get_attribute("data-quiz-key")
    assert page.evaluate(f"Object.keys(localStorage).filter(k => k.startsWith('{STORE_PREFIX}'))") == [key]
    assert page.evaluate("k => JSON.parse(localStorage.getItem(k))", key) == [right[0]]

    open_quiz(page, site_url)
    form = question(page)
    assert form.locator(f'input[value="{right[0]}"]').is_checked()
    assert status_lines(form)[0] == "- paragraph: Correct"
    assert score(page) == f"You answered 1 of {total_questions(page)} correctly."


def test_a_saved_answer_for_changed_content_is_not_applied(page, site_url):
    open_quiz(page, site_url)
    form = question(page)
    right, wrong = options(form)
    # What a changed question leaves behind: an answer under the old content's key.
    page.evaluate("([k, v]) => localStorage.setItem(k, JSON.stringify(v))",
                  [STORE_PREFIX + "0123456789abcdef", [wrong[0]]])
    # And a stale answer that names an option the question no longer has.
    page.evaluate("([k, v]) => localStorage.setItem(k, JSON.stringify(v))",
                  [STORE_PREFIX + form.get_attribute("data-quiz-key"), ["99"]])
    open_quiz(page, site_url)
    assert page.locator("form.quiz-q input:checked").count() == 0
    assert page.locator(".quiz-result:not(:empty)").count() == 0


def test_clear_my_answers_forgets_everything_the_quiz_stored(page, site_url):
    open_quiz(page, site_url)
    page.evaluate("localStorage.setItem('unrelated', '1')")
    for kind in ("single", "true_false"):
        form = question(page, kind)
        right, _ = options(form)
        label(form, right[0]).click()
        form.get_by_role("button", name="Check answer").click()
    assert page.evaluate(f"Object.keys(localStorage).filter(k => k.startsWith('{STORE_PREFIX}')).length") == 2
    page.get_by_role("button", name="Clear my answers").click()
    assert page.evaluate(f"Object.keys(localStorage).filter(k => k.startsWith('{STORE_PREFIX}')).length") == 0
    assert page.evaluate("localStorage.getItem('unrelated')") == "1"
    assert page.locator(".quiz-cleared").inner_text() == "Your saved answers have been cleared from this browser."
    assert page.locator(".quiz-result:not(:empty)").count() == 0 and score(page) == ""
    open_quiz(page, site_url)
    assert page.locator("form.quiz-q input:checked").count() == 0


# --- shuffling ----------------------------------------------------------------------------------

def test_options_are_shuffled_per_visit_and_pinned_ones_stay(page, site_url):
    orders, pinned = set(), set()
    for _ in range(12):
        open_quiz(page, site_url, "quiz/")
        form = page.locator('form.quiz-q[data-quiz-type="single"]').first
        orders.add(tuple(i.get_attribute("value") for i in form.locator("input").all()))
        tf = page.locator('form.quiz-q[data-quiz-type="true_false"]').first
        pinned.add(tuple(i.get_attribute("value") for i in tf.locator("input").all()))
    assert len(orders) > 1
    assert pinned == {("0", "1")}


# --- without JavaScript -------------------------------------------------------------------------

def test_without_javascript_every_question_shows_with_its_answer_behind_show_answer(chromium, site_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url + "quiz/")
        forms = page.locator("form.quiz-q")
        assert forms.count() >= 24
        assert page.locator("form.quiz-q fieldset legend:visible").count() == forms.count()
        assert page.get_by_role("button", name="Check answer").locator("visible=true").count() == 0
        assert page.get_by_role("button", name="Clear my answers").locator("visible=true").count() == 0
        form = forms.first
        explanation = form.locator(".quiz-explanation")
        assert not explanation.is_visible()
        form.get_by_text("Show answer").click()
        assert explanation.is_visible()
        assert form.locator(".quiz-correct").inner_text().startswith("Answer:")
        assert form.locator(".quiz-more a").inner_text().startswith("Read more about ")
    finally:
        context.close()


# --- accessibility, privacy, media --------------------------------------------------------------

@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_the_quiz_page_before_and_after_answering(chromium, site_url, scheme):
    context = chromium.new_context(color_scheme=scheme)
    page = context.new_page()
    try:
        open_quiz(page, site_url, "quiz/")
        options_ = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
        before = Axe().run(page, options=options_)
        assert before.violations_count == 0, before.generate_report()
        for kind in ("single", "multiple", "true_false"):
            form = question(page, kind)
            _, wrong = options(form)
            label(form, wrong[0]).click()
            form.get_by_role("button", name="Check answer").click()
        question(page, "single", 1).get_by_role("button", name="Check answer").click()  # the "choose first" note
        page.get_by_role("button", name="Clear my answers").focus()
        page.mouse.move(0, 0)
        settle(page)  # the focused button eases into its focus colours: judge the end state, not a frame of it
        after = Axe().run(page, options=options_)
        assert after.violations_count == 0, after.generate_report()
    finally:
        context.close()


def test_using_the_quiz_sends_nothing_anywhere(page, site_url):
    origin = urlsplit(site_url).netloc
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    open_quiz(page, site_url, "quiz/")
    loaded = len(seen)
    assert loaded and all(urlsplit(u).netloc == origin for u in seen if urlsplit(u).scheme in ("http", "https"))
    for kind in ("single", "multiple", "true_false"):
        form = question(page, kind)
        right, wrong = options(form)
        label(form, wrong[0]).click()
        form.get_by_role("button", name="Check answer").click()
        form.get_by_role("button", name="Try again").click()
        label(form, right[0]).click()
        form.get_by_role("button", name="Check answer").click()
    page.get_by_role("button", name="Start again").first.click()
    page.get_by_role("button", name="Clear my answers").click()
    page.wait_for_timeout(300)
    assert seen[loaded:] == []  # answering makes no request at all, to this site or any other


def test_reduced_motion_turns_off_the_result_fade(chromium, site_url):
    for motion, expected in (("no-preference", "quiz-in"), ("reduce", "none")):
        context = chromium.new_context(reduced_motion=motion)
        page = context.new_page()
        try:
            open_quiz(page, site_url)
            form = question(page)
            right, _ = options(form)
            label(form, right[0]).click()
            form.get_by_role("button", name="Check answer").click()
            assert form.locator(".quiz-result").evaluate("e => getComputedStyle(e).animationName") == expected
        finally:
            context.close()


def test_printing_gives_a_worksheet_with_the_answer_key_at_the_end(page, site_url):
    open_quiz(page, site_url, "quiz/")
    form = question(page)
    right, _ = options(form)
    label(form, right[0]).click()
    form.get_by_role("button", name="Check answer").click()
    assert not page.locator(".quiz-key").is_visible()
    page.emulate_media(media="print")
    assert page.locator(".quiz-key").is_visible()
    assert page.locator("form.quiz-q legend:visible").count() == page.locator("form.quiz-q").count()
    for hidden in (".quiz-actions", ".quiz-result", ".quiz-answer", ".quiz-bank-actions", ".quiz-storage"):
        assert page.locator(f"{hidden}:visible").count() == 0, hidden
    key = page.locator(".quiz-key")
    assert key.evaluate("e => getComputedStyle(e).breakBefore") == "page"
    # the key is the last thing of the quiz: after every question
    assert page.evaluate("""() => { const key = document.querySelector('.quiz-key');
        return [...document.querySelectorAll('form.quiz-q')].every(
            f => f.compareDocumentPosition(key) & Node.DOCUMENT_POSITION_FOLLOWING); }""")
    items = key.locator("li").count()
    assert items == page.locator("form.quiz-q").count()
