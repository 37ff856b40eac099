"""What every writer of event data returns: :class:`WriteResult`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

__all__ = ["OnInvalid", "WriteResult"]

OnInvalid = Literal["raise", "drop", "keep"]
"""What a writer does with rows that break an error rule; ``"raise"`` by default everywhere."""


@dataclass
class WriteResult:
    """What a write produced: ``to_parquet``, ``convert``, ``write_acled`` and dask's.

    Attributes:
        path: the file or dataset directory written.
        rows_written: rows in the output.
        rows_invalid: rows with at least one error (0 when not validated).
        rows_dropped: invalid rows left out (``on_invalid="drop"``).
        failures_file: the failure table (one row per failure, input row numbers), when
            validation found failures; else None.
        invalid_file: the invalid rows as the input's text with their input ``row``
            number, when any.
        summary: the validation summary (counts per rule and severity, sizes, dialect).
        report: the validation report (in-memory writes only).

    """

    path: Path
    rows_written: int
    rows_invalid: int = 0
    rows_dropped: int = 0
    failures_file: Path | None = None
    invalid_file: Path | None = None
    summary: dict[str, Any] = field(default_factory=dict)
    report: Any = None

    def __repr__(self) -> str:
        from eventdata._display import short_repr

        return short_repr(
            "WriteResult",
            [
                ("path", str(self.path)),
                ("rows_written", self.rows_written),
                ("rows_invalid", self.rows_invalid),
                ("rows_dropped", self.rows_dropped),
            ],
        )

    def _repr_html_(self) -> str:
        from eventdata._display import html_view

        return html_view(
            "WriteResult",
            [
                ("path", str(self.path)),
                ("rows written", self.rows_written),
                ("rows with errors", self.rows_invalid),
                ("rows dropped", self.rows_dropped),
                ("failures file", None if self.failures_file is None else str(self.failures_file)),
                (
                    "invalid rows file",
                    None if self.invalid_file is None else str(self.invalid_file),
                ),
            ],
        )
