"""The ``/sources/`` page's list: every registry entry, grouped by kind (within a kind, the sources cited on
the most pages first, then A to Z), with the pages citing it.

Which pages cite a source comes from the usage index (the project's files), not from what has
been rendered so far, so the list is complete whatever order MkDocs builds pages in. Each entry
has the id ``source-<key>``; each "cited on" link goes to the page's reference entry
(``<page>#ref-<key>``), which MkDocs checks like any other link.
"""

from __future__ import annotations

import posixpath

from .format import entry_html, entry_text
from ..model.sources import Registry
from ..core.templating import render
from ..model.index import UsageIndex

KIND_ORDER = ("guideline", "webpage", "journal-article", "book")


def sources_list_markdown(registry: Registry, usage: UsageIndex, from_page: str) -> str:
    """Markdown for ``from_page`` (docs-relative, e.g. ``sources.md``) listing every source."""
    base = posixpath.dirname(from_page) or "."
    citing = usage.citing_pages()
    groups = []
    for kind in KIND_ORDER:
        # the sources most pages rely on first (NICE and the NHS before a regulation cited by one page), then A to Z
        sources = sorted((s for s in registry if s.kind == kind),
                         key=lambda s: (-len(citing.get(s.key, [])), entry_text(s).lower(), s.key))
        if not sources:
            continue
        entries = []
        for source in sources:
            pages = [{"title": usage.titles.get(page, page),
                      "href": posixpath.relpath(page, base) + f"#ref-{source.key}"}
                     for page in citing.get(source.key, []) if page != from_page]
            entries.append({"key": source.key, "entry": entry_html(source), "pages": pages})
        groups.append({"kind": kind, "entries": entries})
    return render("citations/sources_list.md.j2", groups=groups).strip("\n")
