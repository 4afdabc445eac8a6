"""The registry file: schema rules at path:line, loading, nearest keys, duplicates."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from macros.model.sources import REGISTRY_PATH, load_registry, registry_from_document
from macros.core.problems import ContentError
from macros.core.project import Project
from macros.core.schemas import SCHEMA_DIR
from macros.core.yamlsource import parse_yaml
from tests.support.registry import DEYO_1988
from tests.support.sites import REPO

WEBPAGE = """\
a-source:
  kind: webpage
  title: Back pain
  publisher: NHS
  url: https://www.nhs.uk/conditions/back-pain/
  accessed: 2026-11-22
"""

ARTICLE = DEYO_1988


def registry(text: str):
    return registry_from_document(parse_yaml(text.encode("utf-8"), REGISTRY_PATH))


def messages(text: str) -> list[str]:
    return [p.format() for p in registry(text).problems]


def test_schema_is_valid_draft_2020_12_and_closed():
    schema = json.loads((SCHEMA_DIR / "sources.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$defs"]["source"]["additionalProperties"] is False


def test_registry_file_names_its_schema_for_editors():
    first = (REPO / REGISTRY_PATH).read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../macros/schemas/sources.schema.json"


def test_valid_entries_have_no_problems_and_know_their_lines():
    reg = registry(WEBPAGE + "\n" + ARTICLE)
    assert reg.problems == []
    assert reg["a-source"].line == 1
    assert reg["deyo-1988"].line == 8
    assert reg["deyo-1988"].kind == "journal-article"
    assert [s.key for s in reg] == ["a-source", "deyo-1988"]


@pytest.mark.parametrize("text, expected", [
    (WEBPAGE + "  colour: red\n",
     "content_src/sources.yaml:7:3: error: a-source: unknown field 'colour'"),
    (WEBPAGE + "  year: twenty\n",
     "content_src/sources.yaml:7:3: error: a-source.year: expected a whole number, found text"),
    (WEBPAGE.replace("2026-11-22", "2026-13-01"),
     "content_src/sources.yaml:6:3: error: a-source.accessed: '2026-13-01' is not a valid date"),
    (WEBPAGE.replace("2026-11-22", "22/11/2026"),
     "content_src/sources.yaml:6:3: error: a-source.accessed: '22/11/2026' is not a valid date"),
    (WEBPAGE.replace("https://www.nhs.uk", "ftp://www.nhs.uk"),
     "content_src/sources.yaml:5:3: error: a-source.url: 'ftp://www.nhs.uk/conditions/back-pain/' is not valid"),
    (WEBPAGE.replace("https://www.nhs.uk", "www.nhs.uk"),
     "content_src/sources.yaml:5:3: error: a-source.url: 'www.nhs.uk/conditions/back-pain/' is not valid"),
    (WEBPAGE.replace("https://www.nhs.uk", "javascript:alert(1)//www.nhs.uk"),
     "content_src/sources.yaml:5:3: error: a-source.url:"),
    (ARTICLE.replace("doi: 10.1007/BF02596337", "doi: doi:10.1007/BF02596337"),
     "content_src/sources.yaml:8:3: error: deyo-1988.doi: 'doi:10.1007/BF02596337' is not valid: a bare DOI"),
    (ARTICLE.replace("doi: 10.1007/BF02596337", "doi: https://doi.org/10.1007/BF02596337"),
     "content_src/sources.yaml:8:3: error: deyo-1988.doi: 'https://doi.org/10.1007/BF02596337' is not valid"),
    (ARTICLE.replace("pmid: 2967893", "pmid: PMID 2967893"),
     "content_src/sources.yaml:9:3: error: deyo-1988.pmid: 'PMID 2967893' is not valid: a PubMed id: digits only"),
    (ARTICLE.replace("pmid: 2967893", "pmid: 0"),
     "content_src/sources.yaml:9:3: error: deyo-1988.pmid: 0 is less than the minimum of 1"),
    (ARTICLE + "  pmcid: '3263660'\n",
     "content_src/sources.yaml:11:3: error: deyo-1988.pmcid: '3263660' is not valid: a PubMed Central id"),
    (WEBPAGE.replace("webpage", "blog"),
     "content_src/sources.yaml:2:3: error: a-source.kind: 'blog' is not one of 'guideline', 'webpage', "
     "'journal-article', 'book'"),
    (WEBPAGE.replace("  accessed: 2026-11-22\n", ""),
     "content_src/sources.yaml:1:1: error: a-source: 'accessed' is required"),
    (WEBPAGE.replace("  url: https://www.nhs.uk/conditions/back-pain/\n", ""),
     "content_src/sources.yaml:1:1: error: a-source: 'url' is required"),
    (ARTICLE.replace("  journal: J Gen Intern Med\n", ""),
     "content_src/sources.yaml:1:1: error: deyo-1988: 'journal' is required"),
    (ARTICLE.replace(ARTICLE.splitlines()[-1] + "\n", ""),   # a journal article must say what it is called
     "content_src/sources.yaml:1:1: error: deyo-1988: 'title' is required"),
    (ARTICLE.replace("  doi: 10.1007/BF02596337\n", "").replace("  pmid: 2967893\n", ""),
     "content_src/sources.yaml:1:1: error: deyo-1988: 'doi' is required"),
    (ARTICLE.replace("[Deyo RA, Diehl AK]", "[Deyo RA, et al, Diehl AK]"),
     'content_src/sources.yaml:3:22: error: deyo-1988.authors[1]: "et al" must come last'),
    (ARTICLE.replace("[Deyo RA, Diehl AK]", "[et al]"),
     'content_src/sources.yaml:3:13: error: deyo-1988.authors[0]: "et al" must come last, after at least one'),
    (ARTICLE.replace("[Deyo RA, Diehl AK]", "Deyo RA"),
     "content_src/sources.yaml:3:3: error: deyo-1988.authors: expected a list, found text"),
    (ARTICLE.replace("[Deyo RA, Diehl AK]", "[Deyo R.A.]"),
     "content_src/sources.yaml:3:13: error: deyo-1988.authors[0]: 'Deyo R.A.' is not valid"),
    (ARTICLE.replace("pages: 230-238", "pages: 230 to 238"),
     "content_src/sources.yaml:7:3: error: deyo-1988.pages: '230 to 238' is not valid"),
    (ARTICLE.replace("year: 1988", "year: 88"),
     "content_src/sources.yaml:5:3: error: deyo-1988.year: 88 is less than the minimum of 1800"),
    (WEBPAGE.replace("a-source:", "A_Source:"),
     "content_src/sources.yaml:1:1: error: 'A_Source' is not valid: keys are lowercase letters, digits"),
    (WEBPAGE.replace("title: Back pain", "title: ''"),
     "content_src/sources.yaml:3:3: error: a-source.title:"),
    ("a-book:\n  kind: book\n  title: T\n  publisher: P\n",
     "content_src/sources.yaml:1:1: error: a-book: 'year' is required"),
])
def test_schema_problem_is_reported_at_its_line(text, expected):
    found = messages(text)
    assert any(m.startswith(expected) for m in found), found


def test_a_journal_article_may_be_identified_by_pmcid_or_url_alone():
    base = ARTICLE.replace("  doi: 10.1007/BF02596337\n", "").replace("  pmid: 2967893\n", "")
    assert messages(base + "  pmcid: PMC1\n") == []
    assert messages(base + "  url: https://example.org/paper\n  accessed: 2026-11-22\n") == []


def test_a_url_without_an_identifier_needs_an_access_date():
    base = ARTICLE.replace("  doi: 10.1007/BF02596337\n", "").replace("  pmid: 2967893\n", "")
    assert messages(base + "  url: https://example.org/paper\n") == [
        "content_src/sources.yaml:1:1: error: deyo-1988: 'accessed' is required"]


def test_nearest_keys_suggest_likely_meant_keys_best_first():
    reg = registry(WEBPAGE.replace("a-source", "nice-ng234") + WEBPAGE.replace("a-source", "nice-qs56")
                   .replace("back-pain/", "x") + WEBPAGE.replace("a-source", "deyo-1988").replace("back-pain/", "y"))
    assert reg.nearest("nice-ng243")[0] == "nice-ng234"
    assert "deyo-1988" not in reg.nearest("nice-ng243")
    assert reg.nearest("completely-different") == []


def test_require_valid_raises_with_located_problems():
    reg = registry(WEBPAGE.replace("webpage", "blog"))
    with pytest.raises(ContentError) as caught:
        reg.require_valid()
    assert "content_src/sources.yaml:2:3: error: a-source.kind" in str(caught.value)
    assert registry(WEBPAGE).require_valid().keys() == ["a-source"]


def test_missing_registry_is_empty(tmp_path):
    reg = load_registry(Project(tmp_path))
    assert len(reg) == 0 and reg.problems == [] and not reg.exists


def test_unreadable_registry_reports_the_yaml_problem(tmp_path):
    (tmp_path / "content_src").mkdir()
    (tmp_path / REGISTRY_PATH).write_text("a:\n  kind: book\n a: [\n", encoding="utf-8")
    reg = load_registry(Project(tmp_path))
    assert reg.exists and len(reg) == 0
    assert reg.problems and reg.problems[0].path == REGISTRY_PATH and reg.problems[0].is_error


def test_the_real_registry_is_valid_and_has_no_duplicates():
    reg = load_registry(Project(REPO))
    assert [p.format() for p in reg.problems] == []
    assert len(reg) >= 20
    for key in ("nice-ng234", "nice-qs56", "hawkins-2023-bmj", "nhs-back-pain", "cruk-spinal-cord-compression",
                "macmillan-mscc", "nice-cg75", "mskcc-spine-tumors", "mayo-vertebral-tumor",
                "statpearls-spinal-metastasis", "deyo-1988", "loblaw-2003", "patchell-2005", "helweg-larsen-1996",
                "cruk-infection-symptoms", "laufer-2013", "shah-2011", "downie-2013", "henschke-2013", "jaeckle-2011"):
        assert key in reg, key


def test_the_real_registry_holds_each_article_source_once():
    """000_848562b687ea1b1d.txt lists MSKCC's page twice (1, 3) and another MSKCC page three times."""
    reg = load_registry(Project(REPO))
    mskcc = [s.key for s in reg if "mskcc.org/cancer-care/types/spine-tumors" in str(s.get("url"))]
    assert mskcc == ["mskcc-spine-tumors"]


def test_an_access_date_in_the_future_is_an_error_at_its_line():
    """The issue's example: accessed: 2099-01-01 was accepted and shown to readers."""
    assert messages(WEBPAGE.replace("accessed: 2026-11-22", "accessed: 2099-01-01")) == [
        "content_src/sources.yaml:6:3: error: a-source.accessed 2099-01-01 is in the future: write the day you "
        "read the source, today or earlier"]
    assert messages(WEBPAGE) == []  # the control: a day in the past
