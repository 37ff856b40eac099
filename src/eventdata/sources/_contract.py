"""The documented contract of every dataset's public readers and mappings, written once.

A dataset with its own reader has two public functions, ``read_X`` (its typed DataFrame)
and ``X_to_acled`` (its rows as ACLED's), and may have their Arrow versions
(``read_ged_table``, ``ged_to_acled_table``). Their arguments, results and errors are the
same for every dataset: :func:`frame_reader` and :func:`acled_mapper` make the two
functions, and :func:`documented` appends the ``Args``, ``Returns`` and ``Raises``
sections written here to the description each dataset gives in its own module::

    read_gtd = frame_reader(GTD, "Read Global Terrorism Database incidents ...")
"""

from __future__ import annotations

import inspect
import sys
import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar

import pandas as pd
from typing_extensions import Unpack

from eventdata.io.formats import Errors, ReaderOptions
from eventdata.pipeline.read import check_reader_options

if TYPE_CHECKING:
    from eventdata.datasets import Dataset
    from eventdata.sources._mapping import AcledMapping

__all__ = [
    "AcledMapper",
    "Errors",
    "FrameReader",
    "Kind",
    "acled_mapper",
    "documented",
    "frame_reader",
]

Kind = Literal["read_table", "read", "to_acled_table", "to_acled"]
"""Which of the four public functions a docstring is for."""

F = TypeVar("F", bound=Callable[..., object])

_INPUT = "a path to a {title} file (CSV in any encoding, JSON, JSON Lines, Parquet or Excel)"
_ERRORS = """\
errors: ``"raise"`` (default) refuses values that would be lost because they do
    not parse as their column's type or lie outside its bounds; ``"coerce"`` reads
    them as missing values."""
_OPTIONS = """\
**options: how the input is read, as :func:`eventdata.read_acled` reads it:
    ``date_format``, ``encoding``, ``sheet`` and ``on_truncated``
    (:class:`~eventdata.io.formats.ReaderOptions`)."""
_RAISES_READ = """\
Raises:
    TypeError: an option the readers do not take.
    InputError: the input cannot be read, or (``errors="raise"``) holds values that
        do not parse; the message names the column, rule and rows.
    NotEventDataError: the input is not {title} (the message names the reader that
        fits)."""
_RAISES_MAP = """\
Raises:
    TypeError: an option the readers do not take.
    InputError: ``data`` cannot be read, or holds {title} values that do not parse.
    NotEventDataError: ``data`` is not {title}."""

_READ_ARGS = f"""\
Args:
    source: {_INPUT}, a pandas DataFrame or a pyarrow Table.
{textwrap.indent(_ERRORS, "    ")}
{textwrap.indent(_OPTIONS, "    ")}"""
_MAP_ARGS = f"""\
Args:
    data: {_INPUT}, a DataFrame or an Arrow table (text or typed).
    timestamp: the ``timestamp`` (Unix seconds) written on every row; {{title}} has no
        per-row revision time.
{textwrap.indent(_OPTIONS, "    ")}"""
_RETURNS: dict[Kind, str] = {
    "read_table": """\
The dataset's typed table (the schema of its ``arrow_schema()``), every other
column of the input after its columns, as text.""",
    "read": """\
The typed table as a DataFrame with Arrow-backed dtypes; blank cells and the
dataset's markers of a missing value are ``<NA>``.""",
    "to_acled_table": "The canonical ACLED columns, then {extra}.",
    "to_acled": """\
The canonical ACLED columns, then {extra}, with Arrow-backed dtypes and the
codebook's categoricals (as ``read_acled`` returns them).""",
}


def documented(kind: Kind, dataset: Dataset, *, extra: tuple[str, ...] = ()) -> Callable[[F], F]:
    """Append the contract's sections for ``kind`` to a function's own description.

    Args:
        kind: which of the four public functions the decorated one is.
        dataset: the dataset it reads (its title fills the text).
        extra: the mapping's extra columns (for ``to_acled_table``).
    """
    names = ", ".join(f"``{name}``" for name in extra) or "no other column"
    reads = kind.startswith("read")
    returns = " ".join(_RETURNS[kind].split()).format(extra=names)
    sections = "\n\n".join(
        (
            _wrapped((_READ_ARGS if reads else _MAP_ARGS).format(title=dataset.title)),
            "Returns:\n"
            + textwrap.fill(returns, 88, initial_indent=" " * 4, subsequent_indent=" " * 4),
            _wrapped((_RAISES_READ if reads else _RAISES_MAP).format(title=dataset.title)),
        )
    )

    def decorate(function: F) -> F:
        own = inspect.cleandoc(function.__doc__ or "")
        function.__doc__ = f"{own}\n\n{sections}\n"
        return function

    return decorate


class FrameReader(Protocol):
    """A dataset's public reader: any input in, its typed DataFrame out."""

    def __call__(
        self, source: Any, /, *, errors: Errors = "raise", **options: Unpack[ReaderOptions]
    ) -> pd.DataFrame:
        """Read ``source`` as the dataset."""


def _wrapped(text: str, width: int = 88) -> str:
    """Long lines re-wrapped, their continuation indented four more (Google style)."""
    lines = []
    for line in text.splitlines():
        if len(line) <= width:
            lines.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip())]
        lines += textwrap.wrap(
            line.strip(),
            width=width,
            initial_indent=indent,
            subsequent_indent=indent + "    ",
            break_long_words=False,
            break_on_hyphens=False,
        )
    return "\n".join(lines)


def frame_reader(dataset: Dataset, description: str) -> FrameReader:
    """The public reader of ``dataset`` (``read_gtd``...), made once for every dataset.

    It reads any input with :func:`~eventdata.pipeline.read.read_dataset_table` and
    returns the typed DataFrame; its name is the last part of ``dataset.reader``, its
    module the caller's, its docstring ``description`` and the sections of ``"read"``.

    Args:
        dataset: the dataset it reads.
        description: what the reader returns, in the dataset's words.
    """
    from eventdata.pipeline.read import read_dataset_table
    from eventdata.sources._mapping import typed_frame

    def read(
        source: Any, /, *, errors: Errors = "raise", **options: Unpack[ReaderOptions]
    ) -> pd.DataFrame:
        table = read_dataset_table(source, dataset=dataset, errors=errors, **options)
        return typed_frame(table, dataset)

    _name(read, dataset.reader.rpartition(".")[2], sys._getframe(1).f_globals["__name__"])
    read.__doc__ = description
    return documented("read", dataset)(read)


def _name(function: Callable[..., Any], name: str, module: str) -> None:
    """Give a made function its public name everywhere it shows (tracebacks too)."""
    function.__name__ = function.__qualname__ = name
    function.__module__ = module
    function.__code__ = function.__code__.replace(co_name=name)


class AcledMapper(Protocol):
    """A dataset's public mapping: any input in, its rows as ACLED's (a DataFrame) out."""

    def __call__(
        self, data: Any, /, *, timestamp: int = 0, **options: Unpack[ReaderOptions]
    ) -> pd.DataFrame:
        """Map ``data`` onto ACLED's columns."""


def acled_mapper(mapping: AcledMapping, description: str) -> AcledMapper:
    """The public mapping of a dataset (``gtd_to_acled``...), made once for every dataset.

    It reads any input as the dataset and returns :meth:`AcledMapping.frame
    <eventdata.sources._mapping.AcledMapping.frame>`; its name is the function part of
    ``Dataset.to_acled``, its module the caller's, its docstring ``description`` and the
    sections of ``"to_acled"``.

    Args:
        mapping: the dataset's mapping.
        description: what the mapping makes of a row, in the dataset's words.
    """
    dataset = mapping.dataset
    if dataset.to_acled is None:
        raise ValueError(f"{dataset.title} declares no mapping to the ACLED-style table")
    name = dataset.to_acled.rpartition(":")[2]

    def to_acled(
        data: Any, /, *, timestamp: int = 0, **options: Unpack[ReaderOptions]
    ) -> pd.DataFrame:
        check_reader_options(options, function=f"eventdata.{name}", also=("timestamp",))
        return mapping.frame(data, timestamp=timestamp, **options)

    _name(to_acled, name, sys._getframe(1).f_globals["__name__"])
    to_acled.__doc__ = description
    return documented("to_acled", dataset, extra=mapping.extra_columns)(to_acled)
