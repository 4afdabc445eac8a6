"""Care cards as a feature: the rules ``make check`` adds (``rules.py``)."""
