"""Links from a quiz to the page section that teaches a question.

A question says ``learn_more: red-flags.md#night-pain`` (docs-relative). The quiz links there with a
Markdown link to the ``.md`` file, relative to the page the quiz is on (``link_target``), so the builder
turns it into the page's URL and checks it, as it does every other link; its text comes from the
heading of that section in the page's data.
"""

from __future__ import annotations

import posixpath

from ..model import SiteModel
from ..model.bank_rules import split_target

__all__ = ["link_target", "section_heading", "split_target"]


def link_target(target: str, from_page: str) -> str:
    """A docs-relative ``target`` (``red-flags.md#night-pain``) as a Markdown link on ``docs/<from_page>``."""
    page, anchor = split_target(target)
    path = posixpath.relpath(page, posixpath.dirname(from_page) or ".")
    return path + (f"#{anchor}" if anchor else "")


def section_heading(model: SiteModel, learn_more: str) -> str | None:
    """The heading text of the section ``learn_more`` points to, or ``None`` when there is none."""
    page, anchor = split_target(learn_more)
    headings = model.headings(page)
    return None if headings is None else headings.get(anchor)

