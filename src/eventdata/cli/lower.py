"""``eventdata lower``: the ACLED rows a records file codes."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path

import click

from eventdata.cli.common import InputProblem, readable_input, reference_option, repeatable_option

__all__ = ["lower"]

_LOWER_HELP = """\
Write the ACLED rows a records file codes, as CSV or Parquet.

RECORDS is a YAML, JSON or Parquet records file (write_records). OUT is a .csv
file (ACLED's export columns) or a .parquet file (the canonical event table).
Records that give no row of their own (threats, denied reports, attacks coded
in their interception's row) are listed on stderr with the reason, and each
tally a record states ("47 attacks in 2021 so far") with the rows it counts.

With --reference (an ACLED export or store you have), actor and place names it
does not know are listed with the close matches valid on the record's date, and
a place given by its name only gets its admin names and coordinates from it.

\\b
Examples:
  eventdata lower report.yaml report_acled.csv
  eventdata lower report.yaml report.parquet --reference iraq_2021.parquet
  eventdata lower report.json out.csv --prefix Iraq=IRQ --start 50538

Exit code: 0 the rows were written, 2 RECORDS cannot be read or lowered
(every problem with its line, column, record id and field), or OUT cannot be
written.
"""


@click.command(help=_LOWER_HELP, short_help="Write the ACLED rows of a records file.")
@click.argument("records", metavar="RECORDS", type=click.Path(path_type=Path))
@click.argument("out", metavar="OUT", type=click.Path(dir_okay=False, path_type=Path))
@reference_option(
    required=False, help="An ACLED export or store to check names against and fill places from."
)
@repeatable_option(
    "--prefix",
    "prefixes",
    metavar="COUNTRY=ABC",
    help="Event-id prefix of a country (repeatable), e.g. Iraq=IRQ.",
)
@click.option("--start", type=click.IntRange(min=0), default=1, help="First event number.")
def lower(
    records: Path, out: Path, reference: Path | None, prefixes: tuple[str, ...], start: int
) -> None:
    """Write the ACLED rows a records file codes."""
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise click.UsageError(f"OUT must end in .csv or .parquet, not {suffix or 'nothing'!r}")
    prefix_map: dict[str, str] = {}
    for item in prefixes:
        country, sep, prefix = item.partition("=")
        if not sep or not country.strip() or not prefix.strip():
            raise click.UsageError(f"--prefix takes COUNTRY=ABC, got {item!r}")
        prefix_map[country.strip()] = prefix.strip()
    if not records.exists():
        raise InputProblem(f"{records}: no such file")
    from eventdata.io.records import read_records
    from eventdata.models.lowering import lower_records

    with readable_input(records, named=(out,)), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        collection = read_records(records, reference=reference)
        lowering = lower_records(collection, prefixes=prefix_map or None, start=start)
        written = _write(lowering.events, out)
    for warning in caught:
        click.echo(f"warning: {warning.message}", err=True)
    for unlowered in lowering.unlowered:
        click.echo(f"no row: {unlowered}", err=True)
    for record in collection:
        for tally in record.tallies:  # the counts the sources state, against these rows
            click.echo(f"tally of {record.id!r}: {tally.check(lowering.events)}", err=True)
    click.echo(
        f"wrote {written}: {len(lowering.rows)} ACLED rows from {len(collection)} records",
        err=True,
    )


def _write(events: Sequence[object], out: Path) -> Path:
    from eventdata.io.table_input import from_events
    from eventdata.pipeline.acled_csv import write_acled
    from eventdata.pipeline.write import to_parquet

    table = from_events(events)
    if table is None:
        raise InputProblem("the records give no ACLED row; nothing to write")
    if out.suffix.lower() == ".csv":
        write_acled(table, out)
    else:
        to_parquet(table, out)
    return out
