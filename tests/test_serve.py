"""`make serve` serves the site on 127.0.0.1 and rebuilds when content data changes (live reload)."""

from __future__ import annotations

import re
import socket
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support.pages import bank_file, topic_pages
from tests.support.serving import copy_checkout, free_port, make_serve, start, stop
from tests.support.sites import REPO


def test_make_serve_serves_and_live_reloads_content_src(tmp_path):
    project = copy_checkout(tmp_path)
    with make_serve(project) as serve:  # the Makefile's own serve target, on a free port
        assert "About this site" in serve.fetch("about/"), "make serve did not serve /about/"
        page = project / "content_src" / "pages" / "about.yaml"
        seen = len(serve.lines)
        page.write_text(page.read_text(encoding="utf-8").replace(
            "title: About this site", "title: About this site, edited live"), encoding="utf-8")
        serve.wait_for_line("Reloading browsers", after=seen)  # the rebuild has finished
        html = serve.fetch("about/")
        assert "About this site, edited live" in html, "editing content_src did not rebuild the page"
        assert "livereload" in html, "served pages carry no live-reload script"


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
    project = copy_checkout(tmp_path)
    path, line = _break_bank(project)
    server = start(project, free_port(), subprocess.PIPE)
    try:
        _, err = server.communicate(timeout=180)  # the first build fails, so serve ends by itself
    finally:
        stop(server)
    assert server.returncode != 0
    assert f"{path}:{line}:1: error: unknown field 'titel'" in err
    assert "Traceback" not in err
    assert "quiz(" not in err and "learn_more" not in err  # no knock-on errors


def test_a_content_error_while_serving_is_reported_at_its_line_and_serving_goes_on(tmp_path):
    project = copy_checkout(tmp_path)
    topic = topic_pages()[0]
    with make_serve(project) as serve:
        assert topic.title in serve.fetch(topic.url), "make serve did not serve"
        seen = len(serve.lines)
        path, line = _break_bank(project)
        serve.wait_for_line(f"{path}:{line}:1: error", after=seen)
        serve.wait_for_line("could not be built", after=seen)  # the rebuild is over
        output = "".join(serve.lines[seen:])
        assert f"{path}:{line}:1: error: unknown field 'titel'" in output
        assert "Traceback" not in output
        assert serve.server.poll() is None, "a content error stopped the server"
        # the build is not stuck: the server answers (with the messages, the browser test reads them)
        assert f"{path}:{line}:1: error: unknown field &#39;titel&#39;" in serve.fetch(topic.url)


@pytest.mark.browser
def test_the_browser_shows_a_content_error_under_make_serve_and_the_page_again_once_it_is_fixed(tmp_path, page):
    """An editor looking at the preview sees the terminal's path:line message in the page; after the fix the
    page comes back by itself (live reload), without the editor navigating."""
    project = copy_checkout(tmp_path)
    topic = topic_pages()[0]
    bank = project / bank_file(topic)
    good = bank.read_text(encoding="utf-8")
    title = re.compile(re.escape(topic.title))
    with make_serve(project) as serve:
        page.goto(serve.url + topic.url)
        expect(page).to_have_title(title)
        path, line = _break_bank(project)
        problems = page.locator("#build-problems")
        expect(problems).to_contain_text(f"{path}:{line}:1: error: unknown field 'titel'", timeout=120_000)
        expect(page.locator("h1")).to_have_text("The site could not be built")
        bank.write_text(good, encoding="utf-8")  # the editor fixes the file and saves it
        expect(page).to_have_title(title, timeout=120_000)
        expect(problems).to_have_count(0)
        expect(page.locator("article")).to_contain_text(topic.title)
