"""Problems found in content, reported as ``path:line[:col]: severity: message``.

Every check in the project speaks this one format, so an editor (and GitHub, through
workflow-command annotations) can jump straight to the line that needs fixing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int | None
    severity: str
    message: str

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
        where = f"{self.path}:{self.line}" + (f":{self.column}" if self.column else "")
        return f"{where}: {self.severity}: {self.message}"

    def annotation(self) -> str:
        """A GitHub Actions workflow command that shows the problem inline on a pull request."""
        props = f"file={_escape_property(self.path)},line={self.line}"
        if self.column:
            props += f",col={self.column}"
        return f"::{self.severity} {props}::{_escape_data(self.message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class ContentError(Exception):
    """Raised when content cannot be used; carries the problems, already located."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(p.format() for p in self.problems))
