"""``eventdata names``: look names up in an ACLED export or store, as ACLED spells them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from eventdata.cli.common import (
    InputProblem,
    dump_json,
    format_option,
    readable_input,
    reference_option,
)

__all__ = ["names"]

_NAMES_HELP = """\
Look actor and place names up in an ACLED export or store you have.

NAME is what a source calls it ("US forces", "Green Zone"). The closest actor
names and locations of the reference are listed, best first; with --date, names
whose period suffix excludes that date (e.g. '(2017-2021)' in 2022) come last
and are marked. A place lists its admin1, country and coordinates.

Needs rapidfuzz: pip install 'eventdata[match]'.

\\b
Examples:
  eventdata names --reference iraq.parquet "US forces"
  eventdata names --reference iraq.csv --date 2021-07-06 --kind actor "Kataib Hezbollah"
  eventdata names --reference iraq.csv --format json "Green Zone"

Exit code: 0 matches found, 1 no close match, 2 the reference cannot be read.
"""


@click.command(help=_NAMES_HELP, short_help="Look names up in an ACLED export or store.")
@click.argument("name", metavar="NAME")
@reference_option(
    required=True,
    help="An ACLED export (CSV, JSON, Parquet) or a store written by 'eventdata fetch'.",
)
@click.option(
    "--date",
    "on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The record's date (YYYY-MM-DD): names valid on it rank first.",
)
@click.option(
    "--kind",
    type=click.Choice(["any", "actor", "place"]),
    default="any",
    show_default=True,
    help="Look up actors, places or both.",
)
@click.option(
    "--limit", type=click.IntRange(min=1), default=5, show_default=True, help="Most matches."
)
@format_option("text: one match per line; json: a list of {name, kind, score, valid, detail}.")
@click.pass_context
def names(
    ctx: click.Context,
    name: str,
    reference: Path,
    on: dt.datetime | None,
    kind: str,
    limit: int,
    fmt: str,
) -> None:
    """Look actor and place names up in an ACLED export or store."""
    if not reference.exists():
        raise InputProblem(f"{reference}: no such file or directory")
    from eventdata.io.reference import NameReference

    day = on.date() if on is not None else None
    with readable_input(reference):
        found = NameReference.of(reference).lookup(name, on=day, kind=kind, limit=limit)  # type: ignore[arg-type]
    if fmt == "json":
        click.echo(dump_json([m.__dict__ for m in found]))
    elif not found:
        click.echo(f"no close match for {name!r} in {reference}", err=True)
    for match in found if fmt == "text" else ():
        click.echo(str(match))
    ctx.exit(0 if found else 1)
