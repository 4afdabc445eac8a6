"""Project: where a project's files live; each file parsed once for the model that reads it."""

from __future__ import annotations

from macros.core.project import Project


def test_a_file_is_parsed_again_only_when_its_bytes_change(tmp_path, monkeypatch):
    from macros.core import project as project_module

    parsed: list[str] = []
    real = project_module.load_yaml
    monkeypatch.setattr(project_module, "load_yaml", lambda path, shown=None: parsed.append(shown) or real(path, shown))
    (tmp_path / "a.yaml").write_text("title: x\n", encoding="utf-8")
    first = Project(tmp_path).load("a.yaml")
    assert Project(tmp_path).load("a.yaml") is first  # another build, the same bytes: the same document
    (tmp_path / "a.yaml").write_text("title: y\n", encoding="utf-8")  # the same size
    assert Project(tmp_path).load("a.yaml").data == {"title": "y"}
    assert parsed == ["a.yaml", "a.yaml"]
