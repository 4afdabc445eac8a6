"""A moved page's old address (``{{ moved_page() }}``, ``content_src/moved.yaml``): its body and its page meta,
and the rule that the file and the pages at old addresses agree (``moved_pages``, a rule of the build)."""

from __future__ import annotations

import posixpath

from ..core.problems import Problem
from ..core.templating import render
from ..core.text import attribute
from ..model import SiteModel, Shell
from ..model.moved import MOVED_MACRO, MOVED_PATH


def moved_page(model: SiteModel, here: Shell, site_url: str) -> tuple[str, dict[str, str]]:
    """(the old page's Markdown, its page meta): the address to go on to (relative), the canonical address,
    and the new page's title and description, which ``overrides/main.html`` writes into the head."""
    target = model.kind("moved").targets[here.name]
    src, _, anchor = target.partition("#")
    dest = model.shell(src)
    start = here.url if here.url.endswith("/") or not here.url else posixpath.dirname(here.url)
    relative = posixpath.relpath(dest.url or ".", start or ".")
    if not dest.url or dest.url.endswith("/"):
        relative = "./" if relative == "." else relative + "/"
    fragment = f"#{anchor}" if anchor else ""
    meta = {"moved_to": relative + fragment, "canonical": site_url.rstrip("/") + "/" + dest.url + fragment,
            "social_title": attribute(dest.title)}
    data = model.pages.get(dest.content) if dest.content else None
    if data is not None:
        meta["description"] = attribute(data.description)
    link = posixpath.relpath(src, posixpath.dirname(here.src) or ".") + fragment
    return render("pages/moved.md.j2", title=dest.title, link=link), meta


def moved_pages(model: SiteModel) -> list[Problem]:
    """content_src/moved.yaml and the shells at old addresses agree: each entry's old and new page exist,
    each moved page has an entry."""
    moved, shells = model.kind("moved"), {shell.src: shell for shell in model.shells}
    problems = []
    for old, target in moved.targets.items():
        where = moved.doc.line(old) if moved.doc else 1
        src, _, _ = target.partition("#")
        old_shell, dest = shells.get(f"{old}.md"), shells.get(src)
        if old_shell is None:
            problems.append(Problem.error(moved.path, where, (
                f"docs/{old}.md does not exist: the old address needs its page; create it holding only "
                f"{{{{ {MOVED_MACRO}() }}}} and list /{old}.md under not_in_nav in mkdocs.yml")))
        elif not old_shell.calls_named(MOVED_MACRO):
            problems.append(Problem.error(moved.path, where, (
                f"docs/{old}.md is still a page of its own: a moved page holds only {{{{ {MOVED_MACRO}() }}}}")))
        if dest is None:
            problems.append(Problem.error(moved.path, where, f"{old} moves to {src}, which is not a page in docs/"))
        elif dest.calls_named(MOVED_MACRO):
            problems.append(Problem.error(moved.path, where, (
                f"{old} moves to {src}, which has moved itself: point it at {moved.targets.get(dest.name, 'its new page')}")))
    for shell in shells.values():
        if shell.calls_named(MOVED_MACRO) and shell.name not in moved.targets:
            problems.append(Problem.error(shell.path, shell.calls_named(MOVED_MACRO)[0].line, (
                f"{{{{ {MOVED_MACRO}() }}}} needs an entry in {MOVED_PATH} saying where this page moved: "
                f"{shell.name}: new-page.md")))
    return problems
