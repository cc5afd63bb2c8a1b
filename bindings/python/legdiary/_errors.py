"""The exceptions of legdiary: the C++ error hierarchy (legdiary/error.hpp), mapped once.

legdiary.Error                  any error of the library
├── ValidationError(ValueError) input that breaks a rule of the data model; nothing written
│   ├── ParseError              text that is not a date, time, duration or CSV file
│   └── ArgumentTypeError(TypeError)  an argument of the wrong type (a str for a number…)
├── NotFoundError(LookupError)  no entry with that id or date
├── InputFileNotFoundError(builtins.FileNotFoundError)  an input file that cannot be opened
└── StorageError(OSError)       the database or the file system failed
    └── BusyError               another process held the write lock too long; retry later
"""

from __future__ import annotations

import builtins
from typing import TypedDict


class Problem(TypedDict):
    """One refused value."""

    field: str
    value: str
    rule: str
    line: int | None
    index: int | None


class Error(Exception):
    """Base of every error raised by legdiary."""


class ValidationError(Error, ValueError):
    """Input that breaks a rule of the data model. Nothing was written.

    ``field``, ``value`` and ``rule`` are the first problem's; ``problems`` lists every
    problem found (for example every bad row of a CSV file, with its ``line``).
    """

    problems: list[Problem]

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = list(problems or [])

    @property
    def field(self) -> str | None:
        """The field or column of the first problem, e.g. ``"duration_s"``."""
        return self.problems[0]["field"] if self.problems else None

    @property
    def value(self) -> str | None:
        """The refused value as text."""
        return self.problems[0]["value"] if self.problems else None

    @property
    def rule(self) -> str | None:
        """The rule it broke, in words."""
        return self.problems[0]["rule"] if self.problems else None


class ParseError(ValidationError):
    """Text that could not be read as the thing asked for."""


class ArgumentTypeError(ValidationError, TypeError):
    """An argument of a type the call does not take (a ``str`` where seconds are asked for, a
    ``datetime`` where a ``date`` is). It names the argument as ``field`` and says what it
    must be; a ``TypeError`` too, as Python code expects of a wrong type."""


class NotFoundError(Error, LookupError):
    """An entry asked for by id or date does not exist."""


class InputFileNotFoundError(Error, builtins.FileNotFoundError):
    """An input file that does not exist or cannot be opened (C++: legdiary::FileNotFoundError).
    Named apart from the builtin so that ``from legdiary import *`` never shadows it; it is
    still a builtin ``FileNotFoundError``, so ``except FileNotFoundError`` catches it."""


class StorageError(Error, OSError):
    """The database or the file system failed (I/O error, corrupt file, a file of another
    application or of a newer legdiary — left untouched). ``sqlite_code`` is SQLite's result
    code, 0 when there is none."""

    sqlite_code: int

    def __init__(self, message: str, sqlite_code: int = 0) -> None:
        super().__init__(message)
        self.sqlite_code = sqlite_code

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class BusyError(StorageError):
    """Another process held the diary's write lock longer than the busy timeout. Nothing was
    written; trying again later is safe."""


__all__ = [
    "Problem",
    "Error",
    "ValidationError",
    "ParseError",
    "ArgumentTypeError",
    "NotFoundError",
    "InputFileNotFoundError",
    "StorageError",
    "BusyError",
]
