"""Which pages and anchors the site has, read from the site model (no build needed).

A page ``docs/<name>.md`` has the anchors of its own Markdown headings and, when it shows
``content_src/pages/<name>.yaml``, the ``id`` of every section there and of every care card it places. ``make check`` and the build
use this to verify links such as a quiz question's ``learn_more: red-flags.md#night-pain``.
"""

from __future__ import annotations

from .model import model_of
from .project import Project


def page_exists(project: Project, page: str) -> bool:
    return model_of(project).shell(page) is not None


def page_anchors(project: Project, page: str) -> set[str] | None:
    """Anchor ids of ``docs/<page>`` (``page`` like ``red-flags.md``); empty when it does not exist.

    ``None`` when the page's content file is unusable: its own errors say why, and links into it
    are not reported again.
    """
    headings = model_of(project).headings(page)
    return None if headings is None else set(headings)


def section_heading(project: Project, page: str, anchor: str) -> str | None:
    """The heading text of section ``anchor`` on ``docs/<page>``, or ``None``."""
    headings = model_of(project).headings(page)
    return None if headings is None else headings.get(anchor)
