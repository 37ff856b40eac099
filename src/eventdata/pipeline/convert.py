"""Streaming conversion of large CSV / JSON Lines files to (Geo)Parquet, in bounded memory.

The input is read in blocks of whole records (:mod:`eventdata.io.blocks`: pyarrow's
``open_csv`` by default, or byte ranges cut at record boundaries), each block is checked
with global row numbers and duplicates across blocks (:mod:`eventdata.pipeline.checked_blocks`),
and written as one Parquet row group (:mod:`eventdata.pipeline.streamed`). Reading,
checking and writing run on three threads connected by one-block queues, so at most a few
blocks are in memory whatever the input size.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypedDict

from eventdata.exceptions import InputError, NotEventDataError
from eventdata.io.blocks import DEFAULT_BLOCK_SIZE as DEFAULT_BLOCK_SIZE
from eventdata.io.blocks import DEFAULT_READER as DEFAULT_READER
from eventdata.io.blocks import iter_text_blocks as iter_text_blocks
from eventdata.io.blocks import read_ahead
from eventdata.io.formats import input_format

if TYPE_CHECKING:
    from eventdata.pipeline.write import OnInvalid, WriteResult
    from eventdata.schema.text import RawTable

# The validation engine is imported only once the input is being read: Arrow parses the
# first blocks on the reader's thread (without the GIL) while Python imports it.

__all__ = ["DEFAULT_BLOCK_SIZE", "Progress", "convert", "iter_text_blocks"]

Progress = Callable[[int, int], None]
"""``progress(bytes_done, bytes_total)``, called after each block is written."""


class _Writing(TypedDict):
    """The options a conversion passes on whether it streams or reads whole."""

    on_invalid: OnInvalid
    partition_by: list[str] | None
    validate: bool
    geo: bool
    compression: str
    compression_level: int | None
    date_format: str | None
    encoding: str | None


def convert(
    src: str | os.PathLike[str],
    dst: str | os.PathLike[str],
    /,
    *,
    on_invalid: OnInvalid = "raise",
    partition_by: list[str] | None = None,
    block_size: int = DEFAULT_BLOCK_SIZE,
    progress: Progress | None = None,
    validate: bool = True,
    reader: str = DEFAULT_READER,
    geo: bool = True,
    compression: str = "zstd",
    compression_level: int | None = 1,
    date_format: str | None = None,
    encoding: str | None = None,
    sheet: str | int | None = None,
    on_truncated: Literal["raise", "invalid"] = "raise",
    escape_formulas: bool = False,
) -> WriteResult:
    """Convert a CSV or JSON Lines file to (Geo)Parquet block by block, validating each block.

    Memory stays bounded (about three blocks) whatever the input size. Other inputs (JSON
    documents, Parquet) are read whole and written with
    :func:`~eventdata.pipeline.write.to_parquet`; a ``.csv`` destination writes ACLED CSV.

    Args:
        src: the input file (``.csv``, ``.txt``, ``.jsonl``, ``.ndjson``; others are read whole).
        dst: the output ``.parquet`` file, a dataset directory with ``partition_by``, or
            a ``.csv`` file.
        on_invalid: ``"raise"`` (stop at the first block with an error; nothing is
            written), ``"drop"`` or ``"keep"``, as for
            :func:`~eventdata.pipeline.write.to_parquet`, including the side files
            ``NAME.failures.parquet`` and ``NAME.invalid.parquet``.
        partition_by: columns of a hive-partitioned output dataset.
        block_size: bytes per block (tuning; each block is one Parquet row group).
        reader: how CSV blocks are read, ``"open_csv"`` or ``"ranges"`` (see
            :func:`iter_text_blocks`).
        progress: called with ``(bytes_done, bytes_total)`` after each block.
        validate: run the validation rules.
        geo: write GeoParquet geometry and bbox columns.
        compression: Parquet codec.
        compression_level: codec level.
        date_format: the style of ``event_date`` (docs/dialects.md); decided from the first
            block's whole column when None and then kept for every block.
        encoding: the text encoding of a CSV input; detected when None.
        sheet: the sheet of a workbook input (name or 0-based index); found when None.
        on_truncated: ``"invalid"`` reads a file whose last record is cut off (read whole,
            the cut record an invalid row); ``"raise"`` refuses it.
        escape_formulas: with a ``.csv`` destination, prefix text cells a spreadsheet
            would evaluate as a formula with ``'`` (see :func:`~eventdata.write_acled`).

    Duplicate ids are reported as :func:`~eventdata.pipeline.write.to_parquet` reports
    them: every row of a group fails ``duplicate.event_id_cnty``, also when the group
    spans blocks. A row already written when a later block repeats its id is moved out
    at the end, before the output is committed: its failure row is added, its text is
    read again for ``NAME.invalid.parquet`` and, with ``"drop"``, the output is
    rewritten without it (docs/parquet.md, "Duplicate ids"). Inputs without such groups
    pay nothing for this.

    Side files are written to temporary files and moved into place only after the output
    is committed; a conversion that fails leaves the previous output and side files as
    they were.

    Returns:
        A :class:`~eventdata.pipeline.write.WriteResult` (``report`` is None: the summary
        covers every block; failure rows are global input positions).

    Raises:
        ValidationFailed: ``on_invalid="raise"`` and a row breaks an error rule.
        InputError: the input cannot be read.

    """
    src, dst = Path(src), Path(dst)
    if not src.is_file() and not src.is_dir():
        raise InputError("no such file or directory", path=src)
    read: dict[str, Any] = {"date_format": date_format, "encoding": encoding}
    writing = _Writing(
        on_invalid=on_invalid,
        partition_by=partition_by,
        validate=validate,
        geo=geo,
        compression=compression,
        compression_level=compression_level,
        date_format=date_format,
        encoding=encoding,
    )
    if dst.exists() and src.resolve() == dst.resolve():
        raise InputError("is both the input and the output; write to another path", path=dst)
    if sheet is not None or on_truncated != "raise":  # read whole, with the reader's options
        from eventdata.pipeline.inputs import read_input

        read_whole = read_input(src, sheet=sheet, on_truncated=on_truncated, **read)
        if dst.suffix.lower() == ".csv":
            return _to_acled_csv(read_whole, dst, on_invalid=on_invalid, validate=validate, **read)
        from eventdata.pipeline.write import to_parquet as whole_to_parquet

        return whole_to_parquet(read_whole, dst, **writing)
    if dst.suffix.lower() == ".csv":
        return _to_acled_csv(
            src,
            dst,
            on_invalid=on_invalid,
            validate=validate,
            escape_formulas=escape_formulas,
            **read,
        )
    if escape_formulas:
        raise ValueError(f"escape_formulas applies to a .csv destination, not {dst}")
    fmt = input_format(src)
    streamed = src.is_file() and fmt.streamed
    texts = (
        read_ahead(src, block_size=block_size, reader=reader, encoding=encoding)
        if streamed
        else None
    )
    try:
        from eventdata.pipeline.date_style import DateStyleSettled
        from eventdata.pipeline.streamed import StreamOptions, stream_to_parquet
        from eventdata.pipeline.write import to_parquet

        if texts is None or not _streamable(src):
            return to_parquet(src, dst, **writing)
        kind = fmt.name
        options = StreamOptions(block_size=block_size, reader=reader, kind=kind, **writing)
        try:
            return stream_to_parquet(src, dst, options, progress=progress, texts=texts)
        except DateStyleSettled as settled:  # the whole file's dates decide another style
            again = dataclasses.replace(options, date_format=settled.date_format)
            return stream_to_parquet(src, dst, again, progress=progress)
    finally:
        if texts is not None:
            texts.close()


def _streamable(src: Path) -> bool:
    """Whether the file's dataset is converted block by block (else it is read whole)."""
    from eventdata.datasets import dataset_of

    names = input_format(src).names(src)
    if not names:
        return True  # the streamed reader says what is wrong with the file
    try:
        return dataset_of([n.strip().lower() for n in names], source=src).canonical
    except NotEventDataError:
        return True  # the streamed reader refuses it, a file it cannot read first


def _to_acled_csv(
    src: Path | RawTable,
    dst: Path,
    *,
    on_invalid: OnInvalid,
    validate: bool,
    date_format: str | None,
    encoding: str | None,
    escape_formulas: bool,
) -> WriteResult:
    """Any readable input to ACLED CSV (read whole), validating on the way."""
    from eventdata.pipeline.acled_csv import write_acled
    from eventdata.pipeline.inputs import read_input
    from eventdata.pipeline.write import apply_policy, check_raw, side_files

    raw = read_input(src, date_format=date_format, encoding=encoding)
    checked = check_raw(raw, validate=validate)
    table, result, sides = apply_policy(checked, dst, on_invalid=on_invalid)
    with side_files(dst, sides):
        written = write_acled(table, dst, escape_formulas=escape_formulas)
        result.rows_written = written.rows_written
    return result
