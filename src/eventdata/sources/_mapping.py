"""How a dataset's columns become the ACLED-style table: one declared row per column."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import pyarrow as pa

__all__ = ["ColumnMapping", "How", "mapping_markdown"]

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
