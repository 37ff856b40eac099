"""What validation returns: every failure with its row, and the input split in two."""

from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa

from eventdata._warn import outside_stacklevel
from eventdata.exceptions import ValidationFailed
from eventdata.validation.failures import (
    FAILURE_COLUMNS,
    FailureBlock,
    failure_lines,
    failure_table,
)

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
            stacklevel=outside_stacklevel(),
        )
        return ValidationReport
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
        return failure_table(self._parsed, self._blocks, n_rows=self.n_rows)

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


def _frame(table: pa.Table, index: np.ndarray) -> pd.DataFrame:
    import pandas as pd

    from eventdata.schema.arrow import table_to_pandas

    frame = table_to_pandas(table)
    frame.index = pd.Index(index, name="row")
    return frame
