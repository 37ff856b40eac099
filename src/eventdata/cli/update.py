"""``eventdata update``: bring a Parquet store of ACLED events up to date."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import click

from eventdata.cli.common import EXIT_ERRORS, dump_json, readable_input
from eventdata.cli.fetch import (
    CREDENTIALS_HELP,
    connection,
    query_arguments,
    query_options,
    refused,
)

__all__ = ["update"]

_UPDATE_HELP = (
    """\
Bring STORE up to date with ACLED's API: revised events replaced, new ones added,
deleted ones removed.

STORE is a Parquet file or dataset directory written by 'eventdata fetch' (or an
earlier update, or 'eventdata convert' of an export). The events with a timestamp
at or after the store's newest are downloaded with the query the store records
(query options replace it), and the deletions since the last update are applied.
The store is rewritten atomically: if anything fails, it stays as it was. A STORE
that does not exist is created from a full download of the query.

\b
Examples:
  eventdata update somalia.parquet
  eventdata update somalia.parquet --format json
  eventdata update kenya.parquet --country Kenya --start 2024-01-01

"""
    + CREDENTIALS_HELP
    + """
Exit code: 0 updated, 1 received rows break error rules (--on-invalid raise;
nothing written), 2 STORE unreadable, login refused, API failing, bad usage.
"""
)


@click.command(help=_UPDATE_HELP, short_help="Bring a Parquet store up to date with ACLED.")
@click.argument("store", type=click.Path(path_type=Path))
@query_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one summary line; json: the summary as a JSON document on stdout.",
)
@click.pass_context
def update(ctx: click.Context, /, store: Path, fmt: str, **options: Any) -> None:
    """Bring STORE up to date with ACLED's API."""
    from eventdata.exceptions import ValidationFailed
    from eventdata.sources.store import update as run

    arguments = query_arguments(options)
    refusal = None
    with readable_input(store, also=(ValueError,)), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the summary says the same
        try:
            summary = run(
                store,
                page_size=options["page_size"],
                on_invalid=options["on_invalid"],
                progress=options["progress"],
                **connection(options),
                **arguments,
            )
        except ValidationFailed as exc:
            refusal = str(exc)
    if refusal is not None:
        refused(refusal)
        ctx.exit(EXIT_ERRORS)
    if fmt == "json":
        click.echo(dump_json(summary.to_dict()))
    else:
        click.echo(str(summary))
