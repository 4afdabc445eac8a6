"""The self-check quiz: question banks in ``quiz/banks/*.yaml``, rendered at build time.

* ``render_quiz(model, bank_id, strings, page)`` (``page``: the docs file it is on) and
  ``render_quiz_all(...)``: the Markdown and HTML of a topic page's bank (placed by
  ``{{ page_content() }}``) and of ``{{ quiz_all() }}``;
* ``ui_strings(extra_quiz)``: the interface text from ``mkdocs.yml`` ``extra.quiz``, validated;
* ``rules.check_quiz_banks``: what ``make check`` reports (the banks themselves are the model's,
  ``macros.model.banks`` and ``macros.model.bank_rules``).

The front end is ``docs/assets/quiz/quiz.js`` and ``quiz.css``.
"""
