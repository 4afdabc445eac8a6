"""Content pages: ``content_src/pages/<slug>.yaml`` shown by the shell ``docs/<slug>.md``
through ``{{ page_content() }}``.

Plain Python and Jinja2 (no MkDocs imports): ``load_page`` validates a page's data,
``render_page`` and ``render_review_dates`` turn it into Markdown, and ``checks`` holds what
``make check`` runs. ``macros/__init__.py`` only adapts these to mkdocs-macros.
"""

from .loading import Page, load_page, page_file, page_slugs
from .render import render_glossary, render_page, render_review_dates

__all__ = ["Page", "load_page", "page_file", "page_slugs", "render_glossary", "render_page", "render_review_dates"]
