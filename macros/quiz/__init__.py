"""The self-check quiz: question banks in ``quiz/banks/*.yaml``, rendered at build time.

* ``render_quiz(project, bank_id, strings, page)`` (``page``: the docs file it is on) and
  ``render_quiz_all(...)``: the Markdown and HTML of a topic page's bank (placed by
  ``{{ page_content() }}``) and of ``{{ quiz_all() }}``;
* ``ui_strings(extra_quiz)``: the interface text from ``mkdocs.yml`` ``extra.quiz``, validated;
* ``check_quiz_banks``: what ``make check`` reports.

The front end is ``docs/assets/quiz/quiz.js`` and ``quiz.css``.
"""

from .render import render_quiz, render_quiz_all
from .strings import StringsError, ui_strings
from .validation import check_quiz_banks

__all__ = ["render_quiz", "render_quiz_all", "ui_strings", "StringsError", "check_quiz_banks"]
