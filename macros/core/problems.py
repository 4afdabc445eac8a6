"""Problems found in content, reported as ``path:line[:col]: severity: message``.

Every check in the project speaks this one format, so an editor (and GitHub, through
workflow-command annotations) can jump straight to the line that needs fixing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import total_ordering
from typing import Iterable

ERROR = "error"
# A symbolic link where the build reads: never followed, and its target never quoted.
SYMLINK_MESSAGE = ("a symbolic link: the build would read or publish the file it points to, from anywhere on the "
                   "machine; put a real file here (the site uses no links between files)")
WARNING = "warning"


@total_ordering
@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    column: int | None
    severity: str
    message: str

    def sort_key(self) -> tuple:
        """File, line, column (none first), severity, message: the order ``make check`` prints."""
        return (self.path, self.line, self.column or 0, self.severity, self.message)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    @classmethod
    def error(cls, path: str, line: int, message: str, column: int | None = None) -> "Problem":
        return cls(str(path), max(int(line), 1), column, ERROR, message)

    @classmethod
    def warning(cls, path: str, line: int, message: str, column: int | None = None) -> "Problem":
        return cls(str(path), max(int(line), 1), column, WARNING, message)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def format(self) -> str:
        """One line, always: a message that spans lines (say, from a library) is joined with spaces."""
        where = f"{self.path}:{self.line}" + (f":{self.column}" if self.column else "")
        return f"{where}: {self.severity}: {_one_line(self.message)}"

    def annotation(self) -> str:
        """A GitHub Actions workflow command that shows the problem inline on a pull request."""
        props = f"file={_escape_property(self.path)},line={self.line}"
        if self.column:
            props += f",col={self.column}"
        return f"::{self.severity} {props}::{_escape_data(self.message)}"


def _one_line(text: str) -> str:
    return re.sub(r"\s*[\r\n]+\s*", " ", text.strip())


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class ContentError(Exception):
    """Raised when content cannot be used; carries the problems, already located."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(p.format() for p in self.problems))
