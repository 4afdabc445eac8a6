"""The files a pull request can add where the build reads: only the kinds the site needs, no links out.

The builder copies every file in ``docs/`` into the published site and reads ``content_src/``,
``quiz/`` and ``overrides/``. So:

* **symbolic links** are refused in all of them (never followed, never quoted): a link copied a file
  from anywhere on the build machine into ``site/``, and error messages quoted what it pointed to;
* ``docs/`` holds only the asset types the site uses (``ASSET_TYPES``); an ``.html`` file, say, would
  be published as a page no check has read;
* an **SVG** is an image the browser can run code in: one with a script, an event handler, embedded
  HTML, an external reference or a DTD is refused;
* a content file is named ``.yaml``: a ``.yml`` beside a ``.yaml`` of the same name silently replaced it.

``file_problems(project)`` is part of the site model's errors, so ``make check`` reports these at
their path and the build stops before it copies anything.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterator

from ..core.problems import SYMLINK_MESSAGE, Problem
from ..core.project import Project

# What docs/ may hold: page shells, the theme's stylesheets and scripts, images, robots.txt.
ASSET_TYPES = {".md": "page shell", ".css": "stylesheet", ".js": "script", ".svg": "image", ".png": "image",
               ".jpg": "image", ".jpeg": "image", ".webp": "image", ".ico": "icon", ".txt": "text file",
               ".woff2": "font"}
MAX_ASSET_BYTES = 2_000_000
_SVG_REFUSED = [
    (re.compile(r"<!(?:DOCTYPE|ENTITY)", re.I), "a DTD or entity declaration (<!DOCTYPE, <!ENTITY)"),
    (re.compile(r"<\s*(?:[\w-]+:)?script\b", re.I), "a <script> element"),
    (re.compile(r"<\s*(?:[\w-]+:)?(?:foreignObject|iframe|embed|object|handler|listener)\b", re.I),
     "embedded HTML or objects (<foreignObject>, <iframe>, <embed>, <object>)"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an event-handler attribute (onload=, onclick=, ...)"),
    (re.compile(r"(?:href|src)\s*=\s*[\"']\s*(?!#)", re.I), "a link or reference to another file or address (href=, src=)"),
    (re.compile(r"javascript:|data:|url\(\s*[\"']?(?!#)", re.I), "an address that can run or load something (javascript:, data:, url(...))"),
    (re.compile(r"<\s*style\b|@import", re.I), "a <style> element or @import"),
    (re.compile(r"<\?xml-stylesheet", re.I), "an XML stylesheet instruction"),
]
# Where the build reads what a pull request changes (the macros package is code, reviewed as code).
READ_FOLDERS = ("docs", "content_src", "quiz", "overrides")


def _walk(folder: Path) -> Iterator[Path]:
    """Every entry under ``folder`` without following symbolic links (a link is listed, not entered)."""
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        base = Path(dirpath)
        for name in sorted(dirnames + filenames):
            yield base / name


def file_problems(project: Project, *, fixture: bool = False) -> list[Problem]:
    """Symbolic links, file types docs/ does not use, unsafe SVG, and stray ``.yml`` content files.

    ``fixture``: a test's fixture site, whose ``macros`` and ``overrides`` are links to the real ones."""
    problems: list[Problem] = []
    for folder in READ_FOLDERS:
        base = project.root / folder
        if base.is_symlink() and not fixture:
            problems.append(Problem.error(folder, 1, SYMLINK_MESSAGE))
            continue
        if not base.is_dir():
            continue
        for path in _walk(base):
            rel = f"{project.rel(path.parent)}/{path.name}"  # the link's own name, never its target's
            if path.is_symlink():
                problems.append(Problem.error(rel, 1, SYMLINK_MESSAGE))
            elif folder == "docs" and path.is_file():
                problems += _asset_problems(path, rel)
    for base in (project.content_dir, project.banks_dir):
        if base.is_dir():
            for path in sorted(base.rglob("*.yml")):
                twin = path.with_suffix(".yaml")
                rel = project.rel(path)
                if twin.exists():
                    problems.append(Problem.error(rel, 1, (
                        f"{path.name} sits beside {twin.name}, and only one file can hold this content: "
                        f"merge what you need into {twin.name} and delete {path.name}")))
                else:
                    problems.append(Problem.error(rel, 1, (
                        f"content files are named .yaml: rename {path.name} to {twin.name}")))
    return problems


def _asset_problems(path: Path, rel: str) -> list[Problem]:
    kind = ASSET_TYPES.get(path.suffix.lower())
    if kind is None:
        allowed = ", ".join(sorted(ASSET_TYPES))
        return [Problem.error(rel, 1, (
            f"docs/ holds only the kinds of file the site uses ({allowed}); a {path.suffix or 'file without a suffix'} "
            "file would be published unchecked: remove it (a page is a shell docs/<name>.md with its words "
            "in content_src/pages/<name>.yaml)"))]
    size = path.stat().st_size
    if size > MAX_ASSET_BYTES:
        return [Problem.error(rel, 1, f"this file is {size:,} bytes; an asset must be under {MAX_ASSET_BYTES:,} bytes")]
    if path.suffix.lower() != ".svg":
        return []
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return [Problem.error(rel, 1, "this SVG is not UTF-8 text; save it as UTF-8")]
    problems = []
    for pattern, what in _SVG_REFUSED:
        m = pattern.search(text)
        if m:
            line = text.count("\n", 0, m.start()) + 1
            column = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
            problems.append(Problem.error(rel, line, (
                f"this SVG holds {what}: an SVG image can run code in a reader's browser; "
                "export it again as a plain drawing (shapes, paths and text only)"), column))
    return problems
