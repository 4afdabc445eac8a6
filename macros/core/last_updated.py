"""When a page's content last changed, from git: shown to readers only when the page changed since its review.

``last_changed(root, paths)`` is the newest commit date of ``paths`` (project-relative), today when any of
them has uncommitted changes, and ``None`` when git cannot say for sure: no git, not a repository, or a
shallow clone (GitHub Actions checks out one commit unless ``fetch-depth: 0``; there every file would seem
changed by that commit, so no date is given rather than a wrong one). A commit that changed only a
comment in one of the files also counts: the date is when the files last changed, never earlier.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def last_changed(root: Path, paths: list[str], today: dt.date | None = None) -> dt.date | None:
    if _git(root, "rev-parse", "--is-shallow-repository") != "false":
        return None
    if _git(root, "status", "--porcelain", "--", *paths):
        return today or dt.date.today()
    day = _git(root, "log", "-1", "--format=%cs", "--", *paths)
    try:
        return dt.date.fromisoformat(day) if day else None
    except ValueError:
        return None
