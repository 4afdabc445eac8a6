"""``make check`` for the builder's configuration file (``mkdocs.yml``, which ProperDocs and Zensical read too).

A pull request can change the menu and the interface text as easily as content, so they are checked
the same way, at ``mkdocs.yml:LINE``, before anything is built:

* every address in ``nav`` and ``extra``: no ``javascript:``, ``data:`` or other scheme that runs code,
  nothing a reader cannot use (``//host``, a host behind ``user@``, a ``mailto:`` with extra fields);
* the interface strings under ``extra``: ``extra.quiz`` (every key of ``macros/quiz/strings.py``, with its
  placeholders), ``extra.get_help`` and ``extra.site_links`` (text, and the docs files they open);
* the site's description: 50 to 160 characters (search results cut a longer one);
* invisible and control characters, as in every content file.

The file is read with PyYAML's composer, which builds the node tree (with lines) and runs no tag, so
``!ENV`` and ``!!python/name`` are read as what they are written as, under any builder.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Iterator, Mapping

import yaml

from .characters import text_character_problems
from .problems import Problem
from .urls import address_problem

CONFIG_FILE = "mkdocs.yml"
DESCRIPTION_LENGTH = (50, 160)
_URL_LIKE = re.compile(r"^(?:(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*):(?=\S)|//)\S*$")
_ALLOWED_SCHEMES = {"https", "http", "mailto", "tel"}
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
GET_HELP_KEYS = {"text": "the link's words in every page's header", "url": "where the header link goes (a site address such as when-to-get-help/)",
                 "page": "the docs file whose cards the help summary links to", "summary": "the help summary's heading"}


def config_problems(root: Path | str, quiz_strings: Mapping[str, tuple[str, ...]], *,
                    quiz_shown: bool = True, awaited: Callable[[str], bool] = lambda name: False) -> list[Problem]:
    """Everything wrong with ``root/mkdocs.yml`` an editor can fix, each at its line; ``quiz_strings``: the
    keys ``extra.quiz`` must set, each with its placeholders (``macros.quiz.strings.STRINGS``); ``quiz_shown``:
    whether the site has question banks, whose quizzes link to ``extra.quiz.help_page`` (without, it need not exist);
    ``awaited``: whether a missing ``docs/`` page is one whose content file says so already (not said again here)."""
    path = Path(root) / CONFIG_FILE
    if not path.is_file() or path.is_symlink():
        return [] if not path.exists() else [Problem.error(CONFIG_FILE, 1, "must be a plain file, not a link")]
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return [Problem.error(CONFIG_FILE, 1, "is not valid UTF-8 text (save it with UTF-8 encoding)")]
    problems = [Problem.error(CONFIG_FILE, n, message, col) for n, col, message in text_character_problems(text)]
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return problems  # the builder's own loader reports it (macros.check: "MkDocs cannot read this file")
    if not isinstance(node, yaml.MappingNode):
        return problems
    top = _mapping(node)
    for name in ("nav", "extra"):
        if name in top:
            for value_node, where in _scalars(top[name][1], name):
                problems += _address_problems(value_node, where)
    if "site_description" in top:
        problems += _description_problems(top["site_description"][1])
    extra = top.get("extra")
    if extra is not None and isinstance(extra[1], yaml.MappingNode):
        fields = _mapping(extra[1])
        docs = Path(root) / "docs"

        def is_page(name: str) -> bool:  # a page of docs/ (its Markdown file, as pages link to it), or one awaited
            return name.endswith(".md") and (docs / name).is_file() or awaited(name)

        problems += _quiz_problems(fields.get("quiz"), extra[0], quiz_strings, is_page if quiz_shown else None)
        problems += _get_help_problems(fields.get("get_help"), is_page)
        problems += _site_links_problems(fields.get("site_links"), is_page)
    return problems


def _error(node: yaml.Node, message: str, column: int | None = None) -> Problem:
    """A problem at ``node``'s line of mkdocs.yml."""
    return Problem.error(CONFIG_FILE, node.start_mark.line + 1, message, column)


def _mapping(node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    return {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def _scalars(node: yaml.Node, where: str) -> Iterator[tuple[yaml.ScalarNode, str]]:
    """Every text value under ``node`` (an ``!ENV [NAME, default]`` gives its default), with its dotted place."""
    if isinstance(node, yaml.ScalarNode):
        yield node, where
    elif isinstance(node, yaml.SequenceNode):
        items = node.value[1:] if node.tag == "!ENV" else node.value
        for i, item in enumerate(items):
            yield from _scalars(item, where if node.tag == "!ENV" else f"{where}[{i}]")
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _scalars(value, f"{where}.{getattr(key, 'value', '?')}")


def _address_problems(node: yaml.ScalarNode, where: str) -> list[Problem]:
    value = node.value.strip()
    m = _URL_LIKE.match(value)
    if not m:
        return []
    scheme = (m.group("scheme") or "").lower()
    if not scheme:
        why = f"{value!r} has no scheme; write https:{value}"
    elif scheme not in _ALLOWED_SCHEMES:
        why = (f"{scheme}: addresses ({value!r}) are not allowed: a menu or interface link cannot run code or "
               "embed files; link to an https:// page or a docs file (page.md)")
    else:
        why = address_problem(value)
    return [_error(node, f"{where}: {why}", node.start_mark.column + 1)] if why else []


def _description_problems(node: yaml.Node) -> list[Problem]:
    if not isinstance(node, yaml.ScalarNode):
        return [_error(node, "site_description must be text")]
    text = " ".join(node.value.split())
    low, high = DESCRIPTION_LENGTH
    if not low <= len(text) <= high:
        return [_error(node, (
            f"site_description is {len(text)} characters; search results show {low} to {high}: "
            f"{'shorten' if len(text) > high else 'lengthen'} it (pages without a description of their own use it)"))]
    return []


def _quiz_problems(entry: tuple[yaml.Node, yaml.Node] | None, extra_key: yaml.Node,
                   STRINGS: Mapping[str, tuple[str, ...]], is_page: Callable[[str], bool] | None) -> list[Problem]:
    if entry is None:
        return [_error(extra_key, (
            f"extra.quiz is missing: it holds the quiz's interface text (keys: {', '.join(STRINGS)})"))]
    key_node, node = entry
    if not isinstance(node, yaml.MappingNode):
        return [_error(key_node, (
            f"extra.quiz must be a mapping of the quiz's interface text (keys: {', '.join(STRINGS)})"))]
    fields = _mapping(node)
    problems = []
    for key, needed in STRINGS.items():
        if key not in fields:
            problems.append(_error(key_node, f"extra.quiz.{key} is missing: add it"))
            continue
        value = fields[key][1]
        if not _text_field(value) or (value.style is None and _plain_type(value) != "tag:yaml.org,2002:str"):
            problems.append(_error(value, f"extra.quiz.{key} must be text (put it in double quotes)"))
            continue
        found = set(_PLACEHOLDER.findall(value.value))
        if found != set(needed):
            want = ", ".join("{" + n + "}" for n in needed) or "no placeholders"
            problems.append(_error(value, f"extra.quiz.{key} must contain {want}"))
        elif key == "help_page" and is_page is not None and not is_page(value.value):
            problems.append(_error(value, (
                f"extra.quiz.help_page {value.value!r} is not a page of docs/: name its file, such as when-to-get-help.md")))
    for key, (k, _) in fields.items():
        if key not in STRINGS:
            problems.append(_error(k, f"extra.quiz.{key} is not a quiz string (the keys: {', '.join(STRINGS)})"))
    return problems


def _plain_type(node: yaml.ScalarNode) -> str:
    """What YAML reads an unquoted value as (``True`` is a boolean, ``12`` a number)."""
    return yaml.SafeLoader("").resolve(yaml.ScalarNode, node.value, (True, False))


def _text_field(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and bool(node.value.strip())


def _get_help_problems(entry: tuple[yaml.Node, yaml.Node] | None, is_page: Callable[[str], bool]) -> list[Problem]:
    if entry is None:
        return []  # a site may have no help link
    key_node, node = entry
    if not isinstance(node, yaml.MappingNode):
        return [_error(key_node, f"extra.get_help must be a mapping with {', '.join(GET_HELP_KEYS)}")]
    fields = _mapping(node)
    problems = []
    for key, what in GET_HELP_KEYS.items():
        if key not in fields or not _text_field(fields[key][1]):
            problems.append(_error(fields[key][0] if key in fields else key_node,
                                   f"extra.get_help.{key} must be text: {what}"))
    page = fields.get("page")
    if page and _text_field(page[1]) and not is_page(page[1].value):
        problems.append(_error(page[1], (
            f"extra.get_help.page {page[1].value!r} is not a page of docs/: name its file, such as when-to-get-help.md")))
    for key, (k, _) in fields.items():
        if key not in GET_HELP_KEYS:
            problems.append(_error(k, f"extra.get_help.{key} is not a setting (the keys: {', '.join(GET_HELP_KEYS)})"))
    return problems


def _site_links_problems(entry: tuple[yaml.Node, yaml.Node] | None, is_page: Callable[[str], bool]) -> list[Problem]:
    if entry is None:
        return []
    key_node, node = entry
    if not isinstance(node, yaml.MappingNode):
        return [_error(key_node, "extra.site_links must map docs files to their link text")]
    problems = []
    for k, v in node.value:
        if not is_page(k.value):
            problems.append(_error(k, f"extra.site_links: {k.value!r} is not a page of docs/"))
        if not _text_field(v):
            problems.append(_error(v, f"extra.site_links.{k.value} must be text: the link's words"))
    return problems
