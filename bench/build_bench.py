"""The build's side of ``make bench``: what the macros cost as the site grows.

For each size (about 10, 100 and 1,000 pages) a synthetic project is generated in a temporary folder in
the real formats, from the real content: every page is a copy of one of ``content_src/pages/*.yaml`` (links
taken out, every cited block citing 3 sources; the real care cards, which they place, likewise), with its own question bank of 5 questions copied from
``quiz/banks/*.yaml`` and a docs shell copied from ``docs/red-flags.md``; the registry has 2 sources a page,
copied from ``content_src/sources.yaml``; a ``sources.md`` lists them all. ``mkdocs.yml`` is the real one with
its nav replaced. (There is no all-questions page: 5,000 questions on one page is not a page anyone builds.)

Two builds are timed for each size, each in its own ``mkdocs build --strict`` process:

* macros: the project as it is, with the real ``macros/`` package;
* plain: the same pages as plain Markdown, holding exactly what the macros produced for them (captured by
  an untimed build with a small hook), built with the macros plugin removed from ``mkdocs.yml``.

It prints seconds (wall clock, and CPU time, steadier on a shared machine), the macros/plain ratio and the
peak memory of each build process. It measures; it does not assert. ``--profile`` prints where the macro
build of the largest size spends its time inside ``macros/`` (cProfile).

    python -m bench.build_bench [--sizes 10 100 1000] [--repeat N] [--profile] [--keep DIR]
"""

from __future__ import annotations

import argparse
import copy
import os
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import yaml

REPO = Path(__file__).resolve().parents[1]
SIZES = (10, 100, 1000)
QUESTIONS_PER_PAGE = 5
CITES_PER_BLOCK = 3
SOURCES_PER_PAGE = 2
SHELL = "red-flags"                      # docs/<SHELL>.md is the docs shell every topic page copies
_LINK = re.compile(r"\[([^\]]+)\]\([^)\s]+\)")
_SCHEMA_COMMENT = "# yaml-language-server: $schema={}\n"

CAPTURE_HOOK = '''"""bench: write each page's Markdown, as the macros left it, with its front matter."""
import os
from pathlib import Path

import yaml

OUT = Path(os.environ["BENCH_CAPTURE_DIR"])


def on_page_markdown(markdown, page, config, files):
    target = OUT / page.file.src_path
    target.parent.mkdir(parents=True, exist_ok=True)
    meta = {k: v for k, v in page.meta.items() if isinstance(v, (str, int, float, bool))}
    head = "---\\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\\n\\n" if meta else ""
    target.write_text(head + markdown, encoding="utf-8")
    return markdown
'''


# --- the synthetic project -------------------------------------------------------------------

def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


class _NoAliasDumper(yaml.SafeDumper):
    """The content loader rejects YAML anchors and aliases, so shared values are written out each time."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(path: Path, data: Any, schema: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = _SCHEMA_COMMENT.format(schema) + yaml.dump(data, Dumper=_NoAliasDumper, allow_unicode=True,
                                                       sort_keys=False, width=120)
    path.write_text(text, encoding="utf-8")


def _unlink_text(value: Any) -> Any:
    """Every string with its Markdown links reduced to their text (their targets do not exist here)."""
    if isinstance(value, str):
        return _LINK.sub(r"\1", value)
    if isinstance(value, list):
        return [_unlink_text(v) for v in value]
    if isinstance(value, dict):
        return {k: _unlink_text(v) for k, v in value.items()}
    return value


def _blocks(data: dict) -> Iterator[dict]:
    yield from data.get("intro") or []
    stack = list(data.get("sections") or [])
    while stack:
        section = stack.pop()
        yield from section.get("blocks") or []
        stack += section.get("sections") or []


def _section_ids(data: dict) -> list[str]:
    ids, stack = [], list(data.get("sections") or [])
    while stack:
        section = stack.pop(0)
        ids.append(section["id"])
        stack += section.get("sections") or []
    return ids


@dataclass
class Real:
    """The real content the synthetic pages are copied from."""

    pages: list[dict]
    care_cards: dict[str, dict]
    questions: list[dict]
    sources: list[dict]
    shell: str
    sources_page: str
    config: str
    sources_page_data: dict | None = None  # content_src/pages/sources.yaml: the words docs/sources.md places


def read_real() -> Real:
    pages = [_load(p) for p in sorted((REPO / "content_src" / "pages").glob("*.yaml"))]
    pages = [p for p in pages if p.get("sections") and any("cite" in b for b in _blocks(p))]  # topic-like pages
    sources_page = REPO / "content_src" / "pages" / "sources.yaml"
    cards_file = REPO / "content_src" / "care_cards.yaml"
    care_cards = _load(cards_file) if cards_file.is_file() else {}
    questions = [q for b in sorted((REPO / "quiz" / "banks").glob("*.yaml")) for q in _load(b)["questions"]]
    # Web pages and guidelines: copies of journal articles would repeat their DOIs, a duplicate error.
    sources = [s for s in _load(REPO / "content_src" / "sources.yaml").values()
               if s["kind"] in ("webpage", "guideline") and "url" in s]
    return Real(pages, care_cards, questions, sources, (REPO / "docs" / f"{SHELL}.md").read_text(encoding="utf-8"),
                (REPO / "docs" / "sources.md").read_text(encoding="utf-8"),
                (REPO / "mkdocs.yml").read_text(encoding="utf-8"),
                _load(sources_page) if sources_page.is_file() else None)


def slug_of(index: int) -> str:
    return "index" if index == 0 else f"topic-{index:04d}"


def doc_name(index: int) -> str:
    return f"{slug_of(index)}.md"


def generate(root: Path, pages: int, real: Real) -> Path:
    """A project of ``pages`` topic pages (plus sources.md) at ``root``; returns ``root``."""
    n_sources = max(10, SOURCES_PER_PAGE * pages)
    keys = [f"src-{i:05d}" for i in range(n_sources)]
    registry = {}
    for i, key in enumerate(keys):
        entry = {k: v for k, v in real.sources[i % len(real.sources)].items() if k not in ("note",)}
        entry["url"] = f"{entry['url'].split('#')[0]}{'&' if '?' in entry['url'] else '?'}copy={i}"
        registry[key] = entry
    _dump(root / "content_src" / "sources.yaml", registry, "../macros/schemas/sources.schema.json")
    if real.care_cards:  # the pages place these by id; each cites sources of the synthetic registry
        cards = _unlink_text(copy.deepcopy(real.care_cards))
        for n, card in enumerate(cards.values()):
            card["cite"] = [keys[(n + j) % n_sources] for j in range(CITES_PER_BLOCK)]
        _dump(root / "content_src" / "care_cards.yaml", cards, "../macros/schemas/care-cards.schema.json")

    for index in range(pages):
        slug = slug_of(index)
        pool = [keys[(SOURCES_PER_PAGE * index + j) % n_sources] for j in range(2 * CITES_PER_BLOCK)]
        data = _unlink_text(copy.deepcopy(real.pages[index % len(real.pages)]))
        data["title"] = f"{data['title']} ({index})"
        for n, block in enumerate(_blocks(data)):
            if "cite" in block:
                block["cite"] = [pool[(n + j) % len(pool)] for j in range(CITES_PER_BLOCK)]
        _dump(root / "content_src" / "pages" / f"{slug}.yaml", data, "../../macros/schemas/page.schema.json")

        sections = _section_ids(data)
        questions = []
        for q in range(QUESTIONS_PER_PAGE):
            question = _unlink_text(copy.deepcopy(real.questions[(index * QUESTIONS_PER_PAGE + q) % len(real.questions)]))
            question["id"] = f"{slug}-q{q + 1}"
            question["sources"] = [pool[(q + j) % len(pool)] for j in range(CITES_PER_BLOCK)]
            question["learn_more"] = f"{doc_name(index)}#{sections[q % len(sections)]}"
            questions.append(question)
        bank = {"id": slug, "title": data["title"], "review": {k: data["review"][k] for k in
                                                               ("last_reviewed", "next_review_due")},
                "questions": questions}
        _dump(root / "quiz" / "banks" / f"{slug}.yaml", bank, "../../macros/schemas/quiz-bank.schema.json")
        (root / "docs").mkdir(parents=True, exist_ok=True)
        (root / "docs" / doc_name(index)).write_text(real.shell.replace(SHELL, slug), encoding="utf-8")

    (root / "docs" / "sources.md").write_text(real.sources_page, encoding="utf-8")
    if real.sources_page_data:
        _dump(root / "content_src" / "pages" / "sources.yaml", real.sources_page_data,
              "../../macros/schemas/page.schema.json")
    for extra in (REPO / "docs").iterdir():  # robots.txt and friends: mkdocs.yml's extra_templates need them
        if extra.is_file() and extra.suffix != ".md":
            shutil.copy(extra, root / "docs" / extra.name)
    shutil.copytree(REPO / "docs" / "assets", root / "docs" / "assets", symlinks=False)
    (root / "macros").symlink_to(REPO / "macros", target_is_directory=True)
    (root / "overrides").symlink_to(REPO / "overrides", target_is_directory=True)
    (root / "quiz" / "assets").symlink_to(REPO / "quiz" / "assets", target_is_directory=True)

    head, _, rest = real.config.partition("\nnav:\n")
    _, _, tail = rest.partition("\nvalidation:\n")
    nav = "".join(f"  - {doc_name(i)}\n" for i in range(pages)) + "  - sources.md\n"
    (root / "mkdocs.yml").write_text(f"{head}\nnav:\n{nav}\nvalidation:\n{tail}", encoding="utf-8")
    return root


def without_macros_plugin(config: str) -> str:
    """mkdocs.yml with the ``- macros:`` plugin entry (and its indented options) removed."""
    lines = config.splitlines(keepends=True)
    out, skipping = [], False
    for line in lines:
        if re.match(r"^  - macros:\s*$", line):
            skipping = True
            continue
        if skipping and (line.startswith("      ") or not line.strip()):
            continue
        skipping = False
        out.append(line)
    text = "".join(out)
    if "macros" in re.findall(r"^  - (\w+)", text, re.M):
        raise RuntimeError("could not remove the macros plugin from mkdocs.yml")
    return text


def plain_project(macro_root: Path, plain_root: Path) -> Path:
    """The same pages as plain Markdown: capture what the macros produce, then drop the plugin."""
    capture = plain_root / "docs"
    capture.mkdir(parents=True)
    config = (macro_root / "mkdocs.yml").read_text(encoding="utf-8")
    hook = macro_root / "bench_capture.py"
    hook.write_text(CAPTURE_HOOK, encoding="utf-8")
    (macro_root / "mkdocs-capture.yml").write_text(config + "\nhooks:\n  - bench_capture.py\n", encoding="utf-8")
    result = _run(["build", "--strict", "-f", "mkdocs-capture.yml", "--site-dir", str(macro_root / ".capture-site")],
                  macro_root, {"BENCH_CAPTURE_DIR": str(capture)})
    if result.returncode:
        raise RuntimeError(f"capture build failed:\n{result.stderr[-3000:]}")
    hook.unlink()
    (macro_root / "mkdocs-capture.yml").unlink()
    shutil.rmtree(macro_root / ".capture-site")
    for extra in (macro_root / "docs").iterdir():
        if extra.suffix != ".md":
            (shutil.copytree if extra.is_dir() else shutil.copy)(extra, capture / extra.name)
    (plain_root / "overrides").symlink_to(REPO / "overrides", target_is_directory=True)
    (plain_root / "mkdocs.yml").write_text(without_macros_plugin(config), encoding="utf-8")
    return plain_root


# --- timing ------------------------------------------------------------------------------------

def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", **(extra or {}))


def _run(args: list[str], cwd: Path, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=cwd, env=_env(extra_env),
                          capture_output=True, text=True)


@dataclass
class Timing:
    wall: float      # seconds
    cpu: float       # seconds, user + system, of the build process
    peak_mib: float  # peak resident memory of the build process


def timed_build(root: Path) -> Timing:
    """One ``mkdocs build --strict`` in its own process: wall time, CPU time and peak memory (wait4)."""
    site = root / "site"
    shutil.rmtree(site, ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
                            cwd=root, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with proc.stderr:  # type: ignore[union-attr]
        stderr = proc.stderr.read()  # type: ignore[union-attr]
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise RuntimeError(f"build of {root} failed:\n{stderr.decode()[-3000:]}")
    return Timing(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def best_pair(macro_root: Path, plain_root: Path, repeat: int) -> tuple[Timing, Timing]:
    """The fastest of ``repeat`` builds of each (the least disturbed by other work on the machine).

    The two are built in turns, so a busy spell on the machine falls on both rather than on one.
    """
    macro, plain = [], []
    for _ in range(repeat):
        macro.append(timed_build(macro_root))
        plain.append(timed_build(plain_root))
    return min(macro, key=lambda t: t.cpu), min(plain, key=lambda t: t.cpu)


def count_pages(root: Path) -> int:
    return len(list((root / "docs").glob("*.md")))


def profile(root: Path, top: int = 25) -> str:
    """cProfile of one macro build: the functions of ``macros/`` by cumulative time."""
    out = root / "build.prof"
    result = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "mkdocs", "build", "--strict",
                             "--quiet", "--site-dir", str(root / "site")], cwd=root, env=_env(),
                            capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(result.stderr[-3000:])
    stats = pstats.Stats(str(out))
    total = stats.total_tt
    rows = []
    for (file, line, name), (_cc, calls, _tt, cum, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if "/macros/" in file and "site-packages" not in file:
            rows.append((cum, calls, f"{file.split('/macros/')[-1]}:{line}({name})"))
    rows.sort(reverse=True)
    lines = [f"Profile of the macro build ({total:.1f} s in all); functions in macros/ by cumulative time:"]
    lines += [f"  {cum:7.2f} s {calls:>8} calls  {where}" for cum, calls, where in rows[:top]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--repeat", type=int, default=0, help="builds per variant (default: 3, or 2 above 500 pages)")
    parser.add_argument("--profile", action="store_true", help="cProfile the macro build of the largest size")
    parser.add_argument("--keep", type=Path, help="generate the projects here and keep them")
    args = parser.parse_args(argv)

    real = read_real()
    base = args.keep or Path(tempfile.mkdtemp(prefix="build-bench-"))
    print("== Build benchmark: real macros vs the same pages pre-rendered as plain Markdown ==")
    print(f"   {QUESTIONS_PER_PAGE} questions and {SOURCES_PER_PAGE} sources a page, {CITES_PER_BLOCK} citations "
          "a cited block; best of N builds; seconds wall / CPU; peak memory of the build process")
    head = (f"{'pages':>6} {'macros s':>15} {'plain s':>15} {'ratio':>11} {'ms/page cpu':>16} "
            f"{'macros MiB':>10} {'plain MiB':>9}")
    print(head)
    print(f"{'':>6} {'wall / cpu':>15} {'wall / cpu':>15} {'wall / cpu':>11} {'build / macros':>16}")
    print("-" * len(head))
    try:
        for size in args.sizes:
            repeat = args.repeat or (2 if size > 500 else 3)
            macro_root = generate(base / f"macros-{size}", size, real)
            plain_root = plain_project(macro_root, base / f"plain-{size}")
            m, p = best_pair(macro_root, plain_root, repeat)
            n = count_pages(macro_root)
            # ms/page: the whole macro build, and what the macros add over the plain build
            print(f"{n:>6} {m.wall:>7.2f} / {m.cpu:<6.2f} {p.wall:>7.2f} / {p.cpu:<6.2f} "
                  f"{m.wall / p.wall:>5.2f} / {m.cpu / p.cpu:<4.2f} {1000 * m.cpu / n:>7.1f} / "
                  f"{1000 * (m.cpu - p.cpu) / n:<6.1f} {m.peak_mib:>10.0f} {p.peak_mib:>9.0f}", flush=True)
        if args.profile:
            print()
            print(profile(base / f"macros-{max(args.sizes)}"))
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
