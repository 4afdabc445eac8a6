"""Work a build does once, not once per page: the site model is the one cache (one model for each state of
the input files, worked out when it is compiled), and each content file is parsed once for each state of its
bytes (``Project.load``), so a rebuild under make serve parses only the file that changed."""

from __future__ import annotations

import shutil
import sys
from collections import Counter

import markdown
import pytest

from macros import rules
from macros.cli import check
from macros.core import schemas
from macros.core import project as project_module
from macros.markdown import CitationsExtension
from macros.model import pages as loading
from macros.core.problems import ContentError
from macros.core.project import Project
from macros.quiz.render import render_quiz
from macros.model import site, site_model
from tests.support.pages import topic_pages
from tests.support.sites import REPO, real_model
from tests.test_quiz_render import STRINGS

# Two pages with their own quiz bank, and a page with content but no bank: found in the model, not named.
ONE, TWO = topic_pages()[:2]
PLAIN = next(s for s in real_model().shells if s.content and s.content not in s.banks)


@pytest.fixture
def project(tmp_path) -> Project:
    for part in ("content_src", "quiz/banks", "docs"):
        shutil.copytree(REPO / part, tmp_path / part, ignore=shutil.ignore_patterns("assets"))
    return Project(tmp_path)


def _count(monkeypatch, module, name) -> list:
    calls: list = []
    real = getattr(module, name)
    monkeypatch.setattr(module, name, lambda *a, **k: calls.append(1) or real(*a, **k))
    return calls


def test_the_model_is_the_one_cache_and_each_kind_is_checked_once_per_state_of_the_files(project, monkeypatch):
    banks = _count(monkeypatch, site, "load_banks")
    pages = _count(monkeypatch, loading, "structure_problems")
    strings = STRINGS
    first = render_quiz(site_model(project), ONE.content, strings, ONE.src)
    render_quiz(site_model(project), TWO.content, strings, TWO.src)
    assert render_quiz(site_model(Project(project.root)), ONE.content, strings, ONE.src) == first  # another build
    model = site_model(project)
    assert model is site_model(Project(project.root))  # the same files: the same model, whoever asks
    assert model.pages[ONE.content] is site_model(project).pages[ONE.content]
    assert (len(banks), len(pages)) == (1, len(model.kind_files("pages")))  # every page validated once, eagerly
    bank = project.banks_dir / f"{ONE.content}.yaml"
    bank.write_text(bank.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert site_model(project) is not model  # a file changed: the next build compiles a new model
    assert len(banks) == 2


def test_a_broken_bank_fails_every_quiz_not_only_the_first(project):
    bank = project.banks_dir / f"{ONE.content}.yaml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("type: single", "type: singel", 1), encoding="utf-8")
    strings = STRINGS
    for shell in (ONE, TWO):
        with pytest.raises(ContentError, match="singel"):
            render_quiz(site_model(project), shell.content, strings, shell.src)


def test_citing_pages_for_every_key_matches_asking_key_by_key():
    from macros.model.sources import load_registry
    from macros.model import site_model

    real = Project(REPO)
    index = site_model(real).usages
    every = index.citing_pages()
    keys = {source.key for source in load_registry(real)}
    assert keys and set(every) <= keys
    assert any(len(pages) > 1 for pages in every.values())
    for key in keys:
        assert every.get(key, []) == index.pages_citing(key), key


def test_the_model_is_worked_out_when_it_is_compiled_and_reading_it_computes_nothing(project, monkeypatch):
    section = real_model().pages[ONE.content].data["sections"][0]["id"]
    model = site_model(project)
    for name in ("_headings", "index_model", "load_banks", "load_page", "cards_problems", "placements"):
        monkeypatch.setattr(site, name, lambda *a, **k: pytest.fail("the model computed something after it was compiled"))
    first = model.headings(ONE.src)
    assert section in first
    with pytest.raises(TypeError):
        first["changed-by-a-caller"] = "no"  # read-only: every feature reads the same anchors
    assert model.headings(ONE.src) is first
    assert model.usages.pages_citing(next(iter(model.usages.keys())))
    assert model.pages and model.banks and model.placements and model.card_rule_problems == ()
    assert rules.problems(model, build=True) == []


def test_a_build_and_make_check_parse_each_content_file_once(project, monkeypatch):
    parsed: list[str] = []
    real = project_module.load_yaml
    monkeypatch.setattr(project_module, "load_yaml", lambda path, shown=None: parsed.append(shown) or real(path, shown))
    model = site_model(project)
    for shell in model.shells:  # what a build renders
        for bank_id in shell.banks:
            render_quiz(model, bank_id, STRINGS, shell.src)
    rules.problems(model)  # what make check runs: every rule
    files = [project.rel(p) for p in project.yaml_files()]
    assert len(files) > 10 and sorted(parsed) == sorted(files)  # each content file parsed, and parsed once
    page = project.content_dir / "pages" / f"{PLAIN.content}.yaml"
    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    parsed.clear()
    rules.problems(site_model(project))  # make serve after an edit: that file is parsed again, no other
    assert parsed == [project.rel(page)]


def _count_validations(monkeypatch) -> Counter:
    """Schema validations by file: ``macros.core.schemas.validate`` wherever a module of macros imported it."""
    counts: Counter = Counter()
    real = schemas.validate

    def counting(doc, schema_name):
        counts[doc.path] += 1
        return real(doc, schema_name)

    for name, module in list(sys.modules.items()):
        if name == "macros" or name.startswith("macros."):
            for attr, value in list(vars(module).items()):
                if value is real:
                    monkeypatch.setattr(module, attr, counting)
    return counts


def test_a_build_and_make_check_each_validate_each_content_file_once(project, monkeypatch, capsys):
    counts = _count_validations(monkeypatch)
    files = [project.rel(p) for p in project.yaml_files()]
    model = site_model(project)  # a build: the model, every quiz rendered, the build's rules
    for shell in model.shells:
        for bank_id in shell.banks:
            render_quiz(model, bank_id, STRINGS, shell.src)
    assert rules.build_errors(model) == []
    assert len(files) > 10 and counts == Counter(files)  # every content file validated, and validated once
    counts.clear()
    rules.problems(model)  # make check's rules on the same model validate nothing again
    assert counts == Counter()
    monkeypatch.setattr(site, "_MODELS", {})  # make check on its own: a model of its own, and every rule
    assert check.main([str(project.root)]) == 0, capsys.readouterr().out
    assert counts == Counter(files)


def test_a_source_cited_many_times_on_a_page_is_formatted_once_for_its_tooltips(monkeypatch):
    from macros.model.sources import load_registry
    from macros.citations.markers import marker
    from macros.citations import resolve

    registry = load_registry(Project(REPO))
    key = next(iter(registry)).key
    calls = _count(monkeypatch, resolve, "entry_text")
    page = "\n\n".join(f"Fact {n}.{marker(key)}" for n in range(5))
    out = markdown.markdown(page, extensions=[CitationsExtension(registry=registry)])
    assert out.count('class="cite__link"') == 5
    assert len(calls) == 1


def test_the_registry_is_loaded_once_for_all_the_pages_of_a_build(project, monkeypatch):
    """Builders make a new Markdown (and extension) for every page; they share one registry, loaded again
    only when ``content_src/sources.yaml`` changes (``make serve``)."""
    from macros.citations.markers import marker
    from macros.model import sources as registry

    calls = _count(monkeypatch, site, "load_registry")  # what the model's "sources" kind calls
    key = next(iter(registry.load_registry(project))).key
    calls.clear()
    for n in range(3):
        out = markdown.markdown(f"Fact {n}.{marker(key)}", extensions=[CitationsExtension(project_root=str(project.root))])
        assert 'class="cite__link"' in out
    assert len(calls) == 1
    sources = project.root / "content_src" / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    markdown.markdown(f"Fact.{marker(key)}", extensions=[CitationsExtension(project_root=str(project.root))])
    assert len(calls) == 2
