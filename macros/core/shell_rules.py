"""What a page shell (``docs/<name>.md``) may hold: the macro calls the engine knows, and nothing else.

A shell is rendered as a Jinja template by the builder's macros plugin, so anything else in it would
run or be published unchecked: ``{{ environment }}`` (the build machine's details), ``{% include %}``
of a raw file, attribute chains reaching Python's internals, a ``<script>``, words no source supports.
The words of a page live in ``content_src/pages/<name>.yaml``, where they are checked and cited; a
shell only says which generated parts the page shows. ``shell_rule_problems`` parses the template
with Jinja's parser (it runs nothing) and reports everything else at its line; the model's errors
include them, so ``make check`` names them and the build stops before any page is rendered.
"""

from __future__ import annotations

import difflib
from typing import Any, Iterable, Mapping

import jinja2
import jinja2.nodes as nodes

from .characters import character_problems
from .problems import Problem

# The macros a shell may call, each with no arguments (page_content() places the page's own content;
# the others place a generated list below it; moved_page() is a moved page's old address, content_src/moved.yaml).
SHELL_MACROS = ("page_content", "quiz_index", "sources_list", "glossary_list", "moved_page")
# Every macro the engine defines (macros/__init__.py): what a test's fixture page may call besides.
ENGINE_MACROS = SHELL_MACROS + ("cite", "references")
# Tests' small fixture sites write their pages in Markdown (headings, links, raw HTML for the link
# checker, cite()): their builds set this variable. Nothing a pull request changes sets it; Jinja
# beyond the engine's macros is refused either way.
FIXTURE_TEXT_VARIABLE = "SITE_FIXTURE_SHELLS_HOLD_MARKDOWN"
# Front matter a shell may set: Material's switches, which place no text.
FRONT_MATTER = {"hide": {"navigation", "toc", "footer", "path", "feedback", "tags"}, "search": {"exclude"}}
MAX_SHELL_BYTES = 4_000  # a shell is a few macro calls; a big one is a mistake (or an attack)
WHAT_A_SHELL_HOLDS = ("a page shell holds only {{ page_content() }}, optionally followed by one list macro "
                      "({{ quiz_index() }}, {{ sources_list() }} or {{ glossary_list() }}), or at a moved page's old address "
                      "{{ moved_page() }}, and {# comments #}; "
                      "the page's words go in content_src/pages/<name>.yaml (CONTRIBUTING.md, \"Edit a page\")")


def shell_rule_problems(env: jinja2.Environment, rel: str, body: str, offset: int, meta: Mapping[str, Any],
                        retired: Iterable[str] = (), fixture_text: bool = False) -> tuple[list[Problem], bool]:
    """(problems, parsed) for one shell's text after its front matter (``offset`` lines before it).

    ``parsed`` is False when the text is not a template Jinja can read (the caller reports that).
    ``fixture_text``: a test's fixture page, which may hold Markdown and call any engine macro."""
    problems = [Problem.error(rel, 1, f"front matter {key!r} is not allowed in a page shell: "
                              "its title and description come from its content file; "
                              f"allowed: {', '.join(sorted(FRONT_MATTER))}")
                for key in meta if key not in FRONT_MATTER and not fixture_text]
    for key, allowed in FRONT_MATTER.items():
        value = meta.get(key)
        if value is None:
            continue
        items = value if isinstance(value, list) else list(value) if isinstance(value, dict) else [value]
        bad = [v for v in items if not isinstance(v, str) or v not in allowed]
        if bad or (isinstance(value, dict) and not all(isinstance(v, bool) for v in value.values())):
            problems.append(Problem.error(rel, 1, f"front matter {key}: may list only {', '.join(sorted(allowed))}"))
    for n, line in enumerate(body.split("\n"), start=1 + offset):
        problems += [Problem.error(rel, n, message, col) for col, message in character_problems(line)]
    if len(body.encode("utf-8", "replace")) > MAX_SHELL_BYTES:
        return problems + [Problem.error(rel, 1, f"this page shell is over {MAX_SHELL_BYTES:,} bytes; "
                                         f"{WHAT_A_SHELL_HOLDS}")], True
    try:
        tree = env.parse(body)
    except jinja2.TemplateSyntaxError:
        return problems, False
    retired = set(retired)
    allowed = ENGINE_MACROS if fixture_text else SHELL_MACROS
    for node in tree.body:
        if not isinstance(node, nodes.Output):
            kind = type(node).__name__
            problems.append(Problem.error(rel, (node.lineno or 1) + offset, (
                f"{{% {_STATEMENTS.get(kind, kind.lower())} %}} is not allowed in a page shell: nothing in a shell "
                f"runs but the engine's macros; {WHAT_A_SHELL_HOLDS}")))
            continue
        for child in node.nodes:
            problems += _output_problems(rel, child, offset, retired, allowed, fixture_text)
    return problems, True


_STATEMENTS = {"Assign": "set", "AssignBlock": "set", "FromImport": "from ... import", "CallBlock": "call",
               "FilterBlock": "filter", "ScopedEvalContextModifier": "autoescape", "ExprStmt": "do"}


def _output_problems(rel: str, node: nodes.Node, offset: int, retired: set[str], allowed: tuple[str, ...],
                     fixture_text: bool) -> list[Problem]:
    line = (node.lineno or 1) + offset
    if isinstance(node, nodes.TemplateData):
        text = node.data
        if not text.strip() or fixture_text:
            return []
        first, shown = next((i, l.strip()) for i, l in enumerate(text.split("\n")) if l.strip())
        shown = shown if len(shown) <= 40 else shown[:37] + "..."
        return [Problem.error(rel, line + first, (
            f"text in a page shell ({shown!r}) is published unchecked and uncited; {WHAT_A_SHELL_HOLDS}"))]
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name):
        name = node.node.name
        if name in retired:
            return []  # the model says what replaces it
        if name not in allowed:
            guess = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
            hint = f"did you mean {{{{ {guess[0]}() }}}}? " if guess else ""
            return [Problem.error(rel, line, f"unknown macro {name}(): {hint}{WHAT_A_SHELL_HOLDS}")]
        if node.args or node.kwargs or node.dyn_args or node.dyn_kwargs:
            if name in ("page_content", "cite"):
                return []  # the model's own message names the content file
            return [Problem.error(rel, line, f"{{{{ {name}() }}}} takes no arguments")]
        return []
    return [Problem.error(rel, line, (
        f"{{{{ {_describe(node)} }}}} is not allowed in a page shell: only the engine's macros run; "
        f"{WHAT_A_SHELL_HOLDS}"))]


def _describe(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_describe(node.node)}.{node.attr}"
    if isinstance(node, nodes.Call):
        return f"{_describe(node.node)}(...)"
    if isinstance(node, nodes.Filter):
        return f"... | {node.name}"
    return f"an expression ({type(node).__name__})"
