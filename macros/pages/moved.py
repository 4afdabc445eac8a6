"""A moved page's old address (``{{ moved_page() }}``, ``content_src/moved.yaml``): its body and its page meta."""

from __future__ import annotations

import posixpath

from ..core.templating import render
from ..core.text import attribute
from ..model import SiteModel, Shell


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
