"""Pages that moved: ``content_src/moved.yaml`` maps an old page's name to the page (and section) it moved to.

A page's address is public (bookmarks, links from other sites), so a moved page keeps its old address:
``docs/<old>.md`` holds ``{{ moved_page() }}`` (listed under ``not_in_nav`` in ``mkdocs.yml``), and this
file says where it went::

    tumour-vs-common-back-pain: tumour-vs-mechanical-pain.md

The build gives the old address a page that sends the reader on at once (``<meta http-equiv="refresh">``),
names the new address as the canonical one and links to it, with the new page's title and description
(``overrides/main.html``); ProperDocs and Zensical both build it, since it is an ordinary page. The rule
``moved_pages`` (``macros.pages.moved``, in ``macros/rules.py``) refuses an entry whose old or
new page is missing, a ``{{ moved_page() }}`` no entry names, and a move to a page that has itself moved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from ..core.problems import Problem
from ..core.project import Project
from ..core.schemas import load_validated
from ..core.yamlsource import Document

MOVED_PATH = "content_src/moved.yaml"
SCHEMA_COMMENT = "# yaml-language-server: $schema=../macros/schemas/moved.schema.json"
MOVED_MACRO = "moved_page"


@dataclass(frozen=True)
class Moved:
    path: str
    targets: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # old name -> new.md[#id]
    problems: tuple[Problem, ...] = ()
    doc: Document | None = None


def load_moved(project: Project) -> Moved:
    found = load_validated(project, MOVED_PATH, "moved", schema_line=SCHEMA_COMMENT, what="the moved pages")
    targets = dict(found.doc.data) if found.clean else {}
    return Moved(found.path, MappingProxyType(targets), tuple(found.problems), found.doc)
