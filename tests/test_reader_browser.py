"""Reader polish from the phone-first audit (issue 23), in a real browser at a phone's and a desktop's width.

Each page is loaded once per width for the checks that read a page as it loads (``measured``); the checks
that act (Tab, tap, search, print, the quiz) load the one page they need. Pages are picked by what they
hold (tests/support/pages.py), never by name.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import PAGES
from tests.support.browser import next_frames, visit, settle
from tests.support.pages import longest_topic_page, page_with_block, topic_with_every_question_type
from tests.support.sites import real_model, site_extra

pytestmark = pytest.mark.browser

WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
PHONE_SCREEN = WIDTHS["phone"]["height"]
_MODEL = real_model()
HELP_PAGE = next(s.url for s in _MODEL.shells if s.src == site_extra()["get_help"]["page"])
EMERGENCY = next(card for card in _MODEL.kind("care_cards") if card.level == "emergency")
URGENT = ".help-summary, .care-card, .admonition.warning, .admonition.danger"

# What a page looks like as it loads: its height, its "On this page" list and where it is, its sections,
# focus stops in the menu drawer and on permalinks, the header's help button, bands and headings.
_MEASURE = """() => {
  const content = document.querySelector('.md-content');
  const list = content.querySelector('.page-contents');
  const top = [...content.querySelector('article').children];
  const tabbable = e => e.tabIndex >= 0 && !e.disabled && e.checkVisibility({visibilityProperty: true});
  const stops = sel => [...document.querySelectorAll(sel)].filter(tabbable).length;
  const help = document.querySelector('.md-header__get-help');
  const box = help ? help.getBoundingClientRect() : null;
  const h1 = content.querySelector('h1'), h1s = h1 && getComputedStyle(h1);
  const helpBox = top.findIndex(e => e.classList.contains('help-summary'));
  const firstCard = top.findIndex(e => e.classList.contains('care-card'));
  const at = list ? top.indexOf(list) : -1;
  return {
    height: document.documentElement.scrollHeight - (list ? list.getBoundingClientRect().height : 0),
    list: !!list && list.querySelector('summary').checkVisibility(), at, helpBox, firstCard,
    listed: list ? [...list.querySelectorAll('a')].map(a => a.getAttribute('href')) : [],
    sectionsAfter: top.slice(at + 1).filter(e => e.tagName === 'H2' && e.id).map(e => '#' + e.id),
    h2: top.filter(e => e.tagName === 'H2').length,
    drawerStops: stops('.md-sidebar--primary a[href], .md-sidebar--primary [tabindex]'),
    permalinkStops: stops('.headerlink'),
    permalinksShown: [...document.querySelectorAll('.md-content .headerlink')].filter(e => e.checkVisibility()).length,
    help: box && {width: box.width, height: box.height, size: parseFloat(getComputedStyle(help).fontSize),
                  right: box.right},
    h1: h1 && {weight: parseInt(h1s.fontWeight), colour: h1s.color},
    bands: [...content.querySelectorAll('.care-card__label, .admonition-title')].map(e => {
      const box = e.getBoundingClientRect(), parent = e.parentElement.getBoundingClientRect();
      const border = parseFloat(getComputedStyle(e.parentElement).borderRightWidth);
      return {gap: Math.round(parent.right - border - box.right), text: e.textContent.trim()}; }),
  };
}"""


@pytest.fixture(scope="module", params=list(WIDTHS))
def width(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def context(chromium, width):
    context = chromium.new_context(viewport=WIDTHS[width])
    yield context
    context.close()


@pytest.fixture(scope="module")
def measured(context, site_url) -> dict[str, dict]:
    """Every page (and the 404 page), loaded once at this width, as ``_MEASURE`` reads it."""
    page = context.new_page()
    out = {}
    for url_path in PAGES + ["404.html"]:
        visit(page, site_url + url_path)
        out[url_path] = page.evaluate(_MEASURE)
    page.close()
    return out


@pytest.fixture(scope="module")
def _tab(context):
    page = context.new_page()
    yield page
    page.close()


@pytest.fixture
def tab(_tab):
    """The width's one tab, from a blank page: opening a tab costs as much as loading a page in it."""
    _tab.goto("about:blank")
    return _tab


def _luminance(css: str, under: float = 255) -> float:
    """The relative luminance of a CSS rgb()/rgba() colour, a translucent one drawn over grey ``under``."""
    values = [float(v) for v in re.findall(r"[\d.]+", css)]
    alpha = values[3] if len(values) > 3 else 1
    r, g, b = ((alpha * v + (1 - alpha) * under) / 255 for v in values[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# --- 1. the header's "Get help now" -------------------------------------------------------------------------

def test_1_get_help_now_is_a_button_a_thumb_can_hit_on_every_page(measured, width):
    """44 x 44 CSS px or more, 14px text or larger (it was 82 x 27 and 10px); at 320px: test_help_browser.py."""
    for url_path, m in measured.items():
        assert m["help"]["height"] >= 44 and m["help"]["width"] >= 44, (url_path, m["help"])
        assert m["help"]["size"] >= 14, (url_path, m["help"])
        assert m["help"]["right"] <= WIDTHS[width]["width"], (url_path, m["help"])


# --- 2. "On this page" on long pages ---------------------------------------------------------------------------

def test_2_long_pages_list_their_sections_after_the_help_box(measured, width):
    """A page longer than four phone screens (measured without the list) with sections to list shows the list
    under the help box (or, without one, after its first care card's section); shorter pages do not."""
    for url_path, m in measured.items():
        long = m["height"] > 4 * PHONE_SCREEN
        if width == "phone" and long and m["h2"] >= 3:
            assert m["list"], f"/{url_path} is {m['height']}px on a phone and has no 'On this page' list"
        if width == "phone" and not long:
            assert not m["list"], f"/{url_path} is {m['height']}px, under four screens, yet has a list"
        if not m["list"]:
            continue
        assert m["listed"] == m["sectionsAfter"] and len(m["listed"]) >= 2, (url_path, m)
        if m["helpBox"] >= 0:
            assert m["at"] == m["helpBox"] + 1, f"/{url_path}: the list is not right after the help box"
        else:
            assert m["at"] > m["firstCard"], f"/{url_path}: the list comes before the first care card"


# --- 3. the closed menu and the permalinks are out of the tab order --------------------------------------------

def test_3_nothing_in_the_closed_menu_or_on_a_permalink_is_a_tab_stop(measured, width):
    for url_path, m in measured.items():
        if width == "phone":
            assert m["drawerStops"] == 0, f"/{url_path}: {m['drawerStops']} tab stops in the closed menu"
        assert m["permalinkStops"] == 0, f"/{url_path}: {m['permalinkStops']} permalink tab stops"


@pytest.mark.parametrize("zoom", ["phone", "200%"])
def test_3_tab_reaches_the_first_quiz_question_without_entering_the_menu_which_opens_by_keyboard(
        chromium, site_url, zoom):
    """From the top of a topic page, Tab never lands in the hidden menu (137 presses reached the first quiz
    question on a phone before); the menu button opens the menu with Enter and Escape closes it."""
    viewport = WIDTHS["phone"] if zoom == "phone" else {"width": 640, "height": 400}
    context = chromium.new_context(viewport=viewport, device_scale_factor=2 if zoom == "200%" else 1)
    page = context.new_page()
    try:
        visit(page, site_url + topic_with_every_question_type().url)
        presses, where = 0, []
        while presses < 400:
            page.keyboard.press("Tab")
            presses += 1
            state = page.evaluate("""() => { const e = document.activeElement;
                return {drawer: !!e.closest('.md-sidebar'), permalink: e.classList.contains('headerlink'),
                        quiz: !!e.closest('form.quiz-q')}; }""")
            where.append(state)
            if state["quiz"]:
                break
        assert where[-1]["quiz"], "Tab never reached the quiz"
        assert not any(s["drawer"] or s["permalink"] for s in where)
        print(f"{zoom}: {presses} Tab presses to the first quiz question")
        # The menu button is a tab stop; Enter opens the menu with focus inside, Escape closes it
        visit(page, site_url)
        menu = page.locator(".md-header__menu")
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('.md-header__menu')"):
                break
        else:
            pytest.fail("Tab never reached the menu button")
        assert menu.get_attribute("aria-expanded") == "false"
        page.keyboard.press("Enter")
        page.wait_for_function("document.getElementById('__drawer').checked")
        settle(page)
        assert menu.get_attribute("aria-expanded") == "true"
        assert page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')")
        assert page.locator(".md-sidebar--primary").evaluate(
            "e => e.getBoundingClientRect().left >= 0 && e.checkVisibility({visibilityProperty: true})")
        page.keyboard.press("Escape")
        page.wait_for_function("!document.getElementById('__drawer').checked")
        assert page.evaluate("document.activeElement.matches('.md-header__menu')")
    finally:
        context.close()


# --- 4. the emergency band, and landing on a card -------------------------------------------------------------

def test_4_care_card_and_box_title_bands_run_the_full_width(measured):
    for url_path, m in measured.items():
        for band in m["bands"]:
            assert abs(band["gap"]) <= 1, f"/{url_path}: the '{band['text']}' band stops {band['gap']}px short"
    assert any(m["bands"] for m in measured.values())


def test_4_landing_on_a_card_by_its_anchor_shows_its_label_below_the_header(tab, site_url):
    visit(tab, site_url + HELP_PAGE + "#" + EMERGENCY.id)
    next_frames(tab)
    label, header = tab.evaluate("""id => [
        document.getElementById(id).closest('.care-card').querySelector('.care-card__label')
          .getBoundingClientRect().top,
        document.querySelector('.md-header').getBoundingClientRect().bottom]""", EMERGENCY.id)
    assert label >= header, f"the card's label (top {label}px) is under the header (bottom {header}px)"


# --- 5. the 404 page --------------------------------------------------------------------------------------------

def test_5_the_404_page_has_a_skip_link_a_home_link_and_the_emergency_card_in_its_own_words(tab, site_url):
    visit(tab, site_url + "404.html")
    card = tab.locator("article .care-card")
    assert card.count() == 1
    items = [" ".join(t.split()) for t in card.locator("li").all_inner_texts()]
    assert items == list(EMERGENCY.items)  # the card's words, from its data
    numbers = set(re.findall(r"\b(?:999|112|911)\b", card.inner_text()))
    assert numbers and {n for n in numbers if card.locator(f'a[href="tel:{n}"]').count()} == numbers
    home = tab.locator("article a", has_text="home page").get_attribute("href")
    assert home.startswith("/") and tab.evaluate("h => new URL(h, location.href).href", home) in (
        site_url, site_url + ".")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.classList.contains('md-skip')")
    tab.keyboard.press("Enter")
    tab.keyboard.press("Tab")
    assert tab.evaluate("!!document.activeElement.closest('.md-content')")


# --- 6. search ---------------------------------------------------------------------------------------------------

_RESULTS = """() => [...document.querySelectorAll('.md-search-result__item')].map(item =>
  [...item.querySelectorAll('article')].map(a => ({
    titleMarks: [...a.querySelectorAll('h1 mark, h2 mark')].map(m => m.textContent.toLowerCase()),
    marks: [...a.querySelectorAll('mark')].map(m => m.textContent.toLowerCase()),
    text: a.textContent})))"""


def _search(page, site_url, query: str) -> list:
    visit(page, site_url)
    page.keyboard.press("/")
    page.keyboard.type(query)
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10000)
    page.wait_for_function("q => document.querySelector('.md-search__input').value === q", arg=query)
    settle(page)
    return page.evaluate(_RESULTS)


def test_6_numb_finds_numbness_before_number_and_results_show_what_matched(tab, site_url):
    results = _search(tab, site_url, "numb")
    first = next(article for article in results[0] if article["marks"])
    assert not any(m.startswith("number") for m in first["titleMarks"]), first
    assert any(re.fullmatch(r"numb(ness)?\W*", m) for m in first["marks"]), first
    hints = [site_extra()["quiz"][k] for k in ("hint_single", "hint_multiple", "hint_true_false")]
    for query_results in (results, _search(tab, site_url, "pain")):
        shown = " ".join(a["text"] for item in query_results for a in item)
        assert not any(hint in shown for hint in hints)


# --- 7. quiz feedback ---------------------------------------------------------------------------------------------

def test_7_quiz_feedback_tells_the_truth(tab, site_url):
    visit(tab, site_url + topic_with_every_question_type().url)
    strings = site_extra()["quiz"]
    multi = tab.locator("form.quiz-q[data-quiz-type=multiple]").first
    answer = multi.get_attribute("data-quiz-answer").split()
    boxes = multi.locator("input")
    for i in range(boxes.count()):
        boxes.nth(i).check()
    multi.locator(".quiz-check").press("Enter")
    verdict = multi.locator(".quiz-verdict")
    assert strings["partly"] in verdict.inner_text()
    wrong = [boxes.nth(i).get_attribute("value") for i in range(boxes.count())
             if boxes.nth(i).get_attribute("value") not in answer]
    assert wrong, "the question has no wrong option"
    result = multi.locator(".quiz-result").inner_text()
    assert strings["wrong_chosen"].split("{")[0] in result  # says that a tick was wrong
    for value in wrong:
        label = multi.locator(f'label[for$="-{value}"]')
        assert strings["not_right"] in label.locator(".quiz-tag").inner_text()
        assert label.evaluate("l => l.firstChild.textContent.trim()") in result
    # feedback in the order the options are shown, each naming its option
    shown = [t.strip() for t in multi.locator("label").evaluate_all("ls => ls.map(l => l.firstChild.textContent)")]
    named = multi.locator(".quiz-feedback strong").all_inner_texts()
    assert named and named == [t for t in shown if t in named]
    # "Partly right" has its own colour, not that of "Not quite"
    partly = verdict.evaluate("e => getComputedStyle(e).color")
    single = tab.locator("form.quiz-q[data-quiz-type=single]").first
    right = single.get_attribute("data-quiz-answer")
    wrong_one = next(v for v in single.locator("input").evaluate_all("is => is.map(i => i.value)") if v != right)
    single.locator(f'input[value="{wrong_one}"]').check()
    single.locator(".quiz-check").press("Enter")
    assert partly != single.locator(".quiz-verdict").evaluate("e => getComputedStyle(e).color")
    # after a right answer, "Try again" is not the main button, even with focus on it
    single.locator(".quiz-retry").press("Enter")
    single.locator(f'input[value="{right}"]').check()
    single.locator(".quiz-check").press("Enter")
    retry = single.locator(".quiz-retry")
    tab.mouse.move(0, 0)  # judged without a pointer over it
    settle(tab)
    assert tab.evaluate("document.activeElement.classList.contains('quiz-retry')")
    assert "md-button--primary" not in retry.get_attribute("class")
    assert retry.evaluate("b => getComputedStyle(b).backgroundColor") == "rgba(0, 0, 0, 0)"
    # links read "Read more: <the section's heading>", not "Read more about if you have..."
    for text in tab.locator(".quiz-more a").all_text_contents():
        prefix = strings["read_more"].split("{")[0]
        assert text.startswith(prefix) and text[len(prefix):][:1].isupper(), text


# --- 8. print ---------------------------------------------------------------------------------------------------

A4 = {"width": 718, "height": 1047}  # CSS px inside Chromium's default print margins (0.4in) on A4


def test_8_printing_the_help_page_starts_its_first_card_on_the_first_sheet(chromium, site_url):
    context = chromium.new_context(viewport=A4)
    page = context.new_page()
    try:
        visit(page, site_url + HELP_PAGE)
        page.emulate_media(media="print")
        bottom = page.locator("article .care-card").first.evaluate(
            "c => c.getBoundingClientRect().bottom + scrollY")
        assert bottom <= A4["height"], f"the first card ends {bottom}px down: it would start the second sheet"
        # the emergency card prints white with a heavy border, not a dark fill; "Skip the N references" is left off
        card = page.locator("article .care-card--emergency").first.evaluate("""c => { const s = getComputedStyle(c);
            return [s.backgroundColor, parseFloat(s.borderTopWidth), getComputedStyle(c.querySelector('.care-card__heading')).color]; }""")
        assert card[0] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)") and card[1] >= 8 and card[2] == "rgb(0, 0, 0)", card
        assert page.locator(".references__skip:visible").count() == 0
    finally:
        context.close()


# --- 9. citation markers ----------------------------------------------------------------------------------------

_MARKERS = """() => [...document.querySelectorAll('article sup.cite')].filter(s => s.getClientRects().length).map(s => {
  const glyphs = [...s.querySelectorAll('.cite__link')].map(a => {  // where each number's digits are drawn
    const range = document.createRange(); range.selectNodeContents(a); return range.getBoundingClientRect(); });
  const links = glyphs;
  const gaps = glyphs.slice(1).map((r, i) => r.left - glyphs[i].right);
  // the character before the marker: on the same line as the marker's first number
  const before = document.createRange(); let node = s.previousSibling;
  while (node && node.nodeType === 3 && !node.textContent.trim()) node = node.previousSibling;
  let sameLine = true;
  if (node && node.nodeType === 3) {
    before.setStart(node, node.textContent.trimEnd().length - 1); before.setEnd(node, node.textContent.trimEnd().length);
    const r = before.getClientRects(); const c = r[r.length - 1];
    sameLine = !c || Math.abs(c.bottom - links[0].bottom) < c.height; }
  return {gaps, sameLine, text: s.textContent}; })"""


def test_9_markers_are_compact_stay_with_their_words_and_name_their_source(tab, site_url, width):
    visit(tab, site_url + longest_topic_page().url)
    markers = tab.evaluate(_MARKERS)
    assert any(m["gaps"] for m in markers), "no marker cites two sources"
    for marker in markers:
        assert all(gap <= 10 for gap in marker["gaps"]), marker  # "[1, 2]", not "[ 1 , 2 ]" (20px apart)
        assert marker["sameLine"], marker  # never wrapped onto a line of its own
    names = tab.locator("article .cite__link").evaluate_all("as => as.map(a => [a.textContent, a.ariaLabel])")
    for number, name in names:
        assert re.fullmatch(rf"Source {number}: \S.*", name), name
    # a screen reader hears the links, not "left bracket ... comma ... right bracket"
    snapshot = tab.locator("article p:has(sup.cite)").first.aria_snapshot()
    assert "Source" in snapshot
    assert not re.search(r'(?m)text: .*\[\s*"?$|text: "?[,\]\u2013]', snapshot), snapshot


def test_9_a_tapped_marker_never_covers_urgent_guidance_on_a_phone(chromium, site_url):
    context = chromium.new_context(viewport=WIDTHS["phone"], is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        checked = 0
        for shell in [s for s in _MODEL.shells if s.content]:
            visit(page, site_url + shell.url)
            near = page.evaluate("""urgent => { const boxes = [...document.querySelectorAll(urgent)];
                return [...document.querySelectorAll('article .cite__link')].map((a, i) => [a, i]).filter(([a]) => {
                  const r = a.getBoundingClientRect();
                  return r.height && boxes.some(b => !b.contains(a) && (Math.abs(b.getBoundingClientRect().top - r.bottom) < 200
                                                  || Math.abs(r.top - b.getBoundingClientRect().bottom) < 200)); })
                  .map(([, i]) => i).slice(0, 3); }""", URGENT)
            for index in near:
                marker = page.locator("article .cite__link").nth(index)
                marker.scroll_into_view_if_needed()
                marker.tap()
                tooltip = page.locator(".md-tooltip2--active:not(.tooltip--dismissed)").first
                tooltip.wait_for(state="visible")
                settle(page)
                # where the tooltip and an urgent box overlap, the box's words are on top (never the tooltip)
                covered = tooltip.evaluate("""(t, [urgent, i]) => {
                    const host = document.querySelectorAll('article .cite__link')[i];
                    const r = t.firstElementChild.getBoundingClientRect();
                    return [...document.querySelectorAll(urgent)].filter(b => !b.contains(host)).flatMap(b => {
                      const o = b.getBoundingClientRect();
                      const [x0, x1, y0, y1] = [Math.max(r.left, o.left), Math.min(r.right, o.right),
                                                Math.max(r.top, o.top), Math.min(r.bottom, o.bottom)];
                      if (x0 >= x1 || y0 >= y1) return [];
                      const points = [[x0 + 1, y0 + 1], [(x0 + x1) / 2, (y0 + y1) / 2], [x1 - 1, y1 - 1]];
                      return points.filter(([x, y]) => t.contains(document.elementFromPoint(x, y)))
                        .map(() => b.className); }); }""", [URGENT, index])
                assert covered == [], f"/{shell.url}: marker {index}'s tooltip covers {covered}"
                checked += 1
                page.keyboard.press("Escape")
        assert checked >= 3
    finally:
        context.close()


# --- 10. the rest ---------------------------------------------------------------------------------------------

def test_10_headings_are_solid_and_carry_no_visible_permalink_on_a_phone(measured, width):
    for url_path, m in measured.items():
        assert m["h1"]["weight"] >= 700, (url_path, m["h1"])
        assert _contrast(m["h1"]["colour"], "rgb(255, 255, 255)") >= 12, (url_path, m["h1"])  # near black
        if width == "phone":
            assert m["permalinksShown"] == 0, url_path


def test_10_the_title_fits_on_one_line_and_the_table_fits_at_320px(chromium, site_url):
    context = chromium.new_context(viewport={"width": 320, "height": 568})
    page = context.new_page()
    try:
        visit(page, site_url + HELP_PAGE)
        # the title's "¶" (which wrapped onto a line of its own) is not shown on a small screen
        assert page.locator("h1 .headerlink").evaluate("a => !a.checkVisibility()")
        visit(page, site_url + page_with_block("table").url)
        region = page.locator(".content-table").first
        assert region.get_attribute("role") == "region"
        name = region.evaluate("r => document.getElementById(r.getAttribute('aria-labelledby')).textContent.trim()")
        assert name
        fits = region.evaluate("r => r.scrollWidth <= r.clientWidth")
        assert fits, "the table is wider than its box at 320px"
    finally:
        context.close()


def test_10_in_dark_mode_the_emergency_card_stands_out_from_the_page_and_from_urgent(chromium, site_url):
    context = chromium.new_context(viewport=WIDTHS["phone"], color_scheme="dark")
    page = context.new_page()
    try:
        visit(page, site_url + HELP_PAGE)
        page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
        colours = page.evaluate("""() => ({page: getComputedStyle(document.body).backgroundColor,
            emergency: getComputedStyle(document.querySelector('.care-card--emergency')).backgroundColor,
            urgent: getComputedStyle(document.querySelector('.care-card--urgent')).backgroundColor})""")
        urgent = colours["urgent"] if colours["urgent"] != "rgba(0, 0, 0, 0)" else colours["page"]
        assert _contrast(colours["emergency"], colours["page"]) >= 3, colours
        assert _contrast(colours["emergency"], urgent) >= 3, colours
    finally:
        context.close()


def test_10_the_sources_page_lists_the_most_cited_sources_first(tab, site_url):
    sources = next(s.url for s in _MODEL.shells if s.calls_named("sources_list"))
    visit(tab, site_url + sources)
    groups = tab.evaluate("""() => [...document.querySelectorAll('article ul')].filter(u => u.querySelector('.sources-list__entry'))
        .map(u => [...u.children].map(li => li.querySelectorAll('.sources-list__cited a').length))""")
    assert groups
    for counts in groups:
        assert counts == sorted(counts, reverse=True), counts
