"""The failure table of a validation: every failing row of every rule, one line each.

:class:`FailureBlock` is what the engine collects (all rows failing one rule on one
column); :func:`failure_table` turns blocks into the Arrow table of
:data:`FAILURE_COLUMNS` that :class:`~eventdata.validation.report.ValidationReport`
shows and writes, and :func:`failure_lines` into the lines of an error message.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from eventdata.rules.base import Severity

if TYPE_CHECKING:
    from eventdata.validation.parse import Parsed

__all__ = [
    "FAILURE_COLUMNS",
    "FAILURE_SCHEMA",
    "FailureBlock",
    "failure_lines",
    "failure_table",
    "text_column",
]


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


def failure_table(parsed: Parsed, blocks: Sequence[FailureBlock], *, n_rows: int) -> pa.Table:
    """Every failure of ``blocks`` as an Arrow table with :data:`FAILURE_COLUMNS`, by row.

    Args:
        parsed: the parsed input the blocks were found in (values and ids are taken from it).
        blocks: the failures, in the order they are listed within a row.
        n_rows: the number of data records in the input.
    """
    raw = parsed.raw.table
    ids = _ids(parsed, n_rows)
    parts = []
    for block in blocks:
        rows = block.rows
        if rows is None:
            n = 1
            row_array = pa.nulls(1, pa.int64())
            id_array = pa.nulls(1, pa.string())
            value = pa.nulls(1, pa.string())
            message = pa.array([f"column {block.column!r} is missing; expected {block.expected}"])
        else:
            n = len(rows)
            indices = pa.array(rows, pa.int64())
            row_array = indices
            id_array = pc.take(ids, indices)
            value = pc.take(text_column(raw, block.column, n_rows), indices)
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
                detail = pc.binary_join_element_wise(message, " (here: ", block.details, ")", "")
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


def _ids(parsed: Parsed, n_rows: int) -> pa.Array:
    """Each row's id as the failures show it (``GED<id>`` for UCDP GED rows)."""
    dataset = parsed.dataset
    if dataset.id_column in parsed.raw.table.column_names:
        ids = text_column(parsed.raw.table, dataset.id_column, n_rows)
    elif dataset.id_column in parsed.columns:  # an id derived from other columns
        derived = parsed.columns[dataset.id_column]
        derived = derived.combine_chunks() if isinstance(derived, pa.ChunkedArray) else derived
        ids = pc.cast(derived, pa.string())
    else:
        ids = pa.nulls(n_rows, pa.string())
    if not dataset.failure_id_prefix:
        return ids
    ids = pc.utf8_trim_whitespace(ids)
    ids = pc.if_else(pc.equal(ids, ""), pa.scalar(None, pa.string()), ids)
    return pc.binary_join_element_wise(dataset.failure_id_prefix, ids, "")


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


def text_column(table: pa.Table, name: str, n: int) -> pa.Array:
    """Column ``name`` of ``table`` as one array; ``n`` nulls when the table lacks it."""
    if name not in table.column_names:
        return pa.nulls(n, pa.string())
    column = table.column(name)
    return column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
