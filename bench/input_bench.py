"""How long ``make check`` takes on hostile input, as the input grows (issue 22, class 8): a benchmark, not a test.

Python-Markdown's link and emphasis parsing is quadratic in the brackets and marks of one paragraph, so
20,000 ``[`` in one paragraph took a minute of ``make check`` and half a minute of build, and the largest
file allowed would have taken hours. The loader (``macros/core/yamlsource.py``) now refuses a text value over
``MAX_TEXT_CHARS`` characters or with more than ``MAX_MARKUP_CHARS`` markup characters, before any check or
render, and a page shell over ``MAX_SHELL_BYTES`` before it is parsed. This measures, for inputs of growing
size up to the largest content file allowed:

* the whole ``make check`` (``macros.cli.check.run`` on a copy of the project, the hostile text in one
  paragraph of a topic page), for several kinds of hostile text;
* rendering the worst text that is still allowed (``macros.text.inline_html`` and the markup check).

It prints seconds and seconds per 1,000 characters of input: linear time shows as a flat second column.
Run: ``make bench`` (or ``.venv/bin/python -m bench.input_bench``). Nothing here asserts a time.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from macros.cli import check
from macros.editorial.markup import text_problems
from macros.model import site_model
from macros.core.project import Project
from macros.core.shell_rules import MAX_SHELL_BYTES
from macros.core.text import _slow_inline_html
from macros.core.yamlsource import MAX_BYTES, MAX_MARKUP_CHARS, MAX_TEXT_CHARS

REPO = Path(__file__).resolve().parents[1]
SIZES = (2_000, 20_000, 200_000, MAX_BYTES - 10_000)
HOSTILE = {"[ (link brackets)": "[", "[x]( (unfinished links)": "[x](", "**a (emphasis)": "**a",
           "![ (images)": "![", "\\u200b (zero-width)": "\u200b", "` (code)": "`"}


def _project(tmp: Path) -> Path:
    root = tmp / "project"
    for part in ("content_src", "quiz", "docs", "overrides"):
        shutil.copytree(REPO / part, root / part, symlinks=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def _topic_file(root: Path) -> Path:
    model = site_model(Project(root))
    shell = next(s for s in model.shells if s.content and s.content in s.banks)
    return root / "content_src" / "pages" / f"{shell.content}.yaml"


def time_check(root: Path, page: Path, original: str, text: str) -> float:
    paragraph = f'  - paragraph: "x {text}"\n'
    changed = (original.replace("\nintro:\n", "\nintro:\n" + paragraph, 1) if "\nintro:\n" in original
               else original.replace("\nsections:\n", "\nintro:\n" + paragraph + "sections:\n", 1))
    assert changed != original, "the topic page has neither intro: nor sections: (update this benchmark)"
    page.write_text(changed, encoding="utf-8")
    start = time.perf_counter()
    check.run(check.project_model(root)[0])
    return time.perf_counter() - start


def main() -> None:
    print(f"make check on hostile text in one paragraph (limits: {MAX_TEXT_CHARS:,} characters, "
          f"{MAX_MARKUP_CHARS} markup characters per text value; shells {MAX_SHELL_BYTES:,} bytes; files {MAX_BYTES:,} bytes)")
    print(f"  {'hostile text':28} {'characters':>10} {'seconds':>9} {'s per 1,000 chars':>18}")
    with tempfile.TemporaryDirectory() as tmp:
        root = _project(Path(tmp))
        page = _topic_file(root)
        original = page.read_text(encoding="utf-8")
        for name, unit in HOSTILE.items():
            for size in SIZES:
                text = unit * (size // len(unit))
                seconds = time_check(root, page, original, text)
                print(f"  {name:28} {len(text):>10,} {seconds:>9.3f} {seconds / len(text) * 1000:>18.5f}")
        page.write_text(original, encoding="utf-8")
    print("\nthe worst text still allowed, rendered and checked")
    print(f"  {'text':40} {'characters':>10} {'seconds':>9}")
    for name, unit in (("[x]( then words", "[x]("), ("**a then words", "**a"), ("[ then words", "[")):
        marks = MAX_MARKUP_CHARS // sum(c in "[]()*_`\\<>{}&!" for c in unit)
        text = (unit * marks + " word" * MAX_TEXT_CHARS)[:MAX_TEXT_CHARS]
        start = time.perf_counter()
        _slow_inline_html(text)
        text_problems(text)
        print(f"  {name:40} {len(text):>10,} {time.perf_counter() - start:>9.3f}")


if __name__ == "__main__":
    main()
