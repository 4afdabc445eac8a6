"""Build-time macros for the site, loaded by mkdocs-macros-plugin (``module_name: macros``).

``define_env`` is a thin adapter: it loads the project's registries once per build and exposes
plain functions from the feature modules as macros. The rendering itself lives in ordinary
modules (plain Python + Jinja2 templates) that do not import MkDocs, so a move to another builder
touches only this file.
"""

from __future__ import annotations

from pathlib import Path

from .project import Project


def define_env(env) -> None:  # mkdocs-macros entry point
    project = Project(Path(env.project_dir))
    env.variables["project"] = project
    # --- citations (issue 4): cite(), references(), sources_list(); numbering after each page ---
    from . import citations
    env.variables["citation_registry"] = _citations_or_fail(lambda: citations.require_valid(
        citations.load_registry(project)))
    env.macro(citations.cite, "cite")
    env.macro(citations.references, "references")
    env.macro(lambda: citations.sources_list_markdown(
        env.variables["citation_registry"], citations.usage_index(project), env.page.file.src_path), "sources_list")
    # --- content pages (issue 3): page_content(), review_dates() ---
    from . import pages

    @env.macro
    def page_content(slug: str) -> str:
        page = pages.load_page(project, slug)
        env.page.meta["description"] = page.description  # the page's <meta name="description">
        return pages.render_page(page)

    @env.macro
    def review_dates(slug: str) -> str:
        return pages.render_review_dates(pages.load_page(project, slug))

    # --- quiz (issue 5): quiz(), quiz_all() ---
    from .quiz import render_quiz, render_quiz_all, ui_strings
    quiz_strings = ui_strings(env.conf["extra"].get("quiz"))
    env.variables.pop("quiz", None)  # extra.quiz (the strings) would otherwise hide the quiz() macro on pages
    directory_urls = env.conf["use_directory_urls"]
    env.macro(lambda bank_id: render_quiz(project, bank_id, quiz_strings, env.page.url, directory_urls), "quiz")
    env.macro(lambda: render_quiz_all(project, quiz_strings, env.page.url, directory_urls), "quiz_all")


def on_post_page_macros(env) -> None:  # mkdocs-macros hook: after a page's macros are rendered
    # --- citations (issue 4): number the page's citation markers, write its References section ---
    from . import citations
    env.markdown = _citations_or_fail(lambda: citations.resolve_page(
        env.markdown, env.variables["citation_registry"],
        env.variables["project"].rel(Path(env.conf["docs_dir"]) / env.page.file.src_path)))


def _citations_or_fail(action):
    """Run a citations step; turn its content errors into a build error MkDocs prints plainly."""
    from mkdocs.exceptions import PluginError

    from .citations import CitationError
    from .problems import ContentError

    try:
        return action()
    except (CitationError, ContentError) as exc:
        raise PluginError(str(exc)) from None
