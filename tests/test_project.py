"""Project: where a project's files live; what is loaded or worked out once per build."""

from __future__ import annotations

import pytest

from macros.core.problems import ContentError
from macros.core.project import Project


def test_once_computes_a_key_once_and_returns_the_same_result(tmp_path):
    project = Project(tmp_path)
    calls = []

    def compute():
        calls.append(1)
        return ["result"]

    first = project.once("key", compute)
    assert project.once("key", compute) is first
    assert calls == [1]
    assert project.once("other", lambda: 2) == 2


def test_once_is_per_project_so_each_build_starts_fresh(tmp_path):
    assert Project(tmp_path).once("key", lambda: 1) == 1
    assert Project(tmp_path).once("key", lambda: 2) == 2


def test_once_does_not_keep_a_failure(tmp_path):
    project = Project(tmp_path)

    def broken():
        raise ContentError([])

    with pytest.raises(ContentError):
        project.once("key", broken)
    assert project.once("key", lambda: "fixed") == "fixed"


def test_load_reads_a_file_once(tmp_path):
    (tmp_path / "a.yaml").write_text("title: x\n", encoding="utf-8")
    project = Project(tmp_path)
    first = project.load("a.yaml")
    (tmp_path / "a.yaml").write_text("title: changed\n", encoding="utf-8")
    assert project.load("a.yaml") is first
    assert Project(tmp_path).load("a.yaml").data == {"title": "changed"}
