"""The build benchmark compares like with like: its synthetic project builds strictly with the real
macros, and its plain-Markdown twin, built without the macros plugin, produces the same pages."""

from __future__ import annotations

import re

import pytest
import yaml

from bench import build_bench
from tests.support.sites import build


@pytest.fixture(scope="module")
def projects(tmp_path_factory):
    base = tmp_path_factory.mktemp("bench")
    macro_root = build_bench.generate(base / "macros", 3, build_bench.read_real())
    plain_root = build_bench.plain_project(macro_root, base / "plain")
    return macro_root, plain_root


def _page_html(site, page: str) -> str:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    return re.sub(r'\.[0-9a-f]{8}\.min\.', ".", html)  # asset fingerprints do not matter


def test_synthetic_project_uses_the_real_formats(projects):
    macro_root, _ = projects
    page = yaml.safe_load((macro_root / "content_src" / "pages" / "topic-0001.yaml").read_text(encoding="utf-8"))
    bank = yaml.safe_load((macro_root / "quiz" / "banks" / "topic-0001.yaml").read_text(encoding="utf-8"))
    cited = [b["cite"] for s in page["sections"] for b in s.get("blocks", []) if "cite" in b]
    assert cited and all(len(keys) == build_bench.CITES_PER_BLOCK for keys in cited)
    assert len(bank["questions"]) == build_bench.QUESTIONS_PER_PAGE
    assert all(q["learn_more"].startswith("topic-0001.md#") for q in bank["questions"])
    assert "{{ page_content() }}" in (macro_root / "docs" / "topic-0001.md").read_text(encoding="utf-8")
    assert "macros" not in (projects[1] / "mkdocs.yml").read_text(encoding="utf-8").split("\nplugins:")[1]


def test_macro_and_plain_builds_make_the_same_pages(projects, tmp_path):
    macro_root, plain_root = projects
    for root, name in ((macro_root, "macro"), (plain_root, "plain")):
        result = build(root, tmp_path / name)
        assert result.returncode == 0, result.stderr[-3000:]
    for page in ("", "topic-0001/", "topic-0002/", "sources/"):
        macro_html = _page_html(tmp_path / "macro", page)
        if page.startswith("topic-"):
            assert 'class="cite__link"' in macro_html and '<section class="quiz' in macro_html
        assert macro_html == _page_html(tmp_path / "plain", page), page


def test_timed_build_reports_time_and_memory(projects):
    timing = build_bench.timed_build(projects[1])
    assert timing.wall > 0 and timing.cpu > 0 and timing.peak_mib > 20
