"""The libyaml fast path of ``macros.core.yamlsource`` reads files exactly as the pure-Python path does.

libyaml makes a build read content about 20 times faster; it is only used for files it can read
without any complaint, and its result must be the same values at the same lines and columns.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from macros.core import yamlsource
from macros.core.yamlsource import parse_yaml
from tests.support.sites import REPO

REAL_FILES = sorted([*(REPO / "content_src").rglob("*.yaml"), *(REPO / "quiz" / "banks").glob("*.yaml")])

VALID_SNIPPETS = [
    "title: Plain\nitems: [a, b, 'c: d']\n",
    "no: 1\nyes: 2\n2019: year\nnull: x\n",                            # keys stay text
    "date: 2026-11-22\nwhen: '2026-11-22'\nnum: 12\nflag: true\n",     # dates stay strings
    "text: |\n  line one\n  line two\n\nfolded: >-\n  a\n  b\n",
    "text: ünïcödé ✓ — “quotes”\nemoji: \"\\U0001F600\"\nlast: after unicode\n",  # keys are plain ASCII
    "# comment\nlist:\n  - id: \"a\"   # trailing, after a quoted value (after a plain one it is refused)\n    v: [1, {x: y}]\n  - id: b\n",
    "\ufeffbom: first\nsecond: value\n",
    "windows: line\r\nendings: too\r\n",
    "key: \"escaped \\\" quote and \\\\ backslash\"\nother: 'single '' quote'\n",
    "deep:\n" + "".join("  " * (i + 1) + f"l{i}:\n" for i in range(20)) + "  " * 21 + "end: 1\n",
]

INVALID_SNIPPETS = [
    "a: 1\na: 2\n",                 # duplicate key
    "a: &x [1]\nb: *x\n",           # alias
    "a:\tb\n",                      # tab after a colon
    "a: [1, 2\n",                   # unclosed flow
    "a: b: c\n",                    # mapping in a plain scalar
    "a: \x07bell\n",                # control character
    "a: !!python/object:os.system x\n",
    "pmid: 0123456\n",             # YAML 1.1 octal
    "at: 12:30\n",                 # sexagesimal
    "ok: no\n",                    # YAML 1.1 boolean
    "n: 1e3\n",                    # a float in YAML 1.2, text in 1.1
]


def _both(text: str, monkeypatch) -> tuple:
    results = []
    for fast in (True, False):
        with monkeypatch.context() as m:
            if not fast:
                m.setattr(yamlsource, "_FastStrictLoader", None)
            try:
                doc = parse_yaml(text.encode("utf-8"), "f.yaml")
                results.append(("ok", doc.data, doc.where.lines))
            except yamlsource.ContentError as exc:
                results.append(("error", [str(p) for p in exc.problems]))
    return tuple(results)


def test_libyaml_is_available_here():
    assert yamlsource._FastStrictLoader is not None, "PyYAML without libyaml: builds will be slow"
    assert issubclass(yamlsource._FastStrictLoader, yaml.CSafeLoader)


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_real_content_reads_the_same_on_both_paths(path, monkeypatch):
    fast, slow = _both(path.read_text(encoding="utf-8"), monkeypatch)
    assert fast[0] == "ok"
    assert fast == slow


@pytest.mark.parametrize("text", VALID_SNIPPETS)
def test_valid_yaml_reads_the_same_on_both_paths(text, monkeypatch):
    fast, slow = _both(text, monkeypatch)
    assert fast[0] == "ok"
    assert fast == slow


@pytest.mark.parametrize("text", INVALID_SNIPPETS)
def test_invalid_yaml_is_reported_the_same_on_both_paths(text, monkeypatch):
    fast, slow = _both(text, monkeypatch)
    assert fast[0] == "error"
    assert fast == slow


def test_fast_path_is_taken_for_clean_files(monkeypatch):
    calls = []
    real_compose = yaml.compose
    monkeypatch.setattr(yaml, "compose", lambda text, Loader: calls.append(Loader) or real_compose(text, Loader=Loader))
    parse_yaml(b"a: 1\n", "f.yaml")
    parse_yaml(b"a: 'x\ty'\n", "g.yaml")  # a tab, even a valid one: the pure-Python path
    assert calls == [yamlsource._FastStrictLoader, yamlsource._StrictLoader]
