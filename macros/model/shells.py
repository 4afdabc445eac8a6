"""Page shells: ``docs/<name>.md``, the thin Markdown files that place content, as the model sees them.

A shell's macro calls are found by Jinja's own parser (the template's syntax tree), not by searching the
text; its headings as Python-Markdown's ``toc`` makes them; its title from the builder's parsed nav.
A shell whose template calls ``{{ page_content() }}`` shows ``content_src/pages/<name>.yaml`` and, when
it exists, the question bank ``quiz/banks/<name>.yaml``; a shell calling ``{{ quiz_index() }}`` lists the
topic quizzes (each bank stays on its own page, so no page grows with the number of banks).
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import jinja2
import jinja2.nodes
import markdown
import yaml

from ..core.problems import SYMLINK_MESSAGE, Problem
from ..core.project import Project
from ..core.shell_rules import FIXTURE_TEXT_VARIABLE, MAX_SHELL_BYTES, shell_rule_problems
from ..core.templating import ENV

EMPTY: Mapping[str, Any] = MappingProxyType({})

# Macros that place content; a shell calls them in its template (``docs/<name>.md``).
PAGE_MACRO = "page_content"
QUIZ_INDEX_MACRO = "quiz_index"  # lists the pages that show a bank: a link and a count each
# Macros that place a generated list below a page's content; the page's References and review dates
# follow the list, and page_content() places no quiz of its own.
GLOSSARY_LIST_MACRO = "glossary_list"  # lists the glossary's entries, each under its own anchor
SOURCES_LIST_MACRO = "sources_list"    # lists the registry's sources, by kind
LIST_MACROS = (QUIZ_INDEX_MACRO, SOURCES_LIST_MACRO, GLOSSARY_LIST_MACRO)
CITE_MACRO = "cite"


# --- shells ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MacroCall:
    """A macro called in a shell: its name, its arguments when they are constants, where it is."""

    name: str
    args: tuple[Any, ...]
    line: int
    columns: tuple[int | None, ...]  # the column of each constant string argument, when found


@dataclass(frozen=True)
class Shell:
    """A page of the site: ``docs/<src>``, the thin Markdown file that places content."""

    src: str                      # docs-relative, "red-flags.md"
    path: str                     # project-relative, "docs/red-flags.md"
    url: str                      # the page's URL relative to the site root, "red-flags/"
    title: str                    # nav title, else front matter title, else first heading, else its name
    meta: Mapping[str, Any]       # front matter
    calls: tuple[MacroCall, ...]
    headings: Mapping[str, str]   # anchor -> heading text of the shell's own Markdown headings
    in_nav: bool
    content: str | None = None    # slug of content_src/pages/<slug>.yaml placed by {{ page_content() }}
    banks: tuple[str, ...] = ()   # question banks it shows

    @property
    def name(self) -> str:
        return self.src[: -len(".md")]

    def calls_named(self, name: str) -> tuple[MacroCall, ...]:
        return tuple(c for c in self.calls if c.name == name)

    @property
    def is_topic_page(self) -> bool:
        """A topic page shows its own content and its own question bank (not /quiz/, not trust pages): the
        pages whose text links glossary terms, and that link to the printable card when they place its cards."""
        return self.content is not None and self.content in self.banks


def page_url(src: str, use_directory_urls: bool = True) -> str:
    """The URL (relative to the site root) a builder gives ``docs/<src>``: ``red-flags.md`` -> ``red-flags/``."""
    stem = src[: -len(".md")] if src.endswith(".md") else src
    directory, _, name = stem.rpartition("/")
    prefix = f"{directory}/" if directory else ""
    if name in ("index", "README"):
        return prefix
    return f"{prefix}{name}/" if use_directory_urls else f"{prefix}{name}.html"


def _url_key(url: str) -> str:
    """One spelling for a page URL as builders report it (``/red-flags/``, ``red-flags/index.html``)."""
    url = (url or "").split("#", 1)[0].lstrip("/")
    if url.endswith("index.html"):
        url = url[: -len("index.html")]
    elif url.endswith(".html"):
        url = url[: -len(".html")] + "/"
    return url


def split_front_matter(text: str) -> tuple[Mapping[str, Any], str, int]:
    """(front matter, body, lines before the body) of a Markdown file with optional ``---`` front matter."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return EMPTY, text, 0
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            try:
                meta = yaml.safe_load("".join(lines[1:end]))
            except yaml.YAMLError:
                meta = None
            meta = MappingProxyType(dict(meta)) if isinstance(meta, dict) else EMPTY
            return meta, "".join(lines[end + 1:]), end + 1
    return EMPTY, text, 0


def template_calls(body: str, first_line: int = 1) -> tuple[MacroCall, ...]:
    """Every macro call in a shell's template, from Jinja's syntax tree; raises ``TemplateSyntaxError``.

    Parsed (not rendered: the builder's macros plugin renders shells) with the project's one Jinja
    environment, whose syntax is Jinja's default, as the plugin's is."""
    tree = ENV.parse(body)
    text_lines = body.splitlines()
    found = []
    for call in tree.find_all(jinja2.nodes.Call):
        if not isinstance(call.node, jinja2.nodes.Name):
            continue
        args = tuple(a.value if isinstance(a, jinja2.nodes.Const) else None for a in call.args)
        line_text = text_lines[call.lineno - 1] if 0 < call.lineno <= len(text_lines) else ""
        columns, start = [], line_text.find(call.node.name + "(")
        for value in args:
            column = None
            if isinstance(value, str):
                for quote in ("'", '"'):
                    at = line_text.find(f"{quote}{value}{quote}", max(start, 0))
                    if at >= 0:
                        column, start = at + 1, at + len(value) + 2
                        break
            columns.append(column)
        found.append(MacroCall(call.node.name, args, call.lineno + first_line - 1, tuple(columns)))
    return tuple(sorted(found, key=lambda c: (c.line, c.columns[:1] or (0,))))


def markdown_headings(body: str) -> tuple[dict[str, str], str | None]:
    """(anchor -> text of every heading, the first level-1 heading) as Python-Markdown's toc sees them."""
    md = markdown.Markdown(extensions=["toc", "attr_list"])
    md.convert(body)
    headings: dict[str, str] = {}
    first_h1 = None

    def walk(tokens: list[dict]) -> None:
        nonlocal first_h1
        for token in tokens:
            headings.setdefault(token["id"], token["name"])
            if token["level"] == 1 and first_h1 is None:
                first_h1 = token["name"]
            walk(token.get("children", []))

    walk(md.toc_tokens)
    return headings, first_h1



def nav_entries(nav: Any) -> list[tuple[str, str]]:
    """``[("red-flags.md", "Red flags"), ...]`` from a builder's parsed nav, in order (sections flattened):
    MkDocs' (``{title: target}`` items) or Zensical's (``{"title", "url", "children", ...}`` items).

    A page listed without a title gets ``""``.
    """
    found: list[tuple[str, str]] = []

    def walk(items: Any) -> None:
        for item in items if isinstance(items, list) else []:
            if isinstance(item, str) and item.endswith(".md"):
                found.append((item, ""))
            elif isinstance(item, dict) and "children" in item and "url" in item:  # Zensical's parsed nav
                url = item.get("url")
                if isinstance(url, str) and url.endswith(".md"):
                    found.append((url, str(item.get("title") or "")))
                walk(item.get("children"))
            elif isinstance(item, dict):
                for title, target in item.items():
                    if isinstance(target, str) and target.endswith(".md"):
                        found.append((target, str(title)))
                    else:
                        walk(target)

    walk(nav)
    return found



# Macros that shells used to call, and what replaces them.
_RETIRED = {
    "quiz": "a topic page's quiz is placed by {{ page_content() }} (its bank is named after the page)",
    "review_dates": "review dates are placed by {{ page_content() }}",
    "quiz_all": ("each bank shows only on its topic page; the quiz page lists them with {{ quiz_index() }} "
                 "(so no page grows with the number of banks)"),
}


def compile_shell(project: Project, path: Path, src: str, nav_title: str, in_nav: bool, use_directory_urls: bool,
                   page_slugs: set[str], bank_ids: set[str]) -> tuple[Shell | None, list[Problem]]:
    rel = project.rel(path)
    if path.is_symlink():  # never followed: it could publish (or quote in a message) a file from anywhere
        return None, [Problem.error(rel, 1, SYMLINK_MESSAGE)]
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_SHELL_BYTES * 4 + 1)
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem.error(rel, 1, f"cannot read this page: {type(exc).__name__}")]
    meta, body, offset = split_front_matter(text)
    problems, parsed = shell_rule_problems(ENV, rel, body, offset, meta, _RETIRED,
                                           fixture_text=os.environ.get(FIXTURE_TEXT_VARIABLE) == "1")
    calls: tuple[MacroCall, ...] = ()
    if not parsed:
        try:
            ENV.parse(body)
        except jinja2.TemplateSyntaxError as exc:
            problems.append(Problem.error(rel, (exc.lineno or 1) + offset, (
                f"the build cannot read this page's macros: {exc.message} (a heading id is written "
                "{ #id } with a space, since {# starts a macro comment)")))
    elif len(body) <= MAX_SHELL_BYTES:
        calls = template_calls(body, offset + 1)
    # no Markdown pass over text that has no place in a shell (it could be built to take minutes)
    headings, first_h1 = markdown_headings(body) if not problems else ({}, None)
    name = src[: -len(".md")]
    title = (nav_title or (meta.get("title") if isinstance(meta.get("title"), str) and meta["title"].strip() else "")
             or (first_h1 if first_h1 and "{{" not in first_h1 else "")
             or posixpath.basename(name).replace("-", " ").capitalize()).strip()
    # A template the parser refuses is reported once: assume it places what it is named after.
    names = {c.name for c in calls} if parsed else {PAGE_MACRO}
    content = name if PAGE_MACRO in names and name in page_slugs else None
    banks: tuple[str, ...] = ()
    if content is not None and content in bank_ids:
        if names & set(LIST_MACROS):  # page_content() leaves the page's end to the list: no quiz there
            problems.append(Problem.error(rel, next(c.line for c in calls if c.name in LIST_MACROS), (
                f"this page shows content_src/pages/{content}.yaml, which has a quiz bank "
                f"(quiz/banks/{content}.yaml), but no quiz: a page that ends with a generated list shows none. "
                "Remove the list, or rename the bank after the page it tests")))
        else:
            banks = (content,)
    for call in calls:
        if call.name in _RETIRED:
            problems.append(Problem.error(rel, call.line, f"{call.name}() is no longer a macro: {_RETIRED[call.name]}"))
        elif call.name == PAGE_MACRO and call.args:
            problems.append(Problem.error(rel, call.line, (
                f"{{{{ {PAGE_MACRO}() }}}} takes no arguments: a page shows the content file named after it "
                f"(content_src/pages/{posixpath.basename(name)}.yaml)")))
    if parsed and PAGE_MACRO in names and content is None:  # unparsed, its parse error is the one message
        problems.append(Problem.error(rel, next(c.line for c in calls if c.name == PAGE_MACRO), (
            f"{{{{ page_content() }}}} shows content_src/pages/{posixpath.basename(name)}.yaml (the content file is named "
            "after the page), which does not exist; create it, or rename this page to match its content file")))
    return Shell(src, rel, page_url(src, use_directory_urls), title, meta, calls,
                 MappingProxyType(headings), in_nav, content, banks), problems
