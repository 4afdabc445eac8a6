"""Keyboard use: Tab reaches every control, focus is always visible, and the skip link works.

The controls are found generically (every link, button, form field, summary and tabindex stop that is
rendered and enabled), so the quiz and any content added later are covered without naming their markup.
Radio buttons are one Tab stop per group (the ARIA radio pattern); the arrow keys then reach each of them.
"""

from __future__ import annotations

import pytest

from tests.support.browser import settle, visit
from tests.support.pages import quiz_page, topic_with_every_question_type

pytestmark = pytest.mark.browser

QUIZ_TOPIC = topic_with_every_question_type().url  # a topic page ending with a quiz of every kind of question

VIEWPORTS = {"phone": {"width": 375, "height": 667}, "desktop": {"width": 1280, "height": 800}}

# Marks every control with data-kb-id and records how it looks unfocused; returns the ids of the controls.
_MARK_CONTROLS = """() => {
  const selector = 'a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex],'
    + ' [contenteditable=""], [contenteditable="true"], audio[controls], video[controls]';
  const controls = [];
  for (const el of document.querySelectorAll(selector)) {
    if (el.disabled || el.closest('[inert]') || el.getAttribute('tabindex') === '-1') continue;
    if (el.tagName === 'INPUT' && el.type === 'hidden') continue;
    if (!el.checkVisibility({visibilityProperty: true})) continue;
    el.dataset.kbId = String(controls.length);
    controls.push(el.dataset.kbId);
  }
  return controls;
}"""

# What the focused element looks like: its own indicator, or (for a visually hidden input such as a
# styled radio) its label's; whether it is on screen, opaque and not covered by something else.
_FOCUS_STATE = """async (waitForAll) => {
  // Let scripts react to the focus (Material opens search a frame later), then let transitions finish.
  // Only what moves or fades the focused element (or a container of it, or its label) is waited for,
  // unless waitForAll (a second look when something covered it, such as an overlay fading out).
  for (let i = 0; i < 2; i++) await new Promise(r => requestAnimationFrame(r));
  const el = document.activeElement;
  const related = t => t && (t.contains(el) || (el.labels && [...el.labels].includes(t))
                             || t === el.nextElementSibling);
  await Promise.allSettled(document.getAnimations()
    .filter(a => a.effect.getComputedTiming().iterations !== Infinity && (waitForAll || related(a.effect.target)))
    .filter(a => !/color$/.test(a.transitionProperty || '')).map(a => a.finished));
  if (!el || el === document.body || !el.dataset.kbId) {
    return {id: null, tag: el ? el.tagName : null, html: el ? el.outerHTML.slice(0, 120) : null};
  }
  const style = e => { const s = getComputedStyle(e);
    return {outline: s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0 ? 'none'
              : `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
            shadow: s.boxShadow}; };
  const opacity = e => { let o = 1; for (let n = e; n && n.nodeType === 1; n = n.parentElement)
    o *= parseFloat(getComputedStyle(n).opacity); return o; };
  const rect = el.getBoundingClientRect();
  const tiny = rect.width < 1 || rect.height < 1 || opacity(el) < 0.1;
  // A visually hidden input shows its focus on a label: its own, or (Material's palette) the next one.
  const next = el.nextElementSibling && el.nextElementSibling.tagName === 'LABEL' ? [el.nextElementSibling] : [];
  const labels = [...(el.labels || []), ...next];
  const shown = tiny ? labels.find(l => l.checkVisibility({visibilityProperty: true})) || el : el;
  const box = shown.getBoundingClientRect();
  const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
  const hit = document.elementFromPoint(x, y);
  return {
    id: el.dataset.kbId, shownId: shown === el ? el.dataset.kbId : 'label',
    html: el.outerHTML.slice(0, 160), type: el.type || '', name: el.name || '',
    focused: style(shown),
    onScreen: box.width >= 1 && box.height >= 1 && box.right > 0 && box.bottom > 0
              && box.left < innerWidth && box.top < innerHeight,
    opaque: opacity(shown) >= 0.5 && getComputedStyle(shown).visibility === 'visible',
    covered: !(hit && (shown.contains(hit) || hit.contains(shown) || labels.some(l => l.contains(hit)))),
    coveredBy: hit ? hit.outerHTML.slice(0, 100) : null,
  };
}"""

_UNFOCUSED_STYLE = """(ids) => Object.fromEntries(ids.map(id => {
  const el = document.querySelector(`[data-kb-id="${id}"]`);
  const next = el.nextElementSibling && el.nextElementSibling.tagName === 'LABEL' ? [el.nextElementSibling] : [];
  const labels = [...(el.labels || []), ...next].filter(l => l.checkVisibility({visibilityProperty: true}));
  const looks = e => { const s = getComputedStyle(e);
    return {outline: s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0 ? 'none'
              : `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, shadow: s.boxShadow}; };
  return [id, {self: looks(el), label: labels.length ? looks(labels[0]) : null}];
}))"""


def _visible_focus_problem(state: dict, unfocused: dict) -> str | None:
    """Why the focus on this control cannot be seen, or None when it can."""
    if not state["onScreen"]:
        return "focused element is off screen"
    if not state["opaque"]:
        return "focused element is transparent or hidden"
    if state["covered"]:
        return f"focused element is covered by {state['coveredBy']}"
    before = unfocused["self"] if state["shownId"] != "label" else unfocused["label"]
    focused = state["focused"]
    has_ring = focused["outline"] != "none" or focused["shadow"] != "none"
    if not has_ring or (focused == before):
        return f"no outline or box-shadow change on focus (unfocused {before}, focused {focused})"
    return None


def walk_with_tab(page) -> tuple[list[str], dict[str, str], list[str]]:
    """Tab through the page from the top; returns (controls, control id -> outer HTML, problems)."""
    controls = page.evaluate(_MARK_CONTROLS)
    unfocused = page.evaluate(_UNFOCUSED_STYLE, controls)
    seen: dict[str, str] = {}
    problems: list[str] = []
    radio_groups_done: set[str] = set()

    def check_current() -> dict:
        state = page.evaluate(_FOCUS_STATE, False)
        if state["id"] is not None and state["covered"]:
            state = page.evaluate(_FOCUS_STATE, True)
        if state["id"] is None:
            return state
        seen.setdefault(state["id"], state["html"])
        problem = _visible_focus_problem(state, unfocused[state["id"]])
        if problem:
            problems.append(f"{problem}: {state['html']}")
        return state

    for _ in range(3 * len(controls) + 10):
        page.keyboard.press("Tab")
        state = check_current()
        if state["id"] is None:
            if state["tag"] in (None, "BODY"):
                break  # focus left the document: the walk went all the way round
            problems.append(f"focus went to an element that is not a control: {state['html']}")
            continue
        if state["type"] == "radio" and state["name"] not in radio_groups_done:
            radio_groups_done.add(state["name"])
            size = page.evaluate("n => document.querySelectorAll(`input[type=radio][name='${n}']`).length",
                                 state["name"])
            for _ in range(size - 1):
                page.keyboard.press("ArrowDown")
                check_current()
    else:
        problems.append("Tab never left the page: a keyboard trap?")
    return controls, seen, problems


def _radio_group_members(page) -> dict[str, str]:
    """control id -> radio group name, for every radio control."""
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('input[type=radio][data-kb-id]')]
        .map(e => [e.dataset.kbId, e.name]))""")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("url_path", ["", QUIZ_TOPIC, quiz_page().url], ids=["home", "topic-quiz", "quiz-index"])
def test_tab_reaches_every_control_with_visible_focus(chromium, site_url, url_path, viewport):
    context = chromium.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    try:
        visit(page, site_url + url_path)
        controls, seen, problems = walk_with_tab(page)
        missed = [page.evaluate("id => document.querySelector(`[data-kb-id='${id}']`).outerHTML.slice(0, 160)", c)
                  for c in controls if c not in seen]
        assert len(controls) >= 10, f"only {len(controls)} controls found: the page did not render"
        assert problems == [], "\n".join(problems)
        assert missed == [], "Tab never reached these controls"
    finally:
        context.close()


def test_quiz_page_has_interactive_controls(chromium, site_url):
    """The walk above covers the quiz's own controls, not only the theme's."""
    context = chromium.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    try:
        visit(page, site_url + QUIZ_TOPIC)
        page.evaluate(_MARK_CONTROLS)
        in_content = page.locator(".md-content [data-kb-id]:is(button, input, select, textarea)")
        assert in_content.count() >= 2
    finally:
        context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_skip_link_is_first_appears_on_focus_and_moves_focus_to_content(chromium, site_url, viewport):
    context = chromium.new_context(viewport=VIEWPORTS[viewport])
    page = context.new_page()
    try:
        visit(page, site_url)
        skip = page.locator("a.md-skip")
        assert skip.evaluate("e => getComputedStyle(e).opacity") == "0"  # hidden until focused
        page.keyboard.press("Tab")
        settle(page)
        assert page.evaluate("document.activeElement.classList.contains('md-skip')")
        assert skip.is_visible() and skip.evaluate("e => getComputedStyle(e).opacity") == "1"
        box = skip.bounding_box()
        assert box and box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= VIEWPORTS[viewport]["width"]
        target = skip.get_attribute("href")
        assert target and target.startswith("#")
        page.keyboard.press("Enter")
        page.wait_for_function("h => location.hash === h", arg=target)
        assert page.evaluate("h => !!document.getElementById(h.slice(1)).closest('.md-content')", target)
        # Focus navigation now starts at the content: the next Tab lands inside it, not in the header or nav.
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('.md-content')"), \
            page.evaluate("document.activeElement.outerHTML.slice(0, 160)")
    finally:
        context.close()


def test_focus_check_detects_an_invisible_focus(page):
    """The control: a link whose focus ring is removed is reported, and one Tab stop is missed."""
    page.set_content('<a href="#a">first</a><a href="#b" style="outline:none">second</a>'
                     '<button style="position:absolute;left:-999px">off screen</button>'
                     '<input type="radio" name="g"><input type="radio" name="g">'
                     '<a href="#c">last</a>')
    controls, seen, problems = walk_with_tab(page)
    assert len(controls) == 6
    assert any("no outline or box-shadow change" in p and "second" in p for p in problems)
    assert any("off screen" in p for p in problems)
    assert set(seen) == set(controls)  # both radios: one by Tab, the other by arrow key
