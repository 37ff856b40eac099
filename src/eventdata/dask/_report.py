"""The report of a distributed validation: the failures of every partition, in input rows."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc

from eventdata.exceptions import RowsNotHeldError
from eventdata.schema.text import Dialect, RawTable
from eventdata.validation.arrays import ColumnMap
from eventdata.validation.parse import Parsed
from eventdata.validation.report import FailureBlock, ValidationReport

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DistributedReport", "failure_order", "rows_message_table"]


def rows_message_table(block: FailureBlock, text: pa.Array) -> pa.Table:
    """The failure table of one block whose failing cells' text is ``text``, one per row.

    Built by :class:`ValidationReport` itself (same values and messages as a whole run);
    the ``row`` column holds ``block.rows``.
    """
    raw = RawTable(table=pa.table({block.column: text}), dialect=Dialect())
    local = FailureBlock(
        rule=block.rule,
        severity=block.severity,
        column=block.column,
        rows=pa.array(range(len(text)), pa.int64()).to_numpy(),
        expected=block.expected,
    )
    parsed = Parsed(raw=raw, columns=ColumnMap(), extra=[])
    table = ValidationReport(parsed=parsed, blocks=[local]).failure_table
    assert block.rows is not None
    return table.set_column(0, "row", pa.array(block.rows, pa.int64()))


def failure_order(table: pa.Table, blocks: list[FailureBlock]) -> pa.Table:
    """Sort failures as a whole run does: by row, then in the report's order of blocks."""
    keys: list[str] = []
    for block in blocks:  # already in the report's order
        key = f"{block.rule}\x00{block.column}\x00{block.severity}"
        if key not in keys:
            keys.append(key)
    key_column = pc.binary_join_element_wise(
        table["rule"], table["column"], table["severity"], "\x00"
    )
    rank = pc.index_in(key_column, value_set=pa.array(keys, pa.string()))
    helper = table.append_column("_row", pc.fill_null(table["row"], -1)).append_column(
        "_rank", rank
    )
    ordered = helper.sort_by([("_row", "ascending"), ("_rank", "ascending")])
    return ordered.drop_columns(["_row", "_rank"])


class DistributedReport(ValidationReport):
    """A :class:`~eventdata.validation.report.ValidationReport` of a partitioned input.

    It holds every failure (``failures``, ``failure_table``, ``summary``, ``ok``,
    ``invalid_mask``, ...) with input row numbers, but not the rows themselves:
    ``valid``, ``invalid`` and ``canonical_table`` raise :class:`RowsNotHeldError`
    (write the rows with :func:`eventdata.dask.to_parquet`).
    """

    def __init__(
        self,
        *,
        blocks: list[FailureBlock],
        failure_table: pa.Table,
        n_rows: int,
        dialect: Dialect,
        source: Path | None,
    ) -> None:
        raw = RawTable(table=pa.table({}), dialect=dialect, source=source)
        super().__init__(parsed=Parsed(raw=raw, columns=ColumnMap(), extra=[]), blocks=blocks)
        self.n_rows = n_rows
        self._failures = failure_order(failure_table, self._blocks)

    @cached_property
    def failure_table(self) -> pa.Table:
        """Every failure as an Arrow table with input row numbers."""
        return self._failures

    def _not_held(self) -> RowsNotHeldError:
        return RowsNotHeldError(
            "a report of eventdata.dask.validate holds the failures, not the rows; write "
            "the valid rows with eventdata.dask.to_parquet(data, path, on_invalid='drop') "
            "(the invalid ones go to NAME.invalid.parquet beside it)"
        )

    @cached_property
    def canonical_table(self) -> pa.Table:
        """Not held: raises :class:`RowsNotHeldError`."""
        raise self._not_held()

    @property
    def valid(self) -> pd.DataFrame:
        """Not held: raises :class:`RowsNotHeldError`."""
        raise self._not_held()

    @property
    def invalid(self) -> pd.DataFrame:
        """Not held: raises :class:`RowsNotHeldError`."""
        raise self._not_held()
