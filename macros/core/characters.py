"""Characters a reader cannot see or a phone cannot dial, refused wherever an editor types text.

A pull request can put characters in content that look right and are not: a zero-width space or a
right-to-left override inside urgent text, an Arabic-Indic ``٩`` in ``999`` (it looks like a nine,
cannot be tapped, cannot be searched), a Cyrillic ``е`` in an id. ``character_problems`` finds them
in one line of text, each as ``(column, message)`` naming the code point
("U+200B ZERO WIDTH SPACE at column 12"); ``lookalikes`` names the letters in an id or key that only
look like ASCII. Pure functions over text: the YAML loader, the page-shell rules and the
configuration check call them, so every file a pull request can change speaks the same rule.
"""

from __future__ import annotations

import unicodedata

# Characters that are not of a refused category but still show nothing (or next to nothing).
_INVISIBLE_EXTRA = {0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x180E}
# Spaces a reader cannot tell from an ordinary space; U+00A0 (no-break space) is allowed in text.
_ALLOWED_SPACES = {0x20, 0xA0}

# Letters that look like ASCII ones (Cyrillic, Greek, Latin variants); NFKD handles fullwidth forms.
_LOOKALIKE = {
    "а": "a", "в": "B", "е": "e", "ё": "e", "к": "k", "м": "M", "н": "H", "о": "o", "р": "p", "с": "c",
    "т": "T", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J", "ɡ": "g", "ɑ": "a", "ı": "i", "ℓ": "l", "ο": "o", "α": "a",
    "ν": "v", "ι": "i", "κ": "k", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "Α": "A", "Β": "B", "Ε": "E",
    "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y",
    "Χ": "X", "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-",
}


_CONTROL_NAMES = {0x0: "NULL", 0x7: "BELL", 0x8: "BACKSPACE", 0xB: "LINE TABULATION", 0xC: "FORM FEED",
                  0x1B: "ESCAPE", 0x7F: "DELETE", 0x85: "NEXT LINE"}


def name(char: str) -> str:
    """``U+200B ZERO WIDTH SPACE``."""
    code = ord(char)
    fallback = _CONTROL_NAMES.get(code, "CONTROL CHARACTER" if unicodedata.category(char) == "Cc" else "unnamed character")
    return f"U+{code:04X} {unicodedata.name(char, fallback)}"


def refused(char: str, before: str = "", after: str = "") -> str | None:
    """Why ``char`` may not appear in content text (``before``/``after``: its neighbours), or None."""
    code = ord(char)
    if code < 0x80 and (char.isprintable() or char in "\t\n\r"):
        return None
    category = unicodedata.category(char)
    if category in ("Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp") or code in _INVISIBLE_EXTRA \
            or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:
        kind = ("a direction control: it reorders the text a reader sees" if unicodedata.bidirectional(char) in
                ("LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI") or code in (0x200E, 0x200F, 0x61C)
                else "invisible or a control character")
        return f"{kind}; delete it"
    if category == "Zs" and code not in _ALLOWED_SPACES:
        return "a space a reader cannot tell from an ordinary one; type an ordinary space"
    value = unicodedata.digit(char, None)
    if value is not None and (category == "Nd" or any(unicodedata.digit(c, None) is not None for c in (before, after) if c)):
        return (f"not the digit {value}: it looks like one, but a phone cannot dial it and a search cannot "
                f"find it; type {value}")
    return None


def character_problems(line: str) -> list[tuple[int, str]]:
    """``(column, message)`` for the first refused character in one line of text (columns from 1), saying how
    many more the line holds: one message a line, however many were pasted (``٩٩٩`` is one mistake)."""
    found = [(i + 1, char, why) for i, char in enumerate(line)
             if (why := refused(char, line[i - 1:i], line[i + 1:i + 2]))]
    if not found:
        return []
    column, char, why = found[0]
    more = len(found) - 1
    message = f"{name(char)} at column {column} is {why}"
    if more:
        message += f" (and {more:,} more such character{'s' * (more != 1)} on this line)"
    return [(column, message)]


def text_character_problems(text: str) -> list[tuple[int, int, str]]:
    """``(line, column, message)`` for every refused character in a file's text (lines from 1)."""
    found = []
    for n, line in enumerate(text.split("\n"), start=1):
        if line.isascii() and line.isprintable():
            continue
        found += [(n, col, message) for col, message in character_problems(line.rstrip("\r"))]
    return found


def lookalikes(text: str) -> list[str]:
    """The characters of an id or key that are not ASCII, each named with the letter it looks like."""
    found = []
    for i, char in enumerate(text):
        if char.isascii():
            continue
        plain = _LOOKALIKE.get(char) or unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
        looks = f" (looks like {plain!r})" if plain else ""
        found.append(f"{name(char)}{looks} at position {i + 1}")
    return found


def lookalike_note(text: str) -> str:
    """``"; it contains look-alike letters: ..."`` for a refused id or key, else ``""``."""
    found = lookalikes(text)
    if not found:
        return ""
    return (f"; it contains characters that only look like ASCII letters: {', '.join(found)}; "
            "retype it with plain letters")
