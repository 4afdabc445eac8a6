"""Fixture projects whose review records match their content, as ``make review-record`` leaves them.

``record_digests(root)`` writes each page's and bank's current ``content_digest`` into its review
record (dates untouched), so a fixture that is not about review records gets no "does not say what it
reviewed" warning. Tests about the records themselves write them by hand.
"""

from __future__ import annotations

from pathlib import Path

from macros.model.site import site_model
from macros.core.project import Project
from macros.cli.review_record import set_review_fields
from macros.model.reviewed_content import bank_digest, page_digest


def record_digests(root: Path | Project) -> None:
    project = Project(root.root if isinstance(root, Project) else Path(root))
    model = site_model(project)
    pages = sorted((project.content_dir / "pages").glob("*.yaml")) if (project.content_dir / "pages").is_dir() else []
    banks = sorted(project.banks_dir.glob("*.yaml")) if project.banks_dir.is_dir() else []
    for path in pages + banks:
        doc, _ = project.try_load(path)
        if doc is None or not isinstance(doc.data, dict) or not isinstance(doc.data.get("review"), dict):
            continue
        digest = page_digest(model, path.stem, doc.data) if path in pages else bank_digest(doc.data)
        if doc.data["review"].get("content_digest") != digest:  # a file already up to date is not rewritten
            set_review_fields(path, doc, {"content_digest": f'"{digest}"'})
