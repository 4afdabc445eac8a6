"""The compiled site model: immutable, compiled once per state of the files, shells found by URL,
content kinds registered in one place."""

from __future__ import annotations

import dataclasses

import pytest

from macros.rules import build_errors
from macros.model import site
from macros.core import project as project_module
from macros.model.site import Kind, site_model
from macros.core.problems import Problem
from tests.support.sites import EXAMPLE, example_site, line_of

# The example site's pages (tests/fixtures/site), by what they show.
TOPIC = "red-flags"                # shows its own content and bank
QUIZ = "quiz.md"                   # lists the topic quizzes, shows no bank
PLAIN = "when-to-get-help"         # shows its content only
LISTING = "sources"                # shows its content, then a list
NAV = [{"Home": "index.md"}, {"Topics": [{"Warning signs": f"{TOPIC}.md"}]}, {"Quiz": QUIZ}]


@pytest.fixture
def root(tmp_path):
    return example_site(tmp_path)


def test_the_model_is_compiled_once_per_state_of_the_files(root, monkeypatch):
    parsed: list[str] = []
    real = project_module.load_yaml
    monkeypatch.setattr(project_module, "load_yaml", lambda path, shown=None: parsed.append(shown) or real(path, shown))
    first = site_model(root, NAV)
    assert build_errors(first) == []
    assert site_model(root, NAV) is first
    before = len(parsed)
    name = f"content_src/pages/{PLAIN}.yaml"
    page = root / name
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    page.write_text("".join('title: "About us"\n' if line.startswith("title:") else line for line in lines),
                    encoding="utf-8")
    second = site_model(root, NAV)
    assert second is not first
    assert second.pages[PLAIN].title == "About us"
    build_errors(second)  # validates everything again: only the changed file is parsed again
    assert parsed[before:] == [name]


def test_model_objects_are_immutable(root):
    model = site_model(root, NAV)
    shell = model.shell(f"{TOPIC}.md")
    with pytest.raises(dataclasses.FrozenInstanceError):
        shell.title = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        model.pages["new"] = None  # type: ignore[index]
    with pytest.raises(TypeError):
        shell.headings["x"] = "y"  # type: ignore[index]
    assert isinstance(model.shells, tuple) and isinstance(shell.calls, tuple)


def test_shells_know_what_they_show_and_are_found_by_any_builders_url(root):
    model = site_model(root, NAV)
    topic = model.shell(f"{TOPIC}.md")
    name = TOPIC
    assert (topic.content, topic.banks, topic.title, topic.url) == (name, (name,), "Warning signs", f"{name}/")
    assert model.shell(QUIZ).banks == ()  # each bank is on its topic page only
    assert sorted(b for s in model.shells for b in s.banks) == sorted(p.stem for p in (root / "quiz" / "banks").glob("*.yaml"))
    assert model.shell(f"{PLAIN}.md").banks == ()
    for url in (f"{name}/", f"/{name}/", f"{name}/index.html", f"{name}.html"):
        assert model.shell_at(url) is topic, url
    assert model.shell_at("") is model.shell("index.md")
    assert model.nav_order == ["index.md", f"{TOPIC}.md", QUIZ]
    assert [s.src for s in model.shells] == ["index.md", f"{TOPIC}.md", QUIZ,  # then the rest by name
                                             "glossary.md", "sources.md", "symptom-card.md", "when-to-get-help.md"]


def test_the_headings_of_a_page_come_from_its_shell_and_its_content(root):
    # a shell of the real site holds no headings (macros/shell_rules.py); a test's fixture page may
    (root / "docs" / "notes.md").write_text("# Notes\n\n## Check what you know\n", encoding="utf-8")
    model = site_model(root, NAV + [{"Notes": "notes.md"}])
    assert model.headings("notes.md")["check-what-you-know"] == "Check what you know"
    assert model.headings(f"{TOPIC}.md")["night-pain"] == "Pain at night"  # a section of its content
    assert model.headings("missing.md") == {}


def test_a_new_content_kind_is_one_registered_loader(root, monkeypatch):
    (root / "content_src" / "abbreviations.yaml").write_text("MRI: magnetic resonance imaging\n", encoding="utf-8")

    def load(model):
        project = model.project
        doc = project.load(project.content_dir / "abbreviations.yaml")
        return dict(doc.data), [Problem.error(doc.path, doc.line("MRI"), "an abbreviation needs its meaning in words")]

    monkeypatch.setattr(site, "KINDS", site.KINDS + (
        Kind("abbreviations", lambda project: [project.content_dir / "abbreviations.yaml"], load),))
    model = site_model(root, NAV)
    assert model.kind("abbreviations") == {"MRI": "magnetic resonance imaging"}
    assert [p.format() for p in build_errors(model)] == [
        "content_src/abbreviations.yaml:1: error: an abbreviation needs its meaning in words"]


def test_a_broken_file_is_reported_once_and_not_as_knock_on_errors(root):
    bank_name, page_name = f"quiz/banks/{TOPIC}.yaml", f"content_src/pages/{TOPIC}.yaml"
    bank = root / bank_name
    bank.write_text(bank.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    page = root / page_name
    page.write_text(page.read_text(encoding="utf-8") + "  - oops: [\n", encoding="utf-8")
    errors = [p.format() for p in build_errors(site_model(root, NAV))]
    assert {e.split(":")[0] for e in errors} == {bank_name, page_name}
    assert any("YAML syntax error" in e for e in errors)
    assert not any("learn_more" in e for e in errors), errors  # links into the broken page are not reported again


def test_a_page_with_a_bank_but_no_quiz_is_reported(root):
    name = LISTING
    (root / "quiz" / "banks" / f"{name}.yaml").write_text(
        (root / "quiz" / "banks" / f"{TOPIC}.yaml").read_text(encoding="utf-8").replace(
            f"id: {TOPIC}\n", f"id: {name}\n", 1), encoding="utf-8")
    model = site_model(root, NAV)
    assert model.shell(f"{LISTING}.md").banks == ()
    shell = f"docs/{LISTING}.md"
    [problem] = [p for p in model.shell_problems if p.path == shell]
    line = line_of(EXAMPLE / shell, "{{ sources_list() }}")
    assert problem.format().startswith(
        f"{shell}:{line}: error: this page shows content_src/pages/{name}.yaml, which has a quiz bank "
        f"(quiz/banks/{name}.yaml), but no quiz")
