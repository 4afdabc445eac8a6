"""Serving a built site on 127.0.0.1 and launching Debian's Chromium through Playwright."""

from __future__ import annotations

import contextlib
import functools
import time
import weakref
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

from sitetools.serve import running

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free port of 127.0.0.1; yields the base URL (ending in ``/``)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    with running(ThreadingHTTPServer(("127.0.0.1", 0), handler)) as url:
        yield url


def launch(playwright, **kwargs):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, **kwargs)


# Running transitions (a button easing into its focus colours, results fading in) show colours that are
# neither the start nor the end state; axe and focus checks judge the page once they have finished.
# Infinite animations (a spinner) never finish and are left out.
SETTLED = """() => document.getAnimations().every(a => a.playState !== 'running'
  || a.effect.getComputedTiming().iterations === Infinity)"""


# Resolves once the browser has drawn two more frames: what a page's scripts do a frame or two after a
# click, a key or a style change (start a transition, send a request) has happened by then.
FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"


def next_frames(page) -> None:
    """Wait for the browser to draw two more frames (a state, not a length of time)."""
    page.evaluate(FRAMES)


def settle(page, timeout: float = 3000) -> None:
    """Wait until every finite animation and transition on ``page`` has finished."""
    next_frames(page)  # scripts react to focus and clicks a frame or two later
    page.wait_for_function(SETTLED, timeout=timeout)


# Requests each page has started and that have not finished or failed yet (see ``visit``).
_PENDING: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _pending(page) -> set:
    if page not in _PENDING:
        pending = _PENDING[page] = set()
        page.on("request", lambda request: pending.add(request))
        page.on("requestfinished", lambda request: pending.discard(request))
        page.on("requestfailed", lambda request: pending.discard(request))
    return _PENDING[page]


def visit(page, url: str, timeout: float = 30000):
    """Go to ``url`` and wait until the page has loaded (the load event: its stylesheets, scripts and images),
    no request it started is still in flight, and the browser has drawn two more frames since: the state
    ``wait_until="networkidle"`` reaches, without the fixed half-second of silence Playwright adds to every
    navigation (on a local static site nothing is requested after the load event; if something ever is, this
    waits for it to finish). The privacy test keeps ``networkidle``: there the half-second is the point.
    It needs JavaScript (it counts frames); a context without it opens pages with ``page.goto``'s load event."""
    pending = _pending(page)
    response = page.goto(url, wait_until="load", timeout=timeout)
    deadline = time.monotonic() + timeout / 1000
    next_frames(page)
    while pending:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url}: still loading after {timeout:.0f} ms: {sorted(r.url for r in pending)}")
        next_frames(page)
    return response


class Tabs:
    """One tab per set of context options (viewport, colour scheme, touch...), opened on first use and reused:
    opening a tab costs about as much as loading a page in it. For a file's tests that open pages and read them
    (a module-scoped ``tabs`` fixture, tests/conftest.py): each ``page()`` starts from a blank document, so the
    page a test opens next never inherits the last one's scroll position, focus, changes to its document or
    emulated print media.
    A test that stores something (a palette choice, a quiz answer) or changes the context uses its own."""

    def __init__(self, browser) -> None:
        self._browser, self._made = browser, {}

    def page(self, **context_args):
        key = repr(sorted(context_args.items()))
        if key not in self._made:
            context = self._browser.new_context(**context_args)
            self._made[key] = (context, context.new_page())
        page = self._made[key][1]
        page.goto("about:blank")
        page.emulate_media(media="null")  # on screen, whatever the last test emulated (print)
        return page

    def open(self, url: str, **context_args):
        """A tab with these options, at ``url`` (``visit``)."""
        page = self.page(**context_args)
        visit(page, url)
        return page

    def close(self) -> None:
        for context, _ in self._made.values():
            context.close()
        self._made.clear()
