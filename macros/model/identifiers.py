"""Comparison keys for sources: when are two registry entries the same source?

A source is identified by its DOI, PMID or PMC id when it has one, and otherwise by its URL. Each
is reduced to a canonical *comparison key*; the registry stores and shows what the editor wrote.

* DOI: case-insensitive; bare (``10.1136/bmj.p1973``), ``doi:10.1136/...`` or a doi.org URL.
* PMID: digits; bare, ``PMID: 123`` or a PubMed URL (new or old NCBI form).
* PMCID: ``PMC`` + digits; bare, ``PMCID: PMC123`` or a PMC URL (new or old NCBI form).
* URL: parsed and canonicalised by w3lib (case of scheme and host, percent-encoding, dot segments,
  parameter order, fragment), then for comparison only: http and https are the same, a leading
  ``www.`` and a default port do not matter, nor do trailing slashes or tracking parameters
  (``utm_*``, ``fbclid``, ``gclid``...). Any other parameter (``?id=3``) is meaningful.
  A URL that *is* a doi.org, PubMed or PMC address counts as that identifier.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

# Query parameters that only say how a reader arrived; never part of what a page is.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
    "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "_ga", "_gl", "li_fat_id", "oly_enc_id",
    "oly_anon_id", "vero_id", "spm", "mc_id",
})
TRACKING_PREFIXES = ("utm_",)

DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
_DOI_PREFIX = re.compile(r"^(?:doi:\s*|https?://(?:dx\.|www\.)?doi\.org/)", re.I)
_PMID_RE = re.compile(r"^(?:pmid:?\s*)?([0-9]+)$", re.I)
_PMCID_RE = re.compile(r"^(?:pmcid:?\s*)?pmc([0-9]+)$", re.I)

_DOI_HOSTS = {"doi.org", "dx.doi.org", "www.doi.org"}
_PUBMED = re.compile(r"^(?:pubmed\.ncbi\.nlm\.nih\.gov/|ncbi\.nlm\.nih\.gov/pubmed/)([0-9]+)$")
_PMC = re.compile(r"^(?:pmc\.ncbi\.nlm\.nih\.gov/articles/|ncbi\.nlm\.nih\.gov/pmc/articles/)(pmc[0-9]+)$", re.I)


class Identity(NamedTuple):
    """One comparison key of a source: ``kind`` is doi, pmid, pmcid or url."""

    kind: str
    value: str

    def describe(self) -> str:
        label = {"doi": "DOI", "pmid": "PMID", "pmcid": "PMC id", "url": "URL"}[self.kind]
        return f"{label} {self.value}"


def normalize_doi(value: Any) -> str | None:
    """The comparison form of a DOI (lower case, no prefix), or None if it is not a DOI."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    had_url = bool(re.match(r"^https?://", text, re.I))
    text = _DOI_PREFIX.sub("", text).strip()
    if had_url:
        text = unquote(text.split("#", 1)[0])
    text = text.lower()
    return text if DOI_RE.match(text) else None


def normalize_pmid(value: Any) -> str | None:
    """The comparison form of a PubMed id (digits without leading zeros), or None."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    return _numbered_id(value, "pmid", _PMID_RE, "")


def normalize_pmcid(value: Any) -> str | None:
    """The comparison form of a PubMed Central id (``PMC`` + digits), or None."""
    return _numbered_id(value, "pmcid", _PMCID_RE, "PMC")


def _numbered_id(value: Any, kind: str, written: re.Pattern, prefix: str) -> str | None:
    """``prefix`` + the number of a PMID or PMC id, as ``written`` or at its PubMed or PMC address, or None."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if re.match(r"^https?://", text, re.I):
        ident = identifier_in_url(text)
        return ident.value if ident and ident.kind == kind else None
    match = written.match(text)
    return f"{prefix}{int(match.group(1))}" if match and int(match.group(1)) > 0 else None


def canonical_url(url: str) -> str | None:
    """The comparison key of an http(s) URL, or None when ``url`` is not one.

    Lossy on purpose (``www.``, scheme, trailing slash): use it to compare, never to link.
    """
    if not isinstance(url, str) or not re.match(r"^https?://", url.strip(), re.I):
        return None
    try:
        parts = urlsplit(canonicalize_url(url.strip(), keep_fragments=False))
        port = parts.port
    except ValueError:  # e.g. a port that is not a number
        return None
    host = (parts.hostname or "").rstrip(".")
    if not host:
        return None
    host = host.removeprefix("www.")
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    path = parts.path.rstrip("/")
    return urlunsplit(("https", netloc, path, urlencode(sorted(query)), ""))


def _is_tracking(param: str) -> bool:
    name = param.lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def identifier_in_url(url: str) -> Identity | None:
    """The DOI, PMID or PMCID a doi.org, PubMed or PMC URL stands for, if it is one."""
    if not isinstance(url, str):
        return None
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower().rstrip(".")
    if host in _DOI_HOSTS:
        doi = normalize_doi("doi:" + unquote(parts.path.lstrip("/")))
        return Identity("doi", doi) if doi else None
    key = canonical_url(text)
    if key is None:
        return None
    rest = key.removeprefix("https://")  # a query (a PubMed search) matches neither address below
    if match := _PUBMED.match(rest):
        return Identity("pmid", str(int(match.group(1))))
    if match := _PMC.match(rest):
        return Identity("pmcid", f"PMC{int(match.group(1)[3:])}")
    return None


def url_identity(url: str) -> Identity | None:
    """What a URL identifies: a DOI/PMID/PMCID if it is such an address, else its canonical URL."""
    ident = identifier_in_url(url)
    if ident:
        return ident
    key = canonical_url(url)
    return Identity("url", key) if key else None


def source_identities(fields: dict[str, Any]) -> dict[Identity, str]:
    """Every comparison key of one registry entry, each mapped to the field it came from."""
    found: dict[Identity, str] = {}
    for kind, normalize in (("doi", normalize_doi), ("pmid", normalize_pmid), ("pmcid", normalize_pmcid)):
        value = normalize(fields.get(kind))  # None (a field not given) is no identifier
        if value:
            found.setdefault(Identity(kind, value), kind)
    ident = url_identity(fields.get("url"))
    if ident:
        found.setdefault(ident, "url")
    return found
