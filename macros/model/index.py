"""Where each source is cited, read from the site model (no build needed).

A source is cited by:

* a ``cite:`` list anywhere in ``content_src/pages/<slug>.yaml``;
* a care card's ``cite:`` in ``content_src/care_cards.yaml`` (shown on each page that places the card);
* a glossary entry's ``cite:`` in ``content_src/glossary.yaml`` (shown on the page that lists the glossary);
* a ``sources:`` list anywhere in ``quiz/banks/<bank>.yaml``;
* a ``cite("key", ...)`` call in a page shell's template (``docs/**/*.md``).

Each use is a ``Usage`` with the file and line. ``UsageIndex.pages_citing(key)`` says which site
pages show the source: a shell that calls ``cite()`` itself, that shows a content file with
``page_content()``, or that shows a bank (``page_content()`` on the bank's topic page). Pages are
named by their nav title (outside the nav, the title in their content file) and listed in nav order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from ..core.project import Project
from ..core.yamlsource import Document
from .pages import page_docs
from .shells import CITE_MACRO, GLOSSARY_LIST_MACRO
from .walk import card_blocks


@dataclass(frozen=True, order=True)
class Usage:
    """One citation of ``key`` in ``path`` (project-relative) at ``line``."""

    path: str
    line: int
    key: str
    column: int | None = None
    shown_on: tuple[str, ...] = field(default=(), compare=False)  # docs pages, when not those of ``path``


@dataclass
class UsageIndex:
    usages: list[Usage] = field(default_factory=list)
    pages_by_file: dict[str, list[str]] = field(default_factory=dict)  # usage file -> docs pages
    titles: dict[str, str] = field(default_factory=dict)               # docs page -> its title
    order: dict[str, int] = field(default_factory=dict)                # docs page -> its place in ``SiteModel.shells``

    def keys(self) -> set[str]:
        return {u.key for u in self.usages}

    def pages_citing(self, key: str) -> list[str]:
        """The docs pages (``red-flags.md``) on which ``key`` is cited, in the site's order."""
        return self.citing_pages().get(key, [])

    def citing_pages(self) -> dict[str, list[str]]:
        """``pages_citing`` for every cited key at once, in one pass over the usages.

        The /sources/ page needs every key; asking ``pages_citing`` for each made that page's
        cost grow with sources x usages (minutes for a site of a thousand pages).
        """
        found: dict[str, set[str]] = {}
        for usage in self.usages:
            found.setdefault(usage.key, set()).update(self.pages_by_file.get(usage.path, []), usage.shown_on)
        return {key: sorted(pages, key=lambda page: (self.order.get(page, len(self.order)), page))
                for key, pages in found.items()}


def index_model(model) -> UsageIndex:
    """The usage index of ``model`` (a ``SiteModel``, which asks for it as ``model.usages``)."""
    index = UsageIndex(order={shell.src: i for i, shell in enumerate(model.shells)})  # nav order, then the rest
    project = model.project
    for shell in model.shells:
        data = model.pages.get(shell.content) if shell.content and not shell.in_nav else None
        index.titles[shell.src] = data.title if data is not None else shell.title  # outside the nav: its own title
        index.pages_by_file.setdefault(shell.path, []).append(shell.src)
        for call in shell.calls_named(CITE_MACRO):
            for key, column in zip(call.args, call.columns):
                if isinstance(key, str):
                    index.usages.append(Usage(shell.path, call.line, key, column))
    for kind, list_name in (("pages", "cite"), ("banks", "sources")):
        for path in model.kind_files(kind):
            index.usages += _cited_in(project.try_load(path)[0], list_name)
            shows = model.shells_showing_content if kind == "pages" else model.shells_showing_bank
            index.pages_by_file[project.rel(path)] = [s.src for s in shows(path.stem)]
    index.usages += _care_card_usages(model)
    index.usages += _glossary_usages(model)
    index.usages.sort()
    return index


def _care_card_usages(model) -> list[Usage]:
    """Each source a care card cites, shown on the docs pages of every page that places the card."""
    pages: dict[str, set[str]] = {}
    for placed in model.placements:
        pages.setdefault(placed.card_id, set()).update(s.src for s in model.shells_showing_content(placed.slug))
    return _cited_in(model.kind("care_cards").doc, "cite", lambda where: tuple(sorted(pages.get(where[0], ()))))


def _glossary_usages(model) -> list[Usage]:
    """Each source a glossary entry cites, shown on the docs pages that list the glossary."""
    shown = tuple(sorted(s.src for s in model.shells if s.calls_named(GLOSSARY_LIST_MACRO)))
    return _cited_in(model.kind("glossary").doc, "cite", lambda where: shown)


def _cited_in(doc: Document | None, list_name: str,
              shown_on: Callable[[tuple], tuple[str, ...]] = lambda where: ()) -> list[Usage]:
    """A ``Usage`` for each key in every ``list_name`` list of ``doc``, at its line and column; ``shown_on``
    names the docs pages that show it when they are not those of the file itself."""
    if doc is None:
        return []  # the file's own check says why it cannot be read
    found = []
    for where, key in _walk_lists(doc.data, (), list_name):
        line, column = doc.where.position(where)
        found.append(Usage(doc.path, line, key, column, shown_on(where)))
    return found


def _walk_lists(data: Any, path: tuple, list_name: str) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, dict):
        for name, value in data.items():
            if name == list_name and isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, str):
                        yield path + (name, i), item
            else:
                yield from _walk_lists(value, path + (name,), list_name)
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from _walk_lists(item, path + (i,), list_name)


@dataclass(frozen=True)
class Placement:
    slug: str       # the page whose data places the card
    doc: Document
    path: tuple     # the placing block's path in the page's data
    card_id: str


def placements(project: Project) -> list[Placement]:
    """Every ``care_card: <id>`` block of every page data file, in page and reading order."""
    return [Placement(slug, doc, path, card_id)
            for slug, doc in page_docs(project) for path, card_id in card_blocks(doc.data)]
