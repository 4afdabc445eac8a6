"""Numbering one page's citations and writing its References section: the rules and the markup.

The Markdown extension (``extension.py``) walks a page in order and asks a ``PageCitations`` for each
marker's HTML (``marker_html``) and, at the end, for the References section (``references_html``).

* Numbers follow first use on the page; a source cited again keeps its number.
* A group cited together is one marker, numbers sorted and runs of three or more collapsed:
  ``[1, 3]``, ``[2–4]``.
* Every use of a source gets its own id, ``cite-<key>-<n>`` (the n-th use of ``key`` on the page),
  and the reference entry ``ref-<key>`` links back to each (``^`` for one use, ``^ a b c`` for more).
* A page with no citations gets no References section.
* An unknown key raises ``UnknownSourceError`` naming the page, the key and the nearest keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby
from typing import Iterable

from .format import entry_html, entry_text
from ..model.sources import Registry, unknown_key
from ..core.templating import render, render_inline


class CitationError(Exception):
    """A page's citations cannot be resolved; the message names the page."""


class UnknownSourceError(CitationError):
    def __init__(self, page_path: str | None, unknown: dict[str, list[str]]):
        parts = [unknown_key(key, nearest) for key, nearest in unknown.items()]
        where = f"{page_path}: " if page_path else ""
        super().__init__(where + "; ".join(parts) + "; add the source to content_src/sources.yaml or fix the key")


def unknown_keys(keys: Iterable[str], registry: Registry) -> dict[str, list[str]]:
    """Each key not in ``registry``, once, with the nearest existing keys."""
    return {key: registry.nearest(key) for key in dict.fromkeys(keys) if key not in registry}


@dataclass
class PageCitations:
    """Numbering state for one page only (the extension makes a new one for every page)."""

    registry: Registry
    numbers: dict[str, int] = field(default_factory=dict)
    uses: dict[str, int] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)

    def number(self, key: str) -> int:
        return self.numbers.setdefault(key, len(self.numbers) + 1)

    def title(self, key: str) -> str:
        """The tooltip text of ``key`` (worked out once a page; a page cites a source many times)."""
        if key not in self.titles:
            self.titles[key] = entry_text(self.registry[key])
        return self.titles[key]

    def next_use_id(self, key: str) -> str:
        self.uses[key] = self.uses.get(key, 0) + 1
        return use_id(key, self.uses[key])


def use_id(key: str, n: int) -> str:
    """The id of the ``n``-th citation of ``key`` on a page (1-based), the back-links' target."""
    return f"cite-{key}-{n}"


def letters(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa: the labels of back-links when a source is cited more than once."""
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def number_runs(numbers: list[int]) -> list[list[int]]:
    """Sorted numbers in runs of consecutive values: [1, 2, 3, 5] -> [[1, 2, 3], [5]]."""
    values = enumerate(sorted(set(numbers)))  # consecutive values keep the same difference from their place
    return [[n for _, n in run] for _, run in groupby(values, key=lambda pair: pair[1] - pair[0])]


def marker_html(keys: list[str], state: PageCitations) -> str:
    """The numbered marker for citing ``keys`` together here (the page's next use of each)."""
    keys = list(dict.fromkeys(keys))  # a key listed twice in one group is one citation
    links = {}
    for key in keys:
        number = state.number(key)
        links[number] = {"number": number, "key": key, "id": state.next_use_id(key),
                         "title": state.title(key)}
    parts = []
    for run in number_runs(list(links)):
        if len(run) >= 3:
            parts.append({"first": links[run[0]], "last": links[run[-1]],
                          "hidden": [links[n]["id"] for n in run[1:-1]]})
        else:
            parts += [{"first": links[n], "last": None, "hidden": []} for n in run]
    return str(render_inline("citations/marker.html.j2", parts=parts))


def references_heading_html() -> str:
    """The References section's heading (``<h2 id="references">``)."""
    return render("citations/references_heading.html.j2").strip()


def references_html(state: PageCitations) -> tuple[str, list[str]]:
    """The page's list of references (``<div>`` holding ``<ol class="references">`` with one empty ``<li>``
    a source in number order, and a skip link around a long list), and what goes in each ``<li>``."""
    items, contents = [], []
    for key, number in sorted(state.numbers.items(), key=lambda item: item[1]):
        count = state.uses[key]
        backlinks = [{"href": "#" + use_id(key, n), "letter": letters(n) if count > 1 else None}
                     for n in range(1, count + 1)]
        items.append({"key": key, "number": number})
        contents.append(render("citations/reference_item.html.j2", item={
            "number": number, "entry": entry_html(state.registry[key]), "backlinks": backlinks}).strip())
    return render("citations/references.html.j2", items=items).strip(), contents
