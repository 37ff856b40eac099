"""The exceptions eventdata raises.

Every message says what was wrong, where (file, row, column, value) and how to fix it.
"""

from __future__ import annotations

__all__ = [
    "ApiError",
    "AuthenticationError",
    "EventdataError",
    "InputError",
    "IntegrityError",
    "MissingExtraError",
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
    """An optional dependency is not installed; the message names the extra to install."""


class ApiError(EventdataError):
    """A request to a data API failed (after retries) or its answer cannot be read.

    Messages name the endpoint and the HTTP status; they never contain a password or token.

    Attributes:
        status: the HTTP status code, or None when no answer came (timeout, network).
        url: the URL requested, without credentials.
    """

    def __init__(self, message: str, *, status: int | None = None, url: str | None = None) -> None:
        self.status = status
        self.url = url
        super().__init__(message)


class AuthenticationError(ApiError):
    """The API refused the credentials (HTTP 400/401 at login, 401/403 on a read)."""
