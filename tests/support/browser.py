"""Serving a built site on 127.0.0.1 and launching Debian's Chromium through Playwright."""

from __future__ import annotations

import contextlib
import functools
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
