"""Where question banks live: ``quiz/banks/<bank-id>.yaml``."""

from __future__ import annotations

from pathlib import Path

from ..core.problems import ContentError, Problem
from ..core.project import Project

SCHEMA = "quiz-bank"
SCHEMA_COMMENT = "# yaml-language-server: $schema=../../macros/schemas/quiz-bank.schema.json"


def bank_files(project: Project) -> list[Path]:
    """Every bank file, sorted by name (the order the model checks them in)."""
    if not project.banks_dir.is_dir():
        return []
    return sorted(p for p in project.banks_dir.iterdir() if p.suffix == ".yaml" and p.is_file())  # .yml: macros/model/files.py


def bank_ids(project: Project) -> list[str]:
    return [p.stem for p in bank_files(project)]


def bank_file(project: Project, bank_id: str) -> Path:
    """The file of ``bank_id``; raises ``ContentError`` naming the known banks when there is none."""
    for path in bank_files(project):
        if path.stem == bank_id:
            return path
    known = ", ".join(bank_ids(project)) or "none"
    raise ContentError([Problem.error(
        project.rel(project.banks_dir / f"{bank_id}.yaml"), 1,
        f"no question bank {bank_id!r} in {project.rel(project.banks_dir)}/ (banks: {known})")])
