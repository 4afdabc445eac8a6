"""A static host for the benchmarks: serves a built site on 127.0.0.1 the way a real static host does.

Text files go out gzip-compressed (``Content-Encoding: gzip``, the same bytes ``sitetools/weight.py`` counts)
when the client accepts it; fingerprinted assets (``name.<hash>.min.js``) are cacheable for a year and
everything else for ten minutes, as GitHub Pages does; ``/dir`` redirects to ``/dir/``; unknown paths get
the site's ``404.html`` with status 404.

    python -m sitetools.serve SITE_DIR [PORT]     # PORT 0 (default) picks a free port
"""

from __future__ import annotations

import contextlib
import mimetypes
import re
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlsplit

from sitetools.weight import compressible, gzip_bytes

FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}\.(?:min\.)?(?:js|css)$")
SHORT_CACHE = "public, max-age=600"
LONG_CACHE = "public, max-age=31536000, immutable"
TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json", ".svg": "image/svg+xml",
         ".webmanifest": "application/manifest+json", ".xml": "application/xml", ".txt": "text/plain",
         ".map": "application/json", ".woff2": "font/woff2"}


def content_type(path: Path) -> str:
    kind = TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") or kind.endswith(("json", "xml")) else kind


def cache_control(path: Path) -> str:
    return LONG_CACHE if FINGERPRINTED.search(path.name) else SHORT_CACHE


class StaticHandler(BaseHTTPRequestHandler):
    site: Path
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        pass

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib naming
        self._serve(head=True)

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        self._serve(head=False)

    def _resolve(self) -> tuple[Path | None, str | None]:
        """(file, redirect location)."""
        url_path = unquote(urlsplit(self.path).path)
        target = (self.site / url_path.lstrip("/")).resolve()
        if not target.is_relative_to(self.site):
            return None, None
        if target.is_dir():
            if not url_path.endswith("/"):
                return None, url_path + "/"
            target = target / "index.html"
        return (target if target.is_file() else None), None

    def _serve(self, *, head: bool) -> None:
        file, redirect = self._resolve()
        if redirect:
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", redirect)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status = HTTPStatus.OK
        if file is None:
            status, file = HTTPStatus.NOT_FOUND, self.site / "404.html"
        body = file.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", content_type(file))
        self.send_header("Cache-Control", cache_control(file) if status == HTTPStatus.OK else "no-cache")
        if compressible(file):
            self.send_header("Vary", "Accept-Encoding")
            if "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip_bytes(body)
                self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)


@contextlib.contextmanager
def serve(site: Path, port: int = 0) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (port 0: a free one); yields the base URL, ending in ``/``."""
    handler = type("Handler", (StaticHandler,), {"site": Path(site).resolve()})
    with running(ThreadingHTTPServer(("127.0.0.1", port), handler)) as url:
        yield url


@contextlib.contextmanager
def running(server: ThreadingHTTPServer) -> Iterator[str]:
    """Run ``server`` in a background thread; yields its base URL; shuts it down and closes it after."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not 1 <= len(argv) <= 2:
        print("usage: python -m sitetools.serve SITE_DIR [PORT]", file=sys.stderr)
        return 2
    with serve(Path(argv[0]), int(argv[1]) if len(argv) == 2 else 0) as url:
        print(f"Serving {argv[0]} with gzip on {url} (Ctrl-C stops)")
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
