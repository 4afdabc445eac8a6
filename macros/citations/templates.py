"""The Jinja2 environment for the citation templates in ``macros/templates/citations/``.

Output goes into a page's Markdown, so besides HTML escaping two filters keep data from being read
as Markdown: ``md_text`` (for text: HTML's special characters and every character that Markdown
or its extensions give a meaning inline, as numeric entities) and ``md_attr`` (for attribute
values: the characters Markdown looks at before it recognises an HTML tag).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "citations"

# HTML specials; emphasis, code, escapes, links/images, attr_list braces, emoji colons, table pipes; the
# bracket of a citation token (text that spells one shows it and cites nothing).
_MARKDOWN_SPECIAL = re.compile(r"[<>&\"'*_`\\\[\]{}|:!~^\u27e6]")
# Patterns Python-Markdown applies before it recognises inline HTML (code, escapes, links), and the
# table extension's cell separator.
_ATTR_SPECIAL = re.compile(r"[`\\\[\]|\u27e6]")
_SPACES = re.compile(r"\s+")


def md_text(value: Any) -> Markup:
    """Text that Markdown shows exactly as written (special characters as numeric entities)."""
    return Markup(_MARKDOWN_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", " ".join(str(value).split())))


def md_attr(value: Any) -> Markup:
    """An HTML-escaped attribute value that Markdown leaves alone."""
    escaped = str(escape(" ".join(str(value).split())))
    return Markup(_ATTR_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", escaped))


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md_text"] = md_text
    env.filters["md_attr"] = md_attr
    return env


ENV = _environment()


def render(name: str, **context: Any) -> str:
    """Render ``macros/templates/citations/<name>``."""
    return ENV.get_template(name).render(**context)


def render_inline(name: str, **context: Any) -> Markup:
    """Render a template to one line of HTML (whitespace runs collapse to one space)."""
    return Markup(_SPACES.sub(" ", render(name, **context)).strip())
