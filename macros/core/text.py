"""Content text becomes HTML here, and only here: inline Markdown without raw HTML, escaped.

Every text field an editor writes (page paragraphs, list items, table cells, care cards,
callouts, headings, titles; and the kinds added later) is *inline Markdown*: ``**bold**``,
``*emphasis*``, `` `code` `` and ``[links](page.md#section)``, nothing else. ``inline_html``
turns it into HTML in three steps:

1. a restricted Python-Markdown (inline patterns only, with raw HTML, entities, images,
   reference links, autolinks and attr_list switched off) renders the text, so ``<``, ``&`` and
   ``{: ...}`` are just characters;
2. nh3 (the Rust ``ammonia`` sanitiser) keeps only the elements and attributes listed in
   ``ALLOWED`` and links whose scheme is in ``LINK_SCHEMES`` (or relative), whatever step 1 made;
3. the result is written back *inert* for the page's own Markdown pass: every ASCII punctuation
   mark in the text becomes a numeric character reference (so no Markdown, attr_list, emoji or
   citation-token syntax can form again), and each link becomes a Markdown link whose address is
   percent-encoded. Keeping links Markdown means MkDocs still rewrites and validates links to
   ``.md`` files in the strict build (a missing page or anchor fails it).

``attribute`` escapes a value placed in an HTML attribute (a page's meta description).
``make check`` refuses the same mistakes earlier, at their line: see ``macros/editorial/markup.py``.

Every escaping rule is here, once, and the one Jinja environment (``macros/core/templating.py``) gives
templates each under its name: ``heading_text`` (``inert`` on one line, for a Markdown heading
line), ``md_text`` (data such as a source's title inside HTML the page's Markdown reads: every
character Markdown or an extension could read, as a numeric reference) and ``md_attr`` (an
HTML-escaped attribute value, with what Markdown looks at before it sees a tag as numeric
references). HTML's own escaping is autoescape and ``|e``.
"""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser
from urllib.parse import quote

import markdown
import nh3
from markupsafe import Markup, escape

from .urls import address_problem

# What content text may become: the renderer's templates write everything else themselves.
ALLOWED = {"a": {"href"}, "strong": set(), "em": set(), "code": set()}
LINK_SCHEMES = frozenset({"https", "http", "mailto", "tel"})

_KEEP_PATTERNS = {"backtick", "escape", "link", "em_strong", "em_strong2", "not_strong"}
_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# Characters that mean something to Markdown or an extension anywhere in a line (emphasis, code,
# escapes, links, HTML, entities, attr_list, headings' closing #, tables), the citation token's
# brackets (U+27E6, U+27E7), and a colon that could open an :emoji: shortcode.
_INERT_RE = re.compile(r"[\\`*_\[\]{}<>&\"#|\u27e6\u27e7]|:(?=[+\-\w])")
_NAMED = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
# What could start a block when the text begins a line: a list, a heading, a quote, a fence, a rule,
# a definition, an admonition, an ordered list's "1." (its dot), a table row.
_BLOCK_START_RE = re.compile(r"^(?:[-+*#>=~`:!|]|\d+(?=[.)]))")
_URL_SAFE = "-._~:/?#@!$&*+,;=%"


def _restricted_markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=[], output_format="html")
    for name in [p.name for p in md.inlinePatterns._priority if p.name not in _KEEP_PATTERNS]:
        md.inlinePatterns.deregister(name)
    for name in [p.name for p in md.parser.blockprocessors._priority if p.name != "paragraph"]:
        md.parser.blockprocessors.deregister(name)
    md.preprocessors.deregister("html_block")
    return md


_MD = _restricted_markdown()
# "*": no attribute on every tag (ammonia's default would allow lang and title anywhere).
_CLEANER = nh3.Cleaner(tags=set(ALLOWED), attributes={**ALLOWED, "*": set()}, url_schemes=set(LINK_SCHEMES),
                       link_rel=None, strip_comments=True)


def one_line(text: object) -> str:
    """The text on one line: a paragraph stays one paragraph whatever the YAML's line breaks."""
    return " ".join(str(text).split())


def sanitised_html(text: object) -> str:
    """Steps 1 and 2: the text as HTML holding only ``ALLOWED`` elements (plain HTML, not inert)."""
    rendered = _MD.reset().convert(one_line(text))
    rendered = rendered.removeprefix("<p>").removesuffix("</p>")
    return _CLEANER.clean(rendered)


# Without these (emphasis, code, links, escapes, something like a character reference), inline
# Markdown makes no element and nh3 has nothing to remove: steps 1 and 2 would hand the text back
# unchanged (HTML-escaped, which ``inert`` does too), so they are skipped; a test compares the two.
# Control characters too: Markdown and the HTML parser drop or replace some of them (and nh3 drops a
# byte-order mark that starts the text).
_MARKUP_CHARS = re.compile(r"[*_`\[\]\\\x00-\x1f\x7f-\x9f]|&#?\w+;|^\ufeff")


@functools.lru_cache(maxsize=4096)
def _inline_html(source: str) -> str:
    return _written(source) if _MARKUP_CHARS.search(source) else inert(source)


def _written(source: str, terms=None) -> str:
    """Steps 1 to 3: ``source`` sanitised, then written back inert."""
    writer = _InertWriter(terms)
    if terms is not None and not _MARKUP_CHARS.search(source):
        writer.handle_data(source)  # no markup: only the glossary's links to add
    else:
        writer.feed(sanitised_html(source))
        writer.close()
    return "".join(writer.out)


def inline_html(text: object, terms=None) -> Markup:
    """Content text as HTML that the page's Markdown pass leaves as it is (links stay Markdown).

    ``terms`` (a ``macros.glossary.linker.FirstUse``) links the first use of each glossary term in the
    text's plain parts (not inside a link or code) to its entry, as a Markdown link like any other.
    """
    source = one_line(text)
    return Markup(_inline_html(source) if terms is None else _written(source, terms))


def _slow_inline_html(text: object) -> Markup:
    """``inline_html`` without the shortcut for text with no markup (tests compare the two)."""
    return Markup(_written(one_line(text)))


def inert(text: str) -> str:
    """Plain text whose characters cannot mean anything to Markdown, HTML or their extensions.

    Only the characters that could mean something are written as character references; the
    rest (letters, digits, ``.,;?!'()/-``) stay as typed, so the page's HTML stays readable.
    """
    out = _char_refs(_INERT_RE, text, _NAMED)
    start = _BLOCK_START_RE.match(out)
    if start:  # the first mark, or an ordered list's "." after the digits
        at = start.end() if start.group()[0].isdigit() else 0
        return out[:at] + f"&#{ord(out[at])};" + out[at + 1:]
    return out


def _char_refs(pattern: re.Pattern, text: str, named: dict[str, str] | None = None) -> str:
    """``text`` with each character ``pattern`` matches as a character reference (``named``'s, else numeric)."""
    named = named or {}
    return pattern.sub(lambda m: named.get(m.group()) or f"&#{ord(m.group()[0])};", text)


# HTML specials; emphasis, code, escapes, links/images, attr_list braces, emoji colons, table pipes,
# tilde and caret marks; the bracket of a citation token (text that spells one shows it and cites nothing).
_MD_TEXT_RE = re.compile(r"[<>&\"'*_`\\\[\]{}|:!~^\u27e6]")
# Patterns Python-Markdown applies before it recognises inline HTML (code, escapes, links), the
# table extension's cell separator, and the citation token's bracket.
_MD_ATTR_RE = re.compile(r"[`\\\[\]|\u27e6]")


def md_text(value: object) -> Markup:
    """Text on one line that Markdown shows exactly as written, inside HTML or a Markdown line."""
    return Markup(_char_refs(_MD_TEXT_RE, one_line(value)))


def md_attr(value: object) -> Markup:
    """An HTML-escaped attribute value on one line that Markdown leaves alone."""
    return Markup(_char_refs(_MD_ATTR_RE, attribute(value)))


def heading_text(text: object) -> Markup:
    """Plain text for a Markdown heading line: ``*``, ``<``, ``{#id}``, ``:emoji:`` show as written."""
    return Markup(inert(one_line(text)))


def safe_href(href: str | None) -> str | None:
    """The address percent-encoded for a Markdown link, or None when it is not allowed."""
    if not href or href.startswith("//") or "\\" in href:
        return None
    scheme = _SCHEME_RE.match(href)
    if scheme and scheme.group(1).lower() not in LINK_SCHEMES:
        return None
    if address_problem(href):  # a host behind user@, a mailto: with extra fields, a tel: with letters
        return None
    return quote(href, safe=_URL_SAFE)


def attribute(text: object) -> str:
    """A value for an HTML attribute: one line, with ``&<>"'`` escaped (a plain ``str``, for
    templates such as the theme's that write values without escaping them)."""
    return str(escape(one_line(text)))


class _InertWriter(HTMLParser):
    """Writes nh3's output back with inert text, the allowed tags as they are, links as Markdown."""

    def __init__(self, terms=None) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self._links: list[str | None] = []
        self._terms = terms
        self._code = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = safe_href(dict(attrs).get("href"))
            self._links.append(href)
            if href is not None:
                if self.out and self.out[-1].endswith("!"):  # "![" would make the link an image
                    self.out[-1] = self.out[-1][:-1] + "&#33;"
                self.out.append("[")
        elif tag in ALLOWED:
            self._code += tag == "code"
            self.out.append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            href = self._links.pop() if self._links else None
            if href is not None:
                self.out.append(f"]({href})")
        elif tag in ALLOWED:
            self._code -= tag == "code"
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self._terms is None or self._links or self._code:
            self.out.append(inert(data))
            return
        for piece, href in self._terms.split(data):
            href = safe_href(href)
            self.out.append(f"[{inert(piece)}]({href})" if href else inert(piece))
