"""``make check`` rules for citations: a valid registry without duplicates, no unknown keys where
sources are cited, and no registry entry that nothing cites."""

from __future__ import annotations

from ..problems import Problem
from ..project import Project
from .registry import REGISTRY_PATH, Registry, load_registry
from .usage import UsageIndex, usage_index


def check_citations(project: Project) -> list[Problem]:
    registry = load_registry(project)
    usage = usage_index(project)
    problems = list(registry.problems)
    if registry.exists and not registry.sources and registry.problems:
        return problems  # the file cannot be read; its own problems say why
    problems += unknown_key_problems(registry, usage)
    problems += unused_entry_problems(registry, usage)
    return sorted(problems)


def unknown_key_problems(registry: Registry, usage: UsageIndex) -> list[Problem]:
    problems = []
    for use in usage.usages:
        if use.key not in registry:
            nearest = registry.nearest(use.key)
            hint = f"nearest existing keys: {', '.join(nearest)}" if nearest else "no similar key exists"
            problems.append(Problem.error(
                use.path, use.line,
                f"unknown source key '{use.key}' ({hint}); add the source to {REGISTRY_PATH} or fix the key",
                use.column))
    return problems


def unused_entry_problems(registry: Registry, usage: UsageIndex) -> list[Problem]:
    cited = usage.keys()
    return [Problem.error(registry.path, source.line,
                          f"source '{source.key}' is not cited by any page or question; cite it or remove it")
            for source in registry if source.key not in cited]
