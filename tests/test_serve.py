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

from tests.support.pages import bank_file, topic_pages
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


def _copy_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(REPO, project, symlinks=True, ignore=SKIP)
    return project


def _serve(project: Path, port: int, stderr) -> subprocess.Popen:
    return subprocess.Popen(
        ["make", "-s", "serve", f"PORT={port}", f"VENV={REPO / '.venv'}"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=stderr, text=True,
        start_new_session=True, env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"),
    )


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def test_make_serve_serves_and_live_reloads_content_src(tmp_path):
    project = _copy_project(tmp_path)
    port = _free_port()
    # The Makefile's own serve target, with this checkout's installed venv and a free port.
    server = _serve(project, port, subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/about/"
    try:
        assert _wait_for(url, "About this site", 120), "make serve did not serve /about/"
        page = project / "content_src" / "pages" / "about.yaml"
        page.write_text(page.read_text(encoding="utf-8").replace(
            "title: About this site", "title: About this site, edited live"), encoding="utf-8")
        assert _wait_for(url, "About this site, edited live", 120), "editing content_src did not rebuild the page"
        assert "livereload" in (_fetch(url) or ""), "served pages carry no live-reload script"
    finally:
        _stop(server)


@pytest.mark.parametrize("target", ["serve", "test"])
def test_readme_shows_the_two_commands(target):
    assert f"make {target}" in (REPO / "README.md").read_text(encoding="utf-8")


def test_make_serve_on_a_busy_port_says_so_and_how_to_pick_another():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(["make", "-s", "serve", f"PORT={port}", f"VENV={REPO / '.venv'}"], cwd=REPO,
                                capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert f"port {port} on 127.0.0.1 is busy" in result.stderr
    assert f"make serve PORT={port + 1}" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def _break_bank(project: Path) -> tuple[str, int]:
    name = bank_file(topic_pages()[0])  # any topic page's bank
    bank = project / name
    lines = bank.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines, start=1) if line.startswith("title:"))
    lines[number - 1] = lines[number - 1].replace("title:", "titel:")
    bank.write_text("".join(lines), encoding="utf-8")
    return name, number


def test_make_serve_stops_on_a_content_error_with_its_line_and_no_traceback(tmp_path):
    project = _copy_project(tmp_path)
    path, line = _break_bank(project)
    server = _serve(project, _free_port(), subprocess.PIPE)
    try:
        _, err = server.communicate(timeout=180)  # the first build fails, so serve ends by itself
    finally:
        _stop(server)
    assert server.returncode != 0
    assert f"{path}:{line}:1: error: unknown field 'titel'" in err
    assert "Traceback" not in err
    assert "quiz(" not in err and "learn_more" not in err  # no knock-on errors


def test_a_content_error_while_serving_is_reported_at_its_line_and_serving_goes_on(tmp_path):
    project = _copy_project(tmp_path)
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w", encoding="utf-8") as stderr:
        server = _serve(project, port, stderr)
        try:
            topic = topic_pages()[0]
            assert _wait_for(f"http://127.0.0.1:{port}/{topic.url}", topic.title, 120), "make serve did not serve"
            path, line = _break_bank(project)
            deadline = time.monotonic() + 120
            while f"{path}:{line}:1: error" not in log.read_text(encoding="utf-8") and time.monotonic() < deadline:
                time.sleep(0.5)
            output = log.read_text(encoding="utf-8")
            assert f"{path}:{line}:1: error: unknown field 'titel'" in output
            assert "Traceback" not in output
            assert server.poll() is None, "a content error stopped the server"
        finally:
            _stop(server)
