"""Load YAML content files strictly, remembering where every value came from.

PyYAML alone silently keeps the last of two duplicate keys, turns dates into objects and
raises tracebacks on bad bytes. Editors need ``path:line: message`` instead, so this module:

* reads bytes and rejects non-UTF-8 (naming the line), oversized files and tab indentation;
* refuses what is not a regular file (a folder named ``x.yaml``, a broken link, a pipe) by name;
* scans the event stream first (iteratively) to refuse aliases and absurd nesting before any
  recursive step could blow the stack or expand a "billion laughs" document;
* composes the YAML node tree and rejects duplicate mapping keys;
* builds plain Python values (dates stay strings, so JSON Schema can check their format; mapping
  keys are always the text written, so ``no:`` or ``2019:`` as a key is not turned into False or 2019);
* returns a ``LineMap`` from JSON-pointer-like paths, e.g. ``("questions", 2, "prompt")``, to lines.
"""

from __future__ import annotations

import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml

from .characters import lookalike_note, text_character_problems
from .problems import SYMLINK_MESSAGE, ContentError, Problem

MAX_BYTES = 1_000_000  # a content file larger than this is a mistake, not content
MAX_DEPTH = 64  # content nests a few levels; hundreds would exhaust the stack of PyYAML's composer
# One text value: a paragraph, an item, a definition. Longer, or with more of the characters Markdown reads
# as markup, is a mistake or an attack: Python-Markdown's link and emphasis parsing is quadratic in them
# (20,000 "[" in one paragraph took a minute), so such text is refused here, before any check or render.
MAX_TEXT_CHARS = 4_000
MAX_MARKUP_CHARS = 64
_MARKUP = re.compile(r"[\[\]()*_`\\<>{}&!]")
_ALIAS_MESSAGE = "YAML anchors and aliases (&name, *name) are not allowed"
_PLAIN_COLLECTION_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
_STR_TAG = "tag:yaml.org,2002:str"
_SURROGATE = re.compile("[\ud800-\udfff]")

PathKey = tuple[Any, ...]


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader without the timestamp resolver: ``2026-11-22`` stays a string."""


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# The same loader on libyaml (20 times faster), when PyYAML was built with it. It reads well-formed
# files only: anything it objects to is read again by _StrictLoader, whose messages and marks editors see.
_FastStrictLoader: type | None = None
if getattr(yaml, "__with_libyaml__", False):
    class _FastStrictLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        """libyaml's SafeLoader without the timestamp resolver."""

    _FastStrictLoader.yaml_implicit_resolvers = _StrictLoader.yaml_implicit_resolvers


@dataclass
class LineMap:
    """Where each value of a loaded document starts (1-based line and column)."""

    lines: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: PathKey) -> tuple[int, int]:
        """The line and column of ``path``, or of its nearest ancestor that has them."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, (1, 1))


@dataclass
class Document:
    path: str
    data: Any
    where: LineMap

    def line(self, *path: Any) -> int:
        return self.where.position(path)[0]

    def error(self, path: PathKey, message: str) -> Problem:
        line, col = self.where.position(tuple(path))
        return Problem.error(self.path, line, message, col)

    def warning(self, path: PathKey, message: str) -> Problem:
        line, col = self.where.position(tuple(path))
        return Problem.warning(self.path, line, message, col)


def strings(data: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, str]]:
    """(path, value) of every string inside loaded ``data``, in document order (keys excluded)."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from strings(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from strings(value, path + (i,))


def load_yaml(path: Path | str, display_path: str | None = None) -> Document:
    """Load one YAML file; raise ``ContentError`` with located problems if it is unusable."""
    path = Path(path)
    shown = display_path or str(path)
    if path.is_symlink():  # never followed: it could read (and a message quote) a file from anywhere
        raise ContentError([Problem.error(shown, 1, SYMLINK_MESSAGE)])
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise ContentError([Problem.error(
                shown, 1, "this is a folder, not a YAML file: rename it, or move what it holds elsewhere")])
        if not stat.S_ISREG(info.st_mode):
            raise ContentError([Problem.error(shown, 1, "not a regular file; content must be a plain text file")])
        if info.st_size > MAX_BYTES:
            raise ContentError([_too_big(shown, info.st_size)])
        raw = path.read_bytes()
    except OSError as exc:
        raise ContentError([Problem.error(shown, 1, f"cannot read file: {exc.strerror or exc}")]) from None
    return parse_yaml(raw, shown)


def _too_big(shown: str, size: int) -> Problem:
    return Problem.error(shown, 1, f"file is {size:,} bytes; content files must be under {MAX_BYTES:,} bytes")


def parse_yaml(raw: bytes, shown: str, *, trailing_comments: bool = False) -> Document:
    """``raw`` read strictly, every value as written, each with its line. ``trailing_comments``: a `` #...``
    after an unquoted value on its line is a comment, as YAML reads it (for files that are not content, such as
    GitHub workflows' ``uses: ...@<sha> # v1``); in content it is refused, since it cuts text short silently."""
    if len(raw) > MAX_BYTES:
        raise ContentError([_too_big(shown, len(raw))])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError([Problem.error(
            shown, line, "file is not valid UTF-8 text (save it with UTF-8 encoding)")]) from None
    text = text.removeprefix("\ufeff")

    # Characters a reader cannot see or a phone cannot dial, anywhere in the file (keys, text, comments),
    # and indentation made of spaces YAML does not count: each at its line and column, before parsing.
    problems = [Problem.error(shown, n, message, col) for n, col, message in text_character_problems(text)]
    problems += _indentation_problems(text, shown)
    if problems:
        raise ContentError(problems)

    # Lines as editors count them (and as PyYAML's marks do): split on "\n" only.
    tab_problems = [
        Problem.error(shown, n, "tab character in indentation; YAML needs spaces", 1)
        for n, line in enumerate(text.split("\n"), start=1)
        if line[: len(line) - len(line.lstrip(" \t"))].count("\t")
    ] if "\t" in text else []
    if tab_problems:
        raise ContentError(tab_problems)

    if not text.strip() or all(l.lstrip().startswith("#") or not l.strip() for l in text.splitlines()):
        raise ContentError([Problem.error(shown, 1, "file is empty")])

    node = _compose_fast(text, shown)
    try:
        if node is None:
            structure_problems = _scan_events(text, shown)
            if structure_problems:
                raise ContentError(structure_problems)
            node = yaml.compose(text, Loader=_StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        col = mark.column + 1 if mark else None
        reason = exc.problem or "invalid YAML"
        if exc.context:
            reason = f"{exc.context}, {reason}"
        if "'\\t'" in reason:
            reason = "a tab character where YAML needs spaces"
        raise ContentError([Problem.error(shown, line, f"YAML syntax error: {reason}", col)]) from None
    except yaml.reader.ReaderError as exc:  # a control character such as NUL or BEL in the text
        line = text[: exc.position].count("\n") + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise ContentError([Problem.error(
            shown, line, f"control character U+{exc.character:04X} is not allowed in YAML text; delete it", col)]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises the errors above for text input
        raise ContentError([Problem.error(shown, 1, f"YAML error: {exc}")]) from None

    builder = _Builder(shown, text, trailing_comments=trailing_comments)
    data = builder.build(node, ())
    if builder.problems:
        raise ContentError(builder.problems)
    return Document(shown, data, builder.where)


_ODD_INDENT = re.compile(r"^ *([^\S\n\r\t ])")


def _indentation_problems(text: str, shown: str) -> list[Problem]:
    """Indentation holding a no-break space (or another Unicode space): YAML reads it as part of the text."""
    found = []
    for n, line in enumerate(text.split("\n"), start=1):
        m = _ODD_INDENT.match(line)
        if m and line.strip():
            char = m.group(1)
            found.append(Problem.error(shown, n, (
                f"the indentation holds U+{ord(char):04X} {unicodedata.name(char, 'a space')} at column {m.start(1) + 1}, "
                "which YAML does not count as indentation (a word processor or web page may have typed it); "
                "retype the indentation with ordinary spaces"), m.start(1) + 1))
    return found


def _compose_fast(text: str, shown: str) -> yaml.Node | None:
    """The node tree read by libyaml, or None when libyaml is missing or anything is amiss.

    Only a file that passes every check on the fast path is read there; everything else (a control
    character, a syntax error, an alias, deep nesting) goes the pure-Python way, which reports it.
    So does any tab: libyaml accepts tabs in places (after a colon) where PyYAML rightly objects.
    """
    if _FastStrictLoader is None or "\t" in text or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None
    try:
        if _scan_events(text, shown, _FastStrictLoader):
            return None
        return yaml.compose(text, Loader=_FastStrictLoader)
    except yaml.YAMLError:
        return None


def _scan_events(text: str, shown: str, loader: type = _StrictLoader) -> list[Problem]:
    """Aliases and over-deep nesting, found by PyYAML's parser (a state machine, not recursive)."""
    problems: list[Problem] = []
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            problems.append(Problem.error(shown, event.start_mark.line + 1, _ALIAS_MESSAGE,
                                          event.start_mark.column + 1))
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                return [Problem.error(shown, event.start_mark.line + 1,
                                      f"lists and mappings are nested more than {MAX_DEPTH} levels deep",
                                      event.start_mark.column + 1)]
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return problems


# What an unquoted value means here: the few forms YAML 1.1 (PyYAML) and YAML 1.2 (editors' IDEs,
# yaml-language-server) agree on. Anything else either of them reads as a number, a boolean or null
# (0123456 as octal 42798, 12:30 as 750, no as false, 1e3 as 1000, 1.10 as 1.1) must be quoted.
_PLAIN_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_PLAIN_CONSTANTS = {"true": True, "false": False, "null": None, "~": None, "": None}
_YAML12_NOT_TEXT = re.compile(r"""
    null|Null|NULL|~|true|True|TRUE|false|False|FALSE
  | [-+]?[0-9]+ | 0o[0-7]+ | 0x[0-9a-fA-F]+
  | [-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?
  | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)""", re.X)


def plain_value(text: str) -> tuple[Any, str | None]:
    """An unquoted scalar's value, and why it needs quotes when its type is ambiguous (else None).

    ``true``/``false``, ``null``, and whole numbers written plainly (``2026``, ``-3``) are what they
    look like; any other value YAML could read as something other than text is kept as the text
    typed and reported, so an identifier such as ``pmid: 0123456`` is never silently changed.
    """
    if text in _PLAIN_CONSTANTS:
        return _PLAIN_CONSTANTS[text], None
    if _PLAIN_INT.fullmatch(text):
        return int(text), None
    yaml11 = _StrictLoader("").resolve(yaml.ScalarNode, text, (True, False))
    if yaml11 == _STR_TAG and not _YAML12_NOT_TEXT.fullmatch(text):
        return text, None
    if yaml11 == _STR_TAG:
        reading = "YAML 1.2 (which editors' IDEs use) reads it as " + (
            "true or false" if text.lower() in ("true", "false") else "null" if text.lower() == "null" else "a number")
    else:
        value = _StrictLoader("").construct_object(yaml.ScalarNode(yaml11, text), deep=True)
        reading = "YAML reads it as " + (
            "null" if value is None else str(value).lower() if isinstance(value, bool) else f"the number {value!r}")
    return text, (f"{text} is ambiguous: {reading}, not the characters typed; put it in quotes "
                  f"(\"{text}\") to keep it as written" + (", or write true or false" if yaml11.endswith(":bool") else ""))


class _Builder:
    def __init__(self, shown: str, text: str = "", trailing_comments: bool = False):
        self.shown = shown
        self.trailing_comments = trailing_comments
        self.lines = text.split("\n")
        self.where = LineMap()
        self.problems: list[Problem] = []
        self._constructor = _StrictLoader("")

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        # No node comes here twice: _scan_events refused every alias (*name) before the tree was composed.
        self.where.lines[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_COLLECTION_TAGS:
            return self._refuse_tag(node)
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                line = key_node.start_mark.line + 1
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                    self.problems.append(Problem.error(self.shown, line, "mapping keys must be plain text"))
                    continue
                key = key_node.value  # the text as written: "no" stays "no", "2019" stays "2019"
                if not key.isascii():
                    self.problems.append(Problem.error(self.shown, line, (
                        f"key {key!r} must be written in plain ASCII letters, digits, - and _"
                        f"{lookalike_note(key)}"), key_node.start_mark.column + 1))
                    continue
                if key in result:  # the line map has its first key's line
                    self.problems.append(Problem.error(
                        self.shown, line,
                        f"duplicate key {key!r} (first defined on line {self.where.lines[path + (key,)][0]}); "
                        "YAML would silently keep only the last one"))
                    continue
                result[key] = self.build(value_node, path + (key,))
                # a key's own line is more useful than its value's for messages
                self.where.lines[path + (key,)] = (line, key_node.start_mark.column + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node)

    def _too_much(self, value: str, line: int, col: int) -> bool:
        """A text value too long, or with too much markup, to check and render in time (reported here)."""
        if len(value) <= MAX_MARKUP_CHARS:
            return False
        marks = len(_MARKUP.findall(value))
        if len(value) <= MAX_TEXT_CHARS and marks <= MAX_MARKUP_CHARS:
            return False
        self.problems.append(Problem.error(self.shown, line, (
            f"this text is {len(value):,} characters long with {marks:,} markup characters ([ ] ( ) * _ ` and the "
            f"like); a text value holds at most {MAX_TEXT_CHARS:,} characters and {MAX_MARKUP_CHARS} of those: "
            "split it into paragraphs or items, and check what was pasted"), col))
        return True

    def _comment_after(self, node: yaml.Node, value: str) -> None:
        """An unquoted text value followed by `` #...`` on its line: YAML dropped the rest as a comment."""
        end = node.end_mark
        if end.line >= len(self.lines):
            return
        rest = self.lines[end.line][end.column:]
        if rest[:1] in (" ", "\t") and rest.lstrip().startswith("#"):
            shown = value if len(value) <= 60 else "..." + value[-57:]
            self.problems.append(Problem.error(self.shown, end.line + 1, (
                f"' #' starts a YAML comment, so this value was read as {shown!r} and the rest of the line "
                f"({rest.strip()!r}) was dropped; put the whole value in double quotes to keep it, or move "
                "a comment to a line of its own"), end.column + 1))

    def _refuse_tag(self, node: yaml.Node) -> None:
        self.problems.append(Problem.error(
            self.shown, node.start_mark.line + 1,
            f"YAML error: tags such as {node.tag!r} are not allowed; write plain values", node.start_mark.column + 1))

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        if not node.style and node.tag == self._constructor.resolve(yaml.ScalarNode, node.value, (True, False)):
            # A plain (unquoted) value with no explicit tag: typed as written, never guessed.
            value, ambiguous = plain_value(node.value)
            if isinstance(value, str) and self._too_much(value, line, col):
                return None
            if ambiguous:
                self.problems.append(Problem.error(self.shown, line, ambiguous, col))
            elif isinstance(value, str) and value and not self.trailing_comments:
                self._comment_after(node, value)
            return value
        try:
            # Most of a content file is text: taken as written, which is what SafeLoader would construct.
            value = node.value if node.tag == _STR_TAG else self._constructor.construct_object(node, deep=True)
        except yaml.MarkedYAMLError:  # e.g. an unknown tag such as !!python/object or !custom
            return self._refuse_tag(node)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:  # e.g. !!int abc
            self.problems.append(Problem.error(
                self.shown, line, f"YAML error: cannot read {node.value!r} as {node.tag.rsplit(':', 1)[-1]}: {exc}", col))
            return None
        if isinstance(value, str) and self._too_much(value, line, col):
            return None
        if isinstance(value, str) and _SURROGATE.search(value):
            self.problems.append(Problem.error(
                self.shown, line, "text contains an escaped surrogate (\\ud800-\\udfff), which is not a character", col))
            return None
        return value
