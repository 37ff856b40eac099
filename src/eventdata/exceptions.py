"""The exceptions eventdata raises.

Every message says what was wrong, where (file, row, column, value) and how to fix it.
"""

from __future__ import annotations

__all__ = [
    "EventdataError",
    "InputError",
    "IntegrityError",
    "MissingExtraError",
    "NoClusterError",
    "RowsNotHeldError",
    "SchemaVersionError",
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


class MissingExtraError(EventdataError, ImportError):
    """An optional extra is not installed; the message names the ``pip install`` to run."""


class RowsNotHeldError(EventdataError):
    """A report of a partitioned run holds the failures, not the rows themselves."""


class NoClusterError(EventdataError):
    """A distributed run was asked for, but no ``dask.distributed`` client is running."""
