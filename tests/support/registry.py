"""Small citation registries for fixture sites, built from a few real entries."""

SCHEMA_COMMENT = "# yaml-language-server: $schema=../macros/schemas/sources.schema.json\n"

NICE_NG234 = """\
nice-ng234:
  kind: guideline
  title: Spinal metastases and metastatic spinal cord compression
  publisher: National Institute for Health and Care Excellence
  url: https://www.nice.org.uk/guidance/ng234
  year: 2023
  accessed: 2026-11-22
"""

NHS_BACK_PAIN = """\
nhs-back-pain:
  kind: webpage
  title: Back pain
  publisher: NHS
  url: https://www.nhs.uk/conditions/back-pain/
  accessed: 2026-11-22
"""

DEYO_1988 = """\
deyo-1988:
  kind: journal-article
  authors: [Deyo RA, Diehl AK]
  journal: J Gen Intern Med
  year: 1988
  volume: 3
  pages: 230-238
  doi: 10.1007/BF02596337
  pmid: 2967893
  title: "Cancer as a cause of back pain: frequency, clinical presentation, and diagnostic strategies"
"""


def sources_yaml(*entries: str) -> str:
    """A ``content_src/sources.yaml`` holding ``entries``, with the schema comment editors' IDEs use."""
    return SCHEMA_COMMENT + "\n".join(entries)
