"""Duplicate sources: two registry keys for one source (same DOI, PMID, PMC id or URL).

Each pair of keys is reported once, at the later entry, naming both keys, both lines and every
identifier they share (see ``identifiers`` for what counts as the same).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..problems import Problem
from .identifiers import Identity, source_identities

if TYPE_CHECKING:
    from .registry import Registry, Source


def duplicate_problems(registry: "Registry") -> list[Problem]:
    first_seen: dict[Identity, "Source"] = {}
    shared: dict[tuple[str, str], list[Identity]] = {}
    later: dict[tuple[str, str], "Source"] = {}
    for source in registry:
        for ident in source_identities(source.fields):
            earlier = first_seen.setdefault(ident, source)
            if earlier.key != source.key:
                pair = (earlier.key, source.key)
                shared.setdefault(pair, []).append(ident)
                later[pair] = source
    problems = []
    for (earlier_key, later_key), idents in shared.items():
        earlier, source = registry[earlier_key], later[(earlier_key, later_key)]
        same = "; ".join(i.describe() for i in idents)
        problems.append(Problem.error(
            registry.path, source.line,
            f"duplicate source: '{later_key}' (line {source.line}) and '{earlier_key}' (line {earlier.line}) "
            f"are the same source ({same}); keep one entry and cite its key"))
    return problems
