"""Phone numbers linked wherever text names them.

Editors write "call 999" in plain text; the page gets ``[999](tel:999)``, so a reader on a phone taps to
call. Only the services' numbers ``content_src/urgent_care.yaml`` lists (``Policy.numbers``) are linked, and
never inside a heading (the heading is the action), an HTML tag, an existing link or web address, or a
citation token (``ec-112`` is a source key).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..citations.markers import TOKEN_RE
from ..model.links import LINK_RE
from ..model.urgent_care import tel


@lru_cache(maxsize=None)
def _pattern(numbers: tuple[str, ...]) -> re.Pattern:
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

    def replace(match: re.Match) -> str:
        number = match.group("number")
        return f"[{number}]({tel(number)})" if number else match.group(0)

    return _pattern(numbers).sub(replace, markdown)
