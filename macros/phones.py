"""Phone numbers a reader may need (the services' numbers in ``content_src/urgent_care.yaml``), linked wherever
text names them.

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
from .urgent_care import POLICY_PATH, load_policy, tel

PHONES_PATH = POLICY_PATH


def load_phone_numbers(project: Project) -> tuple[str, ...]:
    """The services' numbers, longest first; raises ``ContentError`` when the policy file has errors."""
    policy = load_policy(project)
    if policy.errors:
        raise ContentError(policy.errors)
    return policy.numbers


def check_phone_numbers(project: Project) -> list:
    """``make check``: the urgent care policy (the services and their numbers) loads and is consistent."""
    return list(load_policy(project).problems)


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
            return f"[{match.group('number')}]({tel(match.group('number'))})"
        return match.group(0)

    return pattern.sub(replace, markdown)
