"""``make new-page SLUG=... TITLE=... [BANK=1]``: everything a new page needs, in one command.

Writes the page's content file from a commented template (``macros/templates/new_page/``), its
shell in ``docs/``, optionally a question bank, and its line in ``mkdocs.yml``'s nav (before the
quiz page). The templates hold ``TODO: ...`` placeholders that ``make check`` reports at their lines
until they are replaced, so the check guides the editor through what is left. Nothing is
overwritten: an existing file stops the command before it writes anything.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from pathlib import Path

from ..core.characters import character_problems
from ..core.schemas import ID_RE
from ..model.pages import page_file
from ..core.project import Project

TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "new_page"
REVIEW_AFTER_DAYS = 365
NAV_ITEM = re.compile(r"^(?P<indent>\s+)- (?P<title>.+?): (?P<file>\S+\.md)\s*$")
NAV_BEFORE = "quiz.md"  # new pages go before the quiz page, or at the end of the nav


class NewPageError(Exception):
    pass


def _fill(name: str, values: dict[str, str]) -> str:
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    for key in sorted(values, key=len, reverse=True):
        text = text.replace(f"${key}", values[key])
    return text


def _nav_with(config: str, title: str, slug: str) -> str:
    """``mkdocs.yml``'s text with the page's nav line added (before the quiz page, else last)."""
    lines = config.split("\n")
    try:
        start = lines.index("nav:")
    except ValueError:
        raise NewPageError("mkdocs.yml has no nav: section to add the page to") from None
    end = next((n for n in range(start + 1, len(lines))  # the next top-level key ends the nav: section
                if lines[n].strip() and not lines[n].startswith(" ") and not NAV_ITEM.match(lines[n])), len(lines))
    items = [(n, m) for n in range(start + 1, end) if (m := NAV_ITEM.match(lines[n]))]
    if not items:
        raise NewPageError("mkdocs.yml's nav: section lists no pages")
    if any(m["file"] == f"{slug}.md" for _, m in items):
        raise NewPageError(f"mkdocs.yml's nav already lists {slug}.md")
    at = next((n for n, m in items if m["file"] == NAV_BEFORE), items[-1][0] + 1)
    lines.insert(at, f"{items[0][1]['indent']}- {json.dumps(title, ensure_ascii=False)}: {slug}.md")
    return "\n".join(lines)


def new_page(project: Project, slug: str, title: str, bank: bool, today: dt.date) -> list[str]:
    """Write the page's files; returns the project-relative paths written, in order."""
    if not ID_RE.match(slug or ""):
        raise NewPageError(f"SLUG={slug!r}: use lowercase letters, digits and single hyphens, e.g. SLUG=bone-pain")
    if not title or not title.strip():
        raise NewPageError('TITLE is needed: make new-page SLUG=bone-pain TITLE="Bone pain and cancer"')
    title = " ".join(title.split())
    refused = character_problems(title)
    if refused:
        raise NewPageError(f"TITLE: {refused[0][1]}")
    values = {"slug": slug, "title": json.dumps(title, ensure_ascii=False), "today": today.isoformat(),
              "due": (today + dt.timedelta(days=REVIEW_AFTER_DAYS)).isoformat()}
    files = {page_file(project, slug): _fill("page.yaml", values),
             project.docs_dir / f"{slug}.md": _fill("shell.md", values)}
    if bank:
        files[project.banks_dir / f"{slug}.yaml"] = _fill("bank.yaml", values)
    config_path = project.root / "mkdocs.yml"
    config = _nav_with(config_path.read_text(encoding="utf-8"), title, slug)
    existing = [project.rel(p) for p in files if p.exists()]
    if existing:
        raise NewPageError(f"{', '.join(existing)} already exist{'s' * (len(existing) == 1)}; nothing was written")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    config_path.write_text(config, encoding="utf-8")
    return [project.rel(p) for p in files] + ["mkdocs.yml"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make new-page", description=__doc__.splitlines()[0])
    parser.add_argument("--slug")
    parser.add_argument("--title")
    parser.add_argument("--bank", default="", help="1 (or yes) to add a question bank")
    parser.add_argument("--root", default=".")
    parser.add_argument("--from-environment", action="store_true",
                        help="read SLUG, TITLE and BANK from NEW_PAGE_SLUG, NEW_PAGE_TITLE and NEW_PAGE_BANK "
                             "(how the Makefile passes them: no shell ever sees them)")
    args = parser.parse_args(argv)
    if args.from_environment:
        args.slug = os.environ.get("NEW_PAGE_SLUG", "")
        args.title = os.environ.get("NEW_PAGE_TITLE", "")
        args.bank = os.environ.get("NEW_PAGE_BANK", "")
    try:
        written = new_page(Project(Path(args.root)), args.slug, args.title,
                           args.bank.lower() in ("1", "yes", "true"), dt.date.today())
    except NewPageError as exc:
        print(f"make new-page: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path}")
    print("Now replace each TODO in those files; `make check` lists what is left, at its line.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
