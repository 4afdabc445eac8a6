"""Rendering a page's data to the Markdown MkDocs turns into the page.

Python decides what goes where (heading levels, ids, where a citation marker belongs); the
Jinja2 templates in ``macros/templates/pages/`` hold the markup (rendered by ``macros.core.templating``,
with autoescape on). Every piece of content text goes through ``inline()``, which is
``macros.core.text.inline_html``: escaped HTML (``Markup``, which autoescape leaves as it is) that the
page's Markdown pass leaves alone, except its links, which stay Markdown so that MkDocs validates
them. Nothing else from the content reaches the page unescaped: ids and kinds are checked here
before they are written, and the templates escape them again.
Citations are left as ``marker()`` tokens for the citations feature to number once the whole page
is rendered.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from markupsafe import Markup

from ..cards.phones import link_phone_numbers
from ..cards.render import HelpPage, render_care_card, render_help_summary
from ..citations.format import short_name
from ..citations.markers import cite, cite_after
from ..core.dates import format_date
from ..core.schemas import ID_RE
from ..core.templating import render
from ..core.text import inline_html, md_text
from ..glossary.linker import FirstUse
from ..model.cards import CareCards
from ..model.glossary import Glossary
from ..model.reviewers import Reviewers
from ..model.sources import Registry
from ..model.walk import block_type

TOP_LEVEL = 2  # sections are ## headings under the page's # title


def _template(name: str, **context: Any) -> str:
    """``macros/templates/pages/<name>.md.j2``: content text arrives as ``Markup``; anything else is escaped."""
    return render(f"pages/{name}.md.j2", **context).strip("\n")


CALLOUT_KINDS = ("note", "tip", "info", "warning")  # the schema's enum


inline = inline_html  # content text as escaped HTML on one line; ``terms`` (a FirstUse) links glossary terms


def _checked(value: str, allowed: Any, what: str) -> str:
    """``value`` when it may be written into markup as it is; the schema refuses anything else first."""
    if not (value in allowed if isinstance(allowed, tuple) else allowed.match(str(value))):
        raise ValueError(f"{what} {value!r} cannot be written into the page")
    return value


def cite_marker(block: dict) -> Markup:
    """The citation token for a block's ``cite`` list, or nothing when it has none."""
    return cite(*block["cite"]) if block.get("cite") else Markup()


# --- blocks ---------------------------------------------------------------------------------

def render_paragraph(block: dict, *, terms: FirstUse | None = None, **_: Any) -> str:
    return _template("paragraph", text=inline(block["paragraph"], terms), marker=cite_marker(block))


def render_list(block: dict, *, terms: FirstUse | None = None, **_: Any) -> str:
    intro = inline(block["intro"], terms) if block.get("intro") else Markup()
    items = [inline(item, terms) for item in block["list"]]
    intro = cite_after(cite_marker(block), intro, items)
    return _template("list", intro=intro, items=items, ordered=bool(block.get("ordered")))


def render_table(block: dict, *, block_id: str, terms: FirstUse | None = None, **_: Any) -> str:
    table = block["table"]
    return _template(
        "table",
        table_id=block_id,
        caption=inline(table["caption"]) + cite_marker(block),
        columns=[inline(c) for c in table["columns"]],
        rows=[[inline(cell, terms) for cell in row] for row in table["rows"]],
        row_headers=bool(table.get("row_headers")),
    )


def render_callout(block: dict, *, terms: FirstUse | None = None, **_: Any) -> str:
    callout = block["callout"]
    return _template("callout", kind=_checked(callout["type"], CALLOUT_KINDS, "callout type"), title=inline(callout.get("title") or ""),
                     text=inline(callout["text"], terms) + cite_marker(block))


RENDERERS = {
    "paragraph": render_paragraph,
    "list": render_list,
    "table": render_table,
    "care_card": render_care_card,
    "callout": render_callout,
}


def render_block(block: dict, *, level: int, block_id: str, cards: CareCards | None = None,
                 terms: FirstUse | None = None) -> str:
    """One block; ``level`` is the heading level a heading inside it (a care card's) gets.

    ``terms`` links the first use of glossary terms in its text (a care card's words stay the card's)."""
    kind = block_type(block)
    if kind is None:
        raise ValueError(f"not a content block: {sorted(block)}")
    return RENDERERS[kind](block, level=level, block_id=block_id, cards=cards or CareCards(), terms=terms)


def render_blocks(blocks: list[dict], *, level: int, owner: str, cards: CareCards | None = None,
                  terms: FirstUse | None = None) -> list[str]:
    """The blocks of a section (or of the intro); ids of tables are ``<owner>-table-<n>``."""
    out = []
    tables = 0
    for block in blocks:
        if block_type(block) == "table":
            tables += 1
        out.append(render_block(block, level=level, block_id=f"{owner}-table-{tables}", cards=cards, terms=terms))
    return out


# --- page -----------------------------------------------------------------------------------

def render_section(section: dict, depth: int = 0, cards: CareCards | None = None,
                   terms: FirstUse | None = None) -> str:
    level = TOP_LEVEL + depth
    parts = [_template("heading", level=level, text=inline(section["heading"]),
                       id=_checked(section["id"], ID_RE, "section id"))]
    parts += render_blocks(section.get("blocks") or [], level=level + 1, owner=section["id"], cards=cards,
                           terms=terms)
    parts += [render_section(sub, depth + 1, cards, terms) for sub in section.get("sections") or []]
    return "\n\n".join(parts)


def render_page_data(data: dict, cards: CareCards | None = None, help_page: HelpPage | None = None,
                     terms: FirstUse | None = None, phone_numbers: tuple[str, ...] = ()) -> str:
    """The whole page body: the title as the H1, the help summary when asked for, the intro, every section.

    ``terms`` (one per page) links the first use of each glossary term, headings excepted; the
    ``phone_numbers`` its text names call when tapped."""
    parts = [_template("title", text=inline(data["title"]))]
    if data.get("help_summary") and help_page and cards:
        parts.append(render_help_summary(cards, help_page))
    parts += render_blocks(data.get("intro") or [], level=TOP_LEVEL, owner="intro", cards=cards, terms=terms)
    parts += [render_section(section, cards=cards, terms=terms) for section in data.get("sections") or []]
    return link_phone_numbers("\n\n".join(parts) + "\n", phone_numbers)


# --- the glossary -----------------------------------------------------------------------------

def render_glossary(glossary: Glossary, phone_numbers: tuple[str, ...] = ()) -> str:
    """``/glossary/``: a heading per letter, each term a heading (its anchor), its definition cited; the
    phone numbers its definitions name call when tapped, as on every other page."""
    letters: dict[str, list] = {}
    for term in glossary.sorted_terms():
        letters.setdefault(term.letter, []).append(term)
    parts = []
    for letter, terms in letters.items():
        letter_id = "letter-" + ("other" if letter == "#" else letter.lower())
        parts.append(_template("heading", level=TOP_LEVEL, text=inline(letter), id=_checked(letter_id, ID_RE, "letter id")))
        for term in terms:
            parts.append(_template("glossary_term", level=TOP_LEVEL + 1, term=inline(term.term),
                                   id=_checked(term.id, ID_RE, "glossary id"), definition=inline(term.definition),
                                   marker=cite(*term.cite), also=[inline(form) for form in term.also]))
    return link_phone_numbers("\n\n".join(parts) + "\n", phone_numbers)


def render_review_data(review: dict, registry: Registry, *, changed: bool = False,
                       reviewers: Reviewers | None = None, updated: dt.date | None = None) -> str:
    """"Page last reviewed" / "Next review due", what the page was checked against and by whom, and
    the clinical sign-off when there is one for this version (else: a clinician has not reviewed it).

    ``changed``: the page differs from what its review checked (``macros/model/review_records.py``); it says
    so, and shows no sign-off; ``updated``: the day its content last changed, shown then when it is
    after the review (else unknown, and not shown). A sign-off's name and title come from
    ``content_src/reviewers.yaml``."""
    sign_off = review.get("clinical_sign_off")
    signer = (reviewers[sign_off["reviewer"]] if isinstance(sign_off, dict) and reviewers is not None
              and sign_off.get("reviewer") in reviewers and not changed else None)
    return _template(
        "review_dates",
        changed=changed,
        updated=format_date(updated.isoformat()) if changed and updated and updated.isoformat() > review["last_reviewed"] else None,
        last_reviewed=format_date(review["last_reviewed"]),
        next_review_due=format_date(review["next_review_due"]),
        checked_by=inline(review["checked_by"]).rstrip("."),
        checked_against=[md_text(short_name(registry[key])) for key in review.get("checked_against") or []],
        sign_off=signer and {"name": inline(signer.name), "title": inline(signer.title) if signer.title else "",
                             "date": format_date(sign_off["date"])},
    ) + "\n"
