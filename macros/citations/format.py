"""A source as an AMA-style (11th edition) reference, in HTML and in plain text.

* Authors: surname and initials; all when there are six or fewer, otherwise the first three and
  "et al" (a list the registry ends with "et al" is already incomplete).
* Journal article: ``Authors. Title. Journal. Year;Vol(Issue):pages. doi:...`` with the DOI linked to
  https://doi.org/..., then links to PubMed and PubMed Central when the ids are known.
* Web page and guideline: ``Publisher. Title. Year. Accessed D Month YYYY. URL``.
* Book: ``Authors. Title. Publisher; Year. Accessed D Month YYYY. URL``.

Dates are the site's own en-GB style (``22 November 2026``, ``macros/core/dates.py``), not AMA's US style.

Python works out the pieces here; ``macros/templates/citations/entry.html.j2`` lays them out.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from ..core.dates import format_date
from ..model.sources import ET_AL, Source
from ..core.templating import render_inline

MAX_AUTHORS = 6
SHOWN_WHEN_TRUNCATED = 3

# What the DOI Handbook says must or should be percent-encoded in a DOI URL.
_DOI_SAFE = "/:;()._-,=!*'@$&~"


def authors_text(authors: list[str] | None) -> str:
    """``["A B", "C D"]`` -> ``"A B, C D"``; more than six -> first three and ``et al``."""
    if not authors:
        return ""
    names = [a for a in authors if a != ET_AL]
    truncated = len(names) < len(authors)
    if len(names) > MAX_AUTHORS:
        names, truncated = names[:SHOWN_WHEN_TRUNCATED], True
    return ", ".join(names + ([ET_AL] if truncated else []))


def publication_details(source: Source) -> str:
    """The part after the journal: ``2003;15:211-217``, ``1987;59(6):1112-1116``, ``2013;CD008686``."""
    text = str(source.get("year", ""))
    volume, issue, pages = source.get("volume"), source.get("issue"), source.get("pages")
    if volume is not None or issue is not None:
        text += ";" + (str(volume) if volume is not None else "") + (f"({issue})" if issue is not None else "")
        if pages:
            text += f":{pages}"
    elif pages:
        text += f";{pages}"
    return text


def doi_url(doi: str) -> str:
    return "https://doi.org/" + quote(doi, safe=_DOI_SAFE)


def pubmed_url(pmid: Any) -> str:
    return f"https://pubmed.ncbi.nlm.nih.gov/{int(pmid)}/"


def pmc_url(pmcid: str) -> str:
    return f"https://pmc.ncbi.nlm.nih.gov/articles/{pmcid}/"


def sentence(text: str) -> str:
    """``text`` ending in a full stop, unless it already ends in one, ``?`` or ``!``."""
    text = " ".join(str(text).split())
    return text if text.endswith((".", "?", "!")) else text + "."


def entry_view(source: Source) -> dict[str, Any]:
    """Everything the entry template needs, computed once."""
    doi, pmid, pmcid, url = source.get("doi"), source.get("pmid"), source.get("pmcid"), source.get("url")
    return {
        "key": source.key,
        "kind": source.kind,
        "authors": authors_text(source.get("authors")),
        "title": source.get("title"),
        "publisher": source.get("publisher"),
        "journal": source.get("journal"),
        "year": source.get("year"),
        "details": publication_details(source),
        "doi": doi,
        "doi_url": doi_url(doi) if doi else None,
        "pmid": str(pmid) if pmid is not None else None,
        "pubmed_url": pubmed_url(pmid) if pmid is not None else None,
        "pmcid": pmcid,
        "pmc_url": pmc_url(pmcid) if pmcid else None,
        "url": url,
        # AMA: no access date (or URL) when a DOI identifies the work
        "show_url": bool(url) and not doi,
        "accessed": format_date(source.get("accessed")) if source.get("accessed") else None,
    }


def entry_html(source: Source) -> Markup:
    """The reference as one line of HTML, safe to place anywhere in a page's Markdown."""
    html = render_inline("citations/entry.html.j2", s=entry_view(source), sentence=sentence)
    return Markup(str(html).replace(" </span>", "</span>"))


def short_name(source: Source) -> str:
    """A source named in a few words: "NHS: Back pain", "Downie A et al (2013)"."""
    authors = source.get("authors") or []
    if authors:
        first = authors[0]
        more = " et al" if len(authors) > 1 else ""
        return f"{first}{more} ({source.get('year')})" if source.get("year") else f"{first}{more}"
    publisher, title = source.get("publisher"), source.get("title")
    return f"{publisher}: {title}" if publisher and title else str(title or publisher or source.key)


def entry_text(source: Source) -> str:
    """A short plain-text description (who, what, where, when) for a citation marker's tooltip."""
    view = entry_view(source)
    who, where = view["authors"] or view["publisher"], view["journal"] or (view["authors"] and view["publisher"])
    return " ".join(sentence(p) for p in (who, view["title"], where, view["year"]) if p)
