"""The exceptions eventdata raises.

Every message says what was wrong, where (file, row, column, value) and how to fix it.
"""

from __future__ import annotations

__all__ = [
    "EventdataError",
    "InputError",
    "IntegrityError",
    "NotEventDataError",
    "SchemaVersionError",
    "UnknownRuleError",
    "ValidationFailed",
]


class EventdataError(Exception):
    """Base class of every error eventdata raises on purpose."""


class InputError(EventdataError):
    """Input that cannot be read: missing file, unknown format, unparseable bytes.

    Attributes:
        path: the file or directory concerned, when there is one.
    """

    def __init__(self, message: str, *, path: object | None = None) -> None:
        self.path = path
        super().__init__(f"{path}: {message}" if path is not None else message)


class ValidationFailed(EventdataError):
    """Data broke one or more error-severity rules (raised by ``raise_if_failed``)."""


class SchemaVersionError(EventdataError):
    """A file was written under a newer, incompatible eventdata schema version."""


class IntegrityError(EventdataError):
    """A collection of rich records is inconsistent (duplicate or dangling ids, bad dates)."""


class NotEventDataError(InputError):
    """The input is a table, but not one event per row (e.g. an aggregate of counts)."""


class UnknownRuleError(EventdataError, ValueError):
    """A rule name or prefix given to ``select=`` / ``ignore=`` names no rule."""
