"""The partitions of a distributed run, and how a worker reads one into a text table.

A ``dask.dataframe`` gives one partition per dask partition. Files give one partition per
file, except CSV files, which are cut into byte ranges of about ``blocksize`` bytes at
record boundaries: a newline ends a record when an even number of double quotes precede
it, so each range needs the parity of the quotes before it. The workers count the quotes
of every range first (one parallel pass), then each worker finds its own range's first
and last record from that parity and parses only its bytes.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from eventdata.exceptions import InputError
from eventdata.io.blocks import csv_records
from eventdata.io.csv_header import CsvHeader, sniff_csv_header
from eventdata.io.normalize import normalize
from eventdata.io.read_errors import explain_read_error
from eventdata.pipeline.inputs import read_input
from eventdata.schema.text import RawTable

__all__ = ["FileRange", "Sources", "plan", "read_partition"]

CSV_SUFFIXES = frozenset({".csv", ".txt"})
_WINDOW = 1 << 16


@dataclass(frozen=True)
class FileRange:
    """Records of a CSV file between two cut points (see :func:`record_start`).

    Attributes:
        path: the file.
        start: where the range's search for its first record begins (the data offset for
            the file's first range).
        end: where the next range's search begins (the file size for the last range).
        start_parity: double quotes between the data offset and ``start``, modulo 2.
        end_parity: the same for ``end``.
        first: whether ``start`` is the data offset (the first record starts there).
        header: the file's header (names, delimiter, encoding decided from every byte).
    """

    path: str
    start: int
    end: int
    start_parity: int
    end_parity: int
    first: bool
    header: CsvHeader


@dataclass(frozen=True)
class WholeFile:
    """A file read whole by one worker (JSON, JSON Lines, Parquet, CSV with an HXL row)."""

    path: str


@dataclass
class Sources:
    """What to read: file partitions, or the delayed partitions of a dask DataFrame."""

    files: list[FileRange | WholeFile]
    frame: Any = None
    source: Path | None = None

    def submit_args(self, client: Any, only: list[int] | None = None) -> list[Any]:
        """One argument per partition (or per partition in ``only``) for worker tasks.

        A frame's partitions are computed anew on the workers at each call.
        """
        wanted = range(self.count()) if only is None else only
        if self.frame is None:
            return [self.files[i] for i in wanted]
        parts = self.frame.to_delayed()
        futures: list[Any] = client.compute([parts[i] for i in wanted])
        return futures

    def count(self) -> int:
        """The number of partitions."""
        return int(self.frame.npartitions) if self.frame is not None else len(self.files)


def _is_dask_frame(data: Any) -> bool:
    return type(data).__module__.startswith("dask") and hasattr(data, "to_delayed")


def _expand(data: Any) -> list[Path]:
    paths_given = isinstance(data, (list, tuple)) and all(
        isinstance(item, (str, os.PathLike)) for item in data
    )
    if not (isinstance(data, (str, os.PathLike)) or paths_given):
        raise InputError(
            f"cannot read {type(data).__name__} on a cluster; pass a dask DataFrame "
            "(e.g. dask.dataframe.from_pandas(frame, npartitions=8)), a path, a glob or a "
            "list of paths (or use eventdata.validate for data in memory)"
        )
    items = [data] if isinstance(data, (str, os.PathLike)) else list(data)
    paths: list[Path] = []
    for item in items:
        text = os.fspath(item)
        if any(c in text for c in "*?["):
            matched = sorted(glob.glob(text))
            if not matched:
                raise InputError("no file matches this pattern", path=text)
            paths += [Path(m) for m in matched]
        else:
            path = Path(text)
            if not path.exists():
                raise InputError("no such file or directory", path=path)
            paths.append(path)
    if not paths:
        raise InputError("no input files given; pass a dask DataFrame, a path or a glob")
    return paths


def count_quotes(path: str, start: int, end: int) -> int:
    """Double quotes in bytes ``[start, end)`` of ``path`` (a worker task)."""
    total = 0
    with open(path, "rb") as fh:
        fh.seek(start)
        left = end - start
        while left > 0:
            chunk = fh.read(min(left, 16 << 20))
            if not chunk:
                break
            total += chunk.count(b'"')
            left -= len(chunk)
    return total


def plan(data: Any, client: Any, *, blocksize: int) -> Sources:
    """The partitions of ``data``; CSV files are cut into ranges (quotes counted on workers)."""
    if _is_dask_frame(data):
        return Sources(files=[], frame=data)
    paths = _expand(data)
    pending: list[tuple[Path, Any, list[int]]] = []
    for path in paths:
        if path.is_file() and path.suffix.lower() in CSV_SUFFIXES:
            header = sniff_csv_header(path)
            if header.hxl_tags is None:
                size = path.stat().st_size
                cuts = list(range(header.data_offset, size, max(blocksize, 1))) or [size]
                pending.append((path, header, [*cuts, size]))
                continue
        pending.append((path, None, []))
    counted = [
        [
            client.submit(count_quotes, str(p), a, b, pure=False)
            for a, b in zip(c, c[1:], strict=False)
        ]
        for p, header, c in pending
        if header is not None
    ]
    counts = iter(client.gather(counted))
    files: list[FileRange | WholeFile] = []
    for path, header, cuts in pending:
        if header is None:
            files.append(WholeFile(str(path)))
            continue
        parity = [0]
        for n in next(counts):
            parity.append((parity[-1] + n) % 2)
        for i in range(len(cuts) - 1):
            files.append(
                FileRange(
                    path=str(path),
                    start=cuts[i],
                    end=cuts[i + 1],
                    start_parity=parity[i],
                    end_parity=parity[i + 1],
                    first=i == 0,
                    header=header,
                )
            )
    return Sources(files=files, source=paths[0] if len(paths) == 1 else None)


def record_start(path: str, offset: int, parity: int) -> int:
    """The first record start after ``offset``: just past a newline with even quote parity.

    Args:
        path: the CSV file.
        offset: where to start looking.
        parity: double quotes before ``offset`` (since the data offset), modulo 2.

    Returns:
        The byte offset, or the file size when no record starts after ``offset``.
    """
    quotes = parity
    position = offset
    with open(path, "rb") as fh:
        fh.seek(offset)
        while True:
            chunk = fh.read(_WINDOW)
            if not chunk:
                return position
            i = 0
            while True:
                j = chunk.find(b"\n", i)
                if j < 0:
                    quotes += chunk.count(b'"', i)
                    break
                quotes += chunk.count(b'"', i, j)
                if quotes % 2 == 0:
                    return position + j + 1
                i = j + 1
            position += len(chunk)


def _read_range(part: FileRange, skip: Collection[str]) -> RawTable:
    size = Path(part.path).stat().st_size
    start = part.start if part.first else record_start(part.path, part.start, part.start_parity)
    end = size if part.end >= size else record_start(part.path, part.end, part.end_parity)
    names = list(part.header.names)
    skipped = tuple(n for n in names if n in skip)
    kept = [n for n in names if n not in skipped]
    data = b""
    if end > start:
        with open(part.path, "rb") as fh:
            fh.seek(start)
            data = fh.read(end - start)
    if data and not data.isspace():  # (strip() would copy the whole range)
        try:
            table = csv_records(data, part.header, include=kept)
        except (pa.ArrowInvalid, UnicodeDecodeError) as exc:  # in words, as a whole read
            raise InputError(
                explain_read_error(exc, Path(part.path), part.header.encoding),
                path=Path(part.path),
            ) from None
    else:
        table = pa.schema([(name, pa.string()) for name in kept]).empty_table()
    # as the whole-file reader: blank markers, decimal commas, the dialect
    raw = normalize(table, part.header.dialect(), None)
    raw.source = Path(part.path)
    raw.skipped = skipped  # never read back: no rule reads them (see skippable_columns)
    return raw


def read_partition(part: Any, *, skip: Collection[str] = ()) -> RawTable:
    """Read one partition (a worker task's input) as text, as ``read_raw`` reads the whole."""
    if isinstance(part, FileRange):
        return _read_range(part, skip)
    if isinstance(part, WholeFile):
        return read_input(part.path, skip=skip)
    return read_input(part)
