"""How a dataset's columns become the ACLED-style table: one declared row per column.

A dataset's mapping is an :class:`AcledMapping`: its :class:`ColumnMapping` rows, in
output order, each saying which source columns make the column, how (``direct``,
``approximated``, ``synthesized``, ``constant`` or ``lost``) and by which builder. The
same declaration computes the table (:meth:`AcledMapping.table`), names the extra columns
and the source columns not carried, and renders the table in the dataset's docs page
(:meth:`AcledMapping.markdown`). The builders every mapping needs (a column as it is, cast,
a constant, a blank) and the rows for constant and lost columns live here, once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import pyarrow as pa
import pyarrow.compute as pc

if TYPE_CHECKING:
    import pandas as pd
    from typing_extensions import Unpack

    from eventdata.datasets import Dataset
    from eventdata.pipeline.read import ReaderOptions

__all__ = [
    "AcledMapping",
    "Build",
    "ColumnMapping",
    "How",
    "cast",
    "column",
    "constant",
    "direct",
    "iso_of_names",
    "lost",
    "map_rows",
    "mapping_markdown",
    "repeat",
    "typed_frame",
]

How = Literal["direct", "approximated", "synthesized", "constant", "lost"]

Build = Callable[[Mapping[str, pa.Array]], pa.Array]
"""Computes one output column from the typed source columns, by name."""


@dataclass(frozen=True)
class ColumnMapping:
    """How one output column is made from a dataset's columns.

    Attributes:
        column: the output column (an ACLED column or one of the mapping's extra columns).
        inputs: the source columns it is made from (empty for constants and lost columns).
        how: ``direct``, ``approximated``, ``synthesized``, ``constant`` or ``lost``.
        rule: how the value is made, in words (the docs table shows it).
        build: computes the column from the typed source columns, by name.
    """

    column: str
    inputs: tuple[str, ...]
    how: How
    rule: str
    build: Build


def _rows(columns: Mapping[str, pa.Array]) -> int:
    return len(next(iter(columns.values())))


def column(name: str) -> Build:
    """A builder of the source column ``name`` as it is."""
    return lambda c: c[name]


def cast(name: str, kind: pa.DataType) -> Build:
    """A builder of the source column ``name`` cast to ``kind``."""
    return lambda c: pc.cast(c[name], kind)


def repeat(value: Any, kind: pa.DataType | None = None) -> Build:
    """A builder of a column holding ``value`` (None: blank) on every row, text by default."""
    type_ = pa.string() if kind is None else kind
    return lambda c: pa.array([value] * _rows(c), type_)


def direct(output: str, source: str | None = None, rule: str | None = None) -> ColumnMapping:
    """The row of an output column that is the source column ``source`` as it is.

    Args:
        output: the output column.
        source: the source column (``output`` when None).
        rule: what the docs say of it (the source column's name when None).
    """
    name = output if source is None else source
    return ColumnMapping(output, (name,), "direct", rule or name, column(name))


def constant(output: str, value: str, rule: str | None = None) -> ColumnMapping:
    """The row of an output column holding ``value`` on every row."""
    return ColumnMapping(output, (), "constant", rule or f"`{value}`", repeat(value))


def lost(output: str, rule: str) -> ColumnMapping:
    """The row of an ACLED column the dataset has nothing to fill with: blank on every row.

    The builder gives nulls of the column's kind; conforming the table to the canonical
    schema makes a list column (``tags``, ``source``, the associated actors) an empty
    list on every row, as ACLED's blank cells read.
    """
    from eventdata.schema.arrow import arrow_schema

    kind = arrow_schema().field(output).type
    blank = pa.list_(pa.string()) if pa.types.is_list(kind) else pa.string()
    return ColumnMapping(output, (), "lost", rule, repeat(None, blank))


@dataclass(frozen=True)
class AcledMapping:
    """A dataset's mapping to the ACLED-style table.

    Attributes:
        dataset: the dataset mapped.
        rows: one :class:`ColumnMapping` per output column, in output order: ACLED's
            columns, then the extra columns that keep what identifies the source row.
    """

    dataset: Dataset
    rows: tuple[ColumnMapping, ...]

    @property
    def extra_columns(self) -> tuple[str, ...]:
        """The output columns after ACLED's, in order (``dataset``, the source's ids...)."""
        from eventdata.models.event import ACLED_COLUMNS

        return tuple(m.column for m in self.rows if m.column not in ACLED_COLUMNS)

    def lost_columns(self) -> tuple[str, ...]:
        """The dataset's columns no output column is made from, in file order."""
        used = {name for m in self.rows for name in m.inputs}
        return tuple(name for name in self.dataset.columns if name not in used)

    def table(
        self, data: Any, /, *, timestamp: int = 0, **options: Unpack[ReaderOptions]
    ) -> pa.Table:
        """The ACLED-style table of the dataset's input ``data`` (see :func:`map_rows`).

        ``data`` is read as the dataset (any input its reader takes, read as ``options``
        say) and refused when it is another dataset's.
        """
        from eventdata.pipeline.read import read_dataset_table

        typed = read_dataset_table(data, dataset=self.dataset, **options)
        return map_rows(typed, self.rows, timestamp=timestamp)

    def frame(
        self, data: Any, /, *, timestamp: int = 0, **options: Unpack[ReaderOptions]
    ) -> pd.DataFrame:
        """:meth:`table` as a DataFrame like ``read_acled``'s."""
        from eventdata.schema.arrow import table_to_pandas

        return table_to_pandas(self.table(data, timestamp=timestamp, **options))

    def markdown(self) -> str:
        """The mapping as a Markdown table, then the dataset's columns it does not carry."""
        source = self.dataset.title
        lost_ = ", ".join(f"`{name}`" for name in self.lost_columns())
        table = mapping_markdown(self.rows, source=source)
        return f"{table}\nTyped {source} columns not carried into the ACLED table: {lost_}.\n"


def mapping_markdown(mapping: Sequence[ColumnMapping], *, source: str) -> str:
    """Render a mapping as a Markdown table: output column, source columns, how, rule."""
    lines = [f"| output column | from {source} | how | rule |", "|---|---|---|---|"]
    for m in mapping:
        inputs = ", ".join(f"`{name}`" for name in m.inputs) or "-"
        lines.append(f"| `{m.column}` | {inputs} | {m.how} | {m.rule} |")
    return "\n".join(lines) + "\n"


def map_rows(typed: pa.Table, mapping: Sequence[ColumnMapping], *, timestamp: int) -> pa.Table:
    """The ACLED-style table a dataset's ``mapping`` makes of its typed table.

    Each mapping row builds its column from the typed columns (dictionary columns as
    text); ``timestamp`` is written on every row; the result is conformed to the
    canonical schema, the mapping's extra columns after ACLED's.
    """
    from eventdata.schema.arrow import conform

    columns: dict[str, pa.Array] = {}
    for name in typed.column_names:
        column = typed.column(name)
        array = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
        if pa.types.is_dictionary(array.type):
            array = pc.cast(array, array.type.value_type)
        columns[name] = array
    arrays = {m.column: m.build(columns) for m in mapping}
    arrays["timestamp"] = pa.array([timestamp] * typed.num_rows, pa.int64())
    result: pa.Table = conform(pa.table(arrays))
    return result


def typed_frame(table: pa.Table, dataset: Dataset) -> pd.DataFrame:
    """A dataset's typed table as the DataFrame its reader returns (Arrow-backed columns)."""
    import pandas as pd

    frame: pd.DataFrame = table.to_pandas(types_mapper=pd.ArrowDtype)
    frame.attrs["eventdata.dialect"] = dataset.dialect
    return frame


def iso_of_names(names: pa.Array) -> pa.Array:
    """The ISO 3166 numeric code of each country name (null when unknown).

    Each distinct name is looked up once; a name two codes share takes the lower.
    """
    from eventdata.vocabulary.acled_countries import numerics_of_name

    distinct = pc.unique(names).to_pylist()
    codes = [min(numerics_of_name(n)) if n and numerics_of_name(n) else None for n in distinct]
    position = pc.index_in(names, value_set=pa.array(distinct, pa.string()))
    out_: pa.Array = pc.take(pa.array(codes, pa.int64()), position)
    return out_
