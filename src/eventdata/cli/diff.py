"""``eventdata diff``: what changed between two versions of a dataset."""

from __future__ import annotations

from pathlib import Path

import click

from eventdata.cli.common import (
    EXIT_ERRORS,
    EXIT_OK,
    count_option,
    dump_json,
    format_option,
    readable_input,
    repeatable_option,
    split_values,
)

__all__ = ["diff"]

DEFAULT_TEXT_ROWS = 20

_DIFF_HELP = """\
Compare OLD and NEW, two versions of a dataset, matching events on event_id_cnty.

OLD and NEW are files of any supported format (CSV, JSON, JSON Lines, Parquet file
or dataset directory), not necessarily the same. Values are compared after reading
into canonical types, so a CSV export and a Parquet store of the same data are
equal. Reports events added and deleted, and every changed cell (event, column,
old and new value).

\b
Examples:
  eventdata diff acled_2025-05.csv acled_2025-06.csv
  eventdata diff somalia_before.parquet somalia.parquet --format json > changes.json
  eventdata diff my_coding.csv acled.parquet --ignore timestamp,notes

Exit code: 0 compared (with --exit-code: 0 identical, 1 different), 2 an input
cannot be read, repeats an event id, or bad usage.
"""


@click.command(help=_DIFF_HELP, short_help="Compare two versions of a dataset.")
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@format_option("text: counts and the first changes; json: one JSON document on stdout.")
@count_option(
    "--max-rows",
    minimum=0,
    help=f"List at most N ids and changes of each kind (text default {DEFAULT_TEXT_ROWS}, "
    "json default all); counts stay complete.",
)
@repeatable_option(
    "--ignore",
    metavar="COLUMN",
    help="Do not compare COLUMN (e.g. timestamp); repeatable or comma-separated.",
)
@click.option("--exit-code", is_flag=True, help="Exit 1 when the versions differ.")
@click.pass_context
def diff(
    ctx: click.Context,
    old: Path,
    new: Path,
    fmt: str,
    max_rows: int | None,
    ignore: tuple[str, ...],
    exit_code: bool,
) -> None:
    """Compare OLD and NEW, two versions of a dataset."""
    from eventdata.analysis.diff import diff as run

    with readable_input(None, named=(old, new)):
        result = run(old, new, ignore=split_values(ignore))
    if fmt == "json":
        click.echo(
            dump_json({"old": str(old), "new": str(new), **result.to_dict(max_rows=max_rows)})
        )
    else:
        click.echo(f"{old} -> {new}")
        click.echo(result.format_text(max_rows=DEFAULT_TEXT_ROWS if max_rows is None else max_rows))
    ctx.exit(EXIT_ERRORS if exit_code and not result.identical else EXIT_OK)
