"""A Python-Markdown extension for long pages (issue 23): an "On this page" list near the top, and
section permalinks ("¶") out of the keyboard's way.

- A page whose text is longer than ``min_chars`` characters (about four phone screens: a phone screen
  holds some 700 characters of this site's pages; tests/test_reader_browser.py measures the pages) gets
  a list of its sections (its ``<h2>``), as nhs.uk puts a contents list under the title of a long page.
  It goes after the "If you need help now" box (``.help-summary``), which owns the first screens; on a
  page without one, before the first section after the page's first care card (so urgent guidance stays
  first), or else before the first section. It lists the sections below it, when there are two or more.
  It is a disclosure ("On this page", one line until opened: Material's ``details`` style, no stylesheet
  of its own), so that it does not push the cards down: When to get help lists 12 sections, and its
  first card must start within two phone screens (tests/test_help_browser.py).
- The toc extension's permalinks are left for the mouse: out of the tab order and hidden from screen
  readers (25 "¶" tab stops on one page before), and ``site.css`` hides them on narrow screens.

Both builders run it (mkdocs.yml ``markdown_extensions``, after ``toc``). Config: ``title`` (the list's
title) and ``min_chars``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

TREE_PRIORITY = 4  # after toc (5), which adds the ids and permalinks
_TAG_RE = re.compile(r"<[^>]+>")


def _classes(element: etree.Element) -> set[str]:
    return set((element.get("class") or "").split())


class ContentsTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, title: str, min_chars: int) -> None:
        super().__init__(md)
        self.title = title
        self.min_chars = min_chars

    def text_length(self, root: etree.Element) -> int:
        """The characters of the page's text, raw HTML blocks (their text, not their tags) included."""
        text = "".join(root.itertext())
        stash = self.md.htmlStash.rawHtmlBlocks

        def raw(match: re.Match) -> str:
            index = int(match.group(1))
            return _TAG_RE.sub("", str(stash[index])) if index < len(stash) else ""

        return len(" ".join(HTML_PLACEHOLDER_RE.sub(raw, text).split()))

    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            if "headerlink" in _classes(link):
                link.set("tabindex", "-1")
                link.set("aria-hidden", "true")
        if not self.title or self.text_length(root) < self.min_chars:
            return
        children = list(root)
        at = self.insertion_point(children)
        if at is None:
            return
        sections = [h for h in children[at:] if h.tag == "h2" and h.get("id")]
        if len(sections) < 2:
            return
        root.insert(at, self.contents(sections))

    @staticmethod
    def insertion_point(children: list[etree.Element]) -> int | None:
        """Where the list goes among the page's top-level elements (None: the page has no sections)."""
        for index, child in enumerate(children):
            if "help-summary" in _classes(child):
                return index + 1
        first_card = next((i for i, c in enumerate(children) if "care-card" in _classes(c)), -1)
        return next((i for i, c in enumerate(children) if c.tag == "h2" and i > first_card), None)

    def contents(self, sections: list[etree.Element]) -> etree.Element:
        box = etree.Element("details", {"class": "page-contents"})
        etree.SubElement(box, "summary").text = self.title
        items = etree.SubElement(box, "ul")
        for heading in sections:
            link = etree.SubElement(etree.SubElement(items, "li"), "a", {"href": "#" + heading.get("id")})
            link.text = " ".join("".join(_heading_text(heading)).split())
        return box


def _heading_text(heading: etree.Element):
    """A heading's words, without its permalink."""
    if heading.text:
        yield heading.text
    for child in heading:
        if "headerlink" not in _classes(child):
            yield from child.itertext()
        if child.tail:
            yield child.tail


class ContentsExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "title": ["", "the list's title (no list without one)"],
            "min_chars": [2800, "the length of text (characters) from which a page gets the list"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(
            ContentsTreeprocessor(md, self.getConfig("title"), int(self.getConfig("min_chars"))),
            "page_contents", TREE_PRIORITY)


def makeExtension(**kwargs: Any) -> ContentsExtension:  # noqa: N802 (Python-Markdown's entry point)
    return ContentsExtension(**kwargs)
