"""When a page's content last changed, from git (macros/core/last_updated.py): the newest commit of its files,
today for uncommitted changes, and no date at all when git cannot say (no repository, a shallow clone)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess

from macros.core.last_updated import last_changed

ENV = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
       "GIT_COMMITTER_EMAIL": "t@example.org"}


def _git(root, *args, date=None):
    env = {**ENV, **({"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {})}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env, timeout=60)


def _repo(tmp_path):
    root = tmp_path / "repo"
    (root / "content_src" / "pages").mkdir(parents=True)
    _git(root, "init", "-q")
    (root / "content_src" / "pages" / "a.yaml").write_text("title: A\n", encoding="utf-8")
    (root / "content_src" / "care_cards.yaml").write_text("x: 1\n", encoding="utf-8")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "one", date="2026-11-02T10:00:00+00:00")
    (root / "content_src" / "care_cards.yaml").write_text("x: 2\n", encoding="utf-8")
    _git(root, "commit", "-qam", "two", date="2026-11-20T10:00:00+00:00")
    return root


def test_the_newest_commit_of_the_pages_files(tmp_path):
    root = _repo(tmp_path)
    assert last_changed(root, ["content_src/pages/a.yaml"]) == dt.date(2026, 11, 2)
    assert last_changed(root, ["content_src/pages/a.yaml", "content_src/care_cards.yaml"]) == dt.date(2026, 11, 20)


def test_uncommitted_changes_are_today(tmp_path):
    root = _repo(tmp_path)
    (root / "content_src" / "pages" / "a.yaml").write_text("title: B\n", encoding="utf-8")
    assert last_changed(root, ["content_src/pages/a.yaml"], today=dt.date(2026, 12, 6)) == dt.date(2026, 12, 6)


def test_no_date_without_history(tmp_path):
    root = _repo(tmp_path)
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{root}", str(shallow)], check=True,
                   capture_output=True, env=ENV, timeout=60)
    assert last_changed(shallow, ["content_src/pages/a.yaml"]) is None  # it would say 20 November: wrong
    plain = tmp_path / "plain"
    plain.mkdir()
    assert last_changed(plain, ["content_src/pages/a.yaml"]) is None
