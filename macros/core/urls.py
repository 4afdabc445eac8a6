"""Addresses that look like one place and go to another, or do something other than what they show.

``address_problem(url)`` is the one rule for an absolute link address, used by ``make check`` (text
links, the source registry, mkdocs.yml) and by the renderer (``macros.core.text.safe_href`` drops a link it
refuses), so a deceptive address never becomes a link on the site:

* ``https://www.nhs.uk@evil.example/``: the part before ``@`` is a user name; the browser goes to
  ``evil.example``. A user name or password has no place in a public link.
* a host with letters that only look like ASCII (``www.nhs.uк``).
* ``mailto:`` with extra fields (``?cc=``, ``?bcc=``, ``?body=``) or more than one address: the message a
  reader sends is not the one they see.
* ``tel:`` with letters (``tel:0800-CANCER``): a phone cannot dial them.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .characters import lookalike_note

_TEL = re.compile(r"\+?[0-9][0-9 ()\-.]*")
_MAILBOX = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")


def address_problem(url: str) -> str | None:
    """Why the absolute address ``url`` may not be a link on the site, or None (relative links: None)."""
    scheme, sep, rest = url.partition(":")
    if not sep or not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.\-]*", scheme):
        return None
    scheme = scheme.lower()
    if scheme in ("http", "https"):
        try:
            parts = urlsplit(url)
        except ValueError as exc:
            return f"address {url!r} cannot be read: {exc}"
        if "@" in parts.netloc:
            before, _, host = parts.netloc.rpartition("@")
            what = "a user name and password" if ":" in before else "a user name"
            return (f"address {url!r} puts {what} ({before + '@'!r}) before its host, so a browser goes to "
                    f"{host!r}, not to what the reader sees first; write the address without anything before @")
        if not parts.netloc.isascii():
            return (f"the host of {url!r} is not plain ASCII{lookalike_note(parts.netloc)}")
    elif scheme == "mailto":
        address = rest.split("?", 1)[0]
        if "?" in rest or "," in address or "%" in address or not _MAILBOX.fullmatch(address):
            return (f"mailto: address {url!r} must be one e-mail address and nothing else (no ?subject=, "
                    "?cc=, ?bcc= or ?body=, no second address): write mailto:name@example.org")
    elif scheme == "tel" and not _TEL.fullmatch(rest):
        return (f"tel: number {url!r} holds characters a phone cannot dial (letters, or anything but digits, "
                "spaces, +, -, ( and )): write the number in digits, for example tel:0800-808-0000")
    return None
