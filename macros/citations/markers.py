"""Citation markers: what ``cite()`` leaves in a page before the page's citations are numbered.

Macros run in page order, but a number depends on every citation before it on the same page,
including those inside rendered quiz explanations. So ``marker()`` is a pure function that
returns a plain-text token, and the Markdown extension (``extension``) numbers the page's tokens in
one pass while Markdown converts the page. Content and quiz renderers call ``marker()``; they never
number anything themselves.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from ..core.schemas import ID_PATTERN, ID_RE

# U+27E6/U+27E7 (mathematical white square brackets): Markdown gives them no meaning.
TOKEN_RE = re.compile(rf"\u27e6cite:({ID_PATTERN}(?:,{ID_PATTERN})*)\u27e7")  # a source key is an id
REFERENCES_TOKEN = "\u27e6references\u27e7"


def marker(*keys: str) -> str:
    """The placeholder for citing ``keys`` here, e.g. ``marker("nice-ng234", "nhs-back-pain")``."""
    if not keys:
        raise ValueError("cite() needs at least one source key")
    bad = [k for k in keys if not isinstance(k, str) or not ID_RE.match(k)]
    if bad:
        raise ValueError(
            f"invalid source key {bad[0]!r}: keys are lowercase letters, digits and single hyphens")
    return "\u27e6cite:" + ",".join(keys) + "\u27e7"


def cite(*keys: str) -> Markup:
    """The citation token for ``keys``, as ``Markup``: templates place it as it is (text that spells
    a token shows it, see ``macros.core.templating``)."""
    return Markup(marker(*keys))  # marker() checks the keys: nothing in them to escape


def cite_after(citation: Markup, text: Markup, items: list[Markup]) -> Markup:
    """A citation marker goes after ``text`` when there is one, else after the last of ``items``."""
    if text:
        return text + citation
    items[-1] += citation
    return text


def find_markers(text: str) -> list[tuple[int, list[str]]]:
    """(offset, keys) of every marker in ``text``, in order."""
    return [(m.start(), m.group(1).split(",")) for m in TOKEN_RE.finditer(text)]
