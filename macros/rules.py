"""The one list of rules: what the build refuses and what ``make check`` reports come from here.

Each rule is a function of the site model returning ``Problem``s. ``RULES`` lists them all, each marked
``build=True`` when the build refuses its errors (a page must not be built from content that breaks it)
or ``build=False`` when only ``make check`` runs it (warnings, slower reports on the text, rules a build
can live without). ``problems(model)`` runs every rule, ``problems(model, build=True)`` the build's.

A rule names the content kinds it ``needs`` (``SiteModel.kind_names``): when a file of such a kind
has errors of its own, the rule is skipped, so one mistake gives one message at the file at fault, not
a trail of knock-on problems from rules run on half a model. It may also need another rule, whose errors
are then the root of its own: the glossary's usage needs every page file shown by its page
(``pages_shown``), since a page without one uses no term. A rule that raises is reported as one
internal error in the checker (``make check`` carries on with the others); in a build it raises.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from .cards.rules import card_page_link_problems, check_care_cards, check_care_rules
from .citations.checks import check_citations, unknown_source_keys
from .core.config_checks import config_problems
from .core.problems import ContentError, Problem
from .core.yamlsource import load_yaml
from .editorial.item_writing import check_item_writing
from .editorial.markup import check_markup
from .editorial.readability import check_readability
from .glossary.rules import check_glossary
from .model import SiteModel
from .model.banks import bank_files
from .model.links import awaits_shell
from .pages.checks import check_page_shells, check_pages, pages_shown
from .pages.moved import moved_pages
from .quiz.rules import check_quiz_banks, learn_more_links
from .quiz.strings import STRINGS


Check = Callable[[SiteModel], Iterable[Problem]]


@dataclass(frozen=True)
class Rule:
    check: Check
    build: bool = False                     # the build refuses this rule's errors
    needs: tuple[str | Check, ...] = ()     # content kinds that must load without errors, and rules that must find
                                            # none, for the rule to run

    @property
    def name(self) -> str:
        return getattr(self.check, "__qualname__", repr(self.check))


# --- rules over the files and the model's own problems (the build's) ---------------------------------

def files_load(model: SiteModel) -> Iterable[Problem]:
    """Every YAML file must be readable, valid UTF-8, free of tabs, duplicate keys and syntax errors."""
    for path in model.project.yaml_files():
        yield from model.project.try_load(path)[1]


def yaml_names_are_files(model: SiteModel) -> Iterable[Problem]:
    """Anything named ``*.yaml``/``*.yml`` in the content folders that is not a regular file.

    ``Project.yaml_files`` lists regular files only, so a folder called ``red-flags.yaml`` or a
    broken link would otherwise be skipped in silence; loading it names the mistake.
    """
    project = model.project
    for base in (project.content_dir, project.banks_dir):
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if path.suffix in (".yaml", ".yml") and not path.is_file():
                shown = f"{project.rel(path.parent)}/{path.name}"  # the link's own name, not its target's
                try:
                    load_yaml(path, shown)
                except ContentError as exc:
                    yield from exc.problems


def shells_compile(model: SiteModel) -> Iterable[Problem]:
    """Each page shell in ``docs/``: its macros parse, and it places content that exists."""
    return model.shell_problems


def content_kinds(model: SiteModel) -> Iterable[Problem]:
    """Each content kind's problems as it loads: schemas and the rules within a file (``KINDS``)."""
    for name in model.kind_names:
        yield from model.kind_problems(name)


def files_where_the_build_reads(model: SiteModel) -> Iterable[Problem]:
    """Symbolic links, files docs/ does not use, unsafe SVG, stray .yml files (``macros/model/files.py``)."""
    return model.file_problems


def configuration(model: SiteModel) -> Iterable[Problem]:
    """mkdocs.yml: addresses in nav and extra, the interface strings, the description (``macros/core/config_checks.py``).
    A page it names whose shell is missing waits for it, as links do (``awaits_shell``): its content file's error says so."""
    return config_problems(model.project.root, STRINGS, quiz_shown=bool(bank_files(model.project)),
                           awaited=lambda name: awaits_shell(model, name))


RULES: tuple[Rule, ...] = (
    # --- the build refuses these: a page is never built from content that breaks them ---
    Rule(files_where_the_build_reads, build=True),
    Rule(configuration, build=True),
    Rule(files_load, build=True),
    Rule(shells_compile, build=True),
    Rule(content_kinds, build=True),
    Rule(pages_shown, build=True),  # each page file has its page: else one error, and what points at the page waits
    Rule(moved_pages, build=True, needs=("moved",)),
    Rule(unknown_source_keys, build=True, needs=("sources",)),
    Rule(learn_more_links, build=True),  # a quiz question's link to the page section that teaches it
    # --- make check adds these ---
    Rule(yaml_names_are_files),
    # content text is text: no raw HTML, attributes or unusable links, in any content file
    Rule(check_markup),
    # citations: unused sources, unknown keys
    Rule(check_citations, needs=("sources",)),
    # content pages: links, placements, review records and dates; shells and content files match
    Rule(check_pages),
    Rule(check_page_shells),
    Rule(check_readability),
    # care cards: defined once in content_src/care_cards.yaml, placed by id; the urgent care policy
    Rule(check_care_cards, needs=("care_cards",)),
    # a topic page placing a card the printable symptom card shows links to it
    Rule(card_page_link_problems, needs=("care_cards",)),
    Rule(check_care_rules),
    # the glossary: content_src/glossary.yaml, and entries no topic page uses
    # (while a page file has no page, which terms the pages use is not known: that file's error comes first)
    Rule(check_glossary, needs=("glossary", pages_shown)),
    # quiz banks: review dates, item writing
    Rule(check_quiz_banks),
    Rule(check_item_writing),
)


def skipped(model: SiteModel, rule: Rule) -> bool:
    """Does a kind ``rule`` needs have errors of its own, or a rule it needs find errors (reported instead)?"""
    return any(p.is_error for need in rule.needs
               for p in (model.kind_problems(need) if isinstance(need, str) else need(model)))


def problems(model: SiteModel, *, build: bool = False, rules: Iterable[Rule] | None = None) -> list[Problem]:
    """Every problem the rules find (``build``: only the build's rules, and only their errors), once each,
    sorted. Outside a build a rule that raises becomes one located internal error."""
    found: set[Problem] = set()
    for rule in RULES if rules is None else rules:
        if (build and not rule.build) or skipped(model, rule):
            continue
        if build:
            found.update(p for p in rule.check(model) if p.is_error)
            continue
        try:
            found.update(rule.check(model))
        except Exception as exc:  # a bug in a rule must not hide the other rules' findings
            found.add(crash(rule.check, exc))
    return sorted(found)


def build_errors(model: SiteModel) -> list[Problem]:
    """What a build refuses: every error of the build's rules, once each, at the file at fault."""
    return problems(model, build=True)


def crash(function: Callable, exc: Exception) -> Problem:
    """A rule that raised: reported where it raised, in the checker's code, as an error.

    Editors see one line in the usual format instead of a traceback; developers get the code
    location and the exception. Tests on bad input assert that this message never appears.
    """
    frame = traceback.extract_tb(exc.__traceback__)[-1]
    name = getattr(function, "__qualname__", repr(function))
    try:
        where = Path(frame.filename).resolve().relative_to(Path(__file__).resolve().parents[1]).as_posix()
    except ValueError:
        where = frame.filename
    return Problem.error(
        where, frame.lineno or 1,
        f"internal error in {name}: {type(exc).__name__}: {exc} "
        "(a bug in the checker, not in your content: please report it)")
