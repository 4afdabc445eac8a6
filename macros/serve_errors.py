"""ProperDocs hook for ``make serve`` (``hooks:`` in mkdocs.yml): a failed rebuild shows its messages in the browser.

ProperDocs' live-reload server holds every request until a rebuild succeeds, so after a content error the
browser waits on a request that never answers and the ``path:line: message`` is only in the terminal. This hook
wraps the server's rebuild (``on_serve``): when a rebuild fails, every page of the served site (a temporary
directory, never ``site/``) becomes one page listing the build's error and warning lines, exactly as the terminal
shows them, and the build counts as done, so the open browser reloads and shows them. The next rebuild that
succeeds writes the real pages again and the browser reloads to them.

Only ``serve`` calls ``on_serve``, and only for a rebuild after the first build (a first build that fails still
ends ``make serve`` with status 1): ``make build`` stays strict. Zensical runs no hooks. This adapter imports no
builder: the server and the log are reached by name.
"""

from __future__ import annotations

import logging
from pathlib import Path

from macros.core.templating import render

# Records of every logger under ProperDocs' root logger reach its handlers ("mkdocs.*" loggers too).
BUILDER_LOG = "properdocs"
log = logging.getLogger(f"{BUILDER_LOG}.hooks.serve_errors")


class _Problems(logging.Handler):
    """The warning and error lines the builder logs during one build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.extend(line for line in record.getMessage().splitlines() if line.strip())


def error_page(problems: list[str]) -> str:
    """The page a browser shows while the build fails."""
    return render("serve/error.html.j2", problems=problems)


def show_problems(site: Path, problems: list[str]) -> int:
    """Make every HTML page of the served ``site`` (and its home and 404 pages) the error page; returns how many."""
    page = error_page(problems)
    targets = {*site.rglob("*.html"), site / "index.html", site / "404.html"}
    for target in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
    return len(targets)


def on_serve(server, config, builder):
    rebuild = server.builder

    def rebuild_or_show_problems() -> None:
        problems = _Problems()
        logger = logging.getLogger(BUILDER_LOG)
        logger.addHandler(problems)
        try:
            rebuild()
        except Exception as exc:  # a content error: the builder has logged its messages
            if not problems.lines:  # not one the builder reports (a bug): its traceback too, as ProperDocs would
                log.exception("The build failed")
            show_problems(Path(server.root), problems.lines or [f"{type(exc).__name__}: {exc}"])
            log.error("The site could not be built: the browser shows the messages above until a build succeeds. "
                      "Fix the file and save it.")
        finally:
            logger.removeHandler(problems)

    server.builder = rebuild_or_show_problems
    return server
