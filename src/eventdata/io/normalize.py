"""From an all-text table as a reader gives it to the :class:`RawTable` validation reads.

Every reader ends here: the header is matched (case, spacing, a pandas index column), blank
markers and the decimal commas of European files are cleared, and the dialect is named
(older ACLED columns renamed).
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from eventdata.io.blanks import clear_markers, clear_zero_text
from eventdata.io.dialects import detect_dialect
from eventdata.io.headers import decimal_commas, fold_header, is_row_names, refuse_headerless
from eventdata.schema.text import PANDAS_INDEX_NAMES, Dialect, RawTable
from eventdata.vocabulary.legacy import LEGACY_RENAMES

__all__ = ["markers_note", "normalize"]


def markers_note(markers: list[str], columns: list[str]) -> str:
    """The dialect note saying which blank markers were read as blank, and where."""
    shown = ", ".join(columns[:4]) + (f" and {len(columns) - 4} more" if len(columns) > 4 else "")
    return f"read {'/'.join(markers)} as blank (in {shown})"


def _sample(table: pa.Table, name: str, n: int = 50) -> list[str]:
    if name not in table.column_names:
        return []
    return [v for v in table.column(name).slice(0, n).to_pylist() if v]


_SCANNED_FORMATS = frozenset({"json", "jsonl", "geojson", "excel", "dataframe", "polars"})
"""Inputs whose blank markers are found by scanning (a CSV parser finds its own)."""


def normalize(table: pa.Table, dialect: Dialect, path: Path | None) -> RawTable:
    """An all-text table as a :class:`RawTable`: header matched, blanks and dialect decided."""
    table = fold_header(table, dialect)
    names = list(table.column_names)
    if names and names[0] in PANDAS_INDEX_NAMES and is_row_names(table, names):
        dialect.notes.append(
            f"dropped the pandas index column {names[0]!r} (a row number; R's write.csv "
            "row names look the same)"
        )
        table = table.drop_columns([names[0]])
        names = names[1:]
    refuse_headerless(names, path)
    if dialect.format in _SCANNED_FORMATS:
        table, markers, marked = clear_markers(table)
        if markers:
            dialect.blank_markers = markers
            dialect.notes.append(markers_note(markers, marked))
    if dialect.delimiter != ",":  # a European file: ';' between fields, ',' in numbers
        table = decimal_commas(table, dialect)
    table, zeros = clear_zero_text(table)
    if zeros:
        dialect.blank_markers = [*dialect.blank_markers, "0"]
        dialect.notes.append(markers_note(["0"], zeros) + ": text columns where 0 means none")
    dialect.name = detect_dialect(
        names,
        inter_sample=_sample(table, "inter1"),
        event_type_sample=_sample(table, "event_type"),
    )
    if dialect.name == "legacy":
        renamed = [LEGACY_RENAMES.get(n, n) for n in names]
        for old, new in LEGACY_RENAMES.items():
            if old in names:
                dialect.notes.append(f"mapped {old} -> {new}")
        table = table.rename_columns(renamed)
        dialect.notes.append(
            "legacy (ACLED v6/v7) event types are kept as they are; sub_event_type and "
            "disorder_type stay blank (they did not exist)"
        )
        if "gwno" in names and "iso" not in names:
            dialect.notes.append(
                "gwno (Gleditsch-Ward code) kept as an extra column; iso stays blank"
            )
    return RawTable(table=table, dialect=dialect, source=path)
