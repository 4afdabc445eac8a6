"""Load YAML content files strictly, remembering where every value came from.

PyYAML alone silently keeps the last of two duplicate keys, turns dates into objects and
raises tracebacks on bad bytes. Editors need ``path:line: message`` instead, so this module:

* reads bytes and rejects non-UTF-8 (naming the line), oversized files and tab indentation;
* composes the YAML node tree and rejects duplicate mapping keys;
* builds plain Python values (dates stay strings, so JSON Schema can check their format);
* returns a ``LineMap`` from JSON-pointer-like paths, e.g. ``("questions", 2, "prompt")``, to lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import ContentError, Problem

MAX_BYTES = 1_000_000  # a content file larger than this is a mistake, not content

PathKey = tuple[Any, ...]


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader without the timestamp resolver: ``2026-11-22`` stays a string."""


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class LineMap:
    """Where each value of a loaded document starts (1-based line and column)."""

    lines: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def line(self, path: PathKey) -> int:
        """The line of ``path``, or of its nearest ancestor that has one."""
        return self.position(path)[0]

    def position(self, path: PathKey) -> tuple[int, int]:
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, (1, 1))


@dataclass
class Document:
    path: str
    data: Any
    where: LineMap

    def line(self, *path: Any) -> int:
        return self.where.line(path)

    def error(self, path: PathKey, message: str) -> Problem:
        line, col = self.where.position(tuple(path))
        return Problem.error(self.path, line, message, col)

    def warning(self, path: PathKey, message: str) -> Problem:
        line, col = self.where.position(tuple(path))
        return Problem.warning(self.path, line, message, col)


def load_yaml(path: Path | str, display_path: str | None = None) -> Document:
    """Load one YAML file; raise ``ContentError`` with located problems if it is unusable."""
    path = Path(path)
    shown = display_path or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ContentError([Problem.error(shown, 1, f"cannot read file: {exc.strerror}")]) from None
    return parse_yaml(raw, shown)


def parse_yaml(raw: bytes, shown: str) -> Document:
    if len(raw) > MAX_BYTES:
        raise ContentError([Problem.error(
            shown, 1, f"file is {len(raw):,} bytes; content files must be under {MAX_BYTES:,} bytes")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError([Problem.error(
            shown, line, "file is not valid UTF-8 text (save it with UTF-8 encoding)")]) from None
    text = text.removeprefix("\ufeff")

    tab_problems = [
        Problem.error(shown, n, "tab character in indentation; YAML needs spaces", 1)
        for n, line in enumerate(text.splitlines(), start=1)
        if line[: len(line) - len(line.lstrip(" \t"))].count("\t")
    ]
    if tab_problems:
        raise ContentError(tab_problems)

    if not text.strip() or all(l.lstrip().startswith("#") or not l.strip() for l in text.splitlines()):
        raise ContentError([Problem.error(shown, 1, "file is empty")])

    try:
        node = yaml.compose(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        col = mark.column + 1 if mark else None
        reason = exc.problem or "invalid YAML"
        if exc.context:
            reason = f"{exc.context}, {reason}"
        raise ContentError([Problem.error(shown, line, f"YAML syntax error: {reason}", col)]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises marked errors for text input
        raise ContentError([Problem.error(shown, 1, f"YAML error: {exc}")]) from None

    builder = _Builder(shown)
    data = builder.build(node, ())
    if builder.problems:
        raise ContentError(builder.problems)
    return Document(shown, data, builder.where)


class _Builder:
    def __init__(self, shown: str):
        self.shown = shown
        self.where = LineMap()
        self.problems: list[Problem] = []
        self._constructor = _StrictLoader("")
        self._seen_nodes: set[int] = set()

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        self.where.lines[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if not isinstance(node, yaml.ScalarNode):
            # An alias (*name) hands back a node already built: content has no use for them,
            # and nested aliases can expand a small file into gigabytes.
            if id(node) in self._seen_nodes:
                self.problems.append(Problem.error(
                    self.shown, node.start_mark.line + 1, "YAML anchors and aliases (&name, *name) are not allowed"))
                return None
            self._seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            seen: dict[Any, int] = {}
            for key_node, value_node in node.value:
                key = self._scalar(key_node)
                if not isinstance(key, (str, int, float, bool)) and key is not None:
                    self.problems.append(Problem.error(
                        self.shown, key_node.start_mark.line + 1, "mapping keys must be plain text"))
                    continue
                line = key_node.start_mark.line + 1
                if key in seen:
                    self.problems.append(Problem.error(
                        self.shown, line,
                        f"duplicate key {key!r} (first defined on line {seen[key]}); "
                        "YAML would silently keep only the last one"))
                    continue
                seen[key] = line
                result[key] = self.build(value_node, path + (key,))
                # a key's own line is more useful than its value's for messages
                self.where.lines[path + (key,)] = (line, key_node.start_mark.column + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return None
        try:
            return self._constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            self.problems.append(Problem.error(self.shown, node.start_mark.line + 1, f"YAML error: {exc}"))
            return None
