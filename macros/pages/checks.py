"""``make check`` for content pages: every page file, and every page shell that shows one."""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from ..care_cards import load_care_cards, placement_problems
from ..model import model_of, shell_problems
from ..problems import Problem
from ..project import Project
from ..review_dates import review_problems
from ..review_records import page_record_problems
from ..reviewed_content import is_clinical
from .links import link_problems
from .loading import page_file, page_registry, page_slugs, structure_problems
from .review import review_record_problems
from .walk import texts


def today() -> dt.date:
    return dt.date.today()


def check_pages(project: Project, on: dt.date | None = None) -> Iterable[Problem]:
    """Each ``content_src/pages/*.yaml``: schema, rules, internal links and review dates."""
    for slug in page_slugs(project):
        doc, _ = project.try_load(page_file(project, slug))
        if doc is None:
            continue  # check_yaml_files_load reports why it cannot be read
        problems = structure_problems(doc)
        yield from problems
        if not problems:
            yield from link_problems(project, doc, f"{slug}.md", texts(doc.data))
            yield from placement_problems(doc, load_care_cards(project))
            yield from review_record_problems(doc, page_registry(project), on or today())
            yield from page_record_problems(model_of(project), slug, doc)
        review = doc.data.get("review") if isinstance(doc.data, dict) else None
        if isinstance(review, dict):
            yield from review_problems(doc, ("review",), review.get("last_reviewed"),
                                       review.get("next_review_due"), on or today(), clinical=is_clinical(doc.data))


def check_page_shells(project: Project) -> Iterable[Problem]:
    """Pages and content match: each ``{{ page_content() }}`` has its content file, each content file and bank its page."""
    model = model_of(project)
    yield from model.shell_problems
    yield from shell_problems(model)
