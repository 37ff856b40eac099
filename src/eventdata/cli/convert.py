"""``eventdata convert``: CSV, JSON or Parquet in; Parquet (file or dataset) or ACLED CSV out."""

from __future__ import annotations

import contextlib
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from eventdata._progress import ProgressBar, show_progress
from eventdata.cli.common import (
    EXIT_ERRORS,
    InputProblem,
    ReaderOptions,
    choice_option,
    count_option,
    echo_out,
    progress_option,
    read_options,
    readable_input,
    repeatable_option,
    split_values,
)
from eventdata.exceptions import ValidationFailed
from eventdata.io.formats import output_format

if TYPE_CHECKING:
    from eventdata.pipeline.write import OnInvalid

__all__ = ["ConvertStats", "convert", "input_kind", "output_kind"]

STREAMED_INPUTS = frozenset({"csv", "jsonl"})
"""Input kinds converted to Parquet in bounded memory by ``eventdata.pipeline.convert``."""


@dataclass
class ConvertStats:
    """What a conversion did, for the summary line."""

    rows_read: int
    rows_written: int
    rows_invalid: int
    on_invalid: str
    failures_file: Path | None = None
    invalid_file: Path | None = None


def input_kind(path: Path) -> str:
    """The input's format name (``csv``, ``json``, ``jsonl``, ``geojson``, ``parquet``, ...).

    Chosen from the table of formats (``eventdata.io.formats``): by suffix, then content.
    """
    from eventdata.exceptions import InputError
    from eventdata.io.formats import input_format

    try:
        return input_format(path).name
    except InputError:
        return "csv"  # the reader names the problem


def output_kind(path: Path, partition_by: list[str]) -> str:
    """``parquet`` (file), ``dataset`` (hive-partitioned directory) or ``csv`` (ACLED CSV).

    The writable formats come from the table of formats (``eventdata.io.formats``).

    Raises:
        click.UsageError: the name does not tell the format, or partitioning was asked
            for a CSV file (exit code 2).

    """
    suffix = path.suffix.lower()
    if partition_by:
        if suffix == ".csv":
            raise click.UsageError(
                f"--partition-by writes a Parquet dataset directory, not {path}; "
                "name a directory (e.g. events/) or drop --partition-by"
            )
        return "dataset"
    written = output_format(path)
    if written is not None and (written.name == "parquet" or suffix == ".csv"):
        return written.name
    raise click.UsageError(
        f"cannot tell the output format of {path}: name a .parquet or .csv file, "
        "or add --partition-by COLUMN to write a dataset directory"
    )


def _stats_from_result(result: Any, on_invalid: str) -> ConvertStats:
    """Read a ``WriteResult`` (or a look-alike) from the Parquet writers."""
    written = int(result.rows_written)
    dropped = int(getattr(result, "rows_dropped", 0) or 0)
    report = getattr(result, "report", None)
    rows_read = getattr(result, "rows_read", None)
    if rows_read is None:
        rows_read = report.n_rows if report is not None else written + dropped
    return ConvertStats(
        rows_read=int(rows_read),
        rows_written=written,
        rows_invalid=int(getattr(result, "rows_invalid", 0) or 0),
        on_invalid=on_invalid,
        failures_file=getattr(result, "failures_file", None),
        invalid_file=getattr(result, "invalid_file", None),
    )


def _refuse(src: Path, dst: Path, failed: ValidationFailed) -> None:
    """Print why nothing was written: the library's first failures, then the CLI's advice."""
    lines = list(failed.failures)
    click.echo(
        f"Error: {src}: rows break error rules; nothing was written to {dst}.\n"
        + "\n".join(lines)
        + "\nFix the input, or rerun with --on-invalid drop (write the valid rows) or "
        f"--on-invalid keep (write every row); 'eventdata validate {src}' lists every failure.",
        err=True,
    )


def _run(
    src: Path,
    dst: Path,
    on_invalid: OnInvalid,
    partition_by: list[str],
    bar: ProgressBar,
    *,
    read: ReaderOptions,
    escape_formulas: bool = False,
) -> ConvertStats | None:
    """Convert with :func:`eventdata.pipeline.convert.convert`; None when rows were refused."""
    from eventdata.exceptions import ValidationFailed
    from eventdata.pipeline.convert import convert as stream_convert

    if input_kind(src) in STREAMED_INPUTS and output_kind(dst, partition_by) != "csv":
        bar.stage("reading")  # until the first block is written
    else:
        bar.stage("reading, validating and writing")  # read whole: no byte progress
    with readable_input(src, also=(ValueError,), named=(dst,)):
        try:
            result = stream_convert(
                src,
                dst,
                on_invalid=on_invalid,
                partition_by=partition_by or None,
                progress=bar,
                escape_formulas=escape_formulas,
                **read,
            )
        except ValidationFailed as exc:
            bar.close()
            _refuse(src, dst, exc)
            return None
    return _stats_from_result(result, on_invalid)


def _run_on_cluster(
    src: Path,
    dst: Path,
    on_invalid: OnInvalid,
    partition_by: list[str],
    *,
    scheduler: str | None,
    workers: int | None,
) -> ConvertStats | None:
    """Convert with :func:`eventdata.dask.to_parquet`; None when rows were refused."""
    from eventdata.dask import _require
    from eventdata.exceptions import ValidationFailed

    if dst.suffix.lower() == ".csv":
        raise click.UsageError(
            f"--scheduler and --workers write a Parquet dataset directory, not {dst}; "
            "name a directory (e.g. events/) or convert to CSV without them"
        )
    if not any(c in str(src) for c in "*?[") and not src.exists():
        raise InputProblem(f"{src}: no such file or directory")
    with readable_input(src, also=(ValueError,), named=(dst,)):
        distributed = _require()
        with contextlib.ExitStack() as stack:
            if scheduler is not None:
                address = scheduler
            else:
                cluster = distributed.LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
                )
                address = stack.enter_context(cluster).scheduler_address
            try:
                client = stack.enter_context(distributed.Client(address, timeout="5s"))
            except (OSError, TimeoutError, ValueError) as exc:
                raise InputProblem(
                    f"cannot reach the dask scheduler at {address} ({exc}); start one with "
                    "'dask scheduler' and its workers, or pass --workers N for a local cluster"
                ) from None
            from eventdata.dask import to_parquet

            try:
                result = to_parquet(
                    src,
                    dst,
                    on_invalid=on_invalid,
                    partition_by=partition_by or None,
                    client=client,
                )
            except ValidationFailed as exc:
                _refuse(src, dst, exc)
                return None
    return _stats_from_result(result, on_invalid)


def _summary(src: Path, dst: Path, stats: ConvertStats, seconds: float) -> str:
    invalid = f"{stats.rows_invalid:,} invalid"
    if stats.rows_invalid:
        invalid += " (dropped" if stats.on_invalid == "drop" else " (kept"
        if stats.invalid_file is not None:
            invalid += f", saved in {stats.invalid_file}"
        invalid += ")"
    extra = f"; failures in {stats.failures_file}" if stats.failures_file is not None else ""
    return (
        f"{src} -> {dst}: read {stats.rows_read:,} rows, wrote {stats.rows_written:,}, "
        f"{invalid}{extra}; {seconds:.2f} s"
    )


_CONVERT_HELP = """\
Convert SRC to DST, validating on the way; formats follow the file names.

SRC: CSV (any ACLED dialect), JSON, JSON Lines, or a Parquet file or dataset
directory. DST: a .parquet file (GeoParquet), a directory with --partition-by, or a
.csv file (ACLED CSV, current dialect). CSV and JSON Lines are streamed to Parquet in
bounded memory. Outputs are written atomically: on failure nothing partial is left
behind, and a later run removes what a killed one left.
Ends with a one-line summary: rows read, written and invalid, output, seconds.

\b
Examples:
  eventdata convert acled.csv acled.parquet
  eventdata convert acled.csv events/ --partition-by year,country --on-invalid drop
  eventdata convert api_response.json acled.parquet --on-invalid keep
  eventdata convert events/ acled.csv
  eventdata convert 'exports/*.csv' events/ --workers 4 --on-invalid drop
  eventdata convert big.csv events/ --scheduler tcp://10.0.0.5:8786

Exit code: 0 written, 1 rows break error rules (with --on-invalid raise; nothing
written), 2 SRC unreadable, DST unwritable or bad usage.
"""


@click.command(
    help=_CONVERT_HELP, short_help="Convert CSV/JSON/Parquet to Parquet or ACLED CSV, validating."
)
@click.argument("src", type=click.Path(path_type=Path))
@click.argument("dst", type=click.Path(path_type=Path))
@choice_option(
    "--on-invalid",
    choices=("raise", "drop", "keep"),
    default="raise",
    help="Rows breaking error rules: raise = write nothing and exit 1; drop = write the "
    "valid rows only; keep = write every row.",
)
@repeatable_option(
    "--partition-by",
    metavar="COLUMN",
    help="Write a hive-partitioned Parquet dataset directory (e.g. year,country); "
    "repeatable or comma-separated.",
)
@progress_option
@read_options
@click.option(
    "--escape-formulas",
    is_flag=True,
    help="CSV output: prefix text cells starting with =, +, -, @, a tab or CR with ' so "
    "that spreadsheets show them as text instead of evaluating them (OWASP).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Run on this dask.distributed scheduler (e.g. tcp://10.0.0.5:8786); DST is then "
    "a Parquet dataset directory written by the workers. Needs eventdata[dask].",
)
@count_option(
    "--workers",
    help="Run on a local dask cluster of N worker processes started for this run "
    "(DST as with --scheduler).",
)
@click.pass_context
def convert(
    ctx: click.Context,
    src: Path,
    dst: Path,
    on_invalid: str,
    partition_by: tuple[str, ...],
    progress: bool | None,
    read: ReaderOptions,
    escape_formulas: bool,
    scheduler: str | None,
    workers: int | None,
) -> None:
    """Convert SRC to DST, validating on the way; formats follow the file names."""
    columns = split_values(partition_by)
    if escape_formulas and dst.suffix.lower() != ".csv":
        raise click.UsageError(f"--escape-formulas applies to a .csv output, not {dst}")
    if scheduler is not None and workers is not None:
        raise click.UsageError("give --scheduler or --workers, not both")
    if (scheduler is not None or workers is not None) and (read["date_format"] or read["encoding"]):
        raise click.UsageError(
            "--date-format and --encoding do not reach dask workers yet (each partition "
            "decides its own date style and encoding); convert without --scheduler/--workers"
        )
    if scheduler is not None or workers is not None:  # SRC may be a glob of files
        started = time.perf_counter()
        policy = cast("OnInvalid", on_invalid)
        stats = _run_on_cluster(src, dst, policy, columns, scheduler=scheduler, workers=workers)
        if stats is None:
            ctx.exit(EXIT_ERRORS)
        echo_out(_summary(src, dst, stats, time.perf_counter() - started))
        return
    output_kind(dst, columns)  # a usage error (exit 2) before anything is read
    if not src.exists():
        raise InputProblem(f"{src}: no such file or directory")
    bar = ProgressBar(
        sys.stderr, enabled=show_progress(progress, sys.stderr), label=f"converting {src.name}"
    )
    started = time.perf_counter()
    try:
        stats = _run(
            src,
            dst,
            cast("OnInvalid", on_invalid),
            columns,
            bar,
            read=read,
            escape_formulas=escape_formulas,
        )
    finally:
        bar.close()
    if stats is None:
        ctx.exit(EXIT_ERRORS)
    echo_out(_summary(src, dst, stats, time.perf_counter() - started))
    if stats.rows_written == 0 and stats.rows_read > 0:
        click.echo(
            f"Error: {src}: none of its {stats.rows_read} rows was written to {dst} (every "
            f"row is invalid); 'eventdata validate {src}' says why.",
            err=True,
        )
        ctx.exit(EXIT_ERRORS)
