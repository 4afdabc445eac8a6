"""Only the thin adapters know a builder: the core (everything else in ``macros/``) imports neither MkDocs
nor Zensical, each adapter's builder import is guarded (the ImportError says what to install, or the
adapter carries on without it), and tests never import ``bench/``."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.support.sites import REPO

BUILDERS = ("properdocs", "mkdocs", "material", "mkdocs_macros", "zensical")
ADAPTERS = {"macros/__init__.py", "macros/markdown.py", "macros/cli/check.py"}  # macros, Markdown, make check


def imports(path: Path, tree: ast.AST | None = None) -> list[tuple[str, ast.AST]]:
    """(top-level module name, node) of every import in ``path`` (whose syntax tree ``tree`` is, if given)."""
    found = []
    for node in ast.walk(tree or ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name.split(".")[0], node) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.module.split(".")[0], node))
    return found


def guarded(tree: ast.AST, node: ast.AST) -> bool:
    """Is ``node`` inside a ``try`` whose handlers catch ImportError?"""
    for parent in ast.walk(tree):
        if isinstance(parent, ast.Try) and any(node in ast.walk(child) for child in parent.body):
            names = {ast.unparse(h.type) for h in parent.handlers if h.type is not None}
            if {"ImportError", "ModuleNotFoundError"} & names:
                return True
    return False


def python_files(folder: str) -> list[Path]:
    return sorted((REPO / folder).rglob("*.py"))


def test_the_core_imports_no_builder():
    offenders = [f"{p.relative_to(REPO)}: {name}" for p in python_files("macros") for name, _ in imports(p)
                 if name in BUILDERS and p.relative_to(REPO).as_posix() not in ADAPTERS]
    assert offenders == []


def test_every_builder_import_in_an_adapter_is_guarded():
    seen = 0
    for rel in sorted(ADAPTERS):
        path = REPO / rel
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name, node in imports(path, tree):
            if name in BUILDERS:
                seen += 1
                assert guarded(tree, node), f"{rel}:{node.lineno}: unguarded import of {name}"
    assert seen  # the adapters do report errors the way MkDocs prints them


def test_every_module_imports_with_no_builder_installed():
    """In a process where importing a builder fails, all of macros/ still imports (and the extension loads)."""
    code = (
        "import sys, pkgutil, importlib\n"
        f"for name in {BUILDERS!r}: sys.modules[name] = None\n"
        "import macros\n"
        "names = [m.name for m in pkgutil.walk_packages(macros.__path__, 'macros.')]\n"
        "for name in names: importlib.import_module(name)\n"
        "import markdown\n"
        "markdown.Markdown(extensions=['macros.markdown'])\n"
        "print(len(names))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 20


def test_the_check_fails_on_an_unguarded_builder_import(tmp_path):
    """The control: the guard test tells a guarded import from a bare one."""
    bare = tmp_path / "bare.py"
    bare.write_text("def f():\n    from mkdocs.exceptions import PluginError\n", encoding="utf-8")
    safe = tmp_path / "safe.py"
    safe.write_text("def f():\n    try:\n        from mkdocs.exceptions import PluginError\n"
                    "    except ImportError:\n        return None\n", encoding="utf-8")
    for path, expected in ((bare, False), (safe, True)):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        [(name, node)] = imports(path, tree)
        assert name == "mkdocs" and guarded(tree, node) is expected


def test_tests_never_import_bench():
    offenders = [f"{p.relative_to(REPO)}:{node.lineno}" for p in python_files("tests") for name, node in imports(p)
                 if name == "bench"]
    assert offenders == []
