"""axe-core in forced colours (Windows high contrast, light and dark) and at 200 % and 400 % browser zoom.

In a file of its own (not in test_a11y.py) so that ``make test``'s workers, which take a file each, run it beside
the light and dark runs instead of after them."""

from __future__ import annotations

import pytest

from tests.support.pages import (longest_topic_page, page_with_every_card_level, quiz_page,
                                  topic_with_every_question_type)
from tests.test_a11y import VIEWPORTS, axe, open_in_scheme, run_axe, violations_report  # noqa: F401 (axe: fixture)

pytestmark = pytest.mark.browser

# Forced colours (Windows high contrast) in both schemes, and browser zoom at 200 % and 400 % of a 1280 x 800
# window (640 x 400 and 320 x 200 CSS px): the pages that hold every kind of block, card, quiz question, the quiz page and the 404.
MODES = {
    "forced-colours-light": {"forced_colors": "active", "color_scheme": "light", "viewport": VIEWPORTS["desktop"]},
    "forced-colours-dark": {"forced_colors": "active", "color_scheme": "dark", "viewport": VIEWPORTS["desktop"]},
    "zoom-200": {"color_scheme": "light", "viewport": {"width": 640, "height": 400}, "device_scale_factor": 2},
    "zoom-400": {"color_scheme": "light", "viewport": {"width": 320, "height": 200}, "device_scale_factor": 4},
}


def _mode_pages() -> list[str]:
    return list(dict.fromkeys(["", longest_topic_page().url, page_with_every_card_level().url,
                               topic_with_every_question_type().url, quiz_page().url, "404.html"]))


@pytest.mark.parametrize("mode", list(MODES))
def test_pages_have_no_axe_violations_in_forced_colours_and_at_high_zoom(chromium, site_url, axe, mode):
    settings = MODES[mode]
    context = chromium.new_context(**settings)
    page = context.new_page()
    failures = []
    try:
        for url_path in _mode_pages():
            open_in_scheme(page, site_url + url_path, settings["color_scheme"])
            results = run_axe(axe, page)
            if results.violations_count:
                failures.append(f"{url_path or 'home'}:\n{violations_report(results)}")
    finally:
        context.close()
    assert not failures, "\n".join(failures)
