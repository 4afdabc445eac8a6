"""Comparison keys for duplicate detection: URLs, DOIs, PMIDs and PMC ids (unit and property tests)."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from macros.model.identifiers import TRACKING_PARAMS, Identity, canonical_url, identifier_in_url, normalize_doi, normalize_pmcid, normalize_pmid, source_identities, url_identity

# --- URL rules, one at a time ------------------------------------------------------------------


@pytest.mark.parametrize("a, b", [
    ("http://nhs.uk/conditions/back-pain", "https://nhs.uk/conditions/back-pain"),           # scheme
    ("https://NHS.UK/conditions/back-pain", "https://nhs.uk/conditions/back-pain"),          # host case
    ("https://www.nhs.uk/conditions/back-pain", "https://nhs.uk/conditions/back-pain"),      # www.
    ("https://nhs.uk:443/conditions/back-pain", "https://nhs.uk/conditions/back-pain"),      # default port
    ("http://nhs.uk:80/conditions/back-pain", "https://nhs.uk/conditions/back-pain"),        # default port
    ("https://nhs.uk/conditions/back-pain/", "https://nhs.uk/conditions/back-pain"),         # trailing slash
    ("https://nhs.uk/", "https://nhs.uk"),                                                   # root slash
    ("https://nhs.uk/conditions/back-pain#symptoms", "https://nhs.uk/conditions/back-pain"),  # fragment
    ("https://nhs.uk/a?utm_source=x&utm_medium=y", "https://nhs.uk/a"),                      # utm_*
    ("https://nhs.uk/a?fbclid=1&gclid=2&msclkid=3", "https://nhs.uk/a"),                     # click ids
    ("https://nhs.uk/a?b=2&a=1", "https://nhs.uk/a?a=1&b=2"),                                # parameter order
    ("https://nhs.uk/a/./b/../c", "https://nhs.uk/a/c"),                                     # dot segments
    ("https://nhs.uk/%7Euser", "https://nhs.uk/~user"),                                      # unreserved escapes
    ("HTTP://WWW.Example.COM:80/a/./b/../c/?utm_source=x&b=2&a=1#frag", "https://example.com/a/c?a=1&b=2"),
])
def test_equivalent_url_spellings_have_one_key(a, b):
    assert canonical_url(a) == canonical_url(b)


@pytest.mark.parametrize("a, b", [
    ("https://example.org/page?id=3", "https://example.org/page?id=4"),   # meaningful parameter value
    ("https://example.org/page?id=3", "https://example.org/page"),        # meaningful parameter present
    ("https://example.org/a", "https://example.org/b"),                   # path
    ("https://example.org/Page", "https://example.org/page"),             # path case is meaningful
    ("https://example.org:8080/a", "https://example.org/a"),              # a non-default port
    ("https://one.example.org/a", "https://two.example.org/a"),           # host
    ("https://example.org/a/b", "https://example.org/a"),                 # deeper path
])
def test_different_pages_have_different_keys(a, b):
    assert canonical_url(a) != canonical_url(b)


def test_canonical_url_shape():
    assert canonical_url("HTTP://WWW.Example.COM:80/a/./b/../c/?utm_source=x&b=2&a=1#frag") == \
        "https://example.com/a/c?a=1&b=2"


@pytest.mark.parametrize("value", ["ftp://example.org/a", "mailto:a@example.org", "example.org/a", "", None, 3,
                                   "https://", "https://example.org:notaport/"])
def test_not_an_http_url_has_no_key(value):
    assert canonical_url(value) is None


def test_every_listed_tracking_parameter_is_dropped_but_others_kept():
    for name in sorted(TRACKING_PARAMS):
        assert canonical_url(f"https://example.org/a?{name}=x&id=3") == "https://example.org/a?id=3", name


# --- identifiers ------------------------------------------------------------------------------

@pytest.mark.parametrize("spelling", [
    "10.1136/bmj.p1973", "10.1136/BMJ.P1973", "doi:10.1136/bmj.p1973", "DOI: 10.1136/bmj.p1973",
    "https://doi.org/10.1136/bmj.p1973", "http://dx.doi.org/10.1136/BMJ.p1973", "https://www.doi.org/10.1136/bmj.p1973",
    " 10.1136/bmj.p1973 ", "https://doi.org/10.1136%2Fbmj.p1973",
])
def test_doi_spellings(spelling):
    assert normalize_doi(spelling) == "10.1136/bmj.p1973"


def test_doi_with_angle_brackets_survives_url_encoding():
    doi = "10.1002/1097-0142(19870315)59:6<1112::aid-cncr2820590612>3.0.co;2-6"
    assert normalize_doi("https://doi.org/10.1002/1097-0142(19870315)59:6%3C1112::AID-CNCR2820590612%3E3.0.CO;2-6") == doi


@pytest.mark.parametrize("value", ["11.1136/bmj", "10.12/x", "bmj.p1973", "doi:", "10.1136/", 10.1136, None])
def test_not_a_doi(value):
    assert normalize_doi(value) is None


@pytest.mark.parametrize("spelling", [
    2967893, "2967893", "PMID: 2967893", "pmid:2967893", "02967893",
    "https://pubmed.ncbi.nlm.nih.gov/2967893/", "http://pubmed.ncbi.nlm.nih.gov/2967893",
    "https://www.ncbi.nlm.nih.gov/pubmed/2967893", "https://ncbi.nlm.nih.gov/pubmed/2967893/?utm_source=x",
])
def test_pmid_spellings(spelling):
    assert normalize_pmid(spelling) == "2967893"


@pytest.mark.parametrize("value", [0, -4, "0", "12a", "PMC123", True, None, 3.5,
                                   "https://pubmed.ncbi.nlm.nih.gov/?term=back+pain"])
def test_not_a_pmid(value):
    assert normalize_pmid(value) is None


@pytest.mark.parametrize("spelling", [
    "PMC3263660", "pmc3263660", "PMCID: PMC3263660", "https://pmc.ncbi.nlm.nih.gov/articles/PMC3263660/",
    "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC3263660", "http://ncbi.nlm.nih.gov/pmc/articles/pmc3263660/",
])
def test_pmcid_spellings(spelling):
    assert normalize_pmcid(spelling) == "PMC3263660"


@pytest.mark.parametrize("value", ["3263660", "PMC", "PMCx1", None, 3263660])
def test_not_a_pmcid(value):
    assert normalize_pmcid(value) is None


@pytest.mark.parametrize("url, identity", [
    ("https://doi.org/10.1136/BMJ.p1973", Identity("doi", "10.1136/bmj.p1973")),
    ("https://pubmed.ncbi.nlm.nih.gov/2967893/", Identity("pmid", "2967893")),
    ("https://www.ncbi.nlm.nih.gov/pubmed/2967893", Identity("pmid", "2967893")),
    ("https://pmc.ncbi.nlm.nih.gov/articles/PMC3263660/", Identity("pmcid", "PMC3263660")),
    ("https://www.nhs.uk/conditions/back-pain/", Identity("url", "https://nhs.uk/conditions/back-pain")),
])
def test_a_url_that_is_an_identifier_counts_as_that_identifier(url, identity):
    assert url_identity(url) == identity


def test_pubmed_search_and_other_ncbi_pages_are_plain_urls():
    assert identifier_in_url("https://pubmed.ncbi.nlm.nih.gov/?term=2967893") is None
    assert identifier_in_url("https://www.ncbi.nlm.nih.gov/books/NBK441950/") is None


def test_source_identities_collects_every_identifier_with_its_field():
    fields = {"doi": "10.1007/BF02596337", "pmid": 2967893, "pmcid": "PMC1", "url": "https://example.org/x/"}
    assert source_identities(fields) == {
        Identity("doi", "10.1007/bf02596337"): "doi",
        Identity("pmid", "2967893"): "pmid",
        Identity("pmcid", "PMC1"): "pmcid",
        Identity("url", "https://example.org/x"): "url",
    }


def test_source_identities_url_and_pmid_for_the_same_paper_collapse():
    fields = {"pmid": "2967893", "url": "https://pubmed.ncbi.nlm.nih.gov/2967893/"}
    assert source_identities(fields) == {Identity("pmid", "2967893"): "pmid"}


# --- properties -------------------------------------------------------------------------------

_label = st.from_regex(r"[a-z][a-z0-9]{0,7}", fullmatch=True)
_hosts = st.builds(lambda labels, tld: ".".join(labels + [tld]),
                   st.lists(_label, min_size=1, max_size=3), st.sampled_from(["org", "uk", "com", "gov"]))
_hosts = _hosts.filter(lambda h: not h.startswith("www."))
_segments = st.lists(st.from_regex(r"[A-Za-z0-9._~-]{1,8}", fullmatch=True).filter(lambda s: s not in (".", "..")),
                     max_size=4)
_param_names = st.from_regex(r"[a-z]{1,6}", fullmatch=True).filter(
    lambda n: n not in TRACKING_PARAMS and not n.startswith("utm"))
_params = st.dictionaries(_param_names, st.from_regex(r"[a-z0-9]{0,5}", fullmatch=True), max_size=3)


@st.composite
def page(draw):
    """A page, as its parts: host, path segments, meaningful parameters."""
    return draw(_hosts), draw(_segments), draw(_params)


def _spell(draw, host, segments, params) -> str:
    """One of the many ways to write the address of the same page."""
    scheme = draw(st.sampled_from(["http", "https", "HTTP", "Https"]))
    shown_host = draw(st.sampled_from([host, host.upper(), "www." + host, "WWW." + host.upper()]))
    port = draw(st.sampled_from(["", ":80" if scheme.lower() == "http" else ":443"]))
    path = "/" + "/".join(segments) + draw(st.sampled_from(["", "/"]))
    query = list(params.items())
    query += draw(st.lists(st.tuples(st.sampled_from(["utm_source", "utm_campaign", "fbclid", "gclid", "mc_eid"]),
                                     st.from_regex(r"[a-z0-9]{1,4}", fullmatch=True)), max_size=2))
    query = draw(st.permutations(query))
    query_text = "&".join(f"{k}={v}" for k, v in query)
    fragment = draw(st.sampled_from(["", "#top", "#section-2"]))
    return f"{scheme}://{shown_host}{port}{path}{'?' + query_text if query_text else ''}{fragment}"


@st.composite
def two_spellings(draw):
    host, segments, params = draw(page())
    return _spell(draw, host, segments, params), _spell(draw, host, segments, params)


@given(two_spellings())
def test_property_equivalent_spellings_collide(pair):
    a, b = pair
    assert canonical_url(a) is not None
    assert canonical_url(a) == canonical_url(b)


@given(two_spellings())
def test_property_canonicalisation_is_idempotent(pair):
    key = canonical_url(pair[0])
    assert canonical_url(key) == key


@given(st.from_regex(r"https?://[A-Za-z0-9.-]{1,20}\.[a-z]{2,4}(:[0-9]{1,5})?(/[!-~]{0,30})?", fullmatch=True))
def test_property_idempotent_on_arbitrary_printable_urls(url):
    key = canonical_url(url)
    assume(key is not None)
    assert canonical_url(key) == key


@st.composite
def two_pages(draw):
    host, segments, params = draw(page())
    change = draw(st.sampled_from(["path", "param value", "param added", "host"]))
    if change == "path":
        other = (host, segments + [draw(st.from_regex(r"[a-z0-9]{1,6}", fullmatch=True))], params)
    elif change == "param value":
        name = draw(_param_names)
        params = {**params, name: "1"}
        other = (host, segments, {**params, name: "2"})
    elif change == "param added":
        name = draw(_param_names.filter(lambda n: n not in params))
        other = (host, segments, {**params, name: draw(st.from_regex(r"[a-z0-9]{0,3}", fullmatch=True))})
    else:
        other = ("x" + host, segments, params)
    return _spell(draw, host, segments, params), _spell(draw, *other)


@given(two_pages())
def test_property_different_pages_do_not_collide(pair):
    a, b = pair
    assert canonical_url(a) != canonical_url(b)


_doi_suffix = st.from_regex(r"[a-z0-9][a-z0-9.()/;:-]{0,20}", fullmatch=True)
_doi = st.builds(lambda prefix, suffix: f"10.{prefix}/{suffix}", st.integers(1000, 99999), _doi_suffix)


@st.composite
def doi_spelling(draw, doi):
    cased = "".join(draw(st.sampled_from([c.lower(), c.upper()])) for c in doi)
    form = draw(st.sampled_from(["{}", "doi:{}", "DOI: {}", "https://doi.org/{}", "http://dx.doi.org/{}", " {} "]))
    return form.format(cased)


@given(st.data(), _doi)
def test_property_doi_spellings_collide_and_normalising_is_idempotent(data, doi):
    a, b = data.draw(doi_spelling(doi)), data.draw(doi_spelling(doi))
    assert normalize_doi(a) == normalize_doi(b) == doi.lower()
    assert normalize_doi(normalize_doi(a)) == normalize_doi(a)


@given(_doi, _doi)
def test_property_different_dois_do_not_collide(a, b):
    assume(a.lower() != b.lower())
    assert normalize_doi(a) != normalize_doi(b)


@st.composite
def pmid_spelling(draw, n):
    return draw(st.sampled_from([
        n, str(n), f"PMID: {n}", f"pmid:{n}", f"https://pubmed.ncbi.nlm.nih.gov/{n}/",
        f"http://www.ncbi.nlm.nih.gov/pubmed/{n}", f"https://pubmed.ncbi.nlm.nih.gov/{n}?utm_source=mail"]))


@given(st.data(), st.integers(1, 10**9))
def test_property_pmid_spellings_collide(data, n):
    a, b = data.draw(pmid_spelling(n)), data.draw(pmid_spelling(n))
    assert normalize_pmid(a) == normalize_pmid(b) == str(n)
    assert normalize_pmid(normalize_pmid(a)) == str(n)


@given(st.integers(1, 10**9), st.integers(1, 10**9))
def test_property_different_pmids_do_not_collide(a, b):
    assume(a != b)
    assert normalize_pmid(f"https://pubmed.ncbi.nlm.nih.gov/{a}/") != normalize_pmid(b)


@given(st.integers(1, 10**8), st.sampled_from([
    "PMC{}", "pmc{}", "PMCID: PMC{}", "https://pmc.ncbi.nlm.nih.gov/articles/PMC{}/",
    "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC{}"]))
def test_property_pmcid_spellings_collide(n, form):
    assert normalize_pmcid(form.format(n)) == f"PMC{n}"
    assert url_identity(f"https://pmc.ncbi.nlm.nih.gov/articles/PMC{n}/") == Identity("pmcid", f"PMC{n}")
