"""How a care card renders: placed on a page, in the "if you need help now" box, and on the 404 page.

Every card comes from its one definition in ``content_src/care_cards.yaml`` (``macros.model.cards``), so it
reads the same wherever it is shown. The markup is in ``macros/templates/cards/`` (rendered by
``macros.core.templating``, autoescape on); the card's words go through ``macros.core.text.inline_html``
(escaped), and the phone numbers its services list call when tapped (``phones.py``). The page renderer
(``macros.pages.render``) places a card where a page's ``care_card:`` block says, and the help box under the
title of a page whose data asks for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..citations.markers import cite, cite_after
from ..core.templating import render
from ..core.text import inline_html, sanitised_html
from ..model.cards import CareCard, CareCards
from .phones import link_phone_numbers


def _template(name: str, **context: Any) -> str:
    """``macros/templates/cards/<name>.md.j2``: content text arrives as ``Markup``; anything else is escaped."""
    return render(f"cards/{name}.md.j2", **context).strip("\n")


@dataclass(frozen=True)
class HelpPage:
    """Where readers get help (mkdocs.yml ``extra.get_help``): the page, and the summary box's title."""

    page: str            # a docs file, for example when-to-get-help.md
    summary_title: str


def render_care_card(block: dict, *, level: int, cards: CareCards, **_: Any) -> str:
    """The card ``block`` places, from its one definition in ``content_src/care_cards.yaml``: its heading is its
    action, with its numbers (999) called when tapped, as everywhere else."""
    card = cards[block["care_card"]]
    items = [inline_html(item) for item in card.items]
    after = cite_after(cite(*card.cite), inline_html(card.after) if card.after else Markup(), items)
    return _template("care_card", card_id=card.id, urgency=card.level, label=card.label,
                     audience=inline_html(card.audience_label), heading_level=min(level, 6),
                     action=inline_html(link_phone_numbers(card.action, cards.numbers)), items=items,
                     relation=inline_html(card.relation.text) if card.relation else None,
                     say=inline_html(card.say) if card.say else None, after=after)


def render_help_summary(cards: CareCards, help_page: HelpPage) -> str:
    """The "if you need help now" box: for each card with a summary, its level, who it is for, what to do and
    every sign in short, all in words people wrote (content_src/care_cards.yaml), nothing cut off."""
    entries = [{"level": card.level, "label": card.label, "who": inline_html(card.audience_label),
                "action": inline_html(card.summary.action), "signs": inline_html(card.summary.signs)}
               for card in cards.summary()]
    return _template("help_summary", title=inline_html(help_page.summary_title), entries=entries) if entries else ""


def card_html(card: CareCard, numbers: tuple[str, ...]) -> dict[str, Any]:
    """A care card's words as HTML, its phone numbers tappable, for a theme template that no Markdown pass
    reaches (the 404 page, ``overrides/404.html``)."""
    def html(text: str) -> Markup:
        return Markup(sanitised_html(link_phone_numbers(text, numbers)))
    return {"level": card.level, "label": card.label, "audience": card.audience_label, "action": html(card.action),
            "items": [html(item) for item in card.items], "after": html(card.after) if card.after else ""}
