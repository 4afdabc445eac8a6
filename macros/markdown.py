"""Citations as a Python-Markdown extension, in the shape of Markdown's own footnotes extension.

Listed in ``mkdocs.yml`` under ``markdown_extensions`` as ``macros.markdown`` (MkDocs and
Zensical both load it from there; neither runs a hook for it). The macros leave plain-text tokens
(``marker()``, ``references()``); this extension turns them into a page's numbered markers and its
References section while Markdown parses the page:

* an inline processor turns each token in Markdown text into a placeholder element;
* a treeprocessor (after the inline ones, before ``toc``) walks the page in document order, numbering
  the placeholders, and the tokens in HTML Markdown does not read (the quiz's: raw HTML blocks, and the
  raw parts of its ``md_in_html`` blocks) as it meets them, and puts the References section where
  ``references()`` left its token, else at the end. Its ``<h2>`` is an element of the page, so the
  ``toc`` extension lists it and gives it a permalink.

Markup comes from the templates in ``macros/templates/citations/`` (escaped there). The References
heading, list and items are elements of the page; a marker, and what an item holds (back-links and the
reference), go into Markdown's HTML stash as rendered, the way Markdown keeps inline HTML: written out
as they are, never parsed as Markdown or HTML again. (As today, MkDocs checks the links from other
pages to ``ref-<key>``; the back-links point at markers, some inside the quiz's raw HTML, so they stay
rendered HTML as the markers are.)

State is per page: the treeprocessor starts it afresh in every ``run`` (so the extension needs no
``reset()`` for ``Markdown.reset()`` to call between documents), and builders make a new Markdown
instance for every page anyway. The registry is the site model's (``macros.model.current_model``:
the model the build compiled, kept once for each state of the files), loaded once per build. An unknown key fails the page, naming it and the nearest keys.

Config: ``project_root`` (the project whose ``content_src/sources.yaml`` is used; default the
current directory, where both builders are run from) or, for tests, ``registry`` (a ``Registry``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE, AtomicString

from .citations.markers import REFERENCES_TOKEN, TOKEN_RE
from .citations.resolve import (CitationError, PageCitations, UnknownSourceError, marker_html, references_heading_html,
                                references_html, unknown_keys)
from .core.problems import ContentError
from .model import current_model
from .model.sources import Registry

# A marker token, or the References token: group 1 is the keys of a marker.
_TOKEN_PATTERN = f"{TOKEN_RE.pattern}|{REFERENCES_TOKEN}"
# A token Markdown left as text, or the placeholder of a raw HTML block (group 2: its index).
_TEXT_RE = re.compile(f"{TOKEN_RE.pattern}|{HTML_PLACEHOLDER_RE.pattern}")
_PENDING = "data-citation-keys"      # placeholder <sup> of a marker, until it is numbered
_REFERENCES = "data-citation-references"
INLINE_PRIORITY = 185                # before emphasis and the rest; after code spans and escapes
TREE_PRIORITY = 15                   # after the inline processors (20); before attr_list (8), toc (5)


class CitationTokenProcessor(InlineProcessor):
    """``⟦cite:a,b⟧`` -> a placeholder ``<sup>``; ``⟦references⟧`` -> a placeholder ``<div>``."""

    def handleMatch(self, m: re.Match, data: str) -> tuple[etree.Element, int, int]:  # noqa: N802
        if m.group(1):
            element = etree.Element("sup", {_PENDING: m.group(1)})
        else:
            element = etree.Element("div", {_REFERENCES: ""})
        return element, m.start(0), m.end(0)


class CitationTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: "CitationsExtension"):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        self.state: PageCitations | None = None
        self.unknown: dict[str, list[str]] = {}
        self.places: list[etree.Element] = []
        self.raw_references = False
        self._walk(root)
        page = self.extension.page_path(self.md)
        if self.unknown:
            raise self.extension.build_error(self.md, UnknownSourceError(page, self.unknown))
        if self.raw_references:
            raise self.extension.build_error(self.md, CitationError(
                f"{page or 'this page'}: references() is inside an HTML block; put it on a line of its own, "
                "outside HTML"))
        if len(self.places) > 1:
            raise self.extension.build_error(self.md, CitationError(
                f"{page or 'this page'}: references() is used {len(self.places)} times; "
                "a page has one References section"))
        section = self._references(self.state) if self.state and self.state.numbers else []
        if self.places:
            self._place_references(root, self.places[0], section)
        else:
            root.extend(section)

    # Document order: an element's text, then each child and its tail.
    def _walk(self, element: etree.Element) -> None:
        element.text = self._text(element.text)
        for child in list(element):
            keys = child.attrib.get(_PENDING)
            if keys is not None:
                self._replace(element, child, self._marker(keys))
                continue
            if _REFERENCES in child.attrib:
                self.places.append(child)
            self._walk(child)
            child.tail = self._text(child.tail)

    def _marker(self, keys: str) -> str:
        """The numbered marker for ``keys`` (the page's next use of each); unknown keys are collected."""
        if self.state is None:
            self.state = PageCitations(self.extension.registry(self.md))
        unknown = unknown_keys(keys.split(","), self.state.registry)
        self.unknown.update(unknown)
        return "" if unknown else marker_html(keys.split(","), self.state)

    def _text(self, text: str | None) -> str | None:
        """``text`` with its markers numbered: tokens Markdown left as text (raw HTML that md_in_html
        parsed) and tokens inside the raw HTML its placeholders stand for."""
        if not text or ("\u27e6" not in text and "\x02" not in text):
            return text
        if REFERENCES_TOKEN in text:
            self.raw_references = True
        out = _TEXT_RE.sub(self._in_text, text)
        return AtomicString(out) if isinstance(text, AtomicString) else out

    def _in_text(self, m: re.Match) -> str:
        if m.group(1) is not None:  # a token in text: its marker, placed as Markdown places inline HTML
            return self.md.htmlStash.store(self._marker(m.group(1)))
        raw = self.md.htmlStash.rawHtmlBlocks
        index = int(m.group(2))
        block = raw[index] if index < len(raw) else None
        if isinstance(block, str) and "\u27e6" in block:
            if REFERENCES_TOKEN in block:
                self.raw_references = True
            raw[index] = TOKEN_RE.sub(lambda t: self._marker(t.group(1)), block)
        return m.group(0)

    def _replace(self, parent: etree.Element, placeholder: etree.Element, html: str) -> None:
        """Put ``html`` (rendered, escaped) where ``placeholder`` is, as Markdown places inline HTML."""
        text = self.md.htmlStash.store(html) + (self._text(placeholder.tail) or "")
        children = list(parent)
        at = children.index(placeholder)
        if at == 0:
            parent.text = (parent.text or "") + text
        else:
            children[at - 1].tail = (children[at - 1].tail or "") + text
        parent.remove(placeholder)

    def _references(self, state: PageCitations) -> list[etree.Element]:
        """The heading and the list as elements of the page (``toc`` lists the heading; MkDocs sees the
        items' ids, which /sources/ links to); each item's back-links and reference as rendered HTML."""
        heading = etree.fromstring(references_heading_html())
        listing_html, contents = references_html(state)
        parts = list(etree.fromstring(listing_html))  # [skip link], the list, [its end]
        listing = next(part for part in parts if part.tag == "ol")
        for item, html in zip(listing, contents):
            item.text = self.md.htmlStash.store(html)
        heading.tail = "\n"
        return [heading, *parts]

    def _place_references(self, root: etree.Element, place: etree.Element, section: list[etree.Element]) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        parent = parents[place]
        # references() is a paragraph of its own: the section replaces the paragraph.
        if parent.tag == "p" and len(parent) == 1 and not (parent.text or "").strip() \
                and not (place.tail or "").strip() and parent in parents:
            place, parent = parent, parents[parent]
        at = list(parent).index(place)
        parent.remove(place)
        for offset, element in enumerate(section):
            parent.insert(at + offset, element)


class CitationsExtension(Extension):
    def __init__(self, **kwargs: Any):
        self.config = {
            "project_root": [".", "the project whose content_src/sources.yaml is cited (default: the current directory)"],
            "registry": ["", "a Registry to use instead of the project's (tests)"],  # not None: read as a bool
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        md.inlinePatterns.register(CitationTokenProcessor(_TOKEN_PATTERN, md), "citations", INLINE_PRIORITY)
        md.treeprocessors.register(CitationTreeprocessor(md, self), "citations", TREE_PRIORITY)

    def registry(self, md: Markdown) -> Registry:
        given = self.getConfig("registry")
        if isinstance(given, Registry):
            return given
        try:
            return current_model(self.getConfig("project_root")).registry.require_valid()
        except ContentError as exc:  # the registry's own problems, path:line first
            raise self.build_error(md, exc) from None

    @staticmethod
    def page_path(md: Markdown) -> str | None:
        """The page being converted, ``docs/<name>.md``, when the builder says (MkDocs, Zensical)."""
        relpath = md.treeprocessors["relpath"] if "relpath" in md.treeprocessors else None
        src = getattr(getattr(relpath, "file", None), "src_path", None)               # MkDocs
        if src is None and "rendering_context" in md.preprocessors:
            src = getattr(getattr(md.preprocessors["rendering_context"], "page", None), "path", None)  # Zensical
        return f"docs/{src}" if src else None

    @staticmethod
    def build_error(md: Markdown, exc: Exception) -> Exception:
        """``exc`` as MkDocs's plugin error when MkDocs is converting (it prints that without a traceback)."""
        if "relpath" not in md.treeprocessors:  # not MkDocs (Zensical, a test): the error as it is
            return exc
        try:
            from mkdocs.exceptions import PluginError
        except ImportError:
            return exc
        return PluginError(str(exc))


def makeExtension(**kwargs: Any) -> CitationsExtension:  # noqa: N802 (Python-Markdown's entry point)
    return CitationsExtension(**kwargs)
