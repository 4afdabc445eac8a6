"""macros/serve_errors.py, the ``make serve`` hook: the error page it writes over the served site (the browser test
in test_serve.py drives it under a real ``make serve``)."""

from __future__ import annotations

import logging
from types import SimpleNamespace

from macros import serve_errors

LINE = "content_src/pages/x.yaml:3:1: error: unknown field 'titel' <script>alert(1)</script>"


def test_the_error_page_lists_each_message_as_text():
    html = serve_errors.error_page([LINE, "docs/y.md:2: error: second"])
    assert "content_src/pages/x.yaml:3:1: error: unknown field &#39;titel&#39; &lt;script&gt;" in html
    assert "<script>" not in html  # a message is text, never markup (the server adds its own reload script)
    assert "docs/y.md:2: error: second" in html


def test_every_served_page_becomes_the_error_page(tmp_path):
    for name in ("index.html", "red-flags/index.html", "assets/site.css"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("old", encoding="utf-8")
    assert serve_errors.show_problems(tmp_path, [LINE]) == 3  # the two pages and a 404 page
    for name in ("index.html", "red-flags/index.html", "404.html"):
        assert 'id="build-problems"' in (tmp_path / name).read_text(encoding="utf-8")
    assert (tmp_path / "assets/site.css").read_text(encoding="utf-8") == "old"


def _server(root, rebuild):
    return SimpleNamespace(root=str(root), builder=rebuild)


def test_a_failed_rebuild_shows_the_logged_messages_and_does_not_raise(tmp_path):
    def failing():
        logging.getLogger("mkdocs.plugins.macros").error(LINE)  # a plugin's logger, under ProperDocs' root
        raise RuntimeError("Aborted with a BuildError!")

    (tmp_path / "index.html").write_text("old", encoding="utf-8")
    server = serve_errors.on_serve(_server(tmp_path, failing), config=None, builder=None)
    logging.getLogger("mkdocs").parent = logging.getLogger(serve_errors.BUILDER_LOG)  # as ProperDocs sets it
    try:
        server.builder()
    finally:
        logging.getLogger("mkdocs").parent = logging.getLogger()
    assert "unknown field &#39;titel&#39;" in (tmp_path / "index.html").read_text(encoding="utf-8")
    assert logging.getLogger(serve_errors.BUILDER_LOG).handlers == []  # the collector is removed again


def test_a_good_rebuild_leaves_the_site_as_built(tmp_path):
    (tmp_path / "index.html").write_text("built", encoding="utf-8")
    server = serve_errors.on_serve(_server(tmp_path, lambda: None), config=None, builder=None)
    server.builder()
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "built"
