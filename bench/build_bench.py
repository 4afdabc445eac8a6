"""The build's side of ``make bench``: what citations cost, and whether the build grows linearly.

For each size (300 and 3,000 pages by default) a citation-heavy synthetic project is generated in a
temporary folder, in the real formats, from the real content: every page is ``content_src/pages/<slug>.yaml``
with 30 cited paragraphs (copied from the real pages, links taken out), each citing 3 sources from a
600-source registry (copied from ``content_src/sources.yaml``); its docs shell is a copy of a real
topic page's (the site model's first page that shows its own content and bank) without the quiz. ``mkdocs.yml`` is the real one; its nav lists the home page only
(the other pages are built but not listed), so that what is measured is the pages and not Material writing
a 3,000-entry navigation into each of them, which grows with the square of the pages.

Four builds are timed for each size, each in its own ``mkdocs build --strict`` process:

* ``citations``: the project as editors have it: the macros render the YAML and leave citation tokens, the
  Markdown extension ``macros.markdown`` numbers them and writes each References section;
* ``extension``: the pages as the macros left them (captured by an untimed build), built with the
  extension but without the macros plugin: what the citations alone cost;
* ``pre-rendered``: the same pages with the markers and References written out as static HTML in the
  Markdown (exactly what the extension produces), built with neither the macros nor the extension;
* ``none``: the same pages without any citation: no markers, no References.

It prints seconds (wall clock, and CPU time, steadier on a shared machine), CPU milliseconds a page,
each build's ratio to ``pre-rendered``, the citations' own cost a page (``extension`` minus ``none``) and
the peak memory of each build process; and, at the smallest size, the time ``mkdocs serve`` takes to
rebuild after a one-line change to one page's YAML. It measures; it does not assert.

    python -m bench.build_bench [--sizes 300 3000] [--variants ...] [--repeat N] [--no-serve] [--keep DIR]
"""

from __future__ import annotations

import argparse
import copy
import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
SIZES = (300, 3000)
PARAGRAPHS_PER_PAGE = 30
PARAGRAPHS_PER_SECTION = 5
SOURCES_PER_CITATION = 3
REGISTRY_SIZE = 600
VARIANTS = ("citations", "extension", "pre-rendered", "none")
_LINK = re.compile(r"\[([^\]]+)\]\([^)\s]+\)")
_SCHEMA_COMMENT = "# yaml-language-server: $schema={}\n"
_TOKEN = re.compile(r"\u27e6cite:([a-z0-9,-]+)\u27e7")
_REFERENCES = "\u27e6references\u27e7"

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


def _paragraphs(data: dict) -> list[str]:
    found = [b["paragraph"] for b in data.get("intro") or [] if "paragraph" in b]
    stack = list(data.get("sections") or [])
    while stack:
        section = stack.pop(0)
        found += [b["paragraph"] for b in section.get("blocks") or [] if "paragraph" in b]
        stack += section.get("sections") or []
    return [_LINK.sub(r"\1", p) for p in found]  # link targets do not exist in the synthetic site


@dataclass
class Real:
    """The real content the synthetic pages are copied from."""

    page: dict
    paragraphs: list[str]
    sources: list[dict]
    shell: str
    config: str


def read_real() -> Real:
    pages = [_load(p) for p in sorted((REPO / "content_src" / "pages").glob("*.yaml"))]
    paragraphs = [p for page in pages for p in _paragraphs(page)]
    # Web pages and guidelines: copies of journal articles would repeat their DOIs, a duplicate error.
    sources = [s for s in _load(REPO / "content_src" / "sources.yaml").values()
               if s["kind"] in ("webpage", "guideline") and "url" in s]
    shell = (REPO / _topic_shell()).read_text(encoding="utf-8")
    shell = "".join(line for line in shell.splitlines(keepends=True) if "quiz" not in line)
    return Real(next(p for p in pages if p.get("sections")), paragraphs, sources, shell,
                (REPO / "mkdocs.yml").read_text(encoding="utf-8"))


def _topic_shell() -> str:
    """The project-relative path of a topic page's shell, found in the site model (never by name)."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from macros.model.site import site_model

    return next(shell.path for shell in site_model(REPO).shells if shell.is_topic_page)


def slug_of(index: int) -> str:
    return "index" if index == 0 else f"topic-{index:04d}"


def without_entry(config: str, name: str) -> str:
    """mkdocs.yml without the list entry ``  - <name>:`` (a plugin or a Markdown extension) and its options."""
    out, skipping, found = [], False, False
    for line in config.splitlines(keepends=True):
        if re.match(rf"^  - {re.escape(name)}:\s*$", line):
            skipping = found = True
            continue
        if skipping and (line.startswith("      ") or not line.strip()):
            continue
        skipping = False
        out.append(line)
    if not found:
        raise RuntimeError(f"mkdocs.yml has no entry '  - {name}:'")
    return "".join(out)


def _config(real: Real) -> str:
    head, _, rest = real.config.partition("\nnav:\n")
    _, _, tail = rest.partition("\nvalidation:\n")
    tail = re.sub(r"(\n  nav:\n(?:    .*\n)*?    omitted_files:) \w+", r"\1 info", "\nvalidation:\n" + tail)
    # no hooks: make serve's error-page hook (macros/serve_errors.py) never runs in a build, and the variants
    # without macros/ could not load it
    tail = re.sub(r"\n(?:#[^\n]*\n)*hooks:\n(?:  - [^\n]*\n)+", "\n", tail)
    # no header help link and no footer links: the synthetic project has none of the pages they name (make check
    # and the build refuse a link to a missing page); the footer's key stays, empty, as the template reads it
    head = re.sub(r"\n  # Help within one tap:(?:\n  #[^\n]*|[^\n]*)*\n  get_help:\n(?:    [^\n]*\n)+", "\n", head)
    head = re.sub(r"\n  site_links:[^\n]*\n(?:    [^\n]*\n)+", "\n  site_links: {}\n", head)
    return f"{head}\nnav:\n  - index.md\n{tail}"


def generate(root: Path, pages: int, real: Real) -> Path:
    """The ``citations`` project of ``pages`` pages at ``root``; returns ``root``."""
    keys = [f"src-{i:04d}" for i in range(REGISTRY_SIZE)]
    registry = {}
    for i, key in enumerate(keys):
        entry = {k: v for k, v in real.sources[i % len(real.sources)].items() if k != "note"}
        entry["url"] = f"{entry['url'].split('#')[0]}{'&' if '?' in entry['url'] else '?'}copy={i}"
        registry[key] = entry
    _dump(root / "content_src" / "sources.yaml", registry, "../macros/schemas/sources.schema.json")
    for kept in ("reviewers.yaml",):  # who may sign the review records the synthetic pages copy
        if (REPO / "content_src" / kept).exists():
            shutil.copy(REPO / "content_src" / kept, root / "content_src" / kept)

    (root / "docs").mkdir(parents=True, exist_ok=True)
    for index in range(pages):
        slug = slug_of(index)
        data = {k: copy.deepcopy(v) for k, v in real.page.items() if k not in ("intro", "sections")}
        data["title"] = f"{data['title']} ({index})"
        if data["review"].get("checked_against"):  # sources of the synthetic registry
            data["review"]["checked_against"] = keys[:SOURCES_PER_CITATION]
        sections = []
        for s in range(PARAGRAPHS_PER_PAGE // PARAGRAPHS_PER_SECTION):
            blocks = []
            for p in range(PARAGRAPHS_PER_SECTION):
                n = s * PARAGRAPHS_PER_SECTION + p
                text = real.paragraphs[(index * PARAGRAPHS_PER_PAGE + n) % len(real.paragraphs)]
                cite = [keys[(index * 37 + n * SOURCES_PER_CITATION + j) % REGISTRY_SIZE]
                        for j in range(SOURCES_PER_CITATION)]
                blocks.append({"paragraph": text, "cite": cite})
            sections.append({"id": f"part-{s + 1}", "heading": f"Part {s + 1}", "blocks": blocks})
        data["sections"] = sections
        _dump(root / "content_src" / "pages" / f"{slug}.yaml", data, "../../macros/schemas/page.schema.json")
        (root / "docs" / f"{slug}.md").write_text(real.shell, encoding="utf-8")

    _copy_support(root)
    (root / "macros").symlink_to(REPO / "macros", target_is_directory=True)
    (root / "mkdocs.yml").write_text(_config(real), encoding="utf-8")
    return root


def _copy_support(root: Path) -> None:
    """What every variant's mkdocs.yml needs besides the pages: assets, robots.txt, the theme overrides."""
    for extra in (REPO / "docs").iterdir():
        if extra.is_file() and extra.suffix != ".md":
            shutil.copy(extra, root / "docs" / extra.name)
    shutil.copytree(REPO / "docs" / "assets", root / "docs" / "assets")
    shutil.copytree(REPO / "overrides", root / "overrides")  # a copy: the build refuses a linked folder


def capture(project: Path, out: Path) -> None:
    """Each page's Markdown as the macros leave it (citation tokens and all), in ``out``."""
    hook = project / "bench_capture.py"
    hook.write_text(CAPTURE_HOOK, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs-capture.yml").write_text(config + "\nhooks:\n  - bench_capture.py\n", encoding="utf-8")
    result = _run(["build", "--strict", "-f", "mkdocs-capture.yml", "--site-dir", str(project / ".capture-site")],
                  project, {"BENCH_CAPTURE_DIR": str(out)})
    hook.unlink()
    (project / "mkdocs-capture.yml").unlink()
    shutil.rmtree(project / ".capture-site", ignore_errors=True)
    if result.returncode:
        raise RuntimeError(f"capture build failed:\n{result.stderr[-3000:]}")


def pre_rendered(markdown: str, registry) -> str:
    """A page's Markdown with its citations written out as static HTML: the markers and References the
    extension would make, as raw HTML in the Markdown (how the macros wrote them before the extension)."""
    from macros.citations.resolve import PageCitations, marker_html, references_heading_html, references_html

    state = PageCitations(registry)
    body = _TOKEN.sub(lambda m: marker_html(m.group(1).split(","), state), markdown)
    if not state.numbers:
        return body.replace(_REFERENCES, "")
    listing, contents = references_html(state)
    listing = listing.removeprefix("<div>").removesuffix("</div>").strip()  # the wrapper holds the parts only
    parts = iter(contents)
    listing = re.sub(r"></li>", lambda _: f">{next(parts)}</li>", listing)
    section = f"\n\n{references_heading_html()}\n\n{listing}\n\n"
    return body.replace(_REFERENCES, section) if _REFERENCES in body else body.rstrip("\n") + section


def without_citations(markdown: str) -> str:
    return _TOKEN.sub("", markdown).replace(_REFERENCES, "")


def variants(citations: Path, base: Path) -> dict[str, Path]:
    """The four projects (see the module's doc), the last three from one capture of the first."""
    from macros.model import current_model

    captured = base / "captured"
    capture(citations, captured)
    registry = current_model(citations).registry.require_valid()
    config = (citations / "mkdocs.yml").read_text(encoding="utf-8")
    plain_config = without_entry(config, "macros")
    # the pre-rendered and none variants have no macros/ to import the contents extension from
    # (macros.pages.contents: the "On this page" list and quiet permalinks), so they go without it too
    no_macros = without_entry(without_entry(plain_config, "macros.markdown"), "macros.pages.contents")
    found = {"citations": citations}
    for name, transform, conf in (
            ("extension", lambda md: md, plain_config),
            ("pre-rendered", lambda md: pre_rendered(md, registry), no_macros),
            ("none", without_citations, no_macros)):
        root = base / name
        (root / "docs").mkdir(parents=True)
        for page in captured.glob("*.md"):
            (root / "docs" / page.name).write_text(transform(page.read_text(encoding="utf-8")), encoding="utf-8")
        _copy_support(root)
        if name == "extension":  # the extension reads the registry and imports macros/ from the project root
            (root / "macros").symlink_to(REPO / "macros", target_is_directory=True)
            (root / "content_src").symlink_to(citations / "content_src", target_is_directory=True)
        (root / "mkdocs.yml").write_text(conf, encoding="utf-8")
        found[name] = root
    return found


# --- timing ------------------------------------------------------------------------------------

def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    return dict(os.environ, PYTHONDONTWRITEBYTECODE="1", **(extra or {}))


def _run(args: list[str], cwd: Path, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "properdocs", *args], cwd=cwd, env=_env(extra_env),
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
    proc = subprocess.Popen([sys.executable, "-m", "properdocs", "build", "-f", "mkdocs.yml", "--strict", "--quiet",
                             "--site-dir", str(site)],
                            cwd=root, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with proc.stderr:  # type: ignore[union-attr]
        stderr = proc.stderr.read()  # type: ignore[union-attr]
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise RuntimeError(f"build of {root} failed:\n{stderr.decode()[-3000:]}")
    return Timing(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def best_of(projects: dict[str, Path], repeat: int) -> dict[str, Timing]:
    """The fastest (CPU) of ``repeat`` builds of each; built in turns, so a busy spell falls on all of them."""
    runs: dict[str, list[Timing]] = {name: [] for name in projects}
    for _ in range(repeat):
        for name, root in projects.items():
            runs[name].append(timed_build(root))
    return {name: min(timings, key=lambda t: t.cpu) for name, timings in runs.items()}


def count_pages(root: Path) -> int:
    return len(list((root / "docs").glob("*.md")))


def serve_rebuild(root: Path, timeout: float = 900) -> tuple[float, float]:
    """(seconds MkDocs reports, wall seconds from the edit) for ``mkdocs serve`` to rebuild after a one-line
    change to one page's YAML, as ``make serve`` watches ``content_src``."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "properdocs", "serve", "-f", "mkdocs.yml", "--strict",
                             "--dev-addr", f"127.0.0.1:{port}",
                             "--watch", "content_src"], cwd=root, env=_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stderr], daemon=True).start()  # type: ignore[union-attr]

    def built(deadline: float) -> float:
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                if proc.poll() is not None:
                    raise RuntimeError("mkdocs serve stopped")
                continue
            found = re.search(r"Documentation built in ([\d.]+) seconds", line)
            if found:
                return float(found.group(1))
            if "ERROR" in line or "Aborted" in line:
                raise RuntimeError(f"mkdocs serve: {line.strip()}")
        raise RuntimeError("mkdocs serve did not finish building")

    try:
        built(time.monotonic() + timeout)
        time.sleep(2)  # the watcher is armed after the first build; let it settle before the edit
        page = root / "content_src" / "pages" / f"{slug_of(1)}.yaml"
        text = page.read_text(encoding="utf-8")
        edited = text.replace("heading: Part 1\n", "heading: Part one\n", 1)
        start = time.monotonic()
        page.write_text(edited, encoding="utf-8")
        reported = built(start + timeout)
        return reported, time.monotonic() - start
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--repeat", type=int, default=0, help="builds per variant (default: 2, or 1 above 1,000 pages)")
    parser.add_argument("--variants", nargs="+", choices=VARIANTS, default=list(VARIANTS),
                        help="the builds to time (pre-rendered is always one: ratios are to it)")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve rebuild")
    parser.add_argument("--serve-only", action="store_true", help="only the mkdocs serve rebuild, at the smallest size")
    parser.add_argument("--keep", type=Path, help="generate the projects here and keep them")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(REPO))  # pre_rendered() renders with the real macros
    real = read_real()
    base = args.keep or Path(tempfile.mkdtemp(prefix="build-bench-"))
    print("== Build benchmark: citations (macros + Markdown extension) vs the same pages pre-rendered ==")
    print(f"   {PARAGRAPHS_PER_PAGE} cited paragraphs a page, {SOURCES_PER_CITATION} sources a citation, "
          f"{REGISTRY_SIZE} sources; best of N builds; CPU ms a page; ratio of CPU time to pre-rendered")
    head = f"{'pages':>6} {'build':<13} {'wall s':>8} {'cpu s':>8} {'ms/page':>8} {'ratio':>6} {'peak MiB':>9}"
    print(head)
    print("-" * len(head))
    per_page: dict[int, dict[str, float]] = {}
    names = [v for v in VARIANTS if v in args.variants or v == "pre-rendered"]
    try:
        for size in [] if args.serve_only else args.sizes:
            repeat = args.repeat or (1 if size > 1000 else 2)
            citations = generate(base / f"{size}" / "citations", size, real)
            projects = {k: v for k, v in variants(citations, base / f"{size}").items() if k in names}
            timings = best_of(projects, repeat)
            n = count_pages(citations)
            reference = timings["pre-rendered"].cpu
            per_page[n] = {name: 1000 * t.cpu / n for name, t in timings.items()}
            for name in names:
                t = timings[name]
                print(f"{n:>6} {name:<13} {t.wall:>8.1f} {t.cpu:>8.1f} {1000 * t.cpu / n:>8.1f} "
                      f"{t.cpu / reference:>6.2f} {t.peak_mib:>9.0f}", flush=True)
            if "extension" in timings and "none" in timings:
                own = per_page[n]["extension"] - per_page[n]["none"]
                print(f"{n:>6} citations' own cost (extension - none): {own:.1f} ms a page; repeat {repeat}", flush=True)
        if len(per_page) > 1:
            small, large = min(per_page), max(per_page)
            for name in names:
                print(f"   per-page cost at {large} / at {small} pages, {name}: "
                      f"{per_page[large][name] / per_page[small][name]:.2f}")
        if not args.no_serve:
            size = min(args.sizes)
            project = base / f"{size}" / "citations"
            if not project.exists():
                generate(project, size, real)
            reported, wall = serve_rebuild(project)
            print(f"   mkdocs serve, {size} pages, one-line change to one page's YAML: rebuilt in {reported:.1f} s "
                  f"(MkDocs' figure), {wall:.1f} s from the edit to the rebuilt site", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
