"""The real site builds strictly, privately, with every promised page; mistakes fail the build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import PAGES
from tests.support.sites import REPO, build, make_fixture_site


def _html(site: Path, url_path: str) -> str:
    return (site / url_path / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("url_path", PAGES)
def test_every_nav_page_is_built_with_language_and_description(built_site, url_path):
    html = _html(built_site, url_path)
    assert re.search(r'<html[^>]*\slang="en"', html)
    description = re.search(r'<meta name="description" content="([^"]+)"', html)
    assert description and len(description.group(1)) > 30
    assert re.search(r'<link rel="icon" href="[^"]*favicon\.svg"', html)


def test_404_page_exists_and_helps(built_site):
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in html
    assert "emergency number" in html


def test_no_third_party_assets_in_html(built_site):
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for pattern in ("fonts.googleapis", "fonts.gstatic", "cdn.jsdelivr", "cdnjs", "unpkg.com",
                        "api.github.com", "googletagmanager", "google-analytics"):
            assert pattern not in html, f"{page.relative_to(built_site)} references {pattern}"
        # every script and stylesheet is served by the site itself
        for src in re.findall(r'<(?:script|link)[^>]+(?:src|href)="(https?://[^"]+)"', html):
            assert src.startswith("http://127.0.0.1:8000/"), f"{page.relative_to(built_site)} loads {src}"


def _mkdocs_config() -> dict:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


def test_config_is_strict_and_private():
    config = _mkdocs_config()
    assert config["strict"] is True
    assert config["theme"]["font"] is False
    assert config["theme"]["language"] == "en"
    assert "repo_url" not in config and "repo_name" not in config
    assert "analytics" not in config.get("extra", {})
    assert config["validation"]["links"] == {
        "not_found": "warn", "anchors": "warn", "absolute_links": "warn", "unrecognized_links": "warn"}
    macros = next(p["macros"] for p in config["plugins"] if isinstance(p, dict) and "macros" in p)
    assert macros["on_error_fail"] is True and macros["on_undefined"] == "strict"
    assert not (REPO / macros["include_dir"]).resolve().is_relative_to((REPO / "docs").resolve())
    plugin_names = {p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]}
    assert not plugin_names & {"social", "offline", "privacy", "info"}


def test_palette_offers_a_dark_mode_toggle():
    palette = _mkdocs_config()["theme"]["palette"]
    assert {"default", "slate"} <= {p.get("scheme") for p in palette}
    assert all("toggle" in p for p in palette)


@pytest.mark.parametrize("snippet, expected", [
    ("{{ nosuch_macro('x') }}", "docs/broken-page.md:3: error: unknown macro nosuch_macro()"),
    ("{{ page_contnet() }}", "docs/broken-page.md:3: error: unknown macro page_contnet(): did you mean {{ page_content() }}?"),
    ("{{ misspelt_variable }}", "docs/broken-page.md:3: error: {{ misspelt_variable }} is not allowed in a page shell"),
])
def test_misspelt_macro_or_variable_fails_the_build_naming_the_page(tmp_path, snippet, expected):
    root = make_fixture_site(tmp_path / "proj", pages={
        "index.md": "# Home\n\nFine.\n",
        "broken-page.md": f"# Broken\n\nText {snippet} here.\n",
    })
    result = build(root, tmp_path / "site")
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert expected in out, out[-3000:]
    assert "Traceback" not in out, out[-3000:]


@pytest.mark.parametrize("link, expected", [
    ("[gone](missing-page.md)", "missing-page.md"),
    ("[gone](other.md#no-such-heading)", "no-such-heading"),
    ("[gone](#nowhere)", "nowhere"),
])
def test_broken_link_or_missing_anchor_fails_the_build(tmp_path, link, expected):
    root = make_fixture_site(tmp_path / "proj", pages={
        "index.md": f"# Home\n\nSee {link}.\n",
        "other.md": "# Other\n\n## A real heading\n\nText.\n",
    })
    result = build(root, tmp_path / "site")
    assert result.returncode != 0
    assert expected in result.stdout + result.stderr


def test_fixture_site_without_mistakes_builds(tmp_path):
    """The control for the failing builds above: the same fixture builds when nothing is wrong."""
    root = make_fixture_site(tmp_path / "proj", pages={
        "index.md": "# Home\n\nSee [other](other.md#a-real-heading).\n",
        "other.md": "# Other\n\n## A real heading\n\nText.\n",
    })
    result = build(root, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
