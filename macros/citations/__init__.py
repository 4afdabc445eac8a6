"""The citation registry: one deduplicated list of sources, numbered references on every page.

Macros (registered in ``macros/__init__.py``): ``cite("key", ...)`` leaves a ``marker()`` token,
``references()`` marks where the References section goes, ``sources_list()`` lists every source.
The Markdown extension ``macros.citations.extension`` (listed in ``mkdocs.yml``) numbers each page's
tokens and writes its References while Markdown converts the page.
"""

from .checks import check_citations
from .markers import REFERENCES_TOKEN, marker
from .registry import Registry, Source, build_registry, load_registry, require_valid
from .resolve import CitationError, UnknownSourceError
from .sources_list import sources_list_markdown
from .usage import UsageIndex, usage_index

__all__ = [
    "CitationError", "Registry", "Source", "UnknownSourceError", "UsageIndex", "build_registry", "check_citations", "cite",
    "load_registry", "marker", "references", "require_valid", "sources_list_markdown",
    "usage_index",
]


def cite(*keys: str) -> str:
    """``{{ cite("a", "b") }}``: the marker for citing sources ``a`` and ``b`` here."""
    return marker(*keys)


def references() -> str:
    """``{{ references() }}``: where this page's References section goes (a paragraph of its own)."""
    return f"\n\n{REFERENCES_TOKEN}\n\n"
