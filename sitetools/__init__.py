"""Tools for a built site that both the tests and ``make bench`` use: a static host that serves it as a
real one does (``serve``) and what each page transfers (``weight``). Tests import these, never ``bench/``."""
