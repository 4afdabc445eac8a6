"""Where a project's files live, and the parsed YAML documents: each file parsed once for each state of its
bytes (the site model, ``macros.model.site_model``, is the one other cache)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .problems import ContentError
from .yamlsource import Document, load_yaml

# Parsed documents by file, with the fingerprint of the bytes they were parsed from: a rebuild
# under `make serve` parses again only the files that changed.
_PARSED: dict[Path, tuple[str, Document]] = {}


@dataclass
class Project:
    """A project tree: the real site, or a small fixture site in a test."""

    root: Path

    def __post_init__(self) -> None:
        self.root = Path(self.root).resolve()

    @property
    def content_dir(self) -> Path:
        return self.root / "content_src"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def banks_dir(self) -> Path:
        return self.root / "quiz" / "banks"

    def rel(self, path: Path | str) -> str:
        """A path as editors see it: relative to the project root, with forward slashes."""
        path = Path(path)
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def yaml_files(self) -> list[Path]:
        """Every YAML content file: ``content_src/**`` and ``quiz/banks/*``."""
        found: list[Path] = []
        for base in (self.content_dir, self.banks_dir):
            if base.is_dir():
                found += [p for p in base.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()]
        return sorted(found)

    def load(self, path: Path | str) -> Document:
        """A YAML file's document, parsed once for each state of its bytes (the same document while they do
        not change); raises ``ContentError`` (located problems) when it is unusable."""
        path = Path(path) if Path(path).is_absolute() else self.root / path
        shown = self.rel(path)
        try:  # a fingerprint of the bytes (a same-size edit within the clock's tick still changes it)
            digest = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest() if path.is_file() else None
        except OSError:
            digest = None
        if digest is None:
            return load_yaml(path, shown)  # it says why it cannot be read
        cached = _PARSED.get(path)
        if cached and cached[0] == digest and cached[1].path == shown:
            return cached[1]
        doc = load_yaml(path, shown)
        _PARSED[path] = (digest, doc)
        return doc

    def try_load(self, path: Path | str) -> tuple[Document | None, list]:
        try:
            return self.load(path), []
        except ContentError as exc:
            return None, exc.problems
