"""The editorial thresholds every check uses, in one place: change a number here, not in a check.

Each is named after what it limits. ``make check`` reports content past a threshold as
``path:line: message``; the tests check the rules on fixtures, never these numbers on the content.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    # Readability (macros/editorial/readability.py): the NHS aims for a reading age of 9 to 11.
    target_grade: float = 9.0                 # Flesch-Kincaid grade and SMOG, each at most this
    max_sentence_words: int = 20              # NHS: "short sentences - up to 20 words"
    max_paragraph_sentences: int = 3          # NHS: "short paragraphs - up to 3 sentences"
    min_words_per_page: int = 100             # a content page's body text, fewer is a stub
    # Question banks (macros/editorial/item_writing.py)
    min_questions_per_bank: int = 6           # enough to check each part of a topic page
    max_share_of_one_answer_position: float = 0.5  # right answers spread over the option positions
    max_share_of_longest_right: float = 0.5   # the right option is not usually the longest
    min_questions_for_order_checks: int = 4   # the two shares above are judged on at least this many
    # Review dates (macros/core/review_dates.py)
    review_warning_days: int = 60             # a review falling due this soon is a warning
    # How far ahead next_review_due may be, counted from last_reviewed (macros/core/review_dates.py). The NHS
    # and the PIF TICK review at least every three years; this site reviews clinical content (a page that
    # cites a source or places a care card, and every question bank) every year.
    longest_review_cycle_months: int = 36
    clinical_review_cycle_months: int = 12


SETTINGS = Settings()
