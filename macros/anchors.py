"""Which anchors a page has, worked out from its sources (no build needed).

A page ``docs/<name>.md`` gets anchors from its own Markdown headings and, when it renders
structured content from ``content_src/pages/<name>.yaml``, from the ``id`` of every section there
(sections nest through their ``sections`` lists). ``make check`` uses this to verify links such as
a quiz question's ``learn_more: red-flags.md#night-pain`` before anything is built.
"""

from __future__ import annotations

import re
from typing import Any

from markdown.extensions.toc import slugify

from .problems import ContentError
from .project import Project

_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*(?:\{[^}]*#([\w-]+)[^}]*\})?\s*#*\s*$", re.M)


def page_exists(project: Project, page: str) -> bool:
    return (project.docs_dir / page).is_file()


def page_anchors(project: Project, page: str) -> set[str]:
    """Anchor ids of ``docs/<page>`` (``page`` like ``red-flags.md``); empty when it does not exist.

    Worked out once per build or check run (every question linking to a page asks again).
    """
    return set(project.once(("anchors", page), lambda: frozenset(_page_anchors(project, page))))


def _page_anchors(project: Project, page: str) -> set[str]:
    path = project.docs_dir / page
    if not path.is_file():
        return set()
    anchors: set[str] = set()
    text = path.read_text(encoding="utf-8")
    for title, explicit in _HEADING.findall(text):
        anchors.add(explicit or slugify(title, "-"))
    data_file = project.content_dir / "pages" / (path.stem + ".yaml")
    if data_file.is_file():
        try:
            doc = project.load(data_file)
        except ContentError:
            return anchors  # the file's own check reports why it cannot be read
        anchors |= section_ids(doc.data)
    return anchors


def section_ids(data: Any) -> set[str]:
    """Every ``id`` of a section, at any depth of ``sections`` lists."""
    found: set[str] = set()
    if isinstance(data, dict):
        for section in data.get("sections") or []:
            if isinstance(section, dict):
                if isinstance(section.get("id"), str):
                    found.add(section["id"])
                found |= section_ids(section)
    return found
