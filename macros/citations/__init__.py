"""Citations: one deduplicated registry of sources, numbered references on every page.

Macros (registered in ``macros/__init__.py``): ``cite("key", ...)`` leaves a ``marker()`` token,
``references()`` marks where the References section goes, ``sources_list()`` lists every source.
The Markdown extension ``macros.markdown`` (listed in ``mkdocs.yml``) numbers each page's tokens and
writes its References while Markdown converts the page. The registry itself is the model's
(``macros.model.sources``); ``markers.py`` is the one owner of the token's spelling.
"""

from .markers import REFERENCES_TOKEN, marker as cite  # the macro {{ cite("a", "b") }} is marker() itself


def references() -> str:
    """``{{ references() }}``: where this page's References section goes (a paragraph of its own)."""
    return f"\n\n{REFERENCES_TOKEN}\n\n"
