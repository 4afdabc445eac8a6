"""Links from a quiz to the page section that teaches a question.

A question says ``learn_more: red-flags.md#night-pain`` (docs-relative). The quiz links there with a
Markdown link to the ``.md`` file, relative to the page the quiz is on (``link_target``), so the builder
turns it into the page's URL and checks it, as it does every other link; its text comes from the
heading of that section in the page's data.
"""

from __future__ import annotations

import posixpath

from ..anchors import page_anchors, page_exists
from ..anchors import section_heading as anchor_heading
from ..project import Project

__all__ = ["learn_more_problem", "link_phrase", "link_target",
           "section_heading", "split_target"]


def split_target(learn_more: str) -> tuple[str, str]:
    """``"red-flags.md#night-pain"`` -> ``("red-flags.md", "night-pain")``."""
    page, _, anchor = learn_more.partition("#")
    return page, anchor


def link_target(target: str, from_page: str) -> str:
    """A docs-relative ``target`` (``red-flags.md#night-pain``) as a Markdown link on ``docs/<from_page>``."""
    page, anchor = split_target(target)
    path = posixpath.relpath(page, posixpath.dirname(from_page) or ".")
    return path + (f"#{anchor}" if anchor else "")


def learn_more_problem(project: Project, learn_more: str) -> str | None:
    """Why ``learn_more`` points nowhere, or ``None`` when its page and section exist."""
    page, anchor = split_target(learn_more)
    if not page_exists(project, page):
        return f"learn_more page {page!r} does not exist in docs/"
    anchors = page_anchors(project, page)
    if anchors is None:
        return None  # the page's content file is unusable; its own errors say why
    if anchor not in anchors:
        near = ", ".join(sorted(anchors)) or "none"
        return f"learn_more section '#{anchor}' does not exist on {page} (its sections: {near})"
    if section_heading(project, learn_more) is None:
        return f"learn_more section '#{anchor}' on {page} has no heading text to name it by"
    return None


def section_heading(project: Project, learn_more: str) -> str | None:
    """The heading text of the section ``learn_more`` points to, or ``None`` when there is none."""
    page, anchor = split_target(learn_more)
    return anchor_heading(project, page, anchor)


def link_phrase(heading: str) -> str:
    """A heading as it reads mid-sentence: "Pain at night" -> "pain at night"; "MRI scans" stays."""
    first, _, rest = heading.partition(" ")
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        return first.lower() + (f" {rest}" if rest else "")
    return heading
