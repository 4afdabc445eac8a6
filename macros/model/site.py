"""The compiled site model: every content file loaded and checked once, and what features need from it.

``site_model(root, nav=...)`` returns a ``SiteModel``: immutable objects (frozen dataclasses, tuples,
read-only mappings) for the pages, the question banks, the citation registry, any other content
kind registered in ``KINDS``, and the page shells in ``docs/``, with the indexes features read
instead of the files: each shell's URL, title, anchors and headings, which shell shows which
content, and who cites what (file, line and column).

* **Where a page's content comes from**: a shell ``docs/<name>.md`` whose template calls
  ``{{ page_content() }}`` shows ``content_src/pages/<name>.yaml`` and, when it exists, the question bank
  ``quiz/banks/<name>.yaml``. A shell calling ``{{ quiz_index() }}`` lists the pages that show a bank. Macro calls are
  found by Jinja's own parser (the template's syntax tree), not by searching the text.
* **The nav** is what the builder already parsed (``config["nav"]``), passed in by the adapter;
  nothing here reads ``mkdocs.yml``.
* **Compiled eagerly, once for each state of the input files** (their fingerprints: path, mtime, ctime,
  size): every kind is loaded and checked, and what is derived from the kinds worked out, when the model is
  compiled, so reading the model computes nothing. That model is the one cache; the only other is the
  parsed documents (a parse per digest of a file's bytes, ``Project.load``), so that a rebuild under
  ``make serve`` after a one-file change parses that file again and no other.
* **A new content kind** is one ``Kind`` appended to ``KINDS``: its files and a loader that returns
  the kind's value and its problems. ``model.kind("name")`` is what features read.

What a build refuses is the build's rules' errors (``macros/rules.py``): each problem once, at the file at
fault (a broken bank is not also a quiz rendering error; a broken page does not make every link to it a
broken anchor).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Mapping

from ..core.problems import ContentError, Problem
from ..core.project import Project
from ..core.shell_rules import FIXTURE_TEXT_VARIABLE
from .bank_rules import load_banks
from .banks import bank_files, bank_ids
from .care_rules import cards_problems
from .cards import CARDS_PATH, load_care_cards
from .files import file_problems
from .moved import MOVED_PATH, load_moved
from .glossary import GLOSSARY_PATH, load_glossary
from .index import Placement, UsageIndex, index_model, placements
from .pages import Pages, load_page, page_doc, page_file, page_files, page_slugs
from .reviewers import REVIEWERS_PATH, load_reviewers
from .shells import EMPTY, GLOSSARY_LIST_MACRO, Shell, _url_key, compile_shell, nav_entries
from .sources import REGISTRY_PATH, load_registry
from .urgent_care import POLICY_PATH, load_policy
from .walk import placed_cards, section_headings

# --- the model ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Kind:
    """A kind of content: which files it is made of, and how to load them into one value.

    ``load(model)`` returns ``(value, problems)``; problems that are errors stop a build. A loader is
    given the model (not a ``Project``), so that what it checks against the rest of the site (a page's
    care cards, a review's reviewers) it reads from there: the kinds before it in ``KINDS`` and what
    ``DERIVED`` has worked out from them.
    """

    name: str
    files: Callable[[Project], list[Path]]
    load: Callable[["SiteModel"], tuple[Any, list[Problem]]]


def _load_pages(model: "SiteModel") -> tuple[Pages, list[Problem]]:
    """Every page file, each validated once: those that pass every check by slug, and those that pass their
    schema and rules (``Pages.checked``); the problems of the others."""
    pages, checked, problems = {}, {}, []
    for slug in page_slugs(model.project):
        try:
            checked[slug] = page_doc(model.project, slug)
            pages[slug] = load_page(model, slug, checked[slug])
        except ContentError as exc:
            problems += exc.problems
    return Pages(MappingProxyType(pages), MappingProxyType(checked)), problems


def one_file_kind(name: str, path: str, loader: Callable[["SiteModel"], Any]) -> Kind:
    """A kind kept in one file, ``path``, that ``loader(model)`` loads (with
    ``macros.core.schemas.load_validated``) into a value carrying its own ``problems``."""
    def files(project: Project) -> list[Path]:
        file = project.root / path
        return [file] if file.exists() else []

    def load(model: "SiteModel") -> tuple[Any, list[Problem]]:
        value = loader(model)
        return value, list(value.problems)

    return Kind(name, files, load)


# The content kinds, in the order they are loaded (each may read the ones before it). A new kind: one entry here.
KINDS: tuple[Kind, ...] = (
    one_file_kind("sources", REGISTRY_PATH, lambda model: load_registry(model.project)),
    one_file_kind("urgent_care", POLICY_PATH, lambda model: load_policy(model.project)),
    one_file_kind("care_cards", CARDS_PATH, lambda model: load_care_cards(model.project, model.kind("urgent_care"))),
    one_file_kind("glossary", GLOSSARY_PATH, lambda model: load_glossary(model.project)),
    one_file_kind("reviewers", REVIEWERS_PATH, lambda model: load_reviewers(model.project)),
    one_file_kind("moved", MOVED_PATH, lambda model: load_moved(model.project)),
    Kind("pages", page_files, _load_pages),
    Kind("banks", bank_files, lambda model: load_banks(model)),
)


@dataclass(frozen=True)
class Derived:
    """A value worked out once from loaded kinds (the ``SiteModel`` field ``name``), as soon as the kinds it
    ``needs`` have loaded, so that the kinds after them are checked against it."""

    name: str
    needs: tuple[str, ...]
    compute: Callable[["SiteModel"], Any]


DERIVED: tuple[Derived, ...] = (
    Derived("card_rule_problems", ("urgent_care", "care_cards"),
            lambda model: tuple(cards_problems(model.kind("care_cards"), model.kind("urgent_care")))),
    Derived("_headings", ("care_cards", "glossary"),
            lambda model: MappingProxyType({shell.src: _headings(model, shell) for shell in model.shells})),
    Derived("usages", ("sources", "care_cards", "glossary", "pages", "banks"), lambda model: index_model(model)),
)


@dataclass(frozen=True)
class SiteModel:
    """Every content kind loaded and checked, and what is derived from them, all worked out when the model is
    compiled (``compile_model``): reading it computes nothing."""

    project: Project
    shells: tuple[Shell, ...]                 # nav order first, then the pages outside the nav
    shell_problems: tuple[Problem, ...]
    use_directory_urls: bool = True
    _by_src: Mapping[str, Shell] = field(default_factory=lambda: EMPTY, repr=False)
    _by_url: Mapping[str, Shell] = field(default_factory=lambda: EMPTY, repr=False)
    file_problems: tuple[Problem, ...] = ()   # symbolic links, files docs/ does not use, unsafe SVG, stray .yml
    placements: tuple[Placement, ...] = ()    # every care_card: block of every page file that reads, in order
    _kinds: Mapping[str, tuple[Any, tuple[Problem, ...]]] = field(default_factory=lambda: EMPTY, repr=False)
    # -- DERIVED --
    card_rule_problems: tuple[Problem, ...] = ()  # the cards against the urgent care policy (model/care_rules.py):
    # the page loader refuses every page while a card breaks one, so no page shows such a card
    _headings: Mapping[str, Mapping[str, str] | None] = field(default_factory=lambda: EMPTY, repr=False)
    usages: UsageIndex | None = None          # who cites what: every citation's file, line and column, and its pages

    # -- content kinds --
    def kind(self, name: str) -> Any:
        """The loaded value of content kind ``name`` (see ``KINDS``)."""
        return self._kind(name)[0]

    @property
    def kind_names(self) -> tuple[str, ...]:
        """Every content kind's name, in the order they load (``KINDS``)."""
        return tuple(kind.name for kind in KINDS)

    def kind_files(self, name: str) -> list[Path]:
        return self._kind_entry(name).files(self.project)

    def kind_problems(self, name: str) -> tuple[Problem, ...]:
        return self._kind(name)[1]

    def _kind(self, name: str) -> tuple[Any, tuple[Problem, ...]]:
        if name not in self._kinds:
            self._kind_entry(name)  # a name that is no kind says so
            raise LookupError(f"content kind {name!r} is read before it is loaded: move it earlier in KINDS")
        return self._kinds[name]

    @staticmethod
    def _kind_entry(name: str) -> Kind:
        for kind in KINDS:
            if kind.name == name:
                return kind
        raise KeyError(f"no content kind {name!r} (kinds: {', '.join(k.name for k in KINDS)})")

    @property
    def registry(self):
        return self.kind("sources")

    @property
    def pages(self) -> Pages:
        """Valid content pages by slug (``.checked``: every page file that passes its own schema and rules)."""
        return self.kind("pages")

    @property
    def banks(self) -> Mapping[str, Any]:
        """Loaded question banks (``Document``) by id, in file-name order."""
        return self.kind("banks")

    # -- shells --
    def shell(self, src: str) -> Shell | None:
        return self._by_src.get(src)

    def shell_at(self, url: str) -> Shell | None:
        """The shell a builder is rendering, from the page URL both MkDocs and Zensical give."""
        return self._by_url.get(_url_key(url))

    def shells_showing_content(self, slug: str) -> list[Shell]:
        return [s for s in self.shells if s.content == slug]

    def shells_showing_bank(self, bank_id: str) -> list[Shell]:
        return [s for s in self.shells if bank_id in s.banks]

    @property
    def nav_order(self) -> list[str]:
        return [s.src for s in self.shells if s.in_nav]

    # -- anchors and headings --
    def headings(self, src: str) -> Mapping[str, str] | None:
        """Anchor -> heading text of page ``src``: its own headings and its content's sections.

        ``None`` when the page exists but its content file is unusable (its own errors say why,
        so links into it are not reported again), and an empty mapping when there is no such page.
        """
        return self._headings.get(src, EMPTY)


def _headings(model: SiteModel, shell: Shell) -> Mapping[str, str] | None:
    """``SiteModel.headings`` of ``shell``."""
    found = dict(shell.headings)
    if shell.calls_named(GLOSSARY_LIST_MACRO):
        for term in model.kind("glossary"):
            found.setdefault(term.id, term.term)
    data_file = page_file(model.project, shell.name)
    if "/" not in shell.name and data_file.is_file():
        doc, _ = model.project.try_load(data_file)
        if doc is None:
            return None
        for section_id, heading in section_headings(doc.data):
            found.setdefault(section_id, heading)
        cards = model.kind("care_cards")
        for card_id in placed_cards(doc.data):  # a placed card's heading has the card's id as its anchor
            found.setdefault(card_id, cards[card_id].action if card_id in cards else card_id)
    return MappingProxyType(found)


# --- compiling, once for each state of the input files -----------------------------------------------------------

def _docs_files(project: Project) -> list[Path]:
    return sorted(project.docs_dir.rglob("*.md")) if project.docs_dir.is_dir() else []


def input_files(project: Project) -> list[Path]:
    """Every file the model is made of."""
    files = set(_docs_files(project)) | set(project.yaml_files())
    for kind in KINDS:
        files.update(kind.files(project))
    return sorted(files)


def fingerprint(path: Path) -> tuple:
    """(path, mtime_ns, ctime_ns, size): a stat, so that asking for the model on every page (Zensical
    runs the macros module once per page) costs no file reads. ``Project.load`` parses a file again
    only when its bytes changed."""
    try:
        st = path.stat()
    except OSError:
        return (str(path),)
    return (str(path), st.st_mtime_ns, st.st_ctime_ns, st.st_size)


# The one cache: the model for a given state of the input files. A rebuild under `make serve` after a
# one-file change compiles a new model, and parses only the changed file again (``Project.load``).
_MODELS: dict[tuple, SiteModel] = {}
_KEEP = 4  # models kept: a serve session, and a few fixture projects in a test run


def site_model(root: Path | str | Project, nav: Any = None, *, use_directory_urls: bool = True) -> SiteModel:
    """The model of the project at ``root``, compiled once for each state of its files.

    ``nav`` is the builder's parsed nav (``None``: every page in ``docs/``, by file name).
    """
    project = root if isinstance(root, Project) else Project(Path(root))
    key = (str(project.root), repr(nav), use_directory_urls, os.environ.get(FIXTURE_TEXT_VARIABLE),
           tuple(fingerprint(p) for p in input_files(project)))
    if key not in _MODELS:
        while len(_MODELS) >= _KEEP:
            _MODELS.pop(next(iter(_MODELS)))
        _MODELS[key] = compile_model(project, nav, use_directory_urls)
    return _MODELS[key]


def current_model(root: Path | str) -> SiteModel:
    """The newest model kept for the project at ``root`` whose files have not changed since, else one
    compiled without a nav: what the Markdown extension reads (builders make one for every page)."""
    project = Project(Path(root))
    files = tuple(fingerprint(p) for p in input_files(project))
    for key in reversed(list(_MODELS)):
        if key[0] == str(project.root) and key[-1] == files:
            return _MODELS[key]
    return site_model(project.root)


def compile_model(project: Project, nav: Any = None, use_directory_urls: bool = True) -> SiteModel:
    entries = nav_entries(nav)
    titles = dict(entries)
    order = {src: i for i, (src, _) in reversed(list(enumerate(entries)))}
    slugs, banks = set(page_slugs(project)), set(bank_ids(project))
    shells, problems = [], []
    for path in _docs_files(project):
        src = path.relative_to(project.docs_dir).as_posix()
        shell, found = compile_shell(project, path, src, titles.get(src, ""), src in order, use_directory_urls,
                                      slugs, banks)
        problems += found
        if shell is not None:
            shells.append(shell)
    # nav order, then the pages outside the nav: the home page first, then by name
    shells.sort(key=lambda shell: (order.get(shell.src, len(entries)), shell.src != "index.md", shell.src))
    model = SiteModel(
        project, tuple(shells), tuple(problems), use_directory_urls,
        MappingProxyType({s.src: s for s in shells}),
        MappingProxyType({_url_key(s.url): s for s in shells}),
        tuple(file_problems(project, fixture=os.environ.get(FIXTURE_TEXT_VARIABLE) == "1")),
        tuple(placements(project)),
    )
    for kind in KINDS:  # each kind, then what the kinds loaded so far give for the first time
        value, found = kind.load(model)
        model = replace(model, _kinds=MappingProxyType({**model._kinds, kind.name: (value, tuple(found))}))
        for step in DERIVED:
            if kind.name in step.needs and all(name in model._kinds for name in step.needs):
                model = replace(model, **{step.name: step.compute(model)})
    return model
