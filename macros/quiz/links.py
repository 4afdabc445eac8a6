"""Links from a quiz to the page section that teaches a question.

A question says ``learn_more: red-flags.md#night-pain`` (docs-relative). The quiz links there with a
Markdown link to the ``.md`` file, relative to the page the quiz is on (``link_target``), so the builder
turns it into the page's URL and checks it, as it does every other link; its text comes from the
heading of that section in the page's data.
"""

from __future__ import annotations

import posixpath

from ..model import SiteModel


def link_target(target: str, from_page: str) -> str:
    """A docs-relative ``target`` (``red-flags.md#night-pain``) as a Markdown link on ``docs/<from_page>``."""
    page, _, anchor = target.partition("#")
    path = posixpath.relpath(page, posixpath.dirname(from_page) or ".")
    return path + (f"#{anchor}" if anchor else "")


def section_heading(model: SiteModel, learn_more: str) -> str | None:
    """The heading text of the section ``learn_more`` points to, or ``None`` when there is none."""
    page, _, anchor = learn_more.partition("#")
    headings = model.headings(page)
    return None if headings is None else headings.get(anchor)


def learn_more_problem(model: SiteModel, learn_more: str) -> str | None:
    """Why ``learn_more`` points nowhere in ``model``, or ``None`` when its page and section exist."""
    page, _, anchor = learn_more.partition("#")
    if model.shell(page) is None:
        return f"learn_more page {page!r} does not exist in docs/"
    anchors = model.headings(page)
    if anchors is None:
        return None  # the page's content file is unusable; its own errors say why
    if anchor not in anchors:
        near = ", ".join(sorted(anchors)) or "none"
        return f"learn_more section '#{anchor}' does not exist on {page} (its sections: {near})"
    if anchors.get(anchor) is None:
        return f"learn_more section '#{anchor}' on {page} has no heading text to name it by"
    return None
