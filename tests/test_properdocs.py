"""ProperDocs (the maintained continuation of MkDocs 1.x) is the builder: ``make build`` and ``make serve`` run it
on ``mkdocs.yml`` named explicitly, the site says so, and the adapters' MkDocs imports reach ProperDocs."""

from __future__ import annotations

import subprocess
import sys

from tests.support.sites import REPO


def test_the_built_site_names_properdocs_as_its_generator(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<meta name="generator" content="mkdocs-ProperDocs ' in html


def test_the_build_prints_no_legacy_name_warning_and_no_mkdocs_2_banner(real_build):
    _, result = real_build
    out = result.stdout + result.stderr
    assert "Documentation built in" in out  # the control: this is the builder's own output
    assert "legacy file name" not in out and "should be renamed" not in out
    assert "MkDocs 2.0" not in out and "WARNING" not in out


def test_make_build_and_serve_run_properdocs_on_mkdocs_yml():
    for target, command in (("build", "-m properdocs build -f mkdocs.yml --strict"),
                            ("serve", "-m properdocs serve -f mkdocs.yml --strict")):
        dry = subprocess.run(["make", "-n", target, f"VENV={REPO / '.venv'}"], cwd=REPO, capture_output=True,
                             text=True, timeout=60)
        assert dry.returncode == 0, dry.stderr
        assert command in dry.stdout, dry.stdout


def test_under_properdocs_the_adapters_mkdocs_imports_are_properdocs_own():
    """macros/__init__.py and the citations extension import ``mkdocs.exceptions`` to report a content error the
    way the builder prints it (no traceback): in a ProperDocs process that is ProperDocs' own module."""
    probe = ("import properdocs.__main__, properdocs.exceptions as own\n"
             "from mkdocs.exceptions import PluginError\n"
             "print(PluginError is own.PluginError, issubclass(PluginError, own.BuildError))\n")
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["True", "True"], result.stderr
