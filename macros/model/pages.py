"""Finding and loading a page's data, validated against ``macros/schemas/page.schema.json``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterator, Mapping

from ..core.problems import ContentError, Problem
from ..core.project import Project
from ..core.schemas import ID_RE, validate
from ..core.yamlsource import Document
from .cards import placement_problems
from .page_rules import rule_problems
from .review_records import page_record_problems, review_record_problems

SCHEMA = "page"
# The schema's ``print`` values, and the print stylesheet (under docs/) that a page of that kind loads.
PRINT_STYLESHEETS = {"card": "assets/print-card.css"}


@dataclass(frozen=True)
class Page:
    """A content page whose data has passed the schema and the rules."""

    slug: str
    doc: Document

    @property
    def data(self) -> dict[str, Any]:
        return self.doc.data

    @property
    def title(self) -> str:
        return self.data["title"]

    @property
    def description(self) -> str:
        return self.data["description"]

    @property
    def review(self) -> dict[str, Any]:
        return self.data["review"]

    @property
    def print_stylesheet(self) -> str | None:
        """The stylesheet (under docs/) with the page's own print rules, when its data asks for one."""
        return PRINT_STYLESHEETS.get(self.data.get("print"))


@dataclass(frozen=True, eq=False)
class Pages(Mapping[str, Page]):
    """The model's pages: every page file that passes all its checks, by slug (what a build shows), and in
    ``checked`` the document of every page file that passes its schema and rules, whether or not what it
    names elsewhere is right (``make check`` checks those further, without validating them again)."""

    valid: Mapping[str, Page]
    checked: Mapping[str, Document]

    def __getitem__(self, slug: str) -> Page:
        return self.valid[slug]

    def __iter__(self) -> Iterator[str]:
        return iter(self.valid)

    def __len__(self) -> int:
        return len(self.valid)


def pages_dir(project: Project) -> Path:
    return project.content_dir / "pages"


def page_file(project: Project, slug: str) -> Path:
    return pages_dir(project) / f"{slug}.yaml"


def page_files(project: Project) -> list[Path]:
    """Every page data file, sorted."""
    folder = pages_dir(project)
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def page_slugs(project: Project) -> list[str]:
    """The slug of every page data file, sorted."""
    return [p.stem for p in page_files(project)]


def page_docs(project: Project) -> Iterator[tuple[str, Document]]:
    """(slug, document) of every page file that loads, by slug (``files_load`` reports why the others do not)."""
    for slug in page_slugs(project):
        doc, _ = project.try_load(page_file(project, slug))
        if doc is not None:
            yield slug, doc


# Schema messages that are true but unhelpful, and what to say instead.
_PLAINER = {
    "'cite' is required": ("'cite' is required: list the sources that support this block "
                           "(cite: [source-key]), or say why it needs none (no_citation_needed: <reason>)"),
    "'paragraph' is required": "a block needs one of: paragraph, list, table, care_card, callout",
    "care_card: expected text, found a mapping (key: value)": (
        "care_card: a care card is written once, in content_src/care_cards.yaml, and placed by its id; "
        "move this card there (or use the card there that says the same) and write `- care_card: <id>`, "
        "for example `- care_card: emergency-999`"),
    "unknown field 'cite' (allowed: care_card)": (
        "a placed care card carries its own citations: remove 'cite' here "
        "(the card's cite is in content_src/care_cards.yaml)"),
    "unknown field 'no_citation_needed' (allowed: care_card)": (
        "a placed care card carries its own citations: remove 'no_citation_needed' here"),
}


def structure_problems(doc: Document) -> list[Problem]:
    """Schema problems; when there are none, problems with the rules the schema cannot express."""
    return [_plainer(p) for p in validate(doc, SCHEMA)] or rule_problems(doc)


def _plainer(problem: Problem) -> Problem:
    for said, better in _PLAINER.items():
        if problem.message.endswith(said):
            return replace(problem, message=problem.message[: -len(said)] + better)
    return problem


def page_doc(project: Project, slug: str) -> Document:
    """``content_src/pages/<slug>.yaml`` loaded and checked on its own (its schema and rules, once);
    raises ``ContentError`` (located problems) if it breaks them."""
    if not isinstance(slug, str) or not ID_RE.match(slug):
        raise ValueError(f"page slug {slug!r} is not valid: use lowercase letters, digits and single hyphens")
    path = page_file(project, slug)
    if not path.is_file():
        raise ContentError([Problem.error(
            project.rel(path), 1,
            f"page {slug!r} needs this file, which does not exist; create it or fix the page's name")])
    doc = project.load(path)
    errors = [p for p in structure_problems(doc) if p.is_error]
    if errors:
        raise ContentError(errors)
    return doc


def load_page(model, slug: str, doc: Document | None = None) -> Page:
    """The page ``content_src/pages/<slug>.yaml`` of ``model`` (the ``SiteModel``, as it compiles: read
    ``model.pages`` instead), checked on its own (``page_doc``, unless ``doc`` is the document it returned)
    and against what it names: the care cards, the registry, the reviewers and the content its review record
    covers; raises ``ContentError`` (located problems) if unusable."""
    doc = doc if doc is not None else page_doc(model.project, slug)
    cards = model.kind("care_cards").require_valid()
    rules = [p for p in model.card_rule_problems if p.is_error]
    if rules:
        raise ContentError(rules)  # a card its policy refuses is shown on no page
    errors = placement_problems(doc, cards) + review_record_problems(doc, model.registry, dt.date.today())
    errors += [p for p in page_record_problems(model, slug, doc) if p.is_error]
    if errors:
        raise ContentError(errors)
    policy = model.kind("urgent_care")
    if policy.errors:
        raise ContentError(policy.errors)
    return Page(slug, doc)
