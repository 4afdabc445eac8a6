"""``make check`` refuses markup and unusable links in content text, at the line, saying what to
write instead; with the check skipped, the same text reaches the built page escaped."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from macros.editorial.markup import check_markup, text_problems
from tests.support.sites import EXAMPLE, REPO, build, example_site, real_model
from tests.test_text_safety import elements


@pytest.mark.parametrize("text, words", [
    ("<script>alert(1)</script>", "raw HTML (<script...) is not allowed"),
    ('x <img src=x onerror="alert(1)">', "event-handler attribute (onerror=)"),
    ("[x](page.md){ onclick=alert(1) }", "attribute list '{ onclick=alert(1) }' is not allowed"),
    ("{: .admonition }", "attribute list"),
    ('<p style="position:fixed;inset:0">', "style attributes are not allowed"),
    ("<iframe src=https://e.example>", "raw HTML (<iframe...)"),
    ("<!-- hidden -->", "raw HTML (<!--)"),
    ("[x](javascript:alert(1))", "javascript: addresses"),
    ("[x](data:text/html,hi)", "data: addresses"),
    ("see javascript:alert(1)", "javascript: addresses"),
    ("[x](htps://www.nhs.uk/)", "unknown link scheme htps: in 'htps://www.nhs.uk/'; did you mean https://?"),
    ("see htps://www.nhs.uk/", "did you mean https://?"),
    ("[x](ftp://e.example)", "unknown link scheme ftp:"),
    ("[x](http//www.nhs.uk)", "'http//www.nhs.uk' is missing the colon: write http://"),
    ("[x](https:/www.nhs.uk)", "needs two slashes"),
    ("[x](www.nhs.uk)", "has no scheme; write https://www.nhs.uk"),
    ("see www.nhs.uk/back-pain", "is not a link; write it as [www.nhs.uk/back-pain](https://www.nhs.uk/back-pain)"),
    ("[x](when to get help.md)", "contains a space"),
    ("[x](//evil.example)", "has no scheme"),
    ("A&nbsp;E", "HTML character reference '&nbsp;'"),
    ("![scan](scan.png)", "images"),
])
def test_each_mistake_gets_a_message_saying_what_to_write(text, words):
    assert any(words in message for message in text_problems(text)), text_problems(text)


@pytest.mark.parametrize("text", [
    "Call **999** or go to A&E now if: you cannot walk.",
    "Pain at 10:30 at night, or pain < 5 out of 10 and > 2.",
    "See [when to get help](when-to-get-help.md#emergency) or [NHS 111](https://111.nhs.uk/).",
    "Call [999](tel:999) or write to [us](mailto:editor@example.org).",
    "Look at *emphasis*, `code` and (brackets).",
    "https://www.nhs.uk/conditions/back-pain/",
])
def test_plain_content_is_fine(text):
    assert text_problems(text) == []


def test_the_real_content_has_no_markup_problems():
    assert [p.format() for p in check_markup(real_model())] == []


# --- end to end: make check names each injection; the build escapes it --------------------------

INJECTIONS = {
    "paragraph": ('paragraph: "', 'paragraph: "<script>alert(1)</script> [x](javascript:alert(2)) '),
    "heading": ("heading: ", 'heading: <img src=x onerror="alert(3)"> '),
    "title": ("title: ", 'title: "[Home](index.md){ onclick=alert(4) } '),
}


def _inject(root: Path, name: str, old: str, new: str) -> int:
    """Put ``new`` in place of the first line starting (after indentation) with ``old``; its line."""
    path = root / name
    lines = path.read_text(encoding="utf-8").split("\n")
    for n, line in enumerate(lines):
        if line.lstrip(" -").startswith(old) and (not new.startswith('title: "') or line.startswith("title:")):
            value = line.lstrip(" -")[len(old):]
            if new.endswith('"') or old.endswith('"') or new.startswith('title: "'):
                value = value.strip('"')
                lines[n] = line[: len(line) - len(line.lstrip(" -"))] + new + value.rstrip('"') + '"'
            else:
                lines[n] = line[: len(line) - len(line.lstrip(" -"))] + new + value
            path.write_text("\n".join(lines), encoding="utf-8")
            return n + 1
    raise AssertionError(f"no line starting {old!r} in {name}: update this test")


def test_injections_are_refused_by_make_check_and_escaped_by_the_build(tmp_path):
    root = example_site(tmp_path / "project", assets=True)
    page = "content_src/pages/red-flags.yaml"  # the example's topic page: its paragraphs, headings and title
    lines = {kind: _inject(root, page, old, new) for kind, (old, new) in INJECTIONS.items()}
    pmid = _inject(root, "content_src/sources.yaml", "pmid: ", "pmid: 0")  # 12345 -> 012345 (octal in YAML 1.1)
    check = subprocess.run([sys.executable, "-m", "macros.cli.check", str(root)], cwd=REPO,
                           capture_output=True, text=True, timeout=300)
    out = check.stdout
    assert check.returncode == 1 and "Traceback" not in out + check.stderr, out
    for kind, words in [("paragraph", "raw HTML (<script...)"), ("paragraph", "javascript: addresses"),
                        ("heading", "event-handler attribute (onerror=)"), ("title", "attribute list")]:
        assert re.search(rf"^{re.escape(page)}:{lines[kind]}:\d+: error: .*{re.escape(words)}", out, re.M), out
    assert re.search(rf"^content_src/sources.yaml:{pmid}:\d+: error: 0\d+ is ambiguous: YAML .* put it in quotes",
                     out, re.M), out

    # The check skipped: the pmid typed as octal stops the build (the registry cannot be read), so
    # put it back and build with only the markup injections in place.
    sources = root / "content_src/sources.yaml"
    sources.write_text((EXAMPLE / "content_src/sources.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = build(root, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "site" / "red-flags" / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    found = elements(article).found
    assert not [tag for tag, _ in found if tag in ("script", "img", "iframe")]
    assert not [(tag, a) for tag, attrs in found for a in attrs if a.startswith("on") or a == "style"]
    assert not [attrs for _, attrs in found if "javascript:" in (attrs.get("href") or "")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=&quot;alert(3)&quot;&gt;" in article
