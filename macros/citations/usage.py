"""Where each source is cited, worked out from the project's files (no build needed).

A source is cited by:

* a ``cite:`` list anywhere in ``content_src/pages/<slug>.yaml``;
* a care card's ``cite:`` in ``content_src/care_cards.yaml`` (shown on each page that places the card);
* a ``sources:`` list anywhere in ``quiz/banks/<bank>.yaml``;
* a ``cite("key", ...)`` call in ``docs/**/*.md``.

Each use is a ``Usage`` with the file and line. ``UsageIndex.pages_citing(key)`` says which site
pages show the source: a docs page that calls ``cite()`` itself, that renders a content file with
``page_content("<slug>")``, or that renders a bank with ``quiz("<bank>")`` or ``quiz_all()``.
Pages are named by their nav title in ``mkdocs.yml`` (else their own title) and listed in nav order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import yaml

from ..project import Project

_STRING = r"""(?:"[^"\n]*"|'[^'\n]*')"""
CITE_CALL_RE = re.compile(rf"\bcite\(\s*({_STRING}(?:\s*,\s*{_STRING})*)\s*,?\s*\)")
_STRING_RE = re.compile(_STRING)
PAGE_CONTENT_RE = re.compile(r"""\bpage_content\(\s*["']([^"'\n]+)["']\s*\)""")
QUIZ_RE = re.compile(r"""\bquiz\(\s*["']([^"'\n]+)["']\s*\)""")
QUIZ_ALL_RE = re.compile(r"\bquiz_all\(\s*\)")
_FRONT_MATTER_RE = re.compile(r"\A---\s*\n(.*?\n)---\s*\n", re.S)
_H1_RE = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)


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
    nav_order: list[str] = field(default_factory=list)                 # docs pages in the nav's order

    def by_key(self) -> dict[str, list[Usage]]:
        found: dict[str, list[Usage]] = {}
        for usage in sorted(self.usages):
            found.setdefault(usage.key, []).append(usage)
        return found

    def keys(self) -> set[str]:
        return {u.key for u in self.usages}

    def pages_citing(self, key: str) -> list[str]:
        """The docs pages (``red-flags.md``) on which ``key`` is cited, sorted."""
        pages = {page for u in self.usages if u.key == key for page in self._pages_of(u)}
        return sorted(pages, key=self._page_order())

    def _pages_of(self, usage: Usage) -> list[str]:
        return [*self.pages_by_file.get(usage.path, []), *usage.shown_on]

    def citing_pages(self) -> dict[str, list[str]]:
        """``pages_citing`` for every cited key at once, in one pass over the usages.

        The /sources/ page needs every key; asking ``pages_citing`` for each made that page's
        cost grow with sources x usages (minutes for a site of a thousand pages).
        """
        found: dict[str, set[str]] = {}
        for usage in self.usages:
            found.setdefault(usage.key, set()).update(self._pages_of(usage))
        order = self._page_order()
        return {key: sorted(pages, key=order) for key, pages in found.items()}

    def _page_order(self) -> Callable[[str], tuple[int, int, str]]:
        """A sort key: nav order first, then pages outside the nav (home first, then by name)."""
        positions: dict[str, int] = {}
        for position, page in enumerate(self.nav_order):
            positions.setdefault(page, position)

        def order(page: str) -> tuple[int, int, str]:
            if page in positions:
                return (0, positions[page], page)
            return (1, 0 if page == "index.md" else 1, page)

        return order


def usage_index(project: Project) -> UsageIndex:
    index = UsageIndex()
    nav = nav_titles(project)
    index.nav_order = list(nav)
    docs = sorted(project.docs_dir.rglob("*.md")) if project.docs_dir.is_dir() else []
    shows_content: dict[str, list[str]] = {}
    shows_bank: dict[str, list[str]] = {}
    shows_all_banks: list[str] = []
    for path in docs:
        page = path.relative_to(project.docs_dir).as_posix()
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the build reports unreadable pages
        rel = project.rel(path)
        index.titles[page] = nav.get(page) or page_title(text, path.stem)
        index.usages += _cite_calls(text, rel)
        index.pages_by_file.setdefault(rel, []).append(page)
        for slug in PAGE_CONTENT_RE.findall(text):
            shows_content.setdefault(slug, []).append(page)
        for bank in QUIZ_RE.findall(text):
            shows_bank.setdefault(bank, []).append(page)
        if QUIZ_ALL_RE.search(text):
            shows_all_banks.append(page)

    for path in _yaml_files(project.content_dir / "pages"):
        rel = project.rel(path)
        index.usages += _listed_keys(project, path, "cite")
        index.pages_by_file[rel] = shows_content.get(path.stem, [])
    index.usages += _care_card_usages(project, shows_content)
    for path in _yaml_files(project.banks_dir):
        rel = project.rel(path)
        index.usages += _listed_keys(project, path, "sources")
        index.pages_by_file[rel] = sorted(set(shows_bank.get(path.stem, []) + shows_all_banks))
    index.usages.sort()
    return index


def _care_card_usages(project: Project, shows_content: dict[str, list[str]]) -> list[Usage]:
    """Each source a care card cites, shown on the docs pages of every page that places the card."""
    from ..care_cards import load_care_cards, placements

    cards = load_care_cards(project)
    if cards.doc is None:
        return []
    pages: dict[str, set[str]] = {}
    for placed in placements(project):
        pages.setdefault(placed.card_id, set()).update(shows_content.get(placed.slug, []))
    found = []
    for where, key in _walk_lists(cards.doc.data, (), "cite"):
        line, column = cards.doc.where.position(where)
        found.append(Usage(cards.doc.path, line, key, column, tuple(sorted(pages.get(where[0], ())))))
    return found


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


def _cite_calls(text: str, rel: str) -> list[Usage]:
    found = []
    for call in CITE_CALL_RE.finditer(text):
        for literal in _STRING_RE.finditer(call.group(1)):
            offset = call.start(1) + literal.start()
            line = text.count("\n", 0, offset) + 1
            column = offset - (text.rfind("\n", 0, offset) + 1) + 1
            found.append(Usage(rel, line, literal.group(0)[1:-1], column))
    return found


def _listed_keys(project: Project, path: Path, list_name: str) -> list[Usage]:
    doc, _ = project.try_load(path)
    if doc is None:
        return []  # the file's own check says why it cannot be read
    found = []
    for where, key in _walk_lists(doc.data, (), list_name):
        line, column = doc.where.position(where)
        found.append(Usage(doc.path, line, key, column))
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


def page_title(markdown: str, fallback: str) -> str:
    """A docs page's title: its front matter ``title``, else its first ``# `` heading."""
    match = _FRONT_MATTER_RE.match(markdown)
    if match:
        try:
            meta = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            meta = None
        if isinstance(meta, dict) and isinstance(meta.get("title"), str) and meta["title"].strip():
            return meta["title"].strip()
    heading = _H1_RE.search(markdown[match.end():] if match else markdown)
    if heading and "{{" not in heading.group(1):
        return heading.group(1)
    return fallback.replace("-", " ").capitalize()


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (!ENV, !!python/name)."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def nav_titles(project: Project) -> dict[str, str]:
    """``{"red-flags.md": "Red flags", ...}`` from mkdocs.yml's nav, in nav order (sections flattened).

    A page listed without a title maps to ``""``.
    """
    try:
        config = yaml.load((project.root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    found: dict[str, str] = {}

    def walk(items: Any) -> None:
        for item in items if isinstance(items, list) else []:
            if isinstance(item, str) and item.endswith(".md"):
                found.setdefault(item, "")  # listed without a title: the page's own title is used
            elif isinstance(item, dict):
                for title, target in item.items():
                    if isinstance(target, str) and target.endswith(".md"):
                        found.setdefault(target, str(title))
                    else:
                        walk(target)

    walk(config.get("nav") if isinstance(config, dict) else None)
    return found
