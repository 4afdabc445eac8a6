"""Adapters for the command line: ``make check``, ``make new-page``, ``make review-report``, ``make review-record``."""
