"""``make check``: content text is inline Markdown without raw HTML, and every link has a usable form.

Runs over every string of every YAML content file (pages, the source registry, question banks,
shared care cards, the glossary and any kind added later), so a new content kind is covered
without a change here. The renderer (``macros/core/text.py``) escapes all of this anyway; this check
tells the editor, at the line, what to write instead, before a reader sees stray characters.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..core.urls import address_problem
from ..core.problems import Problem
from ..core.text import LINK_SCHEMES
from ..core.yamlsource import strings
from ..model import SiteModel

_FORMATTING = "write **bold**, *emphasis* or [a link](page.md) instead"

_RAW_HTML = re.compile(r"<!--|</?[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$)")
_EVENT = re.compile(r"\bon[a-z]{3,}\s*=", re.I)
_STYLE = re.compile(r"\bstyle\s*=", re.I)
_ATTR_LIST = re.compile(r"\{\s*[:#.][^}]*\}|\{[^}{]*=[^}]*\}")
_ENTITY = re.compile(r"&(?:#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.I)

# [label](target) with anything up to the closing parenthesis, so a target with spaces is found too.
_MD_LINK = re.compile(r"(?<!!)\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*(?P<target><[^>]*>|[^)]*?)\s*\)")
_IMAGE = re.compile(r"!\[[^\]]*\]\(")
_SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*):")
# In running text: something that looks like a web address but cannot work as one.
_BARE_SCHEME = re.compile(r"(?<![\w/])(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*)://")
_MISSING_COLON = re.compile(r"(?<![\w:/])(?P<scheme>https?)//", re.I)
_ONE_SLASH = re.compile(r"(?<![\w/])(?P<scheme>https?):/(?!/)", re.I)
_RUNS_CODE = {"javascript", "vbscript", "data", "file", "blob"}
_WORD = re.compile(r"[^\s)>\"']*")  # an address as a message quotes it: up to a space, quote or bracket


def check_markup(model: SiteModel) -> Iterable[Problem]:
    """Every string in every YAML content file: markup an editor may not use, and malformed links."""
    for path in model.project.yaml_files():
        doc, _ = model.project.try_load(path)
        if doc is not None:
            for where, text in strings(doc.data):
                yield from (doc.error(where, message) for message in text_problems(text))


PLACEHOLDER = re.compile(r"\bTODO\b:?")


def text_problems(text: str) -> list[str]:
    """What is wrong with one piece of content text, as messages that say what to write instead."""
    found: list[str] = []
    if PLACEHOLDER.search(text):
        found.append(f"placeholder left from `make new-page`: {text.strip()!r}; replace it with the real "
                     "text (CONTRIBUTING.md, \"Add, move or rename a page\")")
    for m in _RAW_HTML.finditer(text):
        shown = m.group() + ("..." if m.group() != "<!--" else "")
        found.append(f"raw HTML ({shown}) is not allowed in content text; {_FORMATTING}")
    if event := _EVENT.search(text):
        found.append(f"event-handler attribute ({event.group().rstrip('= ')}=) is not "
                     "allowed: content cannot run code")
    if _STYLE.search(text):
        found.append("style attributes are not allowed; the site's stylesheet decides how text looks")
    for m in _ATTR_LIST.finditer(text):
        found.append(f"attribute list {m.group()!r} is not allowed in content text; section ids go in "
                     f"the section's id field, and {_FORMATTING}")
    for m in _ENTITY.finditer(text):
        found.append(f"HTML character reference {m.group()!r} is not allowed; type the character itself")
    if _IMAGE.search(text):
        found.append("images (![...](...)) are not allowed in content text; describe it in words")
    for m in _MD_LINK.finditer(text):
        found += link_target_problems(m.group("target").strip("<>").strip())
    # the rest of the text, the links blanked out (their targets are checked above, not twice)
    found += address_problems(_MD_LINK.sub(lambda m: " " * len(m.group()), text))
    return found


def link_target_problems(target: str) -> list[str]:
    """A Markdown link's address: an allowed scheme, or a relative link; no spaces; well formed."""
    if not target:
        return ["link has no address: write [words](page.md) or [words](https://...)"]
    problems = address_problems(target, in_link=True)
    if problems:
        return problems
    if re.search(r"\s", target):
        return [f"link address {target!r} contains a space; remove it, or write it as %20"]
    if target.lower().startswith("www."):
        return [f"link address {target!r} has no scheme; write https://{target}"]
    scheme = _SCHEME.match(target)
    if scheme and scheme.group("scheme").lower() not in LINK_SCHEMES:
        return [_scheme_message(scheme.group("scheme"), target)]
    if target.startswith("//"):
        return [f"link address {target!r} has no scheme; write https:{target}"]
    why = address_problem(target)
    return [why] if why else []


def address_problems(text: str, in_link: bool = False) -> list[str]:
    """Web addresses in ``text`` that cannot work: an unknown scheme, a missing colon or slash."""
    problems = []
    for m in _BARE_SCHEME.finditer(text):
        if m.group("scheme").lower() not in LINK_SCHEMES:
            problems.append(_scheme_message(m.group("scheme"), _word_at(text, m.start())))
    for m in _MISSING_COLON.finditer(text):
        problems.append(f"web address {_word_at(text, m.start())!r} is missing the colon: "
                        f"write {m.group('scheme').lower()}://")
    for m in _ONE_SLASH.finditer(text):
        problems.append(f"web address {_word_at(text, m.start())!r} needs two slashes: "
                        f"write {m.group('scheme').lower()}://")
    if not in_link:
        for m in re.finditer(r"(?<![\w/.@])www\.[\w-]+\.\S*[\w/]", text):
            problems.append(f"web address {m.group()!r} is not a link; write it as "
                            f"[{m.group()}](https://{m.group()})")
        for m in re.finditer(r"(?<![\w/.@])(?P<scheme>[A-Za-z]+):(?=\S)", text):
            if m.group("scheme").lower() in _RUNS_CODE:
                problems.append(_scheme_message(m.group("scheme"), _word_at(text, m.start())))
    return problems


def _scheme_message(scheme: str, shown: str) -> str:
    lowered = scheme.lower()
    if lowered in _RUNS_CODE:
        return (f"{scheme}: addresses ({shown!r}) are not allowed: content cannot run code or embed "
                "files; link to an https:// page or to a page's file (page.md#section)")
    guess = next((s for s in ("https", "http") if _close(lowered, s)), None)
    hint = f"did you mean {guess}://? " if guess else ""
    return (f"unknown link scheme {scheme}: in {shown!r}; {hint}links may be https://, http://, mailto:, "
            "tel: or a page's file (page.md#section)")


def _close(a: str, b: str) -> bool:
    """One letter added, dropped, changed or swapped (htps, hhttps, httos, htpts)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _word_at(text: str, start: int) -> str:
    return _WORD.match(text, start).group()
