"""Phone numbers a reader may need (``content_src/phone_numbers.yaml``), linked wherever text names them.

Editors write "call 999" in plain text; the page gets ``[999](tel:999)``, so a reader on a phone taps to
call. Only the numbers the file lists are linked, and never inside a heading (the heading is the
action), an HTML tag, an existing link or web address, or a citation token (``ec-112`` is a source key).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .citations.markers import TOKEN_RE
from .problems import ContentError
from .project import Project
from .schemas import validate

PHONES_PATH = "content_src/phone_numbers.yaml"
SCHEMA = "phone-numbers"


def load_phone_numbers(project: Project) -> tuple[str, ...]:
    """The listed numbers, longest first; raises ``ContentError`` when the file has problems."""
    return project.once(("phone-numbers",), lambda: _load(project))


def _load(project: Project) -> tuple[str, ...]:
    path = project.root / PHONES_PATH
    if not path.exists():
        return ()
    doc = project.load(path)
    problems = validate(doc, SCHEMA)
    if problems:
        raise ContentError(problems)
    return tuple(sorted(doc.data, key=lambda n: (-len(n), n)))


def check_phone_numbers(project: Project) -> list:
    """``make check``: the numbers file matches its schema."""
    try:
        load_phone_numbers(project)
    except ContentError as exc:
        return exc.problems
    return []


@lru_cache(maxsize=None)
def _pattern(numbers: tuple[str, ...]) -> re.Pattern:
    from .pages.links import LINK_RE  # here, not at the top: the pages package renders with this module

    skip = (r"^\s*#.*$"                  # a heading line (a section's, a care card's)
            rf"|{TOKEN_RE.pattern}"      # a citation token
            rf"|{LINK_RE.pattern}"       # a Markdown link (its text and its target)
            r"|<[^>\n]*>"                # an HTML tag and its attributes
            r"|\bhttps?://\S+")          # a bare web address
    number = "|".join(re.escape(n) for n in numbers)
    return re.compile(rf"(?P<skip>{skip})|(?<![\w.\-/])(?P<number>{number})(?![\w\-/]|\.\d)", re.M)


def link_phone_numbers(markdown: str, numbers: tuple[str, ...]) -> str:
    """``markdown`` with each listed number in running text made a ``tel:`` link."""
    if not numbers:
        return markdown
    pattern = _pattern(numbers)

    def replace(match: re.Match) -> str:
        if match.group("number"):
            return f"[{match.group('number')}](tel:{match.group('number')})"
        return match.group(0)

    return pattern.sub(replace, markdown)
