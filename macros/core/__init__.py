"""The ground floor: problems, YAML with line numbers, schemas, text and templating, dates, settings.

Imports nothing else of ``macros`` (``tests/test_layering.py``) and no builder."""
