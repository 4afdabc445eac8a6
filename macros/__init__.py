"""Build-time macros for the site, loaded by mkdocs-macros-plugin or Zensical's macros (``module_name: macros``).

``define_env`` is a thin, stateless adapter: it asks for the site model (``macros/model/``,
compiled once for each state of the project's files), stops the build with the content errors as
``path:line: message`` lines when there are any, and exposes plain functions over the model as
macros. A page is identified by its URL, which every builder gives (Zensical has no ``page.file``).
Zensical runs this file again for every page and has no ``on_post_page_macros``, so nothing here
keeps state between pages or runs after them: citations are numbered by the Markdown extension
``macros.markdown``. The rendering lives in ordinary modules that import no builder.
"""

from __future__ import annotations

import os
import sys

from .citations import cite, references
from .citations.sources_list import sources_list_markdown
from .core.last_updated import last_changed
from .core.problems import ContentError
from .core.text import attribute
from .glossary.linker import first_use_for
from .model import LIST_MACROS, site_model
from .model.review_records import is_current
from .model.reviewed_content import page_digest, page_files
from .pages.moved import moved_page as render_moved_page
from .cards.render import HelpPage, card_html
from .pages.render import render_glossary, render_page_data, render_review_data
from .quiz.render import render_quiz, render_quiz_index
from .quiz.strings import ui_strings
from .rules import build_errors


def define_env(env) -> None:  # mkdocs-macros entry point
    model = site_model(env.project_dir, env.conf.get("nav"), use_directory_urls=env.conf["use_directory_urls"])
    _fail_on_content_errors(model)
    project = model.project
    env.variables["project"] = project
    env.variables["site_model"] = model

    def shell():
        found = model.shell_at(env.page.url)
        if found is None:
            raise LookupError(f"no page shell in docs/ has the URL {env.page.url!r}")
        return found

    # --- citations: cite(), references(), sources_list(); numbered by the Markdown extension ---
    env.macro(cite, "cite")
    env.macro(references, "references")
    # --- the quiz's interface text (mkdocs.yml extra.quiz) ---
    quiz_strings = ui_strings(env.conf["extra"].get("quiz"))
    env.variables.pop("quiz", None)  # extra.quiz (the strings) would otherwise hide macros on pages

    # --- content pages: page_content() places content, quiz, References and review dates ---
    # --- help within one tap: the summary box under the title links to the help page's cards ---
    get_help = env.conf["extra"].get("get_help")  # mkdocs.yml: where readers get help (a site may have none)
    help_page = HelpPage(get_help["page"], get_help["summary"]) if get_help else None

    # The 404 page (a theme template) shows the first emergency card, in its own words, numbers tappable.
    cards, numbers = model.kind("care_cards"), model.kind("urgent_care").numbers  # the services' numbers
    emergency = next((card for card in cards if card.level == "emergency"), None)
    if emergency is not None:
        env.conf["extra"]["not_found_card"] = card_html(emergency, tuple(dict.fromkeys(numbers + cards.numbers)))

    # --- the glossary: first uses on topic pages link to /glossary/, which lists every entry ---
    glossary = model.kind("glossary")

    # --- review records bound to content (issue 21): a page changed since its review says so ---
    # The date it changed is git's (macros/core/last_updated.py), only for a page changed since its review.
    reviewers = model.kind("reviewers")

    # References and review dates end a content page: after page_content(), or, on a page that shows a
    # generated list below its content (/quiz/: quiz_index(), /sources/: sources_list()), after that list.
    def ending(here) -> str:
        page = model.pages[here.content]
        digest = page_digest(model, here.content, page.data)
        changed = not is_current(page.review, digest)
        updated = last_changed(project.root, page_files(model, here.content, page.data)) if changed else None
        dates = render_review_data(page.review, model.registry, changed=changed, reviewers=reviewers, updated=updated)
        return "\n".join([references(), "", dates])

    @env.macro
    def page_content() -> str:
        here = shell()
        data = model.pages[here.content]
        # the page's <meta name="description">: the theme writes it into an attribute unescaped
        env.page.meta["description"] = attribute(data.description)
        env.page.meta["social_title"] = attribute(data.title)  # link previews (overrides/main.html)
        # a page's own print rules (overrides/main.html links them), so other pages do not carry their bytes
        if data.print_stylesheet:
            env.page.meta["print_stylesheet"] = data.print_stylesheet
        parts = [render_page_data(data.data, cards, help_page, first_use_for(glossary, here), numbers), ""]
        if any(here.calls_named(name) for name in LIST_MACROS):
            return "\n".join(parts)
        for bank_id in here.banks:
            parts.append(render_quiz(model, bank_id, quiz_strings, here.src))
        return "\n".join(parts + [ending(here)])

    def listing(render):
        def macro() -> str:
            here = shell()
            out = render(here)
            return f"{out}\n\n{ending(here)}" if here.content else out
        return macro

    env.macro(listing(lambda here: render_quiz_index(model, quiz_strings, here.src)), "quiz_index")
    env.macro(listing(lambda here: sources_list_markdown(model.registry, model.usages, here.src)), "sources_list")
    env.macro(listing(lambda here: render_glossary(glossary, numbers)), "glossary_list")

    @env.macro
    def moved_page() -> str:  # a moved page's old address (content_src/moved.yaml): sends the reader on
        body, meta = render_moved_page(model, shell(), env.conf["site_url"] or "/")
        env.page.meta.update(meta)
        return body


def _fail_on_content_errors(model) -> None:
    """Stop the build before any page with every error of the build's rules (``macros/rules.py``), one
    ``path:line: message`` line each, as a build error the builder prints plainly (no traceback)."""
    errors = build_errors(model)
    if errors:
        exc = ContentError(errors)
        try:
            from mkdocs.exceptions import PluginError
        except ImportError:
            # Zensical turns any exception here, SystemExit too, into a traceback (one a page, since it runs
            # the macros for every page). `zensical build`: print the errors once and end the build process
            # with status 1. `zensical serve` keeps running (it reports the exception) so a fix reloads.
            if sys.argv[1:2] != ["build"]:
                raise exc from None  # the content error itself, not the failed mkdocs import
            print(str(exc), file=sys.stderr, flush=True)
            sys.stdout.flush()
            os._exit(1)
        raise PluginError(str(exc)) from None
