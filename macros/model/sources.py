"""The citation registry, ``content_src/sources.yaml``, loaded once per build or check run.

``load_registry(project)`` reads and validates the file and returns a ``Registry``: the sources by
key (each knowing its line) and the problems found in the file itself (schema errors, misplaced
"et al", duplicates). A missing file is an empty registry; citing anything then reports the key
as unknown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..core.characters import lookalike_note
from ..core.urls import address_problem
from ..core.problems import Problem
from ..core.project import Project
from ..core.schemas import ById, load_validated, validate
from ..core.yamlsource import Document
from .identifiers import Identity, source_identities

REGISTRY_PATH = "content_src/sources.yaml"
SCHEMA = "sources"
ET_AL = "et al"


@dataclass(frozen=True)
class Source:
    """One registry entry: its key, its fields as written, and the line its key is on."""

    key: str
    fields: dict[str, Any]
    line: int

    @property
    def kind(self) -> str:
        return self.fields.get("kind", "")

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)


@dataclass
class Registry(ById[Source]):
    ENTRIES = "sources"
    CUTOFF = 0.6

    path: str = REGISTRY_PATH
    sources: dict[str, Source] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    exists: bool = False

    def __len__(self) -> int:
        return len(self.sources)

    def keys(self) -> list[str]:
        return list(self.sources)


def unknown_key(key: str, nearest: list[str]) -> str:
    """The one wording of a key the registry does not have: "unknown source key 'x' (nearest existing keys:
    ...)", and any character in ``key`` that only looks like the one meant."""
    hint = (f"nearest existing keys: {', '.join(nearest)}" if nearest else "no similar key exists") + lookalike_note(key)
    return f"unknown source key '{key}' ({hint})"


def load_registry(project: Project) -> Registry:
    """Load and validate ``content_src/sources.yaml`` of ``project``."""
    found = load_validated(project, REGISTRY_PATH, SCHEMA)
    if found.doc is None:
        return Registry(problems=list(found.problems), exists=found.exists)
    return registry_from_document(found.doc, found.problems)


def registry_from_document(doc: Document, schema_problems: Iterable[Problem] | None = None) -> Registry:
    """The registry in ``doc``: every entry shaped like a source, and its problems (the schema's, when
    ``schema_problems`` does not give them, "et al" misplaced, duplicates)."""
    problems = list(schema_problems) if schema_problems is not None else validate(doc, SCHEMA)
    sources: dict[str, Source] = {}
    if isinstance(doc.data, dict):
        for key, value in doc.data.items():
            if isinstance(key, str) and isinstance(value, dict):
                sources[key] = Source(key, value, doc.line(key))
                problems += _author_problems(doc, key, value) + _accessed_problems(doc, key, value)
                url = value.get("url")
                why = address_problem(url) if isinstance(url, str) else None
                if why:
                    problems.append(doc.error((key, "url"), f"{key}.url: {why}"))
    registry = Registry(doc.path, sources, problems, exists=True)
    registry.problems = sorted(set(problems) | set(duplicate_problems(registry)))
    return registry


def _accessed_problems(doc: Document, key: str, fields: dict[str, Any]) -> list[Problem]:
    """``accessed`` is the day someone read the source: never after today (a malformed date is the schema's)."""
    try:
        accessed = dt.date.fromisoformat(fields.get("accessed")) if isinstance(fields.get("accessed"), str) else None
    except ValueError:
        return []
    if accessed and accessed > dt.date.today():
        return [doc.error((key, "accessed"), (
            f"{key}.accessed {accessed} is in the future: write the day you read the source, today or earlier"))]
    return []


def _author_problems(doc: Document, key: str, fields: dict[str, Any]) -> list[Problem]:
    authors = fields.get("authors")
    if not isinstance(authors, list):
        return []
    problems = []
    for i, name in enumerate(authors):
        if name == ET_AL and (i != len(authors) - 1 or i == 0):
            problems.append(doc.error(
                (key, "authors", i),
                f"{key}.authors[{i}]: \"et al\" must come last, after at least one named author"))
    return problems


# --- duplicates -------------------------------------------------------------------------------------
# Duplicate sources: two registry keys for one source (same DOI, PMID, PMC id or URL).
# 
# Each pair of keys is reported once, at the later entry, naming both keys, both lines and every
# identifier they share (see ``identifiers`` for what counts as the same).

def duplicate_problems(registry: Registry) -> list[Problem]:
    first_seen: dict[Identity, Source] = {}
    shared: dict[tuple[str, str], list[Identity]] = {}  # (earlier key, later key) -> the identifiers they share
    for source in registry:
        for ident in source_identities(source.fields):
            earlier = first_seen.setdefault(ident, source)
            if earlier.key != source.key:
                shared.setdefault((earlier.key, source.key), []).append(ident)
    problems = []
    for (earlier_key, later_key), idents in shared.items():
        earlier, source = registry[earlier_key], registry[later_key]
        same = "; ".join(i.describe() for i in idents)
        problems.append(Problem.error(
            registry.path, source.line,
            f"duplicate source: '{later_key}' (line {source.line}) and '{earlier_key}' (line {earlier.line}) "
            f"are the same source ({same}); keep one entry and cite its key"))
    return problems
