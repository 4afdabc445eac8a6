"""The glossary, defined once in ``content_src/glossary.yaml`` and listed A to Z on ``/glossary/``.

Each entry is ``{id, term, also, definition, cite}``. ``load_glossary`` reads and validates the file
once per build or check run (schema, its first line, a term defined twice, a citation key the
registry does not have); the model registers it as the content kind ``glossary``.

On a topic page (``Shell.is_topic_page``: a page with its own question bank) the first use of each term
links to its entry: the glossary feature's ``linker.FirstUse`` finds the uses, and its ``rules`` warn
about an entry that no topic page uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Iterator


from ..core.problems import Problem
from ..core.project import Project
from ..core.schemas import Loaded, load_validated
from ..core.yamlsource import Document

GLOSSARY_PATH = "content_src/glossary.yaml"
SCHEMA = "glossary"
SCHEMA_COMMENT = "# yaml-language-server: $schema=../macros/schemas/glossary.schema.json"
PAGE = "glossary.md"  # the page that lists the glossary (its entries' links point there)



# Words most readers know: the Dale-Chall list textstat (pinned, 0.7.3) scores readability with. A glossary
# term is a word a reader may not know.
def _easy_words() -> frozenset[str]:
    """textstat's English easy-words list, read from its package data (and closed: textstat's own reader leaves
    the file open, a ResourceWarning at exit)."""
    with resources.files("textstat").joinpath("resources/en/easy_words.txt").open(encoding="utf-8") as words:
        return frozenset(line.strip() for line in words if line.strip())


COMMON_WORDS: frozenset[str] = _easy_words()


def _acronym_of_a_word(form: str) -> bool:
    """An acronym written in capitals that spells an everyday word (NICE): linked only as written."""
    return len(form) > 1 and form.isupper() and form.lower() in COMMON_WORDS

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
class Glossary(Loaded):
    path: str = GLOSSARY_PATH
    terms: tuple[Term, ...] = ()
    problems: list[Problem] = field(default_factory=list)
    doc: Document | None = None

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

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
        written: dict[str, str] = {}
        for term in self.terms:
            for form in term.forms:
                written.setdefault(form.casefold(), form)
        forms = sorted(written, key=len, reverse=True)
        if not forms:
            return None
        # an acronym that spells an everyday word (NICE) only as written, so "nice" links nothing
        parts = [re.escape(written[f]) if _acronym_of_a_word(written[f]) else f"(?i:{re.escape(f)})" for f in forms]
        return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")

    def sorted_terms(self) -> list[Term]:
        return sorted(self.terms, key=lambda t: t.term.casefold())


def load_glossary(project: Project) -> Glossary:
    """The project's glossary, read and validated; a missing file is an empty glossary."""
    found = load_validated(project, GLOSSARY_PATH, SCHEMA, schema_line=SCHEMA_COMMENT, what="the glossary")
    if not found.clean:
        return Glossary(found.path, (), list(found.problems), found.doc)
    doc = found.doc
    terms = tuple(
        Term(t["id"], t["term"], tuple(t.get("also") or ()), t["definition"], tuple(t["cite"]), doc.line("terms", i))
        for i, t in enumerate(doc.data["terms"]))
    problems = _twice(doc, terms) + _common_words(doc, terms)  # a misspelt source key is the citation check's (macros.citations.checks)
    return Glossary(doc.path, terms, sorted(problems), doc)


def _common_words(doc: Document, terms: tuple[Term, ...]) -> list[Problem]:
    """A term or form that is one everyday word (``pain``, ``back``) would link nearly every paragraph."""
    problems = []
    for i, term in enumerate(terms):
        for j, form in enumerate(term.forms):
            if " " not in form.strip() and form.strip().lower() in COMMON_WORDS and not _acronym_of_a_word(form):
                where = ("terms", i, "term") if j == 0 else ("terms", i, "also", j - 1)
                problems.append(doc.error(where, (
                    f"{form!r} is an everyday word (one of the Dale-Chall list's {len(COMMON_WORDS):,} words most "
                    "readers know), so its first use on every page would link here whatever it means there; "
                    "use the phrase the pages use for the medical sense (for example 'nerve pain'), or leave it out")))
    return problems


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

