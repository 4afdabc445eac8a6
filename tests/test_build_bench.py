"""The build benchmark compares like with like. It is run as ``make bench`` runs it (a command, not an
import: tests do not import ``bench/``), on two tiny sizes, keeping its projects to look at: the synthetic
pages use the real formats and the sizes it announces, and its four builds make the same citations."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
import yaml

from macros.core.shell_rules import FIXTURE_TEXT_VARIABLE
from tests.support.sites import REPO

VARIANTS = ("citations", "extension", "pre-rendered", "none")


@pytest.fixture(scope="module")
def bench(tmp_path_factory):
    keep = tmp_path_factory.mktemp("bench")
    # as make bench runs it: without the test session's leave for fixture shells and linked folders
    env = {k: v for k, v in os.environ.items() if k != FIXTURE_TEXT_VARIABLE}
    result = subprocess.run([sys.executable, "-m", "bench.build_bench", "--sizes", "2", "--repeat", "1",
                             "--no-serve", "--keep", str(keep)], cwd=REPO, env=env, capture_output=True, text=True,
                            timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    return keep, result.stdout


def _article(root, page: str) -> str:
    html = (root / "site" / page / "index.html").read_text(encoding="utf-8")
    return re.search(r"<article[^>]*>(.*)</article>", html, re.S).group(1)


def test_it_prints_every_build_with_its_ratio_and_memory(bench):
    _, out = bench
    for variant in VARIANTS:
        assert re.search(rf"^\s+2 {re.escape(variant)}\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+\d+$", out, re.M), out
    assert re.search(r"^\s+2 pre-rendered .* 1\.00\s+\d+$", out, re.M)
    assert "citations' own cost (extension - none)" in out


def test_the_synthetic_pages_use_the_real_formats_at_the_announced_sizes(bench):
    keep, out = bench
    paragraphs, per_citation, sources = map(int, re.search(
        r"(\d+) cited paragraphs a page, (\d+) sources a citation, (\d+) sources", out).groups())
    project = keep / "2" / "citations"
    assert len(yaml.safe_load((project / "content_src" / "sources.yaml").read_text(encoding="utf-8"))) == sources
    page = yaml.safe_load((project / "content_src" / "pages" / "topic-0001.yaml").read_text(encoding="utf-8"))
    cited = [b["cite"] for s in page["sections"] for b in s["blocks"]]
    assert len(cited) == paragraphs and all(len(keys) == per_citation for keys in cited)
    shell = (project / "docs" / "topic-0001.md").read_text(encoding="utf-8")
    assert "page_content" in shell  # a copy of a real shell
    assert "macros" not in (keep / "2" / "pre-rendered" / "mkdocs.yml").read_text(encoding="utf-8").split("\nplugins:")[1]


def test_the_four_builds_make_the_same_citations(bench):
    keep, _ = bench
    builds = {variant: _article(keep / "2" / variant, "topic-0001") for variant in VARIANTS}
    assert builds["citations"] == builds["extension"]
    markers = re.findall(r'<sup class="cite">.*?</sup>', builds["citations"])
    assert len(markers) == 30
    assert re.findall(r'<sup class="cite">.*?</sup>', builds["pre-rendered"]) == markers
    listing = re.search(r'<ol class="references">.*?</ol>', builds["citations"], re.S).group(0)
    assert re.search(r'<ol class="references">.*?</ol>', builds["pre-rendered"], re.S).group(0) == listing
    assert 'class="cite' not in builds["none"] and "references" not in builds["none"]
