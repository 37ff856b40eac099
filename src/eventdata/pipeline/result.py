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

    def _figures(self) -> list[tuple[str, str, object]]:
        """Each figure both views show: its attribute, its label and its value (paths as text)."""
        figures = [(name, label, getattr(self, name)) for name, label in _FIGURES]
        return [(n, label, str(v) if isinstance(v, Path) else v) for n, label, v in figures]

    def __repr__(self) -> str:
        from eventdata._display import short_repr

        shown = self._figures()[:_REPR_FIGURES]
        return short_repr("WriteResult", [(name, value) for name, _, value in shown])

    def _repr_html_(self) -> str:
        from eventdata._display import html_view

        return html_view("WriteResult", [(label, value) for _, label, value in self._figures()])


_FIGURES = (
    ("path", "path"),
    ("rows_written", "rows written"),
    ("rows_invalid", "rows with errors"),
    ("rows_dropped", "rows dropped"),
    ("failures_file", "failures file"),
    ("invalid_file", "invalid rows file"),
)
"""The figures of a :class:`WriteResult`'s views: attribute and label, in the order shown."""
_REPR_FIGURES = 4
"""The one-line repr shows the first four (the files only in the notebook's table)."""
