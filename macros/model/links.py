"""Links inside page text: every internal link must reach an existing page and anchor.

Text links are Markdown, written to a page's file (``when-to-get-help.md#urgent``) so that MkDocs
validates them in a strict build too. ``make check`` finds the same mistakes earlier, at the
YAML line, using the site model's anchors (it knows the section ids a page will have).
"""

from __future__ import annotations

import re
from typing import Iterable

from ..core.problems import Problem
from ..core.yamlsource import Document
from .walk import Text

# [label](target) or [label](target "title"); images (![...]) are not links.
LINK_RE = re.compile(
    r"(?<!!)\[(?P<label>(?:[^\[\]]|\[[^\]]*\])*)\]\((?P<target><[^>]*>|[^)\s]+)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\)")
EXTERNAL_RE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)


def link_targets(text: str) -> list[str]:
    """The targets of the Markdown links in ``text``, in order."""
    return [m.group("target").strip("<>") for m in LINK_RE.finditer(text)]


def awaits_shell(model, file: str) -> bool:
    """Is ``docs/<file>`` a page meant to exist whose shell is missing? Its content file
    (``content_src/pages/<name>.yaml``) exists, and the missing shell is that file's one error (the pages
    feature's ``pages_shown`` rule): what points at the page is not reported again."""
    return model.shell(file) is None and any(f"{path.stem}.md" == file for path in model.kind_files("pages"))


def target_problem(model, page: str, target: str) -> str | None:
    """Why ``target`` (a link in ``docs/<page>``) is broken, or None when it is fine, external or to a page
    that ``awaits_shell`` (its content file's error says what to do).

    ``model`` is the ``SiteModel`` whose pages and anchors the link must reach."""
    if EXTERNAL_RE.match(target):
        return None  # web addresses, mailto: and tel: links are checked by the external link checker
    if target.startswith("/"):
        return (f"link {target!r} is absolute; link to the page's file instead, "
                "for example when-to-get-help.md#urgent")
    file, _, fragment = target.partition("#")
    file = file or page
    if not file.endswith(".md"):
        return (f"link {target!r} does not point to a page's file; write it as <page>.md "
                "or <page>.md#<section-id>, for example red-flags.md#night-pain")
    if model.shell(file) is None:
        return None if awaits_shell(model, file) else f"link {target!r} points to docs/{file}, which does not exist"
    if fragment:
        anchors = model.headings(file)  # None: the page's content file is unusable (its own errors say why)
        if anchors is not None and fragment not in anchors:
            known = ", ".join(sorted(anchors)) or "none"
            return f"link {target!r}: docs/{file} has no section '{fragment}' (its anchors: {known})"
    return None


def link_problems(model, doc: Document, page: str, texts: Iterable[Text]) -> list[Problem]:
    """A problem for each broken internal link in ``texts`` of ``doc`` (shown on ``docs/<page>``)."""
    problems = []
    for item in texts:
        for target in link_targets(item.text):
            reason = target_problem(model, page, target)
            if reason:
                problems.append(doc.error(item.path, reason))
    return problems
