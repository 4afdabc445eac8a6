"""``make check`` rules for citations: no unknown keys where sources are cited (a rule the build runs too,
``macros.rules.unknown_source_keys``), and no registry entry that nothing cites. The registry's own problems
(schema, duplicates) are the model's, reported once by ``macros.rules.content_kinds``."""

from __future__ import annotations

from ..core.problems import Problem
from ..model import SiteModel
from ..model.index import UsageIndex
from ..model.sources import REGISTRY_PATH, Registry, unknown_key


def check_citations(model: SiteModel) -> list[Problem]:
    """Registry entries that no page, card, glossary entry or question cites."""
    return unused_entry_problems(model.registry, model.usages)


def unused_entry_problems(registry: Registry, usage: UsageIndex) -> list[Problem]:
    cited = usage.keys()
    return [Problem.error(registry.path, source.line,
                          f"source '{source.key}' is not cited by any page or question; cite it or remove it")
            for source in registry if source.key not in cited]


def unknown_key_problems(registry: Registry, usage: UsageIndex) -> list[Problem]:
    problems = []
    for use in usage.usages:
        if use.key not in registry:
            problems.append(Problem.error(
                use.path, use.line,
                f"{unknown_key(use.key, registry.nearest(use.key))}; add the source to {REGISTRY_PATH} or fix the key",
                use.column))
    return problems
