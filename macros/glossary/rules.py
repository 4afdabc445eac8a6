"""``make check`` for the glossary (its file's own problems are the model's): an error when pages use
entries but there is no glossary page for their links, and a warning for each entry that no topic page uses (worked out from the pages' texts, as the linker reads them, without rendering a page)."""

from __future__ import annotations

from ..core.problems import Problem
from ..core.text import inline_html
from ..model import SiteModel
from ..model.glossary import PAGE
from ..model.pages import page_file
from ..model.walk import texts
from .linker import FirstUse, first_use_for

# The texts of a page in which the linker looks for terms (``macros.pages.render`` passes it to these
# and to no others: not headings, captions, column heads, callout titles or care cards).
LINKED_TEXTS = ("paragraph", "list_intro", "list_item", "cell", "callout_text")


def used_terms(data: object, terms: FirstUse | None) -> set[str]:
    """The glossary entries whose terms a page's ``data`` uses where ``terms`` looks."""
    if terms is None:
        return set()
    for text in texts(data):
        if text.kind in LINKED_TEXTS:
            inline_html(text.text, terms)  # the same text path the page renders with
    return set(terms.used)


def check_glossary(model: SiteModel) -> list[Problem]:
    """A warning for each entry that no topic page uses (the glossary's own problems are the model's)."""
    glossary = model.kind("glossary")
    problems: list[Problem] = []
    if not glossary.terms or glossary.errors:
        return problems
    used: set[str] = set()
    project = model.project
    for shell in model.shells:
        if shell.is_topic_page:
            # every page that loads counts, also one failing a rule of its own (its errors say so): its
            # terms are still used. A page that cannot be read might use any term: then nothing is said.
            doc, _ = project.try_load(page_file(project, shell.content))
            if doc is None:
                return problems
            used.update(used_terms(doc.data, first_use_for(glossary, shell)))
    if used and not any(shell.src == PAGE for shell in model.shells):
        first = next(term for term in glossary if term.id in used)
        problems.append(Problem.error(glossary.path, first.line, (
            f"the pages use glossary entries (first {first.id!r}) and link them to docs/{PAGE}, which does not exist: "
            f"add that page (docs/{PAGE} and content_src/pages/{PAGE.removesuffix('.md')}.yaml) or remove the entries")))
    for term in glossary:
        if term.id not in used:
            problems.append(Problem.warning(glossary.path, term.line, (
                f"glossary entry {term.id!r} is used on no topic page (none of {', '.join(term.forms)} appears "
                "outside headings and care cards); check its spelling, add a form the pages use, or remove it")))
    return problems
