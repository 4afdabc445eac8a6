"""The site model: every content kind loaded, validated and indexed once per state of the input files.

This layer imports only ``macros.core``; the features (citations, pages, cards, glossary, quiz,
editorial) read it and never the files, and the adapters (``macros/__init__.py``, ``macros.markdown``,
``macros.cli``) build it. ``site.py`` holds ``SiteModel`` and ``site_model``; ``shells.py`` the page
shells in ``docs/``; one module per content kind (``sources``, ``urgent_care``, ``cards``, ``glossary``,
``reviewers``, ``moved``, ``pages``, ``banks``) with its per-file rules; ``walk.py`` the one walker over a
page's data; ``index.py`` who cites what and where each card is placed; ``links.py`` where a link lands.
"""

from .shells import (CITE_MACRO, GLOSSARY_LIST_MACRO, LIST_MACROS, PAGE_MACRO, QUIZ_INDEX_MACRO, MacroCall, Shell,
                     nav_entries, page_url, split_front_matter, template_calls)
from .site import KINDS, Kind, SiteModel, compile_model, current_model, fingerprint, input_files, site_model

__all__ = [
    "CITE_MACRO", "GLOSSARY_LIST_MACRO", "KINDS", "LIST_MACROS", "Kind", "MacroCall", "PAGE_MACRO", "QUIZ_INDEX_MACRO",
    "Shell", "SiteModel", "compile_model", "current_model", "fingerprint", "input_files", "nav_entries", "page_url", "site_model",
    "split_front_matter", "template_calls",
]
