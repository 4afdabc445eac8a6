"""The glossary, defined once in ``content_src/glossary.yaml`` and listed A to Z on ``/glossary/``.

Each entry is ``{id, term, also, definition, cite}``. ``load_glossary`` reads and validates the file
once per build or check run (schema, its first line, a term defined twice, a citation key the
registry does not have); the model registers it as the content kind ``glossary``.

On a topic page (a page with its own question bank) the first use of each term, or of one of its
``also`` forms, links to its entry: whole words, any case, once per page, never in a heading, a
care card or an existing link, nor where it holds a number (that number is a ``tel:`` link). ``FirstUse`` finds the uses; ``macros.text`` writes the links, so
the text path that escapes content text is the only one that makes them. ``check_glossary`` adds a
warning to ``make check`` for an entry that no topic page uses.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Iterator

from .problems import Problem
from .project import Project
from .schemas import load_validated
from .yamlsource import Document

GLOSSARY_PATH = "content_src/glossary.yaml"
SCHEMA = "glossary"
SCHEMA_COMMENT = "# yaml-language-server: $schema=../macros/schemas/glossary.schema.json"
PAGE = "glossary.md"


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    also: tuple[str, ...]
    definition: str
    cite: tuple[str, ...]
    line: int

    @property
    def forms(self) -> tuple[str, ...]:
        """Every spelling that links to this entry: the term first, then its other forms."""
        return (self.term, *self.also)

    @property
    def letter(self) -> str:
        first = self.term[:1].upper()
        return first if first.isalpha() else "#"


@dataclass
class Glossary:
    path: str = GLOSSARY_PATH
    terms: tuple[Term, ...] = ()
    problems: list[Problem] = field(default_factory=list)
    doc: Document | None = None

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def by_form(self) -> dict[str, Term]:
        """Lower-cased spelling -> its entry (the first entry that has it, when one is defined twice)."""
        found: dict[str, Term] = {}
        for term in self.terms:
            for form in term.forms:
                found.setdefault(form.casefold(), term)
        return found

    @property
    def pattern(self) -> re.Pattern | None:
        """Any spelling as a whole word, longest first (so "spinal cord compression" beats "spinal cord")."""
        forms = sorted(self.by_form, key=len, reverse=True)
        if not forms:
            return None
        return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])", re.IGNORECASE)

    def first_use(self, page_src: str) -> "FirstUse":
        """The linker for one page ``docs/<page_src>``: each entry links once."""
        return FirstUse(self, posixpath.relpath(PAGE, posixpath.dirname(page_src) or "."))

    def sorted_terms(self) -> list[Term]:
        return sorted(self.terms, key=lambda t: t.term.casefold())


class FirstUse:
    """Splits text into plain pieces and first uses of glossary terms, remembering what it linked."""

    def __init__(self, glossary: Glossary, page: str):
        self._pattern = glossary.pattern
        self._by_form = glossary.by_form
        self._page = page
        self.linked: list[str] = []   # entry ids, in the order they were linked
        self.used: set[str] = set()   # entry ids whose term appeared, linked or not

    def split(self, text: str) -> list[tuple[str, str | None]]:
        """``[(piece, href or None), ...]`` covering ``text``; an href is this page's link to the entry."""
        if self._pattern is None:
            return [(text, None)]
        out, at = [], 0
        for match in self._pattern.finditer(text):
            term = self._by_form[match.group().casefold()]
            self.used.add(term.id)
            if term.id in self.linked or any(c.isdigit() for c in match.group()):
                continue  # a use with a number in it ("NHS 111") stays text, so the number becomes a tel: link
            self.linked.append(term.id)
            out += [(text[at:match.start()], None), (match.group(), f"{self._page}#{term.id}")]
            at = match.end()
        out.append((text[at:], None))
        return [(piece, href) for piece, href in out if piece]


def load_glossary(project: Project) -> Glossary:
    """The project's glossary, read and validated once; a missing file is an empty glossary."""
    return project.once(("glossary",), lambda: _load(project))


def _load(project: Project) -> Glossary:
    found = load_validated(project, GLOSSARY_PATH, SCHEMA, schema_line=SCHEMA_COMMENT, what="the glossary")
    if not found.clean:
        return Glossary(found.path, (), list(found.problems), found.doc)
    doc = found.doc
    terms = tuple(
        Term(t["id"], t["term"], tuple(t.get("also") or ()), t["definition"], tuple(t["cite"]), doc.line("terms", i))
        for i, t in enumerate(doc.data["terms"]))
    problems = _twice(doc, terms)  # a misspelt source key is the citation check's (macros.citations.checks)
    return Glossary(doc.path, terms, sorted(problems), doc)


def _twice(doc: Document, terms: tuple[Term, ...]) -> list[Problem]:
    """An id used by two entries, or a spelling (term or other form, any case) that two entries claim."""
    problems, ids, forms = [], {}, {}
    for i, term in enumerate(terms):
        if term.id in ids:
            problems.append(doc.error(("terms", i, "id"), (
                f"glossary id {term.id!r} is already used by the entry at line {ids[term.id].line}; "
                "give each entry its own id, or merge the two entries")))
        ids.setdefault(term.id, term)
        for j, form in enumerate(term.forms):
            where = ("terms", i, "term") if j == 0 else ("terms", i, "also", j - 1)
            other = forms.get(form.casefold())
            if other is not None and other.id != term.id:
                problems.append(doc.error(where, (
                    f"{form!r} is defined twice: entry {other.id!r} (line {other.line}) already has it; "
                    "keep it in one entry")))
            elif other is not None:
                problems.append(doc.error(where, f"{form!r} is listed twice in entry {term.id!r}; list it once"))
            forms.setdefault(form.casefold(), term)
    return problems


# --- where the linker runs -----------------------------------------------------------------------

def is_topic_page(shell) -> bool:
    """A topic page shows its own content and its own question bank (not /quiz/, not trust pages)."""
    return shell.content is not None and shell.content in shell.banks


def first_use_for(glossary: Glossary, shell) -> FirstUse | None:
    """The linker for the page ``shell`` when it is a topic page, else None (its text links nothing)."""
    return glossary.first_use(shell.src) if glossary.terms and is_topic_page(shell) else None


# --- make check ----------------------------------------------------------------------------------

def check_glossary(project: Project) -> list[Problem]:
    """The glossary's own problems, and a warning for each entry that no topic page uses."""
    from .model import model_of
    from .pages.render import used_terms

    model = model_of(project)
    glossary = model.kind("glossary")
    problems = list(glossary.problems)
    if not glossary.terms or glossary.errors:
        return problems
    used: set[str] = set()
    for shell in model.shells:
        if is_topic_page(shell) and shell.content in model.pages:
            used.update(used_terms(model.pages[shell.content], first_use_for(glossary, shell)))
    for term in glossary:
        if term.id not in used:
            problems.append(Problem.warning(glossary.path, term.line, (
                f"glossary entry {term.id!r} is used on no topic page (none of {', '.join(term.forms)} appears "
                "outside headings and care cards); check its spelling, add a form the pages use, or remove it")))
    return problems
