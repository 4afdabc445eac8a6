"""AMA-style reference entries: authors, journal details, identifiers and links, web pages, books."""

from __future__ import annotations

import html
import re

import markdown
import pytest

from macros.citations.format import authors_text, doi_url, entry_html, entry_text, pmc_url, publication_details, pubmed_url
from macros.model.sources import Source
from macros.core.dates import format_date


def src(key="k", **fields) -> Source:
    return Source(key, fields, 1)


def text_of(fragment: str) -> str:
    """What a reader sees: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


@pytest.mark.parametrize("authors, expected", [
    (None, ""),
    (["Deyo RA"], "Deyo RA"),
    (["Deyo RA", "Diehl AK"], "Deyo RA, Diehl AK"),
    (["A A", "B B", "C C", "D D", "E E", "F F"], "A A, B B, C C, D D, E E, F F"),
    (["A A", "B B", "C C", "D D", "E E", "F F", "G G"], "A A, B B, C C, et al"),
    (["Loblaw DA", "et al"], "Loblaw DA, et al"),
    (["A A", "B B", "C C", "D D", "E E", "F F", "G G", "et al"], "A A, B B, C C, et al"),
])
def test_authors_up_to_six_then_first_three_et_al(authors, expected):
    assert authors_text(authors) == expected


@pytest.mark.parametrize("fields, expected", [
    ({"year": 2003, "volume": 15, "pages": "211-217"}, "2003;15:211-217"),
    ({"year": 1987, "volume": 59, "issue": 6, "pages": "1112-1116"}, "1987;59(6):1112-1116"),
    ({"year": 2013, "pages": "CD008686"}, "2013;CD008686"),
    ({"year": 2000}, "2000"),
    ({"year": 2023, "volume": 383, "pages": "p1973"}, "2023;383:p1973"),
    ({"year": 2020, "issue": "2"}, "2020;(2)"),
])
def test_publication_details(fields, expected):
    assert publication_details(src(**fields)) == expected


def test_links():
    assert doi_url("10.1136/bmj.p1973") == "https://doi.org/10.1136/bmj.p1973"
    assert doi_url("10.1002/1097-0142(19870315)59:6<1112::aid-cncr2820590612>3.0.co;2-6") == \
        "https://doi.org/10.1002/1097-0142(19870315)59:6%3C1112::aid-cncr2820590612%3E3.0.co;2-6"
    assert doi_url("10.1000/a#b?c d") == "https://doi.org/10.1000/a%23b%3Fc%20d"
    assert pubmed_url(2967893) == pubmed_url("2967893") == "https://pubmed.ncbi.nlm.nih.gov/2967893/"
    assert pmc_url("PMC3263660") == "https://pmc.ncbi.nlm.nih.gov/articles/PMC3263660/"


def test_accessed_dates_are_en_gb_like_every_other_date_on_the_site():
    """One date style on the site: the reference's access date uses the same formatter as review dates."""
    entry = entry_html(src("nhs-back-pain", kind="webpage", title="Back pain", publisher="NHS",
                           url="https://www.nhs.uk/conditions/back-pain/", accessed="2026-11-02"))
    assert "Accessed 2 November 2026." in text_of(entry)
    assert format_date("2026-11-02") == "2 November 2026"
    assert not re.search(r"(January|February|March|April|May|June|July|August|September|October|November"
                         r"|December) \d{1,2}, \d{4}", text_of(entry))


def test_journal_article_ama():
    entry = entry_html(src("deyo-1988", kind="journal-article", authors=["Deyo RA", "Diehl AK"],
                           title="Cancer as a cause of back pain", journal="J Gen Intern Med", year=1988, volume=3,
                           pages="230-238", doi="10.1007/BF02596337", pmid=2967893))
    assert text_of(entry) == ("Deyo RA, Diehl AK. Cancer as a cause of back pain. J Gen Intern Med. 1988;3:230-238. "
                              "doi:10.1007/BF02596337 PubMed record 2967893")
    assert '<cite class="reference__container">J Gen Intern Med</cite>' in entry
    assert 'href="https://doi.org/10.1007/BF02596337"' in entry
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/2967893/">PubMed record 2967893</a>' in entry  # named, not a bare number
    assert 'href="https://doi.org/10.1007/BF02596337">doi&#58;10.1007/BF02596337</a>' in entry
    assert "Accessed" not in entry  # AMA: a DOI replaces the URL and access date


def test_journal_article_without_title_doi_or_volume():
    entry = entry_html(src(kind="journal-article", authors=["Shah", "Salzman"], journal="Int J Surg Oncol", year=2011,
                           pmid=22312523, pmcid="PMC3263660"))
    assert text_of(entry) == "Shah, Salzman. Int J Surg Oncol. 2011. PubMed record 22312523 PubMed Central full text PMC3263660"
    assert 'href="https://pmc.ncbi.nlm.nih.gov/articles/PMC3263660/"' in entry


def test_journal_article_known_only_by_url_shows_access_date_and_url():
    entry = entry_html(src(kind="journal-article", authors=["Jaeckle KA"], title="Metastases involving spinal cord, "
                           "roots, and plexus", journal="Continuum (Minneap Minn)", year=2011, volume=17, issue=4,
                           pages="855-871", url="https://example.org/paper", accessed="2026-11-22"))
    assert text_of(entry) == ("Jaeckle KA. Metastases involving spinal cord, roots, and plexus. Continuum (Minneap Minn). "
                              "2011;17(4):855-871. Accessed 22 November 2026. https://example.org/paper")


def test_title_ending_in_question_mark_gets_no_extra_full_stop():
    entry = entry_html(src(kind="journal-article", authors=["A B"], title="Is it cancer?", journal="J", year=2000, pmid=1))
    assert "Is it cancer? J." in text_of(entry)


@pytest.mark.parametrize("kind", ["webpage", "guideline"])
def test_web_page_and_guideline_ama(kind):
    entry = entry_html(src(kind=kind, title="Spinal metastases and metastatic spinal cord compression",
                           publisher="National Institute for Health and Care Excellence",
                           url="https://www.nice.org.uk/guidance/ng234", year=2023, accessed="2026-11-22"))
    assert text_of(entry) == ("National Institute for Health and Care Excellence. Spinal metastases and metastatic spinal "
                              "cord compression. 2023. Accessed 22 November 2026. https://www.nice.org.uk/guidance/ng234")
    assert '<a class="reference__url" href="https://www.nice.org.uk/guidance/ng234">' in entry


def test_web_page_without_year_and_with_authors():
    entry = entry_html(src(kind="webpage", title="Back pain", publisher="NHS", authors=["Smith J"],
                           url="https://www.nhs.uk/conditions/back-pain/", accessed="2026-11-22"))
    assert text_of(entry) == "Smith J. Back pain. NHS. Accessed 22 November 2026. https://www.nhs.uk/conditions/back-pain/"


def test_book_ama():
    entry = entry_html(src(kind="book", title="Spinal Metastasis", authors=["Ziu", "Viswanathan", "Mesfin"],
                           publisher="StatPearls", year=2023, url="https://www.ncbi.nlm.nih.gov/books/NBK441950/",
                           accessed="2026-11-22"))
    assert text_of(entry) == ("Ziu, Viswanathan, Mesfin. Spinal Metastasis. StatPearls; 2023. Accessed 22 November 2026. "
                              "https://www.ncbi.nlm.nih.gov/books/NBK441950/")
    assert '<cite class="reference__container">Spinal Metastasis</cite>' in entry


def test_tooltip_text_is_short_and_plain():
    assert entry_text(src(kind="journal-article", authors=["Loblaw DA", "et al"], journal="Clin Oncol", year=2003,
                          pmid=12846501)) == "Loblaw DA, et al. Clin Oncol. 2003."
    assert entry_text(src(kind="webpage", title="Back pain", publisher="NHS", url="https://www.nhs.uk/",
                          accessed="2026-11-22")) == "NHS. Back pain."


MARKDOWNISH = "A *bold* _claim_ [x](y) `code` <b>tag</b> & {: #id } :smile: | pipe \\ back"


def test_entry_text_from_data_is_never_read_as_markdown_or_html():
    entry = entry_html(src(kind="webpage", title=MARKDOWNISH, publisher="P", url="https://example.org/a_b*c",
                           accessed="2026-11-22"))
    md = markdown.Markdown(extensions=["attr_list", "tables", "pymdownx.emoji"])
    rendered = md.convert("| A | B |\n|---|---|\n| x " + entry + " | y |\n")
    assert text_of(rendered).count(MARKDOWNISH) == 1
    assert "<em>" not in rendered and "<strong>" not in rendered and "<code>" not in rendered
    assert "<b>" not in rendered
    assert rendered.count("<td>") == 2  # the pipe did not split the cell
    assert 'href="https://example.org/a_b*c"' in rendered
