"""The glossary as a feature: the first-use linker (``linker.py``) and the rules ``make check`` adds
(``rules.py``). The entries themselves are the model's (``macros.model.glossary``)."""
