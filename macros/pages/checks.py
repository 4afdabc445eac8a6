"""``make check`` for content pages: every page file, and every docs page that shows one."""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterable

from ..care_cards import load_care_cards, placement_problems
from ..problems import Problem
from ..project import Project
from ..review_dates import review_problems
from .links import link_problems
from .loading import page_file, page_slugs, pages_dir, structure_problems
from .walk import texts

# {{ page_content("red-flags") }} and {{ review_dates("red-flags") }} in a docs page
CALL_RE = re.compile(r"""\b(?P<macro>page_content|review_dates)\(\s*(?P<q>["'])(?P<slug>[^"']*)(?P=q)\s*\)""")


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
        review = doc.data.get("review") if isinstance(doc.data, dict) else None
        if isinstance(review, dict):
            yield from review_problems(doc, ("review",), review.get("last_reviewed"),
                                       review.get("next_review_due"), on or today())


def shell_calls(project: Project) -> list[tuple[str, int, str, str]]:
    """(docs path, line, macro, slug) of every page_content()/review_dates() call in docs/."""
    found = []
    for path in sorted(project.docs_dir.rglob("*.md")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for m in CALL_RE.finditer(line):
                found.append((project.rel(path), n, m.group("macro"), m.group("slug")))
    return found


def check_page_shells(project: Project) -> Iterable[Problem]:
    """Docs pages and page data match: each call has its file, each file its page, with review dates."""
    calls = shell_calls(project)
    slugs = set(page_slugs(project))
    shown: dict[str, str] = {}
    for where, line, macro, slug in calls:
        expected = where.removeprefix("docs/").removesuffix(".md")
        if slug not in slugs:
            yield Problem.error(where, line, (
                f"{macro}({slug!r}) needs {project.rel(page_file(project, slug))}, which does not exist"))
        elif slug != expected:
            yield Problem.error(where, line, (
                f"{macro}({slug!r}) in {where}: a page shows its own data; use {macro}({expected!r}) "
                f"and content_src/pages/{expected}.yaml (section anchors are looked up by file name)"))
        if macro == "page_content" and slug in slugs:
            shown[slug] = where
    reviewed = {(where, slug) for where, _, macro, slug in calls if macro == "review_dates"}
    for slug, where in sorted(shown.items()):
        if (where, slug) not in reviewed:
            yield Problem.error(where, 1, (
                f"{where} shows page_content({slug!r}) but not its review dates; "
                f"add {{{{ review_dates({slug!r}) }}}} at the bottom"))
    for slug in sorted(slugs - set(shown)):
        yield Problem.error(project.rel(pages_dir(project) / f"{slug}.yaml"), 1, (
            f"no docs page shows this file; add {{{{ page_content({slug!r}) }}}} to docs/{slug}.md"))
