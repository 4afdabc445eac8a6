"""Linking the first use of each glossary term on a topic page to its entry on ``/glossary/``.

Whole words, any case, once per page, never in a heading, a care card or an existing link, nor where
it holds a number (that number is a ``tel:`` link). ``FirstUse`` finds the uses; ``macros.core.text``
writes the links, so the text path that escapes content text is the only one that makes them.
"""

from __future__ import annotations

import posixpath

from ..model.glossary import PAGE, Glossary


class FirstUse:
    """Splits text into plain pieces and first uses of glossary terms, remembering what it linked."""

    def __init__(self, glossary: Glossary, page_src: str):
        """The linker for one page ``docs/<page_src>``: each entry links once."""
        self._pattern = glossary.pattern
        self._by_form = glossary.by_form
        self._page = posixpath.relpath(PAGE, posixpath.dirname(page_src) or ".")  # the glossary, from this page
        self.linked: list[str] = []   # entry ids, in the order they were linked
        self.used: set[str] = set()   # entry ids whose term appeared, linked or not

    def split(self, text: str) -> list[tuple[str, str | None]]:
        """``[(piece, href or None), ...]`` covering ``text``; an href is this page's link to the entry."""
        if self._pattern is None:
            return [(text, None)]
        out, at = [], 0
        for match in self._pattern.finditer(text):
            term = self._by_form[match.group().casefold()]
            self.used.add(term.id)
            if term.id in self.linked or any(c.isdigit() for c in match.group()):
                continue  # a use with a number in it ("NHS 111") stays text, so the number becomes a tel: link
            self.linked.append(term.id)
            out += [(text[at:match.start()], None), (match.group(), f"{self._page}#{term.id}")]
            at = match.end()
        out.append((text[at:], None))
        return [(piece, href) for piece, href in out if piece]


def first_use_for(glossary: Glossary, shell) -> FirstUse | None:
    """The linker for the page ``shell`` when it is a topic page, else None (its text links nothing)."""
    if not glossary.terms or not shell.is_topic_page:
        return None
    return FirstUse(glossary, shell.src)
