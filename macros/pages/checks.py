"""``make check`` for content pages: every page file, and every page shell that shows one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable

from ..core.problems import Problem
from ..model import SiteModel
from ..model.cards import placement_problems
from ..model.links import link_problems
from ..model.pages import page_docs
from ..model.review_records import date_problems, page_record_problems, review_record_problems
from ..model.reviewed_content import is_clinical
from ..model.walk import texts


def check_pages(model: SiteModel, on: dt.date | None = None) -> list[Problem]:
    """Each ``content_src/pages/*.yaml`` that passes its schema and rules (the model reports those, once:
    ``macros.rules.content_kinds``): internal links, placements and review records; and every page's review
    dates. Each problem once, sorted. The review record of a page file no page shows waits for its page: what its
    review covers depends on the shell (which generated list it shows), and the file's error (``pages_shown``)
    comes first."""
    return sorted(set(_page_problems(model, on or dt.date.today())))


def _page_problems(model: SiteModel, on: dt.date) -> Iterable[Problem]:
    unshown = {path.stem for path in unshown_page_files(model)}
    for slug, doc in model.pages.checked.items():
        yield from link_problems(model, doc, f"{slug}.md", texts(doc.data))
        yield from placement_problems(doc, model.kind("care_cards"))
        yield from review_record_problems(doc, model.registry, on)
        if slug not in unshown:
            yield from page_record_problems(model, slug, doc)
    for _, doc in page_docs(model.project):
        yield from date_problems(doc, on, clinical=is_clinical(doc.data))


def unshown_page_files(model: SiteModel) -> list[Path]:
    """Every page file that no page shows: ``content_src/pages/<slug>.yaml`` with no ``docs/<slug>.md`` calling
    ``{{ page_content() }}``."""
    shown = {s.content for s in model.shells if s.content}
    return [path for path in model.kind_files("pages") if path.stem not in shown]


def pages_shown(model: SiteModel) -> list[Problem]:
    """Every page file is shown by its page: the build refuses one that is not (the site would lack that page).

    It is the one error of that mistake. What points at the page waits for it: links and ``learn_more`` links to a
    page whose shell is missing (``macros.model.links.awaits_shell``), the page's question bank
    (``check_page_shells``), its review record (``check_pages``) and the glossary's usage (a rule that ``needs``
    this one, ``macros/rules.py``).
    (That each ``{{ page_content() }}`` has its content file is the model's ``shell_problems``.)"""
    return [Problem.error(model.project.rel(path), 1, (
                f"no page shows this file; create docs/{path.stem}.md containing {{{{ page_content() }}}} "
                f"and list it in mkdocs.yml's nav"))
            for path in unshown_page_files(model)]


def check_page_shells(model: SiteModel) -> Iterable[Problem]:
    """``make check``: every bank is shown by some page. A bank whose page file no page shows is not reported
    again: that file's error (``pages_shown``) says how to show both. Nor is one whose page file is shown by a
    page that ends with a generated list: that page's error (the model's ``shell_problems``) says why it shows no quiz."""
    waiting = {path.stem for path in unshown_page_files(model)} | {s.content for s in model.shells if s.content}
    for bank_id in (p.stem for p in model.kind_files("banks")):
        if bank_id not in waiting and not model.shells_showing_bank(bank_id):
            yield Problem.error(model.project.rel(model.project.banks_dir / f"{bank_id}.yaml"), 1, (
                f"no page shows this bank's questions: {{{{ page_content() }}}} on docs/{bank_id}.md shows it "
                f"with content_src/pages/{bank_id}.yaml (the quiz page's {{{{ quiz_index() }}}} then lists it)"))
