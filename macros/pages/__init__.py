"""Content pages as a feature: ``content_src/pages/<slug>.yaml`` shown by the shell ``docs/<slug>.md``
through ``{{ page_content() }}``.

Plain Python and Jinja2 (no MkDocs imports): the page's data is the model's (``macros.model.pages``);
``render.py`` turns it into Markdown (title, sections, blocks, the glossary page, review dates), placing
care cards and the help box as the cards feature renders them (``macros.cards.render``), and ``checks.py``
holds what ``make check`` adds. ``macros/__init__.py`` only adapts these to mkdocs-macros.
"""
