"""Rules for citations: no unknown keys where sources are cited (``unknown_source_keys``, which the build
runs too), and (``make check``) no registry entry that nothing cites. The registry's own problems
(schema, duplicates) are the model's, reported once by ``macros.rules.content_kinds``."""

from __future__ import annotations

from ..core.problems import Problem
from ..model import SiteModel
from ..model.sources import REGISTRY_PATH, unknown_key


def check_citations(model: SiteModel) -> list[Problem]:
    """Registry entries that no page, card, glossary entry or question cites."""
    cited = model.usages.keys()
    registry = model.registry
    return [Problem.error(registry.path, source.line,
                          f"source '{source.key}' is not cited by any page or question; cite it or remove it")
            for source in registry if source.key not in cited]


def unknown_source_keys(model: SiteModel) -> list[Problem]:
    """A misspelt source key, at the line that cites it (not at the page the build was rendering)."""
    registry = model.registry
    return [Problem.error(use.path, use.line, f"{unknown_key(use.key, registry.nearest(use.key))}; "
                          f"add the source to {REGISTRY_PATH} or fix the key", use.column)
            for use in model.usages.usages if use.key not in registry]
