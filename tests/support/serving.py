"""``make serve`` in a copy of the project, for tests of the live preview: start it, wait for what it says, stop it.

Waits are for states, never for a length of time: ``MakeServe.wait_for_line`` blocks until the server prints a
line (a thread reads its log as it is written), ``MakeServe.wait_for_page`` until a page holds a text.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path
from typing import Iterator

from tests.support.sites import REPO

SKIP = shutil.ignore_patterns(".venv", ".venv-*", "site", "site-*", "node_modules", ".git", ".pytest_cache",
                              ".hypothesis", "__pycache__", ".lycheecache", ".bench")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copy_checkout(tmp_path: Path) -> Path:
    """A copy of this checkout (Makefile, locks, content, macros) without venvs, builds or caches."""
    project = tmp_path / "project"
    shutil.copytree(REPO, project, symlinks=True, ignore=SKIP)
    return project


def start(project: Path, port: int, stderr) -> subprocess.Popen:
    """The Makefile's own serve target in ``project``, with this checkout's installed venv, on ``port``."""
    return subprocess.Popen(
        ["make", "-s", "serve", f"PORT={port}", f"VENV={REPO / '.venv'}"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=stderr, text=True,
        start_new_session=True, env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"),
    )


def stop(server: subprocess.Popen) -> None:
    """End the server's process group (make and the builder it started), and nothing else."""
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


class MakeServe:
    """A running ``make serve``: its base URL and every line it has printed so far."""

    def __init__(self, server: subprocess.Popen, port: int) -> None:
        self.server = server
        self.url = f"http://127.0.0.1:{port}/"
        self.lines: list[str] = []
        self._new: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.server.stderr:  # type: ignore[union-attr]
            self._new.put(line)
        self._new.put(None)  # the server ended

    def wait_for_line(self, text: str, timeout: float = 180, after: int = 0) -> int:
        """Block until a line from number ``after`` on contains ``text``; returns the number of lines read."""
        deadline = time.monotonic() + timeout
        while True:
            if any(text in line for line in self.lines[after:]):
                return len(self.lines)
            try:
                line = self._new.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"make serve did not say {text!r} in {timeout} s:\n{''.join(self.lines)}")
            if line is None:
                raise AssertionError(f"make serve ended before saying {text!r}:\n{''.join(self.lines)}")
            self.lines.append(line)

    def close(self) -> None:
        """After the server has ended: let the reader see the end of its log, then close the pipe."""
        self._reader.join(timeout=30)
        self.server.stderr.close()  # type: ignore[union-attr]

    def fetch(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=30) as response:
            return response.read().decode("utf-8")


@contextlib.contextmanager
def make_serve(project: Path) -> Iterator[MakeServe]:
    """``make serve`` in ``project`` on a free port, once it serves (it has printed 'Serving on')."""
    port = free_port()
    server = start(project, port, subprocess.PIPE)
    running = MakeServe(server, port)
    try:
        running.wait_for_line("Serving on")
        yield running
    finally:
        stop(server)
        running.close()
