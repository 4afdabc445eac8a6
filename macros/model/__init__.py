"""The site model: every content kind loaded, validated and indexed once per state of the input files.

This layer imports only ``macros.core``; the features (citations, pages, cards, glossary, quiz,
editorial) read it and never the files, and the adapters (``macros/__init__.py``, ``macros.markdown``,
``macros.cli``) build it. ``site.py`` holds ``SiteModel`` and ``site_model``; ``shells.py`` the page
shells in ``docs/``; one module per content kind (``sources``, ``urgent_care``, ``cards``, ``glossary``,
``reviewers``, ``moved``, ``pages``, ``banks``) with its per-file rules; ``walk.py`` the one walker over a
page's data; ``index.py`` who cites what and where each card is placed; ``links.py`` where a link lands.
"""

from .shells import LIST_MACROS, Shell
from .site import SiteModel, current_model, site_model

__all__ = ["LIST_MACROS", "Shell", "SiteModel", "current_model", "site_model"]
