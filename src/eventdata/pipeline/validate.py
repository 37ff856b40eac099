"""Validation of any input: files and frames are read as text, then validated.

:func:`validate` (and :func:`validate_ged`, its alias for GED) is where inputs meet
validation: it reads a path, DataFrame or Arrow table with
:func:`~eventdata.pipeline.inputs.read_input` (skipping the free-text columns no rule reads) and
hands the text table to
:func:`~eventdata.validation.engine.validate_table`, which opens no file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal

from eventdata.datasets import Dataset, resolve, skippable
from eventdata.pipeline.inputs import read_input
from eventdata.rules.base import Rule
from eventdata.schema.text import RawTable
from eventdata.validation.engine import validate_table
from eventdata.validation.report import ValidationReport

__all__ = ["validate", "validate_ged"]


def validate(
    data: Any,
    /,
    *,
    select: str | Sequence[str] | None = None,
    ignore: str | Sequence[str] | None = None,
    rules: Iterable[Rule] = (),
    dataset: str | Dataset = "auto",
    date_format: str | None = None,
    encoding: str | None = None,
    sheet: str | int | None = None,
    on_truncated: Literal["raise", "invalid"] = "raise",
) -> ValidationReport:
    """Validate event data against its codebook, columnar, reporting every failure.

    Args:
        data: a pandas or polars DataFrame, a pyarrow Table, or a path (``str`` or
            ``Path``) to CSV, JSON / JSON Lines (including saved ACLED API responses),
            Excel or Parquet.
        select: only run rules whose name equals or starts with one of these
            (``"vocabulary"`` selects ``vocabulary.event_type`` and the rest).
        ignore: skip rules whose name equals or starts with one of these.
        rules: extra :class:`~eventdata.rules.base.Rule` objects to run; their
            ``columnar`` callables receive the parsed columns by name.
        dataset: ``"auto"`` (recognised from the columns), a registered name
            (``"acled"``, ``"ucdp"``, ``"gtd"``) or a :class:`~eventdata.Dataset`; a table
            that is not the dataset named is refused.
        date_format: the style of the date column (``"%d-%m-%y"``, ...; docs/dialects.md);
            decided from the whole column and ``year`` when None.
        encoding: the text encoding of a CSV file; detected when None.
        sheet: the sheet of a workbook (name or 0-based index); when None, the sheet
            holding the table (``report.dialect.notes`` says which).
        on_truncated: ``"invalid"`` reads a file whose last record is cut off, the cut
            record an invalid row; ``"raise"`` (default) refuses it, naming the line.

    Returns:
        The report: ``ok``, ``n_rows``, ``failures``, ``valid``, ``invalid`` and more.

    Raises:
        InputError: the input cannot be read at all (missing file, garbage bytes), or its
            dates can be read in several ways (pass ``date_format``).
        NotEventDataError: the input is not one event per row (an aggregate table), or
            is not the dataset named.
        UnknownRuleError: ``select`` or ``ignore`` names no rule.
        ValueError: ``dataset`` names no dataset.
    """
    rules = tuple(rules)
    found = resolve(dataset)  # refuse an unknown name before reading anything
    if isinstance(data, RawTable):
        raw = data
    else:  # user rules may read any column: skip nothing for them
        skip = () if rules else skippable(found)
        raw = read_input(
            data,
            skip=skip,
            encoding=encoding,
            date_format=date_format,
            sheet=sheet,
            on_truncated=on_truncated,
        )
    return validate_table(raw, select=select, ignore=ignore, rules=rules, dataset=found or "auto")


def validate_ged(
    source: Any,
    /,
    *,
    select: str | Sequence[str] | None = None,
    ignore: str | Sequence[str] | None = None,
) -> ValidationReport:
    """Validate UCDP GED data: ``validate(source, dataset="ucdp", ...)``.

    Args:
        source: a path to a GED CSV (also JSON, JSON Lines or Parquet), a pandas DataFrame
            or a pyarrow Table.
        select: only run rules whose name equals or starts with one of these
            (``"deaths"`` selects ``deaths.best_sum`` and ``deaths.low_best_high``).
        ignore: skip rules whose name equals or starts with one of these.

    Returns:
        The report; ``deaths.low_best_high`` is a warning and never makes a row invalid.

    Raises:
        InputError: the input cannot be read at all.
        NotEventDataError: the input is not UCDP GED (naming the reader that fits).
        UnknownRuleError: ``select`` or ``ignore`` names no GED rule.
    """
    return validate(source, select=select, ignore=ignore, dataset="ucdp")
