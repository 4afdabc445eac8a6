"""The one Jinja2 environment every template in ``macros/templates/`` is rendered with.

Created once, here: autoescape on (a value that is not ``Markup`` is HTML-escaped), ``StrictUndefined``
(a misspelt variable fails the build), ``trim_blocks``/``lstrip_blocks`` (a block tag's line leaves no
blank line), and ``keep_trailing_newline`` (an included template ends its last line; a caller strips
what it does not want, as the page and citation renderers do). The escapers, all from
``macros/core/text.py``, are filters named for what they are for:

* ``e`` (Jinja's own; autoescape does the same): HTML text and attribute values;
* ``md_text``: data shown exactly as written in a page's Markdown (a source's title, a link's text);
* ``md_attr``: an attribute value in HTML that the page's Markdown reads;
* ``heading_text``: plain text on a Markdown heading line.

Content text reaches templates as ``Markup`` already (``macros.core.text.inline_html``), citation markers
too (``macros.citations.marker``). Any other value that spells a citation token (``⟦cite:…⟧``,
``⟦references⟧``) shows it and cites nothing: ``finalize`` writes its bracket as a character reference.

Every template's name ends in ``.j2`` (``pages/paragraph.md.j2``: what it makes, then ``.j2``); the
loader refuses any other name, so the rule holds. Names are relative to ``macros/templates/``, in
``{% include %}`` too.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from .text import heading_text, md_attr, md_text

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
SUFFIX = ".j2"
_SPACES = re.compile(r"\s+")
_LINE_BREAK = re.compile(r"[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")  # what str.splitlines splits on


class TemplateLoader(jinja2.FileSystemLoader):
    """``macros/templates/``, for template names that end in ``.j2`` only."""

    def get_source(self, environment: jinja2.Environment, template: str):
        if not template.endswith(SUFFIX):
            raise jinja2.TemplateNotFound(template, f"{template}: a template's name ends in {SUFFIX}")
        return super().get_source(environment, template)

    def list_templates(self) -> list[str]:
        return [name for name in super().list_templates() if name.endswith(SUFFIX)]


def _inert_tokens(value: Any) -> Any:
    """A plain value is text on one line: a value that spells a citation token shows it (its bracket as a
    character reference), and its line breaks are spaces, as HTML shows them anyway. A line break would let
    text in a block the page's Markdown reads start a line of its own, such as ``{: style=... }``, which
    Markdown takes for attributes of the element around it. ``Markup`` (content text, the renderers' own
    markup and markers) passes as it is."""
    if isinstance(value, str) and not isinstance(value, Markup) and ("\u27e6" in value or _LINE_BREAK.search(value)):
        return Markup(_LINE_BREAK.sub(" ", str(escape(value)).replace("\u27e6", "&#10214;")))
    return value


ENV = jinja2.Environment(
    loader=TemplateLoader(str(TEMPLATES)),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    finalize=_inert_tokens,
)
ENV.filters.update(md_text=md_text, md_attr=md_attr, heading_text=heading_text)


def render(name: str, **context: Any) -> str:
    """Render ``macros/templates/<name>`` (a name such as ``citations/marker.html.j2``)."""
    return ENV.get_template(name).render(**context)


def render_inline(name: str, **context: Any) -> Markup:
    """Render a template to one line of HTML (whitespace runs collapse to one space)."""
    return Markup(_SPACES.sub(" ", render(name, **context)).strip())
