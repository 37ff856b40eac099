"""What validation returns: every failure with its row, and the input split in two."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.exceptions import ValidationFailed
from eventdata.rules.base import Severity

if TYPE_CHECKING:
    import pandas as pd

    from eventdata.datasets import Dataset
    from eventdata.validation.parse import Parsed

__all__ = ["FAILURE_COLUMNS", "FailureBlock", "ValidationReport"]


def __getattr__(name: str) -> Any:
    if name == "GedValidationReport":  # one report for every dataset
        import warnings

        warnings.warn(
            "GedValidationReport is ValidationReport: every dataset's validation returns a "
            "ValidationReport; use that name (this one goes in the next release)",
            DeprecationWarning,
            stacklevel=2,
        )
        return ValidationReport
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


FAILURE_COLUMNS: tuple[str, ...] = (
    "row",
    "event_id_cnty",
    "column",
    "rule",
    "severity",
    "value",
    "message",
)
"""Columns of ``ValidationReport.failures``, in order."""

FAILURE_SCHEMA = pa.schema(
    [
        pa.field(
            "row",
            pa.int64(),
            metadata={"description": "0-based data record; null for the whole input"},
        ),
        pa.field("event_id_cnty", pa.string()),
        pa.field("column", pa.string()),
        pa.field("rule", pa.string()),
        pa.field("severity", pa.string()),
        pa.field("value", pa.string(), metadata={"description": "the text as found in the input"}),
        pa.field("message", pa.string()),
    ]
)


@dataclass(frozen=True)
class FailureBlock:
    """All rows failing one rule on one column.

    Attributes:
        rows: 0-based row positions, or None when the failure concerns the whole input
            (a missing column).
        details: per failing row, the value the rule expected (aligned with ``rows``).
    """

    rule: str
    severity: Severity
    column: str
    rows: np.ndarray | None
    expected: str
    details: pa.Array | None = None

    @property
    def count(self) -> int:
        """Number of failures in the block (1 for a whole-input failure)."""
        return 1 if self.rows is None else len(self.rows)


class ValidationReport:
    """The outcome of :func:`eventdata.validate`.

    Attributes:
        n_rows: number of data records in the input.
        dialect: what was recognised in the input.
        source: the path validated, or None.
    """

    def __init__(self, *, parsed: Parsed, blocks: list[FailureBlock]) -> None:
        self._parsed = parsed
        self._blocks = sorted(blocks, key=lambda b: (b.severity != "error", b.rule, b.column))
        self.n_rows: int = parsed.raw.n_rows
        self.dialect = parsed.raw.dialect
        self.source: Path | None = parsed.raw.source

    @property
    def dataset(self) -> Dataset:
        """The dataset the input was validated as (ACLED, UCDP GED, ...), and so its rules."""
        return self._parsed.dataset

    # -- verdict -----------------------------------------------------------------------

    def __bool__(self) -> bool:
        """``if report:`` means "no errors", as ``report.ok`` does."""
        return self.ok

    @property
    def ok(self) -> bool:
        """True when no failure has severity ``error`` (warnings are allowed)."""
        return not any(b.severity == "error" for b in self._blocks)

    @property
    def n_errors(self) -> int:
        """Number of error failures."""
        return sum(b.count for b in self._blocks if b.severity == "error")

    @property
    def n_warnings(self) -> int:
        """Number of warning failures."""
        return sum(b.count for b in self._blocks if b.severity == "warning")

    @cached_property
    def invalid_mask(self) -> np.ndarray:
        """Boolean array over input rows: True where the row has at least one error."""
        mask = np.zeros(self.n_rows, dtype=bool)
        for block in self._blocks:
            if block.severity != "error":
                continue
            if block.rows is None:
                mask[:] = True
            else:
                mask[block.rows] = True
        return mask

    @property
    def invalid_rows(self) -> np.ndarray:
        """0-based positions of the rows with at least one error."""
        return np.flatnonzero(self.invalid_mask)

    # -- failures ----------------------------------------------------------------------

    @cached_property
    def failure_table(self) -> pa.Table:
        """Every failure as an Arrow table with :data:`FAILURE_COLUMNS`."""
        return self._failure_table()

    def _failure_table(self) -> pa.Table:
        raw = self._parsed.raw.table
        ids = self._ids()
        parts = []
        for block in self._blocks:
            rows = block.rows
            if rows is None:
                n = 1
                row_array = pa.nulls(1, pa.int64())
                id_array = pa.nulls(1, pa.string())
                value = pa.nulls(1, pa.string())
                message = pa.array(
                    [f"column {block.column!r} is missing; expected {block.expected}"]
                )
            else:
                n = len(rows)
                indices = pa.array(rows, pa.int64())
                row_array = indices
                id_array = pc.take(ids, indices)
                value = pc.take(_text_column(raw, block.column, self.n_rows), indices)
                shown = pc.if_else(
                    pc.is_null(value),
                    "blank",
                    pc.binary_join_element_wise("'", _clip(value), "'", ""),
                )
                message = pc.binary_join_element_wise(
                    f"{block.column}: ",
                    shown,
                    f" fails {block.rule}; expected {block.expected}",
                    "",
                )
                if block.details is not None:
                    detail = pc.binary_join_element_wise(
                        message, " (here: ", block.details, ")", ""
                    )
                    message = pc.coalesce(detail, message)
            parts.append(
                pa.table(
                    [
                        row_array,
                        id_array,
                        pa.array([block.column] * n, pa.string()),
                        pa.array([block.rule] * n, pa.string()),
                        pa.array([block.severity] * n, pa.string()),
                        value,
                        message,
                    ],
                    schema=FAILURE_SCHEMA,
                )
            )
        if not parts:
            return FAILURE_SCHEMA.empty_table()
        table = pa.concat_tables(parts)
        order = pc.sort_indices(pc.fill_null(table["row"], -1))
        return table.take(order)

    def _ids(self) -> pa.Array:
        """Each row's id as the failures show it (``GED<id>`` for UCDP GED rows)."""
        dataset = self._parsed.dataset
        ids = _text_column(self._parsed.raw.table, dataset.id_column, self.n_rows)
        if not dataset.failure_id_prefix:
            return ids
        ids = pc.utf8_trim_whitespace(ids)
        ids = pc.if_else(pc.equal(ids, ""), pa.scalar(None, pa.string()), ids)
        return pc.binary_join_element_wise(dataset.failure_id_prefix, ids, "")

    @property
    def failures(self) -> pd.DataFrame:
        """One row per failure: row, event_id_cnty, column, rule, severity, value, message."""
        import pandas as pd

        frame: pd.DataFrame = self.failure_table.to_pandas(types_mapper=pd.ArrowDtype)
        return frame

    def counts(self) -> dict[str, int]:
        """Number of failures per rule name."""
        out: dict[str, int] = {}
        for block in self._blocks:
            out[block.rule] = out.get(block.rule, 0) + block.count
        return out

    def summary(self) -> dict[str, Any]:
        """A JSON-ready summary: verdict, sizes, dialect, counts per rule and severity."""
        by_rule: dict[str, dict[str, Any]] = {}
        for block in self._blocks:
            entry = by_rule.setdefault(block.rule, {"severity": block.severity, "count": 0})
            entry["count"] += block.count
        return {
            "source": str(self.source) if self.source else None,
            "dialect": self.dialect.name,
            "dialect_details": self.dialect.describe(),
            "dialect_notes": list(self.dialect.notes),
            "n_rows": self.n_rows,
            "ok": self.ok,
            "n_valid": int(self.n_rows - self.invalid_mask.sum()),
            "n_invalid": int(self.invalid_mask.sum()),
            "n_errors": self.n_errors,
            "n_warnings": self.n_warnings,
            "counts": by_rule,
        }

    # -- the input, split -----------------------------------------------------------------

    @cached_property
    def canonical_table(self) -> pa.Table:
        """The whole input, parsed into its dataset's typed columns (nulls where invalid)."""
        from eventdata.validation.parse import typed_table

        return typed_table(self._parsed)

    @property
    def valid(self) -> pd.DataFrame:
        """The rows without errors, in canonical columns and types, indexed by input row."""
        keep = np.flatnonzero(~self.invalid_mask)
        return _frame(self.canonical_table.take(pa.array(keep, pa.int64())), keep)

    @property
    def invalid(self) -> pd.DataFrame:
        """The rows with errors, as the input's text (nothing lost), indexed by input row."""
        rows = self.invalid_rows
        table = self._parsed.raw.complete().table
        return _frame(table.take(pa.array(rows, pa.int64())), rows)

    def raise_if_failed(self) -> None:
        """Raise :class:`~eventdata.ValidationFailed` when the report is not ``ok``."""
        if self.ok:
            return
        where = f"{self.source}: " if self.source else ""
        lines = failure_lines(self.failure_table)
        summary = (
            f"{self.n_errors} error(s) in {int(self.invalid_mask.sum())} of {self.n_rows} rows"
            f" ({', '.join(f'{k}: {v}' for k, v in self.counts().items())})"
        )
        raise ValidationFailed(
            f"{where}{summary}. First failures:\n"
            + "\n".join(lines)
            + "\nSee report.failures for all of them.",
            summary=summary,
            failures=lines,
        )

    # -- export -----------------------------------------------------------------------------

    def to_json(self, path: str | Path | None = None, /, *, max_failures: int | None = None) -> str:
        """The summary plus every failure (or the first ``max_failures``) as one JSON document."""
        failures = self.failure_table
        if max_failures is not None:
            failures = failures.slice(0, max_failures)
        document = {**self.summary(), "failures": failures.to_pylist()}
        text = json.dumps(document, ensure_ascii=False, indent=2, default=str)
        if path is not None:
            from eventdata._atomic import atomic_path

            with atomic_path(Path(path)) as tmp:
                Path(tmp).write_text(text + "\n", encoding="utf-8")
        return text

    def to_parquet(self, path: str | Path, /) -> None:
        """Write the failure table to Parquet, with the summary as key-value metadata."""
        import pyarrow.parquet as pq

        from eventdata._atomic import atomic_path

        table = self.failure_table.replace_schema_metadata(
            {"eventdata.validation": json.dumps(self.summary(), default=str)}
        )
        with atomic_path(Path(path)) as tmp:
            pq.write_table(table, tmp, compression="zstd")

    def format_text(self, *, max_failures: int = 20) -> str:
        """A readable report for terminals: verdict, counts per rule, the first failures."""
        s = self.summary()
        verdict = "OK" if self.ok else "FAILED"
        head = f"{self.source or 'input'}: {verdict} - {self.n_rows} rows ({s['dialect_details']})"
        lines = [
            head,
            f"  {s['n_valid']} valid, {s['n_invalid']} invalid; "
            f"{self.n_errors} errors, {self.n_warnings} warnings",
        ]
        if s["counts"]:
            lines.append("  by rule:")
            for rule, entry in s["counts"].items():
                lines.append(f"    {entry['severity']:<7} {rule:<48} {entry['count']}")
        shown = self.failure_table.slice(0, max_failures).to_pylist()
        if shown:
            lines.append(f"  first {len(shown)} of {self.failure_table.num_rows} failures:")
            for r in shown:
                where = f"row {r['row']}" if r["row"] is not None else "input"
                lines.append(
                    f"    {where} [{r['event_id_cnty'] or '-'}] {r['severity']}: {r['message']}"
                )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.format_text()

    def __repr__(self) -> str:
        return (
            f"<ValidationReport ok={self.ok} n_rows={self.n_rows} "
            f"errors={self.n_errors} warnings={self.n_warnings}>"
        )

    def _repr_html_(self) -> str:
        from eventdata._display import Detail, html_view

        s = self.summary()
        rules = sorted(s["counts"].items(), key=lambda kv: (kv[1]["severity"], -kv[1]["count"]))
        shown = self.failure_table.slice(0, 10).to_pylist()
        return html_view(
            f"ValidationReport: {'OK' if self.ok else 'FAILED'}",
            [
                ("source", s["source"] or "input"),
                ("dialect", s["dialect_details"]),
                ("rows", self.n_rows),
                ("valid / invalid", f"{s['n_valid']:,} / {s['n_invalid']:,}"),
                ("errors / warnings", f"{self.n_errors:,} / {self.n_warnings:,}"),
            ],
            details=[
                Detail(
                    "Failures by rule",
                    ("rule", "severity", "failures"),
                    [(rule, e["severity"], e["count"]) for rule, e in rules],
                ),
                Detail(
                    "Failures",
                    ("row", "event_id_cnty", "column", "rule", "message"),
                    [
                        (r["row"], r["event_id_cnty"], r["column"], r["rule"], r["message"])
                        for r in shown
                    ],
                    total=self.failure_table.num_rows,
                ),
            ],
        )


def failure_lines(failures: pa.Table, /, *, offset: int = 0, limit: int = 5) -> list[str]:
    """The first ``limit`` error failures, one line each: ``  row 3 (IRQ1): message``.

    Args:
        failures: a failure table (:data:`FAILURE_SCHEMA`).
        offset: added to row numbers (a block's first row in the whole input).
        limit: how many lines at most.
    """
    errors = failures.filter(pc.equal(failures["severity"], "error")).slice(0, limit)
    return [
        f"  row {r['row'] + offset} ({r['event_id_cnty']}): {r['message']}"
        if r["row"] is not None
        else f"  {r['message']}"
        for r in errors.to_pylist()
    ]


MAX_SHOWN = 120
"""Characters of a value shown in a failure message (the ``value`` column keeps it all)."""


def _clip(value: pa.Array) -> pa.Array:
    """Values longer than :data:`MAX_SHOWN` characters cut, with an ellipsis."""
    long = pc.fill_null(pc.greater(pc.utf8_length(value), MAX_SHOWN), False)
    if not pc.any(long).as_py():
        return value
    cut = pc.binary_join_element_wise(pc.utf8_slice_codeunits(value, 0, MAX_SHOWN), "...", "")
    return pc.if_else(long, cut, value)


def _text_column(table: pa.Table, name: str, n: int) -> pa.Array:
    if name not in table.column_names:
        return pa.nulls(n, pa.string())
    column = table.column(name)
    return column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)


def _frame(table: pa.Table, index: np.ndarray) -> pd.DataFrame:
    import pandas as pd

    from eventdata.schema.arrow import table_to_pandas

    frame = table_to_pandas(table)
    frame.index = pd.Index(index, name="row")
    return frame
