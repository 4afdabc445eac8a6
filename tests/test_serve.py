"""`make serve` serves the site on 127.0.0.1 and rebuilds when content data changes (live reload)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.support.sites import REPO

SKIP = shutil.ignore_patterns(".venv", "site", "node_modules", ".git", ".pytest_cache", ".hypothesis",
                              "__pycache__", ".lycheecache", ".bench")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, needle: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = _fetch(url)
        if body and needle in body:
            return True
        time.sleep(0.5)
    return False


def test_make_serve_serves_and_live_reloads_content_src(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(REPO, project, symlinks=True, ignore=SKIP)
    port = _free_port()
    venv = REPO / ".venv"
    # The Makefile's own serve target, with this checkout's installed venv and a free port.
    server = subprocess.Popen(
        ["make", "-s", "serve", f"PORT={port}", f"VENV={venv}"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        start_new_session=True, env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"),
    )
    url = f"http://127.0.0.1:{port}/about/"
    try:
        assert _wait_for(url, "About this site", 120), "make serve did not serve /about/"
        page = project / "content_src" / "pages" / "about.yaml"
        page.write_text(page.read_text(encoding="utf-8").replace(
            "title: About this site", "title: About this site, edited live"), encoding="utf-8")
        assert _wait_for(url, "About this site, edited live", 120), "editing content_src did not rebuild the page"
        assert "livereload" in (_fetch(url) or ""), "served pages carry no live-reload script"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        if server.stderr:
            server.stderr.close()


@pytest.mark.parametrize("target", ["serve", "test"])
def test_readme_shows_the_two_commands(target):
    assert f"make {target}" in (REPO / "README.md").read_text(encoding="utf-8")
