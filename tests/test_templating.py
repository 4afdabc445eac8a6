"""The one Jinja environment (``macros/core/templating.py``): made once, escaping on, its escapers named, every
template named ``*.j2``; and the one implementation of each escaping rule (``macros/core/text.py``)."""

from __future__ import annotations

import ast

import jinja2
import pytest
from markupsafe import Markup

from macros.core import templating
from macros.citations.markers import marker
from macros.pages.render import cite, inline
from macros.core.templating import ENV, TEMPLATES, TemplateLoader, render
from macros.core.text import heading_text, md_attr, md_text
from tests.support.sites import REPO

NOT_JINJA = "new_page"  # macros/templates/new_page/: files `make new-page` fills in by name, not templates


def test_the_project_makes_one_jinja_environment():
    made = []
    for path in sorted((REPO / "macros").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and ast.unparse(node.func).split(".")[-1] == "Environment":
                made.append(f"{path.relative_to(REPO).as_posix()}:{node.lineno}")
    assert made == [f"macros/core/templating.py:{_line_of('ENV = jinja2.Environment(')}"]


def _line_of(text: str) -> int:
    lines = (REPO / "macros" / "core" / "templating.py").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(text))


def test_the_environment_escapes_and_refuses_undefined_names():
    assert ENV.autoescape is True
    assert ENV.from_string("{{ x }}").render(x='<b a="1">&') == "&lt;b a=&#34;1&#34;&gt;&amp;"
    assert ENV.from_string("{{ x }}").render(x=Markup("<em>kept</em>")) == "<em>kept</em>"
    with pytest.raises(jinja2.UndefinedError):
        ENV.from_string("{{ missing }}").render()


def test_each_escaper_has_the_name_of_what_it_is_for():
    assert ENV.filters["md_text"] is md_text
    assert ENV.filters["md_attr"] is md_attr
    assert ENV.filters["heading_text"] is heading_text
    assert ENV.from_string("{{ x | e }}").render(x="<") == "&lt;"  # HTML's own


def test_every_template_is_named_j2():
    files = sorted(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*") if p.is_file())
    jinja = [name for name in files if not name.startswith(NOT_JINJA + "/")]
    assert jinja and all(name.endswith(".j2") for name in jinja), jinja
    assert sorted(ENV.loader.list_templates()) == jinja


def test_the_loader_refuses_a_name_without_the_suffix(tmp_path):
    (tmp_path / "question.html").write_text("{{ 1 }}", encoding="utf-8")
    (tmp_path / "question.html.j2").write_text("{{ 2 }}", encoding="utf-8")
    env = jinja2.Environment(loader=TemplateLoader(str(tmp_path)))
    assert env.get_template("question.html.j2").render() == "2"
    with pytest.raises(jinja2.TemplateNotFound, match=r"ends in \.j2"):
        env.get_template("question.html")
    assert env.loader.list_templates() == ["question.html.j2"]


def test_text_that_spells_a_citation_token_cites_nothing_but_a_marker_does():
    out = ENV.from_string("{{ text }}{{ cite }}").render(text="\u27e6cite:nice-ng234\u27e7", cite=cite("nice-ng234"))
    assert out == "&#10214;cite:nice-ng234\u27e7\u27e6cite:nice-ng234\u27e7"


def test_content_text_and_markers_reach_page_templates_as_markup():
    # What page templates are given is Markup (kept as it is) or plain data that autoescape escapes.
    assert isinstance(inline("a <b> & [link](x.md)"), Markup)
    assert isinstance(cite("a-b"), Markup) and cite("a-b") == marker("a-b")
    text = inline("Fish & chips <now>") + cite("a-b")
    assert render("pages/paragraph.md.j2", text=text, marker=Markup()).strip() == text
    assert render("pages/heading.md.j2", level=2, text=inline("A"), id='x"y').strip() == "## A { #x&#34;y }"


def test_md_text_and_md_attr_write_what_markdown_reads_as_references():
    assert md_text("a *b* [c] <d> ⟦ ~ ^ : !\n  e") == "a &#42;b&#42; &#91;c&#93; &#60;d&#62; &#10214; &#126; &#94; &#58; &#33; e"
    assert md_attr('"a" & `b` [c] | d') == "&#34;a&#34; &amp; &#96;b&#96; &#91;c&#93; &#124; d"
    assert heading_text("1. *x* {#id}") == "1&#46; &#42;x&#42; &#123;&#35;id&#125;"


def test_no_module_keeps_a_renderer_environment_of_its_own():
    for module in ("macros.pages.render", "macros.cards.render", "macros.quiz.render", "macros.citations.resolve", "macros.citations.format"):
        source = (REPO / (module.replace(".", "/") + ".py")).read_text(encoding="utf-8")
        assert "jinja2" not in source and "FileSystemLoader" not in source, module
    assert templating.ENV is ENV
