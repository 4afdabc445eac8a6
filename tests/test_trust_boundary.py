"""Everything a pull request changes is checked (issue 22): each hostile or careless input, in several
variants, is refused by ``make check`` at its ``path:line`` with a reason an editor can act on, never a
traceback or an internal error; and ``test_no_hostile_input_reaches_the_built_site`` builds a copy with
all of them at once: the build refuses it and nothing of them reaches ``site/``.

Variants are grouped by the issue's classes, in its order. Each one changes a copy of the example site
(tests/fixtures/site: its topic page, bank, care card, registry, glossary, mkdocs.yml) and runs
``macros.cli.check`` in this process. The moved-page test still builds a copy of the real project with Zensical.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from macros.cli import check
from macros.model.cards import CARDS_PATH
from macros.model.sources import REGISTRY_PATH
from tests.support.pages import topic_pages
from tests.support.sites import build, copy_project, example_site

# The variants are mistakes made in a copy of the example site (tests/fixtures/site), with its own copy of the
# theme's overrides/ (a pull request's project has no linked folders): its topic page, bank and shell.
TOPIC_FILE, TOPIC_BANK, TOPIC_SHELL = ("content_src/pages/red-flags.yaml", "quiz/banks/red-flags.yaml",
                                       "docs/red-flags.md")


def example(root: Path, *, assets: bool = False) -> Path:
    return example_site(root, assets=assets, overrides=True)

pytestmark = pytest.mark.usefixtures("strict_shells")  # the rules as a pull request meets them


@dataclass(frozen=True)
class Variant:
    change: Callable[[Path], tuple[str, int]]   # changes the copy; returns (path, line) the message must name
    words: str                                  # what the message must say
    marker: str = ""                            # text that must never reach site/ (the built-site test)


def replace_line(root: Path, rel: str, pattern: str, new: Callable[[str], str]) -> tuple[str, int]:
    """Replace the first line of ``rel`` matching ``pattern`` by ``new(line)``; (rel, its line number)."""
    path = root / rel
    lines = path.read_text(encoding="utf-8").split("\n")
    for n, line in enumerate(lines):
        if re.search(pattern, line):
            lines[n] = new(line)
            path.write_text("\n".join(lines), encoding="utf-8")
            return rel, n + 1
    raise AssertionError(f"no line of {rel} matches {pattern!r}: update this test")


def card_action(text: str) -> Callable[[Path], tuple[str, int]]:
    """The first care card's action line (urgent text on several pages) becomes ``text``."""
    return lambda root: replace_line(root, CARDS_PATH, r"^  action: ", lambda line: f"  action: {text}")


def topic_paragraph(text: str) -> Callable[[Path], tuple[str, int]]:
    """The first paragraph of the first topic page becomes ``text``."""
    return lambda root: replace_line(root, TOPIC_FILE, r"^\s*- paragraph: ",
                                     lambda line: line[: line.index("- paragraph: ")] + f"- paragraph: {text}")


def shell(text: str, *, of_topic: bool = True) -> Callable[[Path], tuple[str, int]]:
    """The first topic page's shell gets ``text`` after its {{ page_content() }}; the line of ``text``'s first line."""
    def change(root: Path) -> tuple[str, int]:
        rel = TOPIC_SHELL
        old = (root / rel).read_text(encoding="utf-8")
        (root / rel).write_text(old.rstrip("\n") + "\n" + text, encoding="utf-8")
        return rel, old.rstrip("\n").count("\n") + 2
    return change


def new_file(rel: str, data: bytes | str, line: int = 1) -> Callable[[Path], tuple[str, int]]:
    def change(root: Path) -> tuple[str, int]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return rel, line
    return change


def symlink(rel: str, target: str) -> Callable[[Path], tuple[str, int]]:
    def change(root: Path) -> tuple[str, int]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).symlink_to(target)
        return rel, 1
    return change


SECRET = "TOP-SECRET-OUTSIDE-THE-REPOSITORY"

VARIANTS: dict[str, dict[str, Variant]] = {
    # 1. page shells: only the engine's macro calls
    "shells": {
        "environment": Variant(shell("{{ environment }}\n"), "{{ environment }} is not allowed in a page shell"),
        "subclasses": Variant(shell("{{ ''.__class__.__mro__[1].__subclasses__() }}\n"), "is not allowed in a page shell"),
        "config": Variant(shell("{{ config.site_url }}\n"), "{{ config.site_url }} is not allowed in a page shell"),
        "include": Variant(shell("{% include 'sources.yaml' %}\n"), "{% include %} is not allowed in a page shell"),
        "set": Variant(shell("{% set x = 1 %}{{ x }}\n"), "{% set %} is not allowed in a page shell"),
        "script": Variant(shell("<script>alert('shell')</script>\n"), "text in a page shell (\"<script>",
                          "alert('shell')"),
        "uncited text": Variant(shell("Cancer back pain is always curable.\n"), "published unchecked and uncited",
                                "is always curable"),
        "misspelt macro": Variant(shell("{{ page_contnet() }}\n"),
                                  "unknown macro page_contnet(): did you mean {{ page_content() }}?"),
        "unknown macro": Variant(shell("{{ cite('nhs-back-pain') }}\n"), "unknown macro cite()"),
        "list macro with an argument": Variant(shell("{{ sources_list('x') }}\n"), "{{ sources_list() }} takes no arguments"),
        "front matter": Variant(lambda root: _front_matter(root), "front matter 'description' is not allowed"),
        "symlinked shell": Variant(symlink("docs/leak.md", "/etc/hostname"), "a symbolic link"),
        "moved to no page": Variant(lambda root: _moved_to(root, "no-such-page.md"), "moves to no-such-page.md, which is not a page in docs/"),
        "moved page without an entry": Variant(lambda root: _moved_to(root, None), "{{ moved_page() }} needs an entry in content_src/moved.yaml"),
        "moved entry without its page": Variant(lambda root: _moved_entry_only(root), "docs/gone-page.md does not exist"),
    },
    # 2. assets and files in docs/
    "assets": {
        "svg script": Variant(new_file("docs/assets/a.svg", "<svg xmlns='http://www.w3.org/2000/svg'>\n<script>alert('svg')</script></svg>", 2),
                              "this SVG holds a <script> element", "alert('svg')"),
        "svg onload": Variant(new_file("docs/assets/b.svg", "<svg onload=\"alert('svg2')\" xmlns='http://www.w3.org/2000/svg'/>"),
                              "this SVG holds an event-handler attribute", "alert('svg2')"),
        "svg foreignObject": Variant(new_file("docs/assets/c.svg", "<svg><foreignObject><p>x</p></foreignObject></svg>"),
                                     "embedded HTML"),
        "svg external href": Variant(new_file("docs/assets/d.svg", "<svg><a href='https://evil.example/'><rect/></a></svg>"),
                                     "a link or reference to another file"),
        "svg entity": Variant(new_file("docs/assets/e.svg", "<!DOCTYPE svg [<!ENTITY x 'y'>]><svg/>"), "a DTD or entity"),
        "html file": Variant(new_file("docs/offer.html", "<h1>Miracle cure</h1>"), "a .html file would be published unchecked",
                             "Miracle cure"),
        "xhtml in assets": Variant(new_file("docs/assets/x.xhtml", "<x/>"), "a .xhtml file"),
        "no suffix": Variant(new_file("docs/assets/README", "notes"), "a file without a suffix"),
        "symlink out of the repository": Variant(symlink("docs/assets/leak.png", "/etc/hostname"), "a symbolic link"),
        "symlink in content": Variant(symlink("content_src/pages/leak.yaml", "/etc/hostname"), "a symbolic link"),
        "symlinked folder": Variant(symlink("docs/assets/etc", "/etc"), "a symbolic link"),
        "symlink in overrides": Variant(symlink("overrides/partials/leak.html", "/etc/hostname"), "a symbolic link"),
    },
    # 3. configuration (mkdocs.yml, read by every builder)
    "config": {
        "javascript: in nav": Variant(lambda root: _nav_item(root, "Help: javascript:alert('nav')"),
                                      "javascript: addresses (\"javascript:alert('nav')\") are not allowed", "alert('nav')"),
        "data: in nav": Variant(lambda root: _nav_item(root, "Help: data:text/html,hi"), "data: addresses"),
        "userinfo in nav": Variant(lambda root: _nav_item(root, "NHS: https://www.nhs.uk@evil.example/"),
                                   "before its host", "evil.example"),
        "no scheme in nav": Variant(lambda root: _nav_item(root, "NHS: //evil.example/"), "has no scheme"),
        "javascript: in extra": Variant(lambda root: replace_line(root, "mkdocs.yml", r"^    url: ",
                                                                  lambda line: "    url: javascript:alert('help')"),
                                        "extra.get_help.url: javascript: addresses", "alert('help')"),
        "javascript: as an !ENV default": Variant(lambda root: replace_line(
            root, "mkdocs.yml", r"^  repository: !ENV", lambda line: '  repository: !ENV [REPOSITORY_URL, "javascript:alert(2)"]'),
            "extra.repository: javascript: addresses"),
        "quiz string missing": Variant(lambda root: _quiz_key(root, "check", None), "extra.quiz.check is missing"),
        "quiz placeholder lost": Variant(lambda root: _quiz_key(root, "question_number", "Question {number}"),
                                         "extra.quiz.question_number must contain {number}, {total}"),
        "quiz string not text": Variant(lambda root: _quiz_key(root, "true", "True", quote=False),
                                        "extra.quiz.true must be text"),
        "unknown quiz string": Variant(lambda root: _quiz_key(root, "chekc", "Check", add=True),
                                       "extra.quiz.chekc is not a quiz string"),
        "quiz help page missing": Variant(lambda root: _quiz_key(root, "help_page", "when-to-get-hlep.md"),
                                          "extra.quiz.help_page 'when-to-get-hlep.md' is not a page of docs/"),
        "help page missing": Variant(lambda root: replace_line(root, "mkdocs.yml", r"^    page: ",
                                                               lambda line: "    page: no-such-page.md"),
                                     "extra.get_help.page 'no-such-page.md' is not a page of docs/"),
        "help summary empty": Variant(lambda root: replace_line(root, "mkdocs.yml", r"^    summary: ",
                                                                lambda line: '    summary: ""'),
                                      "extra.get_help.summary must be text"),
        "footer link to no page": Variant(lambda root: _footer_link(root, "abuot.md: About"),
                                          "extra.site_links: 'abuot.md' is not a page of docs/"),
        "description too long": Variant(lambda root: _at_key(replace_line(root, "mkdocs.yml", r"^  Plain-language",
                                                                          lambda line: line + " It is written for anyone.")),
                                        "site_description is 185 characters; search results show 50 to 160: shorten it"),
        "zero-width space in a nav title": Variant(lambda root: replace_line(root, "mkdocs.yml", r"^  - Home: ",
                                                                             lambda line: "  - Ho\u200bme: index.md"),
                                                   "U+200B ZERO WIDTH SPACE at column 7"),
    },
    # 4. links and addresses
    "links": {
        "userinfo host": Variant(topic_paragraph('"See [the NHS](https://www.nhs.uk@evil.example/back-pain/)."'),
                                 "puts a user name ('www.nhs.uk@') before its host, so a browser goes to 'evil.example'",
                                 "evil.example"),
        "credentials": Variant(topic_paragraph('"See [the NHS](https://user:pass@www.nhs.uk/)."'),
                               "puts a user name and password", "user:pass"),
        "mailto bcc": Variant(topic_paragraph('"Write to [us](mailto:editor@example.org?bcc=spy@evil.example)."'),
                              "must be one e-mail address and nothing else", "spy@evil.example"),
        "mailto two addresses": Variant(topic_paragraph('"Write to [us](mailto:editor@example.org,spy@evil.example)."'),
                                        "must be one e-mail address", "spy@evil.example"),
        "tel letters": Variant(topic_paragraph('"Call [the helpline](tel:0800-CANCER)."'), "holds characters a phone cannot dial",
                               "0800-CANCER"),
        "look-alike host": Variant(topic_paragraph('"See [the NHS](https://www.nhs.u\u043a/)."'), "is not plain ASCII",
                                   "nhs.u\u043a"),
        "registry userinfo": Variant(lambda root: replace_line(root, REGISTRY_PATH, r"^  url: https://",
                                                               lambda line: line.replace("https://", "https://www.nice.org.uk@evil.example/", 1)),
                                     "before its host, so a browser goes to 'evil.example", "evil.example"),
        "registry credentials": Variant(lambda root: replace_line(root, REGISTRY_PATH, r"^  url: https://",
                                                                  lambda line: line.replace("https://", "https://a:b@", 1)),
                                        "puts a user name and password"),
    },
    # 5. characters
    "characters": {
        "zero-width space in 999": Variant(card_action('"Call 99\u200b9 now"'), "U+200B ZERO WIDTH SPACE at column 19"),
        "right-to-left override": Variant(card_action('"Call \u202e999 now"'), "U+202E RIGHT-TO-LEFT OVERRIDE at column 17 is a direction control"),
        "isolate": Variant(card_action('"Call \u2067999\u2069 now"'), "U+2067 RIGHT-TO-LEFT ISOLATE"),
        "Arabic-Indic nine": Variant(card_action('"Call 99\u0669 now"'), "U+0669 ARABIC-INDIC DIGIT NINE at column 19 is not the digit 9"),
        "three Arabic-Indic nines, one message": Variant(card_action('"Call \u0669\u0669\u0669 now"'),
                                                         "U+0669 ARABIC-INDIC DIGIT NINE at column 17 is not the digit 9: it looks like one, but a phone cannot dial it and a search cannot find it; type 9 (and 2 more such characters on this line)"),
        "fullwidth nine": Variant(card_action('"Call 99\uff19 now"'), "U+FF19 FULLWIDTH DIGIT NINE"),
        "superscript digit": Variant(card_action('"Call 99\u2079 now"'), "U+2079 SUPERSCRIPT NINE"),
        "soft hyphen": Variant(card_action('"Call 999 imme\u00addiately"'), "U+00AD SOFT HYPHEN"),
        "word joiner": Variant(card_action('"Call 999\u2060 now"'), "U+2060 WORD JOINER"),
        "byte-order mark inside": Variant(card_action('"Call 999\ufeff now"'), "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
        "odd space": Variant(card_action('"Call\u2009999 now"'), "U+2009 THIN SPACE"),
        "look-alike key": Variant(lambda root: replace_line(root, CARDS_PATH, r"^  action: ",
                                                            lambda line: line.replace("action", "\u0430ction", 1)),
                                  "U+0430 CYRILLIC SMALL LETTER A (looks like 'a')"),
        "in a shell": Variant(shell("{# a\u200bcomment #}\n"), "U+200B ZERO WIDTH SPACE at column 5"),
        "look-alike cite key": Variant(lambda root: replace_line(root, TOPIC_FILE, r"cite: \[[a-z]*e",
                                                                 _first_cite_e),
                                       "U+0435 CYRILLIC SMALL LETTER IE (looks like 'e')"),
        "look-alike care card id": Variant(lambda root: replace_line(root, TOPIC_FILE, r"care_card: [a-z-]*e",
                                                                     lambda line: line[: line.index("care_card: ") + 11] + line[line.index("care_card: ") + 11:].replace("e", "\u0435", 1)),
                                           "U+0435 CYRILLIC SMALL LETTER IE (looks like 'e')"),
    },
    # 6. YAML read differently than written
    "yaml": {
        "comment swallows text": Variant(card_action("Call the team (option #2 on the menu)"),
                                         "so this value was read as 'Call the team (option'"),
        "comment after a list item": Variant(lambda root: replace_line(root, CARDS_PATH, r"^    - ",
                                                                       lambda line: line.rstrip('"').replace('- "', "- ", 1) + " #1 sign"),
                                             "' #' starts a YAML comment"),
        "no-break space indentation": Variant(lambda root: replace_line(root, CARDS_PATH, r"^  action: ",
                                                                        lambda line: "\u00a0" + line[1:]),
                                              "the indentation holds U+00A0 NO-BREAK SPACE at column 1"),
        "stray .yml beside .yaml": Variant(lambda root: _stray_bank(root), "sits beside"),
        "lone .yml": Variant(new_file("content_src/pages/notes.yml", "title: x\n"), "rename notes.yml to notes.yaml"),
    },
    # 7. ids that clash with generated ones, questions that test nothing, glossary terms that link everything
    "meaning": {
        "section id references": Variant(lambda root: _section_id(root, "references"),
                                         "section id 'references' is the id of the References section"),
        "section id after-references": Variant(lambda root: _section_id(root, "after-references"),
                                               "section id 'after-references' is the id of the line after"),
        "section id of a citation": Variant(lambda root: _section_id(root, "ref-deyo-1988"), "shaped like the id of a citation"),
        "section id of a quiz question": Variant(lambda root: _section_id(root, "quiz-q-rf-night-pain"),
                                                 "shaped like the id of a quiz"),
        "section id of a source": Variant(lambda root: _section_id(root, "source-nhs-back-pain"), "shaped like the id of a source"),
        "section id of a glossary letter": Variant(lambda root: _section_id(root, "letter-a"), "a letter's heading on /glossary/"),
        "section id of a caption": Variant(lambda root: _section_id(root, "signs-table-1-caption"), "a table's caption"),
        "every option right": Variant(lambda root: _all_correct(root), "every option is right, so choosing them all"),
        "glossary term an everyday word": Variant(lambda root: replace_line(root, "content_src/glossary.yaml", r"^    term: ",
                                                                            lambda line: "    term: Pain"),
                                                  "'Pain' is an everyday word"),
        "glossary form an everyday word": Variant(lambda root: replace_line(root, "content_src/glossary.yaml", r"^    also: \[",
                                                                            lambda line: line.replace("[", "[back, ", 1)),
                                                  "'back' is an everyday word"),
    },
    # 8. time: refused before anything quadratic runs
    "time": {
        "20,000 [ in a paragraph": Variant(topic_paragraph('"x ' + "[" * 20_000 + '"'),
                                           "this text is 20,002 characters long with 20,000 markup characters"),
        "unfinished links": Variant(topic_paragraph('"x ' + "[x](" * 3_000 + '"'), "with 9,000 markup characters"),
        "emphasis marks": Variant(topic_paragraph('"' + "**a" * 2_000 + '"'), "with 4,000 markup characters"),
        "a 50,000-character paragraph": Variant(topic_paragraph('"' + "word " * 10_000 + '"'),
                                                "this text is 50,000 characters long"),
        "brackets in a care card": Variant(card_action('"Call ' + "[" * 5_000 + '"'), "with 5,000 markup characters"),
        "a huge shell": Variant(lambda root: (shell("{# " + "[" * 20_000 + " #}\n")(root)[0], 1),
                                "this page shell is over 4,000 bytes"),
        "a deep flow list": Variant(topic_paragraph("[" * 20_000), "nested more than 64 levels deep"),
    },
    # 10. one mistake, one message an editor can act on
    "messages": {
        "printable card not linked": Variant(lambda root: _unlink_card_page(root),
                                             "which the printable card docs/"),
    },
}


def _footer_link(root: Path, entry: str) -> tuple[str, int]:
    """extra.site_links (empty in the example, which has no trust pages) gets ``entry``; the line of ``entry``."""
    rel, line = replace_line(root, "mkdocs.yml", r"^  site_links: \{\}$", lambda line: f"  site_links:\n    {entry}")
    return rel, line + 1


def _unlink_card_page(root: Path) -> tuple[str, int]:
    """A topic page that places a card the printable card shows loses its links to the printable card."""
    from macros.cli.check import project_model
    from macros.model.index import placements
    from macros.core.project import Project

    model = project_model(root)[0]
    card_page = next(s for s in model.shells if s.content in model.pages and model.pages[s.content].print_stylesheet)
    on_card = {p.card_id for p in placements(model.project) if p.slug == card_page.content}
    topic = next(s for s in model.shells if s.is_topic_page and any(p.slug == s.content and p.card_id in on_card
                                                                     for p in placements(model.project)))
    rel = f"content_src/pages/{topic.content}.yaml"
    text = (root / rel).read_text(encoding="utf-8")
    assert f"]({card_page.src}" in text
    (root / rel).write_text(text.replace(f"]({card_page.src}", "](index.md"), encoding="utf-8")
    first = next(p for p in placements(Project(root)) if p.slug == topic.content and p.card_id in on_card)
    return rel, first.doc.line(*first.path, "care_card")


def _moved_to(root: Path, target: str | None) -> tuple[str, int]:
    """docs/old-address.md holds {{ moved_page() }}; content_src/moved.yaml sends it to ``target`` (None: no file)."""
    from macros.model.moved import MOVED_PATH, SCHEMA_COMMENT

    (root / "docs" / "old-address.md").write_text("{{ moved_page() }}\n", encoding="utf-8")
    if target is None:
        return "docs/old-address.md", 1
    (root / MOVED_PATH).write_text(f"{SCHEMA_COMMENT}\nold-address: {target}\n", encoding="utf-8")
    return MOVED_PATH, 2


def _moved_entry_only(root: Path) -> tuple[str, int]:
    from macros.model.moved import MOVED_PATH, SCHEMA_COMMENT

    (root / MOVED_PATH).write_text(f"{SCHEMA_COMMENT}\ngone-page: {TOPIC_SHELL[5:]}\n", encoding="utf-8")
    return MOVED_PATH, 2


def _section_id(root: Path, ident: str) -> tuple[str, int]:
    return replace_line(root, TOPIC_FILE, r"^  - id: ", lambda line: f"  - id: {ident}")


def _all_correct(root: Path) -> tuple[str, int]:
    """The first single-answer question of the first topic page's bank becomes a multiple one, every option right."""
    rel = TOPIC_BANK
    lines = (root / rel).read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip() == "type: single")
    lines[start] = lines[start].replace("single", "multiple")
    options = next(i for i in range(start, len(lines)) if lines[i].strip() == "options:")
    out, i = lines[:options + 1], options + 1
    while i < len(lines) and lines[i].startswith("      "):
        out.append(lines[i])
        if lines[i].startswith("      - text:") and lines[i + 1].strip() != "correct: true":
            out.append("        correct: true")
        i += 1
    (root / rel).write_text("\n".join(out + lines[i:]), encoding="utf-8")
    return rel, options + 1


def _first_cite_e(line: str) -> str:
    start = line.index("cite: [") + len("cite: [")
    return line[:start] + line[start:].replace("e", "\u0435", 1)


def _at_key(found: tuple[str, int]) -> tuple[str, int]:
    """A folded value's problem is reported at its key, the line before its first line of text."""
    return found[0], found[1] - 1


def _nav_item(root: Path, item: str) -> tuple[str, int]:
    path = root / "mkdocs.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    at = lines.index("nav:") + 1
    lines.insert(at, f"  - {item}")
    path.write_text("\n".join(lines), encoding="utf-8")
    return "mkdocs.yml", at + 1


def _quiz_key(root: Path, key: str, value: str | None, *, quote: bool = True, add: bool = False) -> tuple[str, int]:
    path = root / "mkdocs.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index("  quiz:")
    at = next(i for i in range(start + 1, len(lines)) if re.match(rf'^    "?{key}"?: ', lines[i]) or add)
    shown = f'"{value}"' if quote else value
    if add:
        lines.insert(at, f"    {key}: {shown}")
    elif value is None:
        del lines[at]
        path.write_text("\n".join(lines), encoding="utf-8")
        return "mkdocs.yml", start + 1  # a missing key is reported at extra.quiz
    else:
        lines[at] = f'    "{key}": {shown}' if lines[at].startswith('    "') else f"    {key}: {shown}"
    path.write_text("\n".join(lines), encoding="utf-8")
    return "mkdocs.yml", at + 1


def _front_matter(root: Path) -> tuple[str, int]:
    rel = TOPIC_SHELL
    old = (root / rel).read_text(encoding="utf-8")
    (root / rel).write_text('---\ndescription: "<script>alert(1)</script>"\n---\n' + old, encoding="utf-8")
    return rel, 1


def _stray_bank(root: Path) -> tuple[str, int]:
    bank = sorted((root / "quiz" / "banks").glob("*.yaml"))[0]
    stray = bank.with_suffix(".yml")
    stray.write_text("questions: []\n", encoding="utf-8")
    return f"quiz/banks/{stray.name}", 1


CASES = [(group, name) for group, variants in VARIANTS.items() for name in variants]


def run_check(root: Path) -> tuple[int, str]:
    """``make check`` (``macros.cli.check.main``) of ``root`` in this process: (status, output)."""
    out = io.StringIO()
    env = {k: os.environ.pop(k) for k in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY") if k in os.environ}
    try:
        with contextlib.redirect_stdout(out):
            status = check.main([str(root)])
    finally:
        os.environ.update(env)
    return status, out.getvalue()


@pytest.mark.parametrize("group, name", CASES, ids=[f"{g}:{n}" for g, n in CASES])
def test_make_check_refuses_each_variant_at_its_line(group, name, tmp_path):
    variant = VARIANTS[group][name]
    root = example(tmp_path / "project")
    path, line = variant.change(root)
    status, out = run_check(root)
    assert status == 1, out
    assert "internal error" not in out and "Traceback" not in out, out
    mine = [l for l in out.splitlines() if l.startswith(f"{path}:{line}:") and variant.words in l]
    assert mine, f"no '{path}:{line}: ... {variant.words}' in:\n{out[-4000:]}"
    assert SECRET not in out and "root:x:" not in out  # a link's target is never read into a message


def test_the_example_project_passes(tmp_path):
    """The control: the same copy, unchanged, has no error."""
    status, out = run_check(example(tmp_path / "project"))
    assert status == 0, out


def test_an_acronym_that_spells_an_everyday_word_links_only_as_written():
    """A glossary acronym such as NICE is allowed (not 'an everyday word'), and links 'NICE', never 'nice'."""
    from macros.glossary.linker import FirstUse
    from macros.model.glossary import Glossary, Term

    glossary = Glossary("content_src/glossary.yaml", (Term("nice", "NICE", (), "x", ("k",), 1),
                                                      Term("mri-scan", "MRI scan", ("MRI",), "x", ("k",), 2)), [], None)
    assert FirstUse(glossary, "glossary.md").split("It is nice. NICE says so; an mri and MRI.") == [
        ("It is nice. ", None), ("NICE", "glossary.md#nice"), (" says so; an ", None), ("mri", "glossary.md#mri-scan"),
        (" and MRI.", None)]


# --- 9. make new-page: SLUG, TITLE and BANK never pass through a shell -------------------------------

TITLES = {
    "backticks": "Bone pain `touch PWNED`",
    "command substitution": "Bone pain $(touch PWNED)",
    "make function": "Bone pain $(shell touch PWNED)",
    "semicolon": "Bone pain; touch PWNED",
    "double quotes": 'Bone pain: "what to do"',
    "single quote": "Bone pain: it's not always cancer",
    "dollar variable": "Bone pain $HOME ${HOME} $$",
}


def _with_requirements(root: Path) -> Path:
    """The Makefile's install stamps depend on requirements/*.txt (copied with their times: nothing reinstalls)."""
    import shutil

    from tests.support.sites import REPO

    shutil.copytree(REPO / "requirements", root / "requirements")
    return root


@pytest.mark.parametrize("name", list(TITLES))
def test_make_new_page_takes_the_title_as_written(name, tmp_path):
    import json
    import subprocess

    from tests.support.sites import REPO

    title = TITLES[name]
    root = _with_requirements(example(tmp_path / "project"))
    result = subprocess.run(["make", "--no-print-directory", "-f", str(REPO / "Makefile"), "new-page",
                             f"VENV={REPO / '.venv'}", "SLUG=trust-new-page", f"TITLE={title}"],
                            cwd=root, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (root / "PWNED").exists() and not (REPO / "PWNED").exists()
    assert f"- {json.dumps(title)}: trust-new-page.md" in (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"title: {json.dumps(title)}" in (root / "content_src/pages/trust-new-page.yaml").read_text(encoding="utf-8")


def test_make_new_page_refuses_an_invisible_character_in_the_title(tmp_path):
    import subprocess

    from tests.support.sites import REPO

    root = _with_requirements(example(tmp_path / "project"))
    result = subprocess.run(["make", "--no-print-directory", "-f", str(REPO / "Makefile"), "new-page",
                             f"VENV={REPO / '.venv'}", "SLUG=trust-new-page", "TITLE=Bone\u200bpain"],
                            cwd=root, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0 and "U+200B ZERO WIDTH SPACE at column 5" in result.stderr, result.stderr
    assert not (root / "docs/trust-new-page.md").exists()


# --- 10. messages point to what exists ------------------------------------------------------------------

def _sources_of_messages() -> list[Path]:
    from tests.support.sites import REPO

    return sorted([*REPO.glob("macros/**/*.py"), *REPO.glob("macros/templates/**/*.*"), *REPO.glob("macros/schemas/*.json"),
                   REPO / "CONTRIBUTING.md", REPO / "README.md", *REPO.glob("quiz/*.md"), *REPO.glob("content_src/*.md")])


def test_every_contributing_section_a_message_or_template_names_exists():
    from tests.support.sites import REPO

    headings = set(re.findall(r"^#+ (.+?)\s*$", (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8"), re.M))
    named = [(path.relative_to(REPO).as_posix(), m.group(1))
             for path in _sources_of_messages()
             for m in re.finditer(r'CONTRIBUTING(?:\.md)?[,:]?\s*\(?\\?["\u201c]([^"\u201d\\]+)\\?["\u201d]',
                                  path.read_text(encoding="utf-8"))]
    assert len(named) >= 3, named  # the search finds what it looks for
    assert [(where, section) for where, section in named if section not in headings] == []


# Files a site has only when it needs them (no page has moved yet).
OPTIONAL_FILES = {"content_src/moved.yaml"}


def test_every_project_file_the_documents_and_messages_name_exists():
    """Paths in backticks (``tests/test_x.py``, ``macros/...``) exist; examples (bone-pain) and patterns aside."""
    from tests.support.sites import REPO

    missing, found = [], 0
    for path in _sources_of_messages():
        for m in re.finditer(r"`((?:tests|macros|docs|content_src|quiz/banks|scripts|bench|sitetools|requirements)/[\w./-]+)`",
                             path.read_text(encoding="utf-8")):
            name = m.group(1).rstrip(".")
            if "bone-pain" in name or "<" in name or "*" in name or name in OPTIONAL_FILES:
                continue
            found += 1
            if not (REPO / name).exists():
                missing.append((path.relative_to(REPO).as_posix(), name))
    assert found >= 20
    assert missing == []


# --- one copy holding every hostile variant: the build refuses it, and nothing reaches site/ ---------------

def test_no_hostile_input_reaches_the_built_site(tmp_path):
    import subprocess
    import sys

    from macros.core.shell_rules import FIXTURE_TEXT_VARIABLE
    from tests.support.sites import BUILDER

    root = example(tmp_path / "project", assets=True)
    applied, markers = 0, []
    for group, variants in VARIANTS.items():
        for name, variant in variants.items():
            try:
                variant.change(root)
            except (AssertionError, FileExistsError, StopIteration, ValueError):
                continue  # an earlier variant changed the line this one looks for
            applied += 1
            if variant.marker:
                markers.append(variant.marker)
    assert applied >= len(CASES) * 3 // 4, applied
    site = tmp_path / "site"
    env = {k: v for k, v in os.environ.items() if k != FIXTURE_TEXT_VARIABLE}
    result = subprocess.run([sys.executable, "-m", *BUILDER[2:], "build", "-f", "mkdocs.yml", "--strict", "--clean",
                             "--site-dir", str(site)], cwd=root, env=dict(env, PYTHONDONTWRITEBYTECODE="1"),
                            capture_output=True, text=True, timeout=900)
    out = result.stdout + result.stderr
    assert result.returncode != 0, out[-3000:]
    assert "Traceback" not in out, out[-5000:]
    assert re.search(r"^(?:ERROR\s+-\s+)?docs/[\w-]+\.md:\d+: error: ", out, re.M), out[-3000:]
    assert SECRET not in out
    published = [p for p in site.rglob("*") if p.is_file()] if site.exists() else []
    for path in published:
        text = path.read_bytes().decode("utf-8", "replace")
        assert not [m for m in markers if m in text], (path, [m for m in markers if m in text])
    assert not [p for p in published if p.suffix in (".html",) and p.name not in ("index.html", "404.html")]


# --- 1. moved pages: a data-driven redirect both builders build -----------------------------------------

def _moved_project(root: Path) -> tuple[Path, object]:
    """A copy whose first topic page also has an old address, ``old-address``, in content_src/moved.yaml."""
    from macros.model.moved import MOVED_PATH, SCHEMA_COMMENT

    topic = topic_pages()[0]
    (root / MOVED_PATH).write_text(f"{SCHEMA_COMMENT}\nold-address: {topic.src}\n", encoding="utf-8")
    (root / "docs" / "old-address.md").write_text("{{ moved_page() }}\n", encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "not_in_nav: |\n" in config
    (root / "mkdocs.yml").write_text(config.replace("not_in_nav: |\n", "not_in_nav: |\n  /old-address.md\n", 1),
                                     encoding="utf-8")
    return root, topic


def _assert_moved_page(html: str, topic, description: str) -> None:
    head = html[: html.index("</head>")]
    assert f'<meta http-equiv="refresh" content="0; url=../{topic.url}">' in head, head[-3000:]
    canonical = re.findall(r'<link rel="canonical" href="([^"]+)">', head)
    assert len(canonical) == 1 and canonical[0].endswith(f"/{topic.url}"), canonical
    assert f'<meta name="description" content="{description}">' in head
    article = html[html.index("<article"): html.index("</article>")]
    assert f'href="../{topic.url}"' in article


def test_a_moved_page_sends_readers_on_under_both_builders(tmp_path, strict_shells):
    from macros.core.text import attribute
    from tests.support.sites import real_model
    from tests.test_zensical_parity import SITE_DIR, ZENSICAL_PYTHON, zensical_build

    root, topic = _moved_project(copy_project(tmp_path / "project"))
    status, out = run_check(root)
    assert status == 0, out
    description = attribute(real_model().pages[topic.content].description)
    result = build(root, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    _assert_moved_page((tmp_path / "site" / "old-address" / "index.html").read_text(encoding="utf-8"), topic, description)
    if not ZENSICAL_PYTHON.exists():
        pytest.skip(f"no Zensical at {ZENSICAL_PYTHON}: run `make zensical-deps` (the parity test installs it)")
    result = zensical_build(ZENSICAL_PYTHON, root)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    _assert_moved_page((root / SITE_DIR / "old-address" / "index.html").read_text(encoding="utf-8"), topic, description)
