"""Numbering one page's citations and writing its References section.

``resolve_page(markdown, registry, page_path)`` is a pure function of the rendered page's
Markdown: it replaces every ``marker()`` token, in order, with a numbered marker and puts the
References section where ``references()`` left its token (or at the end of the page).

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

from .format import entry_html, entry_text
from .markers import REFERENCES_TOKEN, TOKEN_RE, find_markers
from .registry import Registry
from .templates import render, render_inline


class CitationError(Exception):
    """A page's citations cannot be resolved; the message names the page."""


class UnknownSourceError(CitationError):
    def __init__(self, page_path: str, unknown: dict[str, list[str]]):
        self.page_path = page_path
        self.unknown = unknown
        parts = []
        for key, nearest in unknown.items():
            hint = f"nearest existing keys: {', '.join(nearest)}" if nearest else "no similar key exists"
            parts.append(f"unknown source key '{key}' ({hint})")
        super().__init__(f"{page_path}: " + "; ".join(parts) + "; add the source to content_src/sources.yaml "
                         "or fix the key")


@dataclass
class _PageCitations:
    """Numbering state for one page only (created and dropped inside ``resolve_page``)."""

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
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return runs


def resolve_page(markdown: str, registry: Registry, page_path: str) -> str:
    """The page's Markdown with numbered markers and its References section (see module doc)."""
    unknown = {}
    for _, keys in find_markers(markdown):
        for key in keys:
            if key not in registry and key not in unknown:
                unknown[key] = registry.nearest(key)
    if unknown:
        raise UnknownSourceError(page_path, unknown)
    if markdown.count(REFERENCES_TOKEN) > 1:
        raise CitationError(f"{page_path}: references() is used {markdown.count(REFERENCES_TOKEN)} times; "
                            "a page has one References section")

    state = _PageCitations(registry)
    body = TOKEN_RE.sub(lambda m: _marker_html(m.group(1).split(","), state), markdown)
    if not state.numbers:
        return body.replace(REFERENCES_TOKEN, "")
    section = "\n\n" + _references_markdown(state) + "\n\n"
    if REFERENCES_TOKEN in body:
        return body.replace(REFERENCES_TOKEN, section)
    return body.rstrip("\n") + "\n" + section


def _marker_html(keys: list[str], state: _PageCitations) -> str:
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
    return str(render_inline("marker.html.j2", parts=parts))


def _references_markdown(state: _PageCitations) -> str:
    items = []
    for key, number in sorted(state.numbers.items(), key=lambda item: item[1]):
        count = state.uses[key]
        backlinks = [{"href": "#" + use_id(key, n), "letter": letters(n) if count > 1 else None}
                     for n in range(1, count + 1)]
        items.append({"key": key, "number": number, "entry": entry_html(state.registry[key]),
                      "backlinks": backlinks})
    return render("references.md.j2", items=items).strip("\n")
