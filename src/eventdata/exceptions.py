"""The exceptions eventdata raises.

Every message says what was wrong, where (file, row, column, value) and how to fix it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple, Protocol

__all__ = [
    "AmbiguousDates",
    "DerivedColumnClash",
    "EmptyResultWarning",
    "EventdataError",
    "InputError",
    "IntegrityError",
    "LossyValuesError",
    "LoweringError",
    "MixedDateOrder",
    "NotEventDataError",
    "OutputError",
    "RecordProblem",
    "RecordsFileError",
    "ApiError",
    "AuthenticationError",
    "MissingExtraError",
    "NoClusterError",
    "PlainHttpWarning",
    "RowsNotHeldError",
    "SchemaVersionError",
    "StoreBusyError",
    "NameWarning",
    "UnknownPlaceWarning",
    "UnknownRuleError",
    "UnloweredRecordsWarning",
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


class OutputError(EventdataError):
    """An output cannot be written: a full disk, a file too large, a read-only file system.

    Nothing was written in its place (writes are atomic). The CLI exits 2.

    Attributes:
        path: the output concerned.
    """

    def __init__(self, message: str, *, path: object) -> None:
        self.path = path
        super().__init__(f"{path}: {message}")


class ValidationFailed(EventdataError):
    """Data broke one or more error-severity rules (``raise_if_failed``, ``on_invalid="raise"``).

    Attributes:
        summary: what failed, in one line (``3 error(s) in 2 of 10 rows (...)``).
        failures: the first failures, one line each (row, id, message).
    """

    def __init__(self, message: str, *, summary: str = "", failures: Sequence[str] = ()) -> None:
        self.summary = summary or message.split("\n", 1)[0]
        self.failures = tuple(failures)
        super().__init__(message)


class LossyValuesError(InputError, ValueError):
    """Reading or writing would lose values: they do not parse as their column's type.

    Raised by the readers and writers (``read_acled``, ``read_ged``, ``write_acled``, the
    canonical cast) instead of writing such values blank; ``errors="coerce"`` or
    ``eventdata.validate`` are the ways forward the message names. An
    :class:`InputError` (the CLI exits 2) and a ``ValueError``.

    Attributes:
        column: the first column concerned.
        rows: its rows (0-based) that hold such values, as far as known.
    """

    def __init__(
        self,
        message: str,
        *,
        column: str,
        rows: Sequence[int] = (),
        path: object | None = None,
    ) -> None:
        self.column = column
        self.rows = tuple(rows)
        super().__init__(message, path=path)


class SchemaVersionError(EventdataError):
    """A file was written under a newer, incompatible eventdata schema version."""


class IntegrityError(EventdataError):
    """A collection of rich records is inconsistent (duplicate or dangling ids, bad dates)."""


class NotEventDataError(InputError):
    """The input is a table, but not one event per row (e.g. an aggregate of counts)."""


class UnknownRuleError(EventdataError, ValueError):
    """A rule name or prefix given to ``select=`` / ``ignore=`` names no rule."""


class DerivedColumnClash(InputError, ValueError):
    """An input column has the name of a derived GeoParquet column (``geometry``, ``bbox``).

    An :class:`~eventdata.InputError` (the CLI exits 2) and a ``ValueError``.
    """


class LoweringError(EventdataError, ValueError):
    """Records that cannot become valid ACLED rows (missing place, prefix or weapon)."""


class UnloweredRecordsWarning(UserWarning):
    """Some records give no ACLED row; the message names each one and says why."""


class CutRecordWarning(UserWarning):
    """A file's last record was cut off and read, as asked, as a row holding only its id."""


class UnknownPlaceWarning(UserWarning):
    """A place's country or region is not in the vocabulary tables; ACLED may add names."""


class NameWarning(UserWarning):
    """A name checked against reference data: unknown (with close matches), or filled in.

    Also used to say which place fields were filled in from the reference.
    """


class RecordProblem(NamedTuple):
    """One problem of a records file, where it is and what it is.

    Attributes:
        line: 1-based line of the YAML or JSON node, None when unknown.
        column: 1-based column of the node, None when unknown.
        record_id: the record's ``id``, None when it has none.
        field: the field path, e.g. ``weapons[0].calibre_mm``; empty for the whole record.
        message: what is wrong and how to fix it.
    """

    line: int | None
    column: int | None
    record_id: str | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}, column {self.column}: " if self.line is not None else ""
        record = f"record {self.record_id!r}" if self.record_id else "a record without id"
        field = f", field {self.field}" if self.field else ""
        return f"{where}{record}{field}: {self.message}"


class RecordsFileError(InputError, ValueError):
    """A YAML or JSON records file holds records that do not validate.

    Every problem is listed at once, each with its line and column, record id and field.

    Attributes:
        problems: the problems, in file order.
    """

    def __init__(self, problems: Sequence[RecordProblem], *, path: object | None = None) -> None:
        self.problems = tuple(problems)
        listing = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the records:\n{listing}", path=path)


class _Named(Protocol):
    """Anything with a ``name``: here, a date style of :mod:`eventdata.models.dates`."""

    @property
    def name(self) -> str: ...


class AmbiguousDates(EventdataError, ValueError):
    """The values read as different dates in several styles and nothing settles which.

    Attributes:
        styles: the styles still possible.
        value: a value they read differently.
        readings: what that value means in each style.
    """

    def __init__(self, styles: Sequence[_Named], value: str, readings: Sequence[dt.date]):
        self.styles = tuple(styles)
        self.value = value
        self.readings = tuple(readings)
        options = " or ".join(
            f"{reading:%d %B %Y} (date_format={style.name!r})"
            for style, reading in zip(styles, readings, strict=True)
        )
        super().__init__(
            f"dates like {value!r} can be read as {options}, and neither the other dates nor "
            "the year column settle which; pass date_format= in Python or --date-format on "
            "the command line"
        )


class MixedDateOrder(AmbiguousDates):
    """A date column holds day-first and month-first values, each proven by a day above 12.

    Attributes:
        day_first: a day-first style and a value only it reads.
        month_first: a month-first style and a value only it reads.
        rows: the first row (0-based) holding each value, when known.
    """

    def __init__(
        self,
        day_first: tuple[_Named, str],
        month_first: tuple[_Named, str],
        rows: tuple[int | None, int | None] = (None, None),
    ) -> None:
        self.day_first = day_first
        self.month_first = month_first
        self.rows = rows
        self.styles = (day_first[0], month_first[0])
        self.value = day_first[1]
        self.readings = ()
        where = [f" (row {row})" if row is not None else "" for row in rows]
        ValueError.__init__(
            self,
            f"the column mixes day-first dates like {day_first[1]!r}{where[0]} "
            f"({day_first[0].name}) with month-first dates like {month_first[1]!r}{where[1]} "
            f"({month_first[0].name}), each proven by a day above 12: a spreadsheet read "
            "some of them in the other order. Fix them at the source, or pass date_format= "
            "in Python or --date-format on the command line to read the column in one style",
        )


class MissingExtraError(EventdataError, ImportError):
    """An optional dependency is not installed; the message names the extra to install."""


class ApiError(EventdataError):
    """A request to a data API failed (after retries) or its answer cannot be read.

    Messages name the endpoint and the HTTP status; they never contain a password or token.

        status: the HTTP status code, or None when no answer came (timeout, network).
        url: the URL requested, without credentials.
    """

    def __init__(self, message: str, *, status: int | None = None, url: str | None = None) -> None:
        self.status = status
        self.url = url
        super().__init__(message)


class AuthenticationError(ApiError):
    """The API refused the credentials (HTTP 400/401 at login, 401/403 on a read)."""


class EmptyResultWarning(UserWarning):
    """A download or update received no events; the message names the filters that matched none."""


class PlainHttpWarning(UserWarning):
    """The API base URL is ``http://`` on another machine: the password travels unencrypted."""


class StoreBusyError(InputError):
    """Another process is updating the store, or changed it while this update ran."""


class RowsNotHeldError(EventdataError):
    """A report of a partitioned run holds the failures, not the rows themselves."""


class NoClusterError(EventdataError):
    """A distributed run was asked for, but no ``dask.distributed`` client is running."""
