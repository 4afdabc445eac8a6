"""The self-check quiz: question banks in ``quiz/banks/*.yaml``, rendered at build time.

* ``render_quiz(model, bank_id, strings, page)`` (``page``: the docs file it is on): the Markdown and
  HTML of a topic page's bank, placed by ``{{ page_content() }}`` (each bank is on its topic page only);
* ``render_quiz_index(model, strings, page)``: ``{{ quiz_index() }}`` on the quiz page, a list of the
  topic quizzes in nav order (a link to each bank's heading, its number of questions), so the page grows
  by one line per bank, never by a bank's questions; the script adds the progress saved in the browser;
* ``ui_strings(extra_quiz)``: the interface text from ``mkdocs.yml`` ``extra.quiz``, validated;
* ``rules.check_quiz_banks``: what ``make check`` reports (the banks themselves are the model's,
  ``macros.model.banks`` and ``macros.model.bank_rules``).

The front end is ``docs/assets/quiz/quiz.js`` and ``quiz.css``.
"""
