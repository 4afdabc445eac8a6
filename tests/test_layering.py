"""``macros/`` is layered, and imports only run downward: core <- model <- features <- adapters.

Computed from the real import graph (``ast``, every ``import`` and ``from ... import`` in every module,
at the top or inside a function), so a new module or a new import is checked as soon as it exists:

* no import cycles, at any depth (a cycle is what made function-level imports necessary);
* no upward import: ``macros.core`` imports nothing else of ``macros``, ``macros.model`` only the core,
  a feature only the model and the core (and another feature only where ``SANCTIONED`` says so: the
  pages feature composes a page from the others' pieces, and everyone may spell a citation token);
* no import inside a function (nor under ``TYPE_CHECKING``, nor by ``importlib``) outside the adapters,
  which may guard a builder import (``tests/test_builder_adapters.py``);
* every module is on a floor: a new top-level module or package has to be placed here first.

The last tests run the same analysis on a small package with each kind of violation, so this file can fail.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.support.sites import REPO

PACKAGE = "macros"
FEATURES = ("citations", "pages", "cards", "glossary", "quiz", "editorial")
ADAPTERS = ("macros", "macros.markdown", "macros.serve_errors", "macros.cli")  # define_env, the Markdown
# extension, the serve hook (mkdocs.yml hooks:), the commands
FLOORS = {"core": 0, "model": 1, "feature": 2, "rules": 3, "adapter": 4}
# (importing feature or "*", imported module): the only imports from one feature into another.
SANCTIONED = {
    ("*", "macros.citations.markers"),       # the one owner of the citation token's spelling
    ("pages", "macros.citations.format"),    # a page's review record names its sources as References do
    ("pages", "macros.cards.render"),        # a page places care cards and the help box
    ("pages", "macros.cards.phones"),        # a page's text calls the services' numbers when tapped
    ("pages", "macros.glossary.linker"),     # a topic page links the first use of each glossary term
    ("pages", "macros.quiz.render"),         # a topic page ends with its quiz
}


@dataclass
class Graph:
    modules: dict[str, Path]
    edges: dict[str, dict[str, int]] = field(default_factory=dict)   # module -> imported module -> line
    hidden: list[tuple[str, int, str]] = field(default_factory=list)  # imports inside functions


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(root: Path, package: str = PACKAGE) -> Graph:
    """Every module of ``root/package`` and what each imports of it, with the line."""
    graph = Graph({module_name(root, p): p for p in sorted((root / package).rglob("*.py"))})
    for name, path in graph.modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        graph.edges[name] = {}
        for node, inside in _imports(tree):
            targets = []
            if isinstance(node, ast.ImportFrom):
                base = ".".join(here[: len(here) - node.level + 1] + ([node.module] if node.module else [])) \
                    if node.level else (node.module or "")
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in graph.modules else base for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:  # importlib.import_module / __import__
                targets = [f"{package}.?"]
            if inside:
                graph.hidden.append((name, node.lineno, ast.unparse(node)))
            for target in targets:
                if (target == package or target.startswith(package + ".")) and target != name:
                    graph.edges[name].setdefault(_known(graph, target), node.lineno)
    return graph


def _known(graph: Graph, target: str) -> str:
    """``target`` or the nearest package above it that is a module (``from x import name``)."""
    while target not in graph.modules and "." in target:
        target = target.rsplit(".", 1)[0]
    return target


def _imports(tree: ast.AST):
    """(node, inside a function or TYPE_CHECKING) for every import and dynamic import call."""
    def walk(node: ast.AST, inside: bool):
        for child in ast.iter_child_nodes(node):
            deeper = inside or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)) or (
                isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test))
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                yield child, inside
            elif isinstance(child, ast.Call) and ast.unparse(child.func).split(".")[-1] in ("import_module", "__import__"):
                yield child, True
            yield from walk(child, deeper)
    yield from walk(tree, False)


def floor(module: str) -> str | None:
    parts = module.split(".")
    if module == PACKAGE or module in ADAPTERS or any(module.startswith(a + ".") for a in ADAPTERS if a != PACKAGE):
        return "adapter"
    if len(parts) > 1 and parts[1] in ("core", "model", "rules"):
        return parts[1]
    if len(parts) > 1 and parts[1] in FEATURES:
        return "feature"
    return None


def feature_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in FEATURES else None


def cycles(graph: Graph) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph.edges.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph.edges):
        if v not in index:
            visit(v)
    return found


def upward(graph: Graph) -> list[str]:
    """Each import that climbs a floor, or crosses from one feature to another without a sanction."""
    found = []
    for source, targets in sorted(graph.edges.items()):
        for target, line in sorted(targets.items()):
            a, b = floor(source), floor(target)
            if a is None or b is None:
                continue  # reported by unplaced()
            where = f"{source}:{line}: imports {target}"
            if FLOORS[b] > FLOORS[a]:
                found.append(f"{where} ({a} may not import {b})")
            elif a == b == "feature" and feature_of(source) != feature_of(target) and not (
                    ("*", target) in SANCTIONED or (feature_of(source), target) in SANCTIONED):
                found.append(f"{where} (features do not import one another; see SANCTIONED)")
    return found


def hidden(graph: Graph) -> list[str]:
    return [f"{module}:{line}: {text}" for module, line, text in graph.hidden if floor(module) != "adapter"]


def unplaced(graph: Graph) -> list[str]:
    return sorted(m for m in graph.modules if floor(m) is None)


@pytest.fixture(scope="module")
def graph() -> Graph:
    return import_graph(REPO)


def test_no_import_cycles(graph):
    assert cycles(graph) == []


def test_imports_only_run_downward(graph):
    assert upward(graph) == []


def test_no_imports_inside_functions_outside_the_adapters(graph):
    assert hidden(graph) == []


def test_every_module_is_on_a_floor(graph):
    assert unplaced(graph) == []
    floors = {floor(m) for m in graph.modules}
    assert {"core", "model", "feature", "adapter"} <= floors  # the graph is the real one, not an empty folder
    assert sum(len(t) for t in graph.edges.values()) > 50


# --- the analysis finds each kind of violation -------------------------------------------------------

def _package(root: Path, files: dict[str, str]) -> Graph:
    for rel, text in {"macros/__init__.py": "", "macros/core/__init__.py": "", "macros/model/__init__.py": "",
                      "macros/pages/__init__.py": "", "macros/quiz/__init__.py": "", **files}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return import_graph(root)


def test_a_clean_package_passes(tmp_path):
    graph = _package(tmp_path, {
        "macros/core/text.py": "import re\n",
        "macros/model/pages.py": "from ..core.text import re\n",
        "macros/pages/render.py": "from ..model.pages import re\nfrom ..quiz.render import x\n",
        "macros/quiz/render.py": "from ..model import pages\n",
        "macros/cli/check.py": "def main():\n    from ..pages import render\n",
    })
    assert (cycles(graph), upward(graph), hidden(graph), unplaced(graph)) == ([], [], [], [])


def test_a_new_cycle_fails(tmp_path):
    graph = _package(tmp_path, {
        "macros/model/site.py": "from .pages import Page\n",
        "macros/model/pages.py": "def load():\n    from .site import SiteModel\n",
    })
    assert cycles(graph) == [["macros.model.pages", "macros.model.site"]]
    assert hidden(graph) == ["macros.model.pages:2: from .site import SiteModel"]


def test_an_upward_import_fails(tmp_path):
    graph = _package(tmp_path, {
        "macros/core/text.py": "from ..model.pages import Page\n",
        "macros/model/pages.py": "from macros.pages import render\n",
        "macros/quiz/render.py": "from ..pages.render import inline\n",
        "macros/pages/render.py": "",
    })
    assert upward(graph) == [
        "macros.core.text:1: imports macros.model.pages (core may not import model)",
        "macros.model.pages:1: imports macros.pages.render (model may not import feature)",
        "macros.quiz.render:1: imports macros.pages.render (features do not import one another; see SANCTIONED)",
    ]


def test_hidden_and_dynamic_imports_and_unplaced_modules_fail(tmp_path):
    graph = _package(tmp_path, {
        "macros/model/kinds.py": ("from typing import TYPE_CHECKING\nfrom importlib import import_module\n"
                                  "if TYPE_CHECKING:\n    from .pages import Page\n"
                                  "LOAD = lambda: import_module('.cards', __package__)\n"),
        "macros/model/pages.py": "",
        "macros/helpers.py": "",
    })
    assert hidden(graph) == ["macros.model.kinds:4: from .pages import Page",
                             "macros.model.kinds:5: import_module('.cards', __package__)"]
    assert unplaced(graph) == ["macros.helpers"]


# --- README's "Where each kind of change lives" names files that exist --------------------------------

def _where_table() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Where each kind of change lives", 1)[1].split("\n## ", 1)[0]
    return [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| I want")]


def table_paths(rows: list[str]) -> list[str]:
    """Every path a row names in backticks: ``macros/cards/render.py``, and a bare ``pages.py`` after
    ``macros/model/`` in the same row (relative to it). Placeholders (``<page>``) match any name."""
    found = []
    for row in rows:
        folder = ""
        for span in re.findall(r"`([^`\s]+)`", row.split("|")[2]):
            if "/" in span:
                found.append(span)
                folder = span if span.endswith("/") else folder
            elif folder and re.fullmatch(r"[\w.-]+\.(?:py|md|yaml|json)", span):
                found.append(folder + span)
    return found


def test_every_path_in_readmes_where_table_exists():
    paths = table_paths(_where_table())
    assert "macros/cards/render.py" in paths and "macros/model/pages.py" in paths  # the table is the one read
    missing = [p for p in paths if not any(REPO.glob(re.sub(r"<[^>]+>", "*", p).rstrip("/") or "."))]
    assert missing == []


def test_a_path_missing_from_the_tree_is_found():
    rows = ["| render | `macros/pages/render.py`, `macros/model/` (`pages.py`, `nowhere.py`) |"]
    assert table_paths(rows) == ["macros/pages/render.py", "macros/model/", "macros/model/pages.py",
                                 "macros/model/nowhere.py"]
