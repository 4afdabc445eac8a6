"""What a page costs a reader: the bytes a static host with gzip sends for it and everything it loads.

Measured from the built files, not from a browser: a page's resources are read from its HTML (stylesheets,
scripts, images, the icon) and from those stylesheets (``url()`` and ``@import``). Material's search worker
and search index are not part of a page load here: ``overrides/main.html`` defers them until the reader
first opens search, and they are reported separately (``search_resources``). Text files are counted
gzip-compressed, as ``sitetools/serve.py`` serves them; images and fonts as they are. HTTP headers are not
counted. ``tests/test_budgets.py`` checks both lists against the requests a real browser makes.

    python -m sitetools.weight SITE_DIR     # per page: HTML, CSS, JS, other and total, in bytes (gzip)
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

CATEGORIES = ("html", "css", "js", "other")
# What a static host compresses (GitHub Pages, Netlify and nginx's usual gzip_types do the same).
COMPRESSIBLE = frozenset({".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".map", ".webmanifest"})
GZIP_LEVEL = 6  # zlib's default, and nginx's and most hosts' choice
_ORIGIN = "http://site.invalid"
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")


def category(path: str) -> str:
    suffix = Path(path).suffix.lower()
    return {".html": "html", ".css": "css", ".js": "js", ".mjs": "js"}.get(suffix, "other")


def compressible(path: str | Path) -> bool:
    return Path(path).suffix.lower() in COMPRESSIBLE


def gzip_bytes(data: bytes) -> bytes:
    """The body a gzip-serving static host sends (fixed mtime, so sizes are reproducible)."""
    return gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


@functools.lru_cache(maxsize=512)
def _transfer_size(path: Path, mtime_ns: int, size: int) -> int:
    data = path.read_bytes()
    return len(gzip_bytes(data)) if compressible(path) else len(data)


def transfer_size(path: Path) -> int:
    """Bytes sent for the file at ``path``: gzip-compressed when a host would compress it."""
    stat = path.stat()
    return _transfer_size(path, stat.st_mtime_ns, stat.st_size)


@dataclass(frozen=True)
class Resource:
    path: str          # site-relative, e.g. "assets/site.css"
    category: str      # one of CATEGORIES
    raw: int           # bytes on disk
    transferred: int   # bytes sent (gzip for text)


@dataclass
class PageWeight:
    page: str                                   # URL path relative to the site root, e.g. "red-flags/"
    resources: list[Resource] = field(default_factory=list)   # the document first

    def by_category(self) -> dict[str, int]:
        totals = dict.fromkeys(CATEGORIES, 0)
        for resource in self.resources:
            totals[resource.category] += resource.transferred
        return totals

    @property
    def total(self) -> int:
        return sum(r.transferred for r in self.resources)


class _PageLinks(HTMLParser):
    """The URLs an HTML document makes the browser fetch as it loads."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.config_json: str | None = None
        self._in_config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link":
            rel = set(a.get("rel", "").lower().split())
            if rel & {"stylesheet", "icon", "modulepreload", "preload"} and a.get("href"):
                self.urls.append(a["href"])
        elif tag == "script":
            if a.get("src"):
                self.urls.append(a["src"])
            self._in_config = a.get("id") == "__config"
        elif tag in ("img", "source", "video", "audio", "iframe", "embed") and a.get("src"):
            self.urls.append(a["src"])  # counted even when lazy: a reader who scrolls loads it
        elif tag == "object" and a.get("data"):
            self.urls.append(a["data"])

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self.config_json = (self.config_json or "") + data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_config = False


def page_file(site: Path, page: str) -> Path:
    """The file a URL path (relative to the site root) is served from."""
    path = site / unquote(urlsplit(page).path)
    return path / "index.html" if page == "" or page.endswith("/") or path.is_dir() else path


def _site_path(site: Path, url: str) -> str | None:
    """Site-relative path of a same-site URL; None for data: URLs. Raises on another origin."""
    parts = urlsplit(url)
    if parts.scheme == "data":
        return None
    if f"{parts.scheme}://{parts.netloc}" != _ORIGIN:
        raise ValueError(f"a page loads {url} from another origin; the weight counts only the site's own files")
    path = unquote(parts.path).lstrip("/")
    if path == "" or path.endswith("/") or (site / path).is_dir():
        path = (path.rstrip("/") + "/index.html").lstrip("/")
    return path


def _css_urls(css: str) -> list[str]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return [m.group(2) or m.group(4) for m in _CSS_URL.finditer(css)]


def _parse(site: Path, page: str) -> tuple[Path, str, _PageLinks]:
    document = page_file(site, page)
    parser = _PageLinks()
    parser.feed(document.read_text(encoding="utf-8"))
    return document, urljoin(_ORIGIN + "/", page), parser


def page_resources(site: Path, page: str) -> list[str]:
    """Site-relative paths of the page's document and everything it loads, document first, no duplicates."""
    document, page_url, parser = _parse(site, page)
    return _collect(site, page, [document.relative_to(site).as_posix()], [urljoin(page_url, u) for u in parser.urls])


def search_resources(site: Path, page: str) -> list[str]:
    """What opening search loads from this page: Material's search worker and the search index."""
    _, page_url, parser = _parse(site, page)
    if not parser.config_json:
        return []
    config = json.loads(parser.config_json)
    if not config.get("search"):
        return []
    base = urljoin(page_url, (config.get("base") or ".").rstrip("/") + "/")
    return _collect(site, page, [], [urljoin(base, config["search"]), urljoin(base, "search/search_index.json")])


def _collect(site: Path, page: str, found: list[str], urls: list[str]) -> list[str]:
    pending = list(urls)
    while pending:
        url = pending.pop(0)
        path = _site_path(site, url)
        if path is None or path in found:
            continue
        if not (site / path).is_file():
            raise FileNotFoundError(f"{page or '/'} loads {url}, which the built site does not have")
        found.append(path)
        if path.endswith(".css"):
            css_url = urljoin(_ORIGIN + "/", path)
            pending += [urljoin(css_url, u) for u in _css_urls((site / path).read_text(encoding="utf-8"))]
    return found


def _weigh(site: Path, page: str, paths: list[str]) -> PageWeight:
    weight = PageWeight(page)
    for path in paths:
        file = Path(site) / path
        weight.resources.append(Resource(path, category(path), file.stat().st_size, transfer_size(file)))
    return weight


def page_weight(site: Path, page: str) -> PageWeight:
    """What loading the page transfers."""
    return _weigh(site, page, page_resources(Path(site), page))


def search_weight(site: Path, page: str = "") -> PageWeight:
    """What first opening search transfers on top of the page (the same from every page)."""
    return _weigh(site, page, search_resources(Path(site), page))


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site as a URL path: "" for the home page, "red-flags/", "404.html"."""
    pages = []
    for file in sorted(Path(site).rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return sorted(pages, key=lambda p: (p != "", p))


def format_table(weights: list[PageWeight]) -> str:
    head = f"{'page':<32} {'HTML':>8} {'CSS':>8} {'JS':>8} {'other':>8} {'total':>8} {'KiB':>6}"
    lines = [head, "-" * len(head)]
    for w in weights:
        c = w.by_category()
        lines.append(f"{'/' + w.page:<32} {c['html']:>8} {c['css']:>8} {c['js']:>8} {c['other']:>8} "
                     f"{w.total:>8} {w.total / 1024:>6.1f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: python -m sitetools.weight SITE_DIR", file=sys.stderr)
        return 2
    site = Path(argv[0])
    print("Bytes transferred per page with gzip (document + everything it loads; headers not counted)")
    print(format_table([page_weight(site, p) for p in site_pages(site)]))
    search = search_weight(site)
    if search.resources:
        parts = ", ".join(f"{r.path} {r.transferred}" for r in search.resources)
        print(f"Search, loaded when first opened: {search.total} bytes ({search.total / 1024:.1f} KiB: {parts})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
