"""Care cards as a feature: how a card renders (``render.py``: placed on a page, in the help box, on the 404
page), the services' numbers made ``tel:`` links wherever text names them (``phones.py``), and the rules
across files (``rules.py``: cards placed nowhere, the printable card's link, phone numbers, quiz copies of
a card, level labels). The cards themselves and their rules within the file are the model's
(``macros.model.cards``, ``macros.model.care_rules``)."""
