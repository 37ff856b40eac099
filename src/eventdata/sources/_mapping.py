"""How a dataset's columns become the ACLED-style table: one declared row per column."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import pyarrow as pa
import pyarrow.compute as pc

if TYPE_CHECKING:
    import pandas as pd

    from eventdata.datasets import Dataset

__all__ = ["ColumnMapping", "How", "iso_of_names", "map_rows", "mapping_markdown", "typed_frame"]

How = Literal["direct", "approximated", "synthesized", "constant", "lost"]


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
    build: Callable[[Mapping[str, pa.Array]], pa.Array]


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
